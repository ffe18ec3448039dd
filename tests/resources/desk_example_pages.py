"""A route module from outside the desk, as another package would add one (desk/routes.py):
its routes, its templates folder and a navigation link. Used by tests/unit/test_desk_pages_hook.py."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import Response

from desk.ctx import Ctx, route

TEMPLATES = Path(__file__).parent / "desk_example_templates"
NAV = (("Example pages", "/example", "audit"),)


@route("/example", "audit")
def example_page(ctx: Ctx) -> Response:
    return ctx.render("desk_example.html", greeting="hello from the example package template")


ROUTES = [example_page]
