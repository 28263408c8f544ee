"""A sentence's subject and verb, read well enough to turn it into a question.

"Americans planted ..." asks "did Americans plant", "The battle was fought ..." asks "was the
battle fought", "Lee had led ..." asks "did Lee lead", and "the power surrendered by the people
is first divided ..." is about the power, not something it surrendered.
"""

from __future__ import annotations

from dataclasses import dataclass

from .draft_words import lemma, participle_base, past_base
from .text import MONTHS

MAX_SUBJECT_WORDS = 8  # a longer "subject" is a misparse, not a noun phrase
MAX_MODIFIER_WORDS = 10  # "holding about 8.7 million litres of molasses": what a subject's "-ing" phrase may hold
_BE = {"is", "are", "was", "were"}
_HAVE = {"had", "has", "have"}
# A past participle after these is an adjective ("the gardened plot"), not the sentence's verb.
_NOT_BEFORE_VERB = {"a", "an", "the", "of", "to", "in", "for", "by", "with", "and", "or",
                    "most", "least", "more", "less", "best", "well", "much", "very", "so", "too"}  # "the most studied"
_PRONOUNS = {"it", "they", "we", "you", "he", "she", "this", "that", "these", "those", "i", "there", "such",
             "what", "who", "which", "whose", "whom", "how", "why", "where", "when"}  # "What changed ... was"
# A person's pronoun inside a "subject" means its start was something else: "to make ends meet he".
_PERSONAL = {"he", "she", "they", "we", "i", "you"}
_STANDS_FOR_BEFORE = {"it", "they", "this"}  # read as the subject of the sentence before
_OWNER_BEFORE = {"its"}  # "its hold": the hold of the subject before
# "Their bridge", "his defenders": whose is too often not the subject before ("the crossing was
# given to Fowler and Baker. Their bridge ..."), so the question says "the".
UNSURE_OWNERS = {"their", "his", "her"}
_COORDINATORS = {"and", "but", "so", "yet", "or"}
_SUBORDINATORS = {"when", "while", "after", "before", "because", "since", "as", "if", "although", "though",
                  "where", "which", "who", "whose", "that", "whereas", "until", "once", "unless"}
# A sentence may open with when or where before its subject: "On 17 April the crew landed ...",
# "In the end NASA counted ...". The subject starts at a determiner or at a name after it.
# A purpose opens the same way: "To make ends meet he demonstrated ...", whose subject is a pronoun.
_FRONTED = {"on", "in", "at", "during", "after", "before", "by", "from", "until", "within", "throughout",
            "over", "since", "for", "following", "upon", "across", "around", "near", "under", "to"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_MONTHS = {m.lower() for m in MONTHS}
# Adverbs that sit between an auxiliary and its participle: "is first divided", "was soon taken".
_MID_ADVERBS = {"first", "then", "also", "soon", "later", "eventually", "now", "once", "still", "never", "not",
                "finally", "again", "already", "ever"}
# ... and those that stand between a subject and its past-tense verb ("de Meyer even named"), which
# a question leaves out: "When did de Meyer name ...?".
_BEFORE_VERB = _MID_ADVERBS | {"even", "only", "just", "promptly", "quickly", "immediately", "subsequently",
                               "initially", "originally", "actually", "reportedly", "apparently", "famously",
                               "briefly", "gradually", "duly", "rightly", "wrongly", "mistakenly", "successfully"}
# A time said before the subject, which a question leaves out or asks for.
_WHEN_ADVERBS = {"today", "now", "nowadays", "later", "eventually", "meanwhile", "afterwards", "then", "soon",
                 "yesterday", "finally", "still", "once", "subsequently", "thereafter"}
# A subject that counts or denies ("few Europeans had ever climbed ...") asks nothing of anyone, and
# one holding a verb ("it became the most ...") is a misread clause.
_NO_SUBJECT = {"few", "many", "several", "most", "some", "no", "nobody", "none", "all", "every", "each"}
_VERBS_IN_SUBJECT = {"is", "are", "was", "were", "became", "become", "becomes", "remained", "seemed", "had", "has",
                     "have"}


@dataclass(frozen=True)
class Clause:
    """SUBJECT [AUX [ADVERB]] VERB AFTER, e.g. 'the battle' 'was' '' 'fought' 'in Adams County ...'."""

    subject: str
    verb: str  # as written: "planted", "fought"
    after: str
    aux: str | None = None  # "was" in "was fought" (passive), "had" in "had led", "had been" in "had been driven"
    adverb: str = ""

    @property
    def passive(self) -> bool:
        return self.aux is not None and (self.aux in _BE or self.aux.endswith(" been"))

    @property
    def base(self) -> str:
        return lemma(self.verb)

    def ask(self, wh: str, rest: str = "") -> str:
        """The question: 'When did the canal open?', 'Where was the battle fought?' with `rest` after the verb."""
        if self.passive:
            aux, _, been = (self.aux or "").partition(" ")
            words = [wh, aux, self.subject, self.adverb, been, self.verb, rest]
        else:
            words = [wh, "did", self.subject, self.adverb, self.base, rest]
        return " ".join(w for w in words if w).strip() + "?"

    @property
    def said(self) -> str:
        """The clause as the text says it, up to the verb: 'the battle was fought', 'Lee had led'."""
        return " ".join(w for w in (self.subject, self.aux, self.adverb, self.verb) if w)


def clause_of(head: str, *, previous_subject: str | None = None) -> Clause | None:
    """The subject and verb `head` opens with, or None if it has no readable past-tense or passive verb."""
    words = head.split()
    for index, word in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        if not index or words[index - 1].lower() in _NOT_BEFORE_VERB:
            continue
        if word in _BE or word in _HAVE:
            found = _with_auxiliary(words, index)
            if found is not None:
                return _checked(words[:index], found, previous_subject)
            if word in _BE or word != "had":
                return None  # a copula ("is 363 miles long") or a present perfect: no verb to ask with
        if past_base(word) and not _reduced_relative(words, index):
            return _checked(words[:index], Clause("", word, " ".join(words[index + 1:])), previous_subject)
    return _past_a_modifier(words, previous_subject)


def _past_a_modifier(words: list[str], previous_subject: str | None) -> Clause | None:
    """'a large storage tank holding about 8.7 million litres of molasses burst in ...': the subject
    is the noun before its "-ing" phrase, the verb the first past tense after that phrase."""
    for index, word in enumerate(words[2: MAX_SUBJECT_WORDS + 1], start=2):
        if not (len(word) > 5 and word.endswith("ing") and word.isalpha() and word.islower()):
            continue
        for at in range(index + 2, min(len(words), index + 1 + MAX_MODIFIER_WORDS)):
            if any(mark in words[at - 1] for mark in ",;:()"):
                return None  # a clause of its own, not one phrase
            if words[at - 1].lower() not in _NOT_BEFORE_VERB and past_base(words[at]) \
                    and not _reduced_relative(words, at):
                return _checked(words[:index], Clause("", words[at], " ".join(words[at + 1:])), previous_subject)
        return None
    return None


def _with_auxiliary(words: list[str], index: int) -> Clause | None:
    """'was fought ...', 'is first divided ...', 'had led ...', 'had been driven ...' from words[index]."""
    aux, at = words[index], index + 1
    if aux in _HAVE and at < len(words) and words[at] == "been":
        aux, at = f"{aux} been", at + 1
    adverb = ""
    if at < len(words) and (words[at] in _MID_ADVERBS or (words[at].endswith("ly") and words[at].isalpha())):
        adverb, at = words[at], at + 1
    if at >= len(words) or not words[at].isalpha() or not words[at].islower() or not participle_base(words[at]):
        return None
    return Clause("", words[at], " ".join(words[at + 1:]), aux, adverb)


def _reduced_relative(words: list[str], index: int) -> bool:
    """'the power surrendered by the people is ...': a participle describing the subject, not its verb.

    'Traffic fell by 62%' is a verb: what follows 'by' there is a figure.
    """
    after = words[index + 1: index + 3]
    return len(after) == 2 and after[0] == "by" and not after[1][:1].isdigit() and words[index] not in {
        "fell", "rose", "grew"}


def _checked(subject_words: list[str], clause: Clause, previous_subject: str | None) -> Clause | None:
    if subject_words and subject_words[0].lower() in _FRONTED:
        subject_words = _after_fronted(subject_words)
    while subject_words and subject_words[0].lower() in _COORDINATORS:  # "and the journey took ...": the journey
        subject_words = subject_words[1:]
    if subject_words and subject_words[0].lower() in _SUBORDINATORS:
        return None  # "when the canal opened": a clause inside a sentence, not what it says
    if len(subject_words) > 1 and subject_words[0].lower() in _WHEN_ADVERBS:  # "Today Semmelweis is honoured"
        subject_words = subject_words[1:]
    while len(subject_words) > 1 and subject_words[-1] in _BEFORE_VERB:
        subject_words = subject_words[:-1]
    subject = " ".join(subject_words)
    if subject.lower() in _STANDS_FOR_BEFORE and previous_subject:
        subject = previous_subject
    elif subject_words and subject_words[0].lower() in UNSURE_OWNERS and len(subject_words) > 1:
        subject = " ".join(["the", *subject_words[1:]])
    elif subject_words and subject_words[0].lower() in _OWNER_BEFORE and len(subject_words) > 1:
        # "Its hold carried 2,900 tonnes": the hold of the sentence before's subject, or just "the hold".
        owner = f"{previous_subject}'s" if previous_subject and not previous_subject.endswith("s") else "the"
        subject = " ".join([owner, *subject_words[1:]])
    parts = subject.lower().split()
    if not 0 < len(parts) <= MAX_SUBJECT_WORDS or parts[0] in _PRONOUNS or "," in subject:
        return None
    if _PERSONAL.intersection(parts):
        return None
    if parts[0] in _NO_SUBJECT or _VERBS_IN_SUBJECT.intersection(parts):
        return None
    return Clause(subject, clause.verb, clause.after, clause.aux, clause.adverb)


def _after_fronted(words: list[str]) -> list[str]:
    """The subject after a fronted phrase ("on 17 April | the crew", "in the end | NASA"), or nothing
    when it cannot be told apart: a question that asks "did on 17 April the crew land" reads wrong."""
    for at in range(2, len(words)):
        word, before = words[at], words[at - 1]
        if word.lower() in _DETERMINERS:
            return words[at:]
        if word[:1].isupper() and word.lower() not in _MONTHS and (
                not before[:1].isupper() or before.lower() in _MONTHS):
            return words[at:]
    return []
