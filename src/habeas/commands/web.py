"""`habeas serve`, `habeas user …`, `habeas token add`: the web app and its accounts."""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from typing import Annotated, Optional

import typer

from habeas.commands.common import DbOption, archive_key, fail, open_archive, or_exit, run_settings
from habeas.errors import HabeasError

app = typer.Typer()   # merged into the `habeas` command by habeas.cli

user_app = typer.Typer(help="Manage the web app's accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. Anything but loopback needs "
                                      "HABEAS_SECRET_KEY.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    secure_cookies: Annotated[bool, typer.Option("--secure-cookies", help="Mark session cookies Secure "
                                                 "(behind a TLS proxy).")] = False,
    workers: Annotated[Optional[int], typer.Option(min=1, max=64, help="Worker processes serving requests "
                                                   "(default: one per CPU core).", show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Serve the web app and the REST API (/api/v1). There are no default accounts: add one
    with `habeas user add NAME --role admin` first.

    Each worker process builds the app from the environment this command hands down
    (habeas.web.app.from_environment): the archive, its key, the session secret. Sessions,
    tokens and the login throttle live in the archive, so every worker honours them."""
    settings = run_settings()
    secret = settings.secret_key
    if not secret:
        if not _loopback(host):
            fail(f"refusing to listen on {host} without a secret key: set HABEAS_SECRET_KEY "
                  "(e.g. to the output of `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)")
            raise typer.Exit(2)
        secret = secrets.token_urlsafe(32)   # loopback only: sessions last until the server stops
    from habeas.store.archive import Archive
    try:
        url = settings.archive_url(db)
        key = archive_key(url)
        archive = Archive.open(url, key=key)      # brings the schema up to date once, here
    except HabeasError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    if not archive.users():
        fail("no accounts yet: add one with `habeas user add NAME --role admin`")
        raise typer.Exit(2)
    archive.engine.dispose()
    # What every worker reads (the environment of this process, inherited by its workers only).
    os.environ.update({"HABEAS_DATABASE_URL": url, "HABEAS_SECRET_KEY": secret,
                       "HABEAS_SECURE_COOKIES": "1" if secure_cookies else "0"})
    if key is not None:
        os.environ["HABEAS_DB_KEY"] = key
    import uvicorn
    count = workers or os.cpu_count() or 1
    # No access log: a line per request costs each worker time it serves no one (writes are
    # in the archive's audit log).
    if count == 1:
        uvicorn.run("habeas.web.app:from_environment", factory=True, host=host, port=port, log_level="info",
                    access_log=False)
        return
    import socket

    from uvicorn.supervisors import Multiprocess
    config = uvicorn.Config("habeas.web.app:from_environment", factory=True, host=host, port=port,
                            workers=count, log_level="info", access_log=False)
    sock = config.bind_socket()
    # uvicorn binds the workers' shared socket with protocol 0, so asyncio sets no TCP_NODELAY
    # on the connections they accept: every response then waits ~40 ms for a delayed ACK.
    # Connections accepted from a listening socket inherit its TCP_NODELAY.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The user's login name.", show_default=False)],
    role: Annotated[str, typer.Option(help="viewer (reads), editor (ingests and reviews) or admin "
                                      "(manages users, deletes).")] = "viewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from "
                                                 "standard input instead of asking.")] = False,
    db: DbOption = None,
) -> None:
    """Add an account of the web app (the password is asked for twice, never shown)."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else \
        typer.prompt("password", hide_input=True, confirmation_prompt=True)
    user = or_exit(lambda: open_archive(db).add_user(name, role, password))
    typer.echo(f"added {user['name']} ({user['role']})")


@user_app.command("list")
def user_list(db: DbOption = None) -> None:
    """List the accounts and their roles."""
    for user in open_archive(db).users():
        typer.echo(f"{user['name']}  {user['role']}")


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="The user whose password to set.", show_default=False)],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the new password from "
                                                 "standard input instead of asking.")] = False,
    db: DbOption = None,
) -> None:
    """Set a user's password (the user's sessions end). Needs access to the archive, as every
    command does: the web app's account page lets a user change their own."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else \
        typer.prompt("new password", hide_input=True, confirmation_prompt=True)
    or_exit(lambda: open_archive(db).change_password(name, password))
    typer.echo(f"password of {name} changed")

@user_app.command("delete")
def user_delete(name: Annotated[str, typer.Argument(help="The user to remove.", show_default=False)],
                db: DbOption = None) -> None:
    """Remove an account (its sessions and tokens go with it)."""
    or_exit(lambda: open_archive(db).delete_user(name))
    typer.echo(f"deleted {name}")


@token_app.command("add")
def token_add(
    name: Annotated[str, typer.Argument(help="The user the token acts for.", show_default=False)],
    label: Annotated[Optional[str], typer.Option(help="What the token is for.")] = None,
    days: Annotated[int, typer.Option(min=1, max=3650, help="Days until the token expires.")] = 90,
    read_only: Annotated[bool, typer.Option("--read-only", help="The token may only read, whatever "
                                            "the user's role.")] = False,
    db: DbOption = None,
) -> None:
    """Create an API token for scripts (`Authorization: Bearer TOKEN`); it is shown once."""
    typer.echo(or_exit(lambda: open_archive(db).add_token(name, label, days=days, read_only=read_only)))


@token_app.command("list")
def token_list(
    name: Annotated[Optional[str], typer.Argument(help="Only this user's tokens.", show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """List API tokens (never their secrets): id, user, scope, expiry, label."""
    for t in or_exit(lambda: open_archive(db).tokens(name)):
        state = "expired" if t["expired"] else f"until {t['expires']}"
        typer.echo(f"{t['id']}  {t['user']}  {t['scope']}  {state}  {t['label'] or ''}".rstrip())


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(help="The token's id (`habeas token list`).",
                                                         show_default=False)],
                 db: DbOption = None) -> None:
    """Revoke an API token at once."""
    or_exit(lambda: open_archive(db).revoke_token(token_id))
    typer.echo(f"revoked token {token_id}")
