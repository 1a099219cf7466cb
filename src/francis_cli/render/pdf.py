"""The paper printed to PDF with WeasyPrint (the optional ``pdf`` extra): tagged, for a public board pack.

A board paper a trust publishes must be an accessible document (the Public Sector Bodies
Accessibility Regulations), so the PDF is PDF/UA-1 through WeasyPrint's own support: a structure
tree with the HTML's headings, lists and table header cells, the language of ``<html lang>``, the
title and author of its ``<head>`` in the metadata, and bookmarks from the headings. A chart is
printed as an image whose ``alt`` is the chart's whole text alternative, which WeasyPrint tags as a
Figure with that Alt (an inline SVG would keep only its short ``<title>``).
"""

from __future__ import annotations

import base64
import logging
from html import escape
from typing import Any

from markupsafe import Markup

from ..errors import UserError
from ..views.charts import Chart
from .charts import chart_svg

PDF_HINT = "PDF output needs WeasyPrint: pip install 'francis-cli[pdf]'"
PDF_VARIANT = "pdf/ua-1"


def pdf_engine() -> Any:
    """WeasyPrint, or a one-line UserError saying how to get it (checked before any work is done)."""
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise UserError(PDF_HINT) from None
    except OSError as err:  # installed, but its system libraries (Pango) are missing
        raise UserError(f"WeasyPrint cannot load its system libraries ({err}); install Pango") from None
    return weasyprint


def chart_figure(chart: Chart) -> Markup:
    """The chart as the PDF prints it: the same SVG, as a ``data:`` image whose ``alt`` says every number."""
    svg = base64.b64encode(chart_svg(chart).encode("utf-8")).decode("ascii")
    return Markup(f'<img class="chart" src="data:image/svg+xml;base64,{svg}" alt="{escape(chart.desc)}">')


def _no_fetching(weasyprint: Any) -> Any:
    """A URL fetcher for ``data:`` URLs only: a template's ``<img src="https://...">`` or
    ``<a rel="attachment" href="file:///...">`` must neither call out nor embed a local file."""
    if hasattr(weasyprint, "URLFetcher"):  # newer WeasyPrint: a class with allowed_protocols
        return weasyprint.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"not fetched: {url[:60]}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def to_pdf(html: str) -> bytes:
    """Print the HTML paper to a tagged PDF (PDF/UA-1) with WeasyPrint."""
    weasyprint = pdf_engine()
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetching(weasyprint))
        pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    finally:
        logger.setLevel(level)
    return pdf
