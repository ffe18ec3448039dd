"""The department's reports (issue 15.6): queries over the shared tables, SVG charts, the
``/reports`` desk page, CSV/JSON export and ``himflow report``. Read-only: nothing here writes."""
