"""The matching index: weighted terms for every entry and passage sentence, and typo repair.

rapidfuzz repairs misspelt words against the knowledge base's own vocabulary; after that,
questions and phrasings are compared as sets of weighted terms, so that rare words ("Levada",
"Aegis") decide a match and common ones ("Japan", "Russia") barely move it.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .models import Entry, KnowledgeBase, Passage
from .text import COMMON_WORDS, LIGHT_WORDS, QUESTION_WORDS, STOPWORDS, Vocabulary, sentences, stem, words

# Question words say which fact is wanted ("when" a date, "who" a person), which helps to
# choose between entries on the same topic, but they must never outweigh a content word.
LIGHT_WEIGHT = 0.3
# A word the knowledge base has never seen is evidence that the question is about something
# else; it outweighs the rarest known word, so a matched pair of words cannot outvote it.
UNKNOWN_WEIGHT_FACTOR = 1.5
# Common English words weigh at most this (about the weight of "Japan" in this text).
COMMON_WEIGHT = 1.0
# Typo repair: how many slips (insertions, deletions, substitutions, swapped neighbours) a
# misspelt word may have and still count as a known word. Shorter words are left alone: too
# many unrelated short words are one edit apart. Each slip costs a little of the word's weight.
TYPO_MIN_LENGTH = 4
TYPO_EDITS = ((4, 1), (8, 2))  # (from this length, this many edits)
TYPO_COST = 0.1
# An entry that never mentions a name the question asks about (a country, person, place or
# body) is probably about something else: "invest in the United States" is not "invest in Yamal".
MISSING_NAME_PENALTY = 0.75
# "How many ..." and "how much ..." ask for a figure; an entry whose answer has none answers
# a different question ("Has Russia increased its troops?" is not "How many troops?").
NO_FIGURE_PENALTY = 0.6
_QUANTITY = re.compile(r"\bhow (?:many|much)\b|\bwhat (?:share|percentage|proportion|number)\b|%", re.I)
# Terms in more entries than this (at least SELECTIVE_MIN, else one in SELECTIVE_SHARE) are
# common: their postings are read only when the selective terms leave the ranking undecided.
SELECTIVE_MIN = 64
SELECTIVE_SHARE = 50
# A sentence is quoted with the one before it only if the pair covers this much more of the
# question: a real gain (a name the pronoun stands for), not one stray common word.
PAIR_GAIN = 0.15
# How much of the phrasing score and of the entry's coverage of the question make up its score.
PHRASING_SHARE = 0.55
COVERAGE_SHARE = 0.45

# A capitalised word (or run of them) that does not open its sentence.
_NAME = re.compile(r"(?<=[\w,;:)’'] )(?:[A-Z][\w’'-]*)(?: (?:[A-Z][\w’'-]*|of|the))*")


@dataclass(frozen=True, slots=True)
class Query:
    """A question as the matcher sees it: terms with their weights."""

    terms: dict[str, float]
    unknown: tuple[str, ...]
    wants_figure: bool = False

    @property
    def weight(self) -> float:
        return sum(self.terms.values())


@dataclass(frozen=True, slots=True)
class _Profile:
    entry: Entry
    phrasings: tuple[frozenset[str], ...]
    phrasing_weights: tuple[float, ...]  # each phrasing's total term weight, computed once
    support: frozenset[str]
    has_figure: bool  # the answer states a number


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a passage, as the matcher sees it."""

    passage: Passage
    text: str
    terms: frozenset[str]
    before: str = ""  # the sentence before it in the same passage ("It carried ..." needs it)
    before_terms: frozenset[str] = frozenset()


class Matcher:
    """Scores entries and passage sentences against a question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.vocab = Vocabulary.shared(kb.synonyms)
        terms = self.vocab.known_terms
        entry_terms = []
        for entry in kb.live_entries:
            phrasings = tuple(frozenset(terms(q)) for q in entry.questions)
            support = frozenset().union(*phrasings, terms(entry.answer), *(terms(t) for t in entry.tags))
            entry_terms.append((entry, phrasings, support))
        self.sentences: list[Sentence] = []
        self.passage_terms: dict[tuple[str, int], frozenset[str]] = {}
        for source in kb.sources.values():
            for passage in source.passages:
                before, before_terms = "", frozenset()
                for text in sentences(passage.text):
                    own = frozenset(terms(text))
                    self.sentences.append(Sentence(passage, text, own, before, before_terms))
                    before, before_terms = text, own
                self.passage_terms[(source.id, passage.number)] = frozenset(terms(passage.text))

        documents = [support for _, _, support in entry_terms] + list(self.passage_terms.values())
        df: dict[str, int] = {}
        for doc in documents:
            for term in doc:
                df[term] = df.get(term, 0) + 1
        n = len(documents) or 1
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self.unknown_weight = UNKNOWN_WEIGHT_FACTOR * math.log(1 + n)

        self.common = frozenset(stem(w) for w in COMMON_WORDS)
        self.profiles = [
            _Profile(entry, phrasings, tuple(sum(self.weight(t) for t in p) or 1.0 for p in phrasings), support,
                     any(w.isdigit() for w in words(entry.answer)))
            for entry, phrasings, support in entry_terms
        ]
        self.sentences_by_term: dict[str, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            for term in sentence.terms | sentence.before_terms:
                self.sentences_by_term.setdefault(term, []).append(i)
        self.by_term: dict[str, list[int]] = {}
        for i, profile in enumerate(self.profiles):
            for term in profile.support:
                self.by_term.setdefault(term, []).append(i)
        self.selective_df = max(SELECTIVE_MIN, len(self.profiles) // SELECTIVE_SHARE)

        texts = [q for e in kb.entries for q in e.questions] + [e.answer for e in kb.entries]
        texts += [p.text for s in kb.sources.values() for p in s.passages]
        texts += [s.title for s in kb.sources.values()] + [s.author for s in kb.sources.values()]
        texts += [name for group in kb.synonyms for name in group]
        known: set[str] = set()
        for text in texts:
            known.update(words(text))
        self.known_words = frozenset(known)
        self.surface = sorted(w for w in known if len(w) >= TYPO_MIN_LENGTH and not w.isdigit())
        self.known_stems = set(df) | {stem(w) for w in known}
        self.names = frozenset(self._names(texts))
        self._repair = lru_cache(maxsize=8192)(self._repair_uncached)

    def _names(self, texts: list[str]) -> set[str]:
        """Terms written with a capital inside a sentence: countries, people, places, bodies."""
        found: set[str] = set()
        for text in texts:
            for sentence in sentences(text):
                found.update(match.group() for match in _NAME.finditer(sentence))
        names: set[str] = set()
        for name in found:
            names.update(self.vocab.terms(name))
        return names - LIGHT_WORDS

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["_repair"]  # a cache of typo repairs: rebuilt empty
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._repair = lru_cache(maxsize=8192)(self._repair_uncached)

    def weight(self, term: str) -> float:
        if term in LIGHT_WORDS:
            return LIGHT_WEIGHT
        if term in self.common:
            return min(COMMON_WEIGHT, self.idf.get(term, COMMON_WEIGHT))
        return self.idf.get(term, self.unknown_weight)

    # -- questions -------------------------------------------------------------------------

    def query(self, question: str) -> Query:
        stems: list[str] = []
        factors: list[float] = []
        for word in words(question):
            if word in STOPWORDS:
                continue
            token = stem(word)
            if token in self.known_stems or word in QUESTION_WORDS or word.isdigit():
                stems.append(token)
                factors.append(1.0)
                continue
            repaired = self._repair(word)
            if repaired is None:
                stems.append(token)
                factors.append(1.0)
                continue
            for part in repaired[0]:
                stems.append(stem(part))
                factors.append(repaired[1])
        terms: dict[str, float] = {}
        unknown: list[str] = []
        for term, start, size in self.vocab.fold_spans(stems):
            if term not in self.idf and term not in LIGHT_WORDS:
                unknown.append(term)
            weight = self.weight(term) * min(factors[start : start + size])
            terms[term] = max(terms.get(term, 0.0), weight)
        return Query(terms, tuple(unknown), bool(_QUANTITY.search(question)))

    def _repair_uncached(self, word: str) -> tuple[tuple[str, ...], float] | None:
        """The known word(s) a misspelling stands for, and how much weight they keep."""
        if len(word) < TYPO_MIN_LENGTH:
            return None
        edits = max(e for length, e in TYPO_EDITS if len(word) >= length)
        best = process.extractOne(word, self.surface, scorer=OSA.distance, processor=None,
                                  score_cutoff=edits)
        if best is not None:
            return (best[0],), 1.0 - TYPO_COST * best[1]
        for cut in range(3, len(word) - 2):  # words run together: "upperhand"
            head, tail = word[:cut], word[cut:]
            if head in self.known_words and tail in self.known_words:
                return (head, tail), 1.0 - TYPO_COST
        return None

    # -- scoring ---------------------------------------------------------------------------

    def rank_entries(self, query: Query, *, sources: frozenset[str] | None = None,
                     limit: int = 10, floor: float = 0.0) -> list[tuple[float, Entry, int]]:
        """The `limit` best entries sharing a term with the question: (score 0..1, entry, phrasing index).

        Exact but pruned (max-score): candidates come first from the question's selective terms,
        and are scored fully in order of an upper bound on their score, until the bound falls
        below the `limit`-th best found. An entry sharing only common terms cannot score above
        `_ceiling` of their weight, so their long posting lists are read only when that could
        still matter. Entries that cannot reach `floor` are never scored.
        """
        total = query.weight
        if total <= 0:
            return []
        weights = query.terms
        selective = [t for t in weights if 0 < len(self.by_term.get(t, ())) <= self.selective_df]
        common = [t for t in weights if len(self.by_term.get(t, ())) > self.selective_df]
        common_weight = sum(weights[t] for t in common)
        own = {t: self.weight(t) for t in weights}  # the knowledge base's weight of each term
        missing_names = {t for t in weights if t in self.names or t.isdigit()}
        top: list[tuple[float, int, int]] = []  # a min-heap of (score, -entry index, phrasing index)

        def score(bounds: dict[int, float]) -> None:
            for i, bound in sorted(bounds.items(), key=lambda kv: kv[1], reverse=True):
                ceiling = _ceiling(bound / total)
                if ceiling < floor or (len(top) >= limit and ceiling < top[0][0]):
                    return
                profile = self.profiles[i]
                if sources is not None and profile.entry.source not in sources:
                    continue
                best, best_at = 0.0, 0
                for at, phrasing in enumerate(profile.phrasings):
                    shared = phrasing.intersection(weights)
                    if not shared:
                        continue
                    recall = sum(weights[t] for t in shared) / total
                    precision = sum(own[t] for t in shared) / profile.phrasing_weights[at]
                    f = 2 * recall * precision / (recall + precision)
                    if f > best:
                        best, best_at = f, at
                coverage = sum(w for t, w in weights.items() if t in profile.support) / total
                value = PHRASING_SHARE * best + COVERAGE_SHARE * coverage
                if not missing_names <= profile.support:
                    value *= MISSING_NAME_PENALTY
                if query.wants_figure and not profile.has_figure:
                    value *= NO_FIGURE_PENALTY
                if len(top) < limit:
                    heapq.heappush(top, (value, -i, best_at))
                elif value > top[0][0]:
                    heapq.heapreplace(top, (value, -i, best_at))

        found: dict[int, float] = {}
        for term in selective:
            weight = weights[term]
            for i in self.by_term[term]:
                found[i] = found.get(i, 0.0) + weight
        score({i: w + common_weight for i, w in found.items()})  # common terms might all be covered too
        reachable = _ceiling(common_weight / total)
        if common and reachable >= floor and (len(top) < limit or reachable >= top[0][0]):
            rest: dict[int, float] = {}
            for term in common:
                weight = weights[term]
                for i in self.by_term[term]:
                    if i not in found:  # already scored, or safely pruned against a lower floor
                        rest[i] = rest.get(i, 0.0) + weight
            score(rest)
        top.sort(reverse=True)  # best first; among equals, the entry that comes first in the files
        return [(value, self.profiles[-i].entry, at) for value, i, at in top if value >= floor]

    def rank_sentences(self, query: Query, *, sources: frozenset[str] | None = None,
                       limit: int = 20, floor: float = 0.0) -> list[tuple[float, Sentence]]:
        """The `limit` passage sentences that cover the most of the question (0..1).

        A sentence is read with the one before it when that covers more ("The route is the
        busiest. It carried 7.2 million passengers."); the pair is then what gets quoted.
        Pruned like `rank_entries`: a sentence's terms and its predecessor's bound its score;
        sentences that cannot reach `floor` are skipped.
        """
        total = query.weight
        if total <= 0:
            return []
        weights = query.terms
        bound: dict[int, float] = {}
        for term, weight in weights.items():
            for i in self.sentences_by_term.get(term, ()):
                bound[i] = bound.get(i, 0.0) + weight
        top: list[tuple[float, int, Sentence]] = []  # a min-heap of (score, -index, sentence)
        for i, ceiling in sorted(bound.items(), key=lambda kv: kv[1], reverse=True):
            if ceiling / total < floor or (len(top) >= limit and ceiling / total <= top[0][0]):
                break
            sentence = self.sentences[i]
            if sources is not None and sentence.passage.source not in sources:
                continue
            shared = sentence.terms.intersection(weights)
            if not shared:
                continue
            alone = sum(weights[t] for t in shared) / total
            with_before = sum(weights[t] for t in (shared | sentence.before_terms.intersection(weights))) / total
            if with_before > alone + PAIR_GAIN:
                item = (with_before, -i, Sentence(sentence.passage, f"{sentence.before} {sentence.text}",
                                                   sentence.terms | sentence.before_terms))
            else:
                item = (alone, -i, sentence)
            if len(top) < limit:
                heapq.heappush(top, item)
            elif item[0] > top[0][0]:
                heapq.heapreplace(top, item)
        top.sort(key=lambda r: (r[0], r[1]), reverse=True)
        return [(score, sentence) for score, _, sentence in top]


def _ceiling(coverage: float) -> float:
    """The highest score an entry covering this much of the question can reach.

    Its best phrasing's recall is at most its coverage and its precision at most 1, so the
    phrasing's F1 is at most 2c / (1 + c); penalties only lower a score.
    """
    return PHRASING_SHARE * 2 * coverage / (1 + coverage) + COVERAGE_SHARE * coverage
