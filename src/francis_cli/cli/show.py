"""``francis show``: one recommendation, or one action, in full."""

from __future__ import annotations

from typing import Annotated

import typer

from .context import AsOf, console, day, load

HELP = """Show one recommendation with every organisation's rating and position and the actions
that cite it; or one action with its lead, due date, progress history and recommendations.

REF is a recommendation number (132, or SET:NUMBER like francis-2013:132) or an action
(ORG:ID like merton-ccg:3.2, or just 3.2 when only one organisation has it)."""

EPILOG = """\b
Examples:
  francis show 132
  francis show francis-2013:132
  francis show merton-ccg:3.2"""


def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="132, francis-2013:132 or merton-ccg:3.2")],
    as_of: AsOf = None,
) -> int:
    from ..render.console.show import action_page, recommendation_page
    from ..views import show as show_view

    view = show_view.show(load(ctx), ref, as_of=day(as_of, "--as-of"))
    out = console(ctx)
    if isinstance(view, show_view.RecommendationView):
        recommendation_page(out, view)
    else:
        action_page(out, view)
    return 0
