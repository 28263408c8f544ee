"""Draft discussion prompts of five kinds, each quoting the passages it builds on.

exercise: a question the text itself sets its readers ("Check your understanding: 1. Explain why
..."); interpretation: what a striking line means; disagreement: the strongest objection to a
claim; comparison: two passages on the same topic side by side; application: a claim tested on a
case the group knows. Wordings rotate so a server's prompts do not all read alike.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .asked import asks_the_reader, exercises
from .draft_words import decap, past_base, prefix, sentence_list
from .lexicon import EVERYDAY_ZIPF, zipf
from .text import STOPWORDS, stem

MAX_QUOTE_WORDS = 30  # a prompt quotes a line, not a paragraph
MIN_QUOTE_WORDS = 8  # a line cut shorter than this ("In the extent of the Union, therefore…") says nothing
# Each kind gets one prompt per this many passages (at least one): enough to choose from,
# few enough that a curator reviews them all.
PASSAGES_PER_PROMPT = 5
MIN_TOPIC_LETTERS = 4
UBIQUITOUS_SHARE = 0.6  # of the passages: a topic named in more is the whole text's
_NOUN_ENDINGS = ("ment", "ments", "tion", "tions", "sion", "sions", "ness", "ity", "ance", "ence", "er", "ers", "or",
                 "ors", "ist", "ists")

# Lines that argue, judge or weigh evidence: what a group can discuss. Narrative texts say it with
# "historians believe", "remains disputed", "a turning point", "yet", "not ... but".
_ARGUES = re.compile(r"\b(?:should|must|ought|cannot|therefore|thus|hence|argue|argues|argued|worse than|better than|"
                     r"unable|no one|essential|only to be|deserves|believe[sd]?|suggest(?:s|ed)?|disputed?|"
                     r"claim(?:s|ed)|turning point|in fact|a reminder|yet|although|not \w+ (?:\w+ )?but)\b", re.I)
# Only a general claim can be tried on a case the group knows ("ambition must be made to counteract
# ambition"); an event of a given year cannot ("in October 1883 fire engines were called out").
_GENERAL = re.compile(r"\b(?:should|must|ought|cannot|can|tends?|always|never|generally|usually|often|rarely|"
                      r"no one|anyone|people|men|governments?|societ(?:y|ies))\b", re.I)
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b")
# Figures of speech, strongest first: an analogy ("Liberty is to faction what air is to fire") before an image.
_FIGURATIVE = (re.compile(r"\bis to \w+ what\b", re.I),
               re.compile(r"\blike a\b|\bas if\b|\bon sand\b|\bflame\b|\bworse than the disease\b", re.I))

# The passages a prompt rests on are its citations, shown beside it; the text names them by their
# words, never by number, so that renumbering the passages (`kb fix-citations`) leaves it true.
_INTERPRET = (
    "The text says: \u201c{q}\u201d What does the author mean by this? Put it in your own words.",
    "\u201c{q}\u201d How would you explain this line to someone who has not read the text?",
)
_DISAGREE = (
    "The author holds that \u201c{q}\u201d What is the strongest objection to this, and how would the author reply?",
    "Is the text right that \u201c{q}\u201d Argue the other side for a moment: what would it take to convince you?",
)
# A line that reports someone else's view ("Critics argue that ...") is not the author's to defend.
_DISAGREE_REPORTED = (
    "The text reports that \u201c{q}\u201d What is the strongest case against this view, and does the text "
    "itself take a side?",
    "\u201c{q}\u201d Who might disagree, and on what grounds? Where does the text stand?",
)
# ... said by someone it names: "Eighty people are believed to have died" names no one who believes it.
_REPORTED_VIEW = re.compile(r"^(?!(?:I|We|The author|The writer)\b)(?:[A-Z][\w’'-]*)(?: [\w’'-]+){0,5}? "
                            r"(?<!\bare )(?<!\bis )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )"
                            r"(?:argue|argues|argued|claim|claims|claimed|believe|believes|believed|insist|insists|"
                            r"insisted|contend|contends|contended|maintain|maintains|maintained|say|says|said)\b")
# The same for a line that gives someone else's view ("Critics argue that ..."): not the author's to explain.
_INTERPRET_REPORTED = (
    "The text reports that \u201c{q}\u201d What do they mean, and what would they point to?",
    "\u201c{q}\u201d Whose view is this, and how would you put it in your own words?",
)
# "Long before 1953 he had drawn maps ...": a line whose subject is a pronoun means nothing quoted alone.
_PRONOUN_SUBJECT = re.compile(r"^(?:(?:[\w’'-]+ ){0,5}?)(?:he|she|they|it|this|these|those)\b", re.I)
# A claim about people, groups and their ways can be tried on a group the members know; another
# (an engineering standard) only on an event they followed.
_SOCIAL = re.compile(r"\b(?:people|men|women|anyone|no one|everyone|group|groups|society|societies|communit(?:y|ies)|"
                     r"governments?|leaders?|citizens?|members?|public|voters?|nations?|states?|power|ambition|"
                     r"interests?|faction|trust)\b", re.I)
_COMPARE = (
    "Two passages both turn on {topic}: \u201c{qa}\u201d and \u201c{qb}\u201d "
    "Do they pull the same way, or is there a tension between them?",
    "Compare what the text says about {topic} in \u201c{qa}\u201d and in \u201c{qb}\u201d. "
    "Which is more convincing, and why?",
)
# The text's own exercises are prompts its author wrote: all of them, up to this many.
MAX_EXERCISES = 10
_EXERCISE = "The text asks its readers: \u201c{q}\u201d How would you answer, and which passages bear you out?"
_APPLY = (
    "Think of a group you know: a club, a class, an online community. Does \u201c{q}\u201d "
    "hold there? Give an example.",
    "Take a current event you have followed. How would the text's claim that \u201c{q}\u201d apply to it?",
)


@dataclass(frozen=True)
class DraftPrompt:
    """One drafted prompt: its kind, its text and the (passage, quote) pairs it cites."""

    kind: str  # exercise | interpretation | disagreement | comparison | application
    text: str
    cites: tuple[tuple[int, str], ...]


def prompts_from(passages: list[tuple[int, str]]) -> list[DraftPrompt]:
    """A few prompts of each kind; every passage serves one prompt at most, except in comparisons."""
    per_kind = max(1, len(passages) // PASSAGES_PER_PROMPT)
    lines = {n: _lines(text) for n, text in passages}
    used: set[int] = set()
    out = _exercises(passages)
    figurative = [(n, q) for pattern in _FIGURATIVE for n, qs in lines.items() for q in qs if pattern.search(q)]
    arguing = [(n, q) for n, qs in lines.items() for q in qs if _ARGUES.search(q) and not q.endswith("?")]
    arguing = [(n, q) for n, q in arguing if not _PRONOUN_SUBJECT.match(q)]
    out += _single("interpretation", _INTERPRET, figurative + arguing, per_kind, used, reported=_INTERPRET_REPORTED)
    out += _single("disagreement", _DISAGREE, arguing, per_kind, used, reported=_DISAGREE_REPORTED)
    out += _comparisons(passages, lines, per_kind)
    general = [(n, q) for n, q in arguing if _GENERAL.search(q) and not _YEAR.search(q)]
    out += _single("application", _APPLY, list(reversed(general)), per_kind, used, narrow=_APPLY[1:])
    return out


def _exercises(passages: list[tuple[int, str]]) -> list[DraftPrompt]:
    """The exercises the text sets ("Describe two differences between ..."), and the questions of a
    passage that only asks ("Questions for discussion: Why did ...? What if ...?"), as written."""
    out: list[DraftPrompt] = []
    for number, text in passages:
        said = [s for s in sentence_list(text) if len(s.split()) > 2]  # not a list's "1."
        asking = bool(said) and all(map(asks_the_reader, said))
        for sentence in said:
            if (asking or exercises(sentence)) and len(out) < MAX_EXERCISES:
                out.append(DraftPrompt("exercise", _EXERCISE.format(q=sentence), ((number, sentence),)))
    return out


def _lines(text: str) -> list[str]:
    """The lines a prompt may quote: not the text's own questions and exercises, which state nothing."""
    quoted = [(s, prefix(s, MAX_QUOTE_WORDS)) for s in sentence_list(text) if not asks_the_reader(s)]
    return [q for s, q in quoted if q == s.rstrip(" ,;:") or len(q.split()) >= MIN_QUOTE_WORDS]


def _single(kind: str, wordings: tuple[str, ...], candidates: list[tuple[int, str]], limit: int,
            used: set[int], *, reported: tuple[str, ...] | None = None,
            narrow: tuple[str, ...] | None = None) -> list[DraftPrompt]:
    """Up to `limit` prompts from the candidates, in `wordings` by turns (`reported` for a line
    that gives someone else's view, where there are such wordings; `narrow` for a claim about no
    people or group, which a club or a class cannot try out)."""
    out: list[DraftPrompt] = []
    for number, quote in candidates:
        if number in used or len(out) >= limit:
            continue
        used.add(number)
        shown = _shown(quote)
        said = reported if reported and _REPORTED_VIEW.match(decap(quote)) else wordings
        if narrow and not _SOCIAL.search(quote):
            said = narrow
        text = said[len(out) % len(said)].format(n=number, q=shown)
        out.append(DraftPrompt(kind, text, ((number, quote),)))
    return out


def _comparisons(passages: list[tuple[int, str]], lines: dict[int, list[str]], limit: int) -> list[DraftPrompt]:
    """Pairs of distant passages sharing the text's most frequent topics."""
    stems = {n: _stems(text) for n, text in passages}
    counts = Counter(s for found in stems.values() for s in found)
    first = {}  # where each topic is first named: among equally frequent topics, the earlier first
    for _, text in passages:
        for word in re.findall(r"[a-z]+", decap(text).lower()):
            first.setdefault(stem(word), len(first))
    out: list[DraftPrompt] = []
    paired: set[int] = set()
    # A topic nearly every passage names is what the whole text is about ("the bridge"): two
    # passages that both name it need not have anything to compare. Such a topic comes last.
    ubiquitous = {t for t, n in counts.items() if n > UBIQUITOUS_SHARE * len(passages)}
    # A topic is a thing spoken of, not what was done: "argue" (written "argued") is no topic, but
    # "govern" is, when the text writes it "government".
    forms: dict[str, set[str]] = {}
    for _, text in passages:
        for w in re.findall(r"[A-Za-z]+", decap(text)):
            forms.setdefault(stem(w.lower()), set()).add(w)
    # Written only with a capital, it is a name ("Fleming"), never a verb.
    acted = {t for t, written in forms.items()
             if any(w.islower() and (w.endswith(("ed", "ing")) or past_base(w)) for w in written)
             and not any(w.endswith(_NOUN_ENDINGS) for w in written)}
    # Nor is an everyday word ("many", "later", "year"): it names no subject of the text's own.
    everyday = {t for t, written in forms.items() if all(zipf(w.lower()) >= EVERYDAY_ZIPF for w in written)}
    # Nor a word the text only uses of something else ("weak currents", "already weak"): a topic is
    # named as a thing somewhere ("the insulation, ...", "a wire."), or is a name.
    things = {stem(w) for _, text in passages for w in _THING.findall(decap(text))}
    named = {t for t, written in forms.items() if all(w[:1].isupper() for w in written)}
    for topic in sorted((t for t in counts if t not in acted and t not in everyday and (t in things or t in named)),
                        key=lambda t: (t in ubiquitous, -counts[t], first.get(t, 0))):
        holders = [n for n in stems if topic in stems[n] and n not in paired and lines[n]]
        if len(holders) < 2 or len(out) >= limit:
            continue
        a, b = holders[0], holders[-1]
        qa, qb = _line_with(lines[a], topic), _line_with(lines[b], topic)
        word = _surface(topic, passages)
        text = _COMPARE[len(out) % len(_COMPARE)].format(a=a, b=b, topic=word, qa=_shown(qa), qb=_shown(qb))
        text = re.sub("([.?!\u2026])\u201d\\.", "\\1\u201d", text)  # a quote's own full stop ends the sentence
        out.append(DraftPrompt("comparison", text, ((a, qa), (b, qb))))
        paired |= {a, b}
    return out


# A word named as a thing: after a determiner (and perhaps one word more), before a break, a
# preposition, a conjunction or a verb ("the insulation, already weak", "so long a wire.").
_THING = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|each|every|no|any|some)\s+"
                    r"(?:[a-z]+\s+)?([a-z]+)(?=\s*[,.;:!?)]|\s+(?:of|in|on|at|to|for|from|with|by|and|or|but|was|"
                    r"were|is|are|had|has|have|that|which|who|could|would|did)\b)")


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z]+", decap(text).lower())
            if w not in STOPWORDS and len(w) >= MIN_TOPIC_LETTERS}


def _line_with(lines: list[str], topic: str) -> str:
    return next((q for q in lines if topic in _stems(q)), lines[0])


def _surface(topic: str, passages: list[tuple[int, str]]) -> str:
    """The most frequent written form of a stem: 'faction' for 'faction'."""
    forms = Counter(w for _, text in passages for w in re.findall(r"[A-Za-z]+", decap(text))
                    if stem(w.lower()) == topic)
    # As the text writes it ("Fleming", "faction"), a thing rather than a deed ("explosion", not "exploded").
    ranked = sorted(forms.items(), key=lambda f: (f[0].endswith(("ed", "ing")), -f[1]))
    word = ranked[0][0] if ranked else topic
    # A thing the text mostly calls "the lake" is "the lake" in a prompt, not "lake".
    if word.islower():
        said = sum(len(re.findall(rf"\b{re.escape(word)}\b", text, re.I)) for _, text in passages)
        with_the = sum(len(re.findall(rf"\bthe {re.escape(word)}\b", text, re.I)) for _, text in passages)
        if said and with_the >= said / 2:
            return f"the {word}"
    return word


def _shown(quote: str) -> str:
    """A quote as it reads inside a prompt: capitals of emphasis made plain, closed by a full stop."""
    text = decap(quote).rstrip(" ,;:")
    return text if text.endswith((".", "?", "!")) else text + "\u2026"
