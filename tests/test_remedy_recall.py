"""Remedies told more than once: several requests and several answers about one detainee stay
apart when the text marks them as distinct (another body, "previous", "another", "again"),
and answers told by what the authority did on a request."""

import pytest

from habeas import extract

HELD = "Blogger Timur Rakhimov, activist Murad Saparov and journalist Anna Petrova are serving prison terms."


def events(text, kinds=("petition", "response", "appeal")):
    return [(e.type, e.attrs.get("outcome")) for e in extract(f"{HELD} {text}").events if e.type in kinds]


def count(text, kind):
    return [t for t, _ in events(text)].count(kind)


# Two bodies refusing one request: two answers.
@pytest.mark.parametrize("text", [
    "The request of Anna Petrova's husband for her case file was rejected by the colony administration. "
    "The request was also turned down by the regional hospital.",
    "The complaint of activist Murad Saparov was dismissed by the district court. "
    "Saparov's complaint was later rejected by the regional Ombudsman as well.",
    "The application of blogger Timur Rakhimov for a transfer was refused by the prison service. "
    "The application was also refused by the Ministry of Justice.",
])
def test_answers_by_two_bodies_stay_two(text):
    assert count(text, "response") == 2


# One body named twice (a name, then a common noun for it): one answer.
@pytest.mark.parametrize("text", [
    "The Department of Corrections rejected the petition of Anna Petrova's mother. "
    "The department rejected the petition without explanation.",
    "The prosecutor's office of Almaty region dismissed the complaint of activist Murad Saparov. "
    "The office dismissed the complaint, saying it had no grounds.",
])
def test_one_body_named_twice_answers_once(text):
    assert count(text, "response") == 1


# "previous", "another", "earlier", "again": one more request or answer, not the one told.
@pytest.mark.parametrize("text", [
    "In May 2021 the court rejected a request for bail from blogger Timur Rakhimov. "
    "His previous bail requests had all been rejected.",
    "In June 2022 the prosecutor turned down a complaint from activist Murad Saparov. "
    "An earlier complaint of his was dismissed as well.",
    "In March 2020 the judge refused an application for parole by journalist Anna Petrova. "
    "A second application was refused by the judge too.",
])
def test_answers_marked_as_another_stay_apart(text):
    assert count(text, "response") == 2
    assert count(text, "petition") == 2


@pytest.mark.parametrize("text", [
    "In May 2021 the court rejected a request for bail from blogger Timur Rakhimov. "
    "The request was rejected on health grounds.",
    "In June 2022 the prosecutor turned down a complaint from activist Murad Saparov. "
    "The complaint was turned down without a hearing.",
])
def test_the_same_answer_told_twice_is_one(text):
    assert count(text, "response") == 1


# An act told as done on a request: the authority's answer, granted (or refused).
@pytest.mark.parametrize(("text", "outcome"), [
    ("At the request of his mother, the district prosecutor opened an inquiry into the beating of "
     "activist Murad Saparov in May 2022.", "granted"),
    ("At Anna Petrova's request, the colony administration allowed a cardiologist to examine her in "
     "March 2021.", "granted"),
    ("Following a complaint from his lawyer, the regional court ordered the release of blogger "
     "Timur Rakhimov in June 2023.", "granted"),
    ("After the sister of Murad Saparov wrote to the Ombudsman asking for a visit, the Ombudsman's "
     "office arranged a meeting in the colony in April 2020.", "granted"),
    ("Upon a petition filed by her husband, the prison service approved the transfer of journalist "
     "Anna Petrova to a hospital.", "granted"),
    ("Anna Petrova was examined after appeals made to the prison authorities by her lawyers in 2021.",
     "granted"),
    ("Following repeated requests from his family, the court rejected the release of blogger Timur "
     "Rakhimov on bail.", "rejected"),
])
def test_an_act_on_a_request_is_its_answer(text, outcome):
    assert ("response", outcome) in events(text)


@pytest.mark.parametrize("text", [
    "After his complaint to the prosecutor, guards beat activist Murad Saparov.",
    "Following a complaint from a cellmate, blogger Timur Rakhimov was placed in a punishment cell.",
    "At the request of the prosecutor, the court may order the arrest of journalist Anna Petrova.",
    "After the hearing, the court ordered journalist Anna Petrova to pay a fine.",
    "Following her arrest in May 2022, investigators opened a case against journalist Anna Petrova.",
    "Following a complaint by the ministry, the court ordered the arrest of blogger Timur Rakhimov.",
    "After his complaint about the beatings, the colony administration opened a disciplinary case "
    "against activist Murad Saparov.",
    "After activist Murad Saparov complained to the governor, guards allowed other inmates to beat him.",
])
def test_no_answer_without_a_request_acted_on(text):
    assert "response" not in [t for t, _ in events(text)]


# A treaty body or an international court deciding on a communication.
@pytest.mark.parametrize(("text", "outcome"), [
    ("In 2021 the UN Working Group on Arbitrary Detention found the detention of blogger Timur "
     "Rakhimov arbitrary.", "granted"),
    ("In March 2022 the UN Human Rights Committee concluded that activist Murad Saparov had been "
     "tortured and should be released.", "granted"),
    ("The Working Group issued an opinion on the case of journalist Anna Petrova in November 2020, "
     "calling for her release.", "granted"),
    ("In 2019 the UN Human Rights Committee recognised blogger Timur Rakhimov as a victim of torture.",
     "granted"),
    ("The European Court of Human Rights ruled in 2023 that the detention of activist Murad Saparov "
     "violated the Convention.", "granted"),
    ("In 2020 the UN Committee against Torture declared the complaint of journalist Anna Petrova "
     "inadmissible.", "rejected"),
])
def test_a_treaty_body_finding_answers_a_communication(text, outcome):
    assert ("response", outcome) in events(text)


@pytest.mark.parametrize("text", [
    "The district court found blogger Timur Rakhimov guilty of extremism in 2021.",
    "The UN Working Group may find the detention of activist Murad Saparov arbitrary.",
    "Investigators concluded in 2020 that journalist Anna Petrova had organised the protest.",
    "Amnesty International found that blogger Timur Rakhimov had been tortured.",
])
def test_no_finding_without_a_treaty_body(text):
    assert "response" not in [t for t, _ in events(text)]


# An authority taking up a request: the request was made.
@pytest.mark.parametrize("text", [
    "In 2022 the European Court of Human Rights communicated the complaint of activist Murad Saparov.",
    "The application of journalist Anna Petrova is being considered by the Supreme Court.",
    "The regional prosecutor's office registered the complaint of blogger Timur Rakhimov in May.",
    "The UN Human Rights Committee is examining the complaint of activist Murad Saparov.",
    "The Ombudsman forwarded the complaint of Anna Petrova to the prison service.",
])
def test_a_request_taken_up_was_made(text):
    assert "petition" in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "The court may consider the complaint of activist Murad Saparov next month.",
    "The Ombudsman will review the complaint of Anna Petrova if her family files one.",
])
def test_a_request_not_yet_taken_up_is_no_petition(text):
    assert "petition" not in [t for t, _ in events(text)]


# A group that hands a request in files it; a group that asks in public campaigns.
@pytest.mark.parametrize("text", [
    "In July 2020 the human rights movement Free Voice sent a request for the release of blogger Timur Rakhimov.",
    "The rights group Open Door lodged a complaint about the beating of activist Murad Saparov in 2021.",
    "A coalition of NGOs submitted a petition for the pardon of journalist Anna Petrova in March 2022.",
    "The human rights centre Memoria filed an application for the transfer of Murad Saparov to a hospital.",
])
def test_a_group_filing_a_request_petitions(text):
    assert "petition" in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "Human Rights Watch asked for the release of blogger Timur Rakhimov.",
    "Amnesty International demanded the release of activist Murad Saparov.",
    "Rights groups called for the immediate release of journalist Anna Petrova.",
    "Rights groups condemned the verdict and demanded that blogger Timur Rakhimov be given medical care.",
    "Supporters of blogger Timur Rakhimov launched an online petition calling for his release.",
])
def test_a_group_asking_in_public_is_no_petition(text):
    assert "petition" not in [t for t, _ in events(text)]


# The addressee told through the writing that carried the request.
@pytest.mark.parametrize(("text", "to"), [
    ("In a letter to the Prosecutor General, the mother of Murad Saparov asked for a medical examination.",
     "Prosecutor General"),
    ("The lawyer of Anna Petrova demanded a medical examination in a statement to the head of the colony.",
     "head of the colony"),
    ("The wife of Timur Rakhimov asked for a visit in a complaint to the prison service.", "prison service"),
])
def test_the_addressee_of_a_written_request(text, to):
    petition = next(e for e in extract(f"{HELD} {text}").events if e.type == "petition")
    assert any(to in t for t in petition.attrs["to"])


# Requests by different people about one detainee stay apart.
@pytest.mark.parametrize("text", [
    "Cellmates of Anna Petrova issued a plea for her medical care. Despite requests from prison doctors "
    "for her transfer to a hospital, the authorities have not moved her.",
    "The mother of Murad Saparov petitioned the governor for his transfer. A request from his doctors "
    "for the same transfer was also made.",
])
def test_requests_by_different_people_stay_apart(text):
    assert count(text, "petition") == 2


HELD_RU = "Блогер Тимур Рахимов, активист Мурад Сапаров и журналистка Анна Петрова находятся в колонии."


def events_ru(text):
    return [(e.type, e.attrs.get("outcome")) for e in extract(f"{HELD_RU} {text}").events
            if e.type in ("petition", "response", "appeal")]


# A verb of obtaining: a request made and granted in one word.
@pytest.mark.parametrize("text", [
    "Адвокат добился перевода блогера Тимура Рахимова в больницу в мае 2022 года.",
    "Летом родственники активиста Мурада Сапарова добились свидания с ним.",
    "Защита журналистки Анны Петровой добилась обследования в гражданской клинике.",
    "В 2021 году активист Мурад Сапаров выиграл суд у колонии.",
    "Журналистка Анна Петрова выиграла иск к медсанчасти в 2023 году.",
    "Мать блогера Тимура Рахимова добилась его госпитализации осенью.",
])
def test_russian_obtained_is_a_request_granted(text):
    got = events_ru(text)
    assert ("petition", None) in got
    assert ("response", "granted") in got


@pytest.mark.parametrize("text", [
    "Адвокат пытается добиться перевода блогера Тимура Рахимова в больницу.",
    "Родственники активиста Мурада Сапарова так и не добились свидания с ним.",
    "Защита журналистки Анны Петровой намерена добиться её освобождения.",
    "Активист Мурад Сапаров хочет выиграть суд у колонии.",
    "Мать блогера Тимура Рахимова надеется добиться его помилования.",
])
def test_russian_obtaining_sought_is_no_answer(text):
    assert ("response", "granted") not in events_ru(text)


# Addressing a body named by a common noun; a reporter asking for comment is no request.
@pytest.mark.parametrize("text", [
    "Адвокат блогера Тимура Рахимова обратился в ведомство с требованием возбудить дело.",
    "Мать активиста Мурада Сапарова обратилась в учреждение с просьбой о свидании.",
    "Суд рассматривает исковое заявление журналистки Анны Петровой к администрации колонии.",
])
def test_russian_requests_to_bodies(text):
    assert "petition" in [t for t, _ in events_ru(text)]


@pytest.mark.parametrize("text", [
    "Редакция обратилась за комментарием в учреждение, где содержится блогер Тимур Рахимов.",
    "Журналисты обратились за разъяснениями в ведомство, но активист Мурад Сапаров остаётся в колонии.",
])
def test_russian_press_questions_are_no_petition(text):
    assert "petition" not in [t for t, _ in events_ru(text)]


# The body asked, named again by a pronoun, answers.
@pytest.mark.parametrize(("text", "outcome"), [
    ("The wife of Murad Saparov asked the Investigative Committee to open a case over his beating; "
     "it declined in May 2022.", "rejected"),
    ("The lawyers of Anna Petrova applied to the regional court for her release, but it refused.", "rejected"),
    ("The mother of Timur Rakhimov petitioned the prison service for a visit, and it granted the request.",
     "granted"),
    ("The family of Murad Saparov wrote to the prosecutors asking for a medical check; they rejected it.",
     "rejected"),
])
def test_the_body_asked_answers_by_pronoun(text, outcome):
    assert ("response", outcome) in events(text)


@pytest.mark.parametrize("text", [
    "The lawyer of Anna Petrova asked the court to grant the motion for bail.",
    "The family of Murad Saparov asked the prison service for a visit; they said he looked thin.",
    "The mother of Timur Rakhimov asked the governor for a meeting, and he refused to eat for a week.",
])
def test_no_pronoun_answer_without_an_answer_verb_or_body(text):
    assert "response" not in [t for t, _ in events(text)]


# An inquiry is a request when it goes to a body.
@pytest.mark.parametrize("text", [
    "The inquiry of Anna Petrova's mother to the Department of Corrections went unanswered.",
    "An inquiry from the lawyer of Murad Saparov to the prosecutor's office was sent in May 2022.",
    "Her sister's enquiry to the Interior Ministry about the health of Anna Petrova was ignored.",
])
def test_an_inquiry_to_a_body_is_a_petition(text):
    assert "petition" in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "A public inquiry into the death of activist Murad Saparov's cellmate opened in 2021.",
    "The UN Human Rights Committee, which examines complaints from individuals, has not yet looked at "
    "the case of blogger Timur Rakhimov.",
    "The European Court of Human Rights, a court that hears applications against states, is in Strasbourg; "
    "Anna Petrova is in a colony.",
])
def test_no_petition_in_generic_or_investigative_inquiries(text):
    assert "petition" not in [t for t, _ in events(text)]


def test_what_is_requested_is_not_done():
    text = ("The lawyers of Anna Petrova requested that the Supreme Court write a letter to the district "
            "court ordering her release.")
    assert [t for t, _ in events(text)] == ["petition"]


# Two Russian answers with two outcomes stay two.
@pytest.mark.parametrize("text", [
    "Весной 2023 года мать активиста Мурада Сапарова написала омбудсмену. Ответа до сих пор нет. "
    "В июне суд отклонил ходатайство защиты о переводе Сапарова в больницу.",
    "Защита журналистки Анны Петровой направила жалобу в Генпрокуратуру, ответа не получила. "
    "В мае 2022 года суд отказал в её освобождении под залог.",
    "Жена блогера Тимура Рахимова обратилась в ООН, но ответа пока нет. Осенью колония удовлетворила "
    "её просьбу о свидании.",
])
def test_russian_two_answers_with_two_outcomes(text):
    outcomes = {o for t, o in events_ru(text) if t == "response"}
    assert "no_response" in outcomes and len(outcomes) == 2


# Contesting in court: a petition, or an appeal when the verdict is contested.
@pytest.mark.parametrize(("text", "kind"), [
    ("Journalist Anna Petrova contested her detention before the Constitutional Court in 2021.", "petition"),
    ("The lawyer of Murad Saparov challenged the legality of his arrest in court in May 2022.", "petition"),
    ("The widow of a cellmate and activist Murad Saparov are challenging the refusal in court.", "petition"),
    ("The lawyers of blogger Timur Rakhimov challenged the verdict in the Supreme Court.", "appeal"),
    ("The defence of Anna Petrova disputed the sentence before the regional court in 2020.", "appeal"),
])
def test_contesting_in_court(text, kind):
    assert kind in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "Activists challenged the authorities to release journalist Anna Petrova.",
    "Blogger Timur Rakhimov challenged the official account of events in his posts.",
    "Activist Murad Saparov disputed the charges in an interview.",
])
def test_contesting_without_a_court_is_no_remedy(text):
    assert not events(text)


# Seeking help from a body.
@pytest.mark.parametrize("text", [
    "The sister of Anna Petrova sought assistance from the Interior Ministry in 2022.",
    "The mother of Murad Saparov sought protection from the UN Working Group.",
    "The family of blogger Timur Rakhimov sought help from the Ombudsman in March 2021.",
])
def test_seeking_help_from_a_body_is_a_petition(text):
    assert "petition" in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "Blogger Timur Rakhimov sought refuge from the heat in the shade of the barracks.",
    "Activist Murad Saparov sought help from his cellmates.",
])
def test_seeking_without_a_body_is_no_petition(text):
    assert "petition" not in [t for t, _ in events(text)]


# A public petition gathering signatures is a campaign, not a filing.
@pytest.mark.parametrize("text", [
    "Supporters of blogger Timur Rakhimov launched a petition calling for his release.",
    "More than 5,000 people have signed a petition for the release of activist Murad Saparov.",
    "An online petition demanding freedom for journalist Anna Petrova has gathered 20,000 signatures.",
    "Students circulated a petition in support of blogger Timur Rakhimov.",
])
def test_public_petitions_are_no_petition(text):
    assert "petition" not in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "The family of activist Murad Saparov filed a petition with the district court for his release.",
    "The lawyer of Anna Petrova submitted a petition to the Supreme Court for a review of her case.",
])
def test_petitions_filed_with_a_body_stay(text):
    assert "petition" in [t for t, _ in events(text)]


# Russian: a demand put to a body; what is asked is no answer; a supposed answer is none.
@pytest.mark.parametrize("text", [
    "Адвокат потребовал от администрации СИЗО провести медицинское обследование журналистки Анны Петровой.",
    "Мать блогера Тимура Рахимова требовала от прокуратуры проверить условия его содержания.",
    "Защита активиста Мурада Сапарова потребовала от суда изменить меру пресечения.",
])
def test_russian_demand_of_a_body_is_a_petition(text):
    assert "petition" in [t for t, _ in events_ru(text)]


@pytest.mark.parametrize("text", [
    "Правозащитники потребовали освободить активиста Мурада Сапарова.",
    "Активисты потребовали от властей освободить журналистку Анну Петрову немедленно.",
])
def test_russian_public_demands_are_no_petition(text):
    assert "petition" not in [t for t, _ in events_ru(text)]


@pytest.mark.parametrize("text", [
    "Жена активиста Мурада Сапарова просила администрацию колонии разрешить свидание.",
    "Мать журналистки Анны Петровой попросила начальника колонии удовлетворить её просьбу о передаче.",
    "Если суд откажет, защита блогера Тимура Рахимова обратится в Верховный суд.",
    "Защита активиста Мурада Сапарова надеется, что суд удовлетворит ходатайство, а если откажет, подаст жалобу.",
])
def test_russian_asked_or_supposed_answers_are_none(text):
    assert "response" not in [t for t, _ in events_ru(text)]


def dated(text):
    return [(e.type, e.date, e.attrs.get("outcome")) for e in extract(f"{HELD} {text}", published="2024-11-05").events
            if e.type in ("petition", "response")]


# The body asked in one sentence answers by pronoun in the next.
@pytest.mark.parametrize(("text", "outcome"), [
    ("In August the wife of blogger Timur Rakhimov asked prison officials for a visit. They refused.", "rejected"),
    ("The lawyer of Anna Petrova applied to the regional court for bail in May. It rejected the application "
     "a week later.", "rejected"),
    ("The mother of Murad Saparov petitioned the prison service for his transfer. It agreed in June.", "granted"),
])
def test_a_pronoun_answer_in_the_next_sentence(text, outcome):
    assert ("response", outcome) in events(text)


@pytest.mark.parametrize("text", [
    "In August the wife of blogger Timur Rakhimov asked prison officials for a visit. They visited the colony in May.",
    "The lawyer of Anna Petrova wants to apply to the court for bail. It refused to comment on the case.",
    "Blogger Timur Rakhimov was beaten in May. They refused to say why.",
])
def test_no_pronoun_answer_without_a_body_asked(text):
    assert "response" not in [t for t, _ in events(text)]


# Silence told with "without": "wrote … without getting a reply".
@pytest.mark.parametrize("text", [
    "The mother of Murad Saparov has written to the ministry several times without getting a reply.",
    "The lawyer of Anna Petrova complained to the prosecutor in 2022 without receiving any answer.",
])
def test_without_a_reply_is_no_response(text):
    assert ("response", "no_response") in events(text)


def test_without_a_reply_needs_a_request():
    assert "response" not in [t for t, _ in events(
        "Blogger Timur Rakhimov left the meeting without getting a reply to his question.")]


# The date of a filing told in the clause on the request noun, not the answer's.
@pytest.mark.parametrize(("text", "filed", "answered"), [
    ("The court rejected on 5 May the motion that the lawyers of Murad Saparov had filed in March.",
     "2024-03", "2024-05-05"),
    ("On 20 May the court dismissed the complaint lodged by the lawyer of Anna Petrova on 2 April.",
     "2024-04-02", "2024-05-20"),
    ("In October the prosecutor turned down the request for a medical examination that the family of "
     "Timur Rakhimov had sent in July.", "2024-07", "2024-10"),
])
def test_the_filing_date_in_the_request_clause(text, filed, answered):
    got = dated(text)
    assert ("petition", filed, None) in got
    assert any(t == "response" and d == answered for t, d, _ in got)


# "requested that she be transferred": a that-clause of what a detainee needs.
@pytest.mark.parametrize("text", [
    "The lawyer of journalist Anna Petrova requested that she be transferred to a civilian hospital.",
    "The family of Murad Saparov asked that he be examined by an independent doctor.",
    "In 2022 the mother of blogger Timur Rakhimov petitioned that he be released on health grounds.",
])
def test_a_request_that_something_be_done(text):
    assert "petition" in [t for t, _ in events(text)]


@pytest.mark.parametrize("text", [
    "Amnesty International demanded that journalist Anna Petrova be released immediately.",
    "The prosecutor requested that activist Murad Saparov be kept in custody.",
])
def test_a_call_or_a_prosecution_request_is_no_petition(text):
    assert "petition" not in [t for t, _ in events(text)]


# A refusal to act on a request, told through what the act would have been.
@pytest.mark.parametrize("text", [
    "The prosecutor's office refused to open a criminal case on the complaint of Anna Petrova's lawyer.",
    "Investigators declined to launch an inquiry following the complaint of activist Murad Saparov.",
])
def test_refusing_to_act_on_a_complaint_is_an_answer(text):
    assert ("response", "rejected") in events(text)


# Requests made by the state side are no remedy, and granting them is no answer.
@pytest.mark.parametrize("text", [
    "The court granted the prosecution's request to keep journalist Anna Petrova in custody.",
    "The judge satisfied the motion of the investigators to extend the detention of Murad Saparov.",
    "A request by the police to search the flat of blogger Timur Rakhimov was approved in May.",
])
def test_state_requests_are_no_remedy(text):
    assert not events(text)


# "Officials" or "the authorities" stand for the body named elsewhere: one answer, told by the
# sentence that names the body.
@pytest.mark.parametrize(("text", "body"), [
    ("Officials have turned down a request to free activist Murad Saparov. On 3 May the Ministry of "
     "Justice rejected the petition of his family.", "Ministry of Justice"),
    ("The authorities refused the complaint of journalist Anna Petrova. In June the Prosecutor General's "
     "Office refused her complaint, citing a lack of evidence.", "Prosecutor General's Office"),
])
def test_a_generic_body_and_its_name_answer_once(text, body):
    answers = [e for e in extract(f"{HELD} {text}").events if e.type == "response"]
    assert len(answers) == 1 and body in answers[0].attrs["by"]


# Russian: findings of treaty bodies, acts done on a request, answers to letters.
@pytest.mark.parametrize("text", [
    "В 2021 году Рабочая группа ООН признала задержание блогера Тимура Рахимова произвольным.",
    "ЕСПЧ постановил, что активист Мурад Сапаров подвергался пыткам.",
    "Комитет ООН по правам человека признал, что права журналистки Анны Петровой нарушены.",
    "По жалобе адвоката прокуратура провела проверку в колонии, где находится Мурад Сапаров.",
    "По просьбе матери журналистки Анны Петровой администрация разрешила свидание.",
    "По ходатайству защиты суд назначил экспертизу блогеру Тимуру Рахимову.",
])
def test_russian_answers_told_by_an_act(text):
    assert ("response", "granted") in events_ru(text)


@pytest.mark.parametrize("text", [
    "Суд признал блогера Тимура Рахимова виновным в экстремизме.",
    "После жалоб соседей полиция задержала активиста Мурада Сапарова.",
    "По данным прокуратуры, журналистка Анна Петрова перевела деньги за границу.",
    "Следователи провели обыск по делу активиста Мурада Сапарова.",
])
def test_russian_acts_without_a_request_or_body_are_no_answer(text):
    assert "response" not in [t for t, _ in events_ru(text)]


@pytest.mark.parametrize(("text", "outcome"), [
    ("Прокуратура оставила жалобу матери блогера Тимура Рахимова без рассмотрения.", "rejected"),
    ("Уполномоченный так и не ответил на письмо жены активиста Мурада Сапарова.", "no_response"),
])
def test_russian_answers_to_longer_requests(text, outcome):
    assert ("response", outcome) in events_ru(text)
