"""Follow-ups: a question read with the answer before it ("why?", "and China?", "what did he
find?", "what happened next?")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import dialogue
from .asked import answers, asks_a_name
from .bars import ANSWER_MIN, CONFIDENT
from .matcher import Matcher, Query, gives_a_reason, question_kind
from .models import Answer, Entry, KnowledgeBase
from .reading import PERSON_PRONOUN
from .text import LIGHT_WORDS, clean_question, sentences, stem, words

# A follow-up is read with the question before it, whose words count this much of their own
# weight: enough to name the topic, never enough to outweigh what is asked now.
CONTEXT_SHARE = 0.6
# A word of the question before that this share of the answered entry's phrasings use is its topic;
# one fewer use weighs less, down to TOPIC_FLOOR of its weight.
TOPIC_SHARE = 0.5
TOPIC_FLOOR = 0.3
# "What happened next?" is answered by the entry that quotes at least this share of what the text says next.
NEXT_QUOTED_SHARE = 0.5


def _runs(question: str) -> Iterator[tuple[int, int]]:
    """Where runs of one to three words of a question start and end, longest first, left to right
    within each length: where a name it asks about may be written ("Vladimir Putin", "Russians", "78%")."""
    spans = [found.span() for found in re.finditer(r"[\w$]+(?:['.-]\w+)*%?", question)]
    for size in (3, 2, 1):
        for at in range(len(spans) - size + 1):
            yield spans[at][0], spans[at + size - 1][1]


# What goes on after a quote in its own sentence as a clause of its own: "... and both states agreed ...".
_GOES_ON = re.compile(r"^\s*(?:[,;]\s*)?(?:and|but|then|while|whereas)\b\s*|^\s*;\s*", re.I)


def content_words(query: Query) -> int:
    """How many of a question's terms are not question words: what it is about."""
    return sum(1 for t in query.terms if t not in LIGHT_WORDS)


class FollowUps:
    """The engine's reading of a follow-up (a part of `Engine`)."""

    kb: KnowledgeBase
    matchers: dict[str, Matcher]

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
        # The entry that quotes what comes next, most of it: one that quotes a name in it ("Japanese
        # Prime Minister Shinzō Abe") answers who he is, not what happened.
        entry = next((e for e in self.kb.live_entries if e.source == passage.source and any(
            c.passage == passage.number and c.quote in said and len(c.quote) >= NEXT_QUOTED_SHARE * len(said)
            for c in e.citations)), None)
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

    def _topic_phrasing(self, answer: Answer) -> str:
        """What a follow-up of this answer is about: the member's own question when it stood on its
        own ("what did Putin propose?": a "why?" after it asks about the proposal, not about the
        forum that the entry's first phrasing also names); else, after a follow-up whose words
        name no topic ("and China?"), the entry's first phrasing."""
        matcher = self.matchers.get(answer.entry.source)
        if matcher is None:  # an answer from knowledge served before a reload
            return answer.entry.questions[0]
        asked = clean_question(answer.question)
        content = content_words(matcher.query(asked))
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
        pronoun = PERSON_PRONOUN.search(follow_up)
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
                     query.unknown_terms | context.unknown_terms, query.elsewhere, query.unknown_names)
