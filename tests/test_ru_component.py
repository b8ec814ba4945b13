"""The Russian spaCy pipeline (habeas.nlp.ru.component): what natasha puts on the Doc —
tokens, sentences, lemmas, morphology, the parse, entities — and the finders' view read from it.
All sentences and names are our own."""

import pytest
from spacy import displacy
from spacy.tokens import DocBin

from habeas.model import Document
from habeas.nlp.ru.analysis import analyse
from habeas.nlp.ru.casefile import build
from habeas.nlp.ru.component import NOMINATIVE, russian_nlp
from habeas.nlp.spans import SPANS_KEY


@pytest.fixture(scope="module")
def nlp():
    return russian_nlp()


@pytest.mark.parametrize(("text", "words"), [
    ("Полиция задержала активиста.", ["Полиция", "задержала", "активиста", "."]),
    ("Его  задержали\nвчера.", ["Его", "  ", "задержали", "\n", "вчера", "."]),       # gaps as tokens
    ("  Суд отказал. ", ["  ", "Суд", "отказал", ".", " "]),
    ("Его этапировали в ИК-6, а затем в СИЗО-1.",
     ["Его", "этапировали", "в", "ИК-6", ",", "а", "затем", "в", "СИЗО-1", "."]),
    ("Статья 282.2 УК РФ", ["Статья", "282.2", "УК", "РФ"]),
    ("", []),
    ("   ", ["   "]),
    ("Строка\r\nВторая строка.\r\n", ["Строка", "\r\n", "Вторая", "строка", ".", "\r\n"]),
])
def test_tokens_keep_the_text(nlp, text, words):
    doc = nlp(text)
    assert [t.text for t in doc] == words
    assert doc.text == text
    assert all(doc.text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


@pytest.mark.parametrize(("text", "word", "lemma", "pos", "feature"), [
    ("Полиция задержала активиста в Казани.", "задержала", "задержать", "VERB", ("Tense", "Past")),
    ("Полиция задержала активиста в Казани.", "активиста", "активист", "NOUN", ("Case", "Acc")),
    ("Вчера журналистку перевели в колонию.", "журналистку", "журналистка", "NOUN", ("Case", "Acc")),
    ("Он объявил голодовку в изоляторе.", "изоляторе", "изолятор", "NOUN", ("Case", "Loc")),
    ("Адвокат обжаловал приговор в Верховном суде.", "Верховном", "верховный", "ADJ", ("Case", "Loc")),
    ("Ковалёва задержали осенью.", "Ковалёва", "ковалев", "PROPN", ("Animacy", "Anim")),   # ё folded
    ("Суд приговорил его к шести годам.", ",", None, None, None),
])
def test_lemmas_and_morphology(nlp, text, word, lemma, pos, feature):
    doc = nlp(text)
    found = [t for t in doc if t.text == word]
    if lemma is None:       # a row that names a word the sentence does not have
        assert not found
        return
    tok = found[0]
    assert (tok.lemma_, tok.pos_) == (lemma, pos)
    assert tok.morph.get(feature[0]) == [feature[1]]


@pytest.mark.parametrize(("text", "word", "head", "dep"), [
    ("Полиция задержала активиста в Казани.", "Полиция", "задержала", "nsubj"),
    ("Полиция задержала активиста в Казани.", "активиста", "задержала", "obj"),
    ("Полиция задержала активиста в Казани.", "Казани", "задержала", "obl"),
    ("Адвокат обжаловал приговор в Верховном суде.", "Верховном", "суде", "amod"),
    ("Её перевели в СИЗО, где она объявила голодовку.", "голодовку", "объявила", "obj"),
    ("Сотрудники обыскали квартиру правозащитника.", "правозащитника", "квартиру", "nmod"),
])
def test_dependency_parse(nlp, text, word, head, dep):
    tok = next(t for t in nlp(text) if t.text == word)
    assert (tok.head.text, tok.dep_) == (head, dep)


@pytest.mark.parametrize("text", [
    "Полиция задержала активиста. Суд арестовал его на два месяца.",
    "Заголовок новости\n\nАктивиста задержали в Казани. Его адвокат обжаловал арест.",
    "Первая строка без точки\nВторая строка без точки\n",
    "  Отступ в начале.\n   И в следующей строке.  ",
    "Строка\r\nВторая строка.\r\n",
    "\n\n",
])
def test_every_sentence_is_one_tree(nlp, text):
    doc = nlp(text)
    sents = list(doc.sents)
    assert doc.has_annotation("DEP") == bool(text.strip())     # whitespace alone has no parse
    for sent in sents if text.strip() else []:
        assert [t.dep_ for t in sent].count("ROOT") == 1
        assert all(t.head.i in range(sent.start, sent.end) for t in sent)
    assert "".join(s.text_with_ws for s in sents) == text


@pytest.mark.parametrize(("text", "sentences"), [
    ("Его задержали. Суд арестовал его.", ["Его задержали.", "Суд арестовал его."]),
    ("Срочно\nАктивиста задержали в Казани.", ["Срочно", "Активиста задержали в Казани."]),
    ("Новости дня\n\nСуд отказал. Защита обжалует.", ["Новости дня", "Суд отказал.", "Защита обжалует."]),
    ("Его задержали в г. Казани вчера.", ["Его задержали в г. Казани вчера."]),   # no break after «г.»
    ("Строка\r\nВторая строка.", ["Строка", "Вторая строка."]),
])
@pytest.mark.parametrize("syntax", [True, False])
def test_sentences_split_at_line_breaks(text, sentences, syntax):
    doc = russian_nlp(syntax)(text)
    assert [s.text.strip() for s in doc.sents] == sentences
    assert doc.has_annotation("DEP") == syntax


@pytest.mark.parametrize(("text", "entity", "label", "nominative"), [
    ("Полиция задержала активиста Олега Ковалёва в Казани.", "Олега Ковалёва", "PER", "Олег Ковалев"),
    ("Полиция задержала активиста Олега Ковалёва в Казани.", "Казани", "LOC", "Казань"),
    ("Адвокат Игорь Соколов обжаловал приговор.", "Игорь Соколов", "PER", "Игорь Соколов"),
    ("Сотрудники ФСБ обыскали квартиру Дмитрия Орлова.", "Дмитрия Орлова", "PER", "Дмитрий Орлов"),
    ("Сотрудники ФСБ обыскали квартиру Дмитрия Орлова.", "ФСБ", "ORG", "ФСБ"),
    ("Жалобу направили в Верховный суд.", "Верховный суд", "ORG", "Верховный суд"),
    ("Его перевели в Новосибирск.", "Новосибирск", "LOC", "Новосибирск"),
])
def test_entities_with_their_nominative(nlp, text, entity, label, nominative):
    ent = next(e for e in nlp(text).ents if e.text == entity)
    assert (ent.label_, ent._.get(NOMINATIVE)) == (label, nominative)


@pytest.mark.parametrize("text", [
    "полиция задержала активиста вечером.",       # no name at all
    "Суд отказал в жалобе.",
])
def test_no_person_where_none_is_named(nlp, text):
    assert not [e for e in nlp(text).ents if e.label_ == "PER"]


def test_the_doc_saves_with_docbin_and_renders_with_displacy(nlp):
    text = "Заголовок\n\nАктивиста Олега Ковалёва задержали в Казани. Адвокат обжаловал арест."
    doc = nlp(text)
    box = DocBin(store_user_data=True)
    box.add(doc)
    back = next(DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab))
    assert back.text == text
    assert [(t.lemma_, t.pos_, str(t.morph), t.head.i, t.dep_) for t in back] == \
        [(t.lemma_, t.pos_, str(t.morph), t.head.i, t.dep_) for t in doc]
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]
    assert [(e.text, e.label_, e._.get(NOMINATIVE)) for e in back.ents] == \
        [(e.text, e.label_, e._.get(NOMINATIVE)) for e in doc.ents]
    assert "задержали" in displacy.render(back, style="dep")
    assert "Олега Ковалёва" in displacy.render(back, style="ent")


def test_the_view_reads_the_doc(nlp):
    a = analyse("Срочно\n\nВчера  полиция задержала Олега Ковалёва в Казани.")
    assert [t.text for t in a.tokens] == ["Срочно", "Вчера", "полиция", "задержала", "Олега", "Ковалёва", "в", "Казани", "."]
    assert [t.i for t in a.tokens] == list(range(len(a.tokens)))
    assert all(a.doc[t.doc_i].text == t.text and a.doc[t.doc_i].lemma_ == t.lemma for t in a.tokens)
    assert [s.text for s in a.sents] == ["Срочно", "Вчера  полиция задержала Олега Ковалёва в Казани."]
    assert [(e.type, e.normal, [t.text for t in e.tokens]) for e in a.entities if e.type == "PER"] == \
        [("PER", "Олег Ковалев", ["Олега", "Ковалёва"])]


def test_russian_findings_are_labelled_spans_like_english():
    a = analyse("Активиста задержали 3 марта 2021 года по части 2 статьи 282.2 УК РФ и поместили в СИЗО-1.")
    build(a, Document(text=a.text, language="ru"))
    labels = {s.label_ for s in a.doc.spans[SPANS_KEY]}
    assert {"DATE", "CITATION", "FACILITY"} <= labels
    html = displacy.render(a.doc, style="span", options={"spans_key": SPANS_KEY})
    assert "CITATION" in html
    box = DocBin(store_user_data=True)
    box.add(a.doc)
    back = next(DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(a.doc.vocab))
    assert [(s.label_, s.text) for s in back.spans[SPANS_KEY]] == [(s.label_, s.text) for s in a.doc.spans[SPANS_KEY]]


@pytest.mark.parametrize(("text", "pattern"), [
    ("Его задержали. Потом задержали брата.", r"задержал\w*"),
    ("Срочно задержали\nактивиста в Казани.", r"задержали\s+\w+"),       # would straddle the break
    ("Суд вынес приговор. Приговор обжаловали.", r"(?<![\w-])приговор\w*"),
    ("Ему назначили шесть лет. Лет через пять выйдет.", r"\w+\s+лет\b"),
    ("Ничего не случилось.", r"задержа\w*"),                             # no match at all
])
def test_matches_in_a_sentence_are_those_of_the_sentence_alone(text, pattern):
    import re
    compiled = re.compile(pattern, re.IGNORECASE)
    a = analyse(text)
    for sent in a.sents:
        alone = [(sent.start_char + m.start(), sent.start_char + m.end()) for m in compiled.finditer(sent.text)]
        assert [(s, e) for s, e, _ in a.matches_in(compiled, sent)] == alone
