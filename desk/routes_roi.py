"""Release of information's pages (roi/web) on the desk: the stage's routes are plain tuples
(path, permission, methods, handler, upload) so the stage never imports the desk; this module
turns them into RouteSpecs. Its static files are mounted by the app (``STATIC``)."""

from __future__ import annotations

from roi import web as roi_web
from roi.web.routes import ROUTES as _ROI_ROUTES

from desk.ctx import RouteSpec

ROUTES = [RouteSpec(path=p, handler=h, methods=m, permission=perm, upload=up) for p, perm, m, h, up in _ROI_ROUTES]
TEMPLATES = roi_web.TEMPLATES
STATIC = (roi_web.STATIC_PATH, roi_web.STATIC)
