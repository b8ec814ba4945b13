"""Who a Russian event is done to and who does it, read off natasha's dependency parse
(habeas.nlp.ru.syntax): one table per construction, with rows that must not fire. All
sentences are our own."""

import pytest

from habeas.model import Document
from habeas.nlp.ru.analysis import analyse
from habeas.nlp.ru.dates import find_dates
from habeas.nlp.ru.persons import find_persons
from habeas.nlp.ru.pipeline import russian_extractor


def _case(text: str):
    return russian_extractor().extract(Document(text=text))


def _persons_of(case, etype: str) -> set[str]:
    return {name for e in case.events if e.type == etype for name in e.persons}


# The object of an active verb is the one it is done to; its subject is the one acting.
@pytest.mark.parametrize(("text", "etype", "patient", "agent"), [
    ("Судья Анна Белова приговорила журналиста Павла Соколова к пяти годам колонии.",
     "sentence", "Павел Соколов", "Анна Белова"),
    ("Президент Игорь Ланской помиловал блогера Романа Жукова.", "release", "Роман Жуков", "Игорь Ланской"),
    ("Следователь Олег Котов задержал активиста Илью Гусева у его дома.", "arrest", "Илья Гусев", "Олег Котов"),
    ("Надзиратель Семён Дроздов избил Артёма Лаврова в карцере.", "ill_treatment", "Артём Лавров", "Семён Дроздов"),
    ("Следователь Максим Горин обвинил Тимура Ахмедова в госизмене.", "charge", "Тимур Ахмедов", "Максим Горин"),
])
def test_object_of_an_active_verb(text, etype, patient, agent):
    case = _case(text)
    assert patient in _persons_of(case, etype)
    assert agent not in _persons_of(case, etype)
    assert agent not in {p.name for p in case.persons if p.detained}


# A passive verb's subject, or the noun a participle describes, is the one it is done to.
@pytest.mark.parametrize(("text", "etype", "patient", "other"), [
    ("Марк Ефимов был задержан полицией в аэропорту, сообщила его сестра Алла Ефимова.",
     "arrest", "Марк Ефимов", "Алла Ефимова"),
    ("Её брат Глеб Зуев, осуждённый в прошлом году на восемь лет, пишет ей письма, рассказала Вера Зуева.",
     "sentence", "Глеб Зуев", "Вера Зуева"),
    ("Активист Тимофей Рыбин, арестованный в марте за пост в соцсетях, объявил голодовку, "
     "сообщила журналистка Дарья Лесная.", "arrest", "Тимофей Рыбин", "Дарья Лесная"),
    ("Вадим Ершов признан виновным в госизмене, сообщил адвокат Юрий Клинов.",
     "sentence", "Вадим Ершов", "Юрий Клинов"),
    ("По словам правозащитника Льва Носова, Эмиль Сафин, приговорённый к шести годам, подал апелляцию.",
     "sentence", "Эмиль Сафин", "Лев Носов"),
])
def test_subject_of_a_passive_and_the_noun_a_participle_describes(text, etype, patient, other):
    found = _persons_of(_case(text), etype)
    assert patient in found and other not in found


# A participle with nothing of its own, or a nameless plural event noun, tells who someone is
# (or what happened to many), not an event of the person named beside it.
@pytest.mark.parametrize(("text", "etype"), [
    ("Осуждённый блогер Антон Сизов пишет письма из колонии.", "sentence"),
    ("Правозащитник Лев Ромашов посетил СИЗО, где содержат большинство арестованных.", "arrest"),
    ("Волна задержаний прокатилась по городу, рассказал журналист Максим Гуров.", "arrest"),
    ("Адвокат Инна Лосева рассказала об условиях, в которых живут осуждённые.", "sentence"),
    ("Суд изучил справку о здоровье арестованного, сказала адвокат Ольга Сёмина.", "arrest"),
    ("Полиция задерживала его соратников, вспоминает активист Лев Носов.", "arrest"),
    # negated, feared, supposed or called for: no event either
    ("Лев Ромашов не был задержан, хотя полиция приходила к нему домой.", "arrest"),
    ("Роману Жукову может грозить арест, считает его адвокат.", "arrest"),
    ("Если суд признает Вадима Ершова виновным, ему дадут до двадцати лет.", "sentence"),
    ("Правозащитники призвали освободить Илью Гусева.", "release"),
])
def test_states_and_unreal_events_fire_nothing(text, etype):
    assert _persons_of(_case(text), etype) == set()


# A court that sends someone to a remand prison orders their custody.
@pytest.mark.parametrize(("text", "person"), [
    ("Ленинский районный суд отправил блогера Павла Гришина в СИЗО на два месяца.", "Павел Гришин"),
    ("Суд поместил активистку Лидию Орлову в следственный изолятор.", "Лидия Орлова"),
    ("Вчера суд отправил журналиста Егора Пахомова в изолятор временного содержания.", "Егор Пахомов"),
    ("Судья поместил Аркадия Белых в СИЗО-1 до конца мая.", "Аркадий Белых"),
    ("Басманный суд отправил в СИЗО режиссёра Семёна Лунина.", "Семён Лунин"),
])
def test_a_court_sending_to_remand_is_an_arrest(text, person):
    case = _case(text)
    assert person in _persons_of(case, "arrest")
    assert person not in _persons_of(case, "transfer")


@pytest.mark.parametrize(("text", "person"), [
    ("Конвой отправил Егора Пахомова в колонию в Коми.", "Егор Пахомов"),
    ("ФСИН этапировала Лидию Орлову в СИЗО-2 Саратова.", "Лидия Орлова"),
])
def test_a_prison_service_moving_someone_is_a_transfer(text, person):
    case = _case(text)
    assert person in _persons_of(case, "transfer")
    assert person not in _persons_of(case, "arrest")


def test_a_verb_joined_to_a_courts_keeps_its_own_subject():
    case = _case("Суд арестовал Ирину Орлову в апреле, а через неделю её перевели в СИЗО-3.")
    assert {e.type for e in case.events} == {"arrest", "transfer"}


# Names: two the parse hangs apart in two cases are two; an adjective of a common noun is none.
@pytest.mark.parametrize(("text", "names", "not_names"), [
    ("Адвокатесса Ковалёвой Марина Тихонова сообщила, что её подзащитная голодает.",
     {"Марина Тихонова"}, {"Ковалёва Марина Тихонова"}),
    ("Защитник Петрова Антон Кузнецов подал жалобу.", {"Антон Кузнецов"}, {"Петров Антон Кузнецов"}),
    ("Фигуранты Кемпир-Абадского дела объявили голодовку.", set(), {"Кемпир-Абадское", "Кемпир-Абадский"}),
])
def test_names_split_by_the_parse(text, names, not_names):
    found = {p.name for p in find_persons(analyse(text), [])}
    assert names <= found
    assert not (not_names & found)


# Ill-treatment feared or supposed is no event; told as done, it is.
@pytest.mark.parametrize(("text", "fires"), [
    ("Адвокат Инна Лосева говорит, что на родине Тимуру Ахмедову грозят пытки.", False),
    ("Родные Тимура Ахмедова опасаются, что его будут избивать.", False),
    ("Тимур Ахмедов может подвергнуться пыткам после экстрадиции.", False),
    ("Если Тимура Ахмедова выдадут, его будут пытать, считает адвокат.", False),
    ("Адвокат рассказала, что Тимура Ахмедова пытали в отделе полиции.", True),
    ("В колонии Тимура Ахмедова избили сотрудники.", True),
])
def test_feared_ill_treatment(text, fires):
    assert bool(_persons_of(_case(text), "ill_treatment")) == fires


# A state told in the present in a report with no date of its own holds at the last date told.
def test_present_state_takes_the_last_date():
    case = _case("Об этом 12 марта сообщил правозащитник Лев Носов. "
                 "Политзаключённый Тимур Ахмедов голодает в СИЗО-1, у него гипертония.")
    dates = {e.date for e in case.events if e.type in ("hunger_strike", "health")}
    assert dates and all(d is not None and d.endswith("-03-12") for d in dates)


# A verb of giving a term with years or months as its object, whatever stands between them.
@pytest.mark.parametrize(("text", "person", "fires"), [
    ("Суд назначил находящемуся в колонии блогеру Руслану Ганиеву ещё шесть лет.", "Руслан Ганиев", True),
    ("Районный суд дал Оксане Ветровой восемь лет колонии общего режима.", "Оксана Ветрова", True),
    ("Суд добавил Николаю Фомину два года к прежнему сроку.", "Николай Фомин", True),
    ("Вчера Герман Лаптев получил в Мосгорсуде ещё три года.", "Герман Лаптев", True),
    ("В Минске огласили приговор журналистке Софье Бельской.", "Софья Бельская", True),
    # not a term: a date, an answer, evidence, a prosecutor's request, a threat
    ("Суд назначил Руслану Ганиеву дату нового заседания.", "Руслан Ганиев", False),
    ("Оксана Ветрова получила ответ из прокуратуры через два месяца.", "Оксана Ветрова", False),
    ("Николай Фомин дал показания против себя под давлением.", "Николай Фомин", False),
    ("Прокурор запросил для Германа Лаптева десять лет.", "Герман Лаптев", False),
    ("Софье Бельской могут дать до восьми лет, говорит адвокат.", "Софья Бельская", False),
])
def test_giving_a_term(text, person, fires):
    assert (person in _persons_of(_case(text), "sentence")) == fires


# A participle standing as a noun stands for the report's detainee; describing a named noun it does not.
def test_a_participle_standing_as_a_noun_is_the_detainee():
    case = _case("Журналиста Олжаса Касымова задержали в Астане. Суд прошёл за закрытыми дверями, "
                 "и у обвиняемого не было адвоката, рассказал его брат Ерлан Касымов.")
    assert "Олжас Касымов" in _persons_of(case, "denial")
    assert "Ерлан Касымов" not in {p.name for p in case.persons if p.detained}


@pytest.mark.parametrize(("text", "fires"), [
    ("На допросе у Олжаса Касымова не было защитника.", True),
    ("У задержанного Олжаса Касымова не было адвоката ни на одном допросе.", True),
    ("Олжас Касымов сказал, что ему не нужен адвокат.", False),
    ("Олжас Касымов отказался от адвоката по назначению.", False),
])
def test_no_lawyer(text, fires):
    assert bool(_persons_of(_case(text), "denial")) == fires


# «их», «они» stand for the persons last joined by «и».
@pytest.mark.parametrize(("text", "etype", "persons"), [
    ("Врачи колонии осмотрели политзаключённых Нину Голубеву и Лидию Рудакову. Их госпитализировали в тот же день.",
     "health", {"Нина Голубева", "Лидия Рудакова"}),
    ("Правозащитники следят за делом Нины Голубевой и Зои Рудаковой, их задержание назвали незаконным.",
     "arrest", {"Нина Голубева", "Зоя Рудакова"}),
    ("Игоря Седова и Марата Гилязова привезли в суд, где их арестовали на два месяца.",
     "arrest", {"Игорь Седов", "Марат Гилязов"}),
])
def test_their(text, etype, persons):
    assert persons <= _persons_of(_case(text), etype)


# A day written as an ordinal word.
@pytest.mark.parametrize(("text", "expected"), [
    ("Пятого декабря её перевели в колонию.", (12, 5)),
    ("Двадцать третьего мая суд вынес приговор.", (5, 23)),
    ("Его задержали тридцать первого января.", (1, 31)),
    ("Первого сентября 2022 года она вышла на свободу.", (9, 1)),
    ("Одиннадцатого марта его этапировали.", (3, 11)),
])
def test_ordinal_days(text, expected):
    found = [t for t in find_dates(text) if t.kind == "absolute"]
    assert [(t.value.month, t.value.day) for t in found] == [expected]


@pytest.mark.parametrize("text", ["Нового декабря он не дождался.", "Этого мая ждали все."])
def test_no_ordinal_day(text):
    assert all(t.value is None or t.value.day is None for t in find_dates(text))


# The date in the trigger's own clause, not one in a clause inside it.
@pytest.mark.parametrize(("text", "etype", "date"), [
    ("Девятого марта 2023 года Инну Соловьёву, которую задержали в январе, перевели в колонию.",
     "transfer", "2023-03-09"),
    ("В мае 2021 года Глеба Зуева, арестованного в феврале, этапировали в колонию в Мордовии.", "transfer", "2021-05"),
])
def test_the_date_of_the_triggers_clause(text, etype, date):
    assert date in {e.date for e in _case(text).events if e.type == etype}


# «с тех пор», «с того дня»: what follows began at the date told just before, as told.
@pytest.mark.parametrize(("text", "etype", "date"), [
    ("Весной 2019 года Нурию Ахметову приговорили к восьми годам, и с тех пор её местонахождение неизвестно.",
     "disappearance", "2019-SP"),
    ("Третьего мая 2022 года Анвара Рахимова задержали. С того дня он голодает.", "hunger_strike", "2022-05-03"),
    ("Тимура Ахмедова увезли из дома 9 августа 2024 года. С тех пор его местонахождение неизвестно.",
     "disappearance", "2024-08-09"),
])
def test_since_then(text, etype, date):
    assert date in {e.date for e in _case(text).events if e.type == etype}


# Moved from one place to another: a transfer, even with no prison named.
@pytest.mark.parametrize(("text", "fires"), [
    ("Тимура Ахмедова этапировали из Ростова в Новочеркасск.", True),
    ("Ночью Инну Соловьёву перевезли из Читы в Иркутск.", True),
    ("По прибытии в колонию № 3 Глеба Зуева сразу отправили в карантин.", True),
    ("После возвращения в СИЗО из больницы Нина Голубева снова заболела.", True),
    # a return home, a move of one's own, a translation
    ("После возвращения домой Нина Голубева дала интервью.", False),
    ("Глеб Зуев перевёл книгу с английского на русский.", False),
])
def test_moved_between_places(text, fires):
    assert bool(_persons_of(_case(text), "transfer")) == fires


# A ruling that cut the term is an appeal decided; asked or possible, it is none.
@pytest.mark.parametrize(("text", "fires"), [
    ("Через месяц областной суд сократил Руслану Ганиеву срок на полгода.", True),
    ("Апелляционная инстанция смягчила приговор Оксане Ветровой.", True),
    ("Николаю Фомину снизили наказание до четырёх лет.", True),
    ("Срок Герману Лаптеву сократили на два месяца.", True),
    ("Верховный суд уменьшил Софье Бельской срок до пяти лет.", True),
    ("Адвокат просит смягчить приговор Руслану Ганиеву.", False),
    ("Суд может снизить Оксане Ветровой наказание, если она признает вину.", False),
    ("Защита Николая Фомина надеется, что срок сократят.", False),
])
def test_term_cut(text, fires):
    held = "Политзаключённый отбывает срок в колонии. "   # makes the one named the detainee
    assert bool({n for e in _case(held + text).events if e.type == "appeal" for n in e.persons}) == fires


# A name in apposition to an official, a lawyer or a relative speaks about the case, however
# long the noun phrase between them.
@pytest.mark.parametrize(("text", "official"), [
    ("Об этом сказал директор Национального центра по предупреждению пыток Эрлан Сатыбаев после "
     "посещения СИЗО-1, где содержат политзаключённого Нурбека Алиева.", "Эрлан Сатыбаев"),
    ("Адвокат московской коллегии «Правовая защита» Юлия Гранкина навестила в СИЗО Тимура Ахмедова.",
     "Юлия Гранкина"),
    ("Председатель общественной наблюдательной комиссии края Пётр Ерофеев посетил колонию, где "
     "отбывает срок Игорь Седов.", "Пётр Ерофеев"),
])
def test_an_apposed_official_is_not_held(text, official):
    assert official not in {p.name for p in _case(text).persons if p.detained}


# A release of many with one of them named; one verb has one subject, whatever the parser says.
@pytest.mark.parametrize(("text", "person", "fires"), [
    ("Президент помиловал более 300 заключённых, среди них — 61-летний бывший журналист Игорь Седов.",
     "Игорь Седов", True),
    ("Ко Дню независимости амнистировали около ста осуждённых, включая правозащитницу Нину Голубеву, "
     "отбывавшую срок в колонии.", "Нина Голубева", True),
    ("Президент помиловал 300 заключённых. Политзаключённого Игоря Седова в списке нет.", "Игорь Седов", False),
])
def test_released_among_many(text, person, fires):
    assert (person in _persons_of(_case(text), "release")) == fires


# A date in the clause of a verb of learning or telling dates the news, not the event under it.
@pytest.mark.parametrize(("text", "etype", "date"), [
    ("Лишь 13 ноября 2023 года выяснилось, что Рамиля Гайсина перевели в СИЗО-1.", "transfer", None),
    ("Только 2 марта 2024 года адвокат узнал, что Рамиля Гайсина этапировали в колонию.", "transfer", None),
    ("Пятого мая 2024 года мать сообщила, что Рамиля Гайсина перевели в ИК-6.", "transfer", None),
    # the event's own date stays
    ("13 ноября 2023 года Рамиля Гайсина перевели в СИЗО-1, сообщил адвокат.", "transfer", "2023-11-13"),
    ("Адвокат выяснил, что 2 марта 2024 года Рамиля Гайсина этапировали в колонию.", "transfer", "2024-03-02"),
])
def test_the_date_of_the_news(text, etype, date):
    dates = {e.date for e in _case("Политзаключённый отбывает срок. " + text).events if e.type == etype}
    assert dates == {date}


# «Приговор был вынесен 14 июня»: the verdict told again, with its date; not one to come.
@pytest.mark.parametrize(("text", "date"), [
    ("Суд приговорил Алину Жукову к трём годам. Приговор был вынесен 14 июня 2024 года.", "2024-06-14"),
    ("Алину Жукову осудили на три года. Приговор оглашён 2 августа 2023 года.", "2023-08-02"),
    ("Алину Жукову приговорили к трём годам колонии. Приговор уже вынесен 5 мая 2022 года.", "2022-05-05"),
])
def test_verdict_told_again(text, date):
    assert date in {e.date for e in _case(text).events if e.type == "sentence"}


def test_verdict_to_come():
    case = _case("Политзаключённая Алина Жукова в СИЗО. Приговор будет вынесен 20 мая 2025 года.")
    assert "2025-05-20" not in {e.date for e in case.events if e.type == "sentence"}


# A prison doctor's recommendation to a hospital is a request; its approval an answer.
@pytest.mark.parametrize(("text", "types"), [
    ("Политзаключённый Марат Исаев болен. 3 мая врач колонии направил рекомендацию на его обследование в "
     "областную больницу. 7 мая больница одобрила его госпитализацию.", {"petition", "response"}),
    ("Политзаключённый Марат Исаев болен. Начальник медчасти отправил рекомендации о лечении Исаева в "
     "республиканский госпиталь.", {"petition"}),
    ("Политзаключённый Марат Исаев болен. Адвокат подал ходатайство о его лечении, но суд его не одобрил.",
     {"petition"}),
])
def test_recommendation_and_approval(text, types):
    found = {e.type for e in _case(text).events if e.type in ("petition", "response")}
    assert types <= found


@pytest.mark.parametrize(("text", "date"), [
    ("4 и 6 сентября врач направил рекомендации.", (9, 4)),
    ("Его допрашивали 12 и 14 марта 2022 года.", (3, 12)),
])
def test_a_pair_of_days(text, date):
    found = [t for t in find_dates(text) if t.kind == "absolute"]
    assert [(t.value.month, t.value.day) for t in found] == [date]
