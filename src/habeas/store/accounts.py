"""Accounts of the web app: users with a role, API tokens for scripts, browser sessions.

Passwords are argon2 hashes, at least 12 characters and not guessable (zxcvbn, which knows the
common and breached passwords); tokens and session ids are random and stored only as sha256
hashes, tokens expire and may be read-only. User names are compared in one form (NFKC,
case-folded) and a name mixing scripts with look-alike letters ("аlice" with a Cyrillic а) is
refused. Wrong passwords never lock an account (a stranger could keep anyone out): the web app
slows down the client that sends them (habeas.web.throttle). The last admin cannot be removed.
Every change to an account is audited like any other write."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from confusable_homoglyphs import confusables
from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from habeas.errors import HabeasError
from habeas.store.tables import Base

ROLES = ("viewer", "editor", "admin")       # each may do what the ones before it may
SESSION_FOR = timedelta(hours=12)
TOKEN_DAYS = 90
MIN_PASSWORD = 12
MIN_STRENGTH = 3               # zxcvbn's score, 0 to 4: 3 is "safely unguessable" online and offline
SCOPES = ("read", "write")
NAME_CHARS = re.compile(r"^[\w.@-]{1,80}$")
LOCALES = ("en", "ru")         # the languages of the web interface; a user without one gets the browser's
MAX_SAVED = 100                # saved searches per user
SEARCH_KEYS = ("q", "country", "facility", "status", "event", "since", "until")
_hasher = PasswordHasher()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(Text)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    created: Mapped[datetime] = mapped_column(default=_now)
    locale: Mapped[str | None] = mapped_column(String(8))


class SavedSearchRow(Base):
    """A search (its words and facets) a user saved under a name, to return to it."""
    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("user_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    params: Mapped[dict] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(default=_now)


class _Secret:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str | None] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=_now)
    expires: Mapped[datetime | None] = mapped_column()


class TokenRow(_Secret, Base):
    __tablename__ = "api_tokens"
    scope: Mapped[str] = mapped_column(String(10), default="write", server_default="write")


class WebSessionRow(_Secret, Base):
    __tablename__ = "web_sessions"


class LoginFailureRow(Base):
    """Failed logins of one client address (its sha256): the web app's login throttle, shared
    by every worker process of `habeas serve` (habeas.web.throttle.SharedLoginThrottle)."""
    __tablename__ = "login_failures"
    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    until: Mapped[float] = mapped_column(Float)
    last: Mapped[float] = mapped_column(Float)


def _verified(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def canonical_name(name: str) -> str:
    """A user name in the one form it is stored and compared in; a HabeasError for a name
    that is empty, has spaces or odd characters, or mixes scripts with look-alike letters."""
    canonical = unicodedata.normalize("NFKC", name).strip().casefold()
    if not NAME_CHARS.match(canonical):
        raise HabeasError("a user name is 1 to 80 letters, digits or . _ @ - (no spaces)")
    if confusables.is_dangerous(canonical):
        raise HabeasError(f"the user name {name.strip()!r} mixes scripts with look-alike letters")
    return canonical


def check_password(password: str, name: str) -> None:
    """A HabeasError saying why a password is refused: too short, or guessable."""
    if len(password) < MIN_PASSWORD:
        raise HabeasError(f"a password needs at least {MIN_PASSWORD} characters (a few words are best)")
    from zxcvbn import zxcvbn
    verdict = zxcvbn(password[:200], user_inputs=[name, "habeas"])
    if verdict["score"] < MIN_STRENGTH:
        why = verdict["feedback"].get("warning") or "it is too easy to guess"
        raise HabeasError(f"the password is too weak: {why.rstrip('.')}. Try a few unrelated words.")


def _user_json(user, csrf: str | None = None, scope: str = "write") -> dict:
    """A user as the front ends see them, from a UserRow or a row of its columns."""
    return {"id": user.id, "name": user.name, "role": user.role, "csrf": csrf, "scope": scope,
            "locale": user.locale}


def _token_json(token: TokenRow, user: str) -> dict:
    return {"id": token.id, "user": user, "label": token.label, "scope": token.scope,
            "created": token.created.isoformat(timespec="seconds"),
            "expires": token.expires.isoformat(timespec="seconds") if token.expires else None,
            "expired": bool(token.expires and token.expires < _now())}


def _saved_json(row: SavedSearchRow) -> dict:
    return {"id": row.id, "name": row.name, "params": dict(row.params),
            "created": row.created.isoformat(timespec="seconds")}


class AccountsMixin:
    """The archive's accounts; mixed into `Archive`, whose session() and audit() it uses."""

    def add_user(self, name: str, role: str, password: str) -> dict:
        if role not in ROLES:
            raise HabeasError(f"unknown role {role!r}; one of: {', '.join(ROLES)}")
        name = canonical_name(name)
        check_password(password, name)
        with self.session() as session:
            if self._user(session, name, missing_ok=True) is not None:
                raise HabeasError(f"user {name!r} exists already")
            user = UserRow(name=name, role=role, password_hash=_hasher.hash(password))
            session.add(user)
            session.flush()
            self.audit(session, "user.add", f"user:{name}", None, {"role": role})
            return _user_json(user)

    def users(self) -> list[dict]:
        with self.session(write=False) as session:
            return [_user_json(u) for u in session.scalars(select(UserRow).order_by(UserRow.name))]

    def delete_user(self, name: str) -> None:
        with self.session() as session:
            user = self._user(session, name)
            if user.role == "admin" and session.scalar(
                    select(func.count()).select_from(UserRow).where(UserRow.role == "admin")) <= 1:
                raise HabeasError(f"{user.name!r} is the last admin: add another admin first")
            session.delete(user)
            self.audit(session, "user.delete", f"user:{user.name}", {"role": user.role}, None)

    def change_password(self, name: str, new: str, *, old: str | None = None) -> None:
        """Set a user's password; with `old`, only if it is right (a user changing their own).
        Every session of the user ends."""
        with self.session() as session:
            user = self._user(session, name)
            if old is not None and not _verified(user.password_hash, old):
                raise HabeasError("the current password is wrong")
            check_password(new, user.name)
            user.password_hash = _hasher.hash(new)
            session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user.id))
            self.audit(session, "user.password", f"user:{user.name}")

    def set_locale(self, name: str, locale: str | None) -> None:
        """The language a user's web pages are in (one of LOCALES; None: their browser's)."""
        if locale is not None and locale not in LOCALES:
            raise HabeasError(f"unknown language {locale!r}; one of: {', '.join(LOCALES)}")
        with self.session() as session:
            user = self._user(session, name)
            if user.locale != locale:
                self.audit(session, "user.locale", f"user:{user.name}", {"locale": user.locale}, {"locale": locale})
                user.locale = locale

    def save_search(self, name: str, title: str, params: dict) -> dict:
        """Save a search of user `name` under `title` (the same title again replaces it);
        `params`: its words and facets (SEARCH_KEYS), empty values left out."""
        title = " ".join(title.split())
        if not 1 <= len(title) <= 100:
            raise HabeasError("a saved search needs a name of 1 to 100 characters")
        unknown = set(params) - set(SEARCH_KEYS)
        if unknown:
            raise HabeasError(f"a saved search holds only {', '.join(SEARCH_KEYS)}, not {', '.join(sorted(unknown))}")
        kept = {k: str(params[k])[:500] for k in SEARCH_KEYS if params.get(k) not in (None, "")}
        with self.session() as session:
            user = self._user(session, name)
            row = session.scalar(select(SavedSearchRow).where(SavedSearchRow.user_id == user.id,
                                                              SavedSearchRow.name == title))
            if row is None:
                count = session.scalar(select(func.count()).select_from(SavedSearchRow)
                                       .where(SavedSearchRow.user_id == user.id))
                if count >= MAX_SAVED:
                    raise HabeasError(f"{user.name!r} has {MAX_SAVED} saved searches: delete one first")
                row = SavedSearchRow(user_id=user.id, name=title, params=kept)
                session.add(row)
            else:
                row.params = kept
            session.flush()
            return _saved_json(row)

    def saved_searches(self, name: str) -> list[dict]:
        """User `name`'s saved searches, by name."""
        with self.session(write=False) as session:
            rows = session.scalars(select(SavedSearchRow).join(UserRow, UserRow.id == SavedSearchRow.user_id)
                                   .where(UserRow.name == canonical_name(name)).order_by(SavedSearchRow.name))
            return [_saved_json(r) for r in rows]

    def delete_saved_search(self, name: str, search_id: int) -> None:
        """Delete one of user `name`'s saved searches (another user's is not found)."""
        with self.session() as session:
            user = self._user(session, name)
            done = session.execute(delete(SavedSearchRow).where(SavedSearchRow.id == search_id,
                                                                SavedSearchRow.user_id == user.id))
            if not done.rowcount:
                raise HabeasError(f"no saved search {search_id}")

    def login(self, name: str, password: str) -> tuple[str, dict]:
        """A new session (its secret id, the user with a CSRF token) for the right password.
        One answer for an unknown name and a wrong password, in the same time."""
        try:
            name = canonical_name(name)
        except HabeasError:
            name = ""
        with self.session() as session:
            user = self._user(session, name, missing_ok=True) if name else None
            if user is None:
                _hasher.hash(password)     # the same time for an unknown name
            elif _verified(user.password_hash, password):
                token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
                session.add(WebSessionRow(user_id=user.id, token_hash=_digest(token), csrf=csrf,
                                          expires=_now() + SESSION_FOR))
                return token, _user_json(user, csrf)
        raise HabeasError("wrong name or password")

    def logout(self, token: str) -> None:
        with self.session() as session:
            session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == _digest(token)))

    def session_user(self, token: str) -> dict | None:
        with self.session(write=False) as session:
            # The session and its user in one query of plain rows: every request asks.
            found = session.execute(select(WebSessionRow.expires, WebSessionRow.csrf, UserRow.id, UserRow.name,
                                           UserRow.role, UserRow.locale).join(UserRow, UserRow.id == WebSessionRow.user_id)
                                    .where(WebSessionRow.token_hash == _digest(token))).first()
            if found is None or (found.expires and found.expires < _now()):
                return None
            return _user_json(found, found.csrf)

    def add_token(self, name: str, label: str | None = None, *, days: int = TOKEN_DAYS,
                  read_only: bool = False) -> str:
        """A new API token for a user, valid for `days`; shown once, stored as a hash."""
        if not 1 <= days <= 3650:
            raise HabeasError("a token is valid for 1 to 3650 days")
        with self.session() as session:
            user = self._user(session, name)
            token = "hb_" + secrets.token_urlsafe(32)
            scope = "read" if read_only else "write"
            session.add(TokenRow(user_id=user.id, token_hash=_digest(token), label=label, scope=scope,
                                 expires=_now() + timedelta(days=days)))
            self.audit(session, "token.add", f"user:{user.name}", None,
                       {"label": label, "scope": scope, "days": days})
            return token

    def tokens(self, name: str | None = None) -> list[dict]:
        """The API tokens (never their secrets), of one user or of all."""
        with self.session(write=False) as session:
            query = select(TokenRow, UserRow.name).join(UserRow, UserRow.id == TokenRow.user_id)
            if name is not None:
                query = query.where(UserRow.name == canonical_name(name))
            return [_token_json(t, u) for t, u in session.execute(query.order_by(TokenRow.id))]

    def revoke_token(self, token_id: int) -> None:
        with self.session() as session:
            row = session.get(TokenRow, token_id)
            if row is None:
                raise HabeasError(f"no token {token_id}")
            session.delete(row)
            self.audit(session, "token.revoke", f"token:{token_id}", {"label": row.label}, None)

    def token_user(self, token: str) -> dict | None:
        with self.session(write=False) as session:
            found = session.execute(select(TokenRow.expires, TokenRow.scope, UserRow.id, UserRow.name, UserRow.role,
                                           UserRow.locale).join(UserRow, UserRow.id == TokenRow.user_id)
                                    .where(TokenRow.token_hash == _digest(token))).first()
            if found is None or (found.expires and found.expires < _now()):
                return None
            return _user_json(found, scope=found.scope)

    def login_wait(self, client: str, now: float) -> float:
        """Seconds `client` must still wait before its next login attempt (0: it may)."""
        with self.session(write=False) as session:
            until = session.scalar(select(LoginFailureRow.until).where(LoginFailureRow.client == _digest(client)))
            return max(0.0, until - now) if until is not None else 0.0

    def login_failed(self, client: str, now: float, delay: Callable[[int], float], forget_after: float) -> None:
        """One more failed login of `client`: it must wait `delay(failures)` seconds from `now`
        (0: not yet). Clients quiet for `forget_after` seconds are forgotten (the table stays small).
        Two workers counting the same client count both (one upsert each); no other write waits."""
        key = _digest(client)
        upsert = (postgresql_insert if self.engine.dialect.name == "postgresql" else sqlite_insert)(LoginFailureRow)
        with self.session() as session:
            # Rows another transaction holds are left to a later failure (no waiting on it).
            forgotten = select(LoginFailureRow.client).where(
                LoginFailureRow.last < now - forget_after, LoginFailureRow.until < now)
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.client.in_(
                forgotten.with_for_update(skip_locked=True))))
            failures = session.execute(upsert.values(client=key, failures=1, until=0.0, last=now).on_conflict_do_update(
                index_elements=[LoginFailureRow.client],
                set_={"failures": LoginFailureRow.failures + 1, "last": now}).returning(LoginFailureRow.failures)
            ).scalar_one()
            if wait := delay(failures):
                session.execute(update(LoginFailureRow).where(LoginFailureRow.client == key).values(until=now + wait))

    def login_succeeded(self, client: str) -> None:
        with self.session() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.client == _digest(client)))

    @staticmethod
    def _user(session, name: str, *, missing_ok: bool = False) -> UserRow | None:
        user = session.scalar(select(UserRow).where(UserRow.name == canonical_name(name)))
        if user is None and not missing_ok:
            raise HabeasError(f"no user {name!r}")
        return user
