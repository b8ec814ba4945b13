"""Legal citations: instrument, article, part, jurisdiction, title, date."""

import pytest

from habeas.nlp.citations import find_citations, split_article


def cite(text, country=None):
    return [(c.instrument, c.article, c.part, c.jurisdiction, c.title, c.date)
            for c in find_citations(text, lambda _: text, country)]


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("She was charged under Article 205 of the Criminal Code.", "Kazakhstan",
     [("Criminal Code", "205", None, "Kazakhstan", None, None)]),
    ("They relied on Article 76 (“Release from Punishment Due to Serious Illness”) of "
     "Turkmenistan’s Criminal Code.", None,
     [("Criminal Code", "76", None, "Turkmenistan", "Release from Punishment Due to Serious Illness", None)]),
    ("They invoked Article 12 of the Criminal Code (“Self-Defence”) in court.", "Georgia",
     [("Criminal Code", "12", None, "Georgia", "Self-Defence", None)]),
    ("He was convicted under Part 2 of Article 280.", "Russia",
     [("Criminal Code", "280", "2", "Russia", None, None)]),
    ("The charges fall under Articles 174 and 179 of the Kazakh Criminal Code.", None,
     [("Criminal Code", "174", None, "Kazakhstan", None, None),
      ("Criminal Code", "179", None, "Kazakhstan", None, None)]),
    ("Article 166 of the Penal Enforcement Code lists the grounds.", "Turkmenistan",
     [("Penal Enforcement Code", "166", None, "Turkmenistan", None, None)]),
    ("He was fined under Article 345 of the Code of Administrative Offenses.", None,
     [("Code of Administrative Offences", "345", None, None, None, None)]),
    ("a bare administrative Article 20.2 case", None,
     [("Code of Administrative Offences", "20.2", None, None, None, None)]),
    ("Articles 204.3.1 and 167-3.1 carry long terms.", "Azerbaijan",
     [("Criminal Code", "204", "3.1", "Azerbaijan", None, None),
      ("Criminal Code", "167-3", "1", "Azerbaijan", None, None)]),
    ("The family cited a presidential decree of March 2, 2015 on pardons.", "Turkmenistan",
     [("Presidential decree", None, None, "Turkmenistan", None, "2015-03-02")]),
    ("Uzbekistan’s constitution guarantees the right.", None,
     [("Constitution", None, None, "Uzbekistan", None, None)]),
    ("Nothing legal is cited in this sentence about the weather.", None, []),
])
def test_citations(text, country, expected):
    assert cite(text, country) == expected


@pytest.mark.parametrize(("number", "expected"), [
    ("76", ("76", None)), ("282.2", ("282.2", None)), ("204.3.1", ("204", "3.1")),
    ("167-3.1", ("167-3", "1")), ("345(2)", ("345", "2")),
])
def test_article_numbers(number, expected):
    assert split_article(number) == expected
