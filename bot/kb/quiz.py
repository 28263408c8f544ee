"""Quizzes from the curated entries: accepted answers, lenient checking, and Leitner boxes."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .models import Entry
from .text import STOPWORDS, Vocabulary, words

# How alike (rapidfuzz ratio on normalised words) an answer must be to an accepted one:
# one slip in a ten-letter name still passes, a different name does not.
MATCH_RATIO = 85.0
# An accepted answer found inside a longer reply ("it was Vladivostok") counts when this alike,
# as long as the reply is not an essay that mentions everything.
CONTAINED_RATIO = 92.0
MAX_REPLY_FACTOR = 4
MAX_EXTRA_TERMS = 2  # "at the EEF in vladivostok" names the forum; a list of every name in the text does not
BOXES = 5  # Leitner boxes 1 (learning) .. 5 (known)
# How much more often each box is drawn than the next: missed entries come back soonest.
BOX_WEIGHTS = {1: 16, 2: 8, 3: 4, 4: 2, 5: 1}
UNSEEN_WEIGHT = 8  # new entries: after the missed ones, before the known ones
# An answer whose first clause is this short is itself a fair thing to type back ("China.");
# longer ones are explanations, and a quiz on them needs the curator's `accept` list.
SHORT_ANSWER_WORDS = 4
_NOT_ANSWERS = {"yes", "no", "hardly", "partly", "not really"}
_YES_NO = {"yes", "no"}


def normal(text: str) -> str:
    return " ".join(w for w in words(text) if w not in STOPWORDS or w.isdigit())


def accepted_answers(entry: Entry) -> tuple[str, ...]:
    """What a quiz accepts: the entry's `accept` list, else its answer's first clause if short;
    and, when the answer opens with "Yes" or "No", that word too ("No" is right to "Was it
    agreed beforehand?" whatever else the curator listed)."""
    first = re.split(r"[;:,]|\.(?:\s|$)", entry.answer, maxsplit=1)[0].strip()
    if entry.accept:
        accepted = entry.accept
    else:
        opening = first.split()[0].casefold() if first else ""
        short = first and len(first.split()) <= SHORT_ANSWER_WORDS and first.casefold() not in _NOT_ANSWERS
        accepted = (first,) if short and opening not in STOPWORDS else ()
    if accepted and first.casefold() in _YES_NO:
        accepted = (first.casefold(), *accepted)
    return accepted


def quizzable(entry: Entry) -> bool:
    """An entry makes a fair quiz question when it has a short answer to check against."""
    return not entry.draft and bool(accepted_answers(entry))


def _digits(text: str) -> set[str]:
    return {w for w in words(text) if w.isdigit()}


def check(reply: str, accepted: Sequence[str], synonyms: tuple[tuple[str, ...], ...] = ()) -> bool:
    """Is the reply one of the accepted answers, ignoring case, punctuation and small typos, and
    (with the text's `synonyms`) another name for it ("the EEF" for "Eastern Economic Forum")?"""
    said = words(reply)
    if said and said[0] in _YES_NO and len(said) <= 3 and said[0] in {a.casefold() for a in accepted}:
        return True  # "No", "no.", "no it wasnt": the polarity the answer opens with
    given = normal(reply)
    if not given:
        return False
    for answer in accepted:
        wanted = normal(answer)
        if not wanted:
            continue
        if _digits(answer) and not _digits(answer) <= _digits(reply):
            continue  # 56% is not 57%, however alike they look
        if fuzz.ratio(given, wanted) >= MATCH_RATIO:
            return True
        # The accepted answer inside a longer reply; never a short reply inside a long answer.
        if len(wanted) >= 3 and len(wanted) <= len(given) <= MAX_REPLY_FACTOR * len(wanted) + 10 and \
                fuzz.partial_ratio(wanted, given) >= CONTAINED_RATIO:
            return True
        if synonyms and _same_things(reply, answer, synonyms):
            return True
    return False


def _same_things(reply: str, answer: str, synonyms: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the reply names every thing the answer does, by any of its names, and little else."""
    vocab = Vocabulary.shared(synonyms)
    wanted, given = set(vocab.terms(answer)), vocab.terms(reply)
    return bool(wanted) and wanted <= set(given) and len(given) <= len(wanted) + MAX_EXTRA_TERMS


@dataclass(frozen=True, slots=True)
class Record:
    """A member's history with one entry."""

    box: int = 1
    correct: int = 0
    wrong: int = 0
    last_seen: str = ""


def after(record: Record | None, correct: bool, when: str) -> Record:
    """The record after an answer: up one box when right, back to the first when wrong."""
    record = record or Record()
    if correct:
        return Record(min(BOXES, record.box + 1), record.correct + 1, record.wrong, when)
    return Record(1, record.correct, record.wrong + 1, when)


def pick(entries: Sequence[Entry], records: Mapping[str, Record], *, rng: random.Random | None = None,
         avoid: str | None = None) -> Entry | None:
    """Draw the next question: missed entries most often, then new ones, known ones least."""
    pool = [e for e in entries if quizzable(e) and e.id != avoid] or [e for e in entries if quizzable(e)]
    if not pool:
        return None
    weights = []
    for entry in pool:
        record = records.get(entry.id)
        weights.append(UNSEEN_WEIGHT if record is None else BOX_WEIGHTS[record.box])
    return (rng or random).choices(pool, weights=weights, k=1)[0]
