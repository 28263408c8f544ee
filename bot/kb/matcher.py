"""The matching index: weighted terms for every entry and passage sentence, and typo repair.

rapidfuzz repairs misspelt words against the knowledge base's own vocabulary; after that,
questions and phrasings are compared as sets of weighted terms, so that rare words ("Levada",
"Aegis") decide a match and common ones ("Japan", "Russia") barely move it.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA

from . import asked, lexicon
from .asked import OCCASION, PLACE, TIME, satisfied
from .encoder import encoder
from .incremental import OneAtATime
from .models import Entry, KnowledgeBase, Passage
from .semantic import embedder
from .spelling import SPELLINGS, TYPO_COST, TYPO_EDITS, TYPO_MIN_LENGTH
from .text import (
    CHAT_SPELLINGS,
    COMMON_WORDS,
    LIGHT_WORDS,
    MONTHS,
    QUESTION_WORDS,
    STOPWORDS,
    WEEKDAYS,
    Vocabulary,
    fold,
    search_stems,
    sentences,
    stem,
    substantive,
    words,
)

# Question words say which fact is wanted ("when" a date, "who" a person), which helps to
# choose between entries on the same topic, but they must never outweigh a content word.
LIGHT_WEIGHT = 0.3
# A word the knowledge base has never seen is evidence that the question is about something
# else. A rare one ("photosynthesis") outweighs the rarest known word, so a matched pair of
# words cannot outvote it; a common one ("gonna", "waste") is weak evidence, scaled down by
# how common it is in general English (wordfreq's Zipf scale): full weight at RARE_ZIPF and
# below, none at COMMON_ZIPF and above. Chat filler ("gonna", "lol") is a stopword.
UNKNOWN_WEIGHT_FACTOR = 1.5
RARE_ZIPF = 3.0
COMMON_ZIPF = 6.0
# An unknown word close in meaning to a word of the text ("army" to "military", cosine 0.86)
# is a paraphrase, not another topic: its weight fades from full at KIN_ZERO to none at KIN_ONE.
# A real word this rare, one slip from a word of the text, is read as that word: "liv" (a name)
# in "how long do worker bees liv" is "live"; "meat" (4.6) in "where did abe meat putin" stays.
RARE_REAL_ZIPF = 3.5
# ... and a word one slip from another form of a word of the text (see `_repair_uncached`) is that
# form only when the form is this much commoner in English: "bees" (4.0) for "bess" (3.1).
FORM_SLIP_GAP = 0.5
KIN_ZERO = 0.40
KIN_ONE = 0.80
# A word of the text this close in meaning to one of the question's says it (`says_otherwise`):
# "began" for "start" (0.75); "end" is far from "begin" (0.24), "launch" from "start" (0.54).
KIN_SAID = 0.70
# A word the member capitalises inside a sentence ("the capital of Australia") is a name, and a
# name the text never uses is strong evidence of another topic even when the word is common
# English; nor is it a paraphrase of a word near it in meaning ("Australia" is not "country").
NAME_RARITY = 0.8
# The leading parts of a full name the text goes on to shorten ("Antonio" of "Antonio Meucci",
# who is "Meucci" after) keep this share of their weight: little, since every sentence on "Meucci"
# speaks of him, but enough that the sentence introducing him by his full name is where "who was
# Antonio Meucci" is answered.
GIVEN_NAME_SHARE = 0.15
# Common English words weigh at most this (about the weight of "Japan" in this text).
COMMON_WEIGHT = 1.0
# A real word that is also a slip away from a word of the text keeps this share of its weight.
SLIP_DOUBT = 0.3
# An entry that never mentions a name the question asks about (a country, person, place or
# body) is probably about something else: "invest in the United States" is not "invest in Yamal".
MISSING_NAME_PENALTY = 0.75
# And further, when the phrasing matched names something the question does not, as if in its
# place. Chosen on the development sets: one near miss more declined, nothing lost.
NAME_IN_ITS_PLACE_PENALTY = 0.8
# What the question asks for (asked.py): an entry whose answer supplies none of it answers a
# different question ("Has Russia increased its troops?" is not "How many troops?", "Where did
# they meet?" is not "When did they meet?").
NOT_ASKED_PENALTY = 0.6
# A question's word of at least this weight that an entry never speaks of is something else asked.
ASIDE_WEIGHT = 0.5
# An entry that shares a single word of substance with the question does not answer it when the
# question's words the text never uses weigh at least this share of that word (`Matcher.thin`).
THIN_SHARE = 0.5
# A name asked of a role is given beside the role's noun, with at most this many words of substance
# between them (`names_besides`); so is a count beside what it counts (`counts_beside`).
ROLE_GAP = 1
# The words after a figure that say whom it counts (`counts_others`): "78% of Russian respondents".
_COUNTED_GROUP = 3
_PER_HUNDRED = frozenset(("percent", "per", "cent", "%"))
# People are counted by "how many" ("how much china put in" asks a sum, of china).
_HOW_MANY_PEOPLE = re.compile(r"\bhow\s+many\b", re.I)
# Names in the opposite order ask the opposite thing: "what did Japan want from Russia" is not
# "what does Russia want from Japan", though the two share every word.
REVERSED_PENALTY = 0.7
# Words that ask the opposite of each other: "when did the fire end" is not "when did the fire
# begin", though word vectors put the two side by side. Each group's words are one side; every
# word of one side is the opposite of every word of the other.
_OPPOSITES = (
    ("begin began begun beginning start started starting outbreak", "end ended ending finish finished"),
    ("first earliest", "last latest final"),
    ("before", "after afterwards"),
    ("rise rose risen", "fall fell fallen"),
    ("win won winning victory", "lose lost losing defeat"),
    ("increase increased grow grew", "decrease decreased shrink shrank"),
    ("born birth", "die died death"),
    ("north northern", "south southern"),
    ("east eastern", "west western"),
    ("arrive arrived", "leave left depart departed"),
    ("buy bought", "sell sold"),
    ("import imports imported", "export exports exported"),
    ("support supported", "oppose opposed"),
    ("accept accepted", "reject rejected refuse refused"),
    ("succeed succeeded success", "fail failed failure"),
    ("strengthen strengthened", "weaken weakened"),
    ("maximum highest biggest largest", "minimum lowest smallest least"),
)
_DIRECTION = re.compile(r"\b(?:from|to|towards?|against|on|over|by|about|with)\b", re.I)
# A "why" is answered by a sentence that gives a reason; one that only restates the fact asked
# about answers another question. Its absence says less than a missing date or figure does (a
# text can give a reason without a connective), so it costs less. "Since" is a reason unless a
# time follows it ("since 2012", "since assuming office").
_REASON = re.compile(r"\b(?:because|since(?! (?:then|\d|\w+ing\b|the (?:end|start|beginning|early|late|mid|time)\b))|"
                     r"so that|so as to|in order to|due to|owing to|as a result|therefore|thus|hence|reasons?|"
                     r"caus(?:e|es|ed|ing)|led to|leads? to|"
                     r"result(?:s|ed)? (?:in|from)|explain(?:s|ed)?|aim(?:s|ed)?|purpose|"
                     r"to make (?:way|room) for|for the sake of|in the hope (?:of|that)|"
                     r"(?:intended|designed) to)\b", re.I)
NO_REASON_PENALTY = 0.8
# A word of the question's of at least this weight can say what a "when" or "where" asks about
# (`Matcher.misses_the_event`, `reading._speaks_of_the_event`).
EVENT_WEIGHT = 0.5
# ... unless MiniLM reads a phrasing of the entry's as the question from this close ("when did putin
# fly over to japan" is "When did Putin visit Japan?" at 0.91; "When did Abe resign?" reads 0.83
# beside "When did Abe take office?", "... step down ..." 0.81). Only phrasings of SENTENCE_WORDS
# or more are questions; shorter ones are keywords, which name a topic.
EVENT_MEANING_MIN = 0.85
SENTENCE_WORDS = 4
# The words an answer may add to a "why" and still only restate it ("Russia clearly has the upper hand").
RESTATED_BESIDES = 1
# Terms in more entries than this (at least SELECTIVE_MIN, else one in SELECTIVE_SHARE) are
# common: their postings are read only when the selective terms leave the ranking undecided.
SELECTIVE_MIN = 64
SELECTIVE_SHARE = 50
# A sentence is quoted with the one before it only if the pair covers this much more of the
# question: a real gain (a name the pronoun stands for), not one stray common word.
PAIR_GAIN = 0.15
# How much of the phrasing score and of the entry's coverage of the question make up its
# lexical score.
PHRASING_SHARE = 0.55
COVERAGE_SHARE = 0.45
# An entry's score fuses the lexical evidence with the semantic one: the cosine between the
# question's vector and its closest phrasing's, read as 0 at SEMANTIC_ZERO (sentences that
# merely share a register) and 1 at SEMANTIC_ONE (the same question in other words). The
# semantic part counts only for the share of the question the knowledge base has words for,
# so a question about something else ("... xi jinping") cannot ride on its familiar words.
LEXICAL_SHARE = 0.5
SEMANTIC_SHARE = 0.5
SEMANTIC_ZERO = 0.40
SEMANTIC_ONE = 0.90
# Candidates scored in full: the best of each signal (the rest cannot win).
LEXICAL_CANDIDATES = 6
SEMANTIC_CANDIDATES = 10

_WORD = re.compile(r"\w+")
# What "how many" or "how much" counts is a noun: "how many died", "how much did japan invest" and "how
# much of the island" name nothing counted.
_HOW_MANY = re.compile(r"\bhow (?:many|much) (?!(?:were|was|are|is|did|do|does|have|has|had|will|would|can|could|died|"
                       r"more|less|longer|further|bigger|higher|of|the|a|an|[a-z]+ed|[a-z]+er)\b)"
                       r"([a-z]+(?: [a-z]+){0,2})", re.I)


def _counted_word(question: str) -> str | None:
    """The noun a "how many" counts, as typed: the last word of the phrase after it ("how many
    huge explosions were there" -> "explosions"), which ends at a word that joins or acts; or the
    count a "what was the population" asks for."""
    found = _HOW_MANY.search(question)
    if found is None:
        counted = asked.COUNT_NOUN.search(question)  # "what was the population of batavia"
        return counted.group(1).lower() if counted else None
    said = found.group(1).lower().split()
    head = said[0]
    for word in said[1:]:
        if _plural(head):  # "how many russians reckon ...": what is counted ends at the plural
            break
        if word in STOPWORDS or word in COMMON_WORDS or word.endswith(("ed", "ing")) or word in asked.JOINING:
            break
        head = word
    return head


def _plural(word: str) -> bool:
    """Whether a word reads as a plural noun: "russians", "troops", "men", "people"."""
    return (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3) or word in _PLURALS


_PLURALS = frozenset("men women people children mice geese feet teeth police cattle".split())
# The words that count people as people, of no kind in particular.
_PEOPLE = frozenset(stem(w) for w in "people person persons individuals".split())


# A capitalised word (or run of them) that does not open its sentence; the particles of a name
# ("Ferdinand de Lesseps", "Ludwig van Beethoven") belong to it when another capitalised word follows.
_NAME = re.compile(r"(?<=[\w,;:)’'] )(?:[A-Z][\w’'-]*)"
                   r"(?: (?:[A-Z][\w’'-]*|of|the|(?:de|del|della|der|di|du|da|van|von|bin|ibn)(?= [A-Z])))*")




@dataclass(frozen=True, slots=True)
class Query:
    """A question as the matcher sees it: terms with their weights."""

    terms: dict[str, float]
    unknown: tuple[str, ...]  # the member's own words that the knowledge base never uses
    asks: frozenset[str] = frozenset()  # what it asks for: asked.FIGURE, TIME, DATE, MONEY, MEASURE, NAME, EXTENT
    text: str = ""
    unknown_terms: frozenset[str] = frozenset()
    # Names the question uses that this text never does but another text served beside it does:
    # "when did Putin visit Boston" beside an essay on Boston is not about this text's visit.
    elsewhere: frozenset[str] = frozenset()
    # Names the question writes (capitalised inside it) that no text served uses: "the Sakhalin
    # project" beside a text that never speaks of Sakhalin.
    unknown_names: frozenset[str] = frozenset()
    # Summed once: every text's bound and every candidate's score asks for them. `terms` is
    # never changed after a query is made (a follow-up's context makes a new one).
    weight: float = field(init=False, compare=False, repr=False)
    known: float = field(init=False, compare=False, repr=False)  # the share of weight on words the text uses

    def __post_init__(self) -> None:
        total = sum(self.terms.values())
        object.__setattr__(self, "weight", total)
        known = sum(w for t, w in self.terms.items() if t not in self.unknown_terms) / total if total > 0 else 0.0
        object.__setattr__(self, "known", known)


@dataclass(frozen=True, slots=True)
class _Profile:
    entry: Entry
    phrasings: tuple[tuple[str, ...], ...]  # each phrasing's distinct terms
    phrasing_weights: tuple[float, ...]  # each phrasing's total term weight, computed once
    support: frozenset[str]
    # What its answer states (asked.FIGURE, TIME, DATE, MONEY, MEASURE, NAME ...): None until a
    # question first asks (`Matcher.supplied`), since reading it for every answer of a large
    # knowledge base would keep a cold start from serving.
    supplies: frozenset[str] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a passage, as the matcher sees it."""

    passage: Passage
    text: str
    terms: frozenset[str]
    before: str = ""  # the sentence before it in the same passage ("It carried ..." needs it)
    before_terms: frozenset[str] = frozenset()


class Matcher(OneAtATime):
    """Scores entries and passage sentences against a question."""

    def __init__(self, kb: KnowledgeBase, *, vectors: np.ndarray | None = None) -> None:
        """`vectors`: the live entries' phrasings' vectors, in order, when embedded already."""
        self.vocab = Vocabulary.shared(kb.synonyms)
        terms = self.vocab.known_terms
        # Every entry speaks for its text's author: "what does madison say ..." needs no tag.
        self.authors = {s.id: frozenset(terms(s.author)) for s in kb.sources.values()}
        # Every sentence of a text speaks of what its title names: "boston molasses flood number
        # injured" is the sentence on the injured, wherever the title's words are said.
        self.titles = {s.id: _title_names(s.title, terms) for s in kb.sources.values()}
        entry_terms = [(entry, *self._entry_terms(entry)) for entry in kb.live_entries]
        self.sentences: list[Sentence] = []
        self.passage_terms: dict[tuple[str, int], frozenset[str]] = {}
        for source in kb.sources.values():
            # Passage 0, the text's details, answers "who wrote it" one line at a time.
            for passage in (source.about, *source.passages):
                before, before_terms = "", frozenset()
                for text in passage.text.split("\n") if passage.number == 0 else sentences(passage.text):
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
        self.documents = n
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self.unknown_weight = UNKNOWN_WEIGHT_FACTOR * math.log(1 + n)

        # Everyday English words weigh little however rare they are here ("help" in one phrasing):
        # the hand-kept list, and every word of the knowledge base at least EVERYDAY_ZIPF common.
        said: set[str] = set()
        for e in kb.live_entries:
            for text in (*e.questions, e.answer):
                said.update(words(text))
        self.common = frozenset(stem(w) for w in COMMON_WORDS) | {
            stem(w) for w in said if lexicon.zipf(w) >= lexicon.EVERYDAY_ZIPF}
        self.sentences_by_term: dict[str, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            for term in sentence.terms | sentence.before_terms:
                self.sentences_by_term.setdefault(term, []).append(i)
        # What the bounds ask, before any sentence or entry is scored (a text read back from the
        # cache has these long before it builds its sentences and entries, if it ever needs to).
        self.has_sentences = bool(self.sentences)
        self.sentence_terms: Collection[str] = self.sentences_by_term.keys()

        # A draft is no one's words yet: its template words ("lifespan", "description") are not the text's.
        written = [p.text for s in kb.sources.values() for p in s.passages]
        written += [s.title for s in kb.sources.values()] + [s.author for s in kb.sources.values()]
        own = set(said)  # the words the text and its entries use themselves
        for text in written:
            own.update(words(text))
        texts = [q for e in kb.live_entries for q in e.questions] + [e.answer for e in kb.live_entries] + written
        # A synonym group the text uses (one of its names is in the text) speaks of the text: its
        # other names are the text's words too. The rest only fold spellings together.
        used = [group for group in kb.synonyms if any(own.issuperset(words(name)) for name in group)]
        known = own.union(*(words(name) for group in kb.synonyms for name in group))
        own = own.union(*(words(name) for group in used for name in group))
        self.known_words = frozenset(known)
        self.own_words = frozenset(own)  # what a decline may not call a word the text never uses
        self.surface = sorted(w for w in known if len(w) >= TYPO_MIN_LENGTH and not w.isdigit())
        SPELLINGS.add(self.surface)
        self.known_stems = set(df) | {stem(w) for w in known}
        texts += [name for group in kb.synonyms for name in group]
        self.names = frozenset(self._names(texts))
        weight = lru_cache(maxsize=None)(self.weight)  # the same terms recur in phrasing after phrasing
        self.profiles = [self._profile(entry, phrasings, support, weight=weight)
                         for entry, phrasings, support in entry_terms]
        self.index_of = {p.entry.id: i for i, p in enumerate(self.profiles)}
        self.retired: set[int] = set()  # entries taken out one at a time (see remove_entry)
        # Terms, words and stems first seen in entries added one at a time, with how many entries use them.
        self.added_df: dict[str, int] = {}
        self.added_words: dict[str, int] = {}
        self.added_stems: dict[str, int] = {}
        self.by_term: dict[str, list[int]] = {}
        for i, profile in enumerate(self.profiles):
            for term in profile.support:
                self.by_term.setdefault(term, []).append(i)
        self.entry_terms: Collection[str] = self.by_term.keys()  # live: entries added later change it
        self.selective_df = max(SELECTIVE_MIN, len(self.profiles) // SELECTIVE_SHARE)
        self._repair = lru_cache(maxsize=8192)(self._repair_uncached)
        # Every phrasing's vector, grouped by entry; `starts` marks where each entry's begin.
        self.vectors = embedder().embed(live_phrasings(kb)) if vectors is None else vectors
        # Kinship is measured against the text's ordinary words only: a name's nearest words are
        # other names ("australia" to "london"), and another name is another topic. Nor does a
        # synonym group the text never uses make its words the text's own: with the synonyms
        # shared by every text, "abe" is not a word of a text on cholera.
        self.vocabulary = self.kinship_words(own, self.names)
        self.word_rows = embedder().words.rows(self.vocabulary)
        self._kinship = lru_cache(maxsize=8192)(self._kinship_uncached)
        self._names_in = lru_cache(maxsize=8192)(self._names_in_uncached)
        self.starts = np.cumsum([0] + [len(p.entry.questions) for p in self.profiles[:-1]])

    @classmethod
    def for_texts(cls, views: dict[str, KnowledgeBase]) -> dict[str, Matcher]:
        """A matcher for each text's view, by id. Every text's phrasings are embedded at once (the
        texts share most of their words, each split once), in a thread of its own while the
        matchers are built: the tokenizer and numpy let go of the GIL, so at 10,000 entries most
        of the embedding is done on the other core."""
        phrasings = {sid: live_phrasings(view) for sid, view in views.items()}
        model = embedder()  # loaded before the thread starts: both threads use this one
        pending = np.zeros((0, model.dimensions), dtype=np.float32)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="citebot-embed") as pool:
            embedding = pool.submit(model.embed, [q for part in phrasings.values() for q in part])
            matchers = {sid: cls(view, vectors=pending) for sid, view in views.items()}
            vectors = embedding.result()
        at = 0
        for sid, matcher in matchers.items():
            matcher.vectors = vectors[at : at + len(phrasings[sid])]
            at += len(phrasings[sid])
        return matchers

    @property
    def sentence_vectors(self) -> np.ndarray:
        """Every sentence's vector, embedded the first time the text's sentences are read for their
        meaning: with many texts served, most never are (see `sentence_bound`)."""
        vectors = self.__dict__.get("_sentence_vectors")
        if vectors is None:
            vectors = self._sentence_vectors = embedder().embed([s.text for s in self.sentences])
        return vectors

    @staticmethod
    def kinship_words(known: Iterable[str], names: Collection[str]) -> list[str]:
        """The words kinship is measured against: the text's ordinary words, never its names."""
        return sorted(w for w in known if w.isalpha() and len(w) > 2 and stem(w) not in names)

    def _entry_terms(self, entry: Entry) -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
        """An entry's phrasings as their distinct terms, and every term it speaks for (phrasings,
        answer, tags, author). A phrasing has a handful of terms: a tuple holds them in a fifth of
        a set's memory, and looks one up as fast."""
        terms = self.vocab.known_terms
        phrasings = tuple(tuple(dict.fromkeys(terms(q))) for q in entry.questions)
        support = frozenset().union(*phrasings, terms(entry.answer), *(terms(t) for t in entry.tags),
                                    self.authors.get(entry.source, ()))
        return phrasings, support

    def _profile(self, entry: Entry, phrasings: tuple[tuple[str, ...], ...], support: frozenset[str], *,
                 weight: Callable[[str], float] | None = None) -> _Profile:
        """`weight`: `self.weight`, or the same remembered while every entry is profiled at once."""
        weight = weight or self.weight
        weights = tuple(math.fsum(weight(t) for t in p) or 1.0 for p in phrasings)
        return _Profile(entry, phrasings, weights, support)

    def supplied(self, profile: _Profile) -> frozenset[str]:
        """What an entry's answer states, read the first time it is asked for and kept."""
        supplied = profile.supplies
        if supplied is None:
            answer = profile.entry.answer
            supplied = asked.supplies(answer)
            # A name inside quotation marks is a title or the text's words, not who or what is named:
            # "It is titled 'The Mould That Changed Medicine: How Penicillin Was Found'" names no one.
            if any(t in self.names and not t.isdigit() for t in self.vocab.known_terms(_QUOTED.sub(" ", answer))):
                supplied |= {asked.NAME}
            object.__setattr__(profile, "supplies", supplied)  # the same whichever thread reads it first
        return supplied

    def _names(self, texts: list[str]) -> set[str]:
        """Terms written with a capital inside a sentence: countries, people, places, bodies."""
        # One search of all the texts at once: a line break stops a name as a sentence's end does,
        # and a sentence's first word, after ". ", is never taken for one.
        found = set(_NAME.findall("\n".join(texts)))
        names: set[str] = set()
        for name in found:
            names.update(self.vocab.known_terms(name))  # remembered: every text's synonyms name the same
        return names - LIGHT_WORDS

    def says_otherwise(self, query: Query, term: str, text: str) -> bool:
        """Whether a text says a term of the question in a word of its own that means the same
        (KIN_SAID): "when did the fire start" of "The fire began in the early hours of Sunday"."""
        asked = [w for w in words(query.text) if term in self.vocab.terms(w)]
        said = [w for w in dict.fromkeys(words(text)) if w not in STOPWORDS and term not in self.vocab.terms(w)]
        if not asked or not said:
            return False
        table = embedder().words
        rows = table.rows(said)
        return any(table.kinship(word, rows) >= KIN_SAID for word in asked)

    def _kinship_uncached(self, word: str) -> float:
        """How close in meaning a word is to the nearest word of the knowledge base (cosine)."""
        return embedder().words.kinship(word, self.word_rows)

    def weight(self, term: str) -> float:
        if term in LIGHT_WORDS:
            return LIGHT_WEIGHT
        if term in self.common:
            return min(COMMON_WEIGHT, self.idf.get(term, COMMON_WEIGHT))
        return self.idf.get(term, self.unknown_weight)

    # -- questions -------------------------------------------------------------------------

    def query(self, question: str, *, keep: frozenset[str] = frozenset()) -> Query:
        """The question as this text reads it. A word in `keep` (a word of another text served
        beside this one) is never repaired into one of this text's: "mainz" is no typo of "main".
        `keep`, when given, is every text's words, this one's among them: the question's words
        are looked up in it once for all the texts (see `_slips_among`)."""
        stems: list[str] = []
        factors: list[float] = []
        surface: list[str] = []
        repairs: dict[str, str] = {}
        tokens, capitalised, spelt = _read(question)
        for word, token, always_known in tokens:
            known = always_known or token in self.known_stems
            repaired = None if known or word in keep else self._repair(word)
            if repaired is None and not known and word not in keep and word not in capitalised:
                # Not a slip from a word of the text: perhaps one from an everyday word ("kno").
                if (everyday := _everyday_slip(word)) is not None:
                    if everyday in STOPWORDS:
                        repairs[word] = everyday
                        continue
                    repaired = (everyday,), 1.0 - TYPO_COST
            if repaired is None or _common_real_word(word):
                stems.append(token)
                # A real word one slip from a word of the text ("meat" for "meet") is kept as
                # typed, but says little: it may be that slip.
                factors.append(1.0 if repaired is None else SLIP_DOUBT)
                surface.append(word)
                continue
            repairs[word] = " ".join(repaired[0])
            for part in repaired[0]:
                stems.append(stem(part))
                factors.append(repaired[1])
                surface.append(part)
        for at, word in enumerate(surface):
            # A word kept as typed that the text never uses, one slip from a word that makes a phrase of
            # the text with its neighbours, is that word: "the russian far eats" is the Far East, and
            # "jon snow" John Snow where the text says "John Snow".
            if stems[at] in self.known_stems or len(word) < TYPO_MIN_LENGTH - 1 or not word.isalpha() \
                    or word in STOPWORDS:
                continue
            # Among the words of every text served (`keep`, which holds this one's), few are a slip away.
            fits = {w for w in (_slips_among(word, keep) if keep else lexicon.slips(word)) & self.known_words
                    if self.vocab.completes_phrase(stems, at, stem(w)) or self._said_beside(w, surface, at)}
            if len(fits) == 1:
                meant = fits.pop()
                stems[at], factors[at], surface[at], repairs[word] = stem(meant), 1.0 - TYPO_COST, meant, meant
        terms: dict[str, float] = {}
        unknown: list[str] = []
        unknown_terms: set[str] = set()
        elsewhere: set[str] = set()
        unknown_names: set[str] = set()
        for term, start, size in _folded(self.vocab, tuple(stems)):
            weight = self.weight(term)
            if term not in self.idf and term not in LIGHT_WORDS and not term.isdigit():
                said = " ".join(surface[start : start + size])
                if not all(w in self.own_words or w in self.added_words for w in said.split()):
                    unknown.append(said)  # "prime" alone is no term here ("prime minister" is), but the text says it
                unknown_terms.add(term)
                if said in capitalised:  # a name the text never uses: another topic, however common
                    weight = self.unknown_weight * max(NAME_RARITY, _rarity(lexicon.zipf(said)))
                    if keep and all(w in keep for w in said.split()):
                        elsewhere.add(term)
                    else:
                        unknown_names.add(term)
                else:
                    rarest = min(lexicon.zipf(w) for w in said.split())
                    weight = self.unknown_weight * _rarity(rarest)
                    weight *= 1.0 - _between(self._kinship(said), KIN_ZERO, KIN_ONE)
                    if keep and rarest < RARE_ZIPF and all(w in keep for w in said.split()):
                        # Typed in lower case, a rare word of another text served beside this one is
                        # as much that text's as its capitalised name: "that ship the berouw".
                        elsewhere.add(term)
            weight *= min(factors[start : start + size])
            terms[term] = max(terms.get(term, 0.0), weight)
        for term in _asked_by_form(spelt):
            # "how long", "how tall", "what year": what is asked (a span, a measure, a time), which the
            # answer gives as a figure ("about twelve days", "in 1919"), not in the word itself.
            if term in terms:
                terms[term] = min(terms[term], LIGHT_WEIGHT)
        for term in self._said_by_surname(terms):
            terms[term] *= GIVEN_NAME_SHARE
        unknown.sort(key=lambda w: lexicon.zipf(w))  # the rarest, most telling words first
        if unknown:  # said back as the member typed them: "när", not the "near" it was read as, nor "motet"
            typed = {fold(m.group()): m.group() for m in reversed(list(_WORD.finditer(question)))}
            meant_by = {meant: word for word, meant in repairs.items()}
            unknown = [" ".join(typed.get(meant_by.get(w, w), meant_by.get(w, w)) for w in said.split())
                       for said in unknown]
        # The semantic signal, and what is asked, read the question as meant: "wher was the wier"
        # is "where was the weir".
        question = _WORD.sub(lambda m: repairs.get(fold(m.group()), m.group()), spelt) if repairs else spelt
        return Query(terms, tuple(unknown), asked.asks(question), question, frozenset(unknown_terms),
                     frozenset(elsewhere), frozenset(unknown_names))

    def _said_by_surname(self, terms: dict[str, float]) -> list[str]:
        """The leading parts of a full name the question gives ("antonio" of "Antonio Meucci") where
        the text calls that one, and no one else, by the last part alone ("Meucci died on ..."): the
        sentences that say "Meucci" speak of Antonio Meucci, and his first name says no more."""
        surnames = self.__dict__.get("_surnames")
        if surnames is None:
            surnames = self._surnames = self._full_names()
        return [t for last, leading in surnames.items() if last in terms for t in leading if t in terms]

    def _full_names(self) -> dict[str, tuple[str, ...]]:
        """Each name the text says alone ("Meucci died ..."), that ends exactly one of its
        longer names ("Antonio Meucci"), with that name's leading parts: names only, never a word
        the text also writes in lower case ("the Antarctic Treaty", "the treaty"), and leading
        parts the text never says alone ("Russian President Vladimir Putin": "Russia" is a name
        of its own)."""
        alone: set[str] = set()
        lower: set[str] = set()
        ending: dict[str, set[tuple[str, ...]]] = {}
        for sentence in self.sentences:
            if sentence.passage.number == 0:
                continue
            lower.update(self.vocab.terms(" ".join(_LOWER_WORD.findall(sentence.text))))
            for run in _CAPITALISED_RUN.finditer(sentence.text):
                said = tuple(self.vocab.terms(run.group()))
                if len(said) == 1:
                    alone.add(said[0])
                elif 1 < len(said) <= 4 and said[-1] in self.names and all(t.isalpha() for t in said):
                    ending.setdefault(said[-1], set()).add(said[:-1])
        found = {last: next(iter(names)) for last, names in ending.items() if len(names) == 1}
        return {last: leading for last, leading in found.items()
                if last in alone and last not in lower and not set(leading) & (lower | alone)}

    def _said_beside(self, word: str, typed: list[str], at: int) -> bool:
        """Whether a sentence of the text has `word` right beside the question's word before or after
        the one at `at`, as the question has it (in any form: "worker bees" for "worker bee")."""
        def substantial(neighbour: str) -> bool:  # everyday words stand beside anything: "many horses", "many houses"
            return neighbour.isalpha() and neighbour not in QUESTION_WORDS and stem(neighbour) not in self.common

        pairs = [(typed[at - 1], word)] if at > 0 and substantial(typed[at - 1]) else []
        pairs += [(word, typed[at + 1])] if at + 1 < len(typed) and substantial(typed[at + 1]) else []
        if not pairs or stem(word) not in self.sentence_terms:
            return False
        beside = re.compile("|".join(rf"\b{a}\w{{0,3}}\W+{b}\w{{0,3}}\b" for a, b in pairs))
        return any(beside.search(fold(self.sentences[i].text)) for i in self.sentences_by_term.get(stem(word), ()))

    def _has_surface(self, word: str) -> bool:
        """Whether the text uses this very word (of typo repair's length)."""
        at = bisect.bisect_left(self.surface, word)
        return at < len(self.surface) and self.surface[at] == word

    def _repair_uncached(self, word: str) -> tuple[tuple[str, ...], float] | None:
        """The known word(s) a misspelling stands for, and how much weight they keep."""
        if len(word) < TYPO_MIN_LENGTH:
            # Too short for an edit of any kind ("liv" is one from a dozen words), but two letters
            # swapped, the commonest slip, leave few candidates: "lgn" is "lng", "efe" "eef".
            if len(word) != TYPO_MIN_LENGTH - 1 or not word.isalpha() or lexicon.is_real_word(word):
                return None
            swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
            found = sorted(w for w in swapped - {word} if w in self.known_words)
            return ((found[0],), 1.0 - TYPO_COST) if len(found) == 1 else None
        edits = max(e for length, e in TYPO_EDITS if len(word) >= length)
        found: list[tuple[int, str]] = []
        for distance, candidate in SPELLINGS.near(word, edits):  # closest first, then alphabetical
            if found and distance > found[0][0]:
                break
            if self._has_surface(candidate):
                found.append((distance, candidate))
        if found:
            # Of words as near, the one the text uses most: "gest" is "guest" ("a guest of honour"),
            # not "gist", which only a synonym group lists; a small word most of all ("wich": which).
            distance, candidate = min(found, key=lambda f: (f[1] not in STOPWORDS and f[1] not in QUESTION_WORDS,
                                                            self.idf.get(stem(f[1]), math.inf)))
            return (candidate,), 1.0 - TYPO_COST * distance
        # A slip from another form of a word of the text: "bess" is "bees" where the text says
        # "bee" and "honeybees" but never "bees". Only an English word far commoner than the one
        # typed, so a rare real word may be the slip but a common one (or a form of one) never is.
        own_zipf = max(lexicon.zipf(word), lexicon.zipf(stem(word)))  # "booms" is as real as "boom"
        forms = [c for c in lexicon.slips(word) if stem(c) in self.known_stems and c not in STOPWORDS
                 and lexicon.zipf(c) >= own_zipf + FORM_SLIP_GAP] if own_zipf < RARE_REAL_ZIPF else []
        if forms:
            candidate = min(forms, key=lambda c: (self.idf.get(stem(c), math.inf), -lexicon.zipf(c), c))
            return (candidate,), 1.0 - TYPO_COST
        # A slip in a word whose ending differs too: "anounce" of "announced", "shipwrite" of
        # "shipwright" are one and two slips from it once both are stemmed ("announc", "shipwright").
        # Only a word that is no English word: a real one is never made into another.
        own = stem(word)
        for distance, candidate in () if lexicon.is_real_word(word) else SPELLINGS.near(word, edits + 1):
            if distance <= edits or not self._has_surface(candidate):
                continue
            if len(stem(candidate)) >= TYPO_MIN_LENGTH + 1 and OSA.distance(own, stem(candidate)) <= edits:
                return (candidate,), 1.0 - TYPO_COST * distance
        for cut in range(3, len(word) - 2):  # words run together: "upperhand"
            head, tail = word[:cut], word[cut:]
            if head in self.known_words and tail in self.known_words:
                return (head, tail), 1.0 - TYPO_COST
        return None

    # -- scoring ---------------------------------------------------------------------------

    def _lexical(self, query: Query, own: dict[str, float], *, sources: frozenset[str] | None = None,
                 limit: int = 10, skip: set[int] | frozenset[int] = frozenset()) -> list[tuple[float, int, int]]:
        """The `limit` best entries sharing a term with the question: (score 0..1, entry index, phrasing index).

        Exact but pruned (max-score): candidates come first from the question's selective terms,
        and are scored fully in order of an upper bound on their score, until the bound falls
        below the `limit`-th best found. An entry sharing only common terms cannot score above
        `_ceiling` of their weight, so their long posting lists are read only when that could
        still matter. `own` is the knowledge base's weight of each of the question's terms.
        """
        total = query.weight
        if total <= 0:
            return []
        weights = query.terms
        selective = [t for t in weights if 0 < len(self.by_term.get(t, ())) <= self.selective_df]
        common = [t for t in weights if len(self.by_term.get(t, ())) > self.selective_df]
        common_weight = sum(weights[t] for t in common)
        top: list[tuple[float, int, int]] = []  # a min-heap of (score, -entry index, phrasing index)

        def score(bounds: dict[int, float]) -> None:
            for i, bound in sorted(bounds.items(), key=lambda kv: kv[1], reverse=True):
                if len(top) >= limit and _ceiling(bound / total) < top[0][0]:
                    return
                if (sources is not None and self.profiles[i].entry.source not in sources) or i in skip:
                    continue
                if len(top) >= limit and self._profile_ceiling(i, weights, own, total) < top[0][0]:
                    continue  # its phrasings weigh too much for the few words it shares to match one closely
                value, best_at = self._profile_score(i, weights, own, total)
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
        if common and (len(top) < limit or reachable >= top[0][0]):
            rest: dict[int, float] = {}
            for term in common:
                weight = weights[term]
                for i in self.by_term[term]:
                    if i not in found:  # already scored, or safely pruned
                        rest[i] = rest.get(i, 0.0) + weight
            score(rest)
        return [(value, -i, at) for value, i, at in top]

    def rank_entries(self, query: Query, *, sources: frozenset[str] | None = None,
                     limit: int = 10, floor: float = 0.0,
                     exclude: frozenset[int] | set[int] = frozenset()) -> list[tuple[float, Entry, int]]:
        """The `limit` best entries for the question: (score 0..1, entry, phrasing index), best first.

        `exclude` names entries (by index) not to consider: those a server replaced or retired.

        Lexical and semantic evidence are fused for the best candidates of each; an entry that
        lacks a name the question asks about, or a figure it asks for, is marked down.
        """
        if query.weight <= 0:
            return []
        similarity = self.semantic(query)
        if floor > 0 and self._bound(query, similarity) < floor:
            return []  # no entry here can reach the floor: one of many texts, and not this one
        own = {t: self.weight(t) for t in query.terms}  # the knowledge base's weight of each term
        skip = self.retired | exclude if exclude else self.retired
        lexical = {i: (value, at) for value, i, at in
                   self._lexical(query, own, sources=sources, limit=LEXICAL_CANDIDATES, skip=skip)}
        by_entry = np.maximum.reduceat(similarity, self.starts) if len(similarity) else similarity
        candidates = set(lexical)
        if skip and len(by_entry):  # entries out of service never take a candidate's place
            by_entry = by_entry.copy()
            by_entry[list(skip)] = -1.0
        if len(by_entry):
            wanted = min(SEMANTIC_CANDIDATES, len(by_entry))
            candidates.update(int(i) for i in np.argpartition(-by_entry, wanted - 1)[:wanted])
        asked_of = self._asked_of(query)
        known = query.known
        ranked: list[tuple[float, int, int]] = []
        for i in candidates:
            profile = self.profiles[i]
            if (sources is not None and profile.entry.source not in sources) or i in skip:
                continue
            meaning = _between(float(by_entry[i]), SEMANTIC_ZERO, SEMANTIC_ONE)
            if i not in lexical and floor > 0:  # a candidate by meaning alone: can its words lift it to the floor?
                ceiling = self._profile_ceiling(i, query.terms, own, query.weight)
                if max(ceiling, LEXICAL_SHARE * ceiling + SEMANTIC_SHARE * meaning * known) < floor:
                    continue
            value, at = lexical.get(i) or self._profile_score(i, query.terms, own, query.weight)
            # Meaning can lift a lexical match, never sink one: typos and terse keywords embed badly.
            fused = max(value, LEXICAL_SHARE * value + SEMANTIC_SHARE * meaning * known)
            if value <= 0:  # no shared word: the phrasing closest in meaning is the one matched
                start = int(self.starts[i])
                at = int(similarity[start : start + len(profile.phrasings)].argmax())
            if fused < floor:
                continue  # marking down only lowers a score
            fused *= self._mark_down(query, profile, at, *asked_of)
            if fused >= floor:
                ranked.append((fused, i, at))
        ranked.sort(key=lambda r: (-r[0], r[1]))  # among equals, the entry that comes first in the files
        return [(value, self.profiles[i].entry, at) for value, i, at in ranked[:limit]]

    def _asked_of(self, query: Query) -> tuple[set[str], str | None, str | None, list[str]]:
        """What every entry is checked against, worked out once per question (see `_mark_down`):
        its names and numbers, what "how many" counts, its kind, and its names where their order
        gives a direction ("from Russia", "towards Japan")."""
        missing_names = {t for t in query.terms if t in self.names or t.isdigit()}
        asked_names = [t for t in query.terms if t in self.names] if _DIRECTION.search(query.text) else []
        if len(asked_names) < 2:  # one name gives no direction, unless it is the subject
            asked_names = [subject] if (subject := self._subject(query.text)) else []  # "what does japan want"
        return missing_names, self._counted(query), question_kind(query.text), asked_names

    def _mark_down(self, query: Query, profile: _Profile, at: int, missing_names: set[str], counted: str | None,
                   kind: str | None, asked_names: list[str]) -> float:
        """What an entry's score is multiplied by (1.0: nothing) for what it lacks of the question,
        matched on its phrasing `at`; the rest are the question's own (`_asked_of`)."""
        factor = 1.0
        if query.elsewhere:  # a name only another text uses: no entry here has it
            factor *= MISSING_NAME_PENALTY
        if not missing_names <= profile.support:
            factor *= MISSING_NAME_PENALTY
            if any(t not in query.terms and not t.isdigit() for t in self._names_in(profile.entry.questions[at])):
                # ... and the phrasing says another name in its place: "who conducted the russian poll"
                # matched on "Who conducted the Japanese opinion poll?" asks of another poll.
                factor *= NAME_IN_ITS_PLACE_PENALTY
        elif counted and counted not in profile.support:
            # What "how many" counts is as telling as a name: "how many troops are on the
            # islands" is not answered by how many islets there are.
            factor *= MISSING_NAME_PENALTY
        if not satisfied(query.asks, self.supplied(profile)) and not _as_phrased(query, profile, at):
            # Asked as its curators phrased it, what it answers is what is asked: "Who uses the
            # towpath today?" is answered by "Walkers and cyclists", though that names no one.
            factor *= NOT_ASKED_PENALTY
        if kind and kind not in (kinds := _kinds(profile.entry.questions)) and kinds - {None}:
            factor *= NOT_ASKED_PENALTY  # "why ..." is not answered by an entry on where, when or who
        elif kind and (said := question_kind(profile.entry.questions[at])) and said != kind \
                and not (kind == "who" and query.asks and satisfied(query.asks, self.supplied(profile))):
            # Nor by one that has a "why" phrasing but matches on another: "why did Japan invest
            # in Yamal" is closest to "how much did Japan invest in Yamal", not to its entry's why.
            # (A "who" the answer names, asked of an entry that has a "who" phrasing, is asked of it:
            # "who seized the islands" of "Russia seized the islands ...", matched on "When were
            # the islands seized by Russia?".)
            factor *= NOT_ASKED_PENALTY
        elif kind is None and _WHAT_DID.match(query.text) and question_kind(
                profile.entry.questions[at]) in ("where", "when"):
            # "What did Abe get out of the meeting" asks for a thing done or got, not for the
            # place or the date that "where did Abe meet Putin" gives.
            factor *= NOT_ASKED_PENALTY
        elif kind is None and _WHAT_IS.match(query.text) and _one_thing_of_it(profile.entry.questions):
            # "What is quantitative easing?" asks what it is, not which bank tried it first: an entry
            # asked only who, which, when, where or how many answers another question about the same thing.
            factor *= NOT_ASKED_PENALTY
        if _about_what_happened(query.text) and _about_a_wish(profile.entry.questions[at]):
            # "When was the peace treaty signed?" asks when it happened, not by when someone wanted
            # it done ("By what date would the Kremlin sign a peace deal?").
            factor *= NOT_ASKED_PENALTY
        if len(asked_names) > 1 and _reversed(asked_names, self._names_in(profile.entry.questions[at])):
            factor *= REVERSED_PENALTY
        elif len(asked_names) == 1 and (said := self.subject_names(profile.entry.questions[at])) \
                and asked_names[0] not in said and asked_names[0] in self._names_in(profile.entry.questions[at]):
            # "What does Moscow really want from Tokyo?" is not what Tokyo wants. (But "the canal"
            # is the subject of "When did the Bridgewater Canal open?".)
            factor *= REVERSED_PENALTY
        if self._asks_else_of(query, profile, at) or self._places_in_it(query, profile, at):
            factor *= NOT_ASKED_PENALTY
        if _asks_the_opposite(query.terms, profile.phrasings[at]):
            factor *= REVERSED_PENALTY
        return factor

    def _asks_else_of(self, query: Query, profile: _Profile, at: int) -> bool:
        """Matched on "Who is X?" alone, whether the question asks something else of X: a word of
        weight that neither the phrasing nor the answer says ("is kaczmarski russian", "what
        university is marcin kaczmarski from", "who took over from abe")."""
        phrasing = profile.phrasings[at]
        if not _WHO_IS.match(profile.entry.questions[at]) or not all(
                t in self.names or t in LIGHT_WORDS for t in phrasing):
            return False
        said = self.vocab.known_terms(profile.entry.answer)
        return any(w >= ASIDE_WEIGHT and t not in phrasing and t not in said for t, w in query.terms.items())

    def _places_in_it(self, query: Query, profile: _Profile, at: int) -> bool:
        """Whether "where is X?" meets an entry whose answer, or the phrasing it is matched on,
        places something in X (`places_in_it`)."""
        return any(self.places_in_it(query, said) for said in (profile.entry.answer, profile.entry.questions[at]))

    def places_in_it(self, query: Query, said: str) -> bool:
        """Whether "where is X?" (X a name of the text) meets words that place something in X: "The
        Eastern Economic Forum is held in Vladivostok" does not say where Vladivostok is, nor does
        "What surprise offer did the Russian president make in Vladivostok?"."""
        asked = _WHERE_IS.match(query.text)
        if asked is None:
            return False
        place = self.vocab.terms(asked.group("place"))
        if not place or len(place) > 3 or not all(t in self.names for t in place):
            return False
        return any(self.vocab.terms(found.group(1))[: len(place)] == place for found in _PLACED_IN.finditer(said))

    def plainly_fits(self, query: Query, entry_id: str, at: int) -> bool:
        """Whether the entry, matched on its phrasing `at`, lacks nothing `rank_entries` marks down:
        a name or number, what "how many" counts, what is asked, the direction between names."""
        i = self.index_of.get(entry_id)
        if i is None or i in self.retired:
            return False
        return self._mark_down(query, self.profiles[i], at, *self._asked_of(query)) == 1.0

    def _counted(self, query: Query) -> str | None:
        """The term a "how many" question counts ("how many troops ..." -> "troop")."""
        found = _counted_word(query.text)
        if not found:
            return None
        terms = self.vocab.terms(found)
        return terms[0] if terms and terms[0] in query.terms else None

    def bound(self, query: Query, floor: float = 0.0) -> float:
        """The highest score any entry here could reach for this question (see `_bound`).

        When even the closest possible meaning could not lift it to `floor`, that ceiling is
        returned without comparing the question with every phrasing: with many texts served,
        most are about something else and cost only this.
        """
        if query.weight <= 0:
            return 0.0
        if floor > 0 and (ceiling := self._bound(query, None)) < floor:
            return ceiling
        return self._bound(query, self.semantic(query))

    def _bound(self, query: Query, similarity: np.ndarray | None) -> float:
        """The highest fused score any entry could reach: its lexical part covers at most the
        question's terms that some entry has, its meaning part is at most the closest phrasing's
        (with no `similarity`, at most a perfect match)."""
        covered = sum(w for t, w in query.terms.items() if t in self.entry_terms) / query.weight
        lexical = _ceiling(covered)
        if similarity is None:
            meaning = 1.0
        else:
            meaning = _between(float(similarity.max()), SEMANTIC_ZERO, SEMANTIC_ONE) if len(similarity) else 0.0
        return max(lexical, LEXICAL_SHARE * lexical + SEMANTIC_SHARE * meaning * query.known)

    def fits(self, query: Query, entry_id: str, *, asked: bool = True) -> bool:
        """Whether the entry names every name and number the question asks about (and the question
        none that no text uses: "how much did japan invest in the Sakhalin project"), and (`asked`)
        supplies what it asks for: a figure for "how many", a time for "when" (of what happened,
        `misses_the_event`), someone for "who", a reason for "why" (the checks `rank_entries`
        marks down, here as a yes or no)."""
        at = self.index_of.get(entry_id)
        if at is None or at in self.retired:
            return False
        profile = self.profiles[at]
        if query.elsewhere or query.unknown_names \
                or not all(t in profile.support for t in query.terms if t in self.names or t.isdigit()):
            return False
        if (counted := self._counted(query)) and counted not in profile.support:
            return False  # "what is the population of the kuril islands" is no phrasing of how many islets there are
        if not asked:
            return True
        if not satisfied(query.asks, self.supplied(profile)) or self.counts_others(query, profile.entry.answer) \
                or self.misses_the_event(query, entry_id):
            return False
        kind = question_kind(query.text)
        kinds = _kinds(profile.entry.questions)
        return not (kind and kind not in kinds and kinds - {None})

    def phrasing_shares(self, entry_id: str) -> dict[str, float]:
        """Each term of an entry's phrasings, with the share of its phrasings that use it: what
        the entry is about ("putin", "treaty") comes up in most, an incidental "forum" in few."""
        at = self.index_of.get(entry_id)
        if at is None:
            return {}
        phrasings = self.profiles[at].phrasings
        counts: dict[str, int] = {}
        for terms in phrasings:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        return {term: n / len(phrasings) for term, n in counts.items()}

    def speaks_of(self, query: Query, entry_id: str) -> bool:
        """Whether the entry (its phrasings, answer and tags) speaks of every word of the question
        but its question words: nothing asked goes beyond what it says."""
        at = self.index_of.get(entry_id)
        if at is None:
            return False
        support = self.profiles[at].support
        return all(t in support for t in query.terms if t not in LIGHT_WORDS)

    def misses_the_event(self, query: Query, entry_id: str) -> bool:
        """For "when" and "where": whether the entry (its phrasings, answer and tags) speaks of
        nothing of what happened, as a sentence of the text must (`reading._speaks_of_the_event`):
        "when was abe born" is not answered by when he took office, though both name him and ask
        when. What happened is the question's words of weight (EVENT_WEIGHT or more) besides names
        and everyday verbs: the entry has one, says one in a word of its own that means the same,
        or MiniLM reads one of its phrasings as the question; where the text uses none of them,
        it is an event the text never speaks of."""
        at = self.index_of.get(entry_id)
        if at is None or not query.asks & {TIME, OCCASION, PLACE}:
            return False
        # ("become", "get", "take" say little of what happened: "when did abe become prime minister"
        # is when he took office.)
        event = {t for t, weight in query.terms.items() if weight >= EVENT_WEIGHT and t not in self.names
                 and not t.isdigit() and t not in LIGHT_WORDS and t not in self.common and t not in query.unknown_terms}
        profile = self.profiles[at]
        if not event:
            missed = any(t not in self.names and t not in LIGHT_WORDS and t not in query.elsewhere
                         and weight >= EVENT_WEIGHT for t, weight in query.terms.items() if t in query.unknown_terms)
        elif event & profile.support:
            return False
        else:
            said = " ".join((*profile.entry.questions, profile.entry.answer))
            missed = not any(self.says_otherwise(query, t, said) for t in event)
        return missed and not self._reads_as(query, profile.entry)

    def _reads_as(self, query: Query, entry: Entry) -> bool:
        """Whether MiniLM reads one of the entry's question phrasings as the question, from
        EVENT_MEANING_MIN: "when did putin fly over to japan" is "When did Putin visit Japan?"."""
        model = encoder()
        asked = question_phrasings(entry)
        if model is None or not asked or not query.text:
            return False
        return float((model.embed(asked) @ model.embed([query.text])[0]).max()) >= EVENT_MEANING_MIN

    def only_everyday(self, query: Query, entry_id: str, at: int) -> bool:
        """Whether the entry, matched on its phrasing `at`, shares only everyday words with the
        question ("made", "way") while the question has words of substance it never speaks of:
        "what movie was made about it" is not "who made this reading"."""
        i = self.index_of.get(entry_id)
        if i is None:
            return False
        profile = self.profiles[i]
        return self._only_everyday(query, profile.phrasings[at], profile.support)

    def thin(self, query: Query, entry_id: str, at: int) -> bool:
        """Whether the entry, matched on its phrasing `at`, shares one word of substance with the
        question, and the question's words the text never uses weigh at least THIN_SHARE of it:
        "how did the news spread so fast" is not "how fast did putin want a peace deal"."""
        shared = self.shared(query, entry_id, at)
        unknown = sum(w for t, w in query.terms.items() if t in query.unknown_terms)
        if len(shared) > 1 and all(t in self.names for t in shared):
            # The parts of one name are one word of substance: "le" and "verrier" of "when did le
            # verrier die" share only who it is about with an entry on his letters.
            shared = [max(shared, key=lambda t: query.terms[t])]
        return len(shared) == 1 and unknown >= THIN_SHARE * query.terms[shared[0]]

    def shared(self, query: Query, entry_id: str, at: int) -> list[str]:
        """The question's words of substance that the entry's phrasing `at` has too."""
        i = self.index_of.get(entry_id)
        if i is None:
            return []
        phrasing = self.profiles[i].phrasings[at]
        return [t for t in query.terms if t in phrasing and t not in LIGHT_WORDS]

    def only_everyday_in(self, query: Query, text: str) -> bool:
        """The same of a sentence of the text: "be made commensurate to the danger" for that question."""
        said = frozenset(self.vocab.terms(text))
        return self._only_everyday(query, said, said)

    def _only_everyday(self, query: Query, matched: Collection[str], support: Collection[str]) -> bool:
        shared = [t for t in query.terms if t in matched and t not in LIGHT_WORDS]
        besides = [t for t in query.terms if t not in support and t not in LIGHT_WORDS]
        return bool(shared) and bool(besides) and all(t in self.common for t in shared)

    def as_phrased(self, query: Query, entry_id: str, at: int) -> bool:
        """Whether the question says what the entry's phrasing `at` says, word for word but for
        function words, case, typos and other names: its curators wrote that question for its answer."""
        index = self.index_of.get(entry_id)
        return index is not None and index not in self.retired and _as_phrased(query, self.profiles[index], at)

    def gives_no_reason(self, query: Query, entry_id: str) -> bool:
        """Whether a "why" meets an entry that no phrasing asks why (or how) of, whose answer gives
        no reason and says little besides the question's words: "why does russia have the upper
        hand" is not answered by "Russia clearly has the upper hand." (An answer that says more may
        give the reason in its own words: "the pipelines run to China".)"""
        at = self.index_of.get(entry_id)
        if at is None or question_kind(query.text) != "why":
            return False
        entry = self.profiles[at].entry
        if _kinds(entry.questions) & {"why", "how"} or gives_a_reason(entry.answer):
            return False
        # An answer that says at most one word the question does not merely restates it.
        said = {t for t in self.vocab.terms(entry.answer) if t not in LIGHT_WORDS and not t.isdigit()}
        return len(said - query.terms.keys()) <= RESTATED_BESIDES

    def gives_no_view(self, query: Query, entry_id: str) -> bool:
        """Whether a question asks someone's view of an entry on the text's details, never asked for
        one: "what does the author think" is not answered by who the author is."""
        at = self.index_of.get(entry_id)
        if at is None or not asked.asks_any_view(query.text):
            return False
        entry = self.profiles[at].entry
        # Whatever a passage says is its author's view (and others' views are checked as said:
        # `_states_asked`); what the text's details say, who wrote it and where, is no one's view.
        details = bool(entry.citations) and all(c.passage == 0 for c in entry.citations)
        return details and not any(asked.asks_any_view(q) for q in entry.questions)

    def supplies_asked(self, query: Query, entry_id: str) -> bool:
        """Whether the entry's answer supplies what the question asks for (a figure, a time, a sum ...)."""
        at = self.index_of.get(entry_id)
        return at is not None and satisfied(query.asks, self.supplied(self.profiles[at]))

    def closest(self, query: Query, count: int, *,
                exclude: frozenset[int] | set[int] = frozenset()) -> list[tuple[float, Entry]]:
        """The `count` entries whose phrasings are closest in meaning to the question (static
        vectors), with that closeness (cosine), closest first."""
        if not len(self.vectors) or not query.text:
            return []
        by_entry = np.maximum.reduceat(self.semantic(query), self.starts)
        skip = self.retired | exclude if exclude else self.retired
        if skip:
            by_entry = by_entry.copy()
            by_entry[list(skip)] = -1.0
        order = np.argsort(-by_entry, kind="stable")[: count + len(skip)]
        return [(float(by_entry[i]), self.profiles[int(i)].entry) for i in order if int(i) not in skip][:count]

    def names_besides(self, query: Query, text: str, role: str | None = None, *, sentence: bool = False) -> bool:
        """Whether a sentence names someone or something the question does not: "who was the
        captain of the german warship elisabeth" is not answered by a sentence whose only names
        are the warship's. A capital opening a sentence counts only for a name of the text's.

        With the `role` whose holder is asked (`asked.asked_role`), a sentence that speaks of that
        role names its holder beside it (ROLE_GAP): "a police chief noted the time"
        does not say who the police chief on Rodrigues was, whatever else it names."""
        if role is not None and (held := self.vocab.terms(role)) and all(t in query.unknown_terms for t in held):
            return False  # "who is the mayor of vladivostok": a role the text never speaks of, so no holder of it
        names = []
        for run in _CAPITALISED_RUN.finditer(text):
            # A name of several words is the question's when its last is: "Shinzō Abe" of "abe" (but
            # "Captain Hollmann" is no name of "who was the captain").
            said = self.vocab.terms(run.group())
            if said and said[-1] in query.terms:
                continue
            for found in _CAPITALISED.finditer(run.group()):
                terms = self.vocab.terms(found.group())
                if not terms or found.group() in _CALENDAR:
                    continue
                if _SENTENCE_OPENS.search(text, 0, run.start() + found.start()) and terms[0] not in self.names:
                    continue
                names.append(run.start() + found.start())
        if not names or role is None:
            return bool(names)
        if sentence:
            # "him" or "her" for someone a sentence before names, when sentences are quoted together:
            # "... Gail Halvorsen, met a group of children ... the press called him the "Candy Bomber"".
            opens = _sentence_starts(text)
            names += [found.start() for found in POINTED_AT.finditer(text)
                      if names[0] < max((at for at in opens if at <= found.start()), default=0)]
        tokens = _tokens(text)
        wanted = stem(role)
        # "the king's baker" holds no role of king: the role a possessive names is another's.
        at = [i for i, (_, word) in enumerate(tokens) if stem(word) == wanted and not word.endswith(("'s", "\u2019s"))]
        if at and not all(stem(w) in search_stems(text) for w in asked.role_kind(query.text)
                          if lexicon.zipf(w) < lexicon.EVERYDAY_ZIPF):
            return False  # a role of another kind: "who is japan's foreign minister" is not "the Prime Minister"
        if not at:
            # The role goes by another word here, if at all: any other name may be its holder's; unless
            # this is a sentence of the text, which names the role elsewhere, where it would say who held
            # it ("what was the name of susannah eley's niece" is not the sentence on the widow herself).
            # A curated answer says it in its own words ("wrote the analysis" for "the author").
            return not sentence or wanted not in self.sentence_terms
        # A name after "in", "at", "from" ... is where, not who: "his brother's office in Paris" does
        # not name the brother.
        names = [name for name in names if not _PLACED.search(text, 0, name)]
        starts = [start for start, _ in tokens]
        return _beside(query, tokens, at, [bisect.bisect_right(starts, name) - 1 for name in names], text)

    def counts_beside(self, query: Query, text: str) -> bool:
        """Whether a sentence that speaks of what a "how many" counts gives a figure beside it
        (ROLE_GAP): "how many framework agreements did japan sign" is not answered by "a number of
        framework agreements", nor "how many people did the poll survey" by its "78% of people"
        unless the figure stands by them. A sentence that counts it by another word may answer."""
        term = self._counted(query)
        if term is None:
            return True
        if term in query.unknown_terms:  # the text never speaks of them: it cannot count them
            return False
        counted = stem(fold(_counted_word(query.text)))  # as said: "russians", not "russia"
        tokens = _tokens(text)
        at = [i for i, (_, word) in enumerate(tokens) if stem(word) == counted]
        if not at:
            return True
        figures = [i for i, (_, word) in enumerate(tokens) if asked.is_figure(word)]
        if counted in _PEOPLE:
            # People are counted by what happened to them too: "how many people died" by "six deaths".
            happened = {t for t in query.terms if t != term and t not in LIGHT_WORDS and t not in self.names}
            at += [i for i, (_, word) in enumerate(tokens) if stem(word) in happened]
        return _beside(query, tokens, at, figures, text)

    def counts_others(self, query: Query, text: str) -> bool:
        """Whether every figure of a text that says whom it counts counts other people than the
        "how many" asks of, by name: "how many japanese were against ..." is not answered by
        "78% of Russian respondents were against ...", however alike the rest reads. What a figure
        counts is what follows it ("78% of Russian respondents", "400 Japanese troops")."""
        counted = _counted_word(query.text) if _HOW_MANY_PEOPLE.search(query.text) else None
        asked_of = set(self.vocab.terms(counted)) & self.names if counted else set()
        if not asked_of:
            return False
        tokens = _tokens(text)
        others = False
        for i, (_, word) in enumerate(tokens):
            if not asked.is_figure(word):
                continue
            group = [w for _, w in tokens[i + 1 : i + 1 + _COUNTED_GROUP]
                     if w not in STOPWORDS and not asked.is_unit(w) and w not in _PER_HUNDRED]
            names = {t for w in group for t in self.vocab.terms(w) if t in self.names}
            if names & asked_of:
                return False
            others = others or bool(names)
        return others

    def _subject(self, text: str) -> str | None:
        """The name a question asks of as its subject ("what does japan want": japan), or None."""
        named = self.subject_names(text)
        return named[0] if named else None

    def subject_names(self, text: str) -> tuple[str, ...]:
        """The names in a question's subject: "bridgewat", "canal" of "When did the Bridgewater Canal open?"."""
        opened = _SUBJECT.match(text)
        if opened is None:
            return ()
        name_goes_on = _CAPITALISED_TAIL.match(text, opened.end())  # "the Bridgewater Canal", not "the Bridgewater"
        return self._names_in(opened.group("subject") + name_goes_on.group())

    def _names_in_uncached(self, text: str) -> tuple[str, ...]:
        """The names a phrasing speaks of, in its order (remembered: `rank_entries` asks for them
        whenever a question names two things)."""
        return tuple(t for t in self.vocab.known_terms(text) if t in self.names)

    def semantic(self, query: Query) -> np.ndarray:
        """The cosine between the question and every phrasing, in profile order."""
        if not len(self.vectors) or not query.text:
            return np.zeros(len(self.vectors), dtype=np.float32)
        # The question just asked, remembered with the vectors it was read against: the bound,
        # the ranking and the second opinion all ask for it.
        memo = self.__dict__.get("_semantic_memo")
        if memo is not None and memo[0] == query.text and memo[1] is self.vectors:
            return memo[2]
        cosines = self.vectors @ embedder().embed_one(query.text)
        cosines.flags.writeable = False
        self._semantic_memo = (query.text, self.vectors, cosines)
        return cosines

    def _profile_score(self, i: int, weights: dict[str, float], own: dict[str, float],
                       total: float) -> tuple[float, int]:
        """Lexical score: the best phrasing's F1 over term weights, and the share of the question
        that the entry (phrasings, answer, tags) explains."""
        profile = self.profiles[i]
        postings = self._postings(i)
        recalled = [0.0] * len(profile.phrasings)
        owned = [0.0] * len(profile.phrasings)
        covered = 0.0
        for term, weight in weights.items():  # in the question's order: sums repeat exactly
            if term not in profile.support:
                continue
            covered += weight
            weight_here = own[term]
            for at in postings.get(term, ()):
                recalled[at] += weight
                owned[at] += weight_here
        best, best_at = 0.0, 0
        for at, shared_weight in enumerate(recalled):
            if shared_weight <= 0:
                continue
            recall = shared_weight / total
            precision = owned[at] / profile.phrasing_weights[at]
            f = 2 * recall * precision / (recall + precision)
            if f > best:
                best, best_at = f, at
        return PHRASING_SHARE * best + COVERAGE_SHARE * (covered / total), best_at

    def _profile_ceiling(self, i: int, weights: dict[str, float], own: dict[str, float], total: float) -> float:
        """The highest score `_profile_score` could give entry i, from sums over the question's terms
        alone: no phrasing recalls more than the entry covers, and none is more precise than the
        weight of what it could share over its lightest phrasing's weight. An entry that shares only
        "when" with the question cannot match any of its phrasings closely."""
        profile = self.profiles[i]
        covered = owned = 0.0
        for term, weight in weights.items():
            if term in profile.support:
                covered += weight
                owned += own[term]
        if covered <= 0:
            return 0.0
        recall, precision = covered / total, owned / min(profile.phrasing_weights)
        return (PHRASING_SHARE * 2 * recall * precision / (recall + precision) + COVERAGE_SHARE * recall) + _ROUNDING

    def _postings(self, i: int) -> dict[str, tuple[int, ...]]:
        """Entry i's phrasings that use each of its terms, worked out the first time it is scored:
        a question's few terms are looked up once each, not in every phrasing."""
        memo = self.__dict__.setdefault("_posting_memo", {})
        postings = memo.get(i)
        if postings is None:
            found: dict[str, list[int]] = {}
            for at, phrasing in enumerate(self.profiles[i].phrasings):
                for term in phrasing:
                    found.setdefault(term, []).append(at)
            postings = memo[i] = {term: tuple(ats) for term, ats in found.items()}
        return postings

    def _sentence_score(self, i: int, weights: dict[str, float], total: float) -> tuple[float, Sentence]:
        """How much of the question sentence i covers, alone or read with the one before it."""
        sentence = self.sentences[i]
        shared = sentence.terms.intersection(weights)
        if not shared:
            return 0.0, sentence
        # Every sentence of a text is its author's: "what does madison say about ambition"; and it
        # speaks of its title's topic, once it shares a word of the question besides.
        source = sentence.passage.source
        title = _title_said(self.titles.get(source, ()), tuple(weights))
        if title and not shared <= title | LIGHT_WORDS:  # "who was john snow": "who" is no word of what it says
            shared |= title
        shared |= self.authors.get(source, frozenset()).intersection(weights)
        alone = math.fsum(weights[t] for t in shared) / total
        with_before = math.fsum(weights[t] for t in (shared | sentence.before_terms.intersection(weights))) / total
        if with_before > alone + PAIR_GAIN:
            return with_before, Sentence(sentence.passage, f"{sentence.before} {sentence.text}",
                                         sentence.terms | sentence.before_terms)
        return alone, sentence

    def sentence_bound(self, query: Query) -> float:
        """The highest score `answer_sentences` could give any sentence here: its words cover at
        most the question's terms some sentence (or the author) has, its meaning is at most a
        perfect match."""
        if query.weight <= 0 or not self.has_sentences:
            return 0.0
        titled = frozenset().union(*(_title_said(names, tuple(query.terms)) for names in self.titles.values()))
        covered = sum(w for t, w in query.terms.items()
                      if t in self.sentence_terms or t in titled or any(t in a for a in self.authors.values()))
        covered /= query.weight
        return max(covered, LEXICAL_SHARE * covered + SEMANTIC_SHARE * query.known)

    def answer_sentences(self, query: Query, *, limit: int = 5) -> list[tuple[float, Sentence]]:
        """The sentences most likely to answer the question, lexical and semantic evidence fused
        as for entries: what the text itself says when no curated entry fits.

        Never a line of the text's details (passage 0): its title names the text's whole topic,
        so it shares words with most questions ("what is russia after with japan" is not answered
        by the title), and questions about the text itself have their own answers."""
        total = query.weight
        if total <= 0 or not self.sentences:
            return []
        candidates = {-i for _, i, _ in self._sentence_heap(query, limit=LEXICAL_CANDIDATES)}
        similarity = self.sentence_vectors @ embedder().embed_one(query.text) if query.text else None
        if similarity is not None:
            wanted = min(SEMANTIC_CANDIDATES, len(similarity))
            candidates.update(int(i) for i in np.argpartition(-similarity, wanted - 1)[:wanted])
        known = query.known
        why = question_kind(query.text) == "why"
        numbers = {t for t in query.terms if t.isdigit()}
        counted = self._counted(query)
        ranked = []
        for i in candidates:
            value, sentence = self._sentence_score(i, query.terms, total)
            if sentence.passage.number == 0:  # the text's details answer questions about the text (details.py)
                continue
            if asked.asks_the_reader(sentence.text):  # "Describe two differences between ...": it states nothing
                # ... but a question the text asks itself is answered by what it goes on to say: "Why did
                # the medical world reject an idea ...? Historians usually give three reasons."
                sentence = self._answered_after(i)
                if sentence is None:
                    continue
            meaning = _between(float(similarity[i]), SEMANTIC_ZERO, SEMANTIC_ONE) if similarity is not None else 0.0
            fused = max(value, LEXICAL_SHARE * value + SEMANTIC_SHARE * meaning * known)
            if not asked.answers(query.asks, sentence.text):
                fused *= NOT_ASKED_PENALTY
            if why and not gives_a_reason(sentence.text):
                fused *= NO_REASON_PENALTY
            if query.elsewhere or (numbers and not numbers <= sentence.terms | sentence.before_terms):
                # A number asked about is what the sentence must say ("the levada center's 2018 poll"
                # is not its 2016 one), and no sentence here says a name only another text uses.
                fused *= MISSING_NAME_PENALTY
            elif counted and counted not in sentence.terms | sentence.before_terms:
                # What "how many" counts, as for entries: "how many people did the poll survey" is
                # not answered by the share of them who said no.
                fused *= MISSING_NAME_PENALTY
            ranked.append((fused, -i, sentence))
        # Among equals, the sentence that says the most besides the question's own words: the
        # definition, not the sentence that merely names the term.
        ranked.sort(key=lambda r: (round(r[0], 6), len(r[2].terms.difference(query.terms)), r[1]), reverse=True)
        return [(score, sentence) for score, _, sentence in ranked[:limit]]

    def _answered_after(self, i: int) -> Sentence | None:
        """The sentence after the text's own question `i` in its passage, if it states something."""
        asking = self.sentences[i]
        if asking.text.rstrip(" \"'\u201d\u2019)]").endswith("?") and i + 1 < len(self.sentences):
            after = self.sentences[i + 1]
            if after.passage == asking.passage and after.before == asking.text \
                    and not asked.asks_the_reader(after.text):
                return after
        return None

    def rank_sentences(self, query: Query, *, sources: frozenset[str] | None = None,
                       limit: int = 20, floor: float = 0.0) -> list[tuple[float, Sentence]]:
        """The `limit` passage sentences that cover the most of the question (0..1).

        A sentence is read with the one before it when that covers more ("The route is the
        busiest. It carried 7.2 million passengers."); the pair is then what gets quoted.
        Pruned like `rank_entries`: a sentence's terms and its predecessor's bound its score;
        sentences that cannot reach `floor` are skipped.
        """
        return [(score, sentence) for score, _, sentence in
                self._sentence_heap(query, sources=sources, limit=limit, floor=floor)]

    def _sentence_heap(self, query: Query, *, sources: frozenset[str] | None = None, limit: int = 20,
                       floor: float = 0.0) -> list[tuple[float, int, Sentence]]:
        """rank_sentences, with each sentence's negated index."""
        total = query.weight
        if total <= 0:
            return []
        weights = query.terms
        # A sentence's ceiling: the terms it and the one before it have, and its text's author.
        author = max((math.fsum(weights.get(t, 0.0) for t in terms) for terms in self.authors.values()), default=0.0)
        author += max((math.fsum(weights[t] for t in _title_said(names, tuple(weights)))
                       for names in self.titles.values()), default=0.0)
        bound: dict[int, float] = {}
        for term, weight in weights.items():
            for i in self.sentences_by_term.get(term, ()):
                bound[i] = bound.get(i, author) + weight
        top: list[tuple[float, int, Sentence]] = []  # a min-heap of (score, -index, sentence)
        for i, ceiling in sorted(bound.items(), key=lambda kv: kv[1], reverse=True):
            if ceiling / total < floor or (len(top) >= limit and ceiling / total <= top[0][0]):
                break
            if sources is not None and self.sentences[i].passage.source not in sources:
                continue
            score, sentence = self._sentence_score(i, weights, total)
            if score <= 0:
                continue
            item = (score, -i, sentence)
            if len(top) < limit:
                heapq.heappush(top, item)
            elif item[0] > top[0][0]:
                heapq.heapreplace(top, item)
        top.sort(key=lambda r: (r[0], r[1]), reverse=True)
        return top


@lru_cache(maxsize=256)
def _read(question: str) -> tuple[tuple[tuple[str, str, bool], ...], frozenset[str], str]:
    """A question as every text reads it, read once however many texts are served: its words
    that are not stopwords, each as (word, stem, known to every text: a question word or a
    number), the words it capitalises inside a sentence (names), and the question with its chat
    spellings spelt out ("wen was it built" -> "when was it built")."""
    tokens = tuple((word, stem(word), word in QUESTION_WORDS or word.isdigit())
                   for word in substantive(words(question)))
    spelt = _WORD.sub(lambda m: CHAT_SPELLINGS.get(fold(m.group()), m.group()), question)
    return tokens, frozenset(fold(w) for name in _NAME.findall(question) for w in _WORD.findall(name)), spelt


@lru_cache(maxsize=4096)
def _everyday_slip(word: str) -> str | None:
    """The everyday word (or stopword) a word of the question is a slip from, if any ("kno")."""
    return lexicon.slip_of(word) or lexicon.slip_into(word, STOPWORDS)


@lru_cache(maxsize=4096)
def _common_real_word(word: str) -> bool:
    """A real word too common to be taken for a slip from another ("meat" for "meet")."""
    return lexicon.is_real_word(word) and lexicon.zipf(word) >= RARE_REAL_ZIPF


@lru_cache(maxsize=1024)
def _slips_among(word: str, words: frozenset[str]) -> frozenset[str]:
    """The words one slip from `word` that `words` has: asked once for every text served beside
    the others, each of which then looks for its own words among a few."""
    return lexicon.slips(word) & words


@lru_cache(maxsize=1024)
def _asked_by_form(spelt: str) -> tuple[str, ...]:
    """The terms of "how long", "what year", the "date" of "bell death place and date" ...: the
    word names what is asked, not what is asked about."""
    return tuple(stem(found.group(1).lower())
                 for found in itertools.chain(_HOW_ADJECTIVE.finditer(spelt), _WHAT_TIME.finditer(spelt),
                                              asked.KEYWORD_TIME.finditer(spelt)))


def _title_names(title: str, terms: Callable[[str], list[str]]) -> tuple[tuple[str, ...], ...]:
    """The names a title gives, each as its terms in order: its runs of two or more words with no
    stopword, number or punctuation between ("The Boston Molasses Flood of 1919": boston molasses
    flood). "Japan and Russia" is two names, each a word of its own: the text tells them apart."""
    runs: list[tuple[str, ...]] = []
    for piece in _TITLE_BREAK.split(title):
        run: list[str] = []
        for word in [*piece.split(), ""]:
            bare = fold(word).strip("'\u2019-")
            if bare.isalpha() and bare not in _TITLE_JOINS:
                run.append(word)
                continue
            named = tuple(terms(" ".join(run))) if len(run) > 1 else ()
            if len(named) > 1:
                runs.append(named)
            run = []
    return tuple(runs)


@lru_cache(maxsize=1024)
def _title_said(names: tuple[tuple[str, ...], ...], asked: tuple[str, ...]) -> frozenset[str]:
    """The terms of a title's names that a question says, two of them side by side as the title has them."""
    pairs = set(itertools.pairwise(asked))
    return frozenset(t for name in names if pairs.intersection(itertools.pairwise(name)) for t in name
                     if t in asked)


# Words that join a title's names rather than belong to them ("The Lake Above the Town").
_TITLE_JOINS = STOPWORDS | QUESTION_WORDS | frozenset("""
    above below after before without within beyond against between among amid through across behind beneath
    toward towards upon during since until versus vs via near inside outside along around""".split())
_TITLE_BREAK = re.compile(r"[^\w\s'’-]+")


def _as_phrased(query: Query, profile: _Profile, at: int) -> bool:
    return not query.elsewhere and query.terms.keys() == set(profile.phrasings[at])


@lru_cache(maxsize=1024)
def _folded(vocab: Vocabulary, stems: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """`vocab.fold_spans`, remembered: texts that share a vocabulary fold a question's stems alike."""
    return tuple(vocab.fold_spans(list(stems)))


@lru_cache(maxsize=1)
def _opposite_stems() -> dict[str, frozenset[str]]:
    """Each stem of `_OPPOSITES` with the stems of its opposites."""
    opposite: dict[str, set[str]] = {}
    for one, other in _OPPOSITES:
        ones, others = {stem(w) for w in one.split()}, {stem(w) for w in other.split()}
        for a in ones:
            opposite.setdefault(a, set()).update(others)
        for b in others:
            opposite.setdefault(b, set()).update(ones)
    return {t: frozenset(o) for t, o in opposite.items()}


def _asks_the_opposite(asked: Collection[str], phrasing: Collection[str]) -> bool:
    """Whether a phrasing has a word opposite to one of the question's, and the question neither
    that word nor the phrasing the question's: "when did the great fire begin" for "when did the
    fire end" (but not for "how long from start to end")."""
    opposites = _opposite_stems()
    return any(t not in phrasing and (o := opposites.get(t)) and not o.isdisjoint(phrasing)
               and o.isdisjoint(asked) for t in asked)


def _reversed(first: list[str], second: Sequence[str]) -> bool:
    """Whether two names that both lists share stand in the opposite order."""
    shared = [t for t in dict.fromkeys(first) if t in second]
    return len(shared) > 1 and second.index(shared[0]) > second.index(shared[1])


def gives_a_reason(text: str) -> bool:
    """Whether words of the text give a reason ("because", "so that", "aimed at" ...), as a "why" asks."""
    return _REASON.search(text) is not None


def _between(value: float, zero: float, one: float) -> float:
    """0 at `zero`, 1 at `one`, linear between."""
    return min(1.0, max(0.0, (value - zero) / (one - zero)))


def _rarity(zipf: float) -> float:
    """How strongly an unknown word says "another topic": 1 for rare words, 0 for everyday ones."""
    share = (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)
    return min(1.0, max(0.0, share))


# Above any rounding between a score and its ceiling, far below any difference between two scores.
_ROUNDING = 1e-9


def _ceiling(coverage: float) -> float:
    """The highest score an entry covering this much of the question can reach.

    Its best phrasing's recall is at most its coverage and its precision at most 1, so the
    phrasing's F1 is at most 2c / (1 + c); penalties only lower a score.
    """
    return PHRASING_SHARE * 2 * coverage / (1 + coverage) + COVERAGE_SHARE * coverage


def _tokens(text: str) -> list[tuple[int, str]]:
    """A text's words, folded, each with where it starts."""
    return [(token.start(), fold(token.group())) for token in _TOKEN.finditer(text)]


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of `text` after the first begins."""
    starts, at = [], 0
    for part in sentences(text)[1:]:
        at = text.find(part, at)
        if at < 0:
            break
        starts.append(at)
    return starts


def _beside(query: Query, tokens: list[tuple[int, str]], these: list[int], those: list[int], text: str) -> bool:
    """Whether one of `these` words stands by one of `those` in the same sentence of `text`, with at
    most ROLE_GAP words of substance between them: not the question's own ("the chief of police on
    Rodrigues was James Wallis") nor words that only join ("the", "was") or give a figure its unit
    ("two hundred million cubic yards of earth"). "... injured about 150 others. Horses, buildings
    ... were destroyed" gives no count of horses."""
    said = [word not in STOPWORDS and stem(word) not in query.terms and not asked.is_unit(word) for _, word in tokens]
    starts = _sentence_starts(text)
    sentence = [bisect.bisect_right(starts, start) for start, _ in tokens]
    return any(sum(said[min(i, j) + 1 : max(i, j)]) <= ROLE_GAP and sentence[i] == sentence[j]
               and not _CLAUSE_BREAK.search(text, tokens[min(i, j)][0], tokens[max(i, j)][0])
               for i in these for j in those)


# Someone named before, pointed back at ("her" where it is no possessive: "called her the Lady
# with the Lamp", not "her niece").
POINTED_AT = re.compile(r"\b(?:he|him|she)\b|\bher\b(?=\s+(?:the|a|an)\b|\s*[\"'\u201c\u2018,.;:!?)]|$)", re.I)
# Where one clause ends and another begins: "whose deaf son Bell tutored, and Gardiner Greene
# Hubbard" does not name the son.
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|or|while|whereas)\b")
# A preposition of place just before a name.
_PLACED = re.compile(r"\b(?:in|at|from|to|near|into|across|outside|inside|on)\s+(?:the\s+)?$", re.I)
_HOW_ADJECTIVE = re.compile(r"\bhow\s+(long|far|tall|high|big|large|old|deep|wide|heavy|soon|often)\b", re.I)
# "What date", "what year": a time, as "when" asks (a month or an hour is what the answer must say).
_WHAT_TIME = re.compile(r"\b(?:what|which|wat|wut)\s+(date|year)\b", re.I)
# A question and the subject of its verb: "what does japan want", "why did the Russian side refuse"
# ("what is the aegis system" asks what it is, of no subject).
_SUBJECT = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|wait|like)\W+)*(?:what|why|how|when|where)\s+"
                      r"(?:does|did|do|will|would|can|could)\s+(?:the\s+)?(?P<subject>[\w'\u2019-]+)", re.I)
# A question about what happened ("when was it signed", "where did they meet"), and words that
# make a phrasing about what was wanted, planned or only possible.
_HAPPENED = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|wait|like|lol|tbh|ngl)\W+)*(?:when|where|how|who|what|which|why)"
                       r"\b[^?]*?\b(?:was|were|did|has|have|had)\b", re.I)
_HOPED = re.compile(r"\b(?:would|could|should|will|might|may|wants?|wanted|wanting|wish(?:es|ed)?|hopes?|hoped|"
                    r"plans?|planned|intends?|intended|expects?|expected|deadline|timeline|timeframe|"
                    r"gonna|going to|by when|how soon)\b", re.I)
_WHAT_DID = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|wait|like)\W+)*what\s+(?:did|does|do|has|have|had|will|would)\b"
                       # ... asked yes or no: "so did abe actually get anything from putin or nah"
                       r"|^\W*(?:(?:so|ok|okay|and|but|wait|like)\W+)*(?:did|does|do|has|have|had|will|would)\s+"
                       r"(?:[\w'\u2019-]+\s+){1,4}?(?:get|gain|achieve|obtain|win|receive|give|offer)\s+"
                       r"(?:anything|something|much|any\b)", re.I)
# "What is X?", "what are the Xs", "define X", "what does X mean": what something is.
_WHAT_IS = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|wait|like|hey|yo|lol|um)\W+)*"
                      r"(?:(?:what|wat|wht)(?:'s|\u2019s|s|\s+(?:is|are|was|were))\s+(?:an?\s+|the\s+)?"
                      r"[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3}\W*$|define\b|what\s+does\s+.{2,40}\s+mean\W*$)", re.I)
_DEFINITION_ASKED = re.compile(r"\b(?:definition|meaning|defined?|means?|explain(?:ed)?)\b", re.I)
# A question that asks one thing of it: a name, a time, a place, a count, a reason.
_ASKS_ONE_THING = re.compile(r"^\W*(?:which|who|whom|whose|when|where|why|how\s+(?:many|much|long|old|far))\b",
                             re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]*")
_CAPITALISED_TAIL = re.compile(r"(?:\s+[A-Z][\w'\u2019-]*)*")
# A word in lower case.
_LOWER_WORD = re.compile(r"\b[a-z][\w’'-]*")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?][\"\u201d\u2019)]*\s+)[\"\u201c\u2018(]*$")
_CALENDAR = frozenset(MONTHS + WEEKDAYS)
_TOKEN = re.compile(r"[\w'\u2019-]+")
_KIND = re.compile(r"^\W*(?:(?:so|ok|and|but|well|hey|yo|lol|tbh|ngl|hmm|wait)\W+)*"
                   r"(why|where|when|who|how (?:many|much))\b", re.I)


def live_phrasings(kb: KnowledgeBase) -> list[str]:
    """Every live entry's phrasings, in order: the rows of a matcher's `vectors`."""
    return [q for entry in kb.live_entries for q in entry.questions]


_WHO_IS = re.compile(r"^\s*who(?:'s|\s+is|\s+was)\s+[^?,]+\??\s*$", re.I)
# "Where is Vladivostok?": where the place itself is, which no answer that places something in it
# ("in Vladivostok") says.
_PLACED_IN = re.compile(r"\b(?i:in|at|to|near|inside|within)\s+(?:the\s+)?"
                        r"([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})")
_WHERE_IS = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|wait|like|hey|yo|lol|um)\W+)*"
                       r"where(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?(?P<place>[^?,]+?)"
                       r"(?:\s+(?:located|situated|based|found|now|today))?\W*$", re.I)
_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")


@lru_cache(maxsize=65536)  # asked of every candidate's phrasings, the same few again and again
def question_kind(question: str) -> str | None:
    """What a question asks for by its opening words: "why", "where", "when", "who", "how many", "how much"."""
    found = _KIND.search(question)
    return found.group(1).lower() if found else None


def question_phrasings(entry: Entry) -> list[str]:
    """An entry's phrasings that are questions (SENTENCE_WORDS or more), not keywords: only they
    say what is asked, for MiniLM to read beside a member's question."""
    return [q for q in entry.questions if len(q.split()) >= SENTENCE_WORDS]


def answers_why(entry: Entry) -> bool:
    """Whether an entry answers a "why": its answer gives a reason, or curators asked it as one."""
    return gives_a_reason(entry.answer) or any(question_kind(q) == "why" for q in entry.questions)


@lru_cache(maxsize=65536)  # asked of every candidate, as `question_kind` is
def _about_what_happened(question: str) -> bool:
    """Whether a question asks about what happened, in no words of wanting or planning."""
    return bool(_HAPPENED.match(question)) and not _HOPED.search(question)


@lru_cache(maxsize=65536)
def _about_a_wish(phrasing: str) -> bool:
    """Whether a phrasing asks about what someone wanted, planned or could do."""
    return bool(_HOPED.search(phrasing))


@lru_cache(maxsize=65536)
def _one_thing_of_it(questions: tuple[str, ...]) -> bool:
    """Whether an entry's phrasings ask one thing of something (who, which, when ...), and none what it is."""
    return any(_ASKS_ONE_THING.match(q) for q in questions) and not any(
        _WHAT_IS.match(q) or _DEFINITION_ASKED.search(q) for q in questions)


@lru_cache(maxsize=65536)
def _kinds(questions: tuple[str, ...]) -> frozenset[str | None]:
    return frozenset(question_kind(q) for q in questions)
