"""The answer policy: a curated answer, a "did you mean", the text itself, or an honest "no".

The engine is one class in four rooms: this one chooses among the answers; reading.py reads the
texts' own sentences, following.py reads a follow-up with the answer before it, and
second_opinion.py has MiniLM read the entries the words cannot tell apart.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import replace

from . import dialogue, lexicon, smalltalk
from .asked import NAME, TIME, UNMARKED, asked_role, asks_a_name
from .asked import asks as asked_kinds
from .bars import ANSWER_MIN, CONFIDENT, SUGGEST_MIN, UNCURATED_PASSAGE_MIN
from .details import details_entries, details_id, gives_date, is_details, lacks, says_no_date
from .encoder import encoder
from .following import FollowUps, content_words
from .matcher import Matcher, Query, Sentence, answers_why, question_kind
from .models import Answer, CitedPassage, Entry, KnowledgeBase, Passage, Suggestion, passage_names
from .reading import TextReading, passage_bars
from .second_opinion import SecondOpinion
from .text import COMMON_WORDS, LIGHT_WORDS, QUESTION_WORDS, clean_question, search_stems, stem, words

# Below this gap between the two best entries (and under CONFIDENT) the engine cannot tell
# them apart and asks "did you mean" instead of guessing.
AMBIGUITY_MARGIN = 0.05
SUGGESTIONS = 3
# Passages named as related in a "none" answer cover at least this much of the question.
RELATED_MIN = 0.35
RELATED = 3
# Search ranks passages by their best sentences; this many sentences are enough to find the
# best few passages.
SEARCH_DEPTH = 50
# The text's details (passage 0) rank below its passages in a search: "search Putin" is after what
# the text says of him, not the line that names the occasion he appears in.
DETAILS_IN_SEARCH = 0.5
# Longer input is not a question; this is several paragraphs of text.
MAX_QUESTION_CHARS = 1000
# What kind of thing a follow-up asks for ("which city did he visit?", "and what paper was it?"):
# an entry that never says that word, however well it fits the talk, answers the question before.
_CATEGORY_ASKED = re.compile(r"^\W*(?:(?:and|so|ok|but)\W+)*(?:which|what)\s+(?!(?:is|was|were|are|did|does|do|"
                             r"has|have|had|about|else|kind|sort|type|happened|happens)\b)([a-z]+)\b", re.I)
# A word a text uses that English uses less than this (Zipf scale) says a message is about the text,
# not small talk (`_speaks_of_the_texts`): "sanctions", "islands", not "slow", "finally" or "help".
TOPIC_ZIPF = 4.0

# A question that offers the choice between names: "who has the upper hand, tokyo or moscow".
_CHOICE = re.compile(r"\w\s+or\s+\w", re.I)

# A question about how things stand today, which a text answers only as of when it was written.
_NOW = re.compile(r"\b(?:now|nowadays|currently|today|these days|at the moment|at present|presently|as of now)\b", re.I)
# An answer that opens with a bare name, then says more: "China. Moscow invited China to ...".
_NAMED_FIRST = re.compile(r"(?:The |the )?[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}\.\s+(?=[A-Z])")
_VERDICT = re.compile(r"(?:Yes|No|Hardly|Partly|Not really|Not quite)[.,!]\s+(?=\S)")
_YES_NO = re.compile(r"\s*(?:(?:so|ok|okay|wait|and|but|hey|um|uh|like|then|also)\W+)*"
                     r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|shall|may|might|must|"
                     r"didn'?t|doesn'?t|don'?t|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|won'?t|can'?t)\b",
                     re.I)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:when|where|why|how(?:\s+\w+)?|who|what)\s+(?:was|is|were|are|did|does|do|has|"
                              r"had|will|would|could|can)\s+(?:it|he|she|they|this|that)\b", re.I)
_A_PRONOUN = re.compile(r"\b(?:it|they|them|he|him|she|her|this|that|those|these)\b", re.I)
# Words that speak of a text as a text: "who wrote the printing press text", "the earthquake one".
_A_TEXT = re.compile(r"\b(?:texts?|articles?|essays?|pieces?|readings?|papers?|books?|chapters?|ones?|authors?|"
                     r"writers?|wr[io]tt?e[ns]?|title[sd]?|published|dated)\b", re.I)
# What a text is asked to say something about: "what does the text say about Japan", "what does
# the author think about China", "what do they write about the islands".
_SAID_ABOUT = re.compile(r"\b(?:say|says|said|saying|think|thinks|thought|write|writes|wrote|written|talk|talks|"
                         r"mention|mentions|tell|tells|argue|argues|claim|claims)\s+(?:us\s+|me\s+)?"
                         r"(?:about|of|on|regarding|concerning)\s+(.+)", re.I)
EMPTY_HINT = "Ask me about the text in a few words, for example: {example}"
# Letters of another script (Cyrillic, Greek, Arabic, CJK ...): a question the matcher cannot read at all.
_OTHER_SCRIPT = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f]{2,}")


class Engine(TextReading, FollowUps, SecondOpinion):
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
        self.matchers = Matcher.for_texts(views)
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
        """Every question in one message, answered in order; each later one may follow up the one before.
        Past MAX_QUESTIONS, the questions left are named in a last answer, to be asked again."""
        parts, left = dialogue.questions_in(message) if len(message) <= MAX_QUESTION_CHARS else ([message], [])
        answers: list[Answer] = []
        for part in parts:
            answer = self.ask(part, source=source, after=after)
            answers.append(answer)
            if answer.kind != "none":
                after = answer
        if left:
            these = "this one is" if len(left) == 1 else f"these {len(left)} are"
            answers.append(Answer(" ".join(f"{q}?" for q in left), "none",
                                  f"I answer at most {dialogue.MAX_QUESTIONS} questions in one message, so {these} "
                                  f"left: ask {'it' if len(left) == 1 else 'each'} again on its own.", 0.0,
                                  reason="too-many"))
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
        if after is not None and answer.kind == "none" and answer.reason in ("not-found", "unsure"):
            # Read with the answer before, a message may find nothing that it finds alone: "Yamal
            # LNG", asked after the answer on the military exercises, is a lookup of its own.
            alone = self._ask(question, source=source)
            if alone.kind != "none" or (alone.suggestions and not answer.suggestions):
                return alone
        return answer

    def _ask(self, question: str, *, source: str | Collection[str] | None = None,
             after: Answer | None = None) -> Answer:
        if not isinstance(question, str):
            question = "" if question is None else str(question)
        asked = question
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(asked, "none", f"That message has {len(question):,} characters, and a question may "
                          f"have at most {MAX_QUESTION_CHARS:,}. Ask in a sentence or two.", 0.0, reason="too-long")
        sources = self._sources(source)
        if sources is not None and not sources & self.kb.sources.keys():
            names = ", ".join(sorted(sources)) or "none"
            return Answer(asked, "none", f"There is no text called '{names}' here.", 0.0, reason="no-source")
        cleaned = clean_question(question)
        chat = smalltalk.small_talk(cleaned)
        if chat is not None:
            return self._small_talk(asked, chat, sources, cleaned)
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

        # Small talk in words of its own ("gotta run, dinner's ready"), as MiniLM reads it, when it
        # speaks of nothing the texts do, does not lean on the answer before, and asks nothing of "it"
        # or "he" ("where is it" asks what "it" is).
        # Nor is "why lol" ("Why what?" below).
        typed = words(cleaned)
        if not (following and dialogue.points_back(cleaned)) and not _PRONOUN_SUBJECT.match(cleaned) \
                and not all(w in dialogue.ASKING_ALONE for w in typed) and not self._speaks_of_the_texts(queries) \
                and not self._asks_in_the_texts_words(cleaned, queries) \
                and (chat := smalltalk.sounds_like(cleaned)) is not None:
            return self._small_talk(asked, chat, sources, cleaned)

        answered_before = None
        followed = False  # read with the answer before it: the words alone do not say what is asked
        bare = False  # ... and made of nothing but question words ("where?", "who was that?")
        category: Query | None = None  # ... what kind of thing it asks for ("city" of "which city did he visit?")
        if dialogue.asks_what_next(cleaned):  # "what happened after that?": the text goes on
            if not (following and after.citations):
                # The example is of the text the talk was about, if the answer before says which.
                about = _texts_of(after) if after is not None else frozenset()
                return self._ask_whole(asked, "After what?", sources or about or None, cleaned)
            told = self._what_came_next(asked, after)
            if told is not None:
                return told
        if following:
            topic = after.entry.source if after.entry else next((c.passage.source for c in after.citations), None)
            query = queries[scope[0]] if topic not in queries else queries[topic]
            content = content_words(query)
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
                bare = content == 0
                if (kind := _CATEGORY_ASKED.match(cleaned)) is not None:
                    named = set(self.matchers[scope[0]].vocab.terms(kind.group(1))) - LIGHT_WORDS
                    category = replace(query, terms={t: w for t, w in query.terms.items() if t in named})
                # A follow-up asks for more than what was just said ("why?", "why did he do that?",
                # "how many?"): the same answer again only if it gives what is now asked for ("when
                # was that?" after "The Levada Center, which ran the poll in 2016").
                now = queries.get(after.entry.source) if after.entry is not None else None
                if after.entry is not None and (swap or now is None or not (
                        now.asks and self.matchers[after.entry.source].supplies_asked(now, after.entry.id)
                        and (content > 0 or _written_to_answer(after.entry, now.asks)))):
                    # (Nor is "when was that?" answered by when the thing told is to be done by: a
                    # deadline supplies no time, `asked.supplies`.)
                    # "and in Japan?" asks of someone else what was just answered: never the same answer.
                    answered_before = after.entry
                elif after.entry is not None and not swap and (content == 0 or self._all_said(query, after.entry)):
                    # "when was that?" after "Abe was a guest of honour at the Sochi Olympic Games
                    # (2014)": the answer just given says it, whatever else its words match; so does
                    # "when was that agreed?" after "Regular consultations ..., agreed on in 2014."
                    entry = after.entry
                    return Answer(asked, "curated", self._said(entry, cleaned, now), after.confidence, entry,
                                  self._cite(entry))

        if not followed and typed and all(w in dialogue.ASKING_ALONE for w in typed):
            # "why?", "who?" with nothing before: what it asks about, only the member knows.
            return self._ask_whole(asked, f"{typed[0].capitalize()} what?", sources, cleaned)
        if (not followed and typed and typed[-1] in QUESTION_WORDS and not dialogue.points_back(cleaned)
                and all(content_words(q) == 0 for q in queries.values())):
            # "says who?" names nothing to ask about either: an entry that matched its "who" is a guess.
            return self._ask_whole(asked, "About what?", sources, cleaned)
        # Nothing below SUGGEST_MIN is ever answered or offered, so it need not be scored.
        ranked = self._best_entries(scope, queries, SUGGESTIONS + 2)
        if not dialogue.speaks_of_the_text(cleaned):
            # "Who noticed the writing on the stone?" shares "who" and "writ..." with "Who wrote this
            # text?" but asks of something in the text: no text's details answer it, nor ask which text.
            ranked = [r for r in ranked if not is_details(r[1]) or not self._beyond_details(queries[r[1].source], r[1])]
        titled = self._title_said(cleaned, scope) if len(scope) > 1 else None
        named, naming = self._text_named(scope, queries, cleaned) \
            if len(scope) > 1 and (_A_TEXT.search(cleaned) or titled) else (None, frozenset())
        if named is not None:  # "who wrote the text about the printing press": that text's author, no other's
            ranked = [r for r in ranked if r[1].source == named or not _about_the_text(r[1])]
            # Read without the words that name it, its details answer as "who wrote it" would.
            query = queries[named]
            terms = {t: w for t, w in query.terms.items() if t not in naming}
            if titled == named:  # "what is The Sky Over the Stony Tunguska about?": its title stands for "this text"
                for term in self.matchers[named].vocab.terms("text"):
                    terms.setdefault(term, self.matchers[named].weight(term))
            bare = Query(terms, query.unknown, query.asks, query.text, query.unknown_terms, query.elsewhere,
                         query.unknown_names)
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
        if answered_before is not None and question_kind(cleaned) == "why":
            # ... if it gives a reason: "why?" after when an aqueduct was replaced is not its height.
            ranked = [r for r in ranked if answers_why(r[1])]
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
        content = content_words(queries[scope[0]])
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
            # The example is the likeliest question meant ("where did they meet": "Where did Abe meet
            # Putin?"), which names what the pronoun stood for.
            example = offered[0].question if offered else self.example(sources, seed=cleaned)
            return Answer(asked, "none", f"What does \u201c{word}\u201d stand for? Ask again with the name of what "
                          f"you mean, for example: \u201c{example}\u201d", top, suggestions=offered, reason="unclear")
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
        if top >= ANSWER_MIN and (top >= CONFIDENT or not rivals) \
                and self._answers(queries[ranked[0][1].source], ranked[0][1], ranked[0][2], followed=followed) \
                and not (bare and not _written_to_answer(ranked[0][1], queries[ranked[0][1].source].asks)) \
                and not (category is not None and category.terms
                         and not self.matchers[ranked[0][1].source].speaks_of(category, ranked[0][1].id)) \
                and (following or top >= CONFIDENT or not self._read_otherwise(cleaned, queries, ranked[0])):
            entry = ranked[0][1]
            # "When was it written?" of two texts, one undated: this text's date, and that the other gives none.
            besides = self._not_given_elsewhere(entry, scope) if named is None and not followed else ""
            if is_details(entry):
                answer = self._details_answer(asked, entry, min(top, 1.0))
                return replace(answer, text=answer.text + besides) if besides else answer
            if not followed:
                entry = self._reread(cleaned, ranked, queries)
            # "See also": the others about as close, never the entry that answers (when MiniLM's
            # rereading chose a close one, the words' first is among the others).
            also = [r for r in (ranked[0], *close) if r[1].id != entry.id]
            return Answer(asked, "curated", self._said(entry, cleaned, queries[entry.source]) + besides,
                          min(top, 1.0), entry,
                          self._cite(entry), self._suggest(also))
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

    def _answers(self, query: Query, entry: Entry, at: int, *, followed: bool) -> bool:
        """Whether the best entry, matched on its phrasing `at`, answers what is asked rather than
        something beside it: not when it shares only everyday words with the question, or too few
        of its words; for "who", when it names no one the question does not (`_names_asked`); when
        its figure counts other people than asked of; for a "why", when it only restates the
        question; for "when" and "where", when it speaks of nothing of what happened; for
        someone's view, when it only says who wrote the text. A follow-up, read with the answer
        before, is not held to what its few words name or ask why, when or where."""
        matcher = self.matchers[entry.source]
        return not matcher.only_everyday(query, entry.id, at) and not matcher.thin(query, entry.id, at) \
            and (followed or self._names_asked(query, entry, at)) \
            and not matcher.counts_others(query, entry.answer) \
            and (followed or not matcher.gives_no_reason(query, entry.id)) \
            and (followed or not matcher.misses_the_event(query, entry.id)) \
            and not matcher.gives_no_view(query, entry.id)

    def _beyond_details(self, query: Query, entry: Entry) -> bool:
        """Whether the question asks of something besides the text's details: it names no text, its
        author or title, and has a word of weight that neither the words about any text nor the
        stand-in `entry` itself (its phrasings, answer and the text's name) say."""
        if not _NAMES_A_TEXT.isdisjoint(query.terms):  # "what does the author argue about the weir"
            return False
        weighty = [t for t, w in query.terms.items() if w >= 1.0 and t not in LIGHT_WORDS and t not in _OF_ANY_TEXT]
        if not weighty:
            return False
        said = self.__dict__.setdefault("_details_terms", {})  # a stand-in's words, worked out once
        if entry.id not in said:
            said[entry.id] = frozenset(self.matchers[entry.source].vocab.terms(
                " ".join((*entry.questions, entry.answer, *entry.tags))))
        return any(t not in said[entry.id] for t in weighty)

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
        written = self.__dict__.setdefault("_titles_written", {})
        for sid in scope:
            source = self.kb.sources[sid]
            known = written.get(sid)
            if known is None or known[0] is not source:  # a text's titles as words, once per text read
                known = written[sid] = (source, tuple(
                    f" {w} " for title in (source.name, source.title)
                    if len((w := " ".join(words(title))).split()) >= 2))
            if any(title in said for title in known[1]):
                return sid
        return None

    def _text_named(self, scope: list[str], queries: dict[str, Query],
                    question: str) -> tuple[str | None, frozenset[str]]:
        """The one text in scope whose title the question names by a word no other title there
        has ("the printing press text", "the earthquake one"), if there is exactly one, and those words.
        What the question asks a text to say something about is its topic, not a name for the text:
        "what does the text say about Japan" names no text, "the text about Japan" does."""
        titles = self.__dict__.setdefault("_title_terms", {})
        for sid in scope:
            if sid not in titles:
                terms = self.matchers[sid].vocab.terms(self.kb.sources[sid].title)
                titles[sid] = frozenset(t for t in terms if t not in LIGHT_WORDS and not t.isdigit())
        in_titles = Counter(t for sid in scope for t in titles[sid])  # a word of one title only names it
        topic = _SAID_ABOUT.search(question)
        named = []
        for sid in scope:
            asked = queries[sid].terms.keys() - set(self.matchers[sid].vocab.terms(topic.group(1)) if topic else ())
            if words := {t for t in titles[sid] if in_titles[t] == 1} & asked:
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


    def _names_asked(self, query: Query, entry: Entry, at: int | None = None) -> bool:
        """Whether an entry's answer names someone the question does not, when the question asks
        who: "who took over from abe as prime minister" is not answered by "Shinzō Abe is the Prime
        Minister of Japan", however well the words fit. Asked as its phrasing `at` asks, it does
        ("Who uses the towpath today?": "Walkers and cyclists")."""
        if is_details(entry) or not asks_a_name(query.text) or _CHOICE.search(query.text):
            return True  # "who has the upper hand, tokyo or moscow": one of the question's own names
        if at is not None and self.matchers[entry.source].as_phrased(query, entry.id, at):
            return True
        return self.matchers[entry.source].names_besides(query, entry.answer, asked_role(query.text))


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


    def _small_talk(self, asked: str, kind: str, sources: frozenset[str] | None, cleaned: str) -> Answer:
        served = [(s.title, s.named_author, s.name) for sid, s in self.kb.sources.items()
                  if sources is None or sid in sources]
        reply = smalltalk.reply(kind, self.examples(sources, seed=cleaned), served)
        return Answer(asked, "none", reply, 0.0, reason="small-talk")

    def _speaks_of_the_texts(self, queries: dict[str, Query]) -> bool:
        """Whether a message speaks of something a text served does: one of its names or figures
        (not "one", "10/10"), a word of it rarely used otherwise (under TOPIC_ZIPF: "sanctions", not
        "slow" or "finally"), or, in a question, the text itself ("exam tomorrow, what's the essay's
        main argument?")."""
        for sid, query in queries.items():
            for word, term in self._texts_words(sid, query):
                if term.isdigit():
                    if len(term) > 2:
                        return True
                elif term in self.matchers[sid].names or lexicon.zipf(word) < TOPIC_ZIPF:
                    return True
            if question_kind(query.text) is not None or query.text.rstrip().endswith("?"):
                # In the member's words, whether the text uses them or not ("who made this reading").
                if any(stem(word) in _OF_ANY_TEXT for word in words(query.text)):
                    return True
        return False

    def _texts_words(self, sid: str, query: Query) -> Iterator[tuple[str, str]]:
        """Each word of the message that the text uses, with its term (question words aside)."""
        for word in words(query.text):
            for term in self.matchers[sid].vocab.terms(word):
                if term in query.terms and term not in query.unknown_terms and term not in LIGHT_WORDS:
                    yield word, term

    def _all_said(self, query: Query, entry: Entry) -> bool:
        """Whether every word of a follow-up besides its question words is in the answer it follows,
        and it asks of what was said, not of whom or of anyone else ("who else invested")."""
        if NAME in query.asks or _ELSE.search(query.text):
            return False
        said = set(self.matchers[entry.source].vocab.terms(entry.answer))
        return all(t in said for t in query.terms if t not in LIGHT_WORDS)

    def _asks_in_the_texts_words(self, cleaned: str, queries: dict[str, Query]) -> bool:
        """Whether a message asks who, what, when ... of something in a word a text uses: "who joined"
        asks who joined (the exercises, in a message that asked of them first), however close MiniLM
        reads it to "hi, i just joined the group". Not one asked of the bot ("why are your answers
        so long"), which is small talk in the text's words."""
        if question_kind(cleaned) is None or _OF_THE_BOT.search(cleaned):
            return False
        # Everyday words ("who made this thing") say nothing of a text.
        return any(lexicon.zipf(word) < lexicon.EVERYDAY_ZIPF
                   for sid, query in queries.items() for word, _ in self._texts_words(sid, query))

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


    def example(self, source: str | Collection[str] | None = None, *, seed: str = "") -> str:
        """A question this knowledge base answers, to show how to ask; `seed` picks which. One on
        what the text says, not on the text itself ("What does the word Sammanfattning mean?"),
        where there is such. `source` limits it to one text or several, as for `ask`."""
        sources = self._sources(source)
        entries = [e for e in self.kb.live_entries if sources is None or e.source in sources]
        entries = [e for e in entries if "meta" not in e.tags] or entries
        if not entries:
            only = [sid for sid in self.kb.sources if sources is not None and sid in sources]
            return f"What is {self.kb.sources[only[0]].name} about?" if len(only) == 1 else "What is this text about?"
        return entries[zlib.crc32(seed.encode()) % len(entries)].questions[0]

    def examples(self, source: str | Collection[str] | None = None, *, seed: str = "", most: int = 2) -> list[str]:
        """A question for each of the first `most` texts served, to show how to ask about each: one
        its curators answer, or, for a text nobody has curated yet, what it is about."""
        sources = self._sources(source)
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
            said = entry.answer
        else:
            said = entry.answer[verdict.end():]
        if (named := _NAMED_FIRST.match(said)) and not _VERDICT.match(said) \
                and (question_kind(question) == "why" or _YES_NO.match(question)):
            # "The United States. Tokyo remains ... dependent on it": the name answers "on whom does
            # Japan depend", and opens no answer to "why is japan dependent on the us", nor "China."
            # one to "did china join the exercises".
            said = said[named.end():]
        if _NOW.search(question):  # "who is the prime minister now": the text can only say what was so when written
            date = self.kb.sources[entry.source].date
            said = f"As of the text{f' ({date})' if date else ''}: {said}"
        return said

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


# The words any text's details are asked in: a question of these alone is about a text, not its content.
_OF_ANY_TEXT = frozenset(stem(w) for w in """
    text texts article essay piece reading paper document analysis book chapter report author writer
    wrote write written main point argument argue argues argued thesis claim conclusion conclude concludes
    summary summarise summarize gist tldr overall key takeaway message about title called date published
    """.split())


def _written_to_answer(entry: Entry, asks: frozenset[str]) -> bool:
    """Whether the entry was written to answer what a bare follow-up ("where?", "who?") asks, where
    its answer need not show it: "where?" after who wrote the text is not answered by his name again,
    nor "who?" after its date, which names the forum it followed."""
    return all(any(kind in asked_kinds(q) for q in entry.questions) for kind in asks & UNMARKED)


def _texts_of(answer: Answer) -> frozenset[str]:
    """The texts an answer quotes, relates or suggests."""
    return frozenset({c.passage.source for c in answer.citations} | {p.source for p in answer.related}
                     | {s.source for s in answer.suggestions})


# Words that say a question is about a text, whatever else it names ("writing" may be on a stone).
_NAMES_A_TEXT = frozenset(stem(w) for w in """
    text texts article essay piece reading paper document analysis book chapter report author writer title
    published summary summarise summarize gist tldr thesis""".split())


_ELSE = re.compile(r"\b(?:else|other|others|another)\b", re.I)
_OF_THE_BOT = re.compile(r"\b(?:you|your|yours|yourself|u|ur|bot|bots)\b", re.I)


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


def _related(sentences: list[tuple[float, Sentence]]) -> tuple[Passage, ...]:
    """The passages of the best sentences (already ranked, all above RELATED_MIN), best first."""
    return tuple(dict.fromkeys(sentence.passage for _, sentence in sentences))[:RELATED]


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
    # The word, not the topic: a member who put the text's idea in words of their own can try its words.
    shown = ", ".join(f"\u201c{w}\u201d" for w in unknown[:3])
    said = "the words" if len(unknown) > 1 else "the word"
    return f" (the {'texts never use' if len(queries) > 1 else 'text never uses'} {said} {shown})"
