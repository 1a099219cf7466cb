"""The output formats, one enum per medium: views (terminal table or data), problems, board papers.

Kept in a module of their own that imports nothing, so that the command line can offer them
without loading the renderers.
"""

from __future__ import annotations

from enum import StrEnum


class ViewFormat(StrEnum):
    """How a view prints: a table on the terminal, or JSON, CSV or Markdown (not every view has all)."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ProblemFormat(StrEnum):
    """How ``francis check`` prints problems."""

    text = "text"
    json = "json"
    github = "github"


class PaperFormat(StrEnum):
    """What ``francis report`` writes: Markdown, a self-contained HTML page, or a PDF printed from it."""

    markdown = "markdown"
    html = "html"
    pdf = "pdf"
