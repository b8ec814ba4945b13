"""Accounts: names in one form, passwords that resist guessing, the last admin kept, tokens
that expire, can be listed and revoked and may be read-only, and a login throttle that slows
the guesser without locking the account."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from habeas.cli import app as cli
from habeas.errors import HabeasError
from habeas.store.accounts import TokenRow, _now, canonical_name, check_password
from habeas.web import create_app
from habeas.web.throttle import LoginThrottle

GOOD = "a long enough password"


@pytest.mark.parametrize("given, stored", [
    ("alice", "alice"),
    ("Alice", "alice"),
    ("  bob ", "bob"),
    ("ＡＬＩＣＥ", "alice"),          # full-width letters fold to the same name
    ("алиса", "алиса"),              # one script, Cyrillic: fine
    ("ana.k@ngo", "ana.k@ngo"),
])
def test_names_are_stored_in_one_form(given, stored):
    assert canonical_name(given) == stored


@pytest.mark.parametrize("given", ["аlice", "pаypal", "", "a b", "x" * 81, "nul\x00", "tab\tname", "semi;colon"])
def test_names_that_look_alike_or_are_odd_are_refused(given):
    with pytest.raises(HabeasError):
        canonical_name(given)


def test_one_account_per_name_whatever_its_case(archive):
    archive.add_user("alice", "viewer", GOOD)
    for again in ("Alice", " ALICE", "ａｌｉｃｅ"):
        with pytest.raises(HabeasError, match="exists already"):
            archive.add_user(again, "viewer", GOOD)
    token, user = archive.login("ALICE", GOOD)
    assert user["name"] == "alice"


@pytest.mark.parametrize("password, ok", [
    (GOOD, True),
    ("river coffee lantern", True),
    ("aaaaaaaaaaaa", False),            # long enough, but a repeat
    ("password1234", False),            # a common password
    ("qwertyuiop123", False),
    ("short", False),
    ("alicealice12", False),            # the user's own name
])
def test_password_rules(password, ok):
    if ok:
        check_password(password, "alice")
    else:
        with pytest.raises(HabeasError):
            check_password(password, "alice")


def test_the_last_admin_stays(archive):
    archive.add_user("root", "admin", GOOD)
    with pytest.raises(HabeasError, match="last admin"):
        archive.delete_user("root")
    archive.add_user("second", "admin", GOOD)
    archive.delete_user("root")
    with pytest.raises(HabeasError, match="last admin"):
        archive.delete_user("second")


def test_changing_a_password_ends_every_session(archive):
    archive.add_user("ana", "editor", GOOD)
    token, _ = archive.login("ana", GOOD)
    with pytest.raises(HabeasError, match="current password is wrong"):
        archive.change_password("ana", "another fine passphrase", old="not it")
    with pytest.raises(HabeasError, match="too weak"):
        archive.change_password("ana", "password1234", old=GOOD)
    archive.change_password("ana", "another fine passphrase", old=GOOD)
    assert archive.session_user(token) is None
    with pytest.raises(HabeasError):
        archive.login("ana", GOOD)
    assert archive.login("ana", "another fine passphrase")[1]["name"] == "ana"


def test_tokens_expire_are_listed_and_revoked(archive):
    archive.add_user("bot", "editor", GOOD)
    kept = archive.add_token("bot", "nightly", days=30)
    old = archive.add_token("bot", "old")
    listed = archive.tokens("bot")
    assert [(t["label"], t["scope"], t["expired"]) for t in listed] == [("nightly", "write", False),
                                                                         ("old", "write", False)]
    assert all("hb_" not in str(t) for t in listed)            # never the secret
    with archive.session() as session:
        session.execute(update(TokenRow).where(TokenRow.label == "old").values(expires=_now() - timedelta(days=1)))
    assert archive.token_user(old) is None and archive.token_user(kept)["name"] == "bot"
    archive.revoke_token(listed[0]["id"])
    assert archive.token_user(kept) is None
    with pytest.raises(HabeasError):
        archive.revoke_token(listed[0]["id"])


def test_a_read_only_token_reads_but_never_writes(archive):
    archive.add_user("bot", "admin", GOOD)
    web = create_app(archive, secret_key="test-secret")
    token = archive.add_token("bot", "reader", read_only=True)
    api = TestClient(web, headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/persons").status_code == 200
    refused = api.post("/api/v1/ingest", files={"file": ("a.txt", b"Some text.", "text/plain")})
    assert refused.status_code == 403 and "read-only" in refused.text


def test_the_account_page_changes_the_password(archive):
    import re
    archive.add_user("ana", "viewer", GOOD)
    web = create_app(archive, secret_key="test-secret")
    browser = TestClient(web, follow_redirects=False)
    csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/login").text).group(1)
    assert browser.post("/login", data={"name": "ana", "password": GOOD, "csrf": csrf}).status_code == 303
    page = browser.get("/account").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = {"old": GOOD, "new": "river coffee lantern", "again": "river coffee lantern", "csrf": csrf}
    weak = browser.post("/account/password", data={**form, "new": "aaaaaaaaaaaa", "again": "aaaaaaaaaaaa"})
    assert weak.status_code == 400 and "too weak" in weak.text
    assert browser.post("/account/password", data=form).status_code == 303
    assert browser.get("/account").status_code in (302, 303, 307)     # the session ended


@pytest.mark.parametrize("failures, waits", [
    (4, [0.0]),
    (5, [2.0]),
    (6, [4.0]),
    (7, [8.0]),
    (30, [900.0]),          # never more than the longest wait
])
def test_the_throttle_doubles_the_wait_after_the_free_tries(failures, waits):
    now = [1000.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for _ in range(failures):
        throttle.failed("203.0.113.9")
    assert [throttle.wait("203.0.113.9")] == waits
    assert throttle.wait("198.51.100.7") == 0.0          # another client is not slowed
    now[0] += waits[0]
    assert throttle.wait("203.0.113.9") == 0.0
    throttle.succeeded("203.0.113.9")
    throttle.failed("203.0.113.9")
    assert throttle.wait("203.0.113.9") == 0.0


def test_the_throttle_forgets_clients_past_its_size():
    throttle = LoginThrottle(max_clients=10, clock=lambda: 0.0)
    for i in range(50):
        throttle.failed(f"client-{i}")
    assert len(throttle._clients) <= 10


def test_cli_tokens_and_passwords(archive_url, monkeypatch):
    monkeypatch.setenv("HABEAS_DATABASE_URL", archive_url)
    runner = CliRunner()
    assert runner.invoke(cli, ["user", "add", "ana", "--role", "admin", "--password-stdin"],
                         input=GOOD + "\n").exit_code == 0
    weak = runner.invoke(cli, ["user", "add", "bob", "--password-stdin"], input="aaaaaaaaaaaaaa\n")
    assert weak.exit_code == 1 and "too weak" in weak.output
    added = runner.invoke(cli, ["token", "add", "ana", "--label", "ci", "--days", "7", "--read-only"])
    assert added.exit_code == 0 and added.output.startswith("hb_")
    listed = runner.invoke(cli, ["token", "list"])
    assert listed.exit_code == 0 and "ana  read  until" in listed.output and "hb_" not in listed.output
    token_id = listed.output.split()[0]
    assert runner.invoke(cli, ["token", "revoke", token_id]).exit_code == 0
    assert runner.invoke(cli, ["token", "list"]).output == ""
    changed = runner.invoke(cli, ["user", "password", "ana", "--password-stdin"], input="river coffee lantern\n")
    assert changed.exit_code == 0
    last = runner.invoke(cli, ["user", "delete", "ana"])
    assert last.exit_code == 1 and "last admin" in last.output
