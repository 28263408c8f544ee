"""Draft entries: the questions a text answers, found in its sentences by their shape.

Only sentences with a recognisable shape become entries, so each question is grammatical and
each answer is a clause of the text: definitions ("By a faction, I understand ..."), lists
("There are two methods of ...: ..."), reported claims ("Critics argue that ..."),
conclusions and recommendations ("... must ...", "The inference ... is, that ..."), figures
and dates ("Americans planted some 20 million ... in 1943"), and named people ("Margaret
Lindsay, who founded ..."). A sentence with no such shape yields nothing: fewer good drafts
serve a curator better than many bad ones.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .asked import asks_the_reader
from .draft_claims import conclusion_entry, definition_entry, listing_entry, modal_entry, reported_entry, the_x_of_entry
from .draft_common import NUMBER_WORDS, Context, DraftEntry
from .draft_figures import (
    counted_acting_entry,
    counted_subject_entry,
    dated_entry,
    duration_entry,
    figure_entry,
    fronted_date_entry,
    holds_entry,
    measure_entry,
    there_were_entry,
    when_entry,
    which_figure_entry,
)
from .draft_people import (
    called_entry,
    done_by_entry,
    introduced_entry,
    led_by_entry,
    made_by_entry,
    named_thing_entry,
    person_entry,
    place_entry,
    role_is_entry,
    role_named_entry,
    which_sum_entry,
)
from .draft_words import (
    past_base,
    plain_subject,
    sentence_list,
)


def entries_from(passage: int, text: str, *, limit: int, names: frozenset[str]) -> list[DraftEntry]:
    """At most `limit` entries from one passage, in the order its sentences come; the dates found
    inside sentences drafted for something else only where there is room after the rest."""
    out: list[DraftEntry] = []
    dates: list[DraftEntry] = []
    ctx = Context(None, names)
    for sentence in sentence_list(text):
        entry = _entry(passage, sentence, ctx)
        # The date inside a sentence drafted for something else: "It was launched from the Kennedy
        # Space Center on 11 April 1970" is where and when.
        # "In 1925 the court ruled against the company, which paid ... in damages": the date opens it.
        dated = (dated_entry(passage, sentence, ctx) or fronted_date_entry(passage, sentence, ctx)
                 if entry is None or entry.kind != "date" else None)
        if ctx.previous_subject and (owner := _POSSESSIVE_OPENING.match(sentence)):
            # "Her message of 98 words took about sixteen hours": whose, the sentence before says.
            whose = ctx.lower(ctx.previous_subject)
            whose += "'" if whose.endswith("s") else "'s"
            pronoun = re.compile(rf"\b{owner.group(1)}\b", re.I)
            entry, dated = (e and replace(e, questions=tuple(pronoun.sub(whose, q, count=1) for q in e.questions))
                            for e in (entry, dated))
        # "It" in the next sentence stands for this one's subject, or, where this one's is itself a
        # pronoun, for the one before. A sentence whose subject cannot be read ("In the same year, the
        # chemist Dorothy Hodgkin worked out ...") ends the chain: its "It" is no older subject.
        subject = plain_subject(sentence)
        carried = ctx.previous_subject if _opens_with_pronoun(sentence) else None
        ctx = Context(subject or carried, names)
        for kept, found in ((out, entry), (dates, dated)):
            if found is not None and _reads_whole(found) and all(e.questions[0] != found.questions[0]
                                                                  for e in (*out, *dates)):
                kept.append(found)
        if len(out) >= limit:
            break
    return [*out, *dates][:limit]


# A question or answer cut off mid-clause: "... raised and?", "The board recommended two projects that.",
# "... at a height of perhaps?"
_CUT_OFF = re.compile(r"\b(?:and|or|but|that|which|who|the|a|an|its|their|"
                      r"perhaps|about|nearly|roughly|almost|around|approximately)\W*$", re.I)


def _reads_whole(entry: DraftEntry) -> bool:
    """Neither the question nor the answer stops mid-clause, and the question asks with one verb:
    "How many years did construction begin in 1882 and took?" runs two clauses together."""
    question = entry.questions[0]
    # ("... teach them the techniques and then left?" too.)
    two_verbs = re.search(r"\b(?:did|does|do)\b.*\band (?:then |later |soon |also |finally |eventually )?(\w+)\b",
                          question)
    if two_verbs and past_base(two_verbs.group(1)):
        return False
    # "How many men did the canisters that clean the air could not cope with?": a clause's own verb kept.
    if re.search(r"\b(?:did|does|do)\b.*\b(?:could|would|can|should|must|might|will|cannot)\b", question):
        return False
    # "How many megatons did the energy release is usually estimated at?": a subject's own verb read as the clause's.
    if re.search(r"\b(?:did|does|do)\b(?:(?! (?:that|which|who) ).)*? (?:is|are|was|were)\b", question):
        return False
    if re.search(r"\b(\w+) \1\b", question, re.I):  # "... 200 million francs in in 1858?"
        return False
    return not _CUT_OFF.search(question.rstrip("?")) and not _CUT_OFF.search(entry.answer.rstrip(".…"))


_POSSESSIVE_OPENING = re.compile(r"^(His|Her|Its|Their)\s")


def _opens_with_pronoun(sentence: str) -> bool:
    first = sentence.split()[0].lower().strip(",") if sentence.split() else ""
    return first in {"it", "they", "this", "its", "their", "he", "she", "his", "her"}


# Each shape in turn: the first that reads the sentence drafts its entry, so where two shapes
# both read one, this order decides.
_MAKERS = (definition_entry, named_thing_entry, listing_entry, the_x_of_entry, reported_entry, conclusion_entry,
           measure_entry, there_were_entry, counted_subject_entry, counted_acting_entry, duration_entry, figure_entry,
           which_figure_entry, done_by_entry, made_by_entry, called_entry, led_by_entry, when_entry, place_entry,
           modal_entry, person_entry, role_named_entry, role_is_entry, which_sum_entry, holds_entry, fronted_date_entry)


def _entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    if asks_the_reader(sentence):
        # The text's own question ("What should a modern reader take from all this?") or exercise
        # ("Explain why select committees matter ...") states nothing.
        return None
    for make in _MAKERS:
        entry = make(passage, sentence, ctx)
        if entry is not None:
            return entry
    aside = _ASIDE.match(sentence) or _APPOSITION.match(sentence)
    if aside is not None:
        # "Whitehouse, trying to improve the faint signals, applied about 2,000 volts to the cable":
        # read without the aside, and quoted whole.
        entry = _entry(passage, f"{aside.group('subject')} {aside.group('rest')}", ctx)
        if entry is not None and entry.quote not in sentence:
            entry = replace(entry, quote=sentence)
        if entry is None and aside.re is _APPOSITION:  # nothing else said of them: who they are
            entry = introduced_entry(passage, sentence, aside.group("subject"), aside.group("aside"))
        return entry
    return None


# A name, then what the name is between commas (a noun phrase: no clause, no count), then what it
# did: "In 1958 Viktor Zhdanov, deputy health minister of the Soviet Union, asked the World Health
# Assembly ...". Read without the apposition (the date before the name kept), and quoted whole.
_APPOSITION = re.compile(r"^(?P<subject>(?:(?:In|On|During|By) [^,]{2,30}?,? )?(?:[A-Z][\w'\u2019.-]*\s){0,4}"
                         r"[A-Z][\w'\u2019.-]*), (?P<aside>(?:an? |the )?"
                         r"(?!(?:who|whom|whose|which|where|when|that|" + NUMBER_WORDS + r")\b)"
                         r"[a-z][^,;:\d]{2,80}?), (?P<rest>[a-z].+)$")

# A subject, then an aside between commas that says how or while, then what it did.
_ASIDE = re.compile(r"^(?P<subject>[A-Z][^,;:]{1,40}?), (?:\w+ing|already|still|then|by then|now)\b[^,;:]{0,60}?, "
                    r"(?P<rest>[a-z].+)$")
