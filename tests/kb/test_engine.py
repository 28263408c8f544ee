import pytest

from bot.kb import Engine, load_knowledge
from bot.kb.engine import MAX_QUESTION_CHARS
from bot.kb.text import quote_key
from tests.conftest import SMALL_ENTRIES, write_knowledge


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Where did Abe meet Putin?", "meeting-place"),
        ("where did shinzo abe meet vladimir putin", "meeting-place"),
        ("wher did abe meat putin", "meeting-place"),  # typos
        ("What does Russia call the Northern Territories?", "territories-names"),
        ("levada", "levada-poll"),  # keyword only
        ("Yamal LNG Japan investment", "yamal-japan-investment"),  # hyphen and synonyms
        ("how much did tokyo put into yamal-lng", "yamal-japan-investment"),
        ("what does RFE stand for", "rfe-meaning"),
        ("who wrote the text", "text-author"),
        ("seventy-eight percent of russians", "levada-78"),
    ],
)
def test_questions_find_their_entry(engine, question, entry):
    answer = engine.ask(question)
    assert answer.kind == "curated", answer.text
    assert answer.entry is not None and answer.entry.id == entry
    assert 0 < answer.confidence <= 1
    assert answer.citations
    assert all(c.quote and quote_key(c.quote) in quote_key(c.passage.text) for c in answer.citations)


def test_curated_answer_cites_the_passage_and_states_the_fact(engine):
    answer = engine.ask("where did abe meet putin")
    assert "Vladivostok" in answer.text
    assert [c.passage.number for c in answer.citations] == [2]
    assert "Vladivostok" in answer.citations[0].passage.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of Australia?",
        "how do I bake sourdough bread",
        "What is Japan's GDP?",
        "when did abe meet trump",
        "how much did japan invest in the united states",
        "what happened at the 2019 eastern economic forum",
    ],
)
def test_questions_the_text_does_not_answer_are_declined(engine, question):
    answer = engine.ask(question)
    assert answer.kind == "none", answer.text
    assert answer.entry is None and not answer.citations
    assert "don't have an answer" in answer.text or "not sure" in answer.text


@pytest.mark.parametrize(
    "question",
    ["", "   ", "🙂🙂🙂", "\x00\x01\x02", "<@123> @everyone", "**__~~||", "?!?!", "x" * 20_000, "é" * 5000],
)
def test_bad_input_gets_a_clear_none(engine, question):
    answer = engine.ask(question)
    assert answer.kind == "none"
    assert answer.question == question
    assert answer.text and len(answer.text) < 300


def test_overlong_question_says_why(engine):
    question = "why " * MAX_QUESTION_CHARS
    answer = engine.ask(question)
    assert answer.reason == "too-long"
    # How long the message is and how long a question may be, each said as what it is.
    assert f"has {len(question):,} characters" in answer.text and f"at most {MAX_QUESTION_CHARS:,}" in answer.text


def test_unknown_words_are_named_in_the_decline(engine):
    # As words the text does not use, not as a topic it never speaks of: other words may find it.
    assert "(the text never uses the word \u201cGDP\u201d)" in engine.ask("What is Japan's GDP?").text
    # As the member typed them: not "near", which "när" was read as, nor "motet" without its accent.
    said = engine.ask("när var mötet").text
    assert "\u201cmötet\u201d" in said and "\u201cnär\u201d" in said and "near" not in said


def test_a_word_the_text_uses_is_never_said_to_be_missing(engine):
    """"prime" alone is no term ("prime minister" is one), but the text says it."""
    answer = engine.ask("is the prime number theorem in the text")
    assert "theorem" in answer.text and "prime" not in answer.text.split("never uses")[-1]
    # "minster" (a real word, but rare) one slip from the text's "minister" is read as that.
    assert engine.ask("when did abe become prime minster").entry.id == "abe-in-office"


def test_did_you_mean_offers_the_close_entries_as_none(tmp_path, monkeypatch):
    from tests.conftest import AMBIGUOUS_ENTRIES, write_knowledge

    # A text its curators covered: the tiny text's few entries, counted as thorough (else its
    # passages answer "weir" as a text curated thinly does).
    monkeypatch.setattr("bot.kb.details.CURATED_PER_PASSAGE", 1)
    engine = Engine(load_knowledge(write_knowledge(tmp_path / "k", entries=AMBIGUOUS_ENTRIES)))
    answer = engine.ask("weir")
    assert answer.kind == "none"
    assert len(answer.suggestions) >= 2
    assert "Did you mean" in answer.text
    assert '?"?' not in answer.text  # a quoted question is not asked twice


@pytest.mark.parametrize(("question", "named", "not_named"), [
    ("whats the main point of the article", [], ["point", "article"]),  # everyday words say nothing
    ("kuril islnds who controls em rn", [], ["em", "rn"]),  # chat words are no topic
    ("what do the kurils export besides photosynthesis", ["photosynthesis"], []),
])
def test_a_decline_names_only_the_telling_words_the_text_lacks(engine, question, named, not_named):
    answer = engine.ask(question)
    for word in named:
        assert f"\u201c{word}\u201d" in answer.text, answer.text
    for word in not_named:
        assert f"\u201c{word}\u201d" not in answer.text, answer.text


def test_a_decline_names_a_missing_word_once_however_often_it_is_used(engine):
    answer = engine.ask("<script>alert(1)</script>")
    assert answer.kind == "none" and answer.text.count("\u201cscript\u201d") == 1, answer.text


def test_passage_kind_quotes_the_text_when_no_entry_fits(small_dir):
    engine = Engine(load_knowledge(small_dir))
    answer = engine.ask("what do farmers downstream say about their fields")
    assert answer.kind == "passage"
    assert answer.entry is None
    assert [c.passage.number for c in answer.citations] == [3]
    assert "no curated answer" in answer.text.lower()
    assert "drier" in answer.text


def test_source_limits_the_answer(engine):
    assert engine.ask("where did abe meet putin", source="kaczmarski-2018").kind == "curated"
    assert engine.ask("where did abe meet putin", source="no-such-text").kind == "none"


def test_search_ranks_passages_with_the_words(engine):
    hits = engine.search("Levada poll")
    assert hits[0][1].number == 12
    assert engine.search("zzzz qqqq") == []


def test_search_finds_every_passage_that_uses_the_word_in_any_form(engine):
    kb = engine.kb
    contested = [p.number for p in kb.sources["kaczmarski-2018"].passages if "contested" in p.text]
    assert contested and sorted(p.number for _, p in engine.search("contested")) == contested
    islands = {p.number for p in kb.sources["kaczmarski-2018"].passages if "island" in p.text.lower()}
    assert len(islands) > 5 and {p.number for _, p in engine.search("islands")} <= islands


def test_search_lists_the_passages_that_use_a_word_before_those_its_synonyms_find(engine):
    hits = [p for _, p in engine.search("Moscow", limit=20)]
    says = ["Moscow" in p.text for p in hits]
    assert any(says) and not all(says)  # "Russia" passages come too, after
    assert says == sorted(says, reverse=True)


def test_search_lists_the_texts_details_after_its_passages_and_alone_when_only_they_have_the_words(engine):
    hits = engine.search("Putin")  # named in the details' occasion line too, a short passage
    assert hits[0][1].number > 0 and all(p.number > 0 for _, p in hits[:-1])
    assert [p.number for _, p in engine.search("Kaczmarski")] == [0]


def test_rank_offers_curated_questions_for_autocomplete(engine):
    ranked = engine.rank("levada")
    assert ranked and ranked[0][1].id.startswith("levada")
    assert all(isinstance(q, str) for _, _, q in ranked)


def test_to_dict_has_the_json_contract(engine):
    data = engine.ask("where did abe meet putin").to_dict()
    assert set(data) >= {"question", "kind", "answer", "confidence", "entry", "citations", "suggestions"}
    assert data["citations"][0]["source"] == "kaczmarski-2018"
    assert isinstance(data["citations"][0]["passage"], int)
    assert data["citations"][0]["text"].startswith("Meeting Russian President")


def test_the_example_question_is_about_what_the_text_says_not_the_text_itself(engine):
    meta = {e.questions[0] for e in engine.kb.live_entries if "meta" in e.tags}
    shown = {engine.example(seed=str(n)) for n in range(200)}
    assert meta and len(shown) > 10 and not shown & meta


# An entry whose answer names no one, though its curators ask it "who": their phrasing declares it
# the answer (typed with case, function words or slips of its own).
_WHO_ENTRY = SMALL_ENTRIES + """\
  - id: weir-critics
    questions:
      - Who says the weir made the fields drier?
      - weir critics
      - Which people complain about the weir?
    answer: Farmers downstream.
    cite:
      - passage: 3
        quote: Farmers downstream say the weir has made their fields drier in summer
"""


@pytest.mark.parametrize("question", ["Who says the weir made the fields drier?",
                                      "who says the weir made fields drier"])
def test_an_entry_asked_as_its_curators_phrased_it_answers_what_that_asks(tmp_path, question):
    engine = Engine(load_knowledge(write_knowledge(tmp_path / "k", entries=_WHO_ENTRY)))
    answer = engine.ask(question)
    assert answer.kind == "curated" and answer.entry.id == "weir-critics", answer.text


_CANAL_SOURCE = """\
---
id: tiny
title: Canals
author: Ann Author
---

The Bridgewater Canal carried coal from Worsley to Manchester.

Its first section opened on 17 July 1761, and the price of coal in Manchester soon halved.
"""
_CANAL_ENTRIES = """\
source: tiny
entries:
  - id: canal-opening
    questions:
      - When did the Bridgewater Canal open?
      - opening date of the canal
      - In what year was the first section of the canal finished?
    answer: The first section opened on 17 July 1761.
    cite:
      - passage: 2
        quote: Its first section opened on 17 July 1761
"""


def test_a_question_that_names_its_subject_by_the_last_word_of_its_name_asks_of_the_same_thing(tmp_path):
    # "the canal" is the subject of "When did the Bridgewater Canal open?", not a second name it is asked from
    root = write_knowledge(tmp_path / "k", source=_CANAL_SOURCE, entries=_CANAL_ENTRIES)
    answer = Engine(load_knowledge(root)).ask("when did the canal open")
    assert answer.kind == "curated" and answer.entry.id == "canal-opening" and answer.confidence >= 0.8, answer.text


_AQUEDUCT_SOURCE = _CANAL_SOURCE + """
The Barton Aqueduct carried the canal 38 feet above the River Irwell. It stood until 1893, when it was \
replaced by the Barton Swing Aqueduct to make way for the Manchester Ship Canal.
"""
_AQUEDUCT_ENTRIES = _CANAL_ENTRIES + """\
  - id: aqueduct-height
    questions:
      - How high was the Barton Aqueduct?
      - Barton Aqueduct height above the Irwell
      - How far above the river did the aqueduct carry the canal?
    answer: 38 feet above the River Irwell.
    cite:
      - passage: 3
        quote: The Barton Aqueduct carried the canal 38 feet above the River Irwell
  - id: aqueduct-replaced
    questions:
      - When was the Barton Aqueduct replaced?
      - aqueduct replacement year
      - In what year did the swing aqueduct take over?
    answer: In 1893, by the Barton Swing Aqueduct, to make way for the Manchester Ship Canal.
    cite:
      - passage: 3
        quote: It stood until 1893, when it was replaced by the Barton Swing Aqueduct
"""


def test_why_after_an_answer_is_never_the_next_entry_on_the_topic_that_gives_no_reason(tmp_path):
    root = write_knowledge(tmp_path / "k", source=_AQUEDUCT_SOURCE, entries=_AQUEDUCT_ENTRIES)
    engine = Engine(load_knowledge(root))
    replaced = engine.ask("when was the barton aqueduct replaced")
    assert replaced.entry.id == "aqueduct-replaced"
    why = engine.ask("why?", after=replaced)
    # Its own answer gives the reason ("to make way for"); the aqueduct's height gives none.
    assert why.entry is None or why.entry.id != "aqueduct-height", why.text
    assert "Ship Canal" in why.text, why.text


@pytest.mark.parametrize("typed", ["tl;dr", "TL;DR?", "tl:dr pls", "tl, dr of the text"])
def test_tl_dr_is_typed_many_ways(engine, typed):
    assert engine.ask(typed).entry == engine.ask("tldr").entry is not None
