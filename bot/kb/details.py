"""What every text can answer before anyone curates it: who wrote it and in what role, its
title, its date, and what it is about (its title and its opening).

The details live in passage 0 (`Source.about`). Until curators have covered a text (`curated`),
the engine matches stand-in entries for its details with the usual generic phrasings, so that
"who wrote this?" finds the byline of a freshly drafted text, and asks "which text?" when another
text is served beside it. Once an entry answers from the details, or the entries cover the text,
its details are the curators' to answer.
A stand-in never appears in the knowledge files; its answer is the text's own line, given as
what the text says, not as a curated answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .checks import phrasing_key
from .models import Citation, Entry, KnowledgeBase, Source
from .text import Vocabulary, sentences

# (label in passage 0, what the answer says, how members ask for it)
_DETAILS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Author", "The author is {value}.", (
        "Who wrote this text?", "Who is the author?", "author", "Whose text is this?", "who wrote it",
        "writer's name?", "Who is the writer of this piece?", "who made this reading",
    )),
    ("Role", "The author, {author}, is {value}.", (
        "What is the author's role?", "What does the author do?", "What is the writer's job?",
        "author's position", "What is the author's job title?",
    )),
    ("Title", "It is titled \u201c{value}\u201d.", (
        "What is the title of this text?", "title", "What is this text called?",
        "What's the name of this piece?", "what is the reading called",
    )),
    ("Summary", "It is titled \u201c{title}\u201d and opens: \u201c{value}\u201d", (
        "What is this text about?", "What is the main point of this text?", "summary",
        "What is the reading about?", "gist of the text",
    )),
    ("Date", "It is dated {value}.", (
        "When was this text written?", "When was it published?", "date of the text",
        "What year is this text from?", "how old is this text",
    )),
)
# What a text argues: the line where it says so, where there is one (`_thesis`), else its opening.
_ARGUES = ("What does this piece argue?", "What is the main argument of this text?", "What is the author's thesis?")
OPENING_CHARS = 300
CURATED_SHARE = 0.8
CURATED_PER_PASSAGE = 4
PREFIX = "details:"
NO_DATE = "no-date"


def by_text(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """The live entries of each text, read once for all texts."""
    own: dict[str, list[Entry]] = {}
    for entry in entries:
        if not entry.draft:
            own.setdefault(entry.source, []).append(entry)
    return own


def curated(source: Source, own: Iterable[Entry]) -> bool:
    """Whether curators have covered a text: its live entries (`own`, from `by_text`) cite at least
    CURATED_SHARE of its passages, CURATED_PER_PASSAGE entries a passage. Until then it answers from
    its passages as a new text does (a lower bar, MiniLM's help): a curator who has kept six drafted
    entries of a twelve-passage essay should not find the rest of it answering less than before.
    With one to four entries a passage, most of what a passage says has no entry, and the lower
    bar answered far more (benchmarks/README.md)."""
    own = list(own)
    cited = {c.passage for e in own for c in e.citations if c.source == source.id and c.passage > 0}
    return (bool(source.passages) and len(cited) >= CURATED_SHARE * len(source.passages)
            and len(own) >= CURATED_PER_PASSAGE * len(source.passages))


def _named(source: Source) -> tuple[str, ...]:
    """What a text is called: its name, and its whole title where that says more."""
    return (source.name, source.title) if source.title and source.title != source.name else (source.name,)


def details_entries(kb: KnowledgeBase) -> tuple[Entry, ...]:
    """Stand-in entries for the details of every text of `kb` that its curators have not covered:
    each detail stands in until an entry of the text cites its line ("Author: ...") or asks one of
    its questions. A curator's entry on the author leaves "what is the title?" to the title's
    stand-in, not to the author's entry, however far the text's curation has gone."""
    out: list[Entry] = []
    entries = by_text(kb.live_entries)
    for source in kb.sources.values():
        own = entries.get(source.id, [])
        cited = {c.quote.split(":", 1)[0].strip().casefold() for e in own for c in e.citations
                 if c.passage == 0 and c.source == source.id}
        vocab = Vocabulary.shared(kb.synonyms_for(source.id))
        asked = {phrasing_key(vocab, q) for e in own for q in e.questions}
        for label, answer, questions in _DETAILS:
            if label.casefold() in cited or any(phrasing_key(vocab, q) in asked for q in questions):
                continue
            value = _value(source, label)
            if not value and label == "Date":  # "when was it written?" of an undated text: it gives none
                out.append(Entry(details_id(source.id, NO_DATE), source.id, questions,
                                 f"\u201c{source.title}\u201d gives no date.",
                                 (Citation(source.id, 0, source.about.text),), tags=_named(source)))
                continue
            if not value or (label == "Role" and not _value(source, "Author")):
                continue
            said = answer.format(value=_lower_role(value) if label == "Role" else value, author=source.author,
                                 title=source.title)
            # What a text is about: its title, and its opening, where a text says what it will argue;
            # what it argues, the line where it says so if it has one ("My argument in this essay is ...").
            if label == "Summary":
                cited = [Citation(source.id, 1, value)]
                thesis = _thesis(source)
                if thesis is None:
                    questions = (*questions, *_ARGUES)
                elif not any(phrasing_key(vocab, q) in asked for q in _ARGUES):
                    out.append(Entry(details_id(source.id, "thesis"), source.id, _ARGUES,
                                     f"\u201c{source.title}\u201d argues: \u201c{thesis[1]}\u201d",
                                     (Citation(source.id, thesis[0], thesis[1]),), tags=_named(source)))
            else:
                cited = [Citation(source.id, 0, f"{label}: {value}")]
            if label == "Author" and source.role:  # "who wrote it" and then "what's his job?"
                said = f"The author is {value}, {_lower_role(source.role)}."
                cited.append(Citation(source.id, 0, f"Role: {source.role}"))
            if label == "Author":  # "who is Ada Lindqvist?": the byline, not a sentence that happens to score
                questions = (*questions, f"Who is {value}?")
            # Tagged with the text's name and title: "who wrote federalist 51" names the text it asks
            # about, and so does "when was the eddystone text written" of "Four Towers on a Rock: The
            # Eddystone Lighthouse".
            out.append(Entry(details_id(source.id, label), source.id, questions, said,
                             tuple(cited), tags=_named(source)))
    return tuple(out)


def details_id(source: str, label: str) -> str:
    """The id of a text's stand-in for one of its details: "details:smith-2025:summary"."""
    return f"{PREFIX}{source}:{label.lower()}"


def is_details(entry: Entry) -> bool:
    return is_details_id(entry.id)


def is_details_id(entry_id: str) -> bool:
    """Whether an entry id is a text's stand-in for one of its details."""
    return entry_id.startswith(PREFIX)


def says_no_date(entry: Entry) -> bool:
    """Whether the entry is an undated text's stand-in saying that it gives no date."""
    return is_details(entry) and entry.id.endswith(f":{NO_DATE}")


def gives_date(entry: Entry) -> bool:
    """Whether the entry answers with a text's date line (a stand-in's or a curator's)."""
    return any(c.passage == 0 and c.quote.startswith("Date:") for c in entry.citations)


def lacks(source: Source, label: str) -> bool:
    """Whether a text's details give no such line ("Date", "Author", "Title", "Role")."""
    return not (_value(source, label) or "").strip()


def _value(source: Source, label: str) -> str | None:
    if label == "Author":
        return source.named_author
    if label == "Title":
        return source.title
    if label == "Role":
        return source.role
    if label == "Summary":
        return _opening(source)
    return source.date


# "My argument in this essay is that ...", "The flood, I will argue, was ...", "This essay argues that ...".
_THESIS = re.compile(r"\b(?:[Mm]y (?:argument|thesis|contention|claim|aim)\b[^.;:]{0,30}? is\b"
                     r"|I (?:will |shall |want to |would )?(?:argue|contend|maintain)\b"
                     r"|[Tt]his (?:essay|article|paper|piece|chapter) (?:argues|contends|maintains|will argue)\b)")
THESIS_PASSAGES = 3  # a text says what it argues near its start


def _thesis(source: Source) -> tuple[int, str] | None:
    """The passage and sentence where a text says what it argues, among its first passages."""
    for passage in source.passages[:THESIS_PASSAGES]:
        for sentence in sentences(passage.text):
            if _THESIS.search(sentence):
                return passage.number, sentence
    return None


def _opening(source: Source) -> str | None:
    """The first sentence or two of a text's first passage, up to OPENING_CHARS."""
    if not source.passages:
        return None
    said = ""
    for sentence in sentences(source.passages[0].text):
        if said and len(said) + len(sentence) >= OPENING_CHARS:
            break
        said = f"{said} {sentence}".strip()
    return said or None


def _lower_role(role: str) -> str:
    """A role as said within a sentence: "Senior researcher" is "senior researcher"; a name
    inside it keeps its capitals ("Senior researcher at OSW")."""
    head, _, rest = role.partition(" ")
    if head[:1].isupper() and head[1:].islower():
        head = head.lower()
    return f"{head} {rest}".strip()
