"""Which pipeline a document goes to: its header's LANG, else the share of Cyrillic letters."""

from __future__ import annotations

import re

from habeas.model import Document

CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
LETTER = re.compile(r"[^\W\d_]")
# Above this share of Cyrillic letters, an unlabelled text is taken for Russian.
CYRILLIC_SHARE = 0.5
# Header values that say nothing about the language (the header default is "en").
UNSTATED = {"", "en", "unknown", "und"}


def cyrillic_share(text: str, sample: int = 4000) -> float:
    head = text[:sample]
    if not CYRILLIC.search(head):
        return 0.0   # most reports: no need to count their letters
    letters = len(LETTER.findall(head))
    return len(CYRILLIC.findall(head)) / letters if letters else 0.0


def is_russian(document: Document) -> bool:
    """LANG: ru says so; an unlabelled text written mostly in Cyrillic is taken for Russian.
    (The header reader writes "en" when a report has no LANG line.)"""
    language = (document.language or "").lower()
    if language.startswith("ru"):
        return True
    return language in UNSTATED and cyrillic_share(document.text) >= CYRILLIC_SHARE
