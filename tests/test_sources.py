"""Attributions: who the report says its information comes from."""

import pytest

from habeas import extract


@pytest.mark.parametrize(("text", "expected"), [
    ("Activist Aziz Karimov was detained on Monday, according to fergana.news.", ["fergana.news"]),
    ("His wife told RFE/RL that he is ill.", ["RFE/RL"]),
    ("Amnesty International reported that blogger Aziz Karimov was beaten.", ["Amnesty International"]),
    ("“He cannot walk,” reported Aziz Karimov’s Telegram channel.", ["Aziz Karimov's Telegram channel"]),
    ("This was reported by Lawyers for Lawyers on Friday.", ["Lawyers for Lawyers"]),
    ("His lawyer Vadim Sorokin said the charges are false.", []),   # a person is a witness
    ("The Supreme Court said the appeal was rejected.", []),        # a party, not a source
    ("“He was beaten,” said Lola Umarova, a researcher at Amnesty International.", ["Amnesty International"]),
    ("His sister, speaking to Radio Ozodi, said he had lost weight.", ["Radio Ozodi"]),
    ("A Bishkek lawyer said to an ACCA journalist that the trial was closed.", ["ACCA"]),
    ("The article was posted on Radio Azatlyk's website in March.", ["Radio Azatlyk"]),
    ("As noted by the European Parliament, the case is not isolated.", ["European Parliament"]),
    ("Amnesty International strongly condemns the sentence handed to Aziz Karimov.", ["Amnesty International"]),
    ("Human Rights Watch and Freedom House remain deeply concerned about his health.",
     ["Human Rights Watch", "Freedom House"]),
    ("Voice of America learnt of the arrest. His brother told VOA that he was beaten.", ["Voice of America"]),
    # a kind word before the name vouches for an organisation
    ("He was detained at dawn, according to the rights group Nasha Pravda.", ["Nasha Pravda"]),
    ("The verdict was upheld, his sister told the news site Kloop.", ["Kloop"]),
    ("He went on hunger strike, the monitoring group Justice Watch 7 said.", ["Justice Watch 7"]),
    ("The hearing was closed, the legal aid group Defensa y Derecho reported.", ["Defensa y Derecho"]),
    # a name reporting at the end of a sentence
    ("He was moved to a colony in March, Mediazona reported.", ["Mediazona"]),
    ("He was sentenced to life, an official confirmed to Radio Liberty.", ["Radio Liberty"]),
    # a public call is no attribution
    ("Amnesty International urged the authorities to release Aziz Karimov.", []),
    ("Freedom House demanded his immediate release.", []),
])
def test_sources(text, expected):
    assert [s.name for s in extract(text).sources] == expected


@pytest.mark.parametrize(("outlet", "text", "expected"), [
    ("Caspian Post (republishing RFE/RL)", "Aziz Karimov was detained on Monday.", ["RFE/RL"]),
    ("Riyad Media (republishing Voice of America)", "His brother told VOA that he was beaten.", ["VOA"]),
    ("Hromadske (English)", "Aziz Karimov is ill, his lawyer Dmitry Orlov told Hromadske.", ["Hromadske"]),
    ("Fergana", "Aziz Karimov was detained on Monday.", []),
])
def test_sources_from_the_header(outlet, text, expected):
    from habeas.ingest.header import split_header
    from habeas.nlp.pipeline import default_extractor
    document = split_header(f"OUTLET: {outlet}\n\n{text}")
    assert [s.name for s in default_extractor().extract(document).sources] == expected
