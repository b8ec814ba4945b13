"""Alerts fire exactly when their rules say and stay quiet otherwise, on a clock the tests
set. Reports (our own): a blogger arrested 3 March 2015 and sentenced in June 2015 to five
years; his wife's petition of 2 February 2024; hospitalised 5 February 2024; published
20 February 2024. Follow-ups: the petition rejected on 1 March 2024; released 1 April 2024."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from typer.testing import CliRunner

from habeas.alerts.rules import load_rules
from habeas.alerts.service import alerts
from habeas.cli import app
from habeas.errors import HabeasError
from habeas.service import ingest
from remedies_support import DATA, archive_of, extract_all

REPORT, ANSWER, RELEASE = (DATA / f"alerts_{n}.txt" for n in ("report", "answer", "release"))
RULES = ("no_news", "unanswered_petition", "serious_health", "sentence_end")


def fired(archive, today, **kwargs) -> set[str]:
    return {a["rule"] for a in alerts(archive, now=today, **kwargs)}


@pytest.fixture
def karimov(archive_url):
    archive = archive_of(archive_url, REPORT)
    yield archive
    archive.engine.dispose()


@pytest.mark.parametrize(("today", "expected"), [
    (date(2024, 2, 4), {"sentence_end"}),                       # the health event lies ahead
    (date(2024, 2, 5), {"sentence_end", "serious_health"}),
    (date(2024, 3, 3), {"sentence_end", "serious_health"}),     # petition: 30 days, not more
    (date(2024, 3, 4), {"sentence_end", "serious_health", "unanswered_petition"}),
    (date(2024, 5, 5), {"sentence_end", "serious_health", "unanswered_petition"}),  # 90 days ago
    (date(2024, 5, 6), {"sentence_end", "unanswered_petition"}),
    (date(2024, 8, 18), {"sentence_end", "unanswered_petition"}),  # 180 days since the report
    (date(2024, 8, 19), {"sentence_end", "unanswered_petition", "no_news"}),
])
def test_rules_on_a_controlled_clock(karimov, today, expected):
    assert fired(karimov, today) == expected


@pytest.mark.parametrize(("today", "expected"), [
    (date(2020, 3, 3), set()),                                  # five years from 3 March 2015 end today
    (date(2020, 3, 4), {"sentence_end"}),
])
def test_sentence_end(karimov, today, expected):
    assert fired(karimov, today, rules=load_rules(no_news={"enabled": False})) == expected


def test_alert_contents(karimov):
    found = {a["rule"]: a for a in alerts(karimov, now=date(2024, 8, 19))}
    assert [a["date"] for a in alerts(karimov, now=date(2024, 8, 19))] == [
        "2024-08-19", "2024-03-04", "2020-03-04"]           # the most recently due first
    petition = found["unanswered_petition"]
    assert petition["person"]["name"] == "Aziz Karimov"
    assert "Prosecutor General's Office" in petition["message"]
    assert petition["sources"][0]["evidence"].startswith("On 2 February 2024, his wife petitioned")
    assert "2015-03-03" in found["sentence_end"]["message"]


def test_since_keeps_alerts_due_from_that_day(karimov):
    assert fired(karimov, date(2024, 8, 19), since="2024-03-04") == {"unanswered_petition", "no_news"}
    assert fired(karimov, date(2024, 8, 19), since=date(2024, 8, 20)) == set()


def test_an_answer_silences_the_petition_and_a_release_the_sentence(archive_url):
    archive = archive_of(archive_url, REPORT, ANSWER)
    assert "unanswered_petition" not in fired(archive, date(2024, 4, 10))
    ingest(archive, [str(RELEASE)], extract_all)
    # Released: no sentence alert and no proof-of-life alert for someone no longer held.
    assert fired(archive, date(2025, 6, 1)) == set()
    archive.engine.dispose()


@pytest.mark.parametrize(("overrides", "today", "expected"), [
    ({"unanswered_petition": {"days": 60}}, date(2024, 4, 2), {"sentence_end", "serious_health"}),
    ({"unanswered_petition": {"days": 60}}, date(2024, 4, 3), {"sentence_end", "serious_health",
                                                               "unanswered_petition"}),
    ({"no_news": {"days": 30}}, date(2024, 3, 21), {"sentence_end", "serious_health", "unanswered_petition"}),
    ({"no_news": {"days": 30}}, date(2024, 3, 22), {"sentence_end", "serious_health", "unanswered_petition",
                                                    "no_news"}),
    ({"serious_health": {"enabled": False}, "sentence_end": {"enabled": False}}, date(2024, 2, 5), set()),
    ({"serious_health": {"words": ["cancer"]}}, date(2024, 2, 5), {"sentence_end"}),
])
def test_thresholds_are_configurable(karimov, overrides, today, expected):
    assert fired(karimov, today, rules=load_rules(**overrides)) == expected


def test_user_rules_file(karimov, tmp_path):
    (tmp_path / "alerts.yml").write_text("unanswered_petition:\n  days: 60\n", "utf-8")
    assert "unanswered_petition" in fired(karimov, date(2024, 3, 4))        # no home given: shipped rules
    assert "unanswered_petition" not in fired(karimov, date(2024, 3, 4), home=tmp_path)
    (tmp_path / "alerts.yml").write_text("unanswered_petition:\n  days: soon\n", "utf-8")
    with pytest.raises(HabeasError, match=r"alerts.yml: unanswered_petition.days: Input should be a valid integer"):
        load_rules(tmp_path)


def test_new_report_about_a_watched_person(archive_url):
    archive = archive_of(archive_url, REPORT)
    later = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(hours=1)
    rules = load_rules(**{r: {"enabled": False} for r in RULES})
    assert alerts(archive, now=later, rules=rules) == []
    archive.watch(archive.find_person("Aziz Karimov"))
    assert alerts(archive, now=later, rules=rules) == []        # nothing new since the watch began
    ingest(archive, [str(ANSWER)], extract_all)
    (alert,) = alerts(archive, now=later, rules=rules)
    assert alert["rule"] == "watched_report" and "Prosecutors turn down release request" in alert["message"]
    archive.engine.dispose()


def test_alerts_command(karimov, archive_url):
    runner = CliRunner()
    result = runner.invoke(app, ["alerts", "--db", archive_url, "--today", "2024-03-04", "--since", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert "Petition without an answer: Aziz Karimov" in result.output
    assert "Sentence served" not in result.output
    result = runner.invoke(app, ["alerts", "--db", archive_url, "--since", "March"])
    assert result.exit_code == 2 and "is not a date" in result.output


DEADLINE, TERMS = DATA / "alerts_deadline.txt", DATA / "alerts_terms.txt"


@pytest.fixture
def sorokin_and_tursunov(archive_url):
    archive = archive_of(archive_url, DEADLINE, TERMS)
    yield archive
    archive.engine.dispose()


@pytest.mark.parametrize(("today", "expected"), [
    # A court refused on 20 October 2024: its decision is appealed within 15 days, by 4 November.
    (date(2024, 10, 20), None),
    (date(2024, 10, 21), "file by 2024-11-04 (14 days left"),
    (date(2024, 11, 4), "file by 2024-11-04 (0 days left"),
    (date(2024, 11, 5), None),                                   # passed: no longer ahead
])
def test_filing_deadline_within_days(sorokin_and_tursunov, today, expected):
    found = [a for a in alerts(sorokin_and_tursunov, now=today) if a["rule"] == "filing_deadline"]
    if expected is None:
        assert found == []
    else:
        (alert,) = found
        assert alert["person"]["name"] == "Pavel Sorokin" and expected in alert["message"]
        assert "Criminal Procedure Code art. 389.4 part 1" in alert["message"]
        assert "Code of Administrative Procedure" not in alert["message"]   # no claim against a court's refusal


@pytest.mark.parametrize(("today", "fires"), [
    (date(2022, 3, 2), False),          # two years from the arrest: the added year is still to serve
    (date(2023, 3, 1), False),
    (date(2023, 3, 2), True),           # two years and an additional year, counted from 1 March 2020
])
def test_consecutive_terms_add_up(sorokin_and_tursunov, today, fires):
    found = [a for a in alerts(sorokin_and_tursunov, now=today) if a["rule"] == "sentence_end"]
    assert bool(found) == fires
    if fires:
        assert "2 years and 1 years term counted from 2020-03-01 ended by 2023-03-01" in found[0]["message"]


def test_one_alert_per_person_and_rule(sorokin_and_tursunov):
    found = alerts(sorokin_and_tursunov, now=date(2026, 6, 1))
    keys = [(a["rule"], a["person"]["id"]) for a in found]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("name", "detained", "status", "events", "expected"), [
    ("Rustam Tursunov", True, "unknown", [{"type": "arrest"}], True),
    ("Rustam Tursunov", True, "imprisoned", [], True),
    ("Rustam Tursunov", False, "unknown", [{"type": "arrest"}], False),
    ("La Prisión", True, "unknown", [], False),                    # nothing told of a detention
    ("Phnom Penh", True, "imprisoned", [{"type": "sentence"}], False),   # a place read as a name
    ("Uzbekistan", True, "pretrial", [{"type": "arrest"}], False),
    ("Hizmetbiz", True, "pretrial", [{"type": "charge"}], False),  # one word: a movement or a website
])
def test_alerts_only_for_detained_persons(name, detained, status, events, expected):
    from habeas.alerts.service import is_detainee
    assert is_detainee({"name": name, "detained": detained, "status": status}, events) is expected


def test_an_undated_petition_counts_from_its_report(archive_url, tmp_path):
    report = tmp_path / "undated.txt"
    report.write_text("URL: https://example.org/reports/undated\nTITLE: Plea for a jailed teacher\n"
                      "OUTLET: Test Monitor\nPUBLISHED: 2024-05-02\n\n"
                      "The teacher Lola Nazarova is serving a seven-year sentence in a prison in Uzbekistan.\n"
                      "Her sister petitioned the prison administration to let a doctor examine her.\n", "utf-8")
    archive = archive_of(archive_url, report)
    assert "unanswered_petition" not in fired(archive, date(2024, 6, 1))
    (alert,) = [a for a in alerts(archive, now=date(2024, 6, 2)) if a["rule"] == "unanswered_petition"]
    assert "told on 2024-05-02" in alert["message"] and alert["date"] == "2024-06-02"
    archive.engine.dispose()


@pytest.mark.parametrize(("start", "term", "end"), [
    (date(2020, 2, 29), {"years": 4}, date(2024, 2, 29)),          # a leap day to a leap day
    (date(2020, 2, 29), {"years": 3}, date(2023, 2, 28)),
    (date(2023, 11, 30), {"months": 3}, date(2024, 2, 29)),         # the month's last day, leap year
    (date(2023, 11, 30), {"months": 3, "days": 1}, date(2024, 3, 1)),  # the days after the months
    (date(2021, 6, 15), {"years": 2, "months": 6}, date(2023, 12, 15)),
])
def test_a_sentence_term_counts_calendar_years_and_months(start, term, end):
    from habeas.alerts.service import _add_term
    assert _add_term(start, term) == end
