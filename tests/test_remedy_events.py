"""Legal remedies — petitions, answers, appeals — told in many ways, in English and Russian,
with the requests that are only wanted, planned, conditional or campaigned for."""

import pytest

from habeas import extract

REMEDIES = {"petition", "response", "appeal"}


# Each row follows a sentence saying who is held, as a report would.
HELD = {"en": "Blogger Timur Rakhimov, activist Murad Saparov and journalist Anna Petrova are serving prison terms.",
        "ru": "Блогер Тимур Рахимов, активист Мурад Сапаров и журналистка Анна Петрова находятся в колонии."}


def remedies(text):
    """The remedy events of a text as (type, outcome) pairs, in the order told."""
    held = HELD["ru" if any("а" <= ch <= "я" for ch in text.lower()) else "en"]
    return [(e.type, e.attrs.get("outcome")) for e in extract(f"{held} {text}").events if e.type in REMEDIES]


def types(text):
    return sorted({t for t, _ in remedies(text)})


# A verb of handing in with a request noun: "lodged a complaint", "submitted a petition".
@pytest.mark.parametrize("text", [
    "The lawyer of blogger Timur Rakhimov lodged a complaint with the regional prosecutor in March 2021.",
    "In May 2022 the family of Anna Petrova filed a motion with the district court.",
    "Relatives of activist Murad Saparov submitted a petition to the Ombudsman in June 2020.",
    "The mother of Anna Petrova sent a letter to the Ministry of Justice in April 2021.",
    "A complaint was filed with the Investigative Committee on behalf of blogger Timur Rakhimov.",
    "The lawyers of Murad Saparov addressed a communication to the UN Working Group on Arbitrary Detention.",
    "Appeals were made to the prison authorities by the lawyers of Anna Petrova in 2021.",
    "A complaint filed with the prosecutor by the mother of Timur Rakhimov in 2022 is pending.",
])
def test_handing_in_a_request_is_a_petition(text):
    assert types(text) == ["petition"]


# A verb of addressing with an authority: "applied to the court", "wrote to the Ombudsman".
@pytest.mark.parametrize("text", [
    "The mother of blogger Timur Rakhimov wrote to the Ombudsman in February 2021.",
    "Activist Anna Petrova applied to the Supreme Court in 2020.",
    "The wife of Murad Saparov turned to the prosecutor's office in July 2019.",
    "The sister of Timur Rakhimov asked the colony governor to let a cardiologist examine him.",
    "Journalist Anna Petrova complained to the regional prosecutor about the beatings in May 2022.",
    "The family of activist Murad Saparov petitioned the president for clemency in 2021.",
])
def test_addressing_an_authority_is_a_petition(text):
    assert types(text) == ["petition"]


# A verb of asking with what a detainee needs: "sought his release", "applied for parole".
@pytest.mark.parametrize("text", [
    "Activist Murad Saparov applied for parole in 2022.",
    "The lawyers of journalist Anna Petrova sought her release on medical grounds in March 2020.",
    "Blogger Timur Rakhimov requested a medical examination in June 2021.",
    "The family of Anna Petrova asked for her transfer to a civilian hospital.",
    "The lawyer of activist Murad Saparov filed for habeas corpus in 2023.",
])
def test_asking_for_a_remedy_is_a_petition(text):
    assert types(text) == ["petition"]


# Wanted, planned, possible, conditional, refused or campaigned for: no petition.
@pytest.mark.parametrize("text", [
    "The lawyer of activist Murad Saparov may complain to the Supreme Court.",
    "The family of blogger Timur Rakhimov plans to file a complaint with the prosecutor.",
    "The lawyer of Anna Petrova intends to apply to the European Court of Human Rights.",
    "Amnesty International urged the authorities to release activist Murad Saparov.",
    "Human Rights Watch asked for the release of journalist Anna Petrova.",
    "The family of activist Murad Saparov did not file a complaint, fearing reprisals.",
    "Journalist Anna Petrova wrote a letter to her daughter from the colony.",
    "If his lawyer files a complaint with the prosecutor, blogger Timur Rakhimov fears reprisals.",
    "The new charges against Murad Saparov rest on complaints made by a cellmate about a debt.",
])
def test_requests_not_made_are_no_petition(text):
    assert types(text) == []


# An authority's answer to a request: its outcome read off the verb.
@pytest.mark.parametrize(("text", "outcome"), [
    ("In May 2021 the lawyer of blogger Timur Rakhimov applied to the court for his release, "
     "but the judge turned down the request.", "rejected"),
    ("In 2022 the family of Anna Petrova asked the prison governor for a visit; the governor "
     "agreed only to a phone call.", "partial"),
    ("The lawyer of activist Murad Saparov applied to the court for bail, and the court "
     "refused to consider the application.", "rejected"),
    ("The sister of Timur Rakhimov lodged a complaint with the prosecutor; the complaint was "
     "returned without consideration.", "rejected"),
    ("The mother of Anna Petrova wrote to the Ombudsman in March but has received no answer.",
     "no_response"),
    ("The lawyers of Murad Saparov filed a petition with the district court, which has yet to "
     "respond.", "no_response"),
    ("The father of Timur Rakhimov posted a complaint to the regional procuracy in May but has "
     "heard nothing back.", "no_response"),
    ("The family of Timur Rakhimov asked the president for a pardon, and in June the president "
     "granted the request.", "granted"),
])
def test_an_answer_is_a_response_with_its_outcome(text, outcome):
    got = remedies(text)
    assert ("petition", None) in got
    assert ("response", outcome) in got


@pytest.mark.parametrize(("text", "outcome"), [
    ("The prosecutor's office rejected the complaint of activist Murad Saparov in 2021.", "rejected"),
    ("The court dismissed the application of blogger Timur Rakhimov in May 2022.", "rejected"),
    ("The prosecutor left the complaint of journalist Anna Petrova unanswered.", "no_response"),
    ("In 2020 the judge satisfied the motion of activist Murad Saparov.", "granted"),
    ("The regional court partly upheld the complaint of blogger Timur Rakhimov in 2023.", "partial"),
])
def test_a_request_answered_is_told_twice(text, outcome):
    """"rejected his complaint": the answer, and the request made before it."""
    got = remedies(text)
    assert ("response", outcome) in got
    assert ("petition", None) in got


@pytest.mark.parametrize("text", [
    "If the court rejects the motion of activist Murad Saparov, his lawyer will go to Strasbourg.",
    "Blogger Timur Rakhimov refused to write a letter of repentance to the authorities.",
    "Police responded with batons when relatives of Anna Petrova gathered outside the colony.",
])
def test_no_answer_without_a_request_answered(text):
    assert "response" not in types(text)


# Appeals: a filing is pending; a ruling on one names its outcome.
@pytest.mark.parametrize(("text", "outcome"), [
    ("The lawyers of blogger Timur Rakhimov lodged an appeal against the sentence in 2020.", "pending"),
    ("The lawyer of Anna Petrova filed a cassation complaint with the Supreme Court in 2023.", "pending"),
    ("The Supreme Court dismissed the cassation appeal of activist Murad Saparov in May 2021.", "upheld"),
    ("In 2022 the regional court rejected the appeal of journalist Anna Petrova.", "upheld"),
    ("The Supreme Court left the cassation complaint of Timur Rakhimov unsatisfied in 2024.", "upheld"),
    ("The Supreme Court left unsatisfied the cassation complaint of Murad Saparov in 2024.", "upheld"),
])
def test_appeals(text, outcome):
    assert remedies(text) == [("appeal", outcome)]


@pytest.mark.parametrize("text", [
    "It is unclear whether journalist Anna Petrova has appealed.",
    "Activist Murad Saparov may appeal the verdict.",
    "The lawyer of Timur Rakhimov said he would lodge an appeal.",
])
def test_appeals_not_made(text):
    assert remedies(text) == []


def test_a_plea_to_the_head_of_state_is_a_petition_not_an_appeal():
    text = "The wife of activist Murad Saparov submitted an appeal to the President asking for a pardon."
    assert types(text) == ["petition"]


def test_the_addressee_comes_from_the_parse():
    case = extract(HELD["en"] + " In 2021 the mother of blogger Timur Rakhimov lodged a complaint with the "
                   "Prosecutor General's Office about his treatment.")
    petition = next(e for e in case.events if e.type == "petition")
    assert petition.attrs["to"] == ["Prosecutor General's Office"]


# Russian: the same constructions over lemmas and word order.
@pytest.mark.parametrize("text", [
    "Адвокат блогера Тимура Рахимова подал жалобу в прокуратуру в марте 2021 года.",
    "Защита журналистки Анны Петровой направила ходатайство в районный суд.",
    "Мать активиста Мурада Сапарова обратилась в суд в мае 2022 года.",
    "Сестра блогера Тимура Рахимова написала уполномоченному по правам человека.",
    "Жена активиста Мурада Сапарова попросила начальника колонии допустить к нему врача.",
    "Адвокат журналистки Анны Петровой пожаловался в Генпрокуратуру на избиение.",
    "Осенью активист Мурад Сапаров направил на имя президента прошение о помиловании.",
])
def test_russian_petitions(text):
    assert types(text) == ["petition"]


@pytest.mark.parametrize("text", [
    "Адвокат блогера Тимура Рахимова намерен подать жалобу в Европейский суд.",
    "Правозащитники призвали власти освободить активиста Мурада Сапарова.",
    "Мать журналистки Анны Петровой собирается обратиться в суд.",
])
def test_russian_requests_not_made(text):
    assert types(text) == []


@pytest.mark.parametrize(("text", "outcome"), [
    ("Мать активиста Мурада Сапарова пожаловалась в прокуратуру, однако там ответили, что "
     "нарушений не нашли.", "rejected"),
    ("Защита блогера Тимура Рахимова подала ходатайство об освобождении, но суд отклонил его.",
     "rejected"),
    ("Жена журналистки Анны Петровой обратилась к омбудсмену, но ответа так и не получила.",
     "no_response"),
])
def test_russian_answers(text, outcome):
    got = remedies(text)
    assert ("petition", None) in got
    assert ("response", outcome) in got


def test_russian_cassation_left_unsatisfied_is_an_appeal_ruling():
    text = "Верховный суд оставил без удовлетворения кассационную жалобу блогера Тимура Рахимова."
    assert remedies(text) == [("appeal", "upheld")]


# Denials told by construction: kept from, refused to let, given none, turned away, a ban on.
@pytest.mark.parametrize("text", [
    "Prison officials barred journalist Anna Petrova from calling her family in March 2023.",
    "Investigators kept the lawyer of blogger Timur Rakhimov from seeing him for a month.",
    "Guards refused to let a cardiologist examine activist Murad Saparov.",
    "Activist Murad Saparov was given no medication during his transfer.",
    "Since spring blogger Timur Rakhimov has not had any phone calls with his family.",
    "Guards turned the family of Anna Petrova away at the colony gate in May 2022.",
    "Blogger Timur Rakhimov started a hunger strike over a ban on family visits.",
    "After the stroke activist Murad Saparov lay untreated in his cell for two days.",
    # a passive of stopping ("were banned"), or a thing not received
    "All phone calls between activist Murad Saparov and his wife, even short ones, were banned in May.",
    "Family visits to blogger Timur Rakhimov have been suspended since the spring.",
    "The correspondence of journalist Anna Petrova was restricted to one letter a month.",
    "Activist Murad Saparov did not get the food parcel his sister sent in March.",
    "The mother of blogger Timur Rakhimov received no letter from him at the colony gate.",
    "Journalist Anna Petrova has not received her medicine for three weeks.",
])
def test_denials_by_construction(text):
    assert "denial" in [e.type for e in extract(f"{HELD['en']} {text}").events]


@pytest.mark.parametrize("text", [
    "The court also banned blogger Timur Rakhimov from working as a journalist for three years.",
    "Activist Murad Saparov refuses to admit guilt.",
    "Activist Murad Saparov was given a new cell in May 2022.",
    "The family of Anna Petrova has had no contact with her since March.",
    # the thing came, or may be stopped, or is no person's
    "If activist Murad Saparov does not receive his medication, he could die.",
    "Family visits to blogger Timur Rakhimov could be suspended, his lawyer fears.",
    "Meetings of the opposition party were banned in May.",
    "Activist Murad Saparov received a parcel from his sister in March.",
    "Journalist Anna Petrova was not suspended from her newspaper.",
    "Blogger Timur Rakhimov did not get a fair trial.",
])
def test_no_denial_without_something_withheld(text):
    assert "denial" not in [e.type for e in extract(f"{HELD['en']} {text}").events]


@pytest.mark.parametrize("text", [
    "В колонии активисту Мураду Сапарову не раз отказывали в инсулине.",
    "Адвоката к блогеру Тимуру Рахимову не пускали до конца месяца.",
    "Журналистке Анне Петровой не оказывают помощь при гипертонии.",
    "В переводе в больницу активисту Мураду Сапарову администрация отказала.",
    "С весны блогеру Тимуру Рахимову запрещены свидания с родными.",
])
def test_russian_denials(text):
    assert "denial" in [e.type for e in extract(f"{HELD['ru']} {text}").events]


def test_russian_own_refusal_of_treatment_is_no_denial():
    text = "В августе блогер Тимур Рахимов сам отказался проходить лечение в больнице колонии."
    assert "denial" not in [e.type for e in extract(f"{HELD['ru']} {text}").events]


def test_russian_no_letters_is_no_denial():
    text = "С тех пор семья блогера Тимура Рахимова не получила от него ни одного письма."
    assert "denial" not in [e.type for e in extract(f"{HELD['ru']} {text}").events]


# Rulings on a verdict: an appeal event with the ruling's outcome.
@pytest.mark.parametrize(("text", "outcome"), [
    ("In June 2023 the appeals court upheld the sentence of blogger Timur Rakhimov.", "upheld"),
    ("The regional court confirmed the seven-year term of activist Murad Saparov in May 2022.", "upheld"),
    ("In March 2021 a judge left the prison sentence of Anna Petrova intact.", "upheld"),
    ("The Supreme Court quashed the conviction of blogger Timur Rakhimov in 2024.", "overturned"),
    ("In 2020 the appeals court reduced the sentence of activist Murad Saparov.", "reduced"),
    ("The Supreme Court rejected an appeal by Anna Petrova in April 2023.", "upheld"),
])
def test_rulings_on_a_verdict(text, outcome):
    assert remedies(text) == [("appeal", outcome)]


@pytest.mark.parametrize("text", [
    "Amnesty International urged the Supreme Court to quash the conviction of activist Murad Saparov.",
    "The lawyer of blogger Timur Rakhimov hopes the court will overturn the verdict.",
    "A friend of Anna Petrova wrote a complaint about her unpaid debt.",
    "Officials have not responded to phone calls about activist Murad Saparov.",
])
def test_no_remedy_in_wishes_debts_or_press_calls(text):
    assert remedies(text) == []


def test_russian_verdict_left_unchanged():
    text = "Приговор был вынесен в мае, а в июле Верховный суд оставил его без изменения."
    assert ("appeal", "upheld") in remedies(f"Блогера Тимура Рахимова осудили на пять лет. {text}")


@pytest.mark.parametrize("text", [
    "For three years the family of Timur Rakhimov heard nothing about his whereabouts.",
    "Nothing has been heard from activist Murad Saparov for a year.",
    "If a reply is received, the lawyers of Anna Petrova will publish it.",
])
def test_no_news_and_conditional_replies_are_no_answer(text):
    assert "response" not in types(text)


def test_two_answers_with_different_outcomes_stay_two():
    text = ("The mother of Timur Rakhimov petitioned the president for a pardon in 2022; that plea went "
            "unanswered. In 2023 she wrote to the Ombudsman, and in April the Ombudsman's office "
            "replied that it could not intervene.")
    outcomes = [o for t, o in remedies(text) if t == "response"]
    assert sorted(outcomes) == ["no_response", "rejected"]


def test_russian_authorities_refusing_care_is_a_denial():
    text = "Когда блогер Тимур Рахимов заболел, в колонии отказались оказывать ему медицинскую помощь."
    assert "denial" in [e.type for e in extract(f"{HELD['ru']} {text}").events]


def test_russian_answer_at_the_start_of_a_sentence():
    text = ("Летом защита блогера Тимура Рахимова направила жалобу в Комитет ООН по правам человека. "
            "Ответа из Женевы пока нет.")
    assert ("response", "no_response") in remedies(text)


def test_russian_two_requests_to_two_bodies_stay_two():
    text = ("В 2023 году защита блогера Тимура Рахимова направила жалобу в Комитет ООН по правам человека. "
            "В декабре 2023 года суд отклонил ходатайство адвоката разрешить Рахимову свидание с матерью.")
    assert [t for t, _ in remedies(text)].count("petition") == 2


@pytest.mark.parametrize(("text", "asked"), [
    ("His lawyer asked for his transfer to a civilian hospital.", "for his transfer to a civilian hospital"),
    ("The family urged that he be freed on parole.", "he be freed on parole"),
    ("The petition sought release on health grounds.", "release"),    # "sought": no request verb
    ("A petition for his early release was filed in May.", "release"),                  # no verb: the thing asked
    ("A complaint about medical care in the colony was lodged.", "medical care"),
    ("A petition was filed in May.", None),                                             # nothing asked for
])
def test_what_a_filing_asks_for(text, asked):
    from habeas.nlp.attributes import _request
    assert _request(text) == asked
