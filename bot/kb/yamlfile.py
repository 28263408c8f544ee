"""YAML reading that remembers line numbers, so every problem can name its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line (and column) of each key."""

    line: int = 0
    key_lines: dict[str, int]
    key_columns: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def column_of(self, key: str) -> int:
        """Where the key starts on its line, from 0: several citations can share a line."""
        return self.key_columns.get(key, 0)


class LineStr(str):
    """A string from YAML that knows its line."""

    line: int = 0
    joined: bool = False  # written over several lines, one of which starts "- " (see _build)


# libyaml's parser when present (ten times faster); the constructors stay SafeConstructor's.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """A safe loader that records lines; it constructs nothing SafeLoader would not."""

    def __init__(self, stream: str, duplicates: list[tuple[str, int]]) -> None:
        super().__init__(stream)
        self.duplicates = duplicates


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    own = sum(key.tag != _MERGE for key, _ in node.value)
    loader.flatten_mapping(node)  # what merge keys ("<<: *defaults") bring comes first, then the mapping's own keys
    return _line_dict(loader, node, lambda child: loader.construct_object(child, deep=True),
                      merged=len(node.value) - own)


def _line_dict(loader: _LineLoader, node: yaml.MappingNode, build: Callable[[yaml.Node], Any], *,
               merged: int = 0) -> LineDict:
    """A mapping with the line (and column) of each key; its first `merged` pairs came from merge
    keys, which a key of its own replaces, as YAML means: only its own key twice is a slip."""
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.key_columns = {}
    said: set[object] = set()
    for at, (key_node, value_node) in enumerate(node.value):
        key = build(key_node)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            key = str(key)
        if at >= merged:
            if key in said:
                loader.duplicates.append((str(key), key_node.start_mark.line + 1))
            said.add(key)
        result[key] = build(value_node)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
        result.key_columns[str(key)] = key_node.start_mark.column
    return result


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> LineStr:
    value = LineStr(loader.construct_scalar(node))
    value.line = node.start_mark.line + 1
    return value


def _build(loader: _LineLoader, node: yaml.Node) -> Any:
    """What the constructors below would make of a document, made directly for the plain strings,
    lists and mappings knowledge files are made of (a third of the time); anything else (numbers,
    booleans, merge keys) is left to them."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        value = LineStr(node.value)
        value.line = node.start_mark.line + 1
        if not node.style and node.end_mark.line > node.start_mark.line and " - " in node.value:
            value.joined = True  # plain text over several lines, one of them "- ...": a list item indented too far
        return value
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_build(loader, item) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP and all(k.tag != _MERGE for k, _ in node.value):
        return _line_dict(loader, node, lambda child: _build(loader, child))
    return loader.construct_object(node, deep=True)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Knowledge read from YAML can be written back (exports, suggestions) as plain strings.
yaml.SafeDumper.add_representer(LineStr, yaml.representer.SafeRepresenter.represent_str)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def parse_yaml(text: str, path: str, *, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML safely; return the data (None if unreadable) and the problems found."""
    duplicates: list[tuple[str, int]] = []
    loader = _LineLoader(text, duplicates)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(loader, node)
    except RecursionError:  # an alias inside itself: SafeLoader's own way copes
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + first_line) if mark else first_line
        reason = getattr(exc, "problem", None) or str(exc)
        fix = ("check the indentation, and put text containing ': ' or starting with "
               "a quote, '-', '[' or '{' in quotes")
        lines = text.split("\n")
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:  # YAML indents with spaces only
            fix = "replace the tab on this line with spaces (YAML indents with spaces only), then " + fix
        context = getattr(exc, "context_mark", None)
        if reason == "could not find expected ':'" and context is not None and context.line < len(lines):
            # YAML notices it on the line after, where the next key begins: the key without a colon is here.
            key = lines[context.line].strip().removeprefix("- ").split(" ", 1)[0] or "key"
            return None, [Problem(path, context.line + first_line,
                                  "this is not valid YAML: this line has no ':' after its key",
                                  f"write the key, a colon and a space before the value: '{key}: ...'")]
        opened = _unclosed_quote(lines, exc)
        if opened is not None and opened + first_line != line:  # YAML notices it lines later, where it gives up
            return None, [Problem(path, opened + first_line, "this is not valid YAML: the quote opened on this "
                                  f"line is never closed (YAML gave up at line {line}: {reason})",
                                  "close the quote at the end of the text, or remove it")]
        return None, [Problem(path, line, f"this is not valid YAML: {reason}", fix)]
    finally:
        loader.dispose()
    problems = [
        Problem(path, line + first_line - 1, f"the key '{key}' appears twice in one mapping",
                "keep one of them; YAML would silently drop the first")
        for key, line in duplicates
    ]
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data, problems


def _unclosed_quote(lines: list[str], exc: yaml.YAMLError) -> int | None:
    """The line (from 0) of a quoted text left open, between where YAML's complaint begins and ends."""
    context = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem_mark", None)
    if context is None or problem is None:
        return None
    for number, line in enumerate(lines[context.line : problem.line + 1], context.line):
        value = (line.split(": ", 1)[1] if ": " in line else line.lstrip().removeprefix("- ")).strip()
        if any(value.startswith(quote) and not (len(value) > 1 and value.endswith(quote)) for quote in "\"'"):
            return number
    return None


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for item in data:
            _shift_lines(item, offset)
    elif isinstance(data, LineStr):
        data.line += offset


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """A file's text, or a problem saying why it could not be read."""
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, 0, f"not UTF-8 text ({exc.reason})", "save the file as UTF-8")]
    except OSError as exc:
        return None, [Problem(shown, 0, f"cannot be read: {exc.strerror}", "check it exists and is readable")]
