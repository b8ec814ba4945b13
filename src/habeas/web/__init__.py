"""The web app and REST API: FastAPI, server-rendered Jinja2 pages with HTMX, the archive's
service methods behind every route, a role required on every route."""

from habeas.web.app import create_app

__all__ = ["create_app"]
