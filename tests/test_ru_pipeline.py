"""Whole Russian reports (our own, invented): persons with nominative names and Latin
aliases, events with their dates and attributes, language dispatch, and one case file for
an English and a Russian report about the same person."""

import pytest

import habeas
from habeas.model import Document
from habeas.nlp.pipeline import default_extractor
from habeas.nlp.ru.language import is_russian
from habeas.nlp.ru.persons import latin
from habeas.service import ingest

REPORT_RU = """Правозащитник Азимжан Аскаров, 68 лет, отбывает пожизненное заключение в колонии № 47 в Бишкеке. \
Его задержали в июне 2010 года, а в сентябре того же года суд приговорил его к пожизненному заключению \
по обвинению в организации массовых беспорядков. В сентябре у Аскарова диагностировали туберкулёз. \
Через две недели его этапировали в тюремную больницу. Его жена Хадича Аскарова подала ходатайство \
в Генеральную прокуратуру с просьбой освободить мужа по болезни на основании статьи 76 Уголовного кодекса. \
20 октября прокуратура отказала в удовлетворении ходатайства. Об этом сообщает Азаттык."""

REPORT_RU_2 = """Журналистку Марину Ковалёву задержали в Минске 3 марта 2023 года. Её обвиняют в участии \
в экстремистском формировании. Летом 2023 года Ковалёва объявила голодовку в СИЗО-1. Суд приговорил её \
к шести годам колонии общего режима. Как рассказала «Медиазоне» её мать Ольга, в колонии журналистку \
неоднократно помещали в ШИЗО. С декабря ей запрещены свидания с родными, её местонахождение неизвестно."""

REPORT_RU_3 = """Бывший политзаключённый Тимур Алиев скончался 14 февраля 2022 года. Его освободили в январе \
по помилованию. Адвокат Сергей Петров заявил, что в колонии Алиева избивали."""


@pytest.fixture(scope="module")
def cases():
    docs = [Document(text=t, published=p) for t, p in
            ((REPORT_RU, "2024-11-05"), (REPORT_RU_2, None), (REPORT_RU_3, None))]
    return list(default_extractor().extract_many(docs))


def _events(case):
    return {(e.type, e.date) for e in case.events}


def test_language_and_names(cases):
    first = cases[0]
    assert first.document.language == "ru"
    detainees = {p.name: p for p in first.persons if p.detained}
    assert set(detainees) == {"Азимжан Аскаров"}
    askarov = detainees["Азимжан Аскаров"]
    assert "Azimzhan Askarov" in askarov.aliases and "Аскаров" in askarov.aliases
    assert askarov.age == 68 and askarov.status == "imprisoned"
    assert askarov.sentence is not None and askarov.sentence.life
    assert askarov.conditions == ["туберкулез"]
    assert askarov.charges == ["организация массовых беспорядков"]
    assert "колония № 47 в Бишкеке" in askarov.facilities
    wife = next(p for p in first.persons if p.name == "Хадича Аскарова")
    assert not wife.detained


def test_events_dates_and_attributes(cases):
    first = cases[0]
    assert {("arrest", "2010-06"), ("sentence", "2010-09"), ("health", "2024-09"),
            ("response", "2024-10-20")} <= _events(first)
    petition = next(e for e in first.events if e.type == "petition")
    assert petition.attrs["by"] == "жена"
    assert petition.attrs["to"] == ["Генеральная прокуратура"]
    assert petition.attrs["basis"] == ["Criminal Code art. 76"]
    response = next(e for e in first.events if e.type == "response")
    assert response.attrs["outcome"] == "rejected"
    assert [c.article for c in first.citations] == ["76"]
    assert [s.name for s in first.sources] == ["Азаттык"]


def test_case_forms_and_relatives(cases):
    second = cases[1]
    detainees = [p for p in second.persons if p.detained]
    assert [p.name for p in detainees] == ["Марина Ковалёва"]   # «Марину Ковалёву» in the nominative, with its ё
    assert detainees[0].sentence is not None and detainees[0].sentence.years == 6
    types = {e.type for e in second.events}
    assert {"arrest", "charge", "hunger_strike", "sentence", "ill_treatment", "denial",
            "disappearance"} <= types
    assert all(e.persons == ["Марина Ковалёва"] for e in second.events)  # not her mother's
    assert ("hunger_strike", "2023-SU") in _events(second)


def test_death_after_release(cases):
    third = cases[2]
    aliev = next(p for p in third.persons if p.name == "Тимур Алиев")
    assert aliev.detained and aliev.status == "deceased"
    assert {("death", "2022-02-14"), ("release", "2022-01")} <= _events(third)
    lawyer = next(p for p in third.persons if p.name == "Сергей Петров")
    assert not lawyer.detained


@pytest.mark.parametrize(("text", "expected"), [
    ("Он был задержан в Москве.", True),
    ("He was detained in Moscow (Москва).", False),
])
def test_language_detected_without_header(text, expected):
    assert is_russian(Document(text=text)) is expected


def test_extract_language_keyword():
    case = habeas.extract("Активиста Ивана Сидорова задержали 5 мая 2021 года.", language="ru")
    assert case.document.language == "ru"
    assert [(e.type, e.date) for e in case.events] == [("arrest", "2021-05-05")]


@pytest.mark.parametrize(("name", "expected"), [
    ("Азимжан Аскаров", "Azimzhan Askarov"),
    ("Андрей Власов", "Andrey Vlasov"),
    ("Юрий Дмитриев", "Yury Dmitriyev"),
    ("Елена Ёлкина", "Yelena Yolkina"),
    ("Жанар Ахметова", "Zhanar Akhmetova"),
    ("Пётр Навальный", "Pyotr Navalny"),              # -ый at the end of a word, as the press writes it
    ("ОЛЕГ СЕНЦОВ", "OLEG SENTSOV"),
    ("Ғалым Қасымов", "Ghalym Qasymov"),              # Kazakh letters: data/translit.yml
    ("Алесь Бяляцкі", "Ales Byalyatski"),             # a Belarusian і
])
def test_latin(name, expected):
    assert latin(name) == expected


def test_english_and_russian_reports_make_one_person(archive, write):
    english = ("TITLE: English report\nPUBLISHED: 2023-05-02\n\n"
               "Land activist Zhanar Akhmetova was arrested in Almaty in April 2023 and sentenced to five years "
               "in prison. Akhmetova, 46, is held in a colony in Petropavl.")
    russian = ("TITLE: Русский репортаж\nPUBLISHED: 2023-09-10\n\n"
               "Активистку Жанар Ахметову задержали в Алматы в апреле 2023 года. Суд приговорил Ахметову "
               "к пяти годам лишения свободы. В сентябре она объявила голодовку.")
    summary = ingest(archive, [write("en.txt", english), write("ru.txt", russian)],
                     lambda docs: default_extractor().extract_many(docs))
    assert len(summary.new) == 2 and not summary.failed
    persons = archive.persons()
    assert len(persons) == 1
    assert {d["title"] for d in persons[0]["documents"]} == {"English report", "Русский репортаж"}
