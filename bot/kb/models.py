"""The knowledge base's data: sources and their passages, curated entries, prompts, answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

AnswerKind = Literal["curated", "passage", "none"]
# Why an answer is kind "none": small talk, nothing to ask, too long, no such text, unsure
# between entries ("did you mean"), or not in the knowledge base.
Reason = Literal["small-talk", "empty", "too-long", "no-source", "unsure", "not-found"]


@dataclass(frozen=True, slots=True)
class Passage:
    """One body paragraph of a source text, numbered from 1 in reading order."""

    source: str
    number: int
    text: str
    line: int = 0
    heading: str | None = None


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

    def passage(self, number: int) -> Passage | None:
        if 1 <= number <= len(self.passages):
            return self.passages[number - 1]
        return None


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
    synonyms: tuple[tuple[str, ...], ...] = ()
    root: str = ""
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        object.__setattr__(self, "_by_id", MappingProxyType({e.id: e for e in self.entries}))

    def __reduce__(self):
        # Read-only mapping views cannot be pickled; the plain data can, and rebuilds them.
        return (KnowledgeBase, (dict(self.sources), self.entries, self.prompts, self.synonyms, self.root))

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
            "related": [
                {"source": p.source, "passage": p.number} for p in self.related
            ],
        }
