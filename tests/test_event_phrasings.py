"""Events told in many wordings, and wordings that tell no event: our own sentences, several
per phenomenon, each row what a reporter might write (negation, modality and public calls
must not fire; the agent who jails or pardons is never the event's person)."""

import pytest

from habeas import extract

HELD = "Blogger Timur Nazarov is held in Prison No. 5. "


def of_type(text, etype, published="2024-06-20", language=None):
    case = extract(text, published=published, language=language)
    return [(e.persons, e.date) for e in case.events if e.type == etype]


@pytest.mark.parametrize(("text", "etype", "expected"), [
    # a sentence told by a verb and its object
    ("In May 2023 the city court handed journalist Anvar Tolipov a nine-year term.", "sentence",
     [(["Anvar Tolipov"], "2023-05")]),
    ("Journalist Anvar Tolipov received eight years in a strict-regime colony in May 2023.", "sentence",
     [(["Anvar Tolipov"], "2023-05")]),
    ("The court in Tashkent jailed the journalist Anvar Tolipov for seven years in May 2023.", "sentence",
     [(["Anvar Tolipov"], "2023-05")]),
    ("Journalist Anvar Tolipov was given a six-year term in May 2023.", "sentence",
     [(["Anvar Tolipov"], "2023-05")]),
    ("Journalist Anvar Tolipov is serving ten years in a penal colony.", "sentence",
     [(["Anvar Tolipov"], None)]),
    ("Journalist Anvar Tolipov, who is serving a twelve-year term, has asthma.", "sentence",
     [(["Anvar Tolipov"], None)]),
    # … and wordings that tell none
    ("Journalist Anvar Tolipov remains in pretrial detention. If found guilty, he could be jailed "
     "for up to ten years.", "sentence", []),
    ("Journalist Anvar Tolipov remains in pretrial detention and could face up to ten years in prison.",
     "sentence", []),
    ("Journalist Anvar Tolipov remains in pretrial detention. He finished serving his sentence in May.",
     "sentence", []),
    # the agent (judge, court, president, police) is not the person of the event
    ("Judge Rustam Aliyev sentenced blogger Timur Nazarov to six years in prison.", "sentence",
     [(["Timur Nazarov"], None)]),
    ("President Ilham Karimov pardoned the poet Dovlet Annayev on 9 May 2024.", "release",
     [(["Dovlet Annayev"], "2024-05-09")]),
    ("The poet Dovlet Annayev walked out of the colony on 9 May 2024 after President Ilham Karimov "
     "signed a pardon decree.", "release", [(["Dovlet Annayev"], "2024-05-09")]),
    ("Activist Aigul Bekova was detained by Colonel Bakhtiyar Usmanov on 3 May 2024.", "arrest",
     [(["Aigul Bekova"], "2024-05-03")]),
    # release
    ("Activist Aigul Bekova walked out of Prison No. 4 on 3 May 2024.", "release",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova was detained on 2 May 2024. She was let go on 3 May.", "release",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova completed her sentence in Prison No. 4 on 3 May 2024.", "release",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova was freed from Prison No. 4 on 3 May 2024.", "release",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova was detained in Nukus. Her brother, Timur Bekov, a driver who was "
     "detained with her, was released a week later.", "release", [(["Timur Bekov"], None)]),
    ("Activist Aigul Bekova remains in Prison No. 4. Rights groups demanded the release of Aigul Bekova.",
     "release", []),
    ("Activist Aigul Bekova remains in Prison No. 4. She should be released.", "release", []),
    ("Activist Aigul Bekova remains in Prison No. 4. She was not released.", "release", []),
    # arrest
    ("Security agents picked up activist Aigul Bekova outside her home on 3 May 2024.", "arrest",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Police took activist Aigul Bekova into custody on 3 May 2024.", "arrest",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova was taken away by plain-clothes officers on 3 May 2024.", "arrest",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova has been held in Prison No. 4 since 3 May 2024.", "arrest",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("On 3 May 2024 the Bishkek court remanded activist Aigul Bekova in custody.", "arrest",
     [(["Aigul Bekova"], "2024-05-03")]),
    (HELD + "Officers took away his mattress in May.", "arrest", []),
    (HELD + "His family wrote to the UN Working Group on Arbitrary Detention.", "arrest", []),
    # charge
    ("Investigators opened a case against activist Aigul Bekova on 3 May 2024.", "charge",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Investigators opened a second criminal case against activist Aigul Bekova on 3 May 2024.", "charge",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova was remanded on 3 May 2024 on charges under Article 159.", "charge",
     [(["Aigul Bekova"], "2024-05-03")]),
    ("Activist Aigul Bekova was detained on 3 May 2024 and released without being charged.", "charge", []),
    # disappearance
    (HELD + "For two weeks nobody knew where he was.", "disappearance", [(["Timur Nazarov"], None)]),
    (HELD + "His family has not been told where he is being held.", "disappearance",
     [(["Timur Nazarov"], None)]),
    (HELD + "He has not been seen since.", "disappearance", [(["Timur Nazarov"], None)]),
    (HELD + "Nothing has been heard from him for a year.", "disappearance", [(["Timur Nazarov"], None)]),
    (HELD + "His relatives could not learn where he was taken.", "disappearance", [(["Timur Nazarov"], None)]),
    (HELD + "His family knows where he is held.", "disappearance", []),
    (HELD + "His relatives were told where he is being held.", "disappearance", []),
    # health told by a verb and its object
    (HELD + "He has lost fifteen kilograms.", "health", [(["Timur Nazarov"], None)]),
    (HELD + "He suffered a heart attack.", "health", [(["Timur Nazarov"], None)]),
    (HELD + "He underwent emergency surgery.", "health", [(["Timur Nazarov"], None)]),
    (HELD + "He has lost the sight of his left eye.", "health", [(["Timur Nazarov"], None)]),
    (HELD + "His kidneys are failing.", "health", [(["Timur Nazarov"], None)]),
    (HELD + "He has not lost weight.", "health", []),
    # a transfer to a colony where a punishment cell followed; a cell alone is no transfer
    ("In May 2024 blogger Timur Nazarov was transferred to colony No. 7, where he was put in a "
     "punishment cell.", "transfer", [(["Timur Nazarov"], "2024-05")]),
    (HELD + "In May he was transferred to a punishment cell.", "transfer", []),
    # a death penalty is no death
    ("A court sentenced blogger Timur Nazarov to death in May 2024.", "death", []),
    # a term in force named as someone's ("his six-year term"): a sentence, undated by what
    # befell the term (cut, confirmed, expired)
    ("The appeals court confirmed the seven-year sentence of journalist Anvar Tolipov.", "sentence",
     [(["Anvar Tolipov"], None)]),
    ("Journalist Anvar Tolipov, whose nine-year sentence was cut on appeal in 2022, fell ill in May.",
     "sentence", [(["Anvar Tolipov"], None)]),
    ("Journalist Anvar Tolipov completed his six-year term on 3 May.", "sentence", [(["Anvar Tolipov"], None)]),
    ("Her four-year sentence expired in March, but activist Dilnoza Rashidova is still held.", "sentence",
     [(["Dilnoza Rashidova"], None)]),
    ("Journalist Anvar Tolipov's 12-year term ends in 2030.", "sentence", [(["Anvar Tolipov"], None)]),
    ("Prosecutors demanded a seven-year sentence for journalist Anvar Tolipov.", "sentence", []),
    ("Journalist Anvar Tolipov faces a possible ten-year term.", "sentence", []),
    ("The maximum term for the offence is five years, journalist Anvar Tolipov said.", "sentence", []),
    ("Journalist Anvar Tolipov wants to serve his sentence closer to home.", "sentence", []),
])
def test_english_wordings(text, etype, expected):
    assert of_type(text, etype) == expected


@pytest.mark.parametrize(("text", "etype", "expected"), [
    ("Активист Тимур Назаров получил шесть лет колонии.", "sentence", [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова задержали в марте. Суд назначил ему два с половиной года колонии.",
     "sentence",
     [(["Тимур Назаров"], None)]),
    ("Судья Оксана Гладкевич приговорила активиста Тимура Назарова к пяти годам колонии.", "sentence",
     [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова приговорили к семи годам колонии.", "sentence", [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова осудили на семь лет колонии.", "sentence", [(["Тимур Назаров"], None)]),
    ("Активист Тимур Назаров находится в СИЗО. В марте 2023 года он получил ответ из прокуратуры.",
     "sentence", []),
    ("Активист Тимур Назаров находится в СИЗО. Amnesty International призвала власти освободить "
     "Тимура Назарова.", "release", []),
    ("Активист Тимур Назаров находится в колонии. Выйти на свободу Тимур Назаров сможет лишь через год.",
     "release", []),
    ("Неизвестные увезли из дома активиста Тимура Назарова.", "arrest", [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова задержали во вторник.", "arrest", [(["Тимур Назаров"], "2024-06-18")]),
    ("Активист Тимур Назаров находится в СИЗО. Его мать написала в Рабочую группу ООН по произвольным "
     "задержаниям.", "arrest", []),
    ("Активиста Тимура Назарова задержали. Родственники не знали, где он находится.", "disappearance",
     [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова задержали. О местонахождении молодого человека до сих пор ничего не "
     "известно.", "disappearance", [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова задержали. С тех пор от него не было никаких вестей.", "disappearance",
     [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова задержали. Семья не получила от него ни одного письма.", "disappearance",
     [(["Тимур Назаров"], None)]),
    ("Активиста Тимура Назарова задержали. Родственники знают, где он находится.", "disappearance", []),
])
def test_russian_wordings(text, etype, expected):
    assert of_type(text, etype, language="ru") == expected
