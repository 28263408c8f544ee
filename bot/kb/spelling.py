"""Typo repair's word list: every text's words in one place, compared with a misspelling once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Typo repair: how many slips (insertions, deletions, substitutions, swapped neighbours) a
# misspelt word may have and still count as a known word. Shorter words are left alone: too
# many unrelated short words are one edit apart. Each slip costs a little of the word's weight.
TYPO_MIN_LENGTH = 4
TYPO_EDITS = ((4, 1), (8, 2))  # (from this length, this many edits)
TYPO_COST = 0.1


class Spellings:
    """Every text's words in one list, so that a misspelt word is compared with them once per
    question rather than once per text; each text then takes the closest word it has."""

    def __init__(self) -> None:
        self._words: list[str] = []
        self._known: set[str] = set()
        self._near = lru_cache(maxsize=4096)(self._near_uncached)

    def add(self, words: Iterable[str]) -> None:
        words = list(words)
        fresh = set(words).difference(self._known)  # most of a new text's words another text has already
        new = [w for w in words if w in fresh] if fresh else []
        if new:
            self._known.update(new)
            self._words.extend(new)
            self._near.cache_clear()

    def near(self, word: str, edits: int) -> tuple[tuple[int, str], ...]:
        """(distance, word) for every word within `edits` slips, closest first, then alphabetical."""
        return self._near(word, edits)

    def _near_uncached(self, word: str, edits: int) -> tuple[tuple[int, str], ...]:
        found = process.extract(word, self._words, scorer=OSA.distance, processor=None, score_cutoff=edits,
                                limit=None)
        return tuple(sorted((distance, candidate) for candidate, distance, _ in found))


SPELLINGS = Spellings()
