"""The pre-filter: a cheap test for signs of detention that must never drop a report about
a detained person (recall on the dev reports), while letting most other news go."""

from pathlib import Path

import pytest

from habeas.batch.prefilter import shows_detention, worth_extracting
from habeas.ingest.readers import read_source
from habeas.model import Document

DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "corpus"


@pytest.mark.parametrize("text", [
    "The blogger was arrested at his home on Tuesday.",
    "Police detained three protesters outside the ministry.",
    "She has spent four years in pretrial detention.",
    "He was sentenced to nine years.",
    "The poet is serving his term in a penal colony near the border.",
    "Supporters say he is a political prisoner.",
    "The lawyer began a hunger-strike last week.",
    "The journalist has been held incommunicado since May.",
    "Her whereabouts remain unknown after she was taken away by men in plain clothes.",
    "He was placed under house arrest.",
    "The court convicted the unionist in absentia.",
    "A criminal case was opened against the editor.",
    "Imprisoned since 2019, the activist is ill.",
    "Активиста задержали в понедельник.",
    "Суд вынес приговор блогеру.",
    "Его перевели в СИЗО-1.",
    "Журналистку отправили в исправительную колонию.",
    "Он объявил голодовку.",
    "Суд заключил его под стражу на два месяца.",
    "Политзаключённый провёл в заключении пять лет.",
])
def test_signs_of_detention(text):
    assert shows_detention(text)


@pytest.mark.parametrize("text", [
    "The central bank kept its base rate unchanged.",
    "Heavy snow closed the mountain pass for three days.",
    "The national team won the friendly match 2-1.",
    "A new bridge over the river will open in the spring.",
    "The minister detailed the new budget.",          # 'detail' is not 'detain'
    "Фестиваль народной музыки открылся в субботу.",
    "Цены на пшеницу останутся высокими до осени.",
])
def test_no_sign_of_detention(text):
    assert not shows_detention(text)


def test_the_title_counts_too():
    assert worth_extracting(Document(text="Nothing more is known.", title="Editor arrested"))
    assert not worth_extracting(Document(text="Nothing more is known.", title="Weather"))


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the dev reports are not beside the repository")
def test_keeps_every_dev_report():
    reports = sorted(DEV_CORPUS.glob("*.txt"))
    assert reports
    dropped = [p.name for p in reports if not worth_extracting(read_source(str(p)))]
    assert dropped == [], f"recall {1 - len(dropped) / len(reports):.3f}"
