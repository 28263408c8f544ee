"""What every text can answer before anyone curates it: who wrote it, its title, its date.

The details live in passage 0 (`Source.about`). Until a text has live entries, the engine
matches stand-in entries for its details with the usual generic phrasings, so that "who wrote
this?" finds the byline of a freshly drafted text, and asks "which text?" when another text is
served beside it. Once curators have written entries, the text's details are theirs to answer.
A stand-in never appears in the knowledge files; its answer is the text's own line, given as
what the text says, not as a curated answer.
"""

from __future__ import annotations

from .models import Citation, Entry, KnowledgeBase, Source

# (label in passage 0, what the answer says, how members ask for it)
_DETAILS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Author", "The author is {value}.", (
        "Who wrote this text?", "Who is the author?", "author", "Whose text is this?", "who wrote it",
        "writer's name?", "Who is the writer of this piece?", "who made this reading",
    )),
    ("Title", "It is titled \u201c{value}\u201d.", (
        "What is the title of this text?", "title", "What is this text called?",
        "What's the name of this piece?", "what is the reading called",
    )),
    ("Date", "It is dated {value}.", (
        "When was this text written?", "When was it published?", "date of the text",
        "What year is this text from?", "how old is this text",
    )),
)
UNKNOWN_AUTHORS = frozenset({"", "unknown", "anonymous"})
PREFIX = "details:"


def details_entries(kb: KnowledgeBase) -> tuple[Entry, ...]:
    """Stand-in entries for the details of every text of `kb` that has no live entries yet."""
    curated = {e.source for e in kb.live_entries}
    out: list[Entry] = []
    for source in kb.sources.values():
        if source.id in curated:
            continue
        for label, answer, questions in _DETAILS:
            value = _value(source, label)
            if value:
                line = f"{label}: {value}"
                # Tagged with the text's name: "who wrote federalist 51" names the text it asks about.
                out.append(Entry(f"{PREFIX}{source.id}:{label.lower()}", source.id, questions,
                                 answer.format(value=value), (Citation(source.id, 0, line),), tags=(source.name,)))
    return tuple(out)


def is_details(entry: Entry) -> bool:
    return entry.id.startswith(PREFIX)


def _value(source: Source, label: str) -> str | None:
    if label == "Author":
        return None if source.author.strip().lower() in UNKNOWN_AUTHORS else source.author
    if label == "Title":
        return source.title
    return source.date
