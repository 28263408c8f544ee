"""Several texts served side by side: each matched on its own, named in every answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import render
from bot.config import default_knowledge_dir
from bot.kb import Engine, load_knowledge
from bot.kb.errors import KnowledgeError
from bot.kb.evaluate import evaluate, load_cases
from bot.kb.loader import check_knowledge
from bot.kb.models import Source

from ..conftest import SMALL_ENTRIES, SMALL_SOURCE, TINY_ENTRIES, with_tiny_text

ROOT = Path(__file__).resolve().parents[2]

@pytest.fixture(scope="module")
def two_texts(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("two") / "knowledge"
    with_tiny_text(root)
    return root


@pytest.fixture(scope="module")
def engine2(two_texts: Path) -> Engine:
    return Engine(load_knowledge(two_texts))


def test_a_phrasing_may_ask_about_each_text(two_texts):
    kb, problems = check_knowledge(two_texts)
    assert kb is not None, [str(p) for p in problems]
    assert not [p for p in problems if "also a phrasing" in p.message]


def test_a_phrasing_twice_in_one_text_names_both_places(tmp_path):
    from ..conftest import write_knowledge
    twice = SMALL_ENTRIES.replace("      - Which season brings the floods?", "      - When was the weir built?")
    _, problems = check_knowledge(write_knowledge(tmp_path / "k", entries=twice))
    [problem] = [p for p in problems if "also a phrasing" in p.message]
    assert "tiny.yaml:5" in problem.message  # where the first one is, not only the new one's line


def test_a_question_both_texts_answer_asks_which_text(engine2):
    answer = engine2.ask("who wrote this text")
    assert answer.kind == "none" and answer.reason == "which-text"
    assert {s.source for s in answer.suggestions} == {"kaczmarski-2018", "tiny"}
    assert "A tiny text" in answer.text and "Japan and Russia" in answer.text
    assert answer.to_dict()["suggested"][0]["source"] in {"kaczmarski-2018", "tiny"}


@pytest.mark.parametrize("question", ["what is the main argument of the essay", "what does the author argue",
                                      "whats the conclusion of the text"])
def test_a_question_about_any_texts_argument_asks_which_text(engine2, question):
    # Only the shipped text has a curated summary; it answered for both, at 0.87.
    answer = engine2.ask(question)
    assert answer.kind == "none" and answer.reason == "which-text", answer.text
    assert {s.source for s in answer.suggestions} == {"kaczmarski-2018", "tiny"}
    assert engine2.ask(question, source="kaczmarski-2018").entry.id == "text-summary"  # a channel bound to it


def test_a_question_one_text_answers_goes_to_it(engine2):
    assert engine2.ask("when was the weir built").entry.id == "weir-built"
    assert engine2.ask("where did abe meet putin").entry.id == "meeting-place"
    assert engine2.ask("who wrote this text", source="tiny").entry.id == "tiny-author"
    assert engine2.ask("what does the author argue about the weir").reason != "which-text"  # the weir is tiny's


def test_a_follow_up_stays_with_the_text_of_the_answer(engine2):
    first = engine2.ask("who wrote this text", source="tiny")
    then = engine2.ask("and when was the weir built?", after=first)
    assert then.entry is not None and then.entry.source == "tiny"


@pytest.mark.parametrize("then", ["why?", "how many?", "and the weir?", "what about 2019?"])
def test_a_follow_up_asked_of_another_text_than_the_answer_before_is_still_answered(engine2, then):
    # The answer before is from the first text; the follow-up is asked of the tiny one only.
    first = engine2.ask("who is abe")
    assert first.entry.source == "kaczmarski-2018"
    answer = engine2.ask(then, source="tiny", after=first)
    assert answer.kind in {"curated", "passage", "none"}
    assert answer.entry is None or answer.entry.source == "tiny"


def test_the_byline_is_citable_as_passage_zero(engine2):
    answer = engine2.ask("who wrote this text", source="tiny")
    [cited] = answer.citations
    assert cited.passage.number == 0 and "Ann Author" in cited.passage.text
    assert "about the text" in render.answer_text(answer, engine2.kb.sources).lower()
    shown = render.passage_text(cited.passage, engine2.kb.sources["tiny"])
    assert shown.startswith("About the text \u2014 A tiny text") and "Author: Ann Author" in shown


def test_a_wrong_quote_of_passage_zero_is_an_error(tmp_path):
    from ..conftest import write_knowledge
    wrong = TINY_ENTRIES.replace('quote: "Author: Ann Author"', 'quote: "Author: Bob Builder"')
    with pytest.raises(KnowledgeError, match="not in passage 0"):
        load_knowledge(write_knowledge(tmp_path / "k", entries=wrong))


def test_labels_name_the_text_when_several_are_served(engine2):
    none = engine2.ask("what did the weir and the islands cost")
    assert none.related and "Related passages: A tiny text \u00a7" in none.text
    shown = render.answer_text(engine2.ask("who wrote this text"), engine2.kb.sources, pickable=True)
    assert "A tiny text" in shown and "Japan and Russia" in shown


def test_what_the_bot_can_do_names_every_text_and_shows_a_question_about_each(engine2, engine):
    answer = engine2.ask("what can you do")
    assert answer.reason == "small-talk" and "the 2 texts" in answer.text and "A tiny text" in answer.text
    tiny = {q for e in engine2.kb.live_entries if e.source == "tiny" for q in e.questions}
    shipped = {q for e in engine2.kb.live_entries if e.source == "kaczmarski-2018" for q in e.questions}
    assert any(q in answer.text for q in tiny) and any(q in answer.text for q in shipped)
    alone = engine.ask("what can you do").text
    assert "the text your group is studying" in alone and " or \u201c" not in alone


def test_a_list_of_passages_names_each_text_once_for_the_passages_of_it_that_follow(engine2):
    kb = engine2.kb
    tiny = [kb.passage("tiny", n) for n in (1, 3)]
    shipped = kb.passage("kaczmarski-2018", 12)
    named = render.passage_names([*tiny, shipped], kb.sources)
    assert named.count("A tiny text") == 1 and named.startswith("A tiny text \u00a71, \u00a73, ")
    assert named.endswith("\u00a712") and "Japan and Russia" in named


def test_one_text_keeps_plain_labels(engine):
    answer = engine.ask("what is the population of vladivostok")
    assert answer.related and "Related passages: " in answer.text and "\u00a7" not in answer.text


def test_synonyms_may_belong_to_one_text(tmp_path):
    from ..conftest import write_knowledge
    root = write_knowledge(tmp_path / "k", synonyms="""\
        groups:
          - [river, stream]
        texts:
          tiny:
            - [weir, dam, barrage]
        """)
    kb = load_knowledge(root)
    assert kb.synonyms_for("tiny")[-1] == ("weir", "dam", "barrage")
    assert Engine(kb).ask("when was the dam built").entry.id == "weir-built"


def test_synonyms_for_an_unknown_text_name_it(tmp_path):
    from ..conftest import write_knowledge
    root = write_knowledge(tmp_path / "k", synonyms="groups: []\ntexts:\n  nowhere:\n    - [a b, c d]\n")
    with pytest.raises(KnowledgeError, match="unknown text 'nowhere'"):
        load_knowledge(root)


def test_the_first_texts_evaluation_does_not_drop_beside_another(engine, engine2):
    cases = [c for c in load_cases(ROOT / "benchmarks" / "eval" / "kaczmarski-2018.yaml")]
    alone, beside = evaluate(engine, cases), evaluate(engine2, cases)
    assert beside.in_scope[0] >= alone.in_scope[0]
    assert beside.out_of_scope[0] >= alone.out_of_scope[0]


@pytest.mark.parametrize(("title", "name"), [
    ("Federalist No. 51: The Structure of the Government", "Federalist No. 51"),
    ("The Pump and the Proof - John Snow, Broad Street and the Slow Making of Epidemiology", "The Pump and the Proof"),
    ("Ferries \u2014 a short history", "Ferries"),
    ("Well-being in cities", "Well-being in cities"),  # a hyphen inside a word is no subtitle
])
def test_a_texts_label_is_its_title_up_to_the_subtitle(title, name):
    assert Source("x", title, "Someone", ()).name == name


def test_two_texts_whose_titles_begin_alike_are_told_apart_by_their_ids():
    from bot.kb.models import KnowledgeBase, Passage, passage_names

    texts = {sid: Source(sid, title, "Someone", (Passage(sid, 1, "Text.", 1),))
             for sid, title in (("civics-nz", "Unit 4: Bills"), ("civics-uk", "Unit 4: Acts"),
                                ("reef", "Reefs: an essay"))}
    kb = KnowledgeBase(texts, ())
    assert [s.name for s in kb.sources.values()] == ["Unit 4 (civics-nz)", "Unit 4 (civics-uk)", "Reefs"]
    assert passage_names([s.passages[0] for s in kb.sources.values()], kb.sources) == \
        "Unit 4 (civics-nz) \u00a71, Unit 4 (civics-uk) \u00a71, Reefs \u00a71"


@pytest.mark.parametrize("question", [
    "where did abe meet putin", "when was the weir built", "wat year was the weir bilt",
    "did the army grab the islands", "who wrote this text", "why does the river flood",
    "how do i bake pancakes", "what is the miasma theory",
])
@pytest.mark.parametrize("floor", [0.2, 0.4, 0.55])
def test_a_text_skipped_under_the_floor_had_nothing_above_it(engine2, question, floor):
    # rank_entries skips a text whose best possible score is under the floor: exactly what a full
    # ranking would have kept above it, for the text that answers and the one that does not.
    # And the bound itself, cut short when even a perfect meaning could not reach the floor, must
    # never hide a text the full bound would keep, nor keep one it would not.
    for matcher in engine2.matchers.values():
        query = matcher.query(question)
        full = [r for r in matcher.rank_entries(query, limit=50) if r[0] >= floor]
        assert matcher.rank_entries(query, limit=50, floor=floor) == full
        whole, short = matcher.bound(query), matcher.bound(query, floor)
        assert (short >= floor) == (whole >= floor) and short >= whole


def test_a_question_is_read_once_however_many_texts_are_served(engine2, monkeypatch):
    from bot.kb import matcher as matcher_module

    read = []
    real = matcher_module.words
    monkeypatch.setattr(matcher_module, "words", lambda text: read.append(text) or real(text))
    question = "what did the flood of the weir cost the town"
    first = {sid: m.query(question) for sid, m in engine2.matchers.items()}
    assert read.count(question) == 1
    assert all(first[sid].terms for sid in first)


QUESTIONS_OFF_THE_ENTRIES = [
    "what did the weir cost", "who paid for the river works", "why did abe go to vladivostok",
    "how deep is the river", "what does the author think of the peace treaty", "how do i bake pancakes",
]


@pytest.mark.parametrize("question", QUESTIONS_OFF_THE_ENTRIES)
def test_no_sentence_scores_above_its_texts_ceiling(engine2, question):
    for matcher in engine2.matchers.values():
        query = matcher.query(question)
        ceiling = matcher.sentence_bound(query)
        assert all(score <= ceiling + 1e-9 for score, _ in matcher.answer_sentences(query, limit=50))


@pytest.mark.parametrize("question", QUESTIONS_OFF_THE_ENTRIES)
def test_texts_left_unread_hold_no_answer_rival_or_tie(engine2, question):
    # What the passage answer reads: the best sentence, and every one within the margin of it
    # when the best clears a text's bar (below every bar, rivals do not count).
    from bot.kb.bars import PASSAGE_MARGIN, PASSAGE_MIN, UNCURATED_PASSAGE_MIN

    scope = list(engine2.matchers)
    queries = {sid: engine2.matchers[sid].query(question) for sid in scope}
    full = sorted((r for sid in scope for r in engine2.matchers[sid].answer_sentences(queries[sid])),
                  key=lambda r: -r[0])
    read = engine2._answering(scope, queries)
    margin = PASSAGE_MARGIN if full[0][0] >= min(PASSAGE_MIN, UNCURATED_PASSAGE_MIN) else 1e-12
    head = [r for r in full if full[0][0] - r[0] < margin]
    assert read[: len(head)] == head
    assert all(r in full for r in read)


def test_a_texts_sentences_are_embedded_only_when_read_for_meaning(two_texts):
    engine = Engine(load_knowledge(two_texts))
    assert not any("_sentence_vectors" in vars(m) for m in engine.matchers.values())
    assert engine.ask("when was the weir built").kind == "curated"  # an entry answers: no sentence is read
    assert not any("_sentence_vectors" in vars(m) for m in engine.matchers.values())
    tiny = engine.matchers["tiny"]
    assert tiny.sentence_vectors.shape == (len(tiny.sentences), 256)
    assert tiny.sentence_vectors is tiny.sentence_vectors  # embedded once


def test_a_misspelling_is_repaired_only_into_a_word_of_its_own_text(engine2):
    # Both texts' words are compared with a misspelling at once; each text keeps only its own.
    tiny, shipped = engine2.matchers["tiny"], engine2.matchers["kaczmarski-2018"]
    assert "weir" in tiny.query("when was the wier built").terms
    assert "weir" not in shipped.query("when was the wier built").terms
    assert "weir" not in shipped.surface


@pytest.mark.parametrize("question", [
    "who wrote this text", "when was the weir built", "where did abe meet putin", "why does the river flood",
    "what is this text about", "did the army grab the islands",
])
def test_the_best_entries_of_all_texts_are_those_a_full_ranking_finds(engine2, question):
    # Texts whose best possible score cannot enter the best few are never scored; what is left
    # is exactly the head of ranking every text in full.
    scope = list(engine2.matchers)
    queries = {sid: engine2.matchers[sid].query(question) for sid in scope}
    full = sorted((r for sid in scope for r in engine2.matchers[sid].rank_entries(queries[sid], limit=5, floor=0.4)),
                  key=lambda r: -r[0])
    assert engine2._best_entries(scope, queries, 5)[:5] == full[:5]


def test_a_decline_names_only_words_no_text_in_scope_uses(engine2):
    answer = engine2.ask("why did the weir turn purple overnight")
    assert answer.kind == "none"
    assert "purple" in answer.text and "\u201cweir\u201d" not in answer.text  # "weir" is the tiny text's word


def test_a_decline_does_not_say_the_text_never_uses_a_word_whose_family_it_uses(tmp_path):
    # "the text never mentions 'owned'" of an essay on a dam's ownership was untrue to a reader.
    from bot.kb.engine import _of_a_family, _unknown_note
    from bot.kb.matcher import Query

    used = [frozenset({"ownership", "dam", "club"})]
    assert _of_a_family("owned", used) and not _of_a_family("scot", used)
    assert not _of_a_family("art", [frozenset({"article"})])  # no family by the first letters alone
    query = Query({"own": 1.0, "scot": 1.0}, ("scot", "owned"))
    note = _unknown_note([query], used)
    assert "scot" in note and "owned" not in note


def test_a_texts_sentences_speak_for_its_author(engine2):
    # No entry, so the text's own sentence answers; the author's name in the question is no stranger.
    matcher = engine2.matchers["tiny"]
    author = next(iter(matcher.authors["tiny"]))
    plain = matcher.answer_sentences(matcher.query("what makes the river flood"))[0][0]
    named = matcher.answer_sentences(matcher.query(f"what does {author} say makes the river flood"))[0][0]
    assert named >= plain - 0.05


def test_a_rare_word_of_another_text_typed_in_lower_case_keeps_the_question_from_this_one(tmp_path):
    # "ship" is a word of one of the shipped text's phrasings ("to ship extra fuel"); "berouw" is the
    # other text's ship. Capitalised, the name sent the question away from the shipped text; in
    # lower case it got that text's answer on fuel at 0.62.
    from ..conftest import write_knowledge

    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    source = SMALL_SOURCE.replace("The river Wensum floods every spring.",
                                  "The river Wensum floods every spring. The gunboat Berouw was carried inland.")
    engine = Engine(load_knowledge(write_knowledge(root, source=source, entries=TINY_ENTRIES)))
    for question in ("what happened to that ship the berouw lol", "what happened to that ship the Berouw lol"):
        answer = engine.ask(question)
        assert answer.entry is None or answer.entry.source == "tiny", (question, answer.text)
        assert all(c.passage.source == "tiny" for c in answer.citations), (question, answer.text)


@pytest.mark.parametrize("question", ["what texts do you have?", "which texts can I ask about", "what are we studying"])
def test_what_texts_there_are_is_answered_with_every_title(engine2, question):
    answer = engine2.ask(question)
    assert answer.kind == "none" and answer.reason == "small-talk"
    assert "2 texts" in answer.text and "A tiny text" in answer.text and "Japan and Russia" in answer.text
    one = engine2.ask(question, source="tiny").text
    assert "I know one text:" in one and "A tiny text" in one and "any of them" not in one


def test_a_detail_only_one_text_gives_says_the_other_gives_none(engine2):
    # "When was it written?" beside an undated text got the shipped text's date alone, as if for both.
    answer = engine2.ask("when was it written")
    assert answer.kind == "curated" and "2018" in answer.text
    assert answer.text.endswith("(A tiny text gives no date.)")
    # Both texts have an author: which one is meant is asked, and nothing is said missing.
    assert "gives no" not in engine2.ask("who wrote this text").text  # asked which
    assert "gives no date.)" not in engine2.ask("when was it written", source="kaczmarski-2018").text



def test_writing_in_the_text_is_not_a_question_about_who_wrote_it(tmp_path):
    from ..conftest import write_knowledge

    root = tmp_path / "k"
    shutil.copytree(default_knowledge_dir(), root)
    stone = ("---\nid: stone\ntitle: The Stone That Spoke Three Ways\nauthor: Tess Marlowe\n---\n\n"
             "The officer in charge, Lieutenant Bouchard, noticed that a block in the wall was covered in writing.\n\n"
             "The stone was sent to Cairo.\n")
    engine = Engine(load_knowledge(write_knowledge(root, source=stone, entries="source: stone\nentries: []\n")))
    answer = engine.ask("Who noticed the writing on the stone?")
    assert answer.reason != "which-text" and "Marlowe" not in answer.text, answer.text
    assert not any(s.entry_id.startswith("details:") for s in answer.suggestions)
    # Asked of the text, its author still answers.
    assert "Tess Marlowe" in engine.ask("who wrote the stone that spoke three ways").text


def test_after_what_is_shown_with_an_example_of_the_text_the_talk_is_about(tmp_path):
    from bot.kb.models import Answer

    from ..conftest import write_knowledge

    root = tmp_path / "k"
    shutil.copytree(default_knowledge_dir(), root)
    stone = ("---\nid: stone\ntitle: Three scripts\nauthor: Tess Marlowe\n---\n\n"
             "The officer noticed that a block in the wall was covered in writing.\n\nThe stone was sent to Cairo.\n")
    engine = Engine(load_knowledge(write_knowledge(root, source=stone, entries="source: stone\nentries: []\n")))
    declined = Answer("why?", "none", "I don't have an answer to that.", 0.0,
                      related=(engine.kb.passage("stone", 1),), reason="not-found")
    answer = engine.ask("what happened after that?", after=declined)
    assert answer.text.startswith("After what?") and "What is Three scripts about?" in answer.text, answer.text
