"""Reading a new text's layout: its front matter, headings, passages and byline.

Texts arrive in the layouts people have: YAML front matter (static-site Markdown), Markdown
headings, a "By ..." line, a Project Gutenberg file with its header and licence, a numbered
essay ("FEDERALIST No. 10", its title, a dateline, a salutation) signed at the end ("PUBLIUS.").
What describes the text becomes front matter; the text itself stays word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .draft_words import YEAR

MAX_HEADING_WORDS = 8  # a one-line block this short without a full stop is a heading
MAX_BYLINE_LINES = 4
MAX_BYLINE_WORDS = 6  # per line: a name or a role, not a sentence
MAX_CREDIT_WORDS = 16  # a credit line names a book or a course, then who wrote it, where and when
# Blocks before the first one this long may be a title, a dateline or an author line;
# from there on the text has begun.
MIN_BODY_WORDS = 12

_ENDS_SENTENCE = re.compile(r"[.!?:;,\"”’)]$")
_PERSON = re.compile(r"^(?:[A-ZÀ-Ý][\w’'.-]+\s){1,3}[A-ZÀ-Ý][\w’'-]+$")
_BY_LINE = re.compile(r"^by\s+(?P<name>[A-ZÀ-Ý][\w’'. -]+?)\s*$", re.I)
# "By Helen MacRae, Lecturer in Engineering History": the name, then the role after a comma or a dash.
_BY_LINE_ROLE = re.compile(r"^[Bb][Yy]\s+(?P<name>(?:[A-ZÀ-Ý][\w’'.-]*\s+){0,3}[A-ZÀ-Ý][\w’'-]+)\s*(?:,|\s[–—-])\s*"
                           r"(?P<role>[^,;.!?]{2,80}?)\s*$")
# A credit line that names the author inside other words: "Civics for Senior Students — written by
# Hana Whitcombe, Wellington, 2024", "Notes for week 3, prepared by J. Ortiz".
_CREDIT = re.compile(r"(?:^|[,;:\u2014\u2013]\s*|\s[-\u2013\u2014]\s*|\s)(?i:written|edited|compiled|prepared|"
                     r"put together|text|words)\s+(?i:by)\s+(?P<name>(?:[A-Z\u00c0-\u00dd][\w\u2019'.-]*\s+){0,3}"
                     r"[A-Z\u00c0-\u00dd][\w\u2019'-]+)(?P<rest>(?:\s*,\s*[^,]+){0,3})\s*$")
# A line set in italics or bold as a whole ("*Civics for Senior Students*"): the marks are no words of it.
_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})(?P<inner>\S(?:.*\S)?)\1$")
# What a dateline may say before its date that names no place: "Published 12 March 2021", "Date:".
_NO_PLACE = re.compile(r"^(?:(?:first\s+)?published|posted|updated|last\s+updated|written|dated?|revised|"
                       r"issued|released|printed)(?:\s+(?:on|in))?\W*$", re.I)
_AUTHOR_LINE = re.compile(r"^author:\s*(?P<name>.+)$", re.I)
# A signature: one to four capitalised words, often in capitals and closed by a full stop.
_SIGNATURE = re.compile(r"^[A-ZÀ-Ý][\w’'.-]*(?: [A-ZÀ-Ý][\w’'.-]*){0,3}\.?$")
_CAPS_NAME = re.compile(r"^[A-Z][A-Z’'-]{2,}\.?$")
# "FEDERALIST No. 10", "ESSAY NO. 3", "Letter 12": a label of a numbered essay, not its title.
# Without "No." the series is one or two words and the number no year: "The Lisbon Earthquake of
# 1755" is a title.
_ESSAY_LABEL = re.compile(r"^(?:(?P<series>[A-Za-z][\w ]{1,30}?)\s+(?:No\.?|Number|#)\s*|"
                          r"(?P<short>[A-Za-z]\w*(?: \w+)?)\s+(?!(?:1[0-9]|20)\d\d\.?$))"
                          r"(?P<number>\d+|[IVXLC]+)\.?$", re.I)
_SALUTATION = re.compile(r"^(?:To the|To my|Dear|My dear|Sir|Madam|Gentlemen|Fellow[- ]citizens)\b.{0,80}[:,]$")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\b{_MONTH}\s+\d{{4}}\b")
# A 'By ...' line, with or without a role, ending in the date: "By Helen Marsh, 2024", "By Ana Ruiz,
# curator, 3 May 2019".
_BY_LINE_DATED = re.compile(rf"^(?P<byline>[Bb][Yy]\s+[^,]+(?:,[^,]+){{0,2}}),\s*(?P<date>(?:1[5-9]|20)\d\d|"
                            rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{4}})\s*$")
# Between the name and the date of a dateline, capitalised words alone are most often a place
# ("By Harriet Penwarden, Plymouth, 2023"), unless one names what someone is ("Senior Lecturer").
_PLACE_NAME = re.compile(r"^(?:[A-Z\u00c0-\u00dd][\w\u2019'.-]*\s*){1,3}$")
_ROLE_NOUN = re.compile(r"\w(?:er|or|ist|ian|ant|ent|man|woman)\b|\b(?:Fellow|Chair|Dean|Head|Reader|Professor|Editor|"
                        r"Member|Staff|Scholar|Author|Writer|Student|Teacher)\b")
_GUTENBERG_START = re.compile(r"^\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.I | re.M)
_GUTENBERG_END = re.compile(r"^\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.I | re.M)
_GUTENBERG_FIELD = re.compile(r"^(?P<key>Title|Author|Language):\s*(?P<value>.*(?:\n[ \t]+\S.*)*)", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

# Words a title keeps in lower case unless they open or close it.
_MINOR_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "of", "on", "in", "at", "to", "by", "for", "with",
                "from", "as"}
# Front matter the source format has a place for; anything else a site adds (layout, tags) is dropped.
KEPT_KEYS = ("title", "author", "date", "language", "role", "occasion")


@dataclass(frozen=True)
class Block:
    """A heading or a passage; a passage that is only a salutation is kept but never drafted from."""

    kind: str  # "heading" | "passage"
    text: str
    draftable: bool = True


@dataclass(frozen=True)
class DraftText:
    """A text split into what a source file holds, with where each piece of front matter came from."""

    title: str
    author: str
    blocks: tuple[Block, ...]
    role: str | None = None
    date: str | None = None
    occasion: str | None = None
    language: str | None = None
    byline: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()  # (field, where it was found)
    dropped: tuple[str, ...] = ()  # what was left out of the text, for the summary

    @property
    def passages(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "passage"]

    @property
    def draftable(self) -> list[tuple[int, str]]:
        """(passage number, text) of the passages worth drafting from."""
        numbered = [b for b in self.blocks if b.kind == "passage"]
        return [(n, b.text) for n, b in enumerate(numbered, 1) if b.draftable]

    def origin(self, name: str) -> str | None:
        return dict(self.found).get(name)


@dataclass(frozen=True)
class _Meta:
    """Front matter gathered while reading, before overrides and fallbacks."""

    values: dict[str, str]
    found: dict[str, str]
    dropped: list[str]

    def offer(self, name: str, value: str | None, where: str) -> None:
        if name == "title" and value and where != "--title" and _SECTION_NAME.fullmatch(value.strip(" .:")):
            return  # "Summary" or "Sammanfattning" heads a section of the text; it is not its title
        if value and value.strip() and name not in self.values:
            self.values[name] = value.strip()
            self.found[name] = where


def split_text(raw: str, *, title: str | None = None, author: str | None = None,
               date: str | None = None) -> DraftText:
    """Front matter, headings, passages and byline from plain text, Markdown or a Gutenberg file."""
    meta = _Meta({}, {}, [])
    meta.offer("title", title, "--title")
    meta.offer("author", author, "--author")
    meta.offer("date", date, "--date")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, gutenberg = _strip_gutenberg(text, meta)
    text = _strip_front_matter(text, meta)
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    byline = _closing_byline(blocks)
    parsed = _front_blocks(blocks, meta, gutenberg) + [_block(b) for b in blocks]
    if byline:
        meta.offer("author", _author_from(byline, gutenberg), "the closing byline")
    _offer_fallbacks(meta, parsed, gutenberg, byline)
    role = _role(byline, meta.values.get("author"))
    return DraftText(
        title=meta.values.get("title", "Untitled"), author=meta.values.get("author", "Unknown"),
        blocks=tuple(parsed), role=meta.values.get("role") or role, date=meta.values.get("date"),
        occasion=meta.values.get("occasion"), language=meta.values.get("language"), byline=tuple(byline),
        found=tuple(meta.found.items()), dropped=tuple(meta.dropped))


# -- what surrounds the text --------------------------------------------------------------------

def _strip_gutenberg(text: str, meta: _Meta) -> tuple[str, dict[str, str]]:
    """The text between Project Gutenberg's START and END lines, and its header's fields."""
    start, end = _GUTENBERG_START.search(text), _GUTENBERG_END.search(text)
    if not start:
        return text, {}
    fields = {m.group("key").lower(): "; ".join(" ".join(line.split()) for line in m.group("value").split("\n")
                                                if line.strip())
              for m in _GUTENBERG_FIELD.finditer(text[: start.start()])}
    meta.dropped.append("the Project Gutenberg header" + (" and licence" if end else ""))
    return text[start.end(): end.start() if end else len(text)], fields


def _strip_front_matter(text: str, meta: _Meta) -> str:
    match = _FRONT_MATTER.match(text.lstrip("\n"))
    if not match:
        return text
    try:
        data = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError:
        return text  # not front matter after all: keep it as text rather than guess
    if not isinstance(data, dict):
        return text
    for key in KEPT_KEYS:
        value = data.get(key)
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        meta.offer(key, str(value) if value is not None else None, "the YAML front matter")
    other = sorted(str(k) for k in data if k not in KEPT_KEYS)
    if other:
        meta.dropped.append("front matter the source format has no place for: " + ", ".join(other))
    return text.lstrip("\n")[match.end():]


def _closing_byline(blocks: list[str]) -> list[str]:
    """Remove and return a closing name-and-role block or signature ("PUBLIUS.")."""
    if blocks and _is_byline(blocks[-1]):
        return [line.strip() for line in blocks.pop().split("\n") if line.strip()]
    return []


def _is_byline(block: str) -> bool:
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if not 0 < len(lines) <= MAX_BYLINE_LINES or any(len(line.split()) > MAX_BYLINE_WORDS for line in lines):
        return False
    if any(_CAPS_NAME.match(line) for line in lines) and all(_SIGNATURE.match(line) for line in lines):
        return True
    return (all(not _ENDS_SENTENCE.search(line) for line in lines)
            and any(_PERSON.match(_without_by(line)) for line in lines))


def _front_blocks(blocks: list[str], meta: _Meta, gutenberg: dict[str, str]) -> list[Block]:
    """Take the label, title, dateline and author lines above the text; return headings to keep."""
    kept: list[Block] = []
    label: str | None = None
    while blocks and not _is_body(blocks[0]):
        block = blocks[0]
        if "\n" in block.strip() and (parts := _title_and_byline(block)):
            # "By Helen MacRae" over "12 March 2021" in one block, or the title over its "By ..." line
            # with no blank line between: each line read alone.
            blocks[:1] = parts
            continue
        line = _plain(" ".join(block.split()))
        if (dated := _BY_LINE_DATED.match(line)) and not block.lstrip().startswith("#"):
            # "By Helen Marsh, lecturer in the history of medicine, 2024": the byline, then its date.
            meta.offer("date", dated.group("date"), "the 'By ...' line")
            line = dated.group("byline")
            # "By Ann Lee, Plymouth, 2023", "By Ann Lee, Lecturer in Classics, Bristol, 2024": a place last.
            *before, last = line.split(",")
            if before and _PLACE_NAME.match(last.strip()) and not _ROLE_NOUN.search(last):
                line = ",".join(before)
        if block.lstrip().startswith("#"):
            # The front matter's own title, repeated as the first heading, is still the title heading.
            repeated = _same_words(block.lstrip("#"), meta.values.get("title", ""))
            # (A title given with --title does not make the text's own first heading a section's.)
            given = meta.found.get("title") == "--title" and not kept
            if label is not None or ("title" in meta.values and not repeated and not given) or "\n" in block.strip():
                break  # a section heading: the text has begun
            # The title heading; a "By ..." line and a dateline may follow it, as in most articles.
            meta.offer("title", _titled(block.lstrip("#").strip()), "the first heading")
            kept.append(Block("heading", block.lstrip("#").strip()))
            blocks.pop(0)
            continue
        if _SALUTATION.match(line):
            break
        if (match := _ESSAY_LABEL.match(line)) and label is None and not _ENDS_SENTENCE.search(line) \
                and not _DATE.search(line):  # "Published 12 March 2021" is no "Federalist No. 10"
            label = f"{(match.group('series') or match.group('short')).strip().title()} No. {match.group('number')}"
            kept.append(Block("heading", line))
        elif (by := _BY_LINE.match(line) or _AUTHOR_LINE.match(line)) and len(line.split()) <= MAX_BYLINE_WORDS + 1:
            meta.offer("author", _expand(by.group("name"), gutenberg), "a 'By ...' line")
        elif by := _BY_LINE_ROLE.match(line):
            meta.offer("author", _expand(by.group("name"), gutenberg), "a 'By ...' line")
            meta.offer("role", by.group("role"), "a 'By ...' line")
        elif (credit := _CREDIT.search(line)) and len(line.split()) <= MAX_CREDIT_WORDS:
            _offer_credit(meta, credit, gutenberg)
            if before := line[: credit.start()].strip(" ,;:\u2013\u2014-"):  # "Civics for Senior Students"
                kept.append(Block("heading", before))
        elif _CAPS_NAME.match(line) and label is not None:
            meta.offer("author", _expand(line.rstrip("."), gutenberg), "the name under the title")
        elif _DATE.search(line) and len(line.split()) <= MAX_HEADING_WORDS * 2:
            meta.offer("date", _DATE.search(line).group(), "the dateline")
            place = line[: _DATE.search(line).start()].rstrip(" ,.")
            place = re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", "", place)
            if not _NO_PLACE.match(place.rstrip(" ,.")):
                meta.offer("occasion", place.rstrip(" ,."), "the dateline")
        elif label is not None and "title" not in meta.values and not _ENDS_SENTENCE.search(line.rstrip(")")):
            meta.offer("title", f"{label}: {line}", "the essay's label and the line under it")
            kept.append(Block("heading", line))
        elif len(block.split("\n")) == 1 and not _ENDS_SENTENCE.search(line):
            meta.offer("title", _titled(line), "the first line")
            kept.append(Block("heading", line))
        else:
            break
        blocks.pop(0)
    if label is not None:
        meta.offer("title", label, "the essay's label")
    return kept


def _title_and_byline(block: str) -> list[str] | None:
    """A block's lines, when it holds only a byline and a dateline, each perhaps under a title (a
    heading, or a short line with no full stop): the layout of most articles, often written
    without blank lines between. None for any other block."""
    lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
    first = lines[0]
    if first.startswith("#") or (len(first.split()) <= MAX_HEADING_WORDS and not _ENDS_SENTENCE.search(first)
                                 and not _is_front_line(first)):
        rest = lines[1:]
    else:
        rest = lines
    return lines if all(_is_front_line(line) for line in rest) else None


def _is_front_line(line: str) -> bool:
    """A "By ..." line (with a role or a date) or a dateline."""
    line = _plain(line)
    return bool(_BY_LINE.match(line) or _BY_LINE_ROLE.match(line) or _BY_LINE_DATED.match(line)
                or _AUTHOR_LINE.match(line) or (_DATE.search(line) and len(line.split()) <= MAX_HEADING_WORDS))


def _plain(line: str) -> str:
    """A line without the emphasis marks around the whole of it."""
    found = _EMPHASIS.match(line)
    return found.group("inner") if found else line


def _offer_credit(meta: _Meta, credit: re.Match, gutenberg: dict[str, str]) -> None:
    """The author of a credit line, and the date and place that follow the name ("…, Wellington, 2024")."""
    meta.offer("author", _expand(credit.group("name"), gutenberg), "a 'written by ...' line")
    for part in (p.strip() for p in credit.group("rest").split(",") if p.strip()):
        if date := _DATE.search(part) or YEAR.fullmatch(part):
            meta.offer("date", date.group(), "a 'written by ...' line")
        elif part[:1].isupper() and len(part.split()) <= 3:
            meta.offer("occasion", part, "a 'written by ...' line")


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())


def _is_body(block: str) -> bool:
    """Running text: long enough, with a sentence in it; a title block has no full stop (but for
    an initial of its byline: "By Harlan D. Westergaard" under a long title)."""
    return (len(block.split()) >= MIN_BODY_WORDS and bool(re.search(r"[.!?][\"”’)]?(?:\s|$)", block))
            and not ("\n" in block.strip() and _title_and_byline(block)))


def _block(block: str) -> Block:
    lines = [line.strip() for line in block.split("\n")]
    if lines[0].startswith("#"):
        rest = " ".join(lines[1:]).strip()
        return Block("heading", lines[0].lstrip("#").strip()) if not rest else Block("passage", rest)
    joined = " ".join(line for line in lines if line)
    if len(lines) == 1 and len(joined.split()) <= MAX_HEADING_WORDS and not _ENDS_SENTENCE.search(joined):
        return Block("heading", joined)
    return Block("passage", joined, draftable=not _SALUTATION.match(joined))


def _offer_fallbacks(meta: _Meta, parsed: list[Block], gutenberg: dict[str, str], byline: list[str]) -> None:
    meta.offer("title", gutenberg.get("title"), "the Project Gutenberg header")
    headings = [b.text for b in parsed if b.kind == "heading"]
    if parsed and parsed[0].kind == "heading":
        meta.offer("title", _titled(headings[0]), "the first heading")
    if "author" in gutenberg and not re.search(r"[,;]", gutenberg["author"]) and len(gutenberg["author"].split()) <= 4:
        meta.offer("author", gutenberg["author"], "the Project Gutenberg header")
    signature = [line.rstrip(".") for line in byline if _CAPS_NAME.match(line)]
    if signature:
        meta.offer("author", signature[0].title(), "the signature at the end")
    meta.offer("language", {"english": "en"}.get(gutenberg.get("language", "").lower()), "the Gutenberg header")
    passages = [b.text for b in parsed if b.kind == "passage"]
    meta.offer("title", _first_words(passages[0]) if passages else None, "the first words of the text")


# Headings that name a part of any document, in English and Swedish: never a text's title.
_SECTION_NAME = re.compile(
    r"(?:executive )?summary|abstract|introduction|conclusions?|contents|table of contents|preface|foreword|"
    r"overview|background|key (?:points|findings)|notes|references|bibliography|acknowledgements?|appendix|"
    r"sammanfattning|inledning|slutsats(?:er)?|innehåll|förord|bakgrund|referenser|noter", re.I)


def _titled(line: str) -> str:
    """A title set in capitals ("THE BATTLE OF GETTYSBURG") as a title reads: "The Battle of Gettysburg"."""
    if not line.isupper():
        return line
    words = line.lower().split()
    return " ".join(w if 0 < i < len(words) - 1 and w in _MINOR_WORDS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _without_by(line: str) -> str:
    return re.sub(r"^by\s+", "", line, flags=re.I).strip()


def _expand(name: str, gutenberg: dict[str, str]) -> str:
    """'MADISON' under an essay is 'James Madison' when the Gutenberg header lists him."""
    name = " ".join(name.split())
    listed = re.split(r"[,;]\s*|\s+and\s+", gutenberg.get("author", ""))
    for full in listed:
        if full.split() and full.split()[-1].casefold() == name.casefold().split()[-1]:
            return full.strip()
    return name.title() if name.isupper() else name


def _author_from(byline: list[str], gutenberg: dict[str, str]) -> str | None:
    for line in reversed(byline):
        name = _without_by(line)
        if _PERSON.match(name) and not name.isupper():
            return _expand(name, gutenberg)
    return None


def _role(byline: list[str], author: str | None) -> str | None:
    if not byline or not author:
        return None
    others = [b for b in byline if b != author and not b.lower().startswith("by ") and not _CAPS_NAME.match(b)]
    return ", ".join(others) or None


def _first_words(text: str, words: int = 8) -> str:
    return " ".join(text.split()[:words]).rstrip(".,;:") + ("\u2026" if len(text.split()) > words else "")
