"""Keeping citations right when a source text is edited: find moved quotes and renumber them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .loader import _Reader, numbers_text, quote_passages, shown_path
from .models import Source
from .yamlfile import LineDict


@dataclass(frozen=True, slots=True)
class Move:
    """A quoted citation and every passage holding its quote now; it moved when `old` is not one of them."""

    path: Path
    line: int
    column: int  # where 'passage' starts on the line
    owner: str
    source: str
    old: int
    found: tuple[int, ...]
    quote: str

    @property
    def moved(self) -> bool:
        return self.old not in self.found

    @property
    def new(self) -> int | None:
        """The passage to cite now: the cited one while it holds the quote, else the only one that does."""
        if not self.moved:
            return self.old
        return self.found[0] if len(self.found) == 1 else None

    def __str__(self) -> str:
        where = f"{shown_path(self.path)}:{self.line}"
        quote = self.quote if len(self.quote) <= 60 else self.quote[:59] + "\u2026"
        said = f"{where}: '{self.owner}' passage {self.old}"
        if not self.found:
            return f"{said}: the quote \u201c{quote}\u201d is no longer in the text"
        if self.new is None:
            return (f"{said}: the quote \u201c{quote}\u201d is in {numbers_text(self.found)} now; "
                    "cite the one you mean, or quote more words")
        return f"{said} \u2192 {self.new} (\u201c{quote}\u201d)"


def find_moves(root: Path | str) -> list[Move]:
    """Citations in entries and prompts whose quote left the cited passage."""
    return [m for m in trace_citations(root) if m.moved]


def trace_citations(root: Path | str) -> list[Move]:
    """Every quoted citation in entries and prompts, with the passages that hold its quote now."""
    root = Path(root)
    reader = _Reader(root)
    sources: dict[str, Source] = {}
    for path in sorted((root / "sources").glob("*.md")) + sorted((root / "sources").glob("*.txt")):
        source = reader.source(path)
        if source is not None:
            sources[source.id] = source
    moves: list[Move] = []
    for folder, key in (("entries", "entries"), ("prompts", "prompts")):
        for path in sorted((root / folder).glob("*.y*ml")):
            default, items, _ = reader.collection(path, key)
            for item in items:
                for cite in item.get("cite") or []:
                    move = _check(cite, item, default, sources, path)
                    if move is not None:
                        moves.append(move)
    return moves


def _check(cite: object, item: LineDict, default: str | None, sources: dict[str, Source], path: Path) -> Move | None:
    if not isinstance(cite, LineDict):
        return None
    quote, number = cite.get("quote"), cite.get("passage")
    source = sources.get(str(cite.get("source") or default or ""))
    if not isinstance(quote, str) or not quote.strip() or not isinstance(number, int) or source is None:
        return None
    found = quote_passages(quote, source)
    return Move(path, cite.line_of("passage"), cite.column_of("passage"), str(item.get("id")), source.id,
                number, found, quote.strip())


# A citation's number as written after its key: 'passage: 12' or '{passage: 12, ...}'.
PASSAGE_NUMBER = re.compile(r"passage\s*:\s*(\d+)\b")


def apply_moves(moves: list[Move]) -> int:
    """Renumber the citations that moved, editing only the number of each; return how many."""
    return edit_numbers(PASSAGE_NUMBER, (
        (m.path, m.line, m.column, lambda written, m=m: str(m.new) if int(written) == m.old else None)
        for m in moves if m.moved and m.new is not None))


# An edit of one number in a file: where its key starts, and what to write for what is written
# there now (None when that is no longer the number the edit was made for).
NumberEdit = tuple[Path, int, int, Callable[[str], str | None]]


def edit_numbers(pattern: re.Pattern[str], edits: Iterable[NumberEdit]) -> int:
    """Rewrite `pattern`'s first group at each edit's line and column; return how many changed."""
    changed = 0
    by_file: dict[Path, list[NumberEdit]] = {}
    for edit in edits:
        by_file.setdefault(edit[0], []).append(edit)
    for path, file_edits in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        # Right to left, so that a longer number cannot shift the next one on the same line.
        for _, line, column, replace in sorted(file_edits, key=lambda e: (e[1], -e[2])):
            found = pattern.match(lines[line - 1], column)
            written = replace(found.group(1)) if found is not None else None
            if written is None:
                continue
            lines[line - 1] = lines[line - 1][: found.start(1)] + written + lines[line - 1][found.end(1):]
            changed += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    return changed
