"""Every page of the records desk, in one list.

A package that adds pages to the desk adds its route module's name to ``ROUTE_MODULES``; that
is the only place the app learns of it. A route module exposes ``ROUTES`` (``RouteSpec``s made
with ``desk.ctx.route``) and may expose ``STATIC`` (URL path, folder) of its static files, ``TEMPLATES``, a folder of Jinja2 templates its pages
render (searched after the desk's own ``desk/templates``, so a module cannot shadow the desk's
templates by accident: name them after the module, e.g. ``roi_request.html``), and ``NAV``,
links for the main navigation as ``(label, path, permission)`` (shown to users whose role has
the permission, after the desk's own links). Route modules import ``desk.ctx`` for ``Ctx`` and
``route``, never ``desk.app``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from desk.ctx import RouteSpec

ROUTE_MODULES = (
    "desk.routes_auth",
    "desk.routes_review",
    "desk.routes_docs",
    "desk.routes_viewer",  # the document viewer: turning pages, duplicates side by side
    "desk.routes_chart",  # patient search and the chart
    "desk.routes_signatures",  # the physician's signature queue (chart deficiencies)
    "desk.routes_chart_audit",  # chart audit: checklists, results, random samples (chart.audit)
    "desk.routes_admin",
    "desk.routes_uploads",  # an upload's status page and its JSON
    "desk.routes_users",
    "desk.routes_integration",
    "desk.routes_retention",  # retention, destruction with approval, legal holds (chart/)
    "desk.routes_roi",  # release of information (roi/web)
    "reports.web",  # the department's reports (reports/)
)


def modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in ROUTE_MODULES]


def all_routes() -> list[RouteSpec]:
    return [spec for module in modules() for spec in module.ROUTES]


def template_dirs() -> list[Path]:
    return [Path(module.TEMPLATES) for module in modules() if getattr(module, "TEMPLATES", None)]


def nav_links() -> list[tuple[str, str, str]]:
    return [tuple(link) for module in modules() for link in getattr(module, "NAV", ())]


def static_mounts() -> list[tuple[str, Path]]:
    """(URL path, folder) of static files a route module serves (``STATIC``)."""
    return [(m.STATIC[0], Path(m.STATIC[1])) for m in modules() if getattr(m, "STATIC", None)]
