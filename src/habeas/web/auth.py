"""Who is asking, and may they: a role on every route, checked on the server.

Browsers carry a session cookie (HttpOnly, SameSite=Strict, Secure behind TLS) and send a
CSRF token with every form; scripts send `Authorization: Bearer TOKEN`. Nothing is open: a
route without a user answers 401 (API) or sends the browser to the login page."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Query, Request
from itsdangerous import BadSignature, Signer

from habeas.store.accounts import ROLES
from habeas.store.visibility import Visibility
from habeas.web import i18n
from habeas.web.i18n import N_

COOKIE = "habeas_session"
# The login form's CSRF token rides in a cookie of its own (double submit): no session yet.
LOGIN_COOKIE = "habeas_login"


@dataclass(frozen=True)
class User:
    name: str
    role: str
    csrf: str | None      # None for API tokens: no cookie, no CSRF to check
    by_cookie: bool
    read_only: bool = False   # an API token of the read scope
    locale: str | None = None  # the interface language the user chose (None: their browser's)

    def may(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


class LoginRequired(Exception):
    """A page asked for without a session: the browser goes to the login page."""


def _signer(secret: str) -> Signer:
    return Signer(secret, salt="habeas.cookie", digest_method=hashlib.sha256)


def sign(secret: str, token: str) -> str:
    """`token` and its HMAC-SHA256 under `secret` (itsdangerous), for a cookie."""
    return _signer(secret).sign(token).decode()


def unsign(secret: str, value: str) -> str | None:
    """The token of a cookie `sign` wrote with `secret`; None for anything else."""
    try:
        token = _signer(secret).unsign(value).decode()
    except BadSignature:
        return None
    return token or None


def current_user(request: Request) -> User | None:
    archive, secret = request.app.state.archive, request.app.state.secret_key
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = archive.token_user(header[7:].strip())
        return User(found["name"], found["role"], None, False, found["scope"] == "read") if found else None
    token = unsign(secret, request.cookies.get(COOKIE, ""))
    found = archive.session_user(token) if token else None
    return User(found["name"], found["role"], found["csrf"], True, locale=found.get("locale")) if found else None


def require(role: str):
    """A dependency: the request's user, who must hold `role` (or a higher one). Writes by a
    browser must also carry the session's CSRF token (form field or X-CSRF-Token header)."""

    async def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            if request.url.path.startswith("/api/"):
                raise HTTPException(401, "log in or send an API token", headers={"WWW-Authenticate": "Bearer"})
            raise LoginRequired()
        i18n.use(user.locale)          # the language chosen in the account wins over the browser's
        if not user.may(role):
            raise HTTPException(403, NEEDS[role])
        if user.read_only and request.method not in ("GET", "HEAD"):
            raise HTTPException(403, "this API token is read-only")
        if user.by_cookie and request.method not in ("GET", "HEAD"):
            sent = request.headers.get("x-csrf-token")
            if sent is None and request.headers.get("content-type", "").startswith(
                    ("application/x-www-form-urlencoded", "multipart/form-data")):
                sent = (await request.form()).get("csrf")
            if not sent or not hmac.compare_digest(str(sent), user.csrf or ""):
                raise HTTPException(403, N_("missing or wrong CSRF token: reload the page"))
        return user
    return Depends(dependency)


viewer, editor, admin = require("viewer"), require("editor"), require("admin")
# Why a route refused a role (translated on the HTML error page).
NEEDS = {"viewer": N_("this needs the viewer role"), "editor": N_("this needs the editor role"),
         "admin": N_("this needs the admin role")}


def seeing(*, output: bool = False):
    """A dependency: what the request's user (any role) sees, the one rule of
    habeas.store.visibility; `output`: what is seen leaves the app (an export, a dossier)."""

    async def dependency(user: User = viewer, confidential: bool = Query(
            False, description="Admins: include confidential items and the sources a report names.")) -> Visibility:
        return Visibility.of(user.role, asked=confidential, output=output)
    return Depends(dependency)


sees, sees_output = seeing(), seeing(output=True)
