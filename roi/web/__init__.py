"""The release-of-information pages. The web app includes them with ``ROUTES`` (path,
permission, methods, handler, takes-a-file) and searches ``TEMPLATES``; ``STATIC`` is served
under /roi/static. Handlers get the app's request context (``ctx``: engine, store, user,
render) and change state only through roi's services."""

from pathlib import Path

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_PATH = "/roi/static"
