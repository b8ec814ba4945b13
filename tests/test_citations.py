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
    # abbreviated articles and instruments
    ("She was tried under art. 212 CC for her posts.", "Uzbekistan",
     [("Criminal Code", "212", None, "Uzbekistan", None, None)]),
    ("The case falls under art. 130-2 part 1 CC.", "Belarus",
     [("Criminal Code", "130-2", "1", "Belarus", None, None)]),
    # the part after the instrument
    ("He was convicted under Article 293 of the Criminal Code, Part 2.", "Belarus",
     [("Criminal Code", "293", "2", "Belarus", None, None)]),
    # the instrument as the report names it
    ("Article 79 of the Penal Code punishes it.", "Vietnam", [("Penal Code", "79", None, "Vietnam", None, None)]),
    ("under Article 105 of the Criminal Law", "China", [("Criminal Law", "105", None, "China", None, None)]),
    ("an appeal under Article 400 of the Criminal Procedure Code", "Iran",
     [("Code of Criminal Procedure", "400", None, "Iran", None, None)]),
    ("a charge under Article 3 of the Anti-Terrorism Act", "Egypt",
     [("Anti-Terrorism Act", "3", None, "Egypt", None, None)]),
    ("under section 7 of the Public Order Ordinance", None,
     [("Public Order Ordinance", "7", None, None, None, None)]),
    ("Article 12 bis of the Penal Code", "Tunisia", [("Penal Code", "12 bis", None, "Tunisia", None, None)]),
    # treaties, with and without an article
    ("The detention breaches Articles 7 and 10 of the ICCPR.", "Iran",
     [("International Covenant on Civil and Political Rights", "7", None, None, None, None),
      ("International Covenant on Civil and Political Rights", "10", None, None, None, None)]),
    ("Lawyers said the ban violated the Universal Declaration of Human Rights.", "Iran",
     [("Universal Declaration of Human Rights", None, None, None, None, None)]),
    ("Her treatment is contrary to the UN Convention against Torture.", None,
     [("Convention against Torture", None, None, None, None, None)]),
    ("the ECHR ruled on Tuesday", None, []),
    # other orders of part and article
    ("She is charged under Part 3, Article 212 of the Criminal Code.", "Belarus",
     [("Criminal Code", "212", "3", "Belarus", None, None)]),
    ("under Article 174 para 2 of the Criminal Code", "Kazakhstan",
     [("Criminal Code", "174", "2", "Kazakhstan", None, None)]),
    ("Art. 130 of the Criminal Code, Part 3, punishes incitement.", "Belarus",
     [("Criminal Code", "130", "3", "Belarus", None, None)]),
    ("The lawyers asked Strasbourg to apply Rule 39 at the European Court of Human Rights.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    ("a section 3 notice from the landlord", None, []),
    # a bracketed aside that is no title stands between the article and its instrument
    ("Under Article 104 (point “b”, section 2) of the Prison Code the colony may do so.", "Russia",
     [("Prison Code", "104", None, "Russia", None, None)]),
    ("Article 9 (1) of the International Covenant on Civil and Political Rights was breached.", None,
     [("International Covenant on Civil and Political Rights", "9", None, None, None, None)]),
    ("She was held under Article 14 (sub-clause “c”) of the Penal Enforcement Code.", "Belarus",
     [("Penal Enforcement Code", "14", None, "Belarus", None, None)]),
    ("Article 3 (2016 wording) of the Kazakh Criminal Code applies.", None,
     [("Criminal Code", "3", None, "Kazakhstan", None, None)]),
    ("Rule 39 (“interim measures”, urgent) of the Rules of Court was applied.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    # a bare Rule 39 in a report that names the Strasbourg court elsewhere
    ("The European Court of Human Rights ruled in May. The decision follows a Rule 39 request.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    ("His lawyers went to the ECtHR. They asked for Rule 39 to be applied.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    ("A Rule 39 application was lodged. The Strasbourg court has not answered.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    ("Rule 39 was invoked on 3 March. Interim measures were granted the next day.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    ("The ECHR judges met. Under Rule 39 they may order a state to act.", None,
     [("Rules of Court of the European Court of Human Rights", "39", None, None, None, None)]),
    ("Under rule 12 of the club, members pay fees. The committee met in May.", None, []),
    ("Rule 5 of the prison regime bans phones in cells.", None, []),
    # an aside with no instrument after it leaves the bare article to the default code
    ("He was charged under Article 190 (“fraud”, 2 counts), his lawyer said.", "Russia",
     [("Criminal Code", "190", None, "Russia", None, None)]),
])
def test_citations(text, country, expected):
    assert cite(text, country) == expected


@pytest.mark.parametrize(("number", "expected"), [
    ("76", ("76", None)), ("282.2", ("282.2", None)), ("204.3.1", ("204", "3.1")),
    ("167-3.1", ("167-3", "1")), ("345(2)", ("345", "2")),
])
def test_article_numbers(number, expected):
    assert split_article(number) == expected
