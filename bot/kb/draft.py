"""Drafting a knowledge base from a new text: its source file, candidate entries and prompts.

Everything drafted is marked `draft: true`, so the bot ignores it until a curator has checked
it; the source's passages serve at once (the `passage` kind) and every quote is verbatim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from .checks import phrasing_key
from .draft_entries import DraftEntry, entries_from
from .draft_layout import DraftText, split_text
from .draft_prompts import DraftPrompt, prompts_from
from .draft_words import name_words
from .loader import draft_note, parse_source
from .models import Source
from .text import Vocabulary

__all__ = ["MAX_TEXT_BYTES", "TEXT_SUFFIXES", "Draft", "DraftError", "DraftText", "check_input", "draft_files",
           "make_draft", "split_text", "text_source"]

MAX_ENTRIES_PER_PASSAGE = 2  # a curator reviews every draft; more per passage are near-duplicates
MIN_INPUT_WORDS = 40  # fewer words than a paragraph or two is no text to study
# A text file has almost no control characters; this share of them means a binary file.
MAX_CONTROL_SHARE = 0.01
REVIEW_FIRST = 5  # how many items the summary points to
# A server's own text (`/kb text add`, `citebot server texts --add`) is words, not a book scan:
# 512 KB is a long essay many times over.
MAX_TEXT_BYTES = 512 * 1024
TEXT_SUFFIXES = (".txt", ".md")

_HEAD = ("# Drafted by `citebot kb draft`. Every item is a draft the bot ignores until a curator\n"
         "# checks it (phrasings, a short answer, the quote) and removes 'draft: true'.\n")


class DraftError(ValueError):
    """Input that cannot be drafted from, with what to do about it."""


@dataclass(frozen=True)
class Draft:
    """A drafted text: what was read, the entries and prompts found, and the files they make."""

    text: DraftText
    entries: tuple[DraftEntry, ...]
    prompts: tuple[DraftPrompt, ...]
    files: dict[str, str]

    def summary(self, source_id: str) -> list[str]:
        """What was drafted, the front matter found and what to review first, as lines to print."""
        return _summary(self, source_id)


def check_input(data: bytes, name: str) -> str:
    """The text of a file worth drafting from, or DraftError saying what is wrong and what to do."""
    if not data.strip():
        raise DraftError(f"{name} is empty: give the file that holds the text")
    if b"\x00" in data or sum(b < 9 or 13 < b < 32 for b in data) > MAX_CONTROL_SHARE * len(data):
        raise DraftError(f"{name} looks like a binary file, not text: save the text as plain text "
                         "or Markdown (UTF-8) and draft from that")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftError(f"{name} is not UTF-8 (byte {exc.start}): convert it, e.g. "
                         f"`iconv -f latin1 -t utf-8 {name} > text.md`, and draft from that") from exc
    draft = split_text(text)
    words = sum(len(p.split()) for p in draft.passages)
    if words == 0:  # one short line is taken for a title: "0 words" would puzzle
        first = next(line.strip() for line in text.splitlines() if line.strip())
        raise DraftError(f"{name} holds only a title or headings (\u201c{first[:60]}\u201d), no paragraphs of text "
                         f"(at least {MIN_INPUT_WORDS} words needed): give the file that holds the whole text")
    if words < MIN_INPUT_WORDS:
        counted = "1 word" if words == 1 else f"{words} words"
        raise DraftError(f"{name} has {counted} of text in passages (at least {MIN_INPUT_WORDS} needed): "
                         "is this the whole text? Paragraphs are separated by blank lines")
    return text


def make_draft(raw: str, source_id: str, *, title: str | None = None, author: str | None = None,
               date: str | None = None) -> Draft:
    """Draft a text: its layout, entries from each passage, prompts across passages, the three files."""
    text = split_text(raw, title=title, author=author, date=date)
    names = name_words(" ".join(text.passages))
    entries = _distinct(e for number, passage in text.draftable
                        for e in entries_from(number, passage, limit=MAX_ENTRIES_PER_PASSAGE, names=names))
    prompts = tuple(prompts_from(text.draftable))
    files = {
        f"sources/{source_id}.md": source_file(text, source_id),
        f"entries/{source_id}.yaml": _yaml({"source": source_id, "entries": _entry_items(entries, source_id)}),
        f"prompts/{source_id}.yaml": _yaml({"source": source_id, "prompts": _prompt_items(prompts, source_id)}),
    }
    return Draft(text, entries, prompts, files)


def _distinct(entries: Iterable[DraftEntry]) -> tuple[DraftEntry, ...]:
    """The entries, without one whose phrasings read as an earlier one's ("What was cholera?" after
    "What is cholera?"): `kb validate` refuses a phrasing two entries share once synonyms and
    word endings are folded."""
    vocab = Vocabulary.shared()
    seen: set[str] = set()
    kept = []
    for entry in entries:
        keys = {phrasing_key(vocab, q) for q in entry.questions}
        if keys & seen:
            continue
        seen |= keys
        kept.append(entry)
    return tuple(kept)


def draft_files(raw: str, source_id: str, *, title: str | None = None,
                author: str | None = None, date: str | None = None) -> dict[str, str]:
    """The three files of a drafted text, by path within a knowledge folder."""
    return make_draft(raw, source_id, title=title, author=author, date=date).files


def text_source(data: bytes, name: str, source_id: str) -> tuple[str, Source]:
    """A server's own text: the source file it makes and the Source that serves, or DraftError
    saying why it cannot be brought in. No entries or prompts are drafted for it."""
    content = source_file(split_text(check_input(data, name)), source_id)
    source, problems = parse_source(content, f"sources/{source_id}.md")
    if source is None:
        raise DraftError("; ".join(p.message for p in problems))
    return content, source


def source_file(text: DraftText, source_id: str) -> str:
    """The source file: front matter, then headings and passages word for word."""
    meta: dict[str, object] = {"id": source_id, "title": text.title, "author": text.author}
    for key in ("role", "language", "date", "occasion"):
        if getattr(text, key):
            meta[key] = getattr(text, key)
    if text.byline:
        meta["byline"] = list(text.byline)
    # What the curator gave (--title, --author, --date) needs no checking; what was read from the text does.
    unchecked = [n for n in ("title", "author", "date") if text.origin(n) != f"--{n}"]
    if unchecked:
        meta["notes"] = draft_note(unchecked)
    body = "\n\n".join(f"# {b.text}" if b.kind == "heading" else b.text for b in text.blocks)
    return f"---\n{_yaml(meta, head='')}---\n\n{body}\n"


def _entry_items(entries: tuple[DraftEntry, ...], source_id: str) -> list[dict[str, object]]:
    items = []
    seen: Counter[int] = Counter()
    for entry in entries:
        seen[entry.passage] += 1
        item: dict[str, object] = {
            "id": f"{source_id}-{entry.passage:03d}-{seen[entry.passage]}", "draft": True,
            "questions": list(entry.questions), "answer": entry.answer,
            "cite": [{"passage": entry.passage, "quote": entry.quote}], "tags": [entry.kind],
        }
        if entry.accept:
            item["accept"] = list(entry.accept)
        items.append(item)
    return items


def _prompt_items(prompts: tuple[DraftPrompt, ...], source_id: str) -> list[dict[str, object]]:
    seen: Counter[str] = Counter()
    items = []
    for prompt in prompts:
        seen[prompt.kind] += 1
        items.append({"id": f"{source_id}-{prompt.kind}-{seen[prompt.kind]}", "draft": True, "text": prompt.text,
                      "cite": [{"passage": n, "quote": q} for n, q in prompt.cites], "tags": [prompt.kind]})
    return items


def _yaml(data: object, head: str = _HEAD) -> str:
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _summary(draft: Draft, source_id: str) -> list[str]:
    text = draft.text
    kinds = Counter(e.kind for e in draft.entries)
    prompt_kinds = Counter(p.kind for p in draft.prompts)
    lines = [f"Read {_many(len(text.passages), 'passage')}"
             + (f" ({len(text.passages) - len(text.draftable)} not drafted from: salutations)"
                if len(text.draftable) < len(text.passages) else "") + "."]
    for name in ("title", "author", "date", "occasion"):
        value = getattr(text, name)
        where = text.origin(name)
        lines.append(f"  {name + ':':<9} {value if value else '(none found)'}"
                     + (f"   [from {where}]" if where else "   [not found: set it]" if name in ("title", "author")
                        else "   [--date sets it]" if name == "date" else ""))
    if text.byline:
        lines.append(f"  byline:   {' / '.join(text.byline)}")
    for dropped in text.dropped:
        lines.append(f"  dropped:  {dropped}")
    lines.append(f"Drafted {_many(len(draft.entries), 'entry', 'entries')} ({_counts(kinds)}) "
                 f"and {_many(len(draft.prompts), 'prompt')} ({_counts(prompt_kinds)}).")
    lines.append("Review first:")
    lines += [f"  - {item}" for item in _review_first(draft, source_id)]
    return lines


def _many(n: int, one: str, more: str | None = None) -> str:
    """"1 prompt", "3 prompts"."""
    return f"{n} {one if n == 1 else more or one + 's'}"


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in counter.most_common()) or "none"


def _review_first(draft: Draft, source_id: str) -> list[str]:
    text = draft.text
    items = []
    guessed = [n for n in ("title", "author") if text.origin(n) in (None, "the first words of the text",
                                                                    "the signature at the end")]
    if guessed:
        items.append(f"the {' and '.join(guessed)} in sources/{source_id}.md (guessed; pass --title/--author)")
    ids = [item["id"] for item in _entry_items(draft.entries, source_id)]
    definitions = [i for i, e in zip(ids, draft.entries, strict=True) if e.kind == "definition"]
    if definitions:
        items.append(f"the definitions, the text's own words for its terms: {', '.join(definitions)}")
    clipped = [i for i, e in zip(ids, draft.entries, strict=True) if e.clipped][:REVIEW_FIRST]
    if clipped:
        items.append(f"answers cut short at a clause ('…'): {', '.join(clipped)}")
    if not draft.entries:
        items.append(f"no entries were drafted: no sentence has a shape drafted from (a definition, a figure, a "
                     f"date, a person, a place). Write entries in entries/{source_id}.yaml yourself (README, "
                     "'The knowledge format'); the bot answers from the passages meanwhile")
        return items
    items.append(f"{'then ' if items else ''}every entry in entries/{source_id}.yaml: keep, reword or delete; "
                 "remove 'draft: true' from those you keep")
    return items
