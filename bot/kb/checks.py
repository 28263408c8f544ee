"""Checks across entries: phrasings that repeat or that the matcher would confuse."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .errors import Problem
from .models import Entry
from .text import LIGHT_WORDS, Vocabulary, fold

# A phrasing of names alone is fine when it asks what or who they are, or is a bare keyword;
# one that asks something else of them in small words ("what's in it for moscow") is not.
_NAMES_IT = re.compile(r"^\W*(?:what|who)(?:'s|\s+(?:is|are|was|were))\s+(?:the\s+|a\s+|an\s+)?"
                       r"(?!(?:in|it|for|up|on|with|about|that|this)\b)[^?]*\??\s*$", re.I)
_ASKS_ABOUT = re.compile(r"\b(?:what|who|whom|whose|which|why|how|when|where|did|does|do|is|are|was|were|can|will|"
                         r"would|has|have|had)\b", re.I)
# Two phrasings of different entries whose matcher terms agree this much (token_sort_ratio)
# leave the matcher guessing between them; 90 flags reorderings and one-word swaps only.
CONFUSABLE_RATIO = 90.0


def phrasing_problems(entries: list[Entry], synonyms: tuple[tuple[str, ...], ...], *,
                      confusable: bool = True, only: str | None = None) -> list[Problem]:
    """Repeated phrasings (errors across entries) and, if asked, confusable ones (warnings).

    `only`: the id of one entry (listed last) whose phrasings alone are compared with all the
    others' for confusion; a whole folder compares every pair.
    """
    vocab = Vocabulary.shared(synonyms)
    problems: list[Problem] = []
    owners: list[tuple[Entry, str, str]] = []  # (entry, phrasing, its terms as one string)
    seen: dict[str, tuple[Entry, str]] = {}
    aliased: set[tuple[str, str]] = set()
    for entry in entries:
        if entry.draft:
            continue
        mine: set[str] = set()
        for question in entry.questions:
            key = phrasing_key(vocab, question)
            line = getattr(question, "line", entry.line)
            if key in mine:
                problems.append(Problem(entry.path, line, f"'{entry.id}' says \"{question}\" twice "
                                        "(after normalising)", "drop one, or word it differently",
                                        "warning"))
                continue
            mine.add(key)
            if vocab.one_name(question, besides=LIGHT_WORDS) and not _NAMES_IT.match(question) \
                    and _ASKS_ABOUT.search(question):
                problems.append(Problem(entry.path, line, f"'{entry.id}': \"{question}\" keeps only a name once "
                                        "its small words are dropped, so any question that names only that matches "
                                        "it in full (\"what is the Kremlin\" a phrasing \"what's in it for Moscow\")",
                                        "add a word that says what it asks, e.g. \"what does moscow gain\"",
                                        "warning"))
            if key in seen and seen[key][0].id != entry.id:
                other, text = seen[key]
                if other.path == entry.path and getattr(text, "line", None) == line:
                    # One line serving two entries: a YAML alias (*name) repeats another entry's list.
                    if (other.id, entry.id) not in aliased:
                        aliased.add((other.id, entry.id))
                        problems.append(Problem(entry.path, entry.line, f"'{entry.id}' repeats the phrasings of "
                                                f"'{other.id}' (line {line}) through a YAML alias",
                                                "give each entry phrasings of its own"))
                    continue
                where = f"{other.path}:{getattr(text, 'line', other.line)}"
                said = ("is also a phrasing of" if fold(question).strip() == fold(text).strip()
                        else "reads, once synonyms and word endings are folded, as the phrasing of")
                problems.append(Problem(entry.path, line, f"\"{question}\" {said} '{other.id}' (\"{text}\", {where})",
                                        "a phrasing belongs to one entry: remove or reword one"))
                continue
            seen[key] = (entry, question)
            owners.append((entry, question, " ".join(vocab.known_terms(question))))
    if not confusable or len(owners) < 2:
        return problems
    keys = [o[2] for o in owners]
    for i, key in enumerate(keys):
        if only is not None and owners[i][0].id != only:
            continue
        for _, _, j in process.extract(key, keys, scorer=fuzz.token_sort_ratio, processor=None,
                                       score_cutoff=CONFUSABLE_RATIO, limit=None):
            first, second = (min(i, j), max(i, j)) if only is not None else (i, j)  # the one entry is last
            if first < second and owners[first][0].id != owners[second][0].id and not _numbers_differ(key, keys[j]):
                (a, qa, _), (b, qb, _) = owners[first], owners[second]
                problems.append(Problem(
                    b.path, getattr(qb, "line", b.line),
                    f"\"{qb}\" ('{b.id}') is so like \"{qa}\" ('{a.id}') that the matcher may "
                    "confuse them", "add the words that tell them apart", "warning"))
    return problems


def phrasing_key(vocab: Vocabulary, question: str) -> str:
    """A phrasing as the matcher reads it, in one string: two phrasings with the same key are one."""
    return " ".join(sorted(vocab.known_terms(question)))


def _numbers_differ(a: str, b: str) -> bool:
    """Numbers are matched exactly, so phrasings that differ in one are never confused."""
    return {t for t in a.split() if t.isdigit()} != {t for t in b.split() if t.isdigit()}
