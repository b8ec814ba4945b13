"""Accounts of the web app: users with a role, API tokens for scripts, browser sessions.

Passwords are argon2 hashes; tokens and session ids are random and stored only as sha256
hashes. Five wrong passwords in a row lock an account for 15 minutes. Every change to an
account is audited like any other write."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from habeas.errors import HabeasError
from habeas.store.tables import Base

ROLES = ("viewer", "editor", "admin")       # each may do what the ones before it may
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
SESSION_FOR = timedelta(hours=12)
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


class WebSessionRow(_Secret, Base):
    __tablename__ = "web_sessions"


def _verified(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _user_json(user: UserRow, csrf: str | None = None) -> dict:
    return {"id": user.id, "name": user.name, "role": user.role, "csrf": csrf,
            "locked": bool(user.locked_until and user.locked_until > _now())}


class AccountsMixin:
    """The archive's accounts; mixed into `Archive`, whose session() and audit() it uses."""

    def add_user(self, name: str, role: str, password: str) -> dict:
        if role not in ROLES:
            raise HabeasError(f"unknown role {role!r}; one of: {', '.join(ROLES)}")
        if not name.strip() or len(password) < 10:
            raise HabeasError("a user needs a name and a password of at least 10 characters")
        with self.session() as session:
            if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
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
            user = session.scalar(select(UserRow).where(UserRow.name == name))
            if user is None:
                raise HabeasError(f"no user {name!r}")
            session.delete(user)
            self.audit(session, "user.delete", f"user:{name}", {"role": user.role}, None)

    def login(self, name: str, password: str) -> tuple[str, dict]:
        """A new session (its secret id, the user with a CSRF token) for the right password."""
        with self.session() as session:
            user = session.scalar(select(UserRow).where(UserRow.name == name))
            if user is None:
                _hasher.hash(password)     # the same time for an unknown name
            elif user.locked_until and user.locked_until > _now():
                raise HabeasError("too many failed logins: the account is locked for a while")
            elif _verified(user.password_hash, password):
                user.failed_logins, user.locked_until = 0, None
                token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
                session.add(WebSessionRow(user_id=user.id, token_hash=_digest(token), csrf=csrf,
                                          expires=_now() + SESSION_FOR))
                return token, _user_json(user, csrf)
            else:
                user.failed_logins += 1
                if user.failed_logins >= LOCK_AFTER:
                    user.locked_until, user.failed_logins = _now() + LOCK_FOR, 0
                    self.audit(session, "user.locked", f"user:{name}")
        # Reached after the transaction kept the failure count.
        raise HabeasError("wrong name or password")

    def logout(self, token: str) -> None:
        with self.session() as session:
            session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == _digest(token)))

    def session_user(self, token: str) -> dict | None:
        with self.session(write=False) as session:
            row = session.scalar(select(WebSessionRow).where(WebSessionRow.token_hash == _digest(token)))
            if row is None or (row.expires and row.expires < _now()):
                return None
            return _user_json(session.get(UserRow, row.user_id), row.csrf)

    def add_token(self, name: str, label: str | None = None) -> str:
        """A new API token for a user; shown once, stored as a hash."""
        with self.session() as session:
            user = session.scalar(select(UserRow).where(UserRow.name == name))
            if user is None:
                raise HabeasError(f"no user {name!r}")
            token = "hb_" + secrets.token_urlsafe(32)
            session.add(TokenRow(user_id=user.id, token_hash=_digest(token), label=label))
            self.audit(session, "token.add", f"user:{name}", None, {"label": label})
            return token

    def token_user(self, token: str) -> dict | None:
        with self.session(write=False) as session:
            row = session.scalar(select(TokenRow).where(TokenRow.token_hash == _digest(token)))
            return _user_json(session.get(UserRow, row.user_id)) if row else None
