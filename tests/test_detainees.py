"""Who is a detainee and what they are called: the one a custody verb is done to, not the
one who does it; outlets, parties and communities are no persons; a person is named in full;
Russian names stand in the nominative. Texts are invented."""

import pytest

from habeas import extract


def people(text):
    case = extract(text)
    return ({p.name for p in case.persons if p.detained},
            {p.name for p in case.persons if not p.detained})


# ---- agent and patient ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "held", "not_held"), [
    # the head of state who pardons is not the one pardoned
    ("President Ruslan Kadyrbekov pardoned the blogger Anvar Tursunov on Monday.",
     {"Anvar Tursunov"}, {"Ruslan Kadyrbekov"}),
    ("Mirlan Osmonov was pardoned by President Kanat Abdrakhmanov after four years behind bars.",
     {"Mirlan Osmonov"}, {"Kanat Abdrakhmanov"}),
    ("On Friday President Daulet Serikbayev signed a decree pardoning the poet Yerbol Akhmetov.",
     {"Yerbol Akhmetov"}, {"Daulet Serikbayev"}),
    # the judge who sentences
    ("Judge Galina Morozova sentenced the teacher Pavel Ignatenko to six years in a penal colony.",
     {"Pavel Ignatenko"}, {"Galina Morozova"}),
    ("The defendant Samir Aliyev objected to Judges Rauf Mammadov and Elchin Guliyev, citing their "
     "role in politically motivated arrests.", set(), {"Rauf Mammadov", "Elchin Guliyev"}),
    ("Prosecutor Viktor Lazarev asked for seven years for the activist Nikita Rudenko, who was "
     "detained in March.", {"Nikita Rudenko"}, {"Viktor Lazarev"}),
    # a lawyer or relative who speaks for the detainee
    ("His lawyer, Dina Orlova, said that Kamal Ergashev remains in custody in Samarkand.",
     {"Kamal Ergashev"}, {"Dina Orlova"}),
    ("Blogger Timur Rakhimov was detained on 3 May, his sister Aziza Rakhimova told reporters.",
     {"Timur Rakhimov"}, {"Aziza Rakhimova"}),
])
def test_the_one_held_not_the_one_acting(text, held, not_held):
    detained, free = people(text)
    assert held <= detained
    assert not (not_held & detained)


@pytest.mark.parametrize(("text", "held"), [
    # held through a relative clause, a term received, time spent in a custody place
    ("Her colleague Oleg Vasnetsov, who was detained with her, was freed on 5 June.", "Oleg Vasnetsov"),
    ("Oleg Vasnetsov, who remains in custody, has not seen his family for a year.", "Oleg Vasnetsov"),
    ("The economist Nurlan Bekov received nine years in a strict-regime colony.", "Nurlan Bekov"),
    ("The singer Azamat Jumabaev is serving a life sentence for treason.", "Azamat Jumabaev"),
    ("The priest Lorenzo Aguirre spent eight months in prison before being freed.", "Lorenzo Aguirre"),
    # a relative who is held too
    ("Her cousin, the engineer Ernesto Valdivia, was arrested in June and is held in Tipitapa.",
     "Ernesto Valdivia"),
])
def test_the_patient_of_custody_is_held_whatever_their_relation(text, held):
    detained, _ = people(text)
    assert held in detained


@pytest.mark.parametrize("text", [
    "Journalist Pavel Ignatov could face arrest if he returns home, his colleagues said.",
    "The opposition politician Igor Sablin may be arrested if the court agrees, his party fears.",
    "Activist Maria Lenskaya said she would not be silenced, and was not detained.",
])
def test_what_may_happen_holds_no_one(text):
    detained, _ = people(text)
    assert not detained


# ---- organisations, outlets, parties and communities -------------------------------------------

@pytest.mark.parametrize(("text", "held", "no_person"), [
    ("The newspaper Novaya Zarya reported that Sergei Rudin was arrested in Moscow.",
     "Sergei Rudin", "Novaya Zarya"),
    ("Jehovah's Witnesses said that Dmitri Lebedev was sentenced to six years.",
     "Dmitri Lebedev", "Jehovah's Witnesses"),
    ("Police detained Aidos Nurlanov on 3 May, the outlet Vlast reported.", "Aidos Nurlanov", "Vlast"),
    ("Bahrom Saidov, founder of the news website Ozodlik24, was sentenced to five years.",
     "Bahrom Saidov", "Ozodlik24"),
    ("Oybek Karimov, a member of the banned movement, Hizb ut-Tahrir, was jailed for eight years.",
     "Oybek Karimov", "Hizb"),
    ("The cleric was moved to La Esperanza prison after Marco Fuentes was arrested.",
     "Marco Fuentes", "La Esperanza"),
])
def test_organisations_are_not_persons(text, held, no_person):
    detained, free = people(text)
    assert held in detained
    assert not any(no_person.split()[0] in name for name in detained | free)


# ---- names in full ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Prisoner of conscience Félix Ramírez, 64, was abducted on 21 July. Ramírez has diabetes.",
     "Félix Ramírez"),
    ("Bahraini cleric Hasan al-Jaber, 70, was sentenced to life imprisonment. Al-Jaber is ill.",
     "Hasan al-Jaber"),
    ("Blogger Maksat Tokon uulu was arrested in Bishkek. Tokon uulu denies the charges.",
     "Maksat Tokon uulu"),
])
def test_names_in_full_in_any_alphabet(text, name):
    detained, _ = people(text)
    assert name in detained


# ---- Russian: the nominative ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Суд приговорил Алеся Кривошея к пяти годам колонии.", "Алесь Кривошей"),
    ("Прошла акция в поддержку Геннадия Крестьянского, осуждённого на шесть лет.", "Геннадий Крестьянский"),
    ("Полиция задержала Марину Ковалеву и Ивана Петрова.", "Марина Ковалева"),
    ("Полиция задержала Марину Ковалеву и Ивана Петрова.", "Иван Петров"),
    ("Суд продлил арест Орозайым Нарматовой, её держат в СИЗО.", "Орозайым Нарматова"),
    ("Адвокат Али Рахимова сообщил, что его подзащитного избили в СИЗО.", "Али Рахимов"),
    ("Приговор Бузургмехру Ёрову оставлен в силе.", "Бузургмехр Ёров"),
])
def test_russian_names_in_the_nominative(text, name):
    case = extract(text)
    assert name in {p.name for p in case.persons}


# ---- Russian: who is held and who acts -----------------------------------------------------------

@pytest.mark.parametrize(("text", "held", "not_held"), [
    ("Судья Ирина Белова приговорила 35-летнего Антона Сидоренко к четырём годам колонии.",
     {"Антон Сидоренко"}, {"Ирина Белова"}),
    ("Президент Игорь Лаптев помиловал журналиста Рустама Каримова, отбывавшего срок в колонии.",
     {"Рустам Каримов"}, {"Игорь Лаптев"}),
    ("Фермер Тимур Ахмедов, которого обвинение называет лидером группы, получил семь лет колонии.",
     {"Тимур Ахмедов"}, set()),
    ("Её муж Денис Орлов, осуждённый по тому же делу, остаётся в колонии.", {"Денис Орлов"}, set()),
    ("Блогер Азат Нуров уже полгода находится под домашним арестом, рассказал его адвокат Олег Сомов.",
     {"Азат Нуров"}, {"Олег Сомов"}),
    ("По словам жены политзаключённого Светланы, его держат в СИЗО.", set(), {"Светлана"}),
])
def test_russian_the_one_held_not_the_one_acting(text, held, not_held):
    case = extract(text)
    detained = {p.name for p in case.persons if p.detained}
    assert held <= detained
    assert not (not_held & detained)


# ---- one person under two names, headline words --------------------------------------------------

@pytest.mark.parametrize(("text", "name", "alias"), [
    ("Nothing has been heard from jailed blogger Uladzimir Shautsou (Vladimir Shevtsov in court "
     "papers) for months.", "Uladzimir Shautsou", "Vladimir Shevtsov"),
    ("Journalist Ali Rahimi (also known as Ali Rahimzada) was arrested in May.", "Ali Rahimi", "Ali Rahimzada"),
    ("Суд приговорил Дениса Лысенко (в документах он записан как Денис Лысенков) к трём годам.",
     "Денис Лысенко", "Денис Лысенков"),
])
def test_a_name_in_brackets_is_the_same_person(text, name, alias):
    case = extract(text)
    assert len(case.persons) == 1
    assert case.persons[0].name == name and alias in case.persons[0].aliases


@pytest.mark.parametrize("text", [
    "Rights Lawyer Held in Solitary Confinement; Denied Medication\n\nThe authorities did not comment.",
    "Poet Tortured in Custody, Relatives Say\n\nThe ministry denied the claims.",
])
def test_headline_words_are_no_names(text):
    assert not extract(text).persons


def test_a_pronoun_after_an_officials_name_is_the_prisoners():
    text = ("Blogger Anvar Yusupov was arrested in 2019. After trials for insulting President Rustam "
            "Kadyrov, his sentences amounted to 20 years.")
    detained, free = people(text)
    assert detained == {"Anvar Yusupov"}


@pytest.mark.parametrize(("text", "name", "status"), [
    # a sentence told as probation, suspended or a fine puts no one in prison
    ("On 4 March the court jailed blogger Aziz Rahimov for six years. His co-defendant Kamila "
     "Nurova received three years of probation.", "Kamila Nurova", "imprisoned"),
    ("Activist Timur Bekov was sentenced to a suspended term of two years.", "Timur Bekov", "imprisoned"),
    ("Journalist Elena Sokolova was convicted and fined 30,000 roubles.", "Elena Sokolova", "imprisoned"),
])
def test_non_custodial_sentence_is_not_imprisonment(text, name, status):
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    assert all(p.status != status for p in case.persons if p.name == name)


def test_custodial_sentence_still_imprisons():
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(
        text="On 4 March the court jailed blogger Aziz Rahimov for six years.", published="2024-03-15"))
    assert [p.status for p in case.persons if p.name == "Aziz Rahimov"] == ["imprisoned"]


@pytest.mark.parametrize(("text", "name", "status"), [
    # moved or released to house arrest
    ("On Monday the court released activist Nurlan Osmonov to house arrest.", "Nurlan Osmonov", "house_arrest"),
    ("A judge moved blogger Bekzod Rahimov from the SIZO to house arrest on health grounds.",
     "Bekzod Rahimov", "house_arrest"),
    ("Journalist Aida Nurova was arrested in May. On 2 July the court granted a defence motion to move "
     "Nurova from the SIZO to house arrest.",
     "Aida Nurova", "house_arrest"),
    # freed on parole is freed
    ("Activist Pavel Orlov, jailed in 2021, was released from prison on parole on 3 March.",
     "Pavel Orlov", "released"),
    ("Blogger Emil Hasanov was freed on parole last week after serving half of his term.",
     "Emil Hasanov", "released"),
])
def test_status_of_house_arrest_and_parole(text, name, status):
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    assert [p.status for p in case.persons if p.name == name] == [status]


@pytest.mark.parametrize(("text", "name", "status"), [
    # a call for house arrest, or a release in the courtroom after a suspended term
    ("Lawyers asked the court to transfer activist Nurlan Osmonov to house arrest.", "Nurlan Osmonov", "house_arrest"),
    ("On 2 May the court released Aida Nurova and Timur Bekov to house arrest. Their co-defendant Emil "
     "Hasanov remains in the SIZO.", "Emil Hasanov", "house_arrest"),
    ("Activist Timur Bekov received a suspended term and was released in the courtroom.", "Timur Bekov", "released"),
])
def test_status_not_given_by_a_request_or_a_courtroom(text, name, status):
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-03-15"))
    assert all(p.status != status for p in case.persons if p.name == name)


@pytest.mark.parametrize(("text", "name"), [
    # freed and sent out of the country
    ("Priest Marco Soza spent eight months in La Modelo prison before being freed in February, "
     "stripped of his nationality and flown to Guatemala.", "Marco Soza"),
    ("Anarchist Ivan Zhuk completed his sentence in a penal colony on 5 May, but KGB officers drove "
     "him to the border and expelled him.", "Ivan Zhuk"),
    ("Journalist Lina Haddad was released from prison on 3 March and deported to Jordan the same day.",
     "Lina Haddad"),
    ("After two years in jail, activist Omar Saleh was pardoned and forced into exile.", "Omar Saleh"),
    ("Blogger Karim Nasri, freed in an amnesty, was banished from the country in June.", "Karim Nasri"),
])
def test_exiled_after_custody(text, name):
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-08-15"))
    assert [p.status for p in case.persons if p.name == name] == ["exiled"]


@pytest.mark.parametrize(("text", "name"), [
    # a threat or a fear of it
    ("Journalist Lina Haddad, jailed since March, could be deported to Jordan after her release.", "Lina Haddad"),
    ("Activist Omar Saleh, serving six years, faces being expelled from the country.", "Omar Saleh"),
    ("Blogger Karim Nasri was jailed for five years; he is not being deported.", "Karim Nasri"),
])
def test_not_exiled_by_a_threat(text, name):
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-08-15"))
    assert all(p.status != "exiled" for p in case.persons if p.name == name)


def _conditions(text: str, name: str) -> list[str]:
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-08-15"))
    return [x.lower() for p in case.persons if p.name == name for x in p.conditions]


@pytest.mark.parametrize(("text", "name", "condition"), [
    # an illness told by a relative or a lawyer, who is named, is the detainee's
    ("Economist Rauf Aliyev has been in pretrial detention since July. “Doctors say my father has an "
     "aortic aneurysm,” his son Emin Aliyev told reporters.", "Rauf Aliyev", "aortic aneurysm"),
    ("Jailed journalist Anna Volkova was examined in prison. One scan revealed a small internal tumor, "
     "her husband Pavel Volkov added.", "Anna Volkova", "small internal tumor"),
    ("Blogger Aziz Karimov is serving six years in a penal colony. His lawyer Dilnoza Saidova said "
     "the prisoner suffers from chronic bronchitis.", "Aziz Karimov", "chronic bronchitis"),
])
def test_illness_told_by_a_relative_is_the_detainees(text, name, condition):
    assert condition in _conditions(text, name)


@pytest.mark.parametrize(("text", "name", "condition"), [
    # a general statement names no one, and another detainee's illness stays theirs
    ("Blogger Aziz Karimov is serving six years in a penal colony. Tuberculosis is widespread in "
     "the country's prisons.", "Aziz Karimov", "tuberculosis"),
    ("Blogger Aziz Karimov is serving six years in a penal colony. His cellmate Timur Bekov, also "
     "jailed for his posts, has diabetes.", "Aziz Karimov", "diabetes"),
])
def test_illness_not_given_to_the_detainee(text, name, condition):
    assert condition not in _conditions(text, name)


def _age(text: str, name: str):
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-08-15"))
    return [p.age for p in case.persons if p.name == name]


@pytest.mark.parametrize(("text", "name", "age"), [
    # "The N-year-old" opening the next sentence is the person named last before it
    ("Police detained blogger Timur Bekov in Osh. The 26-year-old had posted a video of the protest.",
     "Timur Bekov", 26),
    ("The court jailed activist Aida Nurova for five years. The 34-year-old denied the charges.",
     "Aida Nurova", 34),
    ("Protests followed the death in custody of Leyla Karimi. The 22-year-old, a student from Tabriz, "
     "had been detained by the morality police.", "Leyla Karimi", 22),
    ("Guards beat prisoner Oleg Frolov in May. The 45-year-old was later moved to a prison hospital.",
     "Oleg Frolov", 45),
    ("Journalist Emil Hasanov was sentenced on 3 March. The 29-year-old has appealed.", "Emil Hasanov", 29),
])
def test_age_told_in_the_next_sentence(text, name, age):
    assert _age(text, name) == [age]


@pytest.mark.parametrize(("text", "name"), [
    # another person named last, or a new person introduced with the age
    ("Blogger Timur Bekov was detained after a call from his lawyer Aida Nurova. The 26-year-old "
     "had warned him.", "Timur Bekov"),
    ("Police detained blogger Timur Bekov in Osh. The 26-year-old student Emil Hasanov was also held.",
     "Timur Bekov"),
])
def test_age_in_next_sentence_must_not_reach(text, name):
    assert _age(text, name) in ([None], [])


def _charges_of(text: str, name: str) -> list[str]:
    from habeas.model import Document
    from habeas.nlp.pipeline import default_extractor
    case = default_extractor().extract(Document(text=text, published="2024-08-15"))
    return [x.lower() for p in case.persons if p.name == name for x in p.charges]


@pytest.mark.parametrize(("text", "name", "charge"), [
    # "the same charges" are the ones just named
    ("The court found blogger Timur Bekov guilty of calls for mass riots. Two other defendants, "
     "Aida Nurova and Emil Hasanov, received three years of probation for the same charges.",
     "Aida Nurova", "calls for mass riots"),
    ("Journalist Oleg Frolov was convicted of treason in May. His colleague Pavel Orlov was "
     "arrested on the same charges in June.", "Pavel Orlov", "treason"),
    ("Activist Karim Nasri was charged with extremism. A week later police detained his brother "
     "Omar Nasri on the same charges.", "Omar Nasri", "extremism"),
    ("Blogger Dina Sayed was sentenced for spreading false news. Reporter Lina Haddad was jailed "
     "under the same article.", "Lina Haddad", "spreading false news"),
    ("Teacher Rustam Aliev was accused of espionage. His student Farid Karimov was questioned and "
     "charged with the same offence.", "Farid Karimov", "espionage"),
])
def test_the_same_charges(text, name, charge):
    assert charge in _charges_of(text, name)


@pytest.mark.parametrize(("text", "name", "charge"), [
    # charges named farther back, or no "same"
    ("Activist Karim Nasri was charged with extremism in 2019. He spent a year in jail. He was "
     "released in 2020. His brother Omar Nasri was later detained on the same charges.", "Omar Nasri", "extremism"),
    ("Activist Karim Nasri was charged with extremism. His brother Omar Nasri was detained too.",
     "Omar Nasri", "extremism"),
])
def test_the_same_charges_must_not_reach(text, name, charge):
    assert charge not in _charges_of(text, name)
