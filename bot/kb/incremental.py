"""One entry at a time: a server's curators add, edit and retire entries without a rebuild.

Mixed into `Matcher`; every method here works on its index in place.
"""

from __future__ import annotations

import bisect
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Self

import numpy as np

from . import lexicon
from .models import Entry
from .semantic import embedder
from .spelling import SPELLINGS, TYPO_MIN_LENGTH
from .text import stem, words

if TYPE_CHECKING:
    from .matcher import _Profile


class OneAtATime:
    """Changes to a built matcher's entries, one at a time."""

    profiles: list[_Profile]

    # A server's curators change one entry at a time; rebuilding the index for each change would
    # take seconds at 10,000 entries. Word weights (IDF) stay as built: re-weighing every term
    # would change every phrasing's weight, which is a rebuild, and would make the shared
    # entries answer differently in one server than in all others. A term no entry used before
    # gets the weight a full build would give it against the same count of documents (rare:
    # log(1 + n / df)), so a new name an entry introduces decides a match as it would after a
    # rebuild; a term the knowledge base already has keeps its weight.

    def fork(self) -> Self:
        """A matcher over the same text and word knowledge with no entries: a server's own entries go here.

        The texts' sentences and every vector of them are shared, never copied; the vocabulary
        (which an added entry extends) is copied, so the original never learns a server's words.
        """
        self.sentences  # noqa: B018 - built now if it was left for first use (snapshot.py): shared, not built twice
        other = type(self).__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.idf = dict(self.idf)
        other.common = set(self.common)
        other.names = set(self.names)
        other.known_words = set(self.known_words)
        other.known_stems = set(self.known_stems)
        other.surface = list(self.surface)
        other.profiles, other.by_term, other.index_of = [], {}, {}
        other.entry_terms = other.by_term.keys()
        other.retired, other.added_df, other.added_words, other.added_stems = set(), {}, {}, {}
        other.vectors = np.zeros((0, self.vectors.shape[1] if self.vectors.ndim == 2 else 0), dtype=np.float32)
        other.starts = np.zeros(0, dtype=np.int64)
        other._rows = 0
        other.__dict__.pop("_buffer", None)
        other.__dict__.pop("_posting_memo", None)  # by entry index: the fork's entries are its own
        other._repair = lru_cache(maxsize=8192)(other._repair_uncached)
        other._kinship = lru_cache(maxsize=8192)(other._kinship_uncached)
        other._names_in = lru_cache(maxsize=8192)(other._names_in_uncached)
        return other

    def add_entry(self, entry: Entry) -> None:
        """Serve one more entry (replacing one of the same id) without rebuilding the index.

        The vectors, the only step that can fail for reasons outside this code, are computed
        before anything changes: a failure leaves the entry that served before serving.
        """
        vectors = np.asarray(embedder().embed(list(entry.questions)), dtype=np.float32)
        phrasings, support = self._entry_terms(entry)
        if entry.id in self.index_of:
            self.remove_entry(entry.id)
        said = [*entry.questions, entry.answer]
        for term in support:
            if term not in self.idf or term in self.added_df:
                self.added_df[term] = self.added_df.get(term, 0) + 1
                self.idf[term] = math.log(1 + self.documents / self.added_df[term])
        for word in {w for text in said for w in words(text)}:
            if word not in self.known_words or word in self.added_words:
                self.added_words[word] = self.added_words.get(word, 0) + 1
                self.known_words.add(word)
                if self.added_words[word] == 1 and len(word) >= TYPO_MIN_LENGTH and not word.isdigit():
                    bisect.insort(self.surface, word)
                    SPELLINGS.add((word,))
            if stem(word) not in self.known_stems or stem(word) in self.added_stems:
                self.added_stems[stem(word)] = self.added_stems.get(stem(word), 0) + 1
                self.known_stems.add(stem(word))
            if lexicon.zipf(word) >= lexicon.EVERYDAY_ZIPF:
                self.common.add(stem(word))
        self.names.update(self._names(said))
        self._names_in.cache_clear()  # a phrasing may speak of a name it did not before
        self._repair.cache_clear()  # a word that was a typo may be a word of the text now
        index = len(self.profiles)
        self.profiles.append(self._profile(entry, phrasings, support))
        for term in support:
            self.by_term.setdefault(term, []).append(index)
        self._append_vectors(vectors)
        self.index_of[entry.id] = index

    def remove_entry(self, entry_id: str) -> bool:
        """Take one entry out of service; whether it was served. Its slot stays, empty."""
        index = self.index_of.pop(entry_id, None)
        if index is None:
            return False
        profile = self.profiles[index]
        for term in profile.support:
            postings = self.by_term.get(term)
            if postings is not None and index in postings:
                postings.remove(index)
            if term in self.added_df:  # a word only this entry brought is unknown again
                self.added_df[term] -= 1
                if self.added_df[term] == 0:
                    del self.added_df[term], self.idf[term]
                else:
                    self.idf[term] = math.log(1 + self.documents / self.added_df[term])
        for word in {w for text in (*profile.entry.questions, profile.entry.answer) for w in words(text)}:
            if word in self.added_words:
                self.added_words[word] -= 1
                if self.added_words[word] == 0:
                    del self.added_words[word]
                    self.known_words.discard(word)
                    if word in self.surface:
                        self.surface.remove(word)
            if stem(word) in self.added_stems:
                self.added_stems[stem(word)] -= 1
                if self.added_stems[stem(word)] == 0:
                    del self.added_stems[stem(word)]
                    self.known_stems.discard(stem(word))
        self._repair.cache_clear()
        self.retired.add(index)
        return True

    def _append_vectors(self, vectors: np.ndarray) -> None:
        """Add one entry's phrasing vectors, growing the buffer by doubling (amortised O(rows))."""
        rows = getattr(self, "_rows", len(self.vectors))
        buffer = getattr(self, "_buffer", self.vectors)
        if rows + len(vectors) > len(buffer):
            grown = np.zeros((max(2 * len(buffer), rows + len(vectors), 16), vectors.shape[1]), dtype=np.float32)
            grown[:rows] = buffer[:rows]
            buffer = grown
        buffer[rows : rows + len(vectors)] = vectors
        self._buffer, self._rows = buffer, rows + len(vectors)
        self.vectors = buffer[: self._rows]
        self.starts = np.append(self.starts, rows).astype(np.int64)

