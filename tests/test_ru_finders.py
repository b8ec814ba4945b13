"""Russian finders, one table each: dates, facilities, terms, citations, charges, conditions,
sources. All sentences are our own."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habeas.nlp.dates import PartialDate
from habeas.nlp.ru.analysis import analyse
from habeas.nlp.ru.charges import find_charges
from habeas.nlp.ru.citations import find_citations
from habeas.nlp.ru.conditions import find_conditions
from habeas.nlp.ru.dates import find_dates, resolve
from habeas.nlp.ru import facilities
from habeas.nlp.ru.facilities import find_facilities
from habeas.nlp.ru.sources import find_sources
from habeas.nlp.ru.terms import find_terms

PUBLISHED = PartialDate(2024, 11, 5)


@pytest.mark.parametrize(("text", "published", "previous", "expected"), [
    ("Его задержали в сентябре.", PUBLISHED, None, "2024-09"),
    ("Суд состоялся 20 октября.", None, None, "XXXX-10-20"),
    ("Летом 2024 года его этапировали.", None, None, "2024-SU"),
    ("Это случилось в июне 2012 года.", None, None, "2012-06"),
    ("Её арестовали 3 марта 2021 года.", None, None, "2021-03-03"),
    ("В декабре его перевели.", PUBLISHED, None, "2023-12"),       # after publication: the year before
    ("Через две недели его перевели.", None, PartialDate(2015, 4), "2015-04"),
    ("Через десять дней его отпустили.", None, PartialDate(2015, 4, 25), "2015-05-05"),
    ("В том же году его осудили.", None, PartialDate(2015, 4), "2015"),
    ("В 2019 году он вышел на свободу.", None, None, "2019"),
    ("В прошлом году его судили.", PUBLISHED, None, "2023"),
    ("Три года назад его задержали.", PUBLISHED, None, "2021"),
    ("В мае прошлого года его избили.", PUBLISHED, None, "2023-05"),
    ("Приговор вынесли 12.03.2018.", None, None, "2018-03-12"),
    ("Осенью 2020 года он объявил голодовку.", None, None, "2020-FA"),
    ("В начале февраля 2023 года его задержали.", None, None, "2023-02"),
    # a range of days: its first day
    ("С 3 по 15 марта он отказывался от еды.", None, None, "XXXX-03-03"),
    ("С 12 до 20 июня 2022 года её держали в ШИЗО.", None, None, "2022-06-12"),
    ("3–5 мая 2023 года его избивали.", None, None, "2023-05-03"),
    ("Со 2 по 9 октября его допрашивали.", PUBLISHED, None, "2024-10-02"),
    ("Его задержали 15 марта.", None, None, "XXXX-03-15"),            # a single day stays one
])
def test_dates(text, published, previous, expected):
    found = [t for t in find_dates(text) if t.kind != "vague"]
    assert len(found) == 1
    value = resolve(found[0], published, previous)
    assert value is not None and value.iso() == expected


@pytest.mark.parametrize("text", ["Он провёл в колонии семь лет.", "Ему 45 лет.", "Он ждёт уже два года."])
def test_durations_are_no_dates(text):
    assert [t for t in find_dates(text) if t.kind != "vague"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Его этапировали в ИК-6 в Мордовии.", ["ИК-6 в Мордовии"]),
    ("Он содержится в СИЗО-2 Уфы.", ["СИЗО-2 Уфы"]),
    ("Её отправили в колонию общего режима.", []),  # a regime says what kind, not which colony
    ("Его этапировали в колонию строгого режима № 7.", ["колония строгого режима № 7"]),
    ("Он отбывает срок в учреждении АП-155/4 в Павлодаре.", ["учреждение АП-155/4 в Павлодаре"]),
    ("Её перевели в медсанчасть № 12.", ["медсанчасть № 12"]),
    ("Его держат в тюрьме «Эль Чипоте».", ["тюрьма «Эль Чипоте»"]),
    ("Его поместили в центр временного содержания иностранных граждан в Сахарово.",
     ["центр временного содержания иностранных граждан в Сахарово"]),
    ("Он находится в лечебно-исправительном учреждении № 3.", ["лечебно-исправительное учреждение № 3"]),
    ("После этапа в колонию Андрея Смирнова поставили на учёт.", []),  # a person names no colony
    ("В колонии № 5 Ивану Петрову отказали в свидании.", ["колония № 5"]),
    ("Его перевели в тюремную больницу.", ["тюремная больница"]),
    ("Он скончался в ЛИУ-3.", ["ЛИУ-3"]),
    ("Он отбывает срок в исправительной колонии № 7 в Омске.", ["исправительная колония № 7 в Омске"]),
    ("Его поместили в психиатрическую больницу.", ["психиатрическая больница"]),
    ("Мать навещает его в СИЗО каждую неделю.", ["СИЗО"]),
    ("Пока он был в колонии, ему стало хуже.", []),                # a bare «колония» names none
    ("В российских колониях пытают заключённых.", []),            # places in general
])
def test_facilities(text, expected):
    assert [f.name for f in find_facilities(analyse(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Суд приговорил блогера к девяти годам колонии.", ["9 years"]),
    ("Он получил 8 лет лишения свободы.", ["8 years"]),
    ("Её приговорили к пожизненному заключению.", ["life"]),
    ("Активисту дали 15 суток административного ареста.", ["15 days"]),
    ("Его осудили на шесть с половиной лет.", ["6 years, 6 months"]),
    ("Суд назначил ему 4 года и 3 месяца колонии строгого режима.", ["4 years, 3 months"]),
    ("Его приговорили к двадцати двум годам заключения.", ["22 years"]),
    ("Прокурор запросил для него 12 лет колонии.", []),           # asked for, not given
    ("Ему грозит до десяти лет лишения свободы.", []),
    ("Он уже три года ждёт суда.", []),                           # a duration
    # the amount is number words only, wherever the verb stands
    ("Прошлой весной он получил семь лет колонии общего режима.", ["7 years"]),
    ("Суд приговорил журналиста (его имя в документах записано иначе, чем в паспорте, и это "
     "обсуждали долго) к трём годам и двум месяцам колонии.", ["3 years, 2 months"]),
    ("Она полностью отбыла четыре года и вышла на свободу.", ["4 years"]),
    ("Он отбывает восемь лет в колонии под Омском.", ["8 years"]),
    ("Гособвинитель просил девять лет.", []),
    ("Суд назначил три года условно.", []),                       # suspended: no term
    ("Суд избрал ему меру пресечения в виде двух месяцев ареста.", []),  # pretrial, not a term
    ("Суд продлил ей арест на три месяца.", []),
])
def test_terms(text, expected):
    assert [str(t.term) for t in find_terms(text)] == expected


def test_term_change():
    found = find_terms("Апелляционный суд смягчил срок до пяти лет.")
    assert [(str(t.term), t.change) for t in found] == [("5 years", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Его судят по статье 280 УК РФ.", [("Criminal Code", "280", None, "Russia")]),
    ("Дело возбуждено по ч. 2 ст. 207.3 УК.", [("Criminal Code", "207.3", "2", "Belarus")]),
    ("Семья сослалась на статью 76 Уголовного кодекса Туркменистана.",
     [("Criminal Code", "76", None, "Turkmenistan")]),
    ("Ему вменяют статьи 205.2 и 280 УК РФ.", [("Criminal Code", "205.2", None, "Russia"),
                                               ("Criminal Code", "280", None, "Russia")]),
    ("Его оштрафовали по ст. 20.3.3 КоАП.", [("Code of Administrative Offences", "20.3.3", None, "Belarus")]),
    ("Жалоба ссылается на статью 166 Уголовно-исполнительного кодекса.",
     [("Penal Enforcement Code", "166", None, "Belarus")]),
    # treaties, with an article or on their own
    ("Защита сослалась на статью 9 Международного пакта о гражданских и политических правах.",
     [("International Covenant on Civil and Political Rights", "9", None, None)]),
    ("Такое обращение запрещено статьёй 1 Конвенции против пыток.",
     [("Convention against Torture", "1", None, None)]),
    ("Задержание противоречит Всеобщей декларации прав человека.",
     [("Universal Declaration of Human Rights", None, None, None)]),
    ("Её судили по статье 286 Исламского уголовного кодекса.",
     [("Islamic Penal Code", "286", None, "Belarus")]),
    ("Жалобу подали в порядке статьи 125 УПК.", [("Code of Criminal Procedure", "125", None, "Belarus")]),
    ("Гражданства его лишили на основании закона № 812.", [("Law No. 812", None, None, "Belarus")]),
    ("Его оштрафовали по ч. 2.1 ст. 20.2 КоАП.",
     [("Code of Administrative Offences", "20.2", "2.1", "Belarus")]),
    ("В тексте нет ни одного закона, только погода.", []),
])
def test_citations(text, expected):
    found = find_citations(text, "Belarus")
    assert [(c.instrument, c.article, c.part, c.jurisdiction) for c in found] == expected


def test_government_decree():
    found = find_citations("Врачи сослались на постановление правительства № 7 от 3 марта 2012 года.", None)
    assert [(c.instrument, c.date) for c in found] == [("Government decree", "2012-03-03")]


def test_decree():
    found = find_citations("Список болезней утверждён указом президента от 11 мая 2017 года.", "Turkmenistan")
    assert [(c.instrument, c.date) for c in found] == [("Presidential decree", "2017-05-11")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Его обвиняют в мошенничестве и отмывании денег.", ["мошенничество", "отмывание денег"]),
    ("Против неё выдвинуты обвинения в «призывах к экстремизму».", ["призывы к экстремизму"]),
    ("Его осудили за распространение заведомо ложной информации об армии.",
     ["распространение заведомо ложной информации об армии"]),
    ("Его задержали по подозрению в госизмене.", ["госизмена"]),
    ("Ему предъявили обвинение по статье 212 УК («Массовые беспорядки»).", ["Массовые беспорядки"]),
    # the article between the verb and «за»: its dots end nothing
    ("Суд приговорил пенсионера по ч. 1 ст. 280.3 УК РФ за «дискредитацию» армии.", ["«дискредитация» армии"]),
    # a long clause after the offence: the offence, not the clause
    ("Родственник учёного, осуждённого по делу о шпионаже, обратился в областной суд Омска с "
     "ходатайством об освобождении в связи с тяжёлой болезнью, преклонным возрастом и плохим "
     "самочувствием заключённого.", ["шпионаж"]),
])
def test_charges(text, expected):
    a = analyse(text)
    assert [c.name for c in find_charges(a, find_citations(text, None))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Он страдает сахарным диабетом.", ["сахарный диабет"]),
    ("У заключённого диагностировали туберкулёз лёгких.", ["туберкулез лёгких"]),
    ("Она перенесла инсульт и страдает гипертонией.", ["инсульт", "гипертония"]),
    ("Врачи обнаружили у него злокачественную опухоль.", ["злокачественная опухоль"]),
    ("За время голодовки он похудел на 12 кг.", ["похудел на 12 кг"]),
    ("Его просили перевести в больницу из-за болезни почек.", ["болезнь почек"]),
    ("Он не пришёл на суд из-за болезни.", []),                  # no illness named
])
def test_conditions(text, expected):
    assert [c.name for c in find_conditions(analyse(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Об этом сообщает Азаттык.", ["Азаттык"]),
    ("По данным правозащитников, его избили в изоляторе.", ["правозащитники"]),
    ("Об этом его сестра рассказала «Медиазоне».", ["Медиазона"]),
    ("Как сообщил 24.kg, суд отказал в жалобе.", ["24.kg"]),
    ("По словам адвоката, его перевели в другую колонию.", []),   # a lawyer is a witness
    ("Об этом сообщает правозащитный центр «Весна».", ["Весна"]),  # a name beginning with «В»
    ("Об этом сын рассказал Азаттыку.", ["Азаттык"]),             # an outlet told, back in the nominative
    ("Как рассказал «Кавказскому узлу» адвокат, суд отказал.", ["Кавказский узел"]),
    ("Об этом сообщает проект «Вторая линия».", ["Вторая линия"]),
    ("Об этом сообщает правозащитное агентство HRANA. В тот же день суд отказал.", ["HRANA"]),
    ("Его этапировали в колонию, сообщает kloop.media.", ["kloop.media"]),
])
def test_sources(text, expected):
    assert [name for name, _, _ in find_sources(analyse(text), set())] == expected


def test_an_outlet_after_the_speaker():
    found = find_sources(analyse("Об этом рассказал Тимур «Новой газете»."), {"Тимур Алиев"})
    assert [name for name, _, _ in found] == ["Новая газета"]


# Words of facility names and around them, and what may stand between words.
FACILITY_WORDS = ["колонии", "исправительной", "женской", "строгого", "режима", "в", "Мордовии", "тюрьме",
                  "Владимирский", "централ", "ИК-2", "больницы", "при", "СИЗО", "следственный", "изолятор",
                  "лечебно-исправительное", "учреждение", "№", "5", "Ивановой", "-ая", "абвой"]


@given(st.lists(st.tuples(st.sampled_from(FACILITY_WORDS), st.sampled_from([" ", "  ", "\n", ", ", "", "-"])),
                max_size=14))
def test_facility_heads_found_as_the_whole_pattern_finds_them(words):
    text = "".join(w + gap for w, gap in words)
    heads = facilities._patterns()[1]
    assert [(m.span(), m.group(0)) for m in facilities._head_matches(text)] == \
        [(m.span(), m.group(0)) for m in heads.finditer(text)]
