"""What every terminal view shares: the console francis prints through, and how leads are named."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich.console import Console


def make_console(color: bool = True, width: int | None = None) -> Console:
    return Console(
        no_color=not color or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        markup=False,
        width=width,
        soft_wrap=False,
    )


def leads_text(leads: Sequence[tuple[str, str]]) -> str:
    return "; ".join(role if role == title else f"{role} ({title})" for role, title in leads) or "—"
