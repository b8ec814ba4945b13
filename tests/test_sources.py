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
])
def test_sources(text, expected):
    assert [s.name for s in extract(text).sources] == expected
