"""The FastAPI application: pages for people, the API for scripts, one archive behind both.
Errors are translated here, once: a HabeasError is a 404 (or 400) page or JSON body."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import unquote_plus

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from habeas import __version__
from habeas.errors import HabeasError
from habeas.ingest.netpolicy import PUBLIC_ONLY, FetchPolicy
from habeas.outputs.render import attrs_text
from habeas.settings import load
from habeas.store.archive import Archive
from habeas.web import i18n
from habeas.web.auth import LoginRequired
from habeas.web.i18n import N_
from habeas.web.i18n import gettext as _
from habeas.web.throttle import LoginThrottle, SharedLoginThrottle

PACKAGE = resources.files("habeas.web")


def source_title(document: dict) -> str:
    """How a document is named on a page: its title, else its outlet, else its web address,
    else its number; never a file path on the server."""
    return (document.get("title") or document.get("outlet") or web_link(document.get("url"))
            or _("document #%(id)s") % {"id": document.get("id") or document.get("document")})


def web_link(url: str | None) -> str | None:
    """`url` when it is an http(s) address a page may link to; None otherwise."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def from_environment() -> FastAPI:
    """The app as each worker process of `habeas serve` builds it (uvicorn's factory): its
    settings from the environment `habeas serve` hands down: the archive (HABEAS_DATABASE_URL,
    HABEAS_DB_KEY for an encrypted one), the session secret (HABEAS_SECRET_KEY, the same in
    every worker, so a session cookie signed by one is good in all), HABEAS_SECURE_COOKIES, and
    HABEAS_HOME (the user's own procedures, illness lists and alerts.yml), passed to the app.

    What each worker keeps for itself: its database connections, its parsed templates,
    procedures and illness lists, SQLAlchemy's compiled statements. What they share, through
    the archive: accounts, sessions, API tokens and the login throttle's counts."""
    settings = load()     # read once, here (habeas.settings), and passed down
    if not settings.secret_key:
        raise HabeasError("HABEAS_SECRET_KEY is not set: start the web app with `habeas serve`")
    archive = Archive.open(settings.archive_url(), key=settings.db_key, upgrade=False)   # `serve` upgraded it
    return create_app(archive, secret_key=settings.secret_key, secure_cookies=settings.secure_cookies,
                      home=settings.home)


def create_app(archive: Archive, *, secret_key: str, secure_cookies: bool = False,
               fetch_policy: FetchPolicy = PUBLIC_ONLY, throttle: LoginThrottle | SharedLoginThrottle | None = None,
               home: Path | None = None) -> FastAPI:
    """`fetch_policy`: where URLs given to the ingest form and API may be fetched from
    (public addresses only; tests give one on a stub network). `throttle`: the login
    throttle, by default counting in the archive (shared by all processes serving it).
    `home`: the user's folder of their own procedures, illness lists and alerts.yml (the
    settings' HABEAS_HOME; None: the shipped ones alone)."""
    from habeas.web import api, outputs, pages

    app = FastAPI(title="Habeas", version=__version__, openapi_url=None, docs_url=None, redoc_url=None)
    app.state.archive, app.state.secret_key, app.state.secure_cookies = archive, secret_key, secure_cookies
    app.state.throttle = throttle or SharedLoginThrottle(archive=archive)
    app.state.fetch_policy, app.state.home = fetch_policy, home
    app.state.templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    app.state.templates.env.auto_reload = False     # shipped templates: no stat() per page
    app.state.templates.env.filters["attrs"] = attrs_text   # an event's details as the dossier words them
    app.state.templates.env.filters["source"] = source_title
    app.state.templates.env.filters["web_link"] = web_link
    i18n.install(app.state.templates.env)
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    app.include_router(pages.router)
    app.include_router(outputs.router)
    app.include_router(api.router, prefix="/api/v1")

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(HabeasError)
    async def not_found(request: Request, exc: HabeasError):
        status = 404 if str(exc).startswith("no ") else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return app.state.templates.TemplateResponse(request, "error.html", {"message": _(str(exc)), "user": None},
                                                    status_code=status)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, _exc: Exception):
        # An id beyond what the database can hold (SQLite: OverflowError; PostgreSQL: DataError).
        return await not_found(request, HabeasError(N_("no such item")))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/") or exc.status_code == 401:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        message = _("There is no such page.") if exc.status_code == 404 else _(str(exc.detail))
        return app.state.templates.TemplateResponse(request, "error.html", {"message": message, "user": None},
                                                    status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        # The API answers in JSON (422, the fields at fault); a browser gets a page: a bad id
        # in the address is a page that does not exist, a bad form or query value a 400.
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
            return await not_found(request, HabeasError(N_("no such item: the address holds no valid id")))
        fields = ", ".join(str(e["loc"][-1]) for e in exc.errors() if e.get("loc"))
        return await not_found(request, HabeasError(_("the request has a value that is not allowed (%(fields)s)")
                                                    % {"fields": fields}))

    app.add_middleware(_Guard, refuse=lambda scope, receive: not_found(
        Request(scope, receive), HabeasError(N_("the address holds a NUL character"))))
    return app


# Every response carries these.
SECURITY_HEADERS = [(b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                                 b"script-src 'self'; frame-ancestors 'none'"),
                    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                    (b"vary", b"Accept-Language, Cookie")]   # the page's language follows these


class _Guard:
    """Around every request, as plain ASGI (no task and no response object per request, as
    `@app.middleware` would make): a NUL anywhere in the path or query is the request's fault,
    a 400 (no text we store or search may hold one: PostgreSQL refuses it, and no report needs
    one); every response gets SECURITY_HEADERS. It also sets the browser's language (its
    cookie, else Accept-Language) until a route's user, who may have chosen one in their
    account, says otherwise (habeas.web.auth)."""

    def __init__(self, app, refuse):
        self.app, self.refuse = app, refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def guarded(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                message["headers"] = [*(h for h in message.get("headers", []) if h[0].lower() not in names),
                                      *SECURITY_HEADERS]
            await send(message)

        request = Request(scope)
        i18n.use(i18n.negotiate(request.cookies.get(i18n.COOKIE), request.headers.get("accept-language")))
        query = unquote_plus(scope.get("query_string", b"").decode("latin-1"))
        if "\x00" in scope["path"] or "\x00" in query:
            response = await self.refuse(scope, receive)
            return await response(scope, receive, guarded)
        await self.app(scope, receive, guarded)
