"""The text's own sentence as the answer, where no curated entry gives one: the words' reading of
a text's sentences, MiniLM's (encoder.py), and the two fused, each checked for what is asked."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from .asked import (
    AGE,
    DATE,
    DAY,
    DURATION,
    MEASURE,
    MONEY,
    NAME,
    OCCASION,
    PLACE,
    SPEED,
    TEMPERATURE,
    TIME,
    answers,
    asked_attribute,
    asked_role,
    asks_a_name,
    asks_a_view,
    asks_the_reader,
    states_a_view,
)
from .bars import ANSWER_MIN, PASSAGE_MARGIN, PASSAGE_MIN, SLACK, UNCURATED_PASSAGE_MIN
from .details import by_text, curated, is_details_id
from .dialogue import speaks_of_the_text
from .encoder import Encoder, encoder
from .lexicon import zipf
from .matcher import EVENT_WEIGHT, POINTED_AT, Matcher, Query, Sentence, gives_a_reason, question_kind
from .models import Answer, CitedPassage, KnowledgeBase, Passage, Suggestion
from .text import LIGHT_WORDS, MONTHS, sentences, stem, without_chat, words

# Below its bar (UNCURATED_PASSAGE_MIN), a text nobody has curated still answers with its best
# sentence when that reaches AGREED_PASSAGE_MIN and MiniLM (encoder.py), reading each sentence of
# the text alone, finds the closest to the question (cosine at least AGREED_MEANING_MIN) in the
# same passage. Chosen on the shipped text with its entries removed and on the Broad Street and
# Krakatoa essays (benchmarks/README.md).
AGREED_PASSAGE_MIN = 0.55
AGREED_MEANING_MIN = 0.45
# And the other way round: MiniLM's closest sentence answers when it is this close (cosine) and the
# words rank its passage among their first MEANING_PASSAGE_RANKS sentences, at MEANING_PASSAGE_WORDS
# at least. Chosen on the same development sets.
MEANING_PASSAGE_MIN = 0.70
MEANING_PASSAGE_RANKS = 3
MEANING_PASSAGE_WORDS = 0.30
# ... unless a sentence of another passage reads within MEANING_PASSAGE_MARGIN as close: then the
# words and the meaning together decide (`_fused_passage`).
MEANING_PASSAGE_MARGIN = 0.02
# Where neither reading is sure alone, the two are added up: the words' score of a sentence plus
# FUSED_MEANING_SHARE times MiniLM's cosine, and the best sentence answers from FUSED_PASSAGE_MIN.
# A member's own words for the text's ideas ("when did putin fly over to japan") meet few of its
# words but read close to the sentence. Chosen on the development sets (benchmarks/README.md).
FUSED_MEANING_SHARE = 3.0
FUSED_PASSAGE_MIN = 2.25
# ... and no other passage comes within FUSED_PASSAGE_MARGIN of it: two passages the sum reads alike
# ("what date did the eruption start": the engineer's visit of October 1883, the eruptions of June
# and July) leave the answer unsure. Costs nothing on the development sets.
FUSED_PASSAGE_MARGIN = 0.05
# Below that bar, a sentence that stands far out from every other passage of the text (by
# FUSED_CLEAR_MARGIN) answers from FUSED_CLEAR_MIN: the question is plainly about that one place in
# the text, though in words of its own ("How high up did the thing blow up?": "It exploded in the
# atmosphere at a height of perhaps five to ten kilometres ..."). Chosen on the development sets
# (benchmarks/README.md): 8 more answered right there, 2 near misses more answered; the margin
# lowered from 0.4 to 0.2 later, 8 more answered right and 1 near miss more answered.
FUSED_CLEAR_MIN = 1.9
FUSED_CLEAR_MARGIN = 0.2
# A question that asks for one kind of thing, which few sentences of a text state: the best of
# those, by words and meaning added up as above, answers from TYPED_MIN and TYPED_MARGIN ahead of
# any other passage's. Chosen on the development sets (benchmarks/README.md).
TYPED_ASKS = frozenset({AGE, DATE, DAY, MONEY, MEASURE, TEMPERATURE, SPEED, DURATION, TIME})
TYPED_MIN = 1.5
TYPED_MARGIN = 0.2
# ... and that shares a word of this weight with the question, besides the title's: "How high was
# Krakatoa's tallest peak" is not answered by the heights of its tsunamis.
TYPED_WORD_WEIGHT = 0.5
# A name rarer than this in English (Zipf scale, `lexicon.zipf`) is the text's own: "Kaczmarski",
# "Banting", not "Boston" or "flood".
RARE_NAME_ZIPF = 3.0
# The words' best sentence gives way to the one words and meaning read together as the answer only
# when the words rank that one's passage at most this far behind.
WORDS_GAP = 0.30
# A question mostly in words the text never uses (at most OWN_WORDS_KNOWN of its weight on the
# text's words) gives the words little to judge by, so MiniLM's closest sentence answers from
# OWN_WORDS_MEANING_MIN: "which big sporting event did abe get a vip seat at". A question in the
# text's own words that they fit poorly asks what the text does not say ("how many russian troops
# are stationed on the islands"), and one with none of them (under OWN_WORDS_KNOWN_MIN) is about
# something else: "what is the capital of finland" beside a text on the Helsinki ferry. Chosen on
# the development sets (benchmarks/README.md).
OWN_WORDS_KNOWN = 0.45
OWN_WORDS_KNOWN_MIN = 0.10
OWN_WORDS_MEANING_MIN = 0.50
# A question about what something is or who someone was ("What is the miasma theory?").
# "What is X?" / "Who was X?", but not "what was the fire engine called?", which asks for a name.
_IDENTITY = re.compile(r"\s*(?:what|who)(?:'s|\s+(?:is|was|are|were))\s+(?!(?:it|this|that|they|he|she)\b)"
                       r"(?!.*\b(?:called|named|known as)\W*$)", re.I)
# "Why ...", "how did/does ...": asks for a reason or a way, which the text often gives after the
# sentence that names the thing asked about.
_EXPLAIN = re.compile(
    r"\s*(?:(?:so|ok|okay|and|but|well|hey|yo|lol|tbh|ngl|hmm|wait|bruh|like|um|uh)\W+)*"
    r"(?:why|how\s+(?:come|did|does|do|could|can|was|were|is|are|has|have|had|would|will|might))\b", re.I)
# A sentence that opens by pointing back ("For months afterwards ...", "As a result ...") is
# explained by the one before it.
_FOLLOWS_ON = re.compile(r"^(?:\W*\w+){0,3}?\W*(?:afterwards?|as a result|consequently|therefore|thus|hence|"
                          r"because of this|because of that|for this reason|that is why|this is why)\b", re.I)
EXPLANATION_CHARS = 600
# A quote that opens by pointing back at what the sentence before names.
_POINTS_BACK_AT_OPENING = re.compile(r"(?:It|This|These|They|Its|Their|Such)\b")
_CALLS_THIS = re.compile(r"\bcall(?:s|ed)? (?:this|that|it|these|those)\b", re.I)
# A list the text announces ("There are three main tools ...") and goes through ("The first is ...").
_ANNOUNCES = re.compile(r"\b(?:two|three|four|five|six|2|3|4|5|6)\s+(?:[a-z-]+\s+){0,2}[a-z-]+s\b", re.I)
_ITEM_OPENS = re.compile(r"^(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|last|finally|lastly)\b", re.I)
LIST_CHARS = 900
# A sentence that goes on from the one before: "It killed more than 5,000 people."
_REFERS_BACK = re.compile(r"(?:it|this|that|these|those|they|he|she|its|their|his|her|there|such)\b", re.I)
# Ordinals that date or rank what is asked ("the eighteenth century", "the 27th"); "first", "second"
# and "last" are as often no number at all ("his first vaccination", "a second look").
_ORDINALS = frozenset(stem(w) for w in (
    "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth hundredth").split())
_NTH = re.compile(r"(\d+)(?:st|nd|rd|th)")
# A month dates what is asked as a year does: "the price index in July 2023" is not the March 2022 peak.
_MONTH_TERMS = frozenset(stem(m.lower()) for m in MONTHS if m != "May")


def passage_bars(kb: KnowledgeBase) -> dict[str, float]:
    """Each text's bar for answering from its passages: lower until its entries cover it."""
    own = by_text(kb.live_entries)
    return {sid: PASSAGE_MIN if curated(source, own.get(sid, ())) else UNCURATED_PASSAGE_MIN
            for sid, source in kb.sources.items()}


# Two names offered to choose from: "Best or Clark Noble", "japan or russia".
_OFFERED = re.compile(r"([\w'-]+)\s+or\s+(?:[\w'-]+\s+)?([\w'-]+)\W*$", re.I)


# A sentence about someone the one before names: "He fell ill and died within days."
_PERSON_OPENS = re.compile(r"(?:^|(?<=[.!?] ))(?:He|She)\b")
_NAME_WORD = re.compile(r"\b[A-Z][\w'\u2019-]*")
# A person pointed back at: "who is he", "what did she want". ("His", "her" and "it" need more.)
PERSON_PRONOUN = re.compile(r"\b(?:he|she|him)\b", re.I)
# Someone a sentence speaks of as "he", "him", "she" or "her" (`POINTED_AT`): who it is, a sentence
# before says, at most NAMED_BEFORE back.
NAMED_BEFORE = 2


class _Readings(NamedTuple):
    """MiniLM's readings of a text's sentences (`TextReading._readings`)."""

    sentences: list[Sentence]
    vectors: np.ndarray  # each sentence read alone
    going_on: np.ndarray  # the places of those that go on from the one before ("He was born in York")
    read_on: np.ndarray  # those read with the one before
    places: dict[tuple[int, str], int]  # each sentence's place, by its passage number and words
    numbers: np.ndarray  # each sentence's passage number
    clauses: np.ndarray  # the clauses of long sentences, each read alone
    clause_of: np.ndarray  # the place of each clause's sentence


def _overrules(fused: Answer, said: Answer, answering: list[tuple[float, Sentence]], question: str) -> bool:
    """Whether the passage words and meaning read together as the answer overrules the words' own:
    another passage, which the words rank at most WORDS_GAP behind their best (else the meaning was
    misled), and for a "why", one that gives a reason."""
    read = fused.citations[0].passage
    if read == said.citations[0].passage:
        return False
    if max((score for score, s in answering if s.passage == read), default=0.0) < answering[0][0] - WORDS_GAP:
        return False
    return question_kind(question) != "why" or gives_a_reason(fused.citations[0].quote)


def _speaks_of_the_event(matcher: Matcher, query: Query, said: str) -> bool:
    """For "when" and "where": whether words of the text speak of what happened, by one of the
    question's words of the text besides its names (EVENT_WEIGHT or more). "When did Rogier Verbeek
    die?" is not answered by the date of his visit, though it names him and gives a time, nor "where
    was Thomas Watson born?" by the workshop he worked in; a question whose words of the text are
    all names ("when was abe in sochi") is not held to it."""
    event = {t for t, weight in query.terms.items() if weight >= EVENT_WEIGHT and t not in matcher.names
             and not t.isdigit() and t not in LIGHT_WORDS and t not in query.unknown_terms}
    if not event:
        # Only an event the text never speaks of besides the names: "when was Edward Jenner born" of
        # a text that never says "born" (but dates his first vaccination).
        return not any(t not in matcher.names and t not in LIGHT_WORDS and t not in query.elsewhere
                       and weight >= EVENT_WEIGHT for t, weight in query.terms.items() if t in query.unknown_terms)
    return bool(event & set(matcher.vocab.terms(said))) or any(matcher.says_otherwise(query, t, said) for t in event)


# "Who carved the stone": who did it, which a sentence that says it was done ("The same text was
# carved three times") without saying by whom does not tell.
_WHO_DID = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|wait|like|lol|tbh|ngl|hey|yo)\W+)*who\s+([a-z]+ed)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
_BY_AFTER = re.compile(r"(?:\s+[\w'\u2019-]+){0,4}?\s+by\b", re.I)


def _done_by_no_one(asked: str, said: str) -> bool:
    """Whether a "who did it" question's deed is said only in the passive, and never by whom."""
    did = _WHO_DID.match(asked)
    if did is None:
        return False
    done = list(re.finditer(rf"\b{re.escape(did.group(1))}\b", said, re.I))
    return bool(done) and all(_PASSIVE_BEFORE.search(said, 0, d.start()) and not _BY_AFTER.match(said, d.end())
                              for d in done)


def _chosen(matcher: Matcher, asked: str, said: str) -> bool:
    """Whether the question offers names to choose from ("..., Best or Clark Noble?") and the
    sentence names one of them: the answer is among the question's own names."""
    offered = [matcher.vocab.terms(m.group(1)) + matcher.vocab.terms(m.group(2)) for m in _OFFERED.finditer(asked)]
    named = set(matcher.vocab.terms(said))
    return any(len(terms) >= 2 and all(t in matcher.names for t in terms) and named & set(terms)
               for terms in offered)


_DAY_NAMES = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
                        r"april|may|june|july|august|september|october|november|december)\b", re.I)


def _without_days_asked(said: str, asked: str) -> str:
    """A sentence without the names of days and months the question gives itself, which name what
    it asks about rather than say when: "Black Sunday was the worst of all" does not say when Black
    Sunday was."""
    named = {found.group().casefold() for found in _DAY_NAMES.finditer(asked)}
    if not named:
        return said
    return _DAY_NAMES.sub(lambda found: "" if found.group().casefold() in named else found.group(), said)


def _words_by_text(answering: list[tuple[float, Sentence]]) -> dict[str, dict[tuple[int, str], float]]:
    """Each text's sentences the words ranked, by passage and sentence, with their score (of a
    sentence ranked twice, the last)."""
    words: dict[str, dict[tuple[int, str], float]] = {}
    for score, s in answering:
        words.setdefault(s.passage.source, {})[(s.passage.number, s.text)] = score
    return words


def _rare(term: str, said: str) -> bool:
    """Whether a name's term (a stem, or stems joined by "_") is rarer in English than
    RARE_NAME_ZIPF, read by the words that wrote it: "ukrain" is "Ukraine", not a rare word."""
    if term.isdigit():
        return False
    written: dict[str, float] = {}
    for word in words(said):
        written[stem(word)] = max(written.get(stem(word), 0.0), zipf(word))
    return max(written.get(part, zipf(part)) for part in term.split("_")) < RARE_NAME_ZIPF


def _defines(asked: str) -> re.Pattern[str] | None:
    """For "what is X?", a sentence that says what X is: X, perhaps a phrase set off by commas, then
    "is a", "was an", "are the", ... (None when the question is not of that shape)."""
    found = _IDENTITY.match(asked)
    term = re.sub(r"^(?:a|an|the)\s+", "", asked[found.end():].strip(" ?!.").lower()) if found else ""
    if not found or not term or len(term.split()) > 4 or not found.group().strip().lower().startswith("what"):
        return None  # "who is abe": "Abe was a guest of honour at ..." says what he did, not who he is
    # ("Inflation targeting means that ...", "... refers to ...", "... is defined as ..." say it too.)
    return re.compile(rf"\b{re.escape(term)}(?:,[^,]{{2,60}},)?\s+(?:(?:is|are|was|were)\s+(?:a|an|the|defined\s+as)|"
                      r"means|refers\s+to)\b", re.I)


def _with_explanation(sentence: Sentence) -> str:
    """The sentence and the one after it in its passage (or the one before it, for a passage's last
    sentence or one that points back to it: "For months afterwards ..."), when both fit in
    EXPLANATION_CHARS: a why or a how is often answered beside the
    sentence that names what is asked ("The map ... was a way of presenting a conclusion Snow had
    already reached by interviews and counting. Claiming that he discovered the cause by looking at
    a map reverses the actual order of his work.")."""
    if sentence.text not in sentence.passage.text:
        return sentence.text
    after = _sentence_after(sentence)
    if sentence.before and _FOLLOWS_ON.match(sentence.text) and not sentence.text.startswith(sentence.before):
        joined = f"{sentence.before} {sentence.text}"  # "For months afterwards ...": what came before explains it
    elif after is not None:
        joined = f"{sentence.text} {after}"
    elif sentence.before and not sentence.text.startswith(sentence.before):  # the passage's last sentence
        joined = f"{sentence.before} {sentence.text}"
    else:
        return sentence.text
    return joined if len(joined) <= EXPLANATION_CHARS else sentence.text


def _going_on(text: str, span: str) -> str | None:
    """`span` with the sentence after it in `text`, when that one goes on about what it names ("It
    killed more than 5,000 people.", "These carvings told ..."); else None."""
    after = _next_sentence(text, span)
    if after is None or not _REFERS_BACK.match(after):
        return None
    joined = f"{span} {after}"
    return joined if joined in text else None


def _with_what_goes_on(text: str, quoted: str) -> str:
    """The quote, with the sentence after it when that one goes on about what it names ("It was
    rediscovered in July 1799", "These carvings told friend and enemy alike ...") and both fit in
    EXPLANATION_CHARS: the detail asked for is often there."""
    joined = _going_on(text, quoted)
    return joined if joined is not None and len(joined) <= EXPLANATION_CHARS else quoted


def _with_what_it_names(sentence: Sentence, quoted: str) -> str:
    """The quote, with the sentence before it when it opens by pointing back ("It cannot be observed
    directly ...", "Economists call this path the transmission mechanism.") and both fit in
    EXPLANATION_CHARS: what "it" or "this path" is, the sentence before says."""
    if not (_POINTS_BACK_AT_OPENING.match(quoted) or _CALLS_THIS.search(quoted.split(". ")[0])):
        return quoted
    text = sentence.passage.text
    before = _sentence_before(text, text.find(quoted))
    joined = f"{before} {quoted}" if before else ""
    return joined if joined and len(joined) <= EXPLANATION_CHARS and joined in text else quoted


def _with_list(sentence: Sentence) -> str | None:
    """A sentence that announces a list ("There are three main tools ...", "Historians usually give
    three reasons.") with the sentences that go through it ("The first is ...", "Second, ..."), up to
    the last of them, when they follow at once and all fit in LIST_CHARS; else None."""
    text = sentence.passage.text
    at = text.find(sentence.text)
    if not _ANNOUNCES.search(sentence.text) or at < 0:
        return None
    items = _items(text[at + len(sentence.text):])
    joined = " ".join([sentence.text, *items])
    return joined if items and len(joined) <= LIST_CHARS and joined in text else None


def _items(text: str) -> list[str]:
    """The sentences that open `text` and go through a list, up to the last that opens an item
    ("The first is ...", "Second, ..."); none when the first does not."""
    following = [s for s in sentences(text.strip()) if s]
    if not following or not _ITEM_OPENS.match(following[0]):
        return []
    return following[: max(n for n, s in enumerate(following) if _ITEM_OPENS.match(s)) + 1]


# MiniLM reads each clause of a long sentence (LONG_SENTENCE_WORDS or more) alone too, and the
# sentence is as close to a question as its closest reading: "His blood sugar fell only from about
# 440 to 320 ..., ketones remained in his urine, and the injection sites developed abscesses from the
# impurities" is diluted by its first clauses for "why did the first injection cause abscesses?". A
# clause counts at CLAUSE_SHARE of its cosine, since a short reading meets any question more
# closely than a long one. Chosen on the development sets (benchmarks/README.md).
CLAUSE_MIN_WORDS = 6
CLAUSE_SHARE = 0.9
LONG_SENTENCE_WORDS = 25
_CLAUSE_BREAK = re.compile(r"\s*[;:\u2014]\s*|,\s+(?=(?:and|but|while|whereas|which|so|yet)\b)")


def _clauses(sentence: str) -> list[str]:
    """A long sentence's clauses, split at a semicolon, colon or dash, or a comma before "and",
    "but", "which" ...; none when it is short or has only one clause of CLAUSE_MIN_WORDS."""
    if len(sentence.split()) < LONG_SENTENCE_WORDS:
        return []
    parts = [p for p in _CLAUSE_BREAK.split(sentence) if len(p.split()) >= CLAUSE_MIN_WORDS]
    return parts if len(parts) > 1 else []


def _sentence_before(text: str, at: int) -> str | None:
    """The sentence of `text` that ends before position `at`, if there is one."""
    return next((s for s in reversed(sentences(text[:at].strip())) if s), None) if at > 0 else None


def _sentence_after(sentence: Sentence) -> str | None:
    """The sentence after this one in its passage, if there is one."""
    return _next_sentence(sentence.passage.text, sentence.text)


def _next_sentence(text: str, span: str) -> str | None:
    """The sentence after `span` in `text`, if there is one."""
    at = text.find(span)
    if at < 0:
        return None
    return next((s for s in sentences(text[at + len(span):].strip()) if s), None)


class TextReading:
    """The engine's reading of the texts' sentences (a part of `Engine`)."""

    kb: KnowledgeBase
    matchers: dict[str, Matcher]
    _passage_min: dict[str, float]

    def _passage_answer(self, asked: str, scope: list[str], queries: dict[str, Query],
                        offered: tuple[Suggestion, ...]) -> Answer | None:
        """The text's own sentence, when one clearly answers: above its text's bar, and no
        other passage close behind; quoted with the sentence before, when it opens with "he" or
        "she" for someone that one names ("He was hanged at Tyburn ..." names no one), and with
        the sentence after, when that one goes on about what it names (`_with_what_goes_on`)."""
        answer = self._read_passages(asked, scope, queries, offered)
        if answer is None:
            return None
        cited = answer.citations[0]
        if not self._names_its_rare_names(queries[cited.passage.source], cited.passage):
            return None
        text = cited.passage.text
        quoted = cited.quote
        before = _sentence_before(text, text.find(quoted))
        if PERSON_PRONOUN.match(quoted) and before and f"{before} {quoted}" in text:
            quoted = f"{before} {quoted}"
        quoted = _with_what_goes_on(text, quoted)
        if quoted == cited.quote:
            return answer
        return replace(answer, text=answer.text.replace(f"\u201c{cited.quote}\u201d", f"\u201c{quoted}\u201d", 1),
                       citations=(CitedPassage(cited.passage, quoted), *answer.citations[1:]))

    def _read_passages(self, asked: str, scope: list[str], queries: dict[str, Query],
                       offered: tuple[Suggestion, ...]) -> Answer | None:
        """The passage answer as the readings decide it, each check made on the sentence alone."""
        answering = self._answering(scope, queries)
        said = self._words_passage(asked, answering, queries, offered)
        if said is not None:
            # However well its words fit, a sentence that does not state what is asked (a time for
            # "when", a figure for "how many") answers another question.
            cited = said.citations[0]
            query = queries[cited.passage.source]
            # The text's definition answers "what is the policy rate?", though "rate" might ask a figure.
            defining = _defines(asked)
            if defining is not None and defining.search(cited.quote):
                return said
            if not self._states_asked(query, cited.passage, cited.quote) or self.matchers[
                    cited.passage.source].only_everyday_in(query, cited.quote):
                return self._fused_passage(asked, scope, answering, queries, offered)
            # Where the words and the meaning together clearly read another passage as the answer,
            # the words alone were misled: "john snow birthplace" is where he "was born", not where
            # a theory "placed the blame".
            # ("who is abe" is where the text first names him, whatever reads closest: `_words_passage`)
            fused = None if _IDENTITY.match(asked) else self._fused_passage(asked, scope, answering, queries, offered)
            return fused if fused is not None and _overrules(fused, said, answering, query.text or asked) else said
        return (self._meaning_passage(asked, scope, answering, queries, offered)
                or self._fused_passage(asked, scope, answering, queries, offered)
                or self._typed_passage(asked, scope, answering, queries, offered))

    def _answering(self, scope: list[str], queries: dict[str, Query]) -> list[tuple[float, Sentence]]:
        """The best few sentences of every text in scope, best first (among equals, in scope order).

        A curated text whose sentences cannot come near the best found is not read: nothing of
        it could be the answer, a rival or a tie, and with many texts served most are about
        something else. Near means within PASSAGE_MARGIN of the best; while the best is below
        every text's bar, only the best itself counts (`_words_passage`). Texts nobody has
        curated are always read, since their own sentences are ranked against what MiniLM finds
        (`_meaning_passage`).
        """
        found = {sid: self.matchers[sid].answer_sentences(queries[sid])
                 for sid in scope if self._passage_min[sid] == UNCURATED_PASSAGE_MIN}
        best = max((r[0] for ranked in found.values() for r in ranked), default=0.0)
        ceilings = sorted(((self.matchers[sid].sentence_bound(queries[sid]), n, sid)
                           for n, sid in enumerate(scope) if sid not in found), key=lambda c: (-c[0], c[1]))
        for ceiling, _, sid in ceilings:
            margin = PASSAGE_MARGIN if best >= min(PASSAGE_MIN, UNCURATED_PASSAGE_MIN) else 0.0
            if ceiling + SLACK < best - margin:
                break
            found[sid] = self.matchers[sid].answer_sentences(queries[sid])
            best = max([best, *(r[0] for r in found[sid])])
        return sorted((r for sid in scope for r in found.get(sid, ())), key=lambda r: -r[0])

    def _words_passage(self, asked: str, answering: list[tuple[float, Sentence]], queries: dict[str, Query],
                       offered: tuple[Suggestion, ...]) -> Answer | None:
        """The best sentence by the words, if it clears its text's bar (or MiniLM agrees with it)."""
        if not answering:
            return None
        best, sentence = answering[0]
        if best < self._passage_min[sentence.passage.source]:
            agreed = self._agreed(answering, queries[sentence.passage.source].text or asked)
            return None if agreed is None else self._passage_said(asked, agreed[1], agreed[0], offered)
        rival = next((s for s, other in answering if other.passage != sentence.passage), 0.0)
        if best - rival < PASSAGE_MARGIN:
            if not _IDENTITY.match(asked):
                query = queries[sentence.passage.source]
                agreed = self._agreed(answering, query.text or asked) or self._in_order(answering, query)
                return None if agreed is None else self._passage_said(asked, agreed[1], agreed[0], offered)
            # "What is X?" / "Who was X?": the text introduces X where it first names it, or where it
            # says what X is ("An earthen dam, sometimes called ..., is a barrier ..."), if it names it first
            # in passing ("an earthen dam high in the Allegheny Mountains gave way").
            tied = [r for r in answering if best - r[0] < PASSAGE_MARGIN and r[1].passage.number > 0]
            if not tied:
                return None
            defining = _defines(asked)
            # The words rank only their best few, and a short definition says little besides the
            # term: "A bill is a draft of a proposed law." is found among all the text's sentences.
            if defining is not None:
                defined = [s for sid in dict.fromkeys(r[1].passage.source for r in tied)
                           for s in self.matchers[sid].sentences if s.passage.number > 0 and defining.search(s.text)]
                if defined:
                    return self._passage_said(asked, min(defined, key=lambda s: s.passage.number), best, offered)
            best, sentence = min(tied, key=lambda r: r[1].passage.number)
        return self._passage_said(asked, sentence, best, offered)

    def _meaning_passage(self, asked: str, scope: list[str], answering: list[tuple[float, Sentence]],
                         queries: dict[str, Query], offered: tuple[Suggestion, ...]) -> Answer | None:
        """In a text nobody has curated, the sentence MiniLM reads as closest to the question, when it
        is close indeed (MEANING_PASSAGE_MIN) and the words rank its passage among their first few."""
        found = []
        for source in scope:
            if self._passage_min[source] != UNCURATED_PASSAGE_MIN:
                continue
            sentence, closeness = self._closest_sentence(source, queries[source].text or asked)
            if sentence is not None and self._closest_elsewhere(source, queries[source].text or asked,
                                                                sentence) > closeness - MEANING_PASSAGE_MARGIN:
                continue  # another passage reads about as close: MiniLM alone does not choose
            if sentence is not None and closeness >= MEANING_PASSAGE_MIN:
                stating = self._stating(queries[source], sentence)
                if stating is not None:
                    found.append((closeness, stating))
        if not found:
            return None
        _, sentence = max(found, key=lambda f: f[0])
        words = [(score, s) for score, s in answering if s.passage.source == sentence.passage.source]
        score = next((score for score, s in words[:MEANING_PASSAGE_RANKS] if s.passage == sentence.passage), 0.0)
        if score < MEANING_PASSAGE_WORDS:
            return None
        return self._passage_said(asked, sentence, score, offered)

    def _fused_passage(self, asked: str, scope: list[str], answering: list[tuple[float, Sentence]],
                       queries: dict[str, Query], offered: tuple[Suggestion, ...]) -> Answer | None:
        """In a text nobody has curated, the sentence the words and MiniLM together read as the
        answer: the words' score plus FUSED_MEANING_SHARE times the cosine, at FUSED_PASSAGE_MIN and
        FUSED_PASSAGE_MARGIN ahead of any other passage (or at FUSED_CLEAR_MIN, FUSED_CLEAR_MARGIN ahead);
        or, for a question mostly in words the text never uses, MiniLM's closest sentence."""
        words = _words_by_text(answering)
        closest: tuple[float, Sentence] | None = None  # MiniLM's, of a question mostly in other words
        scored: list[tuple[list[Sentence], np.ndarray, np.ndarray]] = []  # each text's sentences, passages, fused
        best: tuple[float, Sentence, int] | None = None  # the first of equals, as scope and text order go
        for source in scope:
            if self._passage_min[source] != UNCURATED_PASSAGE_MIN:
                continue
            sentences, closeness, numbers, fused = self._fused(source, queries[source].text or asked,
                                                               words.get(source, {}))
            if not len(sentences):
                continue
            scored.append((sentences, numbers, fused))
            at = int(fused.argmax())
            if best is None or fused[at] > best[0]:
                best = (float(fused[at]), sentences[at], len(scored) - 1)
            if OWN_WORDS_KNOWN_MIN < queries[source].known <= OWN_WORDS_KNOWN:
                at = int(closeness.argmax())
                if closest is None or closeness[at] > closest[0]:
                    closest = (float(closeness[at]), sentences[at])
        rival = 0.0
        if best is not None:  # the best of any other passage
            others = [float(fused[numbers != best[1].passage.number].max(initial=-np.inf)) if n == best[2]
                      else float(fused.max()) for n, (_, numbers, fused) in enumerate(scored)]
            rival = max((f for f in others if f > -np.inf), default=0.0)
        if best is not None and ((best[0] >= FUSED_PASSAGE_MIN and best[0] - rival >= FUSED_PASSAGE_MARGIN)
                                 or (best[0] >= FUSED_CLEAR_MIN and best[0] - rival >= FUSED_CLEAR_MARGIN
                                     and self._names_its_rare_names(queries[best[1].passage.source], best[1].passage))):
            fused_score, sentence, _ = best
            score = fused_score / (1 + FUSED_MEANING_SHARE)
        elif closest is not None and closest[0] >= OWN_WORDS_MEANING_MIN:
            score, sentence = closest
        else:
            return None
        sentence = self._stating(queries[sentence.passage.source], sentence)
        if sentence is None:
            return None
        if sentence.before and PERSON_PRONOUN.match(sentence.text) \
                and f"{sentence.before} {sentence.text}" in sentence.passage.text:
            # "He was born in York ...": quoted with the sentence that says who he is, as the words'
            # reading quotes a sentence that needs the one before.
            sentence = replace(sentence, text=f"{sentence.before} {sentence.text}",
                               terms=sentence.terms | sentence.before_terms)
        return self._passage_said(asked, sentence, score, offered)

    def _fused(self, source: str, question: str, words: Mapping[tuple[int, str], float]
               ) -> tuple[list[Sentence], np.ndarray, np.ndarray, np.ndarray]:
        """A text's sentences, MiniLM's cosine of each, their passages' numbers, and the two
        readings added up: `words`' score of each (by passage and sentence) plus
        FUSED_MEANING_SHARE times the cosine."""
        sentences, closeness = self._closeness(source, question)
        if not len(sentences):
            return sentences, closeness, closeness, closeness
        read = self._readings(source, encoder())
        fused = FUSED_MEANING_SHARE * closeness.astype(np.float64)
        for place, score in words.items():
            if (at := read.places.get(place)) is not None:
                fused[at] = score + fused[at]
        return sentences, closeness, read.numbers, fused

    def _typed_passage(self, asked: str, scope: list[str], answering: list[tuple[float, Sentence]],
                       queries: dict[str, Query], offered: tuple[Suggestion, ...]) -> Answer | None:
        """In a text nobody has curated, for a question that asks for one kind of thing (an age, a
        date, a sum, a measure), the sentence the words and MiniLM together read best among those
        that state that kind, from TYPED_MIN and TYPED_MARGIN ahead of any other passage's that
        does, sharing a word with the question (TYPED_WORD_WEIGHT) besides the title's: "In what
        year did the court decide the case against the tank's owners?" is "In 1925 the court ruled
        against the company ...", though sentences on the case that give no year read closer."""
        found: list[tuple[float, Sentence]] = []
        words = _words_by_text(answering)
        for source in scope:
            query = queries[source]
            if self._passage_min[source] != UNCURATED_PASSAGE_MIN or not query.asks & TYPED_ASKS:
                continue
            sentences, _, _, fused = self._fused(source, query.text or asked, words.get(source, {}))
            if not len(sentences):
                continue
            matcher = self.matchers[source]
            # Words of the question that the title does not say, for a sentence to share one of.
            own = {t for t, w in query.terms.items() if w >= TYPED_WORD_WEIGHT and t not in LIGHT_WORDS} \
                - set(matcher.vocab.terms(self.kb.sources[source].title))
            for at in np.flatnonzero(fused >= TYPED_MIN - TYPED_MARGIN):
                sentence = sentences[at]
                if sentence.passage.number > 0 and not own.isdisjoint(matcher.vocab.terms(sentence.text)) \
                        and self._states_asked(query, sentence.passage, sentence.text):
                    found.append((float(fused[at]), sentence))
        if not found:
            return None
        found.sort(key=lambda f: -f[0])
        best, sentence = found[0]
        rival = next((f for f, s in found[1:] if s.passage != sentence.passage), 0.0)
        if best < TYPED_MIN or best - rival < TYPED_MARGIN \
                or not self._names_its_rare_names(queries[sentence.passage.source], sentence.passage):
            return None
        return self._passage_said(asked, sentence, best / (1 + FUSED_MEANING_SHARE), offered)

    def _names_its_rare_names(self, query: Query, passage: Passage) -> bool:
        """Whether the passage speaks of every name of the text's that the question gives and
        English rarely uses otherwise (under RARE_NAME_ZIPF): "is kaczmarski russian" is not answered
        by a passage on Russia that never names him. (A name that is also a word, "war" of the
        Second World War, "flood" of the Great Molasses Flood, is as often the member's own word.)
        The names the text's title gives count as said by every passage: "how many guns did the vasa
        carry" of an essay titled "... Why the Vasa Sank" is answered by "She was designed to carry 64 guns"."""
        matcher = self.matchers[passage.source]
        rare = {t for t in query.terms if t in matcher.names and not t.isdigit()
                and max(zipf(part) for part in t.split("_")) < RARE_NAME_ZIPF}
        titled = {t for name in matcher.titles.get(passage.source, ()) for t in name}
        return rare - titled <= matcher.passage_terms[(passage.source, passage.number)]

    def _rare_names(self, query: Query, passage: Passage) -> set[str]:
        """The question's names that the text uses as names and English rarely uses otherwise (under
        RARE_NAME_ZIPF), but for those of the title, which every passage speaks of. Rarity is read
        by the words as written ("Ukraine" is common); `_names_its_rare_names` reads the stems
        ("ukrain" counts as rare), as it was measured and kept (benchmarks/README.md)."""
        matcher = self.matchers[passage.source]
        rare = {t for t in query.terms if t in matcher.names and _rare(t, query.text)}
        return rare - {t for name in matcher.titles.get(passage.source, ()) for t in name}

    def _stating(self, query: Query, sentence: Sentence) -> Sentence | None:
        """The sentence, if it states what is asked; or, if the next one refers back to it and states
        it, the two: "The last major cholera epidemic in London, in 1866, settled much of the
        argument. It killed more than 5,000 people." answers "how many died in 1866"."""
        if self._states_asked(query, sentence.passage, sentence.text):
            return sentence
        pair = _going_on(sentence.passage.text, sentence.text)
        if pair is not None and self._states_asked(query, sentence.passage, pair):
            return replace(sentence, text=pair)
        return self._named_before(query, sentence)

    def _named_before(self, query: Query, sentence: Sentence) -> Sentence | None:
        """For "who was the X", a sentence that calls someone the X only as "him" or "her", with
        those before it up to the one that names them: "who was the candy bomber" is answered by "...
        a young American pilot, Lieutenant Gail Halvorsen, met a group of children ... Children called
        him "Uncle Wiggly Wings" and the press called him the "Candy Bomber"." Only a role the
        sentence holds the pronoun beside (`Matcher.names_besides`): who did something is no
        role, and "he" may be anyone the sentences before name."""
        role = asked_role(query.text)
        if role is None or not POINTED_AT.search(sentence.text):
            return None
        text = sentence.passage.text
        span = sentence.text
        for _ in range(NAMED_BEFORE):
            before = _sentence_before(text, text.find(span))
            if before is None or f"{before} {span}" not in text:
                return None
            span = f"{before} {span}"
            if self._states_asked(query, sentence.passage, span):
                return replace(sentence, text=span)
        return None

    def _states_asked(self, query: Query, passage: Passage, said: str) -> bool:
        """Whether words of the text state what the question asks for: a time for "when", a figure
        for "how many" (beside what it counts, if they speak of that), someone's view in words of
        thinking or saying, and for "who" or "which company" a name the question does not give
        itself (beside the role asked of, if they speak of that); and whether their passage (or the
        text's details) speaks of the numbers the question names ("how many died in the 2018
        tsunami" is not answered by the toll of 1883)."""
        matcher = self.matchers[passage.source]
        if not answers(query.asks, _without_days_asked(said, query.text)) or not matcher.counts_beside(query, said):
            return False
        if self._of_someone_else(query, passage, said) or matcher.places_in_it(query, said):
            return False
        if not query.asks & {NAME} and self._names_others(query, passage, said):
            return False
        # "What is the capital of France" asks what the text never speaks of, however it names France.
        if (attribute := asked_attribute(query.text)) and (term := stem(attribute)) in query.unknown_terms \
                and query.terms.get(term, 0.0) >= EVENT_WEIGHT:
            return False
        if asks_a_view(query.text) and not states_a_view(said):  # "what does china think about ..."
            return False
        if query.asks & {TIME, OCCASION, PLACE} and not _speaks_of_the_event(matcher, query, said):
            return False
        numbers = {nth.group(1) if (nth := _NTH.fullmatch(t)) else t for t in query.terms  # "the 27th": 27
                   if t.isdigit() or t in _ORDINALS or _NTH.fullmatch(t) or t in _MONTH_TERMS}
        # A number of the text's details counts too: "in September 2018" of a text dated September 2018.
        # So does an ordinal: "in the eighteenth century" is not answered by the twentieth's toll.
        context = f"{passage.text} {self.kb.sources[passage.source].about.text}"
        if numbers and not numbers <= set(matcher.vocab.terms(context)):
            return False
        role = asked_role(query.text)
        if role is None and not asks_a_name(query.text):
            return True
        if _chosen(matcher, query.text, said):  # "who won the toss, Best or Noble?": "Best won"
            return True
        if _done_by_no_one(query.text, said):
            return False
        return matcher.names_besides(query, said, role, sentence=True)

    def _names_others(self, query: Query, passage: Passage, said: str) -> bool:
        """Whether each sentence quoted that states what is asked names none of the question's rare
        names (`_rare_names`) and rare names of its own instead: it speaks of them, though its
        passage speaks of the one asked of too. "how old was ali maow maalin when he caught
        smallpox" is not answered by "... three-year-old Rahima Banu ... became the last person
        known to catch variola major", the sentence before the one on Maalin. (A "who" asks for a
        name the question does not give.)"""
        asked = self._rare_names(query, passage)
        if not asked:
            return False
        matcher = self.matchers[passage.source]
        parts = [part for part in sentences(said) if part]
        stating = [part for part in parts if answers(query.asks, part)] if query.asks else parts
        for part in stating or parts:
            terms = set(matcher.vocab.terms(part))
            if asked & terms or not any(t in matcher.names and _rare(t, part) for t in terms):
                return False
        return True

    def _of_someone_else(self, query: Query, passage: Passage, said: str) -> bool:
        """Whether the sentence (or one of the two quoted) opens with "he" or "she" for someone the
        sentence before names, other than the one the question asks of: "He fell ill and died within
        days", after "a student's scalpel had cut Kolletschka's finger", does not say how Semmelweis died."""
        if not _PERSON_OPENS.search(said):
            return False
        matcher = self.matchers[passage.source]
        asked = set(matcher.subject_names(query.text))
        at = passage.text.find(said)
        if not asked or at < 0:
            return False
        before = _sentence_before(passage.text, at)
        read = [*([before] if before else []), *(s for s in sentences(said) if s)]
        for previous, sentence in itertools.pairwise(read):
            if _PERSON_OPENS.match(sentence):
                named = {t for run in _NAME_WORD.finditer(previous) for t in matcher.vocab.terms(run.group())
                         if t in matcher.names}
                if named and not named & asked:
                    return True
        return False

    def _in_order(self, answering: list[tuple[float, Sentence]], query: Query) -> tuple[float, Sentence] | None:
        """Among sentences the words rank about equally, the one sole passage that has two of the
        question's words side by side, in its order: "what was the fire engine called" is the
        sentence on "the city's new motorised fire engine", not the one where a fire spread and a
        ship reversed its engines."""
        best = answering[0][0]
        tied = [(score, s) for score, s in answering if best - score < PASSAGE_MARGIN]
        asked = list(query.terms)
        pairs = {(a, b) for a, b in itertools.pairwise(asked) if a not in LIGHT_WORDS and b not in LIGHT_WORDS}
        if not pairs:
            return None
        vocab = self.matchers[tied[0][1].passage.source].vocab
        ordered = [(score, s) for score, s in tied if pairs & set(itertools.pairwise(vocab.terms(s.text)))]
        if len({s.passage for _, s in ordered}) != 1:
            return None
        return ordered[0]

    def _closest_elsewhere(self, source: str, question: str, sentence: Sentence) -> float:
        """MiniLM's cosine of the closest sentence in another passage than `sentence`'s."""
        _, closeness = self._closeness(source, question)
        numbers = self._readings(source, encoder()).numbers
        return float(closeness[numbers != sentence.passage.number].max(initial=0.0))

    def _closest_sentence(self, source: str, question: str) -> tuple[Sentence | None, float]:
        """The sentence of a text MiniLM finds closest to the question."""
        sentences, closeness = self._closeness(source, question)
        if not sentences:
            return None, 0.0
        closest = int(closeness.argmax())
        return sentences[closest], float(closeness[closest])

    def _closeness(self, source: str, question: str) -> tuple[list[Sentence], np.ndarray]:
        """A text's sentences and MiniLM's cosine of each to the question.

        The question is read once, and each text's closeness to it remembered while it is the last
        question asked: the readings that rescue a passage the words miss (`_agreed`,
        `_meaning_passage`, `_fused_passage`) each ask for it, of every text served."""
        model = encoder()
        if model is None:
            return [], np.zeros(0)
        memo = self.__dict__.get("_closeness_memo")
        if memo is None or memo[0] != question or memo[1] is not model:
            memo = self._closeness_memo = (question, model, model.embed([without_chat(question)])[0], {})
        matcher = self.matchers[source]
        found = memo[3].get(source)
        if found is None or found[0] is not matcher:
            read = self._readings(source, model)
            closeness = read.vectors @ memo[2]
            if len(read.going_on):
                closeness[read.going_on] = np.maximum(closeness[read.going_on], read.read_on @ memo[2])
            if len(read.clause_of):
                np.maximum.at(closeness, read.clause_of, CLAUSE_SHARE * (read.clauses @ memo[2]))
            found = memo[3][source] = (matcher, (read.sentences, closeness))
        return found[1]

    def _readings(self, source: str, model: Encoder) -> _Readings:
        """A text's sentences (not its details) and MiniLM's reading of each, read once per text and
        kept with its matcher. Read with the one before it, the sentence MiniLM ranks first was the
        right one for 142 of 294 development questions; read alone, for 174 (the other sentence
        dilutes what this one says)."""
        matcher = self.matchers[source]
        kept = matcher.__dict__.setdefault("_minilm_readings", {})
        found = kept.get(source)
        if found is None or found[0] is not model:
            # Not a question or an exercise the text sets its reader: it states nothing.
            sentences = [s for s in matcher.sentences if s.passage.source == source and s.passage.number > 0
                         and not asks_the_reader(s.text)]
            going_on = [i for i, s in enumerate(sentences) if s.before and _REFERS_BACK.match(s.text)]
            parts = [(i, part) for i, s in enumerate(sentences) for part in _clauses(s.text)]
            vectors = model.embed([*(s.text for s in sentences),
                                   *(f"{sentences[i].before} {sentences[i].text}" for i in going_on),
                                   *(part for _, part in parts)])
            read_on_end = len(sentences) + len(going_on)
            places: dict[tuple[int, str], int] = {}
            for i, s in enumerate(sentences):
                places.setdefault((s.passage.number, s.text), i)
            found = kept[source] = (model, _Readings(
                sentences, vectors[: len(sentences)], np.asarray(going_on, dtype=np.intp),
                vectors[len(sentences):read_on_end], places,
                np.asarray([s.passage.number for s in sentences], dtype=np.int64),
                vectors[read_on_end:], np.asarray([i for i, _ in parts], dtype=np.intp)))
        return found[1]

    def _agreed(self, answering: list[tuple[float, Sentence]], question: str) -> tuple[float, Sentence] | None:
        """The sentence the words rank best, or about as well (within PASSAGE_MARGIN), in the passage
        where MiniLM, reading every sentence of a text nobody has curated yet, finds the one closest
        to the question: two readings that agree answer below the bar, or ahead of a rival passage,
        where the words alone may not. Words that cover a question equally well in several
        passages ("who does japan rely on for security": Korea's denuclearization, the US) leave
        the choice to the meaning."""
        best, sentence = answering[0]
        source = sentence.passage.source
        if self._passage_min[source] != UNCURATED_PASSAGE_MIN or best < AGREED_PASSAGE_MIN:
            return None
        closest, closeness = self._closest_sentence(source, question)
        if closest is None or closeness < AGREED_MEANING_MIN:
            return None
        tied = [(score, s) for score, s in answering
                if best - score < PASSAGE_MARGIN and score >= AGREED_PASSAGE_MIN and s.passage == closest.passage]
        if not tied:
            return None
        # In that passage, the sentence MiniLM reads as the answer when the words rank it too.
        return next(((score, s) for score, s in tied if s == closest), tied[0])

    def _list_over(self, sentence: Sentence) -> CitedPassage | None:
        """The items of a list that a passage's last sentence announces ("Abe had two further
        objectives.") and the next passage goes through ("First, he aimed ... Second, ..."), up to the
        last of them, when they fit in LIST_CHARS with the sentence."""
        text = sentence.passage.text
        if not _ANNOUNCES.search(sentence.text) or not text.rstrip().endswith(sentence.text):
            return None
        following = self.kb.passage(sentence.passage.source, sentence.passage.number + 1)
        items = _items(following.text) if following is not None else []
        listed = " ".join(items)
        if not items or len(sentence.text) + len(listed) >= LIST_CHARS or listed not in following.text:
            return None
        return CitedPassage(following, listed)

    def _passage_said(self, asked: str, sentence: Sentence, score: float,
                      offered: tuple[Suggestion, ...]) -> Answer:
        """The text's own sentence as the answer, said plainly to be the text's words."""
        passage = sentence.passage
        listed = _with_list(sentence)
        over = None if listed else self._list_over(sentence)  # the list goes on in the next passage
        if listed:
            quoted = listed
        elif _EXPLAIN.match(asked) and not over:
            quoted = _with_explanation(sentence)
        else:
            quoted = sentence.text
        quoted = _with_what_it_names(sentence, quoted)
        citations = (CitedPassage(passage, quoted), *((over,) if over else ()))
        where = f"passages {passage.number} and {over.passage.number}" if over else f"passage {passage.number}"
        if len(self.kb.sources) > 1:
            where = f"{self.kb.sources[passage.source].name}, {where}"
        # What else to read is of the text quoted: another text's entries that merely scored are noise,
        # and so is who wrote it or when, unless the question speaks of the text itself.
        about_text = speaks_of_the_text(asked)
        offered = tuple(s for s in offered if s.source == passage.source
                        and (about_text or not is_details_id(s.entry_id)))
        said = " ".join(f"\u201c{c.quote}\u201d" for c in citations)
        return Answer(asked, "passage", f"No curated answer covers this, but the text itself says ({where}): {said}",
                      score * ANSWER_MIN, citations=citations, suggestions=offered)
