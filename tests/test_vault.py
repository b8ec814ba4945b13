"""The archive at rest: SQLCipher encryption (a seized laptop gives nothing away) and
encrypted backups that restore whole."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyrage
import pytest

from habeas.errors import HabeasError
from habeas.nlp.pipeline import default_extractor
from habeas.service import ingest
from habeas.store import backup as backups
from habeas.store.archive import Archive

NAME = "Dilnoza Qurbonova"
REPORT = (f"TITLE: A teacher in custody\nPUBLISHED: 2024-03-02\n\n"
          f"Teacher {NAME} was detained in Samarkand on 4 February 2024 and is held in a pretrial "
          "detention centre. Her husband said she suffers from asthma.")
KEY = "several words make a passphrase"


def extract_all(documents):
    return default_extractor().extract_many(documents)


def _files_of(path: Path) -> bytes:
    return b"".join(Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{path}{s}").exists())


def _habeas(*args, env=None):
    return subprocess.run([str(Path(sys.executable).with_name("habeas")), *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


# ---------------------------------------------------------------- encryption at rest

def test_an_encrypted_archive_holds_no_readable_name(tmp_path, write):
    db = tmp_path / "vault.db"
    archive = Archive.open(f"sqlite:///{db}", key=KEY)
    ingest(archive, [write("r.txt", REPORT)], extract_all)
    assert [p["name"] for p in archive.persons()] == [NAME]
    archive.engine.dispose()

    stored = _files_of(db)
    assert stored and NAME.encode() not in stored and b"Samarkand" not in stored
    assert not stored.startswith(b"SQLite format 3")


@pytest.mark.parametrize("key, error", [
    (None, "the archive is encrypted"),
    ("not the key at all", "wrong key"),
])
def test_an_encrypted_archive_opens_only_with_its_key(tmp_path, key, error):
    url = f"sqlite:///{tmp_path / 'vault.db'}"
    Archive.open(url, key=KEY).engine.dispose()
    with pytest.raises(HabeasError, match=error):
        Archive.open(url, key=key)
    assert Archive.open(url, key=KEY).persons() == []


def test_db_encrypt_converts_an_existing_archive(tmp_path, write):
    home = {"HABEAS_HOME": str(tmp_path / "home")}
    assert _habeas("ingest", write("r.txt", REPORT), env=home).returncode == 0
    db = tmp_path / "home" / "habeas.db"
    assert NAME.encode() in _files_of(db)

    done = _habeas("db", "encrypt", env={**home, "HABEAS_DB_KEY": KEY})
    assert done.returncode == 0, done.stderr
    assert NAME.encode() not in _files_of(db)

    locked = _habeas("persons", env=home)
    assert locked.returncode == 2 and "HABEAS_DB_KEY" in locked.stderr and "Traceback" not in locked.stderr
    opened = _habeas("persons", env={**home, "HABEAS_DB_KEY": KEY})
    assert opened.returncode == 0 and NAME in opened.stdout
    again = _habeas("db", "encrypt", env={**home, "HABEAS_DB_KEY": KEY})
    assert again.returncode == 1 and "already encrypted" in again.stderr


# ---------------------------------------------------------------- backups

@pytest.fixture
def age_pair():
    identity = pyrage.x25519.Identity.generate()
    return str(identity.to_public()), identity


def _snapshot(archive):
    persons = archive.persons(detained=None)
    return {
        "persons": [(p["name"], p["status"], sorted(p["aliases"])) for p in persons],
        "documents": [(d["title"], d["sha256"]) for d in archive.documents()],
        "cases": [archive.case_file(p["id"]) for p in persons],
        "users": [(u["name"], u["role"]) for u in archive.users()],
        "audit": [(a["actor"], a["action"], a["target"]) for a in reversed(archive.audit_log(limit=1000))],
    }


def test_backup_and_restore_round_trip(archive, write, tmp_path, age_pair):
    recipient, identity = age_pair
    ingest(archive, [write("r.txt", REPORT)], extract_all)
    person = archive.persons()[0]["id"]
    archive.review_fact(person, "status", None, "correct", corrected="released", note="checked with family")
    archive.add_user("ana", "admin", "a long enough password")
    before = _snapshot(archive)

    out = tmp_path / "archive.age"
    counts = backups.backup(archive, out, [recipient])
    assert counts["documents"] == 1 and counts["persons"] >= 1
    assert out.read_bytes().startswith(b"age-encryption.org/v1") and NAME.encode() not in out.read_bytes()

    restored = Archive.open(f"sqlite:///{tmp_path / 'restored.db'}", actor="tester")
    backups.restore(restored, out, [identity])
    after = _snapshot(restored)
    assert after["audit"][:-1] == before["audit"] and after["audit"][-1][1] == "restore"
    assert {k: v for k, v in after.items() if k != "audit"} == {k: v for k, v in before.items() if k != "audit"}
    assert restored.case_file(person)["status"] == "released"
    assert restored.original(1) == archive.original(1)
    assert restored.search("Samarkand")   # the search index is rebuilt with the rows


@pytest.mark.parametrize("mistake, error", [
    ("wrong identity", "cannot decrypt"),
    ("not empty", "not empty"),
    ("not a backup", "cannot decrypt"),
])
def test_restore_refuses(tmp_path, write, age_pair, mistake, error):
    recipient, identity = age_pair
    source = Archive.open(f"sqlite:///{tmp_path / 'a.db'}")
    ingest(source, [write("r.txt", REPORT)], extract_all)
    out = tmp_path / "b.age"
    backups.backup(source, out, [recipient])
    target = source if mistake == "not empty" else Archive.open(f"sqlite:///{tmp_path / 'new.db'}")
    if mistake == "wrong identity":
        identity = pyrage.x25519.Identity.generate()
    if mistake == "not a backup":
        out.write_bytes(b"plain text, not age")
    with pytest.raises(HabeasError, match=error):
        backups.restore(target, out, [identity])
    assert target is source or target.persons() == []


@pytest.mark.parametrize("recipient", ["", "age1notakey", "ssh-rsa AAAA"])
def test_backup_needs_a_real_recipient(archive, tmp_path, recipient):
    with pytest.raises(HabeasError):
        backups.backup(archive, tmp_path / "x.age", [recipient] if recipient else [])
    assert list(tmp_path.glob("*x.age*")) == []


def test_a_failed_backup_leaves_no_file(archive, write, tmp_path, age_pair, monkeypatch):
    ingest(archive, [write("r.txt", REPORT)], extract_all)
    real = backups._lines

    def failing(a):
        for i, line in enumerate(real(a)):
            if i == 3:
                raise RuntimeError("the disk went away")
            yield line
    monkeypatch.setattr(backups, "_lines", failing)
    out = tmp_path / "out" / "b.age"
    out.parent.mkdir()
    with pytest.raises(RuntimeError):
        backups.backup(archive, out, [age_pair[0]])
    assert list(out.parent.iterdir()) == []


def test_a_killed_backup_leaves_no_file(tmp_path, age_pair):
    """SIGKILL in the middle of writing: nothing under the name, nothing beside it."""
    out = tmp_path / "out" / "b.age"
    out.parent.mkdir()
    script = f"""
import time
from habeas.store import backup as b
from habeas.store.archive import Archive
def slow(archive):
    yield b._json({{"format": b.FORMAT, "habeas": "x", "rows": {{}}}})
    for i in range(100000):
        yield b._json({{"t": "failures", "r": {{"id": i}}}})
        time.sleep(0.001)
b._lines = slow
archive = Archive.open("sqlite:///{tmp_path / 'a.db'}")
print("started", flush=True)
b.backup(archive, {str(out)!r}, [{age_pair[0]!r}])
"""
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "started"
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert list(out.parent.iterdir()) == []


def test_cli_backup_and_restore(tmp_path, write, age_pair):
    recipient, identity = age_pair
    (tmp_path / "id.txt").write_text(f"# a comment line\n{identity}\n")
    home = {"HABEAS_HOME": str(tmp_path / "home")}
    assert _habeas("ingest", write("r.txt", REPORT), env=home).returncode == 0
    done = _habeas("backup", str(tmp_path / "b.age"), "--recipient", recipient, env=home)
    assert done.returncode == 0 and "1 documents" in done.stdout, done.stderr
    other = {"HABEAS_HOME": str(tmp_path / "other")}
    back = _habeas("restore", str(tmp_path / "b.age"), "--identity", str(tmp_path / "id.txt"), env=other)
    assert back.returncode == 0, back.stderr
    assert NAME in _habeas("persons", env=other).stdout
    missing = _habeas("backup", str(tmp_path / "c.age"), env=home)
    assert missing.returncode == 1 and "recipient" in missing.stderr and "Traceback" not in missing.stderr


def test_restore_into_either_backend_continues_its_ids(archive, write, tmp_path, age_pair):
    recipient, identity = age_pair
    source = Archive.open(f"sqlite:///{tmp_path / 'source.db'}")
    ingest(source, [write("r.txt", REPORT)], extract_all)
    backups.backup(source, tmp_path / "b.age", [recipient])
    backups.restore(archive, tmp_path / "b.age", [identity])
    assert [p["name"] for p in archive.persons()] == [NAME]
    archive.add_user("new", "viewer", "a long enough password")   # ids continue after the restored ones
    ingest(archive, [write("s.txt", REPORT.replace("Samarkand", "Bukhara"))], extract_all)
    assert archive.document_count() == 2
