"""Temporal expressions: what a report says -> the ISO value with its precision kept."""

import pytest

from habeas.nlp.dates import PartialDate, normalise, parse_iso, resolve

PUBLISHED = PartialDate(2024, 11, 5)


@pytest.mark.parametrize(("text", "published", "previous", "expected"), [
    ("in March 2019", None, None, "2019-03"),
    ("on 4 February 2021", None, None, "2021-02-04"),
    ("February 4, 2021", None, None, "2021-02-04"),
    ("In 2016", None, None, "2016"),
    ("the winter of 2020", None, None, "2020-WI"),
    ("in the autumn of 2018", None, None, "2018-FA"),
    ("summer 2023", None, None, "2023-SU"),
    ("late 2022", None, None, "2022"),
    ("Sept. 5, 2019", None, None, "2019-09-05"),
    ("Oct 2024", None, None, "2024-10"),
    ("12.03.2018", None, None, "2018-03-12"),          # numeric dates are day-first
    ("27/01/2017", None, None, "2017-01-27"),
    # no year in the text: the publication date gives it, else it stays unknown
    ("In August", PUBLISHED, None, "2024-08"),
    ("In December", PUBLISHED, None, "2023-12"),       # after publication: the year before
    ("on March 3", None, None, "XXXX-03-03"),
    ("On March 3", None, PartialDate(2015), "XXXX-03-03"),
    # relative to the publication date
    ("last year", PUBLISHED, None, "2023"),
    ("yesterday", PUBLISHED, None, "2024-11-04"),
    ("three years ago", PUBLISHED, None, "2021"),
    ("on Thursday", PUBLISHED, None, "2024-10-31"),     # the last Thursday up to publication
    # relative to the previous event
    ("three weeks later", None, PartialDate(2015, 4), "2015-04"),
    ("ten days later", None, PartialDate(2015, 4, 25), "2015-05-05"),
    ("Later that year", None, PartialDate(2015, 4), "2015"),
    ("shortly afterwards", None, PartialDate(2015, 4), "2015"),
    ("the following year", None, PartialDate(2015, 4), "2016"),
    ("The day after his arrest", None, PartialDate(2021, 3, 9), "2021-03-10"),
    # months are calendar months (dateutil), not 30 days; a month past its end keeps the last day
    ("two months later", None, PartialDate(2019, 1, 31), "2019-03-31"),
    ("a month later", None, PartialDate(2020, 1, 31), "2020-02-29"),
    ("six months later", None, PartialDate(2022, 8, 15), "2023-02-15"),
    ("two months later", None, PartialDate(2019, 5), "2019-07"),
])
def test_resolved_dates(text, published, previous, expected):
    expr = normalise(text)
    assert expr is not None
    assert resolve(expr, published, previous).iso() == expected


@pytest.mark.parametrize("text", [
    "19 years", "a 12-year", "seven months", "the last few weeks", "up to 10 years",
    "age 41", "63", "five days", "nearly a decade", "8 1/2 years",
])
def test_durations_and_ages_are_never_dates(text):
    assert normalise(text) is None


@pytest.mark.parametrize("text", ["recently", "earlier", "in recent weeks"])
def test_vague_expressions_have_no_date(text):
    expr = normalise(text)
    assert expr is not None and resolve(expr, PUBLISHED, None) is None


@pytest.mark.parametrize(("value", "precision"), [
    ("2012", "year"), ("2012-06", "month"), ("2012-06-14", "day"), ("2024-SU", "season"),
    ("XXXX-10-20", "day"),
])
def test_iso_round_trip_keeps_precision(value, precision):
    parsed = parse_iso(value)
    assert parsed.iso() == value
    assert parsed.precision == precision


@pytest.mark.parametrize(("text", "previous", "expected"), [
    # a count of days, weeks or months before or after a named event
    ("Two weeks after his arrest", PartialDate(2022, 3, 1), "2022-03-15"),
    ("three days after the verdict", PartialDate(2019, 6, 28), "2019-07-01"),
    ("a few weeks prior to the amnesty", PartialDate(2016, 10, 22), "2016-10-08"),
    ("a week before her trial", PartialDate(2020, 2, 10), "2020-02-03"),
    ("ten days after that ruling", PartialDate(2021, 5, 5), "2021-05-15"),
    ("two months after his detention", PartialDate(2018, 4), "2018-06"),
])
def test_counted_dates_relative_to_a_named_event(text, previous, expected):
    expr = normalise(text)
    assert expr is not None and expr.kind == "previous"
    assert resolve(expr, None, previous).iso() == expected


@pytest.mark.parametrize("text", [
    "in the months after his arrest",     # no count: no date
    "for weeks before the trial",
    "two weeks",                          # a duration
    "several months in detention",
])
def test_uncounted_spans_around_an_event_are_no_dates(text):
    expr = normalise(text)
    assert expr is None or expr.kind == "vague"


@pytest.mark.parametrize(("text", "expected"), [
    # a range of days is dated by its first day
    ("on the night of March 3–4, 2022", "2022-03-03"),
    ("from 12 to 19 October 2020", "2020-10-12"),
    ("between 5 and 7 June 2023", "2023-06-05"),
    ("on 21-22 August 2019", "2019-08-21"),
    ("from the 2nd to the 9th of May 2021", None),    # not a form we read: no wrong date
])
def test_day_ranges_date_by_their_first_day(text, expected):
    expr = normalise(text)
    got = resolve(expr, None, None).iso() if expr is not None and expr.kind == "absolute" else None
    assert got == expected


# ---- the forms read without dateparser read as dateparser reads them ------------------------

FAST = ["march 2019", "sept 2020", "sep. 2021", "may 2000",
        "february 4, 2021", "february 4 2021", "feb. 4, 2021", "june 30th 2000", "august 1st, 2017",
        "4 february 2021", "24th oct 2000", "2nd sept. 2019", "31 december 1999",
        "february 29 2000", "29 february 2024"]
# not read by the fast path: an impossible day, a comma after the month, two days, words
SLOW = ["february 29 2001", "june 31 2019", "june, 2000", "14 june, 2000", "june. 2000",
        "november 9 and 10 2000", "june 5, minutes 2000", "coming june 2000", "april-may 2000"]


@pytest.mark.parametrize("text", FAST + SLOW)
def test_common_forms_are_read_as_dateparser_reads_them(text, monkeypatch):
    from habeas.nlp import dates
    parsed = dates._PARSER.get_date_data(text)
    expected = None if parsed is None or parsed.date_obj is None else \
        (parsed.date_obj.month, parsed.date_obj.day, parsed.period)
    assert dates.month_day(text) == expected
    monkeypatch.setattr(dates._PARSER, "get_date_data", lambda _: None)   # the fast path alone
    assert dates.month_day(text) == (expected if text in FAST else None)

