"""Renumbering evaluation files after a source edit, following the quotes of the knowledge.

An evaluation file names passages by number only. Every quoted citation in entries and prompts
is a witness of where one old passage went: its quote was in the cited passage before the edit
(validate checked it) and is in one passage now. An old passage whose witnesses all agree maps to
that passage; one whose witnesses disagree is left for a curator, and so is one with none, unless
the cited passages on either side of it moved alike (`PassageMap.where`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .citations import Move, edit_numbers
from .errors import KnowledgeError, Problem
from .loader import shown_path
from .yamlfile import LineDict, parse_yaml, read_text

# The sections of an evaluation file whose items (and their `parts`) name passages.
EVAL_SECTIONS = ("in_scope", "out_of_scope", "follow_ups", "multi")
# A passage number or a list of them, written on the key's own line: 'passage: 7', 'passage: [1, 2]'.
PASSAGE_VALUE = re.compile(r"passage\s*:\s*(\[[\d,\s]*\]|\d+)")


@dataclass(frozen=True, slots=True)
class PassageMap:
    """Where the old passages of one source are now, as the quotes citing them tell."""

    source: str
    to: Mapping[int, int]
    unclear: frozenset[int] = frozenset()

    @property
    def changed(self) -> bool:
        """Whether any passage moved or could not be followed: only then can numbers be wrong."""
        return bool(self.unclear) or any(old != new for old, new in self.to.items())

    def where(self, old: int) -> int | None:
        """Where an old passage is now: as its quotes tell, or, for one no quote cites, as the
        passages around it moved, when both moved alike (a paragraph inserted before them moves
        every one after it by one) or, before the first one cited, when that one did not move."""
        if old in self.to:
            return self.to[old]
        if old in self.unclear:
            return None
        below = max((n for n in self.to if n < old), default=None)
        above = min((n for n in self.to if n > old), default=None)
        if above is None:
            return None
        shift = self.to[above] - above
        if below is None:
            return old if shift == 0 else None
        return old + shift if self.to[below] - below == shift else None


def passage_maps(traces: Iterable[Move]) -> dict[str, PassageMap]:
    """One map per source from every quoted citation (`citations.trace_citations`)."""
    seen: dict[str, dict[int, set[int | None]]] = {}
    for trace in traces:
        # A quote reworded in place vanishes (found nowhere): it says nothing of where its passage
        # went. The passage's other quotes still do, and with none left it is placed as its
        # neighbours moved (`PassageMap.where`), as an uncited one is.
        said = seen.setdefault(trace.source, {}).setdefault(trace.old, set())
        if trace.found:
            said.add(trace.new)  # None: in several passages, none of them the cited one
    maps = {}
    for source, olds in seen.items():
        to = {old: next(iter(new)) for old, new in olds.items() if len(new) == 1 and None not in new}
        unclear = frozenset(old for old, new in olds.items() if old not in to and new)
        maps[source] = PassageMap(source, MappingProxyType(to), unclear)
    return maps


@dataclass(frozen=True, slots=True)
class EvalChange:
    """One question's passage numbers in an evaluation file; `new` is None when no one can tell."""

    path: Path
    line: int
    column: int  # where 'passage' starts on the line
    old: tuple[int, ...]
    new: tuple[int, ...] | None
    why: str = ""

    @property
    def check(self) -> bool:
        """Whether this is only something to check: the numbers follow, but the passage may have split."""
        return self.new is not None and bool(self.why)

    def __str__(self) -> str:
        where = f"{shown_path(self.path)}:{self.line}"
        if self.check:
            moved = "" if self.new == self.old else f" \u2192 {_numbers(self.new)}"
            return f"{where}: passage {_numbers(self.old)}{moved} (check: {self.why})"
        if self.new is None:
            return f"{where}: passage {_numbers(self.old)}: {self.why}"
        return f"{where}: passage {_numbers(self.old)} \u2192 {_numbers(self.new)}"


def _numbers(numbers: tuple[int, ...]) -> str:
    return str(numbers[0]) if len(numbers) == 1 else f"[{', '.join(map(str, numbers))}]"


def eval_changes(path: Path, maps: Mapping[str, PassageMap]) -> list[EvalChange]:
    """The passage numbers of an evaluation file that the maps change or cannot follow."""
    shown = shown_path(path)
    text, problems = read_text(path, shown)
    data, more = parse_yaml(text, shown) if text is not None else (None, [])
    problems += more
    if not problems and not isinstance(data, LineDict):
        problems.append(Problem(shown, 1, "an evaluation file is a mapping", "write 'source:' and 'in_scope:'"))
    if problems:
        raise KnowledgeError(problems)
    source = data.get("source") or (next(iter(maps)) if len(maps) == 1 else None)
    if source is None and any(m.changed for m in maps.values()):
        raise KnowledgeError([Problem(shown, 1, "the file names no source, so its passage numbers match no text",
                                      f"add 'source: ID' at the top (one of: {', '.join(maps)})")])
    passage_map = maps.get(str(source))
    if passage_map is None or not passage_map.changed:
        return []
    lines = text.split("\n")
    found = [change for item in _items(data) if (change := _change(item, passage_map, path, lines)) is not None]
    # The parts of a several-question item may share its line: said once.
    return list({(c.line, c.column, c.old, c.new, c.why): c for c in found}.values())


def _items(data: LineDict) -> list[LineDict]:
    """Every mapping that may hold a 'passage': the questions and the parts of multi questions."""
    found = []
    for key in EVAL_SECTIONS:
        for item in data.get(key) or []:
            if isinstance(item, LineDict):
                found.append(item)
                found += [p for p in item.get("parts") or [] if isinstance(p, LineDict)]
    return [item for item in found if "passage" in item]


def _change(item: LineDict, passage_map: PassageMap, path: Path, lines: list[str]) -> EvalChange | None:
    value = item["passage"]
    old = tuple(value) if isinstance(value, list) else (value,)
    line, column = item.line_of("passage"), item.column_of("passage")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in old):
        return None  # not numbers: loading the file says so
    lost = [n for n in old if passage_map.where(n) is None]
    if lost:
        why = (f"no quote of the knowledge tells where passage {lost[0]} went; renumber it by hand"
               if lost[0] not in passage_map.unclear else
               f"the quotes of passage {lost[0]} went to several passages; renumber it by hand")
        return EvalChange(path, line, column, old, None, why)
    new = tuple(passage_map.where(n) for n in old)
    split = next((n for n, m in zip(old, new, strict=True) if _parted_after(passage_map, n, m)), None)
    if split is not None:
        # A passage now comes between this one and the next (passage 2 split in two, perhaps): what
        # the question asks may be in either, and only its words say which.
        now = passage_map.where(split) or split
        was = "" if now == split else f" (now {now})"
        # Only a check: most often a new paragraph, the question's passage unchanged.
        return EvalChange(path, line, column, old, new,
                          f"a new passage {now + 1} follows passage {split}{was}: if the edit split it, check which "
                          "part the question asks about")
    before = next((n for n, m in zip(old, new, strict=True) if _parted_before(passage_map, n, m)), None)
    if before is not None:
        # ... or now comes between the one before and this one: its first part, if the edit split it.
        now = passage_map.where(before) or before
        return EvalChange(path, line, column, old, new,
                          f"a new passage {now - 1} comes before passage {before} (now {now}): if the edit split "
                          "it, check which part the question asks about")
    if new == old:
        return None
    if PASSAGE_VALUE.match(lines[line - 1], column) is None:
        return EvalChange(path, line, column, old, None,
                          f"should be {_numbers(new)}, but it is written over several lines; edit it by hand")
    return EvalChange(path, line, column, old, new)


def _parted_after(passage_map: PassageMap, old: int, new: int | None) -> bool:
    """Whether a passage that was not there before now follows `old`: the one after it moved further
    than it did, and no old passage went to the place between (as in a swap of two)."""
    after = passage_map.where(old + 1)
    if new is None or after is None or after <= new + 1:
        return False
    went = set(passage_map.to.values()) | {passage_map.where(n) for n in range(old + 1, after + 1)}
    return new + 1 not in went


def _parted_before(passage_map: PassageMap, old: int, new: int | None) -> bool:
    """Whether a passage that was not there before now comes just before `old`'s place: the one
    before it moved less than it did, and no old passage went to the place between. (Passage 1
    follows the text's details, which never move.)"""
    if new is None or old <= 1:
        return False
    prior = passage_map.where(old - 1)
    if prior is None or prior >= new - 1:
        return False
    went = set(passage_map.to.values()) | {passage_map.where(n) for n in range(1, old)}
    return new - 1 not in went


def apply_eval_changes(changes: Iterable[EvalChange]) -> int:
    """Write the new numbers, each at its own place; return how many questions changed."""
    return edit_numbers(PASSAGE_VALUE, (
        (c.path, c.line, c.column, lambda written, c=c: _renumbered(written, c))
        for c in changes if c.new is not None))


def _renumbered(written: str, change: EvalChange) -> str | None:
    """The new number(s) as written, in the same form (a number or a list), if `written` is still the old."""
    if tuple(map(int, re.findall(r"\d+", written))) != change.old:
        return None
    return f"[{', '.join(map(str, change.new))}]" if written.startswith("[") else str(change.new[0])
