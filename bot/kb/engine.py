"""The answer policy: a curated answer, a "did you mean", the text itself, or an honest "no"."""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from . import dialogue, lexicon, smalltalk
from .asked import TIME, answers, asked_role, asks_a_name, asks_a_view, states_a_view
from .details import by_text, curated, details_entries, details_id, gives_date, is_details, lacks, says_no_date
from .encoder import Encoder, encoder
from .matcher import Matcher, Query, Sentence, gives_a_reason, live_phrasings, question_kind
from .models import Answer, CitedPassage, Entry, KnowledgeBase, Passage, Suggestion, passage_names
from .semantic import embedder
from .text import COMMON_WORDS, LIGHT_WORDS, QUESTION_WORDS, clean_question, search_stems, sentences, stem, words

# A curated entry answers when its score reaches this: most of the question's weight is
# explained by the entry and one of its phrasings says much the same thing.
ANSWER_MIN = 0.55
# Above this the best entry answers even if another is close behind: both explain the question.
CONFIDENT = 0.80
# Below this gap between the two best entries (and under CONFIDENT) the engine cannot tell
# them apart and asks "did you mean" instead of guessing.
AMBIGUITY_MARGIN = 0.05
# Entries this good are worth offering as suggestions, even when none is good enough to answer.
SUGGEST_MIN = 0.40
SUGGESTIONS = 3
# The text itself answers (kind "passage") when one sentence (or two) scores this much, words
# and meaning fused as for entries, and no other passage comes within PASSAGE_MARGIN of it.
PASSAGE_MIN = 0.80
PASSAGE_MARGIN = 0.10
# A text with no curated entries yet has only its passages to answer from, so they answer more
# readily. Measured on the shipped text with its entries removed: below 0.65 off-topic questions
# start to get passages; above it, questions the text plainly answers are declined. A curated
# text keeps PASSAGE_MIN: there, what the curators left out is mostly what the text does not say.
UNCURATED_PASSAGE_MIN = 0.65
# Below that bar, such a text's best sentence still answers when it reaches AGREED_PASSAGE_MIN and
# MiniLM (encoder.py), reading each sentence of the text alone, finds the closest to the question
# (cosine at least AGREED_MEANING_MIN) in the same passage. Chosen on the shipped text with its
# entries removed and on the Broad Street and Krakatoa essays (benchmarks/README.md).
AGREED_PASSAGE_MIN = 0.55
AGREED_MEANING_MIN = 0.45
# And the other way round: MiniLM's closest sentence answers when it is this close (cosine) and the
# words rank its passage among their first MEANING_PASSAGE_RANKS sentences, at MEANING_PASSAGE_WORDS
# at least. Chosen on the same development sets.
MEANING_PASSAGE_MIN = 0.70
MEANING_PASSAGE_RANKS = 3
MEANING_PASSAGE_WORDS = 0.30
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
# Passages named as related in a "none" answer cover at least this much of the question.
RELATED_MIN = 0.35
RELATED = 3
# Search ranks passages by their best sentences; this many sentences are enough to find the
# best few passages.
SEARCH_DEPTH = 50
# The text's details (passage 0) rank below its passages in a search: "search Putin" is after what
# the text says of him, not the line that names the occasion he appears in.
DETAILS_IN_SEARCH = 0.5
# A follow-up is read with the question before it, whose words count this much of their own
# weight: enough to name the topic, never enough to outweigh what is asked now.
CONTEXT_SHARE = 0.6
# A word of the question before that this share of the answered entry's phrasings use is its topic;
# one fewer use weighs less, down to TOPIC_FLOOR of its weight.
TOPIC_SHARE = 0.5
TOPIC_FLOOR = 0.3
# When the engine is unsure, MiniLM itself (encoder.py) reads the question beside each entry it
# would suggest, then beside the SECOND_OPINION_READS entries closest in meaning by the static
# vectors: one whose phrasing it finds this close (cosine), ahead of the next by
# SECOND_OPINION_MARGIN, answers, provided it has every name and number the question asks about.
# Chosen on the development sets: at 0.75 it answered no out-of-scope question there that was
# declined before.
SECOND_OPINION_MIN = 0.75
SECOND_OPINION_MARGIN = 0.06
SECOND_OPINION_READS = 8
# An entry about to be answered with, and another within REREAD_MARGIN of it: the words alone
# hardly tell them apart, and MiniLM reads the question beside each. One it reads closer than the
# first, at REREAD_MIN or more, answers instead ("why would putin suggest a treaty with no
# conditions attached" is the reasons for the proposal, not the proposal).
REREAD_MARGIN = 0.15
REREAD_MIN = 0.75
# An entry that shares one word of substance with the question answers it only if MiniLM reads
# its closest phrasing at least this close, unless its score is CONFIDENT (or the question follows
# an answer, and so leans on it): "whats the capital of australia" is not "What region do the
# three capital letters in the last paragraph refer to?" (0.24).
LONE_WORD_MEANING_MIN = 0.40
SENTENCE_WORDS = 4  # phrasings shorter than this are keywords, not questions
# Longer input is not a question; this is several paragraphs of text.
MAX_QUESTION_CHARS = 1000

# Rounding room when a ceiling is compared with a score computed another way.
_SLACK = 1e-9
# A word of the question's of at least this weight can say what a "when" asks about (`_speaks_of_the_event`).
EVENT_WEIGHT = 0.5
# A question that offers the choice between names: "who has the upper hand, tokyo or moscow".
_CHOICE = re.compile(r"\w\s+or\s+\w", re.I)

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
# A sentence that goes on from the one before: "It killed more than 5,000 people."
_REFERS_BACK = re.compile(r"(?:it|this|that|these|those|they|he|she|its|their|his|her|there|such)\b", re.I)
_VERDICT = re.compile(r"(?:Yes|No|Hardly|Partly|Not really|Not quite)[.,!]\s+(?=\S)")
_YES_NO = re.compile(r"\s*(?:(?:so|ok|okay|wait|and|but|hey|um|uh|like|then|also)\W+)*"
                     r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|shall|may|might|must|"
                     r"didn'?t|doesn'?t|don'?t|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|won'?t|can'?t)\b",
                     re.I)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:when|where|why|how(?:\s+\w+)?|who|what)\s+(?:was|is|were|are|did|does|do|has|"
                              r"had|will|would|could|can)\s+(?:it|he|she|they|this|that)\b", re.I)
# Ordinals that date or rank what is asked ("the eighteenth century", "the 27th"); "first", "second"
# and "last" are as often no number at all ("his first vaccination", "a second look").
_ORDINALS = frozenset(stem(w) for w in (
    "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth hundredth").split())
_NTH = re.compile(r"(\d+)(?:st|nd|rd|th)")
_A_PRONOUN = re.compile(r"\b(?:it|they|them|he|him|she|her|this|that|those|these)\b", re.I)
# Words that speak of a text as a text: "who wrote the printing press text", "the earthquake one".
_A_TEXT = re.compile(r"\b(?:texts?|articles?|essays?|pieces?|readings?|papers?|books?|chapters?|ones?|authors?|"
                     r"writers?|wr[io]tt?e[ns]?|title[sd]?|published|dated)\b", re.I)
EMPTY_HINT = "Ask me about the text in a few words, for example: {example}"
# Letters of another script (Cyrillic, Greek, Arabic, CJK ...): a question the matcher cannot read at all.
_OTHER_SCRIPT = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f]{2,}")


class Engine:
    """Answers questions from one knowledge base. Pure and synchronous; safe to share.

    Each text is matched on its own (its own word weights and synonyms), as if it were served
    alone, so a second text never changes how the first one answers; the best answers of the
    texts in scope are then compared.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # Stand-ins for the details (author, title, date) no curated entry answers yet.
        self._details = {e.id: e for e in details_entries(kb)}
        views = {}
        for sid in kb.sources:
            alone = kb.only(sid)
            extra = tuple(e for e in self._details.values() if e.source == sid)
            views[sid] = replace(alone, entries=alone.entries + extra) if extra else alone
        # Every text's phrasings embedded at once: the texts share most of their words, each split once.
        phrasings = {sid: live_phrasings(view) for sid, view in views.items()}
        vectors = embedder().embed([q for part in phrasings.values() for q in part])
        self.matchers = {}
        at = 0
        for sid, view in views.items():
            self.matchers[sid] = Matcher(view, vectors=vectors[at : at + len(phrasings[sid])])
            at += len(phrasings[sid])
        self._passage_min = passage_bars(kb)

    @classmethod
    def over(cls, kb: KnowledgeBase, matchers: dict, *, details: dict[str, Entry],
             passage_min: dict[str, float]) -> Engine:
        """An engine on matchers built elsewhere: a server's layered view of the shared ones (overlay.py)."""
        engine = cls.__new__(cls)
        engine.kb, engine.matchers, engine._details, engine._passage_min = kb, matchers, details, passage_min
        return engine

    @property
    def matcher(self) -> Matcher:
        """The first text's matcher (with one text, the only one)."""
        return next(iter(self.matchers.values()))

    def ask_all(self, message: str, *, source: str | Collection[str] | None = None,
                after: Answer | None = None) -> tuple[Answer, ...]:
        """Every question in one message, answered in order; each later one may follow up the one before."""
        parts = dialogue.split_questions(message) if len(message) <= MAX_QUESTION_CHARS else [message]
        answers: list[Answer] = []
        for part in parts:
            answer = self.ask(part, source=source, after=after)
            answers.append(answer)
            if answer.kind != "none":
                after = answer
        return tuple(answers)

    def ask(self, question: str, *, source: str | Collection[str] | None = None,
            after: Answer | None = None) -> Answer:
        """Answer a question in plain words; never raises for any text.

        `source` limits the answer to one text (an id) or to several (a collection of ids); `after`
        is the answer just given, which a follow-up ("why?", "and China?") is read with. A follow-up
        that finds nothing so read, not even a suggestion, is read on its own: "and what about
        China?" after the reasons for Putin's proposal asks what the text says of China.
        """
        answer = self._ask(question, source=source, after=after)
        if after is not None and answer.kind == "none" and answer.reason == "not-found" and not answer.suggestions:
            alone = self._ask(question, source=source)
            if alone.kind != "none" or alone.suggestions:
                return alone
        return answer

    def _ask(self, question: str, *, source: str | Collection[str] | None = None,
             after: Answer | None = None) -> Answer:
        if not isinstance(question, str):
            question = "" if question is None else str(question)
        asked = question
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(asked, "none", f"That is too long for one question ({len(question):,} "
                          f"characters). Ask in a sentence or two, at most {MAX_QUESTION_CHARS:,} "
                          "characters.", 0.0, reason="too-long")
        sources = self._sources(source)
        if sources is not None and not sources & self.kb.sources.keys():
            names = ", ".join(sorted(sources)) or "none"
            return Answer(asked, "none", f"There is no text called '{names}' here.", 0.0, reason="no-source")
        cleaned = clean_question(question)
        chat = smalltalk.small_talk(cleaned)
        if chat is not None:
            served = [(s.title, s.named_author, s.name) for sid, s in self.kb.sources.items()
                      if sources is None or sid in sources]
            reply = smalltalk.reply(chat, self.examples(sources, seed=cleaned), served)
            return Answer(asked, "none", reply, 0.0, reason="small-talk")
        scope = [sid for sid in self.matchers if sources is None or sid in sources]
        # The words of every text served, whatever the scope: a source chosen says where answers
        # come from, not how the question's words are read.
        keep = self._all_words()
        queries = {sid: self.matchers[sid].query(cleaned, keep=keep) for sid in scope}
        following = after is not None and after.reason in (None, "unsure", "not-found")
        if not any(q.terms for q in queries.values()) and not (following and dialogue.points_back(cleaned)):
            # Words and no question, unless they point back at the answer before ("what would that do").
            hint = EMPTY_HINT.format(example=f"\u201c{self.example(sources, seed=cleaned)}\u201d")
            if _OTHER_SCRIPT.search(cleaned):  # "где встретились Абэ и Путин": words, in letters the texts do not use
                return Answer(asked, "none", "I can only read questions written in the Latin alphabet, in the "
                              "language of the text. " + hint, 0.0, reason="empty")
            return Answer(asked, "none", "I couldn't find a question in that. " + hint, 0.0, reason="empty")

        answered_before = None
        followed = False  # read with the answer before it: the words alone do not say what is asked
        if dialogue.asks_what_next(cleaned):  # "what happened after that?": the text goes on
            if not (following and after.citations):
                return self._ask_whole(asked, "After what?", sources, cleaned)
            told = self._what_came_next(asked, after)
            if told is not None:
                return told
        if following:
            topic = after.entry.source if after.entry else next((c.passage.source for c in after.citations), None)
            query = queries[scope[0]] if topic not in queries else queries[topic]
            content = _content_words(query)
            follows = dialogue.is_follow_up(query.text or cleaned, content)  # "wat was ...": "what was ..."
            # A follow-up in form that a curated entry answers confidently on its own words
            # ("what about the military drills") has moved on to a new topic.
            if topic in queries and not follows and dialogue.speaks_of_the_text(cleaned):
                scope = [topic]  # "what is this text about?" in a talk about one text: that text
            elif follows and not ((content > 1 or dialogue.is_whole(cleaned)) and self._stands_alone(scope, queries)):
                if topic in queries:  # a follow-up stays with the text the answer came from
                    scope = [topic]
                # The member's question, or after a chain of follow-ups the entry's own phrasing.
                before = self._topic_phrasing(after) if after.entry else after.question
                swap = dialogue.swaps(cleaned)
                answered = after.entry.answer if after.entry else (after.citations[0].quote if after.citations
                                                                    else "")
                rewritten = (self._swapped(before, cleaned, scope[0]) if swap
                             else self._pronoun_named(before, cleaned, scope[0], answered))
                if rewritten is not None:  # "and Florey?" after "who was Fleming?" is "who was Florey?"
                    answer = self.ask(rewritten, source=scope[0])
                    # Else its words are read with the question before, as any follow-up's: when the
                    # rewritten question finds nothing, or only the answer just given again.
                    if answer.kind != "none" and (answer.entry is None or answer.entry != after.entry):
                        return answer
                queries = {sid: self._with_context(queries[sid], before, sid, swap=swap, entry=after.entry)
                           for sid in scope}
                followed = True
                # A follow-up asks for more than what was just said ("why?", "why did he do that?",
                # "how many?"): the same answer again only if it gives what is now asked for ("when
                # was that?" after "The Levada Center, in 2016").
                now = queries.get(after.entry.source) if after.entry is not None else None
                if after.entry is not None and (swap or now is None or not (
                        now.asks and self.matchers[after.entry.source].supplies_asked(now, after.entry.id))):
                    # "and in Japan?" asks of someone else what was just answered: never the same answer.
                    answered_before = after.entry
                elif after.entry is not None and not swap and content == 0:
                    # "when was that?" after "Abe was a guest of honour at the Sochi Olympic Games
                    # (2014)": the answer just given says it, whatever else its words match.
                    entry = after.entry
                    return Answer(asked, "curated", self._said(entry, cleaned, now), after.confidence, entry,
                                  self._cite(entry))

        typed = words(cleaned)
        if not followed and typed and all(w in _ASKING_ALONE for w in typed):
            # "why?", "who?" with nothing before: what it asks about, only the member knows.
            return self._ask_whole(asked, f"{typed[0].capitalize()} what?", sources, cleaned)
        if (not followed and typed and typed[-1] in QUESTION_WORDS and not dialogue.points_back(cleaned)
                and all(_content_words(q) == 0 for q in queries.values())):
            # "says who?" names nothing to ask about either: an entry that matched its "who" is a guess.
            return self._ask_whole(asked, "About what?", sources, cleaned)
        # Nothing below SUGGEST_MIN is ever answered or offered, so it need not be scored.
        ranked = self._best_entries(scope, queries, SUGGESTIONS + 2)
        titled = self._title_said(cleaned, scope) if len(scope) > 1 else None
        named, naming = self._text_named(scope, queries) if len(scope) > 1 and (_A_TEXT.search(cleaned) or titled) \
            else (None, frozenset())
        if named is not None:  # "who wrote the text about the printing press": that text's author, no other's
            ranked = [r for r in ranked if r[1].source == named or not _about_the_text(r[1])]
            # Read without the words that name it, its details answer as "who wrote it" would.
            query = queries[named]
            terms = {t: w for t, w in query.terms.items() if t not in naming}
            if titled == named:  # "what is The Sky Over the Stony Tunguska about?": its title stands for "this text"
                for term in self.matchers[named].vocab.terms("text"):
                    terms.setdefault(term, self.matchers[named].weight(term))
            bare = Query(terms, query.unknown, query.asks, query.text, query.unknown_terms, query.elsewhere)
            own = [r for r in self._best_entries([named], {named: bare}, 2) if _about_the_text(r[1])] \
                if bare.terms else []
            if own and own[0][0] > (ranked[0][0] if ranked else 0.0):
                ranked = [own[0], *(r for r in ranked if r[1].id != own[0][1].id)]
        if named is not None and ranked and is_details(ranked[0][1]) and ranked[0][1].source == named \
                and TIME in queries[named].asks and not (gives_date(ranked[0][1]) or says_no_date(ranked[0][1])):
            # "What year is the krakatoa essay from": its date, or that it gives none, though "year"
            # is a word of its title and so went to name it.
            dated = next((e for e in self._details.values() if e.source == named
                          and (gives_date(e) or says_no_date(e))), None)
            if dated is not None:
                ranked = [(ranked[0][0], dated, 0), *ranked[1:]]
        if named is None and any(gives_date(r[1]) for r in ranked):
            # An undated text does not make "when was it written?" ambiguous: the dated text answers,
            # and says that the other gives no date (`_not_given_elsewhere`).
            ranked = [r for r in ranked if not says_no_date(r[1])]
        if answered_before is not None and ranked and ranked[0][1] == answered_before:
            # The next entry on the topic, rather than the same answer again.
            ranked = ranked[1:]
        ranked = ranked[: SUGGESTIONS + 1]
        top = ranked[0][0] if ranked else 0.0
        if smalltalk.asks_my_view(cleaned):  # "do you like putin": what the text says nearby, never an answer
            offered = self._suggest(ranked[:SUGGESTIONS])
            text = smalltalk.VIEW_REPLY + (" " + _did_you_mean(offered) if offered else "")
            return Answer(asked, "none", text, top, suggestions=offered, reason="opinion")
        close = [r for r in ranked[1:] if top - r[0] < AMBIGUITY_MARGIN]
        other_texts = [r for r in close if r[1].source != ranked[0][1].source]
        if not other_texts and named is None and len(scope) > 1 and ranked and _about_the_text(ranked[0][1]):
            # "what is the title?" names no text: one text's details may say "Title:" word for word
            # and another's entry speak of what "the article is called", but each text has a title.
            first = queries[ranked[0][1].source]
            other_texts = [r for r in ranked[1:] if r[0] >= ANSWER_MIN and r[1].source != ranked[0][1].source
                           and _about_the_text(r[1]) and queries[r[1].source].unknown_terms <= first.unknown_terms]
        if not other_texts and named is None and len(scope) > 1 and not followed and _of_any_text(queries[scope[0]]) \
                and TIME not in queries[scope[0]].asks:  # "when was it written": the dated text says (above)
            # "what is the main argument of the essay" says nothing of what either text is about: a
            # curator's summary of one text is no answer for a member reading the other, nor is a
            # sentence of one that happens to say "concluded".
            bests = sorted(filter(None, (self._best_of_text(sid, queries) for sid in scope)), key=lambda r: -r[0])
            if len(bests) > 1:
                ranked = [bests[0], *(r for r in ranked if r[1].id != bests[0][1].id)]
                other_texts = bests[1:]
        if other_texts:  # "who wrote this?" with two texts served: which one?
            offered = self._suggest([ranked[0], *_one_per_text(other_texts, ranked[0][1].source)])
            names = "; ".join(f'"{s.question}" ({self.kb.sources[s.source].name})' for s in offered)
            return Answer(asked, "none", f"Which text do you mean? {names}", top,
                          suggestions=offered, reason="which-text")
        pronoun = None if followed else _A_PRONOUN.search(cleaned)
        content = _content_words(queries[scope[0]])
        # "when was it opened", "what did he propose": asked of "it" alone, with one word of what
        # happened and no name, it could be anything the text speaks of.
        subject = _PRONOUN_SUBJECT.match(cleaned) if pronoun and content == 1 else None
        unnamed = subject is not None and not any(
            t in self.matchers[sid].names or t.isdigit() for sid in scope for t in queries[sid].terms)
        if (pronoun and ((content == 0 and dialogue.points_back(cleaned)) or unnamed)
                and not dialogue.speaks_of_the_text(cleaned) and ranked and not _about_the_text(ranked[0][1])):
            # "how strong was it?", "when did it happen?" with nothing before: what "it" is, only the
            # member knows ("who wrote it" is the text's, and its details answer).
            offered = self._suggest(ranked[:SUGGESTIONS])
            word = pronoun.group(0).lower()
            return Answer(asked, "none", f"What does \u201c{word}\u201d stand for? Ask again with the name of what "
                          f"you mean, for example: \u201c{self.example(sources, seed=cleaned)}\u201d",
                          top, suggestions=offered, reason="unclear")
        # Rivals citing the same passage as the best entry change nothing the reader is shown.
        rivals = [r for r in close if not _same_passages(ranked[0][1], r[1])]

        fresh = [sid for sid in scope if self._passage_min[sid] == UNCURATED_PASSAGE_MIN]
        if fresh and top < CONFIDENT and not (ranked and is_details(ranked[0][1])):
            # A text not yet curated throughout competes with its passages against a weak entry, its
            # own or another text's: asked of it alone, or beside others, it answers alike.
            passage = self._passage_answer(asked, fresh, queries, self._suggest(ranked[:SUGGESTIONS]))
            if followed and self._says_again(passage, after, queries):
                passage = None
            # Where the entry cites the passage that would be quoted, the two agree: the curator's words answer.
            if passage is not None and passage.confidence / ANSWER_MIN > top:
                quoted = passage.citations[0].passage
                if not (ranked and any((c.source, c.passage) == (quoted.source, quoted.number)
                                       for c in ranked[0][1].citations)):
                    return passage
        # An entry that shares only everyday words with the question answers something else.
        if top >= ANSWER_MIN and (top >= CONFIDENT or not rivals) and not self.matchers[
                ranked[0][1].source].only_everyday(queries[ranked[0][1].source], ranked[0][1].id, ranked[0][2]) \
                and not self.matchers[ranked[0][1].source].thin(queries[ranked[0][1].source], ranked[0][1].id,
                                                                ranked[0][2]) \
                and (followed or self._names_asked(queries[ranked[0][1].source], ranked[0][1])) \
                and (following or top >= CONFIDENT or not self._read_otherwise(cleaned, queries, ranked[0])):
            entry = ranked[0][1]
            # "When was it written?" of two texts, one undated: this text's date, and that the other gives none.
            besides = self._not_given_elsewhere(entry, scope) if named is None and not followed else ""
            if is_details(entry):
                answer = self._details_answer(asked, entry, min(top, 1.0))
                return replace(answer, text=answer.text + besides) if besides else answer
            if not followed:
                entry = self._reread(cleaned, ranked, queries)
            return Answer(asked, "curated", self._said(entry, cleaned, queries[entry.source]) + besides,
                          min(top, 1.0), entry,
                          self._cite(entry), self._suggest(close))
        offered = self._suggest(ranked[:SUGGESTIONS])
        sentences = sorted(
            (r for sid in scope for r in self.matchers[sid].rank_sentences(queries[sid], floor=RELATED_MIN)),
            key=lambda r: -r[0])
        # The text's details (passage 0) are related only to a question about the text itself:
        # "what role does china play" met its "Role:" line.
        about_text = dialogue.speaks_of_the_text(cleaned)
        related = _related([r for r in sentences if r[1].passage.number > 0 or about_text])

        def second_opinion() -> Answer | None:  # MiniLM is asked only where its answer is used
            return None if followed else self._second_opinion(asked, cleaned, scope, queries, ranked[:SUGGESTIONS])

        if rivals and top >= ANSWER_MIN:  # good enough to answer, but which one?
            if (second := second_opinion()) is not None:
                return second
            return Answer(asked, "none", f"I'm not sure which you mean. {_did_you_mean(offered)}",
                          top, suggestions=offered, related=related, reason="unsure")

        passage = self._passage_answer(asked, scope, queries, offered)
        if passage is not None and not (followed and self._says_again(passage, after, queries)):
            return passage
        if (second := second_opinion()) is not None:
            return second

        text = "I don't have an answer to that in the knowledge base"
        text += _unknown_note([queries[sid] for sid in scope], [self.matchers[sid].known_words for sid in scope]) + "."
        if not following:  # nor is an entry that shares one word with the question in another sense what was meant
            misread = {r[1].id for r in ranked[:SUGGESTIONS] if self._read_otherwise(cleaned, queries, r)}
            offered = tuple(s for s in offered if s.entry_id not in misread)
        if related and (read := {p.source for p in related}) and any(s.source in read for s in offered):
            offered = tuple(s for s in offered if s.source in read)
        elif related:  # what to read is of one text, what it might mean of another: the other is noise
            offered = ()
        if related:
            text += " Related passages: " + passage_names(related, self.kb.sources) + "."
        if offered:
            text += " " + _did_you_mean(offered)
        return Answer(asked, "none", text, top, suggestions=offered, related=related, reason="not-found")

    def _best_of_text(self, source: str, queries: dict[str, Query]) -> tuple[float, Entry, int] | None:
        """A text's best entry for a question about any text, or else what its details say it is about."""
        best = self._best_entries([source], queries, 1)
        if best and best[0][0] >= SUGGEST_MIN:
            return best[0]
        about = self._details.get(details_id(source, "Summary"))
        return (SUGGEST_MIN, about, 0) if about is not None else None

    def _title_said(self, question: str, scope: list[str]) -> str | None:
        """The text in scope whose whole name (or title) the question says, word for word."""
        said = f" {' '.join(words(question))} "
        for sid in scope:
            source = self.kb.sources[sid]
            for title in (source.name, source.title):
                written = " ".join(words(title))
                if len(written.split()) >= 2 and f" {written} " in said:
                    return sid
        return None

    def _text_named(self, scope: list[str], queries: dict[str, Query]) -> tuple[str | None, frozenset[str]]:
        """The one text in scope whose title the question names by a word no other title there
        has ("the printing press text", "the earthquake one"), if there is exactly one, and those words."""
        titles = self.__dict__.setdefault("_title_terms", {})
        for sid in scope:
            if sid not in titles:
                terms = self.matchers[sid].vocab.terms(self.kb.sources[sid].title)
                titles[sid] = frozenset(t for t in terms if t not in LIGHT_WORDS and not t.isdigit())
        in_titles = Counter(t for sid in scope for t in titles[sid])  # a word of one title only names it
        named = []
        for sid in scope:
            if words := {t for t in titles[sid] if in_titles[t] == 1} & queries[sid].terms.keys():
                named.append((sid, frozenset(words)))
        return named[0] if len(named) == 1 else (None, frozenset())

    def _all_words(self) -> frozenset[str]:
        """Every word the texts served use, when there are several: what one of them says is never
        read as a misspelling by another. Worked out again only when the texts or their words change."""
        if len(self.matchers) < 2:
            return frozenset()
        # A server's curator may add words to a text at any time: their count is part of the key.
        key = (tuple(self.matchers), sum(len(m.known_words) for m in self.matchers.values()))
        known = self.__dict__.get("_served_words")
        if known is None or known[0] != key:
            known = self.__dict__["_served_words"] = (key, frozenset().union(*(m.known_words
                                                                             for m in self.matchers.values())))
        return known[1]

    def _passage_answer(self, asked: str, scope: list[str], queries: dict[str, Query],
                        offered: tuple[Suggestion, ...]) -> Answer | None:
        """The text's own sentence, when one clearly answers: above its text's bar, and no
        other passage close behind."""
        answering = self._answering(scope, queries)
        said = self._words_passage(asked, answering, queries, offered)
        if said is not None:
            # However well its words fit, a sentence that does not state what is asked (a time for
            # "when", a figure for "how many") answers another question.
            cited = said.citations[0]
            query = queries[cited.passage.source]
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
                or self._fused_passage(asked, scope, answering, queries, offered))

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
            if ceiling + _SLACK < best - margin:
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
            best, sentence = min(tied, key=lambda r: (not (defining and defining.search(r[1].text)),
                                                      r[1].passage.number))
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
        FUSED_PASSAGE_MARGIN ahead of any other passage;
        or, for a question mostly in words the text never uses, MiniLM's closest sentence."""
        words = {(s.passage.source, s.passage.number, s.text): score for score, s in answering}
        closest: tuple[float, Sentence] | None = None  # MiniLM's, of a question mostly in other words
        scored: list[tuple[list[Sentence], np.ndarray, np.ndarray]] = []  # each text's sentences, passages, fused
        best: tuple[float, Sentence, int] | None = None  # the first of equals, as scope and text order go
        for source in scope:
            if self._passage_min[source] != UNCURATED_PASSAGE_MIN:
                continue
            sentences, closeness = self._closeness(source, queries[source].text or asked)
            if not len(sentences):
                continue
            read = self._readings(source, encoder())
            fused = FUSED_MEANING_SHARE * closeness.astype(np.float64)
            for (text, number, said), score in words.items():
                if text == source and (at := read.places.get((number, said))) is not None:
                    fused[at] = score + fused[at]
            scored.append((sentences, read.numbers, fused))
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
        if best is not None and best[0] >= FUSED_PASSAGE_MIN and best[0] - rival >= FUSED_PASSAGE_MARGIN:
            fused_score, sentence, _ = best
            score = fused_score / (1 + FUSED_MEANING_SHARE)
        elif closest is not None and closest[0] >= OWN_WORDS_MEANING_MIN:
            score, sentence = closest
        else:
            return None
        sentence = self._stating(queries[sentence.passage.source], sentence)
        if sentence is None:
            return None
        if sentence.before and _PERSON_PRONOUN.match(sentence.text) \
                and f"{sentence.before} {sentence.text}" in sentence.passage.text:
            # "He was born in York ...": quoted with the sentence that says who he is, as the words'
            # reading quotes a sentence that needs the one before.
            sentence = replace(sentence, text=f"{sentence.before} {sentence.text}",
                               terms=sentence.terms | sentence.before_terms)
        return self._passage_said(asked, sentence, score, offered)

    def _says_again(self, answer: Answer | None, before: Answer | None, queries: dict[str, Query]) -> bool:
        """Whether a follow-up's answer would quote the words just quoted, though they do not state
        what is now asked: "why?" after a sentence of the text that gives no reason is not answered
        by it again ("when was that?" may be, if it gives the date; "did anything come of it?", if it
        says)."""
        if answer is None or before is None or not answer.citations or not before.citations:
            return False
        said, then = answer.citations[0], before.citations[0]
        if said.passage != then.passage or said.quote not in then.quote:  # the sentence before added is news
            return False
        query = queries.get(said.passage.source)
        if query is not None and query.asks:
            return not answers(query.asks, said.quote)
        return question_kind(query.text if query is not None else answer.question) == "why" \
            and not gives_a_reason(said.quote)

    def _stating(self, query: Query, sentence: Sentence) -> Sentence | None:
        """The sentence, if it states what is asked; or, if the next one refers back to it and states
        it, the two: "The last major cholera epidemic in London, in 1866, settled much of the
        argument. It killed more than 5,000 people." answers "how many died in 1866"."""
        if self._states_asked(query, sentence.passage, sentence.text):
            return sentence
        after = _sentence_after(sentence)
        if after is None or not _REFERS_BACK.match(after):
            return None
        pair = f"{sentence.text} {after}"
        if pair not in sentence.passage.text or not self._states_asked(query, sentence.passage, pair):
            return None
        return replace(sentence, text=pair)

    def _states_asked(self, query: Query, passage: Passage, said: str) -> bool:
        """Whether words of the text state what the question asks for: a time for "when", a figure
        for "how many" (beside what it counts, if they speak of that), someone's view in words of
        thinking or saying, and for "who" or "which company" a name the question does not give
        itself (beside the role asked of, if they speak of that); and whether their passage (or the
        text's details) speaks of the numbers the question names ("how many died in the 2018
        tsunami" is not answered by the toll of 1883)."""
        matcher = self.matchers[passage.source]
        if not answers(query.asks, said) or not matcher.counts_beside(query, said):
            return False
        if asks_a_view(query.text) and not states_a_view(said):  # "what does china think about ..."
            return False
        if TIME in query.asks and not _speaks_of_the_event(matcher, query, said):
            return False
        numbers = {nth.group(1) if (nth := _NTH.fullmatch(t)) else t for t in query.terms  # "the 27th": 27
                   if t.isdigit() or t in _ORDINALS or _NTH.fullmatch(t)}
        # A number of the text's details counts too: "in September 2018" of a text dated September 2018.
        # So does an ordinal: "in the eighteenth century" is not answered by the twentieth's toll.
        context = f"{passage.text} {self.kb.sources[passage.source].about.text}"
        if numbers and not numbers <= set(matcher.vocab.terms(context)):
            return False
        role = asked_role(query.text)
        if role is None and not asks_a_name(query.text):
            return True
        return matcher.names_besides(query, said, role, sentence=True)

    def _names_asked(self, query: Query, entry: Entry) -> bool:
        """Whether an entry's answer names someone the question does not, when the question asks
        who: "who took over from abe as prime minister" is not answered by "Shinzō Abe is the Prime
        Minister of Japan", however well the words fit."""
        if is_details(entry) or not asks_a_name(query.text) or _CHOICE.search(query.text):
            return True  # "who has the upper hand, tokyo or moscow": one of the question's own names
        return self.matchers[entry.source].names_besides(query, entry.answer, asked_role(query.text))

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
            memo = self._closeness_memo = (question, model, model.embed([question])[0], {})
        matcher = self.matchers[source]
        found = memo[3].get(source)
        if found is None or found[0] is not matcher:
            read = self._readings(source, model)
            closeness = read.vectors @ memo[2]
            if len(read.going_on):
                closeness[read.going_on] = np.maximum(closeness[read.going_on], read.read_on @ memo[2])
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
            sentences = [s for s in matcher.sentences if s.passage.source == source and s.passage.number > 0]
            going_on = [i for i, s in enumerate(sentences) if s.before and _REFERS_BACK.match(s.text)]
            vectors = model.embed([*(s.text for s in sentences),
                                   *(f"{sentences[i].before} {sentences[i].text}" for i in going_on)])
            places: dict[tuple[int, str], int] = {}
            for i, s in enumerate(sentences):
                places.setdefault((s.passage.number, s.text), i)
            found = kept[source] = (model, _Readings(
                sentences, vectors[: len(sentences)], np.asarray(going_on, dtype=np.intp), vectors[len(sentences):],
                places, np.asarray([s.passage.number for s in sentences], dtype=np.int64)))
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

    def _passage_said(self, asked: str, sentence: Sentence, score: float,
                      offered: tuple[Suggestion, ...]) -> Answer:
        """The text's own sentence as the answer, said plainly to be the text's words."""
        passage = sentence.passage
        quoted = _with_explanation(sentence) if _EXPLAIN.match(asked) else sentence.text
        where = f"passage {passage.number}"
        if len(self.kb.sources) > 1:
            where = f"{self.kb.sources[passage.source].name}, {where}"
        # What else to read is of the text quoted: another text's entries that merely scored are noise.
        offered = tuple(s for s in offered if s.source == passage.source)
        return Answer(asked, "passage", f"No curated answer covers this, but the text itself says ({where}): "
                      f"\u201c{quoted}\u201d",
                      score * ANSWER_MIN, citations=(CitedPassage(passage, quoted),), suggestions=offered)

    def _second_opinion(self, asked: str, cleaned: str, scope: list[str], queries: dict[str, Query],
                        ranked: list[tuple[float, Entry, int]]) -> Answer | None:
        """The entry MiniLM itself reads as the question's meaning: first among those the engine
        would suggest, then among those closest in meaning by the static vectors.

        "which russian polling firm crunched the figures" shares few weighted words with "Which
        organisation carried out the Russian poll?", and averaged word vectors see "figures";
        the transformer reads the sentence. It never chooses an entry that lacks a name or number
        the question asks about ("the 2019 forum"). Nor does it answer with one that does not
        supply what the question asks for: "how many troops are on the islands" reads closest to
        "Russia has increased its military presence there", which gives no figure, so nothing is
        chosen (taking the next closest instead would answer with a poll's 78%).
        """
        scores = {entry.id: score for score, entry, _ in ranked}
        suggested = [e for _, e, _ in ranked if self.matchers[e.source].fits(queries[e.source], e.id, asked=False)]
        nearest = sorted(((cosine, n, entry) for n, sid in enumerate(scope)
                          for cosine, entry in self.matchers[sid].closest(queries[sid], SECOND_OPINION_READS)),
                         key=lambda c: (-c[0], c[1]))  # across texts, closest first; among equals, in scope order
        fitting = (entry for _, _, entry in nearest
                   if entry.id not in scores and self.matchers[entry.source].fits(queries[entry.source], entry.id))
        close = list(itertools.islice(fitting, SECOND_OPINION_READS))
        for candidates in (suggested, close):
            entry = self._closest_reading(cleaned, [e for e in candidates if not is_details(e)])
            if entry is not None and not (self.matchers[entry.source].fits(queries[entry.source], entry.id)
                                          and self._names_asked(queries[entry.source], entry)):
                # What is asked it does not give: a figure for "how many", a reason for "why", for
                # "who is japan's foreign minister" a name beside that role.
                return None
            if entry is not None:
                return Answer(asked, "curated", self._said(entry, cleaned, queries[entry.source]),
                              max(scores.get(entry.id, 0.0), ANSWER_MIN), entry, self._cite(entry))
        return None

    def _reread(self, question: str, ranked: list[tuple[float, Entry, int]], queries: dict[str, Query]) -> Entry:
        """The best entry, or one the words rank about as well (within REREAD_MARGIN) whose phrasing
        MiniLM reads as closer to the question, at REREAD_MIN or more. Only an entry the words do not
        mark down is read: MiniLM hears "what did Japan want from Russia" as Russia's wish of Japan,
        and "how many troops" as close to a sentence on troops that gives no figure."""
        top, first, _ = ranked[0]
        # Nor one matched on a "why" when the question asks "what" ("whats japans stake in yamal" is its
        # sum, not "why did japan put money into yamal"), though MiniLM reads the two alike.
        reason_asked = question_kind(question) == "why" or not _ASKS_WHAT.match(question)
        near = [entry for score, entry, at in ranked[1:] if top - score <= REREAD_MARGIN and not is_details(entry)
                and entry.source == first.source
                and (reason_asked or question_kind(entry.questions[at]) != "why")
                and self.matchers[entry.source].plainly_fits(queries[entry.source], entry.id, at)]
        if not near:
            return first
        readings = self._readings_of(question, [first, *near])
        if not readings:
            return first
        mine = readings.get(first.id, 0.0)
        best = max(near, key=lambda e: readings.get(e.id, 0.0))
        if readings.get(best.id, 0.0) < max(REREAD_MIN, mine + _SLACK):
            return first
        return best

    def _read_otherwise(self, question: str, queries: dict[str, Query], best: tuple[float, Entry, int]) -> bool:
        """Whether an entry that shares a single word of substance with the question reads, to MiniLM,
        as another question altogether (below LONE_WORD_MEANING_MIN): "whats the capital of australia"
        and "What region do the three capital letters in the last paragraph refer to?" (0.24)."""
        _, entry, at = best
        if is_details(entry) or len(self.matchers[entry.source].shared(queries[entry.source], entry.id, at)) != 1:
            return False
        reading = self._readings_of(question, [entry]).get(entry.id)
        return reading is not None and reading < LONE_WORD_MEANING_MIN

    def _readings_of(self, question: str, candidates: list[Entry]) -> dict[str, float]:
        """How close MiniLM reads each candidate's nearest question phrasing to the question.

        Keyword phrasings ("Putin's role") name a topic, which many questions are close to; only
        phrasings that are questions say what is asked, so only they are read. Each entry's
        phrasings are read once, and kept together as one array."""
        model = encoder()
        if model is None:
            return {}
        read = self.__dict__.setdefault("_phrasings_read", {})
        unread = [e for e in candidates if (e.id, e.questions) not in read]
        if unread:
            asked = [[q for q in e.questions if len(q.split()) >= SENTENCE_WORDS] for e in unread]
            vectors = model.embed([q for qs in asked for q in qs])
            at = 0
            for entry, qs in zip(unread, asked, strict=True):
                read[(entry.id, entry.questions)] = vectors[at : at + len(qs)]
                at += len(qs)
        asked_now = model.embed([question])[0]
        return {e.id: float((rows @ asked_now).max()) for e in candidates if len(rows := read[(e.id, e.questions)])}

    def _closest_reading(self, question: str, candidates: list[Entry]) -> Entry | None:
        """The candidate with a phrasing MiniLM reads as the question, clearly ahead of the rest."""
        readings = self._readings_of(question, candidates) if candidates else {}
        # Stable: among equals, the engine's own order.
        best = sorted(((readings[e.id], e) for e in candidates if e.id in readings), key=lambda b: -b[0])
        if not best:
            return None
        if best[0][0] < SECOND_OPINION_MIN or (len(best) > 1 and best[0][0] - best[1][0] < SECOND_OPINION_MARGIN):
            return None
        return best[0][1]

    def warm(self) -> int:
        """Have the encoder read every live phrasing (and every sentence of a text nobody has curated)
        now, not at the first unsure question about it.

        Returns how many it read (0 without the encoder). Blocking: run it in a thread.
        """
        model = encoder()
        if model is None:
            return 0
        phrasings = [q for entry in self.kb.live_entries for q in entry.questions]
        for start in range(0, len(phrasings), 256):  # a batch at a time: questions may share the encoder meanwhile
            model.embed(phrasings[start : start + 256])
        read = len(phrasings)
        for sid, bar in self._passage_min.items():  # a text nobody has curated: its sentences (see _agreed)
            if bar == UNCURATED_PASSAGE_MIN and sid in self.matchers:
                read += len(self._readings(sid, model).sentences)
        return read

    def _best_entries(self, scope: list[str], queries: dict[str, Query], need: int) -> list[tuple[float, Entry, int]]:
        """The `need` best entries of all texts in scope, best first (among equals, in scope order).

        Texts are read in order of the best score they could reach, and reading stops once the
        next one could not enter the best `need`: with many texts, most are never scored.
        """
        bounds = sorted(((self.matchers[sid].bound(queries[sid], SUGGEST_MIN), n, sid) for n, sid in enumerate(scope)),
                        key=lambda b: (-b[0], b[1]))
        found: list[tuple[float, int, int, tuple[float, Entry, int]]] = []
        for bound, n, sid in bounds:
            if bound < SUGGEST_MIN or (len(found) >= need and bound < found[need - 1][0]):
                break
            ranked = self.matchers[sid].rank_entries(queries[sid], limit=need, floor=SUGGEST_MIN)
            found += [(r[0], n, at, r) for at, r in enumerate(ranked)]
            found.sort(key=lambda f: (-f[0], f[1], f[2]))
        return [f[3] for f in found]

    def _what_came_next(self, asked: str, after: Answer) -> Answer | None:
        """What the text says next after the answer before: the rest of its last quote's sentence
        when a new clause goes on there ("... Sochi Olympic Games and both states agreed ..."),
        else the next sentence, or the next passage's first; the entry citing it, where one does."""
        cited = after.citations[-1]
        passage, text = cited.passage, cited.passage.text
        at = text.find(cited.quote)
        if passage.number == 0 or at < 0:
            return None
        end = at + len(cited.quote)
        whole, upto, ends = sentences(text), 0, 0
        for n, sentence in enumerate(whole):  # the sentence the quote ends in
            upto = text.find(sentence, upto) + len(sentence)
            if upto >= end:
                ends = n
                break
        remainder = text[end:upto]
        goes_on = _GOES_ON.match(remainder)
        candidates = [(whole[ends], remainder[goes_on.end():])] if goes_on and len(remainder.split()) > 3 else []
        candidates += [(s, s) for s in whole[ends + 1:] if len(s.split()) > 2]
        if not candidates:
            following = self.kb.sources[passage.source].passage(passage.number + 1)
            if following is None:
                return None
            passage, candidates = following, [(s, s) for s in sentences(following.text)][:1]
        sentence_text, said = candidates[0]
        entry = next((e for e in self.kb.live_entries if e.source == passage.source and any(
            c.passage == passage.number and c.quote in said for c in e.citations)), None)
        if entry is not None and entry != after.entry:
            cleaned = clean_question(asked)
            told = self._said(entry, cleaned, self.matchers[entry.source].query(cleaned))  # no "No." not asked for
            return Answer(asked, "curated", told, after.confidence, entry, self._cite(entry))
        sentence = next((s for s in self.matchers[passage.source].sentences
                         if s.passage == passage and s.text == sentence_text), None)
        return None if sentence is None else self._passage_said(asked, sentence, after.confidence / ANSWER_MIN, ())

    def _stands_alone(self, scope: list[str], queries: dict[str, Query]) -> bool:
        """Whether some entry answers the question confidently without the one before it."""
        return any(self.matchers[sid].rank_entries(queries[sid], limit=1, floor=CONFIDENT) for sid in scope)

    def _ask_whole(self, asked: str, opening: str, sources: frozenset[str] | None, cleaned: str) -> Answer:
        """A question with nothing to ask about: ask for the whole question, with an example."""
        return Answer(asked, "none", f"{opening} Ask the whole question, for example: "
                      f"\u201c{self.example(sources, seed=cleaned)}\u201d", 0.0, reason="unclear")

    def _not_given_elsewhere(self, entry: Entry, scope: list[str]) -> str:
        """For an answer from a text's details line ("Date: ..."), the other texts in scope that have
        no such line, said: otherwise "when was it written?" seems to have one answer for all."""
        labels = {c.quote.split(":", 1)[0] for c in entry.citations if c.passage == 0 and ":" in c.quote}
        if len(scope) < 2 or len(labels) != 1:
            return ""
        label = labels.pop()
        missing = [self.kb.sources[sid].name for sid in scope
                   if sid != entry.source and sid in self.kb.sources and lacks(self.kb.sources[sid], label)]
        if not missing:
            return ""
        return f" ({'; '.join(missing)} {'gives' if len(missing) == 1 else 'give'} no {label.lower()}.)"

    def _details_answer(self, asked: str, entry: Entry, confidence: float) -> Answer:
        """A detail of the text (its author, title or date), said as the text's own line; what the
        text is about is said by its title and its opening, which the answer quotes already."""
        cited = entry.citations[0]
        text = entry.answer
        if cited.passage == 0:
            where = "" if len(self.kb.sources) < 2 else f" of {self.kb.sources[entry.source].name}"
            text += f" The text's details{where} say: \u201c{cited.quote}\u201d"
        return Answer(asked, "passage", text, confidence, citations=self._cite(entry))

    def _topic_phrasing(self, answer: Answer) -> str:
        """What a follow-up of this answer is about: the member's own question when it stood on its
        own ("what did Putin propose?": a "why?" after it asks about the proposal, not about the
        forum that the entry's first phrasing also names); else, after a follow-up whose words
        name no topic ("and China?"), the entry's first phrasing."""
        matcher = self.matchers.get(answer.entry.source)
        if matcher is None:  # an answer from knowledge served before a reload
            return answer.entry.questions[0]
        asked = clean_question(answer.question)
        content = _content_words(matcher.query(asked))
        if content >= 2 and not dialogue.is_follow_up(asked, content):
            return answer.question
        return answer.entry.questions[0]

    def _swapped(self, before: str, follow_up: str, source: str) -> str | None:
        """The question before with the follow-up's name in place of the name it asked about, when the
        follow-up names nothing else ("and Florey?", "what about the Japanese?"); else None."""
        matcher = self.matchers[source]

        def name(term: str) -> bool:
            return term in matcher.names or term.isdigit()

        named = dialogue.swapped_in(follow_up)
        new = [t for t in matcher.query(named).terms if t not in LIGHT_WORDS] if named else []
        if not new or not all(map(name, new)):
            return None

        def named_word(word: str, first: bool) -> bool:  # a word of the name: not "who" or "the"
            terms = [t for t in matcher.vocab.terms(word) if t not in LIGHT_WORDS]
            return bool(terms) and (all(map(name, terms)) or (word[:1].isupper() and not first))

        for start, end in _runs(before):
            run = before[start:end].split()
            said = [t for t in matcher.vocab.terms(before[start:end]) if t not in LIGHT_WORDS]
            if (said and any(map(name, said)) and not set(said) & set(new)
                    and all(named_word(word, start == 0 and n == 0) for n, word in enumerate(run))):
                put = named
                if re.search(r"(?i)\bthe\s+$", before[:start]):  # "the pump" -> "the Lambeth company", not "the the"
                    put = re.sub(r"(?i)^the\s+", "", put)
                if re.search(r"['\u2019]s$", before[start:end]) and not re.search(r"['\u2019]s$", put):
                    put += "'s"  # "Putin's motive" -> "China's motive"
                return f"{before[:start]}{put}{before[end:]}"
        return None

    def _pronoun_named(self, before: str, follow_up: str, source: str, answered: str = "") -> str | None:
        """The follow-up with "he" or "she" put as the name the question before opens with: "who is
        he" after "what did putin propose at the forum" is "who is putin"; else None. After a
        question that asked who (`asks_a_name`), it is whom the answer named: "what did he find"
        after "who led the first expedition to tunguska" asks what Kulik found, not Tunguska."""
        pronoun = _PERSON_PRONOUN.search(follow_up)
        if pronoun is None:
            return None
        matcher = self.matchers[source]

        def named(word: str) -> bool:
            terms = [t for t in matcher.vocab.terms(word) if t not in LIGHT_WORDS]
            return bool(terms) and all(t in matcher.names for t in terms)

        asked = set(matcher.vocab.terms(before))
        for text in ([answered] if answered and asks_a_name(before) else []) + [before]:
            for start, end in sorted(_runs(text), key=lambda r: (r[0], -r[1])):  # the first name, whole
                name = text[start:end]
                if not all(named(word) for word in name.split()):
                    continue
                if text is not before:  # as a question would name them: "Kulik", not "Leonid Kulik"
                    if set(matcher.vocab.terms(name)) & asked:
                        continue
                    name = name.split()[-1]
                return f"{follow_up[:pronoun.start()]}{name}{follow_up[pronoun.end():]}"
        return None

    def _with_context(self, query: Query, before: str, source: str, *, swap: bool = False,
                      entry: Entry | None = None) -> Query:
        """A follow-up's query, with the question before it as its topic ("why?" -> why + that topic).

        One that `swap`s ("and Putin?" after "who is Abe?", "what about the Japanese?" after a
        question on what Russians think) puts its own name in place of the first name the question
        before it asked about.
        """
        matcher = self.matchers[source]
        context = matcher.query(clean_question(before))
        terms = {t: w * CONTEXT_SHARE for t, w in context.terms.items()}
        kind, before_kind = question_kind(query.text), question_kind(context.text)
        if before_kind and kind != before_kind and (kind or dialogue.asks_its_own(query.text)):
            # "why?" or "what is it?" after "how much did Japan invest in Yamal": what was asked
            # before is not asked now.
            for term in matcher.vocab.terms(before_kind):
                terms.pop(term, None)
        if entry is not None and entry.source == source and not swap:
            # The topic is what the entry answered is about: words most of its phrasings use weigh in
            # full, and the rest of the question before less ("why?" after "what did Putin propose at
            # the forum" asks about the proposal, not the forum). Not so for "and Putin?" after "who is
            # Abe?": what the entry says of Abe is no topic for Putin.
            # A name neither most of them nor its answer use is left out: every answer would be marked
            # down for lacking it.
            shares = matcher.phrasing_shares(entry.id)
            told = " ".join([entry.answer, *(c.quote for c in entry.citations)])
            # Its words one by one too: "the olympics" is said in "the Sochi Olympic Games", one term.
            said = set(matcher.vocab.terms(told)) | {stem(w) for w in words(told)}
            for term, weight in list(terms.items()):
                share = shares.get(term, 0.0)
                if term in matcher.names and share < TOPIC_SHARE and term not in said:
                    del terms[term]
                elif term not in LIGHT_WORDS:
                    terms[term] = weight * max(TOPIC_FLOOR, min(1.0, share / TOPIC_SHARE))
            for term, share in shares.items():
                if share >= TOPIC_SHARE and term not in terms and term not in LIGHT_WORDS:
                    terms[term] = matcher.weight(term) * CONTEXT_SHARE * share
        if swap and any(t in matcher.names for t in query.terms):
            # The first name, or number, asked about before: "and the japanese?" after "what did 78% think".
            replaced = next((t for t in context.terms if (t in matcher.names or t.isdigit()) and t not in query.terms),
                            None)
            terms.pop(replaced, None)
        for term, weight in query.terms.items():
            terms[term] = max(terms.get(term, 0.0), weight)
        # What is asked is asked now, unless the follow-up's words do not say ("and China?").
        asks = query.asks if query.asks or kind or dialogue.asks_its_own(query.text) else context.asks
        return Query(terms, query.unknown, asks, f"{query.text} {before}",
                     query.unknown_terms | context.unknown_terms, query.elsewhere)

    def example(self, sources: frozenset[str] | None = None, *, seed: str = "") -> str:
        """A question this knowledge base answers, to show how to ask; `seed` picks which. One on
        what the text says, not on the text itself ("What does the word Sammanfattning mean?"),
        where there is such."""
        entries = [e for e in self.kb.live_entries if sources is None or e.source in sources]
        entries = [e for e in entries if "meta" not in e.tags] or entries
        if not entries:
            return "What is this text about?"
        return entries[zlib.crc32(seed.encode()) % len(entries)].questions[0]

    def examples(self, sources: frozenset[str] | None = None, *, seed: str = "", most: int = 2) -> list[str]:
        """A question for each of the first `most` texts served, to show how to ask about each: one
        its curators answer, or, for a text nobody has curated yet, what it is about."""
        served = [sid for sid in self.kb.sources if sources is None or sid in sources][:most]
        if len(served) < 2:
            return [self.example(sources, seed=seed)]
        return [self.example(frozenset({sid}), seed=seed) if any(e.source == sid for e in self.kb.live_entries)
                else f"What is {self.kb.sources[sid].name} about?" for sid in served]

    def answer_entry(self, entry_id: str, *, question: str = "") -> Answer | None:
        """The curated answer of one entry, as when a member picks a suggestion."""
        if entry_id in self._details:
            return self._details_answer(question or self._details[entry_id].questions[0], self._details[entry_id], 1.0)
        entry = self.kb.entry(entry_id)
        if entry is None or entry.draft:
            return None
        said = entry.answer
        if question and entry.source in self.matchers:
            cleaned = clean_question(question)
            said = self._said(entry, cleaned, self.matchers[entry.source].query(cleaned))
        return Answer(question or entry.questions[0], "curated", said, 1.0, entry, self._cite(entry))

    def _said(self, entry: Entry, question: str, query: Query) -> str:
        """The entry's answer, without its opening "Yes." or "No." unless the question is the yes-or-no
        question it answers: every word of the question is one the entry speaks of. "Yes. Russia has
        increased its military presence" is no answer to "did russia reduce its military presence",
        nor "No. Japan has failed to convince Russia" to "why did japan's effort fail"."""
        verdict = _VERDICT.match(entry.answer)
        if verdict is None or (_YES_NO.match(question) and self.matchers[entry.source].speaks_of(query, entry.id)):
            return entry.answer
        return entry.answer[verdict.end():]

    def rank(self, question: str, *, source: str | Collection[str] | None = None,
             limit: int = 25) -> list[tuple[float, Entry, str]]:
        """Entries for a partly typed question, best first, with the phrasing that fits best."""
        cleaned = clean_question(question[:MAX_QUESTION_CHARS])
        ranked = sorted((r for sid, matcher in self._in_scope(source)
                         for r in matcher.rank_entries(matcher.query(cleaned), limit=limit)), key=lambda r: -r[0])
        return [(score, entry, entry.questions[at]) for score, entry, at in ranked[:limit]]

    def search(self, words: str, *, source: str | Collection[str] | None = None,
               limit: int = 5) -> list[tuple[float, Passage]]:
        """Passages that contain the most of these words, best first.

        A search looks for the words themselves first (any form of them: "islands" finds
        "island"), then for what the knowledge base's synonyms call the same thing ("Moscow" finds
        "Russia" too, after the passages that say "Moscow")."""
        cleaned = clean_question(words[:MAX_QUESTION_CHARS])
        looked_for = search_stems(cleaned)
        seen: dict[Passage, float] = {}
        for sid, matcher in self._in_scope(source):
            query = matcher.query(cleaned)
            for score, sentence in matcher.rank_sentences(query, limit=SEARCH_DEPTH):
                combined = 0.5 * score + 0.5 * _passage_cover(matcher, query, sentence.passage)
                seen[sentence.passage] = max(combined, seen.get(sentence.passage, 0.0))
            if looked_for:
                text = self.kb.sources[sid]
                for passage in (text.about, *text.passages):
                    used = len(looked_for & search_stems(passage.text))
                    if used:  # the words themselves count for more than anything the synonyms find
                        seen[passage] = seen.get(passage, 0.0) + used / len(looked_for)
        for passage in seen:
            if passage.number == 0:  # the details name the text's topic, which its passages treat
                seen[passage] *= DETAILS_IN_SEARCH
        hits = sorted(((s, p) for p, s in seen.items()), key=lambda h: (-h[0], h[1].source, h[1].number))
        return hits[:limit]

    def _in_scope(self, source: str | Collection[str] | None) -> list[tuple[str, Matcher]]:
        sources = self._sources(source)
        return [(sid, m) for sid, m in self.matchers.items() if sources is None or sid in sources]

    @staticmethod
    def _sources(source: str | Collection[str] | None) -> frozenset[str] | None:
        if source is None:
            return None
        return frozenset((source,)) if isinstance(source, str) else frozenset(source)

    def _cite(self, entry: Entry) -> tuple[CitedPassage, ...]:
        cited = []
        for citation in entry.citations:
            passage = self.kb.passage(citation.source, citation.passage)
            if passage is not None:
                cited.append(CitedPassage(passage, citation.quote))
        return tuple(cited)

    @staticmethod
    def _suggest(ranked: list[tuple[float, Entry, int]]) -> tuple[Suggestion, ...]:
        return tuple(Suggestion(e.id, e.questions[0], round(s, 3), e.source) for s, e, _ in ranked)


def passage_bars(kb: KnowledgeBase) -> dict[str, float]:
    """Each text's bar for answering from its passages: lower until its entries cover it."""
    own = by_text(kb.live_entries)
    return {sid: PASSAGE_MIN if curated(source, own.get(sid, ())) else UNCURATED_PASSAGE_MIN
            for sid, source in kb.sources.items()}


def _passage_cover(matcher: Matcher, query: Query, passage: Passage) -> float:
    terms = matcher.passage_terms[(passage.source, passage.number)]
    return sum(w for t, w in query.terms.items() if t in terms) / query.weight


def _one_per_text(ranked: list[tuple[float, Entry, int]], besides: str) -> list[tuple[float, Entry, int]]:
    """The best entry of each other text, in rank order."""
    seen = {besides}
    out = []
    for r in ranked:
        if r[1].source not in seen:
            seen.add(r[1].source)
            out.append(r)
    return out


def _runs(question: str) -> Iterator[tuple[int, int]]:
    """Where runs of one to three words of a question start and end, longest first, left to right
    within each length: where a name it asks about may be written ("Vladimir Putin", "Russians", "78%")."""
    spans = [found.span() for found in re.finditer(r"[\w$]+(?:['.-]\w+)*%?", question)]
    for size in (3, 2, 1):
        for at in range(len(spans) - size + 1):
            yield spans[at][0], spans[at + size - 1][1]


_ASKS_WHAT = re.compile(r"^\W*(?:what|whats|what's|wat|which)\b", re.I)
# A person pointed back at: "who is he", "what did she want". ("His", "her" and "it" need more.)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him)\b", re.I)


class _Readings(NamedTuple):
    """MiniLM's readings of a text's sentences (`Engine._readings`)."""

    sentences: list[Sentence]
    vectors: np.ndarray  # each sentence read alone
    going_on: np.ndarray  # the places of those that go on from the one before ("He was born in York")
    read_on: np.ndarray  # those read with the one before
    places: dict[tuple[int, str], int]  # each sentence's place, by its passage number and words
    numbers: np.ndarray  # each sentence's passage number


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
    """For "when": whether words of the text speak of what happened, by one of the question's words
    of the text besides its names (EVENT_WEIGHT or more). "When did Rogier Verbeek die?" is not
    answered by the date of his visit, though it names him and gives a time; a question whose
    words of the text are all names ("when was abe in sochi") is not held to it."""
    event = {t for t, weight in query.terms.items() if weight >= EVENT_WEIGHT and t not in matcher.names
             and not t.isdigit() and t not in LIGHT_WORDS and t not in query.unknown_terms}
    if not event:
        # Only an event the text never speaks of besides the names: "when was Edward Jenner born" of
        # a text that never says "born" (but dates his first vaccination).
        return not any(t not in matcher.names and t not in LIGHT_WORDS and t not in query.elsewhere
                       and weight >= EVENT_WEIGHT for t, weight in query.terms.items() if t in query.unknown_terms)
    return bool(event & set(matcher.vocab.terms(said)))


def _defines(asked: str) -> re.Pattern[str] | None:
    """For "what is X?", a sentence that says what X is: X, perhaps a phrase set off by commas, then
    "is a", "was an", "are the", ... (None when the question is not of that shape)."""
    found = _IDENTITY.match(asked)
    term = re.sub(r"^(?:a|an|the)\s+", "", asked[found.end():].strip(" ?!.").lower()) if found else ""
    if not found or not term or len(term.split()) > 4 or not found.group().strip().lower().startswith("what"):
        return None  # "who is abe": "Abe was a guest of honour at ..." says what he did, not who he is
    return re.compile(rf"\b{re.escape(term)}(?:,[^,]{{2,60}},)?\s+(?:is|are|was|were)\s+(?:a|an|the)\b", re.I)


def _content_words(query: Query) -> int:
    """How many of a question's terms are not question words: what it is about."""
    return sum(1 for t in query.terms if t not in LIGHT_WORDS)


# The words any text's details are asked in: a question of these alone is about a text, not its content.
_OF_ANY_TEXT = frozenset(stem(w) for w in """
    text texts article essay piece reading paper document analysis book chapter report author writer
    wrote write written main point argument argue argues argued thesis claim conclusion conclude concludes
    summary summarise summarize gist tldr overall key takeaway message about title called date published
    """.split())


def _of_any_text(query: Query) -> bool:
    """Whether every word the question is about (beside its question words) is one any text's
    details are asked in, and it has one: "what does the author argue", not "what does the
    author say about the seawall"."""
    content = [t for t in query.terms if t not in LIGHT_WORDS]
    return bool(content) and all(t in _OF_ANY_TEXT for t in content)


_DERIVED = ("er", "ers", "ership", "ing", "ment", "ments", "ness", "ion", "ions", "al", "ally", "ly", "ity", "ive",
            "ship", "ed", "s", "es")


def _of_a_family(word: str, used: Collection[Collection[str]]) -> bool:
    """Whether a word the texts (`used`: each text's words) never use is of the family of one they
    do: "owned", "ownership"."""
    root = stem(word)
    return len(root) >= 3 and " " not in word and any(f"{root}{end}" in words for words in used for end in _DERIVED)


def _about_the_text(entry: Entry) -> bool:
    """An entry on a text's details (its author, title, date, what it is about), not its content."""
    return is_details(entry) or any(c.passage == 0 for c in entry.citations)


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


def _sentence_after(sentence: Sentence) -> str | None:
    """The sentence after this one in its passage, if there is one."""
    text = sentence.passage.text
    at = text.find(sentence.text)
    if at < 0:
        return None
    return next((s for s in sentences(text[at + len(sentence.text):].strip()) if s), None)


def _related(sentences: list[tuple[float, Sentence]]) -> tuple[Passage, ...]:
    """The passages of the best sentences (already ranked, all above RELATED_MIN), best first."""
    return tuple(dict.fromkeys(sentence.passage for _, sentence in sentences))[:RELATED]


# What goes on after a quote in its own sentence as a clause of its own: "... and both states agreed ...".
_GOES_ON = re.compile(r"^\s*(?:[,;]\s*)?(?:and|but|then|while|whereas)\b\s*|^\s*;\s*", re.I)
# Question words that ask nothing on their own ("why?", "how so?", "who?").
_ASKING_ALONE = QUESTION_WORDS | {"what", "which", "so", "exactly", "then",
                                   "tho", "though", "lol", "huh", "really", "again", "now"}  # "why tho?"


def _same_passages(a: Entry, b: Entry) -> bool:
    cited_a = {(c.source, c.passage) for c in a.citations}
    cited_b = {(c.source, c.passage) for c in b.citations}
    return cited_a <= cited_b or cited_b <= cited_a


def _did_you_mean(offered: tuple[Suggestion, ...]) -> str:
    """'Did you mean: "A?"; "B?"', asked once: no second question mark after a quoted one."""
    names = "; ".join(f'"{s.question}"' for s in offered)
    return f"Did you mean: {names}" + ("" if offered[-1].question.rstrip().endswith(("?", "!", ".")) else "?")


def _unknown_note(queries: list[Query], used: Collection[Collection[str]] = ()) -> str:
    """The member's words that no text in scope uses, the rarest first: why nothing answers.
    Everyday words ("point", "thing") are left out: they say little about what was asked, and so is
    a word whose family the text uses (`used`): "owned" beside "ownership" is no word it never says."""
    unknown = [w for w in dict.fromkeys(queries[0].unknown) if all(w in q.unknown for q in queries[1:])
               and not COMMON_WORDS.issuperset(w.split()) and lexicon.zipf(w) < lexicon.EVERYDAY_ZIPF
               and not _of_a_family(w, used)]
    if not unknown:
        return ""
    shown = ", ".join(f"\u201c{w}\u201d" for w in unknown[:3])
    return f" (the {'texts never mention' if len(queries) > 1 else 'text never mentions'} {shown})"
