"""What every drafted entry is built of (draft_entries.py): the entry, what its sentence is read
with, and the quotes, keyword forms and clauses all its kinds share."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .draft_clause import Clause, clause_of
from .draft_words import (
    lower_first,
    prefix,
)
from .text import STOPWORDS

# Longer answers stop being answers; a definition may run a little longer than a fact.
MAX_ANSWER_WORDS = 24
MAX_SUBJECT_WORDS = 8  # a longer "subject" is a misparse, not a noun phrase
NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten"
_CLAUSE_END = re.compile(r"[,;:]\s+(?:and\s+|but\s+)?")
LEADING = re.compile(r"^(?:In|By|During|On|At|After|Before|Across|Within|Throughout|Over|Under|Through|From|"
                      r"Along|Around|Near|Beyond) (?:[^,]|,(?=\d))+, "  # "Across some 2,150 square kilometres, "
                      # not a clause of its own: "By the 1950s smallpox had been eliminated from Europe, yet it ..."
                      r"(?!(?:yet|but|and|so|or|while|whereas|though|although)\b)")


@dataclass(frozen=True)
class DraftEntry:
    """One drafted entry: its kind, phrasings, short answer and the verbatim quote it rests on."""

    kind: str  # definition | list | claim | figure | date | place | person
    passage: int
    questions: tuple[str, ...]
    answer: str
    quote: str
    accept: tuple[str, ...] = ()
    clipped: bool = False  # the answer stops before its sentence does: check it first


@dataclass(frozen=True)
class Context:
    """What a sentence is read with: the subject before it ("It carried ...") and the text's common nouns."""

    previous_subject: str | None
    names: frozenset[str]

    def lower(self, phrase: str) -> str:
        return lower_first(phrase, self.names)


def subject_clause(head: str, ctx: Context) -> Clause | None:
    """The subject and verb of `head`, the subject lower-cased unless it is a name."""
    clause = clause_of(head, previous_subject=ctx.previous_subject)
    return replace(clause, subject=ctx.lower(clause.subject)) if clause else None


def keyword_form(phrase: str) -> str:
    """A phrase as people type it into a search box: its content words."""
    kept = [w.strip(".,;:()\u201c\u201d\"'") for w in phrase.split()]
    return " ".join(w for w in kept if w and w.lower() not in STOPWORDS) or phrase


def opening_quote(sentence: str, words: int) -> str:
    """The sentence's opening words, verbatim, up to a clause end within `words` words."""
    return prefix(sentence, words)


def quote_holding(sentence: str, start: int, end: int) -> str:
    """The opening words as `opening_quote` takes them, or, when they stop before what is asked about
    (sentence[start:end]), the clause that holds it: a quote must say the answer."""
    opening = opening_quote(sentence, MAX_ANSWER_WORDS)
    if len(opening) >= end:
        return opening
    begin = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    stop = next((m.start() for m in _CLAUSE_END.finditer(sentence, end)), len(sentence))
    return opening_quote(sentence[begin:stop].strip(), MAX_ANSWER_WORDS) if begin else sentence[:stop].strip()
