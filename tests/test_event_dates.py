"""Which date an event takes: the expression its own clause governs, resolved against the
publication date or the event told before; never the date of another clause, a law or a
birth. Texts are our own."""

import pytest

from habeas.model import Document
from habeas.nlp.dates import PartialDate, normalise, resolve
from habeas.nlp.pipeline import default_extractor

PUBLISHED = PartialDate(2024, 2, 8)


@pytest.mark.parametrize(("text", "published", "previous", "expected"), [
    # a month named relative to the report: the last such month up to publication
    ("last October", PUBLISHED, None, "2023-10"),
    ("last November", PartialDate(2024, 6, 27), None, "2023-11"),
    ("this January", PUBLISHED, None, "2024-01"),
    ("Earlier in January", PUBLISHED, None, "2024-01"),
    # the day and month stated, the year told relative to the report
    ("on September 3 last year", PartialDate(2018, 6, 6), None, "2017-09-03"),
    ("on 14 May this year", PUBLISHED, None, "2024-05-14"),
    # "last week" counted back from the publication day, keeping the month it falls in
    ("last week", PartialDate(2024, 8, 1), None, "2024-07"),
    ("last week", PartialDate(2024, 8, 20), None, "2024-08"),
    # the next morning / the same hearing: relative to the event told before
    ("the next morning", None, PartialDate(2024, 12, 5), "2024-12-06"),
    ("the following evening", None, PartialDate(2023, 3, 31), "2023-04-01"),
    ("at the same hearing", None, PartialDate(2023, 5, 12), "2023-05-12"),
    ("on the same day", None, PartialDate(2021, 9, 1), "2021-09-01"),
])
def test_relative_dates(text, published, previous, expected):
    expr = normalise(text)
    assert expr is not None
    assert resolve(expr, published, previous).iso() == expected


def _dates(text: str, published: str | None = "2024-03-15") -> dict[str, list[str | None]]:
    case = default_extractor().extract(Document(text=text, published=published))
    out: dict[str, list[str | None]] = {}
    for e in case.events:
        out.setdefault(e.type, []).append(e.date)
    return out


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # a day and month that NER runs into the following name
    ("On 24 June Tamar Gelashvili was moved to a prison hospital in Kutaisi.", "transfer", "2023-06-24"),
    ("Jailed activist Ruslan Amirov went on hunger strike. On 3 March Amirov was transferred to a "
     "penal colony in Perm.", "transfer", "2024-03-03"),
    # the date of the main clause, not of a relative clause about something earlier
    ("On the morning of May 4, teacher Aziz Karimov, who had been fired in the spring of 2019, "
     "was detained at his home.", "arrest", "2023-05-04"),
    ("Blogger Sanjar Aliev, whose first case was closed in 2020, was arrested on 2 February.",
     "arrest", "2024-02-02"),
    # a month named relative to the report
    ("Police detained journalist Farid Mehdiyev last October.", "arrest", "2023-10"),
    ("Activist Leyla Hasanova was arrested on September 3 last year.", "arrest", "2023-09-03"),
    # the next morning, after a dated detention
    ("Police detained Dato Kapanadze on 5 March. Kapanadze was released the next morning.",
     "release", "2024-03-06"),
    # counted from the named event, not from the re-mention of it in the date itself
    ("Police detained Rustam Kasimov on 3 January. Two weeks after his arrest he was moved to "
     "a prison hospital in Nukus.", "transfer", "2024-01-17"),
    ("Reporter Emil Hasanov was remanded on 10 February. Three days after his detention he was "
     "beaten by guards.", "ill_treatment", "2024-02-13"),
    ("On 2 March 2023 a court sentenced Yusuf Kaya to six years. A month after the verdict "
     "Kaya was transferred to a penal colony in Van.", "transfer", "2023-04-02"),   # a calendar month
    # a night or a span of days: its first day
    ("Blogger Arman Dosov died on the night of January 8–9, 2024 in a penal colony.", "death", "2024-01-08"),
    ("Teacher Nigora Saidova was held in a punishment cell from 4 to 18 February.", "ill_treatment", "2024-02-04"),
    # a "where" clause on the place of a dated move or arrest: there, that month
    ("On 24 June Giorgi Abashidze was moved to a clinic in Batumi, where doctors found acute kidney damage.",
     "health", "2023-06"),
    ("Dilshod Nazarov was taken in March to the prison hospital in Navoi, where he suffered a heart attack.",
     "health", "2024-03"),
    ("On 9 February Zarina Alieva was transferred to Colony 5, where guards assaulted her.",
     "ill_treatment", "2024-02"),
    ("Police detained Murad Aliyev on 2 January and took him to the station, where officers tortured him.",
     "ill_treatment", "2024-01"),
    ("In November 2022 Oleg Tarasov was sent to a penal colony in Perm, where he went on hunger strike.",
     "hunger_strike", "2022-11"),
])
def test_event_takes_its_own_clause_date(text, etype, expected):
    assert expected in _dates(text).get(etype, [])


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # co-defendants sentenced at one hearing, told in the sentences after it
    ("On 9 January a court in Hanoi convicted three farmers of disturbing public order. "
     "It jailed Tran Van Minh for six years. Le Thi Hoa received four years.", "sentence", "2024-01-09"),
    ("On 12 May the regional court sentenced Pavel Orlov to nine years. "
     "At the same hearing his co-defendant Irina Sokolova was handed a seven-year term.",
     "sentence", "2023-05-12"),
    ("On 18 February the city court sentenced Amir Nasri to five years. "
     "His brother Karim Nasri received a suspended term and walked free from the courtroom.",
     "release", "2024-02-18"),
])
def test_co_defendants_share_the_verdict_date(text, etype, expected):
    dates = _dates(text)
    assert dates.get(etype) and all(d == expected for d in dates[etype])


@pytest.mark.parametrize(("text", "etype", "person", "wrong"), [
    # the date of a law or decree is not the event's
    ("Ilkin Rustamov was charged under the decree of 13 September 2022 on false news.",
     "charge", "Rustamov", "2022-09-13"),
    # a date inside a relative clause tells another event
    ("Nodir Yusupov, who was born on 4 April 1980, was detained by police.", "arrest", "Yusupov", "1980-04-04"),
    ("Nodir Yusupov, born in 1980, was arrested in Tashkent.", "arrest", "Yusupov", "1980"),
    # an earlier sentence told in the pluperfect does not take the new verdict's date
    ("On 7 March the court sentenced Oleg Petrov to four years. "
     "His cousin Ivan Smirnov had been sentenced to three years.", "sentence", "Smirnov", "2024-03-07"),
    # a "where" clause telling what happened there before, or goes on there now
    ("On 5 March Kamal Rahimov was moved to Colony 3, where he had been beaten in 2019.",
     "ill_treatment", "Rahimov", "2024-03"),
    ("On 5 March Kamal Rahimov was moved to Colony 3, where he had been beaten before.",
     "ill_treatment", "Rahimov", "2024-03"),
    ("On 5 March Kamal Rahimov was moved to Colony 3, where inmates are routinely tortured.",
     "ill_treatment", "Rahimov", "2024-03"),
    # a lede in the present perfect takes no date from a next sentence that names another's
    # event, an indefinite or other decision, or an event of another type
    ("A court has sentenced blogger Timur Rasulov to seven years. The verdict against his "
     "co-defendant Anvar Saidov came on 12 March.", "sentence", "Rasulov", "2024-03-12"),
    ("Blogger Timur Rasulov has been sentenced to seven years. A ruling on 12 March "
     "closed his website.", "sentence", "Rasulov", "2024-03-12"),
    ("Activist Aigul Utepova has been pardoned. The decision to deport her was taken on 2 March.",
     "release", "Utepova", "2024-03-02"),
    # an event of another type told with its date
    ("A court has sentenced Timur Rasulov to seven years. The arrest took place on 2 January.",
     "sentence", "Rasulov", "2024-01-02"),
    # a lede in the simple past already tells its time (or none); the next date is not its own
    ("Police arrested reporter Ruslan Nurov at a rally. The arrest of his colleague Bakhtiyor "
     "Aliev followed on 1 March.", "arrest", "Nurov", "2024-03-01"),
])
def test_dates_that_must_not_attach(text, etype, person, wrong):
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    dates = [e.date for e in case.events if e.type == etype and any(person in p for p in e.persons)]
    assert wrong not in dates


@pytest.mark.parametrize(("text", "expected"), [
    ("накануне вынес приговор", ("published", -1)),
    ("Суд накануне, по данным правозащитников,", ("published", -1)),
    ("20 мая его задержали. Накануне он выступил на митинге", ("previous", -1)),
    ("накануне выборов его задержали", None),          # the eve of something named
    ("накануне суда его избили", None),
])
def test_russian_eve(text, expected):
    from habeas.nlp.ru.dates import find_dates
    eve = [t for t in find_dates(text) if "накануне" in t.text.lower()]
    if expected is None:
        assert not eve
    else:
        assert (eve[0].kind, eve[0].amount) == expected


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # co-defendants sentenced at one hearing the lead names without a person
    ("Кировский районный суд Самары накануне вынес приговор трём активистам. "
     "42-летний Олег Сидоров получил пять лет колонии общего режима. "
     "Анне Беловой суд назначил три года условно, её освободили в зале суда.", "sentence", "2024-03-14"),
    # «на следующий день» counted from the date told earlier in the same sentence
    ("Суд арестовал Марину Котову 12 марта, а на следующий день её перевели в СИЗО-2.", "transfer", "2024-03-13"),
])
def test_russian_event_dates(text, etype, expected):
    case = default_extractor().extract(Document(text=text, published="2024-03-15", language="ru"))
    dates = [e.date for e in case.events if e.type == etype]
    assert dates and all(d == expected for d in dates)


@pytest.mark.parametrize(("text", "expected"), [
    # a hunger strike is dated by its start: a clause of beginning on it
    ("Jailed blogger Timur Aliev ended on 4 April the hunger strike he had started on 20 March.", "2024-03-20"),
    ("Pavel Ivanov halted on 10 June a hunger strike he launched on 28 May.", "2024-05-28"),
    # or its end less the days it lasted
    ("Activist Sara Nouri ended her 12-day hunger strike on 15 May.", "2024-05-03"),
    ("On 1 August journalist Ilya Petrov stopped his 30-day hunger strike.", "2024-07-02"),
    # its own start told in its own clause
    ("Rauf Aliyev began his third hunger strike on 9 June.", "2024-06-09"),
])
def test_hunger_strike_is_dated_by_its_start(text, expected):
    assert _dates(text, "2024-08-20").get("hunger_strike") == [expected]


@pytest.mark.parametrize(("text", "wrong"), [
    # an end that is only announced or planned counts back nothing
    ("On 9 June Kamran Aliyev said he would end his 18-day hunger strike.", "2024-05-22"),
    # days of something else than the strike
    ("After 18 days in a punishment cell, Emin Guliyev ended his hunger strike on 9 June.", "2024-05-22"),
])
def test_hunger_strike_start_must_not_be_invented(text, wrong):
    assert wrong not in _dates(text, "2024-08-20").get("hunger_strike", [])


@pytest.mark.parametrize(("text", "expected"), [
    # a dateline lead the parser reads as one noun phrase: the verdict's date is its own
    ("BISHKEK, Kyrgyzstan -- A court in the capital on March 4 sentenced journalist Kanat Osmonov "
     "to 5 years in prison for calls for mass unrest.", "2024-03-04"),
    ("ALMATY, Kazakhstan -- A district court in Almaty on March 7 sentenced activist Nurlan Aitov "
     "to 10 days in jail for a rally.", "2024-03-07"),
    ("MINSK, Belarus -- A regional court in Hrodna on February 14 sentenced opposition figure Pavel "
     "Sevko to 3 years in prison for extremism.", "2024-02-14"),
    ("BAKU, Azerbaijan -- A court in the city of Ganja on January 20 sentenced economist Ilgar "
     "Bayramov to 8 years in prison.", "2024-01-20"),
    ("Kazakhstan's southern town of Taraz on January 30 sentenced reporter Aigerim Bekova to "
     "4 years in prison.", "2024-01-30"),
])
def test_dateline_verdicts_take_their_date(text, expected):
    assert expected in _dates(text).get("sentence", [])


@pytest.mark.parametrize(("text", "etype", "person", "wrong"), [
    # a participle on a person with a main verb of its own keeps out of the main date
    ("TASHKENT -- Blogger Aziz Umarov, sentenced to five years in 2019, was freed on 3 March.",
     "sentence", "Umarov", "2024-03-03"),
    ("ALMATY -- The court on 3 March heard Dana Nurova, convicted last year of fraud.",
     "sentence", "Nurova", "2024-03-03"),
])
def test_dateline_participles_keep_their_own_date(text, etype, person, wrong):
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    dates = [e.date for e in case.events if e.type == etype and any(person in p for p in e.persons)]
    assert wrong not in dates


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # wire copy, one sentence a paragraph: co-defendants told after the verdict share its date
    ("On 9 January a court in Nukus sentenced blogger Aziz Yusupov to 12 years.\n\n"
     "Yusupov is a former editor of a local paper.\n\n"
     "Three defendants, including teacher Gulnara Saidova, were handed suspended sentences.",
     "sentence", "2024-01-09"),
    ("The regional court on 20 February sentenced Pavel Orlov to nine years.\n\n"
     "His co-defendant Irina Sokolova received a seven-year term.", "sentence", "2024-02-20"),
    ("On 5 March the military court jailed Ruslan Gafurov for 15 years.\n"
     "Gafurov denied the charges.\n"
     "Another defendant, Timur Nazarov, was given eight years.", "sentence", "2024-03-05"),
    ("On 12 February a court in Tbilisi sentenced Nino Beridze to four years for assault.\n\n"
     "Her fellow protester Levan Kapanadze was sentenced to two years.", "sentence", "2024-02-12"),
    ("On 1 March a district court sentenced Daniyar Adilov to four years.\n\n"
     "His co-defendant Erlan Serikov was released from custody with a suspended term.", "release", "2024-03-01"),
])
def test_co_defendants_across_one_sentence_paragraphs(text, etype, expected):
    dates = _dates(text)
    assert dates.get(etype) and all(d == expected for d in dates[etype])


@pytest.mark.parametrize(("text", "etype", "person", "wrong"), [
    # a paragraph of several sentences tells another story: no shared date
    ("On 9 January a court in Nukus sentenced blogger Aziz Yusupov to 12 years. He denies the charges.\n\n"
     "His colleague Gulnara Saidova was sentenced to five years. She appealed.", "sentence", "Saidova", "2024-01-09"),
    # an earlier sentence told in the pluperfect, even in wire style
    ("On 7 March the court sentenced Oleg Petrov to four years.\n\n"
     "His cousin Ivan Smirnov had been sentenced to three years.", "sentence", "Smirnov", "2024-03-07"),
])
def test_no_shared_verdict_date_across_stories(text, etype, person, wrong):
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    dates = [e.date for e in case.events if e.type == etype and any(person in p for p in e.persons)]
    assert wrong not in dates


@pytest.mark.parametrize(("text", "etype", "person", "expected"), [
    # an undated event right after the sentence that dates the same person's event, even when
    # another person's event was told after it in that sentence
    ("Police detained Anvar Tursunov on 4 February with his cousin Bekzod Rakhimov, who was freed ten days later. "
     "Tursunov was beaten in custody.", "ill_treatment", "Tursunov", "2024-02-04"),
    ("Activist Dilnoza Karimova was arrested on 4 June 2023 together with her husband Timur Karimov, who was "
     "released the next day. Karimova was tortured by investigators.", "ill_treatment", "Karimova", "2023-06-04"),
    ("Blogger Samir Huseynov was detained in March 2022 along with his colleague Elvin Rzayev, who "
     "was freed a week later. Huseynov went on hunger strike.", "hunger_strike", "Huseynov", "2022-03"),
])
def test_undated_event_continues_its_persons_narrative(text, etype, person, expected):
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    dates = [e.date for e in case.events if e.type == etype and any(person in p for p in e.persons)]
    assert dates == [expected]


@pytest.mark.parametrize(("text", "etype", "person"), [
    # another person's dated event, or a state told in the present: no date carried over
    ("Police detained Anvar Tursunov on 4 February. Journalist Bekzod Rakhimov was beaten by guards.",
     "ill_treatment", "Rakhimov"),
    ("Activist Dilnoza Karimova was arrested on 4 June 2023. Guards have repeatedly threatened Karimova.",
     "ill_treatment", "Karimova"),
    # a pluperfect tells what came before the time told last, not at it
    ("Lawyer Rustam Nazarov was detained on 9 May. Nazarov had been beaten by police before that.",
     "ill_treatment", "Nazarov"),
    ("Blogger Aida Serikova was sentenced on 2 April 2022. Before the trial Serikova had been denied "
     "access to a lawyer.", "denial", "Serikova"),
    ("Activist Marat Zhanuzakov was detained on 3 March 2023. Zhanuzakov had been refused medical care "
     "in an earlier case.", "denial", "Zhanuzakov"),
    ("Journalist Ilkin Rustamzade was arrested on 11 June. Guards had threatened Rustamzade many times.",
     "ill_treatment", "Rustamzade"),
    ("Poet Kamal Jafarov was arrested in May 2021. Jafarov had suffered a heart attack while "
     "held in an earlier case.", "health", "Jafarov"),
])
def test_no_narrative_date_for_others_or_states(text, etype, person):
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    dates = [e.date for e in case.events if e.type == etype and any(person in p for p in e.persons)]
    assert all(d is None for d in dates)


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # a yearless day whose year the text states elsewhere, with no publication date
    ("Lawyer Deniz Arslan was taken to a hospital on July 30. The ruling of July 30, 2020 had kept "
     "her in custody.", "transfer", "2020-07-30"),
    ("Blogger Arman Sadykov was detained on 14 March. Prosecutors later described the detention "
     "of 14 March 2021 as lawful.", "arrest", "2021-03-14"),
    ("Guards beat Oleg Frolov on 2 May. His lawyer's complaint about the events of 2 May 2019 "
     "went unanswered.", "ill_treatment", "2019-05-02"),
    ("On 8 October Yusuf Kaya went on hunger strike. By 8 October 2022 he had been held for a year.",
     "hunger_strike", "2022-10-08"),
    ("Reporter Lina Haddad was freed on 1 December, the court said. The order of 1 December 2023 "
     "lifted all restrictions.", "release", "2023-12-01"),
])
def test_yearless_day_takes_the_year_stated_for_it_elsewhere(text, etype, expected):
    assert _dates(text, None).get(etype) == [expected]


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # another day, or the same day in two years: the year stays unknown
    ("Blogger Arman Sadykov was detained on 14 March. He was freed on 20 March 2021.", "arrest", "XXXX-03-14"),
    ("Guards beat Oleg Frolov on 2 May. Similar beatings were reported on 2 May 2019 and 2 May 2020.",
     "ill_treatment", "XXXX-05-02"),
])
def test_yearless_day_keeps_unknown_year_without_its_twin(text, etype, expected):
    assert expected in _dates(text, None).get(etype, [])


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # one event told twice, the second time more precisely: one event, the precise date
    ("Dinh Van Minh was sentenced to six years in 2012. In August 2012 a court in Hanoi sentenced "
     "Minh to six years in prison.", "sentence", ["2012-08"]),
    ("Police arrested Aziz Karimov in 2019. Karimov was detained on 4 March 2019 at his home in Fergana.",
     "arrest", ["2019-03-04"]),
    ("Oleg Petrov was released in 2021. Petrov was freed on 2 June 2021 under an amnesty.",
     "release", ["2021-06-02"]),
    ("Nina Volkova was charged in 2020. On 5 May 2020 prosecutors charged Volkova with fraud.",
     "charge", ["2020-05-05"]),
    ("Ruslan Amirov was arrested in March 2023. Police detained Amirov on 14 March 2023 in Kazan.",
     "arrest", ["2023-03-14"]),
    # two occurrences: other years, or told as a new arrest
    ("Police arrested Aziz Karimov in 2019. Karimov was detained again in May 2021.",
     "arrest", ["2019", "2021-05"]),
    ("Police arrested Aziz Karimov in 2019. Karimov was arrested again on 4 March 2019 after his release.",
     "arrest", ["2019", "2019-03-04"]),
])
def test_a_more_precise_retelling_is_one_event(text, etype, expected):
    assert sorted(d for d in _dates(text, None).get(etype, [])) == sorted(expected)


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # a gerund after "before"/"after"/"until" marks time: it takes no date of the main clause
    # and joins the event told elsewhere
    ("Police arrested Ilham Rahimov in January 2014 and held him for eight months before sentencing "
     "him to life. On 23 September 2014 the court sentenced Rahimov to life.", "sentence", ["2014-09-23"]),
    ("Guards beat Oleg Frolov on 2 May, days before releasing him.", "release", [None]),
    ("On 5 March 2022 the court jailed Pavel Orlov, a year after arresting him. Police had detained "
     "Orlov on 3 March 2021.", "arrest", ["2021-03-03"]),
    # its own clause's date is its own
    ("Blogger Farid Aliyev was beaten after being arrested on 3 May 2023.", "arrest", ["2023-05-03"]),
    ("Weeks after detaining Rustam Kasimov in March 2022, police searched his flat.", "arrest", ["2022-03"]),
])
def test_gerund_time_marks(text, etype, expected):
    assert _dates(text, None).get(etype) == expected


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # a lede in the present perfect, its date told by the next sentence naming the same event
    ("A regional court has sentenced blogger Timur Rasulov to seven years in prison. "
     "The verdict was handed down on 12 March.", "sentence", "2024-03-12"),
    ("The Supreme Court has rejected an appeal by jailed journalist Daler Imomali. "
     "The court announced its ruling on 4 March.", "appeal", "2024-03-04"),
    ("The president has pardoned activist Aigul Utepova. "
     "The decision, published on 2 March, also covered four other prisoners.", "release", "2024-03-02"),
    ("Police have arrested reporter Ruslan Nurov in Dushanbe. "
     "The arrest took place on 1 March near his office.", "arrest", "2024-03-01"),
    ("Lawyer Nodira Ismoilova has been moved to a penal colony in Navoi. "
     "The transfer happened on 28 February, according to her relatives.", "transfer", "2024-02-28"),
])
def test_lede_takes_the_date_of_its_retelling(text, etype, expected):
    assert _dates(text).get(etype) == [expected]

