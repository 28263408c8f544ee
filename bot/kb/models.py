"""The knowledge base's data: sources and their passages, curated entries, prompts, answers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

# A text's name in labels ("Federalist No. 51 · passage 3") is cut to this many characters.
SHORT_NAME_LIMIT = 40
# Where a title's head ends: "Federalist No. 51: The Structure …", "The Pump and the Proof - John Snow …".
_SUBTITLE = re.compile(r":|\s[-\u2013\u2014]\s")

AnswerKind = Literal["curated", "passage", "none"]
# Why an answer is kind "none": small talk, nothing to ask, too long, no such text, unsure
# between entries ("did you mean"), a question two texts answer about equally ("which text?"),
# or not in the knowledge base.
Reason = Literal["small-talk", "opinion", "empty", "too-long", "too-many", "no-source", "unsure", "which-text",
                 "not-found"]


@dataclass(frozen=True, slots=True)
class Passage:
    """One body paragraph of a source text, numbered from 1 in reading order.

    Number 0 is the text's own details (title, author, date, byline) as its front matter gives
    them, so that "who wrote it" can cite the byline.
    """

    source: str
    number: int
    text: str
    line: int = 0
    heading: str | None = None


# What an author's field says when the text names none.
UNKNOWN_AUTHORS = frozenset({"", "unknown", "anonymous"})


@dataclass(frozen=True, slots=True)
class Source:
    """A text the group studies, kept word for word, with its metadata."""

    id: str
    title: str
    author: str
    passages: tuple[Passage, ...]
    role: str | None = None
    language: str | None = None
    date: str | None = None
    occasion: str | None = None
    byline: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    notes: str | None = None
    path: str = ""
    short: str = ""  # a few words that name the text beside others; the title's head by default

    @property
    def name(self) -> str:
        """The text's short name, for labels when several texts are served."""
        if self.short:
            return self.short
        head = _SUBTITLE.split(self.title, maxsplit=1)[0].strip()
        return head if len(head) <= SHORT_NAME_LIMIT else head[: SHORT_NAME_LIMIT - 1].rsplit(" ", 1)[0] + "…"

    @property
    def named_author(self) -> str | None:
        """The author, unless the text does not say ("Unknown", as `kb draft` writes when it finds none)."""
        return None if self.author.strip().lower() in UNKNOWN_AUTHORS else self.author

    @property
    def about(self) -> Passage:
        """Passage 0: the text's details, citable like a passage."""
        lines = [f"Title: {self.title}", f"Author: {self.author}"]
        lines += [f"{label}: {value}" for label, value in (("Role", self.role), ("Date", self.date),
                                                            ("Occasion", self.occasion)) if value]
        if self.byline:
            lines.append("Byline: " + " / ".join(self.byline))
        return Passage(self.id, 0, "\n".join(lines), 1, "About the text")

    def passage(self, number: int) -> Passage | None:
        if number == 0:
            return self.about
        if 1 <= number <= len(self.passages):
            return self.passages[number - 1]
        return None


def passage_names(passages: Sequence[Passage], sources: Mapping[str, Source] | None = None) -> str:
    """"3, 12", or with several texts "Federalist No. 51 §3, Japan and Russia §12": a text is named
    once for the passages of it that follow each other ("The Lake Above the Town §15, §20")."""
    if sources is None or len(sources) < 2:
        return ", ".join(str(p.number) for p in passages)
    return ", ".join(f"{sources[p.source].name} \u00a7{p.number}"
                     if p.source in sources and (i == 0 or p.source != passages[i - 1].source)
                     else f"\u00a7{p.number}" if p.source in sources else str(p.number)
                     for i, p in enumerate(passages))


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer into a source: a passage and the words it rests on (empty only in an unquoted prompt)."""

    source: str
    passage: int
    quote: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Entry:
    """A curated question-answer pair whose answer cites the text."""

    id: str
    source: str
    questions: tuple[str, ...]
    answer: str
    citations: tuple[Citation, ...]
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    draft: bool = False
    path: str = ""
    line: int = 0


# The id a server's own prompt has ("custom-3"): its number in the bot's database.
CUSTOM_PREFIX = "custom-"


@dataclass(frozen=True, slots=True)
class Prompt:
    """An open discussion question for the group, tied to passages."""

    id: str
    source: str
    text: str
    citations: tuple[Citation, ...]
    tags: tuple[str, ...] = ()
    draft: bool = False
    path: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything loaded from one knowledge folder, validated."""

    sources: Mapping[str, Source]
    entries: tuple[Entry, ...]
    prompts: tuple[Prompt, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()  # for every text
    root: str = ""
    text_synonyms: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # one text's own
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)
    _by_source: Mapping[str, tuple[tuple[Entry, ...], tuple[Prompt, ...]]] = field(init=False, repr=False,
                                                                                   compare=False)

    def __post_init__(self) -> None:
        # Each text's label names it alone: two texts whose titles begin alike ("Unit 4: ...") are told
        # apart by their ids, "Unit 4 (civics-nz)" beside "Unit 4 (civics-uk)".
        named = Counter(s.name for s in self.sources.values())
        sources = {sid: s if named[s.name] == 1 else replace(s, short=f"{s.name} ({sid})")
                   for sid, s in self.sources.items()}
        object.__setattr__(self, "sources", MappingProxyType(sources))
        object.__setattr__(self, "text_synonyms", MappingProxyType(dict(self.text_synonyms)))
        object.__setattr__(self, "_by_id", MappingProxyType({e.id: e for e in self.entries}))
        # Each text's entries and prompts, grouped once: `only` is asked for every text in turn.
        grouped: dict[str, tuple[list[Entry], list[Prompt]]] = {sid: ([], []) for sid in self.sources}
        for entry in self.entries:
            grouped.setdefault(entry.source, ([], []))[0].append(entry)
        for prompt in self.prompts:
            grouped.setdefault(prompt.source, ([], []))[1].append(prompt)
        object.__setattr__(self, "_by_source", MappingProxyType(
            {sid: (tuple(entries), tuple(prompts)) for sid, (entries, prompts) in grouped.items()}))

    def synonyms_for(self, source: str) -> tuple[tuple[str, ...], ...]:
        """The synonym groups that apply to one text: the shared ones, then its own."""
        return self.synonyms + tuple(self.text_synonyms.get(source, ()))

    @property
    def all_synonyms(self) -> tuple[tuple[str, ...], ...]:
        """Every synonym group, shared and each text's own: for reading questions not yet tied to a text."""
        return self.synonyms + tuple(dict.fromkeys(g for groups in self.text_synonyms.values() for g in groups))

    def only(self, source: str) -> KnowledgeBase:
        """One text with its entries, prompts and synonyms, as if it were served alone."""
        entries, prompts = self._by_source.get(source, ((), ()))
        return KnowledgeBase(sources={source: self.sources[source]}, entries=entries, prompts=prompts,
                             synonyms=self.synonyms_for(source), root=self.root)

    def entry(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def passage(self, source: str, number: int) -> Passage | None:
        src = self.sources.get(source)
        return src.passage(number) if src else None

    @property
    def live_entries(self) -> tuple[Entry, ...]:
        """Entries the bot answers from: drafts wait for a curator."""
        return tuple(e for e in self.entries if not e.draft)


@dataclass(frozen=True, slots=True)
class CitedPassage:
    """A passage as an answer cites it, with the words to quote from it."""

    passage: Passage
    quote: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An entry offered when the engine is unsure ("did you mean")."""

    entry_id: str
    question: str
    score: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    """What the engine says to a question; renderers turn it into words for people."""

    question: str
    kind: AnswerKind
    text: str
    confidence: float
    entry: Entry | None = None
    citations: tuple[CitedPassage, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Passage, ...] = ()
    reason: Reason | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of `citebot ask --json`."""
        return {
            "question": self.question,
            "kind": self.kind,
            "reason": self.reason,
            "answer": self.text,
            "confidence": round(self.confidence, 3),
            "entry": self.entry.id if self.entry else None,
            "citations": [
                {
                    "source": c.passage.source,
                    "passage": c.passage.number,
                    "text": c.passage.text,
                    "quote": c.quote,
                }
                for c in self.citations
            ],
            "suggestions": [s.question for s in self.suggestions],
            "suggested": [{"entry": s.entry_id, "question": s.question, "source": s.source}
                          for s in self.suggestions],
            "related": [
                {"source": p.source, "passage": p.number} for p in self.related
            ],
        }
