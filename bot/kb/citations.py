"""Keeping citations right when a source text is edited: find moved quotes and renumber them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .loader import _Reader, shown_path
from .models import Source
from .text import quote_key
from .yamlfile import LineDict


@dataclass(frozen=True, slots=True)
class Move:
    """A citation whose quote is no longer in its passage; `new` is where it is now (None: gone)."""

    path: Path
    line: int
    owner: str
    source: str
    old: int
    new: int | None
    quote: str

    def __str__(self) -> str:
        where = f"{shown_path(self.path)}:{self.line}"
        quote = self.quote if len(self.quote) <= 60 else self.quote[:59] + "\u2026"
        if self.new is None:
            return f"{where}: '{self.owner}' passage {self.old}: the quote \u201c{quote}\u201d is no longer in the text"
        return f"{where}: '{self.owner}' passage {self.old} \u2192 {self.new} (\u201c{quote}\u201d)"


def find_moves(root: Path | str) -> list[Move]:
    """Citations in entries and prompts whose quote left the cited passage."""
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
    key = quote_key(quote)
    cited = source.passage(number)
    if cited is not None and key in quote_key(cited.text):
        return None
    found = [p.number for p in source.passages if key in quote_key(p.text)]
    return Move(path, cite.line_of("passage"), str(item.get("id")), source.id, number,
                found[0] if len(found) == 1 else None, quote.strip())


def apply_moves(moves: list[Move]) -> int:
    """Renumber the citations that moved, editing only the number on each line; return how many."""
    changed = 0
    by_file: dict[Path, list[Move]] = {}
    for move in moves:
        if move.new is not None:
            by_file.setdefault(move.path, []).append(move)
    for path, file_moves in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for move in file_moves:
            index = move.line - 1
            pattern = re.compile(rf"(\bpassage:\s*){move.old}\b")
            updated, count = pattern.subn(rf"\g<1>{move.new}", lines[index], count=1)
            if count:
                lines[index] = updated
                changed += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    return changed
