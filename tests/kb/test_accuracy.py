"""The shipped evaluation sets: separate from the phrasings, and the engine above its floors."""

from pathlib import Path

import pytest

from bot.kb import Engine, KnowledgeError, load_knowledge
from bot.kb.evaluate import Case, _judge, evaluate, load_cases
from bot.kb.models import Answer, Suggestion
from tests.conftest import write_knowledge

EVALS = Path(__file__).resolve().parents[2] / "benchmarks" / "eval"
EVAL = EVALS / "kaczmarski-2018.yaml"
TARGET = 0.90
# The sets written by others from the text alone, in every style members use. Floors a little
# under what the engine scores now (benchmarks/README.md), so a regression fails the build.
MEMBERS_FLOOR = (0.65, 0.88)


@pytest.mark.parametrize("path", sorted(EVALS.glob("*.yaml")), ids=lambda p: p.stem)
def test_evaluation_sets_are_separate_from_the_phrasings(kb, path):
    cases = load_cases(path)
    phrasings = {q.casefold().strip(" ?") for e in kb.entries for q in e.questions}
    assert not [c.question for c in cases if c.question.casefold().strip(" ?") in phrasings]


def test_the_first_set_is_large_enough(kb):
    cases = load_cases(EVAL)
    in_scope = [c for c in cases if c.in_scope]
    out = [c for c in cases if not c.in_scope]
    assert len(in_scope) >= 100 and len(out) >= 40
    assert sum(c.near for c in out) >= len(out) / 2


def test_members_set_has_every_style():
    cases = load_cases(EVALS / "kaczmarski-2018-members.yaml")
    styles = {c.style for c in cases}
    assert {"paraphrase", "why-how", "slang", "small-talk", "near-miss", "follow-up", "multi"} <= styles
    assert all(c.style for c in cases)
    assert all(c.context for c in cases if c.style == "follow-up")
    assert all(len(c.parts) >= 2 for c in cases if c.style == "multi")


def test_accuracy_targets(engine):
    report = evaluate(engine, load_cases(EVAL))
    ok_in, n_in = report.in_scope
    ok_out, n_out = report.out_of_scope
    misses = "\n".join(f"{o.case.question!r}: {o.why}" for o in report.misses)
    assert ok_in >= TARGET * n_in, misses
    assert ok_out >= TARGET * n_out, misses


def test_members_accuracy_floors(engine):
    report = evaluate(engine, load_cases(EVALS / "kaczmarski-2018-members.yaml"))
    (ok_in, n_in), (ok_out, n_out) = report.in_scope, report.out_of_scope
    assert ok_in >= MEMBERS_FLOOR[0] * n_in and ok_out >= MEMBERS_FLOOR[1] * n_out
    rates = report.by_style()
    assert rates[(False, "small-talk")][0] == rates[(False, "small-talk")][1]  # never an entry for chit-chat
    assert rates[(False, "your-view")][0] == rates[(False, "your-view")][1]  # nor for the bot's own view


def test_report_counts_styles_and_suggestions(engine, tmp_path):
    path = tmp_path / "eval.yaml"
    path.write_text(
        "source: kaczmarski-2018\n"
        "in_scope:\n"
        "  - {q: where did abe meet putin, passage: 2, fact: Vladivostok, style: clean}\n"
        "  - {q: where did abe meet putin, passage: 12, fact: Levada, style: clean}\n"
        "out_of_scope:\n"
        "  - {q: hello there, style: small-talk}\n"
        "follow_ups:\n"
        "  - {context: how much did japan invest in yamal lng, q: and china?, passage: 7, fact: 10 billion,"
        " style: follow-up}\n"
        "multi:\n"
        "  - {q: where did abe meet putin and what did putin propose, style: multi,"
        " parts: [{passage: 2, fact: Vladivostok}, {passage: 8, fact: peace treaty}]}\n",
        encoding="utf-8")
    report = evaluate(engine, load_cases(path))
    assert report.by_style() == {(True, "clean"): (1, 2), (False, "small-talk"): (1, 1),
                                 (True, "follow-up"): (1, 1), (True, "multi"): (1, 1)}
    assert report.in_scope == (3, 4)
    # A follow-up or a message of several questions with no style given is counted as one all the same.
    path.write_text(path.read_text(encoding="utf-8").replace(" style: follow-up}", "}").replace(" style: multi,", ""),
                    encoding="utf-8")
    assert evaluate(engine, load_cases(path)).by_style() == report.by_style()


@pytest.mark.parametrize(("text", "says", "line"), [
    ("follow_ups:\n  - {q: why?, passage: 2}\n", "needs 'context'", 2),
    ("multi:\n  - {q: a and b, parts: [{passage: 2}]}\n", "two or more", 2),
    ("in_scope:\n  - {q: where}\n", "needs 'passage' or 'fact'", 2),
    # A word where the list belongs was read letter by letter: "needs 'q'" five times, no line.
    ("in_scope:\n  - {q: where, passage: 2}\nout_of_scope: hello\n", "must be a list of questions", 3),
])
def test_malformed_items_name_their_line(tmp_path, text, says, line):
    path = tmp_path / "eval.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_cases(path)
    [problem] = caught.value.problems
    assert says in str(problem) and problem.line == line


@pytest.mark.parametrize("kind", ["none", "passage"])
def test_a_miss_that_offers_the_right_entry_counts_as_suggesting_it_whatever_it_answered(tmp_path, kind):
    # "Did you mean" under a decline, or "see also" under a passage quoted instead: either way the member can pick it.
    engine = Engine(load_knowledge(write_knowledge(tmp_path / "k")))
    case = Case("when was that weir put in", True, passages=(2,), facts=("2019",))
    offered = (Suggestion("weir-built", "When was the weir built?", 0.5),)
    answer = Answer(case.question, kind, "No curated answer covers this.", 0.4, suggestions=offered)
    assert _judge(case, answer, engine).suggested
    assert not _judge(case, Answer(case.question, kind, "No.", 0.4, suggestions=offered[:0]), engine).suggested
