"""Drafting a knowledge base from a new text: its source file, candidate entries and prompts.

Everything drafted is marked `draft: true`, so the bot ignores it until a curator has checked
it; the source's passages serve at once (the `passage` kind) and every quote is verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .text import STOPWORDS, sentences

MAX_HEADING_WORDS = 8  # a one-line block this short without a full stop is a heading
MAX_BYLINE_LINES = 4
MAX_BYLINE_WORDS = 6  # per line: a name or a role, not a sentence
MAX_CANDIDATES_PER_PASSAGE = 4  # more would bury the curator in near-duplicates
MIN_SENTENCE_WORDS = 6  # shorter sentences rarely carry a fact worth a question
# A name in more passages than this is the text's subject ("Japan"), not a fact to ask about.
MAX_NAME_PASSAGES = 2

_ENDS_SENTENCE = re.compile(r"[.!?:;,\"”’)]$")
_FIGURE = re.compile(r"(?:US\$|\$|€|£)?\s?\d[\d,.]*\s?(?:%|per ?cent|percent|million|billion|thousand)?"
                     r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_NAME = re.compile(r"(?<=[\w,;:)’'] )(?:[A-Z][\w’'-]+)(?: (?:[A-Z][\w’'-]+|of|the|for))*")
_DEFINITION = re.compile(r"^(?P<subject>[A-Z][^,;:]{2,60}?) (?:is|are) (?:a|an|the)\b")
_ARGUMENT = re.compile(r"\b(?:should|must|argue|argues|because|reason|however|likely|clearly|therefore)\b", re.I)
_PERSON = re.compile(r"^(?:[A-ZÀ-Ý][\w’'.-]+\s){1,3}[A-ZÀ-Ý][\w’'-]+$")


@dataclass
class DraftText:
    """A text split into what a source file holds."""

    title: str
    author: str
    role: str | None
    byline: list[str]
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("heading" | "passage", text)

    @property
    def passages(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "passage"]


def split_text(raw: str, *, title: str | None = None, author: str | None = None) -> DraftText:
    """Headings, passages (blank-line separated) and a closing byline, from plain text or Markdown."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    byline: list[str] = []
    if blocks and _is_byline(blocks[-1]):
        byline = [line.strip() for line in blocks.pop().split("\n")]
    elif blocks and re.match(r"^by\s+\S", blocks[0], re.I) and len(blocks[0].split()) <= MAX_BYLINE_WORDS + 1:
        byline = [blocks.pop(0).strip()]
    parsed: list[tuple[str, str]] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n")]
        if lines[0].startswith("#"):
            parsed.append(("heading", lines[0].lstrip("#").strip()))
            rest = " ".join(lines[1:]).strip()
            if rest:
                parsed.append(("passage", rest))
        elif len(lines) == 1 and len(lines[0].split()) <= MAX_HEADING_WORDS and not _ENDS_SENTENCE.search(lines[0]):
            parsed.append(("heading", lines[0]))
        else:
            parsed.append(("passage", " ".join(lines)))
    found_author = author or _author_from(byline)
    role = None
    if byline and found_author:
        others = [b for b in byline if b != found_author and not b.lower().startswith("by ")]
        role = ", ".join(others) or None
    headings = [t for k, t in parsed if k == "heading"]
    passages = [t for k, t in parsed if k == "passage"]
    if title is None:
        title = headings[0] if headings and parsed[0][0] == "heading" else _first_words(passages[0] if passages else "")
    return DraftText(title=title or "Untitled", author=found_author or "Unknown", role=role, byline=byline,
                     blocks=parsed)


def _is_byline(block: str) -> bool:
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    return (0 < len(lines) <= MAX_BYLINE_LINES
            and all(len(line.split()) <= MAX_BYLINE_WORDS and not _ENDS_SENTENCE.search(line) for line in lines)
            and any(_PERSON.match(line.removeprefix("By ").removeprefix("by ")) for line in lines))


def _author_from(byline: list[str]) -> str | None:
    for line in reversed(byline):
        name = re.sub(r"^by\s+", "", line, flags=re.I).strip()
        if _PERSON.match(name):
            return name
    return None


def _first_words(text: str, words: int = 8) -> str:
    return " ".join(text.split()[:words]).rstrip(".,;:") + ("\u2026" if len(text.split()) > words else "")


def source_file(draft: DraftText, source_id: str) -> str:
    """The source file: front matter, then headings and passages word for word."""
    meta: dict[str, object] = {"id": source_id, "title": draft.title, "author": draft.author}
    if draft.role:
        meta["role"] = draft.role
    if draft.byline:
        meta["byline"] = draft.byline
    meta["notes"] = "Drafted by `citebot kb draft`: check the title, author and role, then remove this note."
    body = "\n\n".join(f"# {text}" if kind == "heading" else text for kind, text in draft.blocks)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{body}\n"


def _sentences(passage: str) -> list[str]:
    return [s.strip() for s in sentences(passage) if len(s.split()) >= MIN_SENTENCE_WORDS]


def candidate_entries(draft: DraftText, source_id: str) -> list[dict[str, object]]:
    """Questions the text answers, from sentences with figures, dates, names and definitions."""
    entries: list[dict[str, object]] = []
    spread: dict[str, int] = {}
    for passage in draft.passages:
        for name in {m.group().strip() for m in _NAME.finditer(passage)}:
            spread[name] = spread.get(name, 0) + 1
    named = {name for name, count in spread.items() if count > MAX_NAME_PASSAGES}
    for number, passage in enumerate(draft.passages, 1):
        made = 0
        for sentence in _sentences(passage):
            if made >= MAX_CANDIDATES_PER_PASSAGE:
                break
            entry = _figure_entry(sentence) or _definition_entry(sentence) or _name_entry(sentence, named)
            if entry is None:
                continue
            questions, answer, accept = entry
            made += 1
            item: dict[str, object] = {
                "id": f"{source_id}-{number:03d}-{made}",
                "draft": True,
                "questions": questions,
                "answer": answer,
                "cite": [{"passage": number, "quote": sentence}],
            }
            if accept:
                item["accept"] = accept
            entries.append(item)
    return entries


def _figure_entry(sentence: str) -> tuple[list[str], str, list[str]] | None:
    figures = [m.group().strip().rstrip(".,") for m in _FIGURE.finditer(sentence) if m.group().strip(" .,")]
    figures = [f for f in figures if any(c.isdigit() for c in f) or f[:1].isupper()]
    if not figures:
        return None
    # A figure with a unit (62%, 7.2 million) is the fact; a bare year is usually its setting.
    figure = max(figures, key=lambda f: (not _YEAR.fullmatch(f), len(f)))
    blank = sentence.replace(figure, "___", 1).rstrip(".")
    asks = "when" if _YEAR.fullmatch(figure) or not any(c.isdigit() for c in figure) else "how much"
    topic = _topic(sentence.replace(figure, " "))
    questions = [f"{blank}?", f"{topic} {asks}"] if topic else [f"{blank}?"]
    return questions, sentence, [figure]


def _definition_entry(sentence: str) -> tuple[list[str], str, list[str]] | None:
    match = _DEFINITION.search(sentence)
    if not match:
        return None
    subject = re.sub(r"^(?:a|an|the)\s+", "", match.group("subject").strip(), flags=re.I)
    if not subject or subject.casefold().split()[0] in STOPWORDS:  # "This is a ..." defines nothing
        return None
    return [f"What is {subject}?", f"{subject} meaning"], sentence, []


def _name_entry(sentence: str, named: set[str]) -> tuple[list[str], str, list[str]] | None:
    names = sorted({m.group().strip() for m in _NAME.finditer(sentence)}, key=lambda n: (-len(n.split()), n))
    for name in names:
        if len(name) > 3 and name not in named:
            named.add(name)
            return [f"Who or what is {name}?", f"{name} in the text"], sentence, [name]
    return None


def _topic(text: str, words: int = 5) -> str:
    kept = [w.strip(".,;:()\u201c\u201d\"'") for w in text.split()]
    kept = [w for w in kept if w and w.casefold() not in STOPWORDS]
    return " ".join(kept[:words])


def candidate_prompts(draft: DraftText, source_id: str) -> list[dict[str, object]]:
    """Open questions from the passages that argue rather than report."""
    prompts = []
    for number, passage in enumerate(draft.passages, 1):
        arguing = [s for s in _sentences(passage) if _ARGUMENT.search(s)]
        if arguing:
            claim = arguing[0].rstrip(".")
            prompts.append({"id": f"{source_id}-prompt-{number:03d}", "draft": True,
                            "text": f"Passage {number} says: \u201c{claim}.\u201d Do you agree? Why or why not?",
                            "cite": [{"passage": number}]})
    return prompts


def draft_files(raw: str, source_id: str, *, title: str | None = None,
                author: str | None = None) -> dict[str, str]:
    """The three files of a drafted text, by path within a knowledge folder."""
    draft = split_text(raw, title=title, author=author)
    head = "# Drafted by `citebot kb draft`. Every item is a draft the bot ignores until a curator\n" \
           "# checks it, gives it at least three phrasings and removes 'draft: true'.\n"
    entries = {"source": source_id, "entries": candidate_entries(draft, source_id)}
    prompts = {"source": source_id, "prompts": candidate_prompts(draft, source_id)}
    return {
        f"sources/{source_id}.md": source_file(draft, source_id),
        f"entries/{source_id}.yaml": head + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100),
        f"prompts/{source_id}.yaml": head + yaml.safe_dump(prompts, allow_unicode=True, sort_keys=False, width=100),
    }
