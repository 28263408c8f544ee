"""A server's entries layered over the shared index, one entry at a time, answer as a full rebuild does."""

import inspect
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.kb.engine import Engine
from bot.kb.models import Citation, Entry
from bot.kb.overlay import GuildKnowledge, Layered, Retired

SOURCE = "kaczmarski-2018"


def made(kb, entry_id: str, questions: tuple[str, ...], answer: str, passage: int) -> Entry:
    quote = " ".join(kb.passage(SOURCE, passage).text.split()[:8])
    return Entry(entry_id, SOURCE, questions, answer, (Citation(SOURCE, passage, quote),))


@pytest.fixture(scope="module")
def changed(engine):
    """New entries, an edited shared entry and a retired one: the same changes, made two ways."""
    kb = engine.kb
    new = [
        made(kb, "kurils-claim", ("Which island chain did Japan want back from Russia?",
                                  "the islands japan claims from russia",
                                  "What territory do Japan and Russia dispute?"), "The southern Kuril Islands.", 1),
        made(kb, "zorblax-pact", ("What is the Zorblax pact?", "zorblax pact meaning",
                                  "explain the zorblax agreement"), "A made-up pact, to test new words.", 3),
    ]
    meeting = kb.entry("meeting-place")
    edited = replace(meeting, answer="Vladivostok, at the Eastern Economic Forum.",
                     questions=(*meeting.questions, "in what city were the talks held"))
    retired = kb.live_entries[5]
    own = GuildKnowledge(engine)
    for entry in new:
        own.set(entry.id, entry)
    own.set(edited.id, edited)
    own.set(retired.id, Retired(retired))
    entries = tuple(edited if e.id == edited.id else e for e in kb.entries if e.id != retired.id) + tuple(new)
    rebuilt = Engine(replace(kb, entries=entries))
    return own, rebuilt, retired


QUESTIONS = [
    "Which island chain did Japan want back from Russia?",
    "what islands does japan claim",
    "What is the Zorblax pact?",
    "zorblax",
    "in what city were the talks held",
    "Where did Abe meet Putin?",
    "When did Abe and Putin meet?",
    "What did Putin propose to Abe?",
    "how many russian troops on the kurils",
    "what is japan's gdp",
    "Who wrote this text?",
    "what do the people of japan think of russia",
    "why did japan want better relations with russia",
    "hello",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_incremental_changes_answer_as_a_full_rebuild(changed, question):
    own, rebuilt, _ = changed
    layered, full = own.engine.ask(question), rebuilt.ask(question)
    assert (layered.kind, layered.reason, layered.entry and layered.entry.id) == \
        (full.kind, full.reason, full.entry and full.entry.id)
    assert layered.text == full.text


@pytest.mark.parametrize(("first", "then"), [
    ("who is abe", "and putin?"), ("What is the Zorblax pact?", "why?"), ("where did abe meet putin", "how many?"),
])
def test_follow_ups_read_the_same_in_a_server_with_its_own_entries(changed, first, then):
    # A server's engine layers its entries over the shared ones; a follow-up reads its names too.
    own, rebuilt, _ = changed
    mine, built = own.engine.ask(first), rebuilt.ask(first)
    assert own.engine.ask(then, after=mine).text == rebuilt.ask(then, after=built).text


def test_the_changes_are_served_and_the_shared_engine_is_untouched(engine, changed):
    own, _, retired = changed
    assert own.engine.ask("What is the Zorblax pact?").entry.id == "zorblax-pact"
    assert own.engine.ask(retired.questions[0]).entry != retired
    assert own.engine.ask("Where did Abe meet Putin?").text == "Vladivostok, at the Eastern Economic Forum."
    shared = engine.ask("Where did Abe meet Putin?")
    assert shared.entry.id == "meeting-place" and "Eastern Economic Forum" in shared.text
    assert shared.text != "Vladivostok, at the Eastern Economic Forum."
    assert engine.ask("What is the Zorblax pact?").entry is None
    assert engine.kb.entry("zorblax-pact") is None and engine.ask(retired.questions[0]).entry == retired


def test_undoing_every_change_gives_the_shared_answers_back(engine):
    kb = engine.kb
    own = GuildKnowledge(engine)
    extra = made(kb, "zorblax-pact", ("What is the Zorblax pact?", "zorblax pact meaning", "explain zorblax"),
                 "A made-up pact.", 3)
    own.set(extra.id, extra)
    own.set("meeting-place", Retired(kb.entry("meeting-place")))
    own.set(extra.id, None)
    own.set("meeting-place", None)
    for question in QUESTIONS:
        assert own.engine.ask(question).text == engine.ask(question).text, question


def test_a_change_that_cannot_be_indexed_leaves_the_old_entry_serving(engine, monkeypatch):
    own = GuildKnowledge(engine)
    meeting = engine.kb.entry("meeting-place")
    before = own.engine.ask("Where did Abe meet Putin?").text

    def broken(*args, **kwargs):
        raise MemoryError("no room for vectors")

    monkeypatch.setattr("bot.kb.incremental.embedder", lambda: type("E", (), {"embed": broken})())
    with pytest.raises(MemoryError):
        own.set(meeting.id, replace(meeting, answer="Somewhere else."))
    monkeypatch.undo()
    assert own.engine.ask("Where did Abe meet Putin?").text == before
    assert own.states == {}


def test_a_change_waits_for_an_answer_being_read_in_another_thread(engine):
    """The bot answers in worker threads while curators change the server's entries on the event
    loop; a change changes the layers in place, so it waits until no answer is being read."""
    import threading

    own = GuildKnowledge(engine)
    entry = made(engine.kb, "churn", ("What is the churn accord?", "churn accord"), "A test entry.", 1)
    reading, changed = threading.Event(), threading.Event()
    release = threading.Event()

    def reader() -> None:
        with own.lock:
            reading.set()
            release.wait(5)

    def curator() -> None:
        own.set(entry.id, entry)
        changed.set()

    threads = [threading.Thread(target=reader), threading.Thread(target=curator)]
    threads[0].start()
    assert reading.wait(5)
    threads[1].start()
    assert not changed.wait(0.2)  # held back while the answer is read
    release.set()
    for thread in threads:
        thread.join(5)
    assert changed.is_set() and own.engine.ask("What is the churn accord?").entry.id == "churn"


def test_reading_a_servers_engine_holds_its_lock_and_the_shared_one_none():
    import threading
    from contextlib import nullcontext

    from bot.config import default_knowledge_dir
    from bot.kb.library import Library

    library = Library(default_knowledge_dir())
    assert isinstance(library.reading(1234), nullcontext)  # no knowledge of its own yet: the shared engine
    own = library.guild(1234)

    def free() -> bool:  # asked from another thread, as a curator's change would
        result = []

        def take() -> None:
            result.append(own.lock.acquire(blocking=False))
            if result[0]:
                own.lock.release()

        thread = threading.Thread(target=take)
        thread.start()
        thread.join()
        return result[0]

    with library.reading(1234):
        assert not free()
    assert free()


def _used_on_matchers(source: str) -> set[str]:
    """The attributes an engine module reads from a text's matcher: `self.matchers[...].X` and `matcher.X`."""
    used = set(re.findall(r"\bmatcher\.([a-z_]+)", source))
    for start in (m.end() for m in re.finditer(r"matchers\[", source)):
        depth, at = 1, start
        while depth:
            depth += {"[": 1, "]": -1}.get(source[at], 0)
            at += 1
        found = re.match(r"\s*\.\s*([a-z_]+)", source[at:])
        if found:
            used.add(found.group(1))
    return used


def test_a_servers_matcher_has_everything_the_engine_asks_of_a_texts():
    parts = Path(inspect.getfile(Engine)).parent  # the engine and the rooms it is built of
    used = set().union(*(_used_on_matchers((parts / f"{name}.py").read_text(encoding="utf-8"))
                         for name in ("engine", "reading", "following", "second_opinion")))
    assert {"thin", "names_besides", "fits"} <= used  # the reading finds calls across lines
    assert not [name for name in sorted(used) if not hasattr(Layered, name)]
