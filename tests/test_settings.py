"""Every setting from the environment is declared once (habeas.settings): each variable reads
as its setting, an empty one as unset, and a bad value stops an entry point with one line
naming the variable."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from habeas.cli import app as cli
from habeas.commands import common
from habeas.settings import SettingsError, load

VARIABLES = ["HABEAS_HOME", "HABEAS_DATABASE_URL", "HABEAS_DB_KEY", "HABEAS_SECRET_KEY", "HABEAS_SECURE_COOKIES",
             "HABEAS_BACKUP_RECIPIENT", "HABEAS_TEST_DATABASE_URL"]


@pytest.fixture
def env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)
    return set_


@pytest.mark.parametrize(("variables", "setting", "expected"), [
    ({"HABEAS_HOME": "/srv/habeas"}, "home", Path("/srv/habeas")),
    ({"HABEAS_HOME": ""}, "home", Path.home() / ".local" / "share" / "habeas"),
    ({}, "home", Path.home() / ".local" / "share" / "habeas"),
    ({"HABEAS_DATABASE_URL": "sqlite:///tmp/a.db"}, "database_url", "sqlite:///tmp/a.db"),
    ({"HABEAS_DATABASE_URL": ""}, "database_url", None),
    ({"HABEAS_DB_KEY": "four long words here"}, "db_key", "four long words here"),
    ({"HABEAS_DB_KEY": ""}, "db_key", None),
    ({"HABEAS_SECRET_KEY": "s3cret"}, "secret_key", "s3cret"),
    ({}, "secret_key", None),
    ({"HABEAS_SECURE_COOKIES": "1"}, "secure_cookies", True),
    ({"HABEAS_SECURE_COOKIES": "true"}, "secure_cookies", True),
    ({"HABEAS_SECURE_COOKIES": "0"}, "secure_cookies", False),
    ({"HABEAS_SECURE_COOKIES": ""}, "secure_cookies", False),
    ({}, "secure_cookies", False),
    ({"HABEAS_BACKUP_RECIPIENT": "age1one,age1two"}, "backup_recipient", ["age1one", "age1two"]),
    ({"HABEAS_BACKUP_RECIPIENT": "age1one,"}, "backup_recipient", ["age1one"]),
    ({}, "backup_recipient", []),
    ({"HABEAS_TEST_DATABASE_URL": ""}, "test_database_url", ""),      # set empty: PostgreSQL off
    ({}, "test_database_url", None),
    ({"DATABASE_URL": "sqlite:///other.db"}, "database_url", None),   # only HABEAS_ names count
])
def test_each_variable_is_its_setting(env, variables, setting, expected):
    env(**variables)
    assert getattr(load(), setting) == expected


@pytest.mark.parametrize(("given", "home", "expected"), [
    (None, "/h", "sqlite:////h/habeas.db"),
    ("postgresql://u@db/x", "/h", "postgresql+psycopg://u@db/x"),
    ("postgres://u@db/x", "/h", "postgresql+psycopg://u@db/x"),
    ("sqlite:///given.db", "/h", "sqlite:///given.db"),
])
def test_the_archive_url(env, tmp_path, given, home, expected):
    env(HABEAS_HOME=str(tmp_path / home.strip("/")))
    assert load().archive_url(given) == expected.replace("/h/", f"{tmp_path}/h/")


@pytest.mark.parametrize(("variable", "value"), [
    ("HABEAS_SECURE_COOKIES", "maybe"),
    ("HABEAS_SECURE_COOKIES", "2"),
    ("HABEAS_SECURE_COOKIES", "yes please"),
])
def test_a_bad_value_is_one_line_naming_the_variable(env, variable, value):
    env(**{variable: value})
    with pytest.raises(SettingsError) as error:
        load()
    message = str(error.value)
    assert message.startswith(variable + ":") and "\n" not in message


@pytest.mark.parametrize("url", ["mysql://u@h/db", "http://example.org/db"])
def test_an_unsupported_database_url_is_refused(env, url):
    env(HABEAS_DATABASE_URL=url)
    with pytest.raises(Exception, match="unsupported database URL"):
        load().archive_url()


def test_the_command_stops_on_a_bad_setting(env):
    env(HABEAS_SECURE_COOKIES="maybe")
    result = CliRunner().invoke(cli, ["persons"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: HABEAS_SECURE_COOKIES: Input should be a valid boolean, unable to interpret input (got 'maybe')"]


def test_the_command_reads_its_settings_once_per_run(env, tmp_path):
    env(HABEAS_HOME=str(tmp_path / "first"))
    assert CliRunner().invoke(cli, ["persons"]).exit_code == 0
    assert (tmp_path / "first" / "habeas.db").exists()    # the run's archive is in its HABEAS_HOME
    env(HABEAS_HOME=str(tmp_path / "second"))             # and the next run reads them again
    assert CliRunner().invoke(cli, ["persons"]).exit_code == 0
    assert (tmp_path / "second" / "habeas.db").exists()
    assert common._run is None                             # a run's settings are not kept after it


def test_the_web_worker_stops_on_a_bad_setting(env):
    from habeas.web.app import from_environment
    env(HABEAS_SECRET_KEY="x" * 32, HABEAS_SECURE_COOKIES="perhaps")
    with pytest.raises(SettingsError, match=r"^HABEAS_SECURE_COOKIES: "):
        from_environment()


def test_the_web_worker_passes_its_home_down(env, tmp_path):
    from habeas.store.archive import Archive
    from habeas.web.app import from_environment
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    Archive.open(url).engine.dispose()
    env(HABEAS_SECRET_KEY="x" * 32, HABEAS_DATABASE_URL=url, HABEAS_HOME=str(tmp_path / "home"))
    app = from_environment()
    assert app.state.home == tmp_path / "home"     # where remedies and alerts find the user's files
    app.state.archive.engine.dispose()


def test_the_command_passes_its_home_down(env, tmp_path):
    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "mine.yml").write_text("not: [a procedure", "utf-8")
    env(HABEAS_HOME=str(tmp_path))
    result = CliRunner().invoke(cli, ["procedures", "check"])
    assert result.exit_code == 1 and "mine.yml" in result.stderr      # the user's file was read


def test_a_secret_is_never_repeated_in_an_error():
    with pytest.raises(SettingsError) as error:
        load(db_key=["not", "a", "string"])
    assert str(error.value).startswith("HABEAS_DB_KEY:") and "not" not in str(error.value).split(":", 1)[1]
