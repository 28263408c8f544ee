"""Word knowledge that a stemmer lacks: irregular verbs, chat spellings, names the member capitalises."""

from __future__ import annotations

import pytest

from bot.kb.matcher import NAME_RARITY
from bot.kb.text import stem, words


@pytest.mark.parametrize(("form", "base"), [
    ("began", "begin"), ("begun", "begin"), ("sold", "sell"), ("thought", "think"), ("met", "meet"),
    ("built", "build"), ("paid", "pay"), ("won", "win"), ("written", "write"), ("led", "lead"),
    ("fell", "fallen"), ("fallen", "fall"),  # "how many trees fell" of "80 million fallen trees"
    # Families a stemmer spells apart: the verb and its noun.
    ("died", "deaths"), ("born", "birth"), ("lost", "loss"), ("grew", "growth"), ("sold", "sales"),
])
def test_irregular_forms_meet_their_verb(form, base):
    assert stem(form) == stem(base)


@pytest.mark.parametrize(("verb", "noun"), [
    ("exploded", "explosion"), ("decided", "decision"), ("invaded", "invasion"), ("extended", "extension"),
    ("admitted", "admission"), ("responded", "response"),
])
def test_a_verb_meets_its_noun_spelt_apart(verb, noun):
    assert stem(verb) == stem(noun)


@pytest.mark.parametrize(("plural", "singular"), [
    ("mice", "mouse"), ("children", "child"), ("women", "woman"), ("teeth", "tooth"), ("bacteria", "bacterium"),
    ("criteria", "criterion"), ("crises", "crisis"),
])
def test_an_irregular_plural_meets_its_singular(plural, singular):
    assert stem(plural) == stem(singular)


@pytest.mark.parametrize(("question", "number"), [
    ("who wrote the earthquake one", False), ("which one", False),
    ("one of the islands", True), ("the one real outcome", True), ("one year later", True), ("more than one", True),
    ("twenty one guns", True), ("it was twenty one", True),
])
def test_one_is_a_number_only_before_what_it_counts(question, number):
    said = words(question)
    assert ("1" in said or "21" in said) is number and ("one" in said) is not number


@pytest.mark.parametrize(("said", "number"), [("two hundred", "200"), ("two hundred fifty", "250"),
                                              ("nine hundred and ninety", "900")])
def test_hundreds_are_one_number(said, number):
    assert words(said)[0] == number


def test_people_stays_apart_from_personal():
    assert stem("people") != stem("personal")  # "the levada people" is not "his personal diplomacy"


@pytest.mark.parametrize(("form", "other"), [("left", "leave"), ("found", "find"), ("saw", "see")])
def test_forms_that_are_as_often_another_word_stay_apart(form, other):
    assert stem(form) != stem(other)


@pytest.mark.parametrize(("typed", "meant"), [
    ("how many ppl died", "people"), ("wen was it built", "when"), ("what abt the pump", "about"),
    ("why did the govt act", "government"), ("bc of the water", "because"),
    ("y do ppl want it", "why"), ("who wuz the last case", "was"), ("which two labs keep it", "laboratories"),
    ("did the army act b/c of the drills", "because"), ("abe w/ putin in sochi", "with"),
    ("japan w/o the us", "without"), ("what's b/w the two islands", "between"),
])
def test_chat_spellings_read_as_the_word_meant(typed, meant):
    assert meant in words(typed)


@pytest.mark.parametrize("typed", ["what's the deal with the kurils", "whats the story with abe",
                                   "whats the deal w the northern territories lol", "whats the story w/ yamal",
                                   "what is the situation  on the islands"])
def test_whats_the_deal_with_asks_about_a_thing_not_a_deal(typed):
    assert "deal" not in words(typed) and "story" not in words(typed) and "about" in words(typed)
    assert "deal" in words("what was the deal about the islands")  # a deal asked about stays one


def test_n_for_and_is_no_word_of_the_question(engine):
    assert "n" not in engine.matcher.query("where did abe n putin meet").terms
    assert set(engine.matcher.query("why tho").terms) == {"why"}  # "tho" is "though", a function word


def test_what_is_asked_and_the_meaning_read_chat_spellings_as_meant(engine):
    query = engine.matcher.query("wen did abe an putin meat up")
    assert query.text.startswith("when did")  # what MiniLM reads
    assert "time" in query.asks or "date" in query.asks
    assert engine.matcher.query("wat did putin propose").text.startswith("what did")


def test_a_capitalised_name_the_text_never_uses_weighs_as_another_topic(engine):
    matcher = engine.matcher
    named = matcher.query("What is the capital of Australia?")
    assert named.terms["australia"] >= NAME_RARITY * matcher.unknown_weight - 1e-9
    # Lowercase, the same word is only a common word, close in meaning to words of the text.
    plain = matcher.query("what is the capital of australia")
    assert plain.terms["australia"] < named.terms["australia"]


def test_an_ordinary_word_close_to_the_texts_words_still_fades(engine):
    # "army" is close in meaning to the text's "military": a paraphrase, nearly weightless.
    query = engine.matcher.query("did the army grab the islands")
    assert query.terms["armi"] < 0.25 * engine.matcher.unknown_weight
