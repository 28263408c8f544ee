"""Entries in and out of spreadsheets: TSV, CSV and JSON, round-tripping without loss.

One row per entry. List cells (more questions, passages, quotes, ...) hold one item per line,
with a newline or backslash inside an item written as \\n or \\\\; in TSV, tabs, newlines and
backslashes inside any cell are written the same way.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

import yaml

from .models import Citation, Entry

COLUMNS = ("id", "question", "more_questions", "answer", "source", "passage", "quote",
           "accept", "tags", "related", "draft")
FORMATS = ("tsv", "csv", "json")
# Spreadsheets (Excel above all) save UTF-8 with a byte-order mark; read with it, it would
# become part of the first column's name, and every row would lose its id.
ENCODING = "utf-8-sig"
BOM = "\ufeff"


class ExchangeError(ValueError):
    """A file that cannot be imported; the text names the row and what is wrong."""


def entry_record(entry: Entry) -> dict[str, object]:
    """An entry as plain data: the shape of a JSON export and of an imported row."""
    return {
        "id": entry.id,
        "questions": list(entry.questions),
        "answer": entry.answer,
        "source": entry.source,
        "cite": [{"source": c.source, "passage": c.passage, "quote": c.quote} for c in entry.citations],
        "accept": list(entry.accept),
        "tags": list(entry.tags),
        "related": list(entry.related),
        "draft": entry.draft,
    }


def entry_from_record(record: dict) -> Entry:
    """An entry from its plain record (as `entry_record` makes it), e.g. as a server's database keeps it."""
    return Entry(
        id=str(record["id"]), source=str(record["source"]), questions=tuple(record["questions"]),
        answer=str(record["answer"]),
        citations=tuple(Citation(str(c["source"]), int(c["passage"]), str(c.get("quote") or ""))
                        for c in record["cite"]),
        tags=tuple(record.get("tags") or ()), related=tuple(record.get("related") or ()),
        accept=tuple(record.get("accept") or ()), draft=bool(record.get("draft")))


def _items(values: Iterable[str]) -> str:
    """A list cell: one item per line; newlines and backslashes inside an item escaped."""
    return "\n".join(v.replace("\\", "\\\\").replace("\n", "\\n") for v in values)


def _row(record: dict) -> dict[str, str]:
    cites = record["cite"]
    return {
        "id": record["id"],
        "question": record["questions"][0] if record["questions"] else "",
        "more_questions": _items(record["questions"][1:]),
        "answer": record["answer"],
        "source": record["source"],
        "passage": _items(str(c["passage"]) if c["source"] == record["source"] else f"{c['source']}:{c['passage']}"
                          for c in cites),
        "quote": _items(c["quote"] for c in cites),
        "accept": _items(record["accept"]),
        "tags": _items(record["tags"]),
        "related": _items(record["related"]),
        "draft": "yes" if record["draft"] else "",
    }


def _escape(cell: str) -> str:
    escaped = cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    # A cell never opens with a bare quotation mark, so that one a spreadsheet wrapped in quotes on
    # saving ("the ""Candy Bomber""") is told from the text's own (`_unquoted`).
    return "\\" + escaped if escaped.startswith('"') else escaped


def _unquoted(cell: str) -> str:
    """A cell as written, if a spreadsheet or a CSV writer wrapped it in quotation marks and doubled
    the ones inside."""
    inside = cell[1:-1]
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and '"' not in inside.replace('""', ""):
        return inside.replace('""', '"')
    return cell


def _unescape(cell: str) -> str:
    out, i = [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(cell[i + 1], cell[i + 1]))
            i += 2
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


def export(entries: Iterable[Entry], fmt: str) -> str:
    records = [entry_record(e) for e in entries]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    rows = [_row(r) for r in records]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(COLUMNS)] + ["\t".join(_escape(row[c]) for c in COLUMNS) for row in rows]
        return "\n".join(lines) + "\n"
    raise ExchangeError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")


def parse(text: str, fmt: str) -> list[dict[str, object]]:
    """Records from an exported (or hand-made) file; a leading byte-order mark is ignored."""
    text = text.removeprefix(BOM)
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExchangeError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(data, list):
            raise ExchangeError("a JSON import is a list of entries")
        return [_record_from_json(item, n) for n, item in enumerate(data, 1)]
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        _check_header(reader.fieldnames or [], fmt, text)
        rows = list(reader)
    elif fmt == "tsv":
        lines = [line for line in text.split("\n") if line.strip()]
        if not lines:
            return []
        header = lines[0].split("\t")
        _check_header(header, fmt, text)
        rows = []
        for number, line in enumerate(lines[1:], 2):
            cells = line.split("\t")
            if len(cells) != len(header):
                raise ExchangeError(f"row {number}: {len(cells)} cells, expected {len(header)} (check for stray tabs)")
            rows.append({h: _unescape(_unquoted(c)) for h, c in zip(header, cells, strict=True)})
    else:
        raise ExchangeError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    return [_record_from_row(row, n) for n, row in enumerate(rows, 2)]


_REQUIRED = ("id", "question", "answer", "source", "passage")


def _check_header(header: list[str], fmt: str, text: str) -> None:
    """A first row without the columns an import needs, said plainly, with the likely cause."""
    missing = [c for c in _REQUIRED if c not in header]
    if not missing or not text.strip():
        return
    first = text.lstrip()[:1]
    if first in "[{":
        cause = "the file looks like JSON: pass --format json"
    elif fmt == "csv" and any(sep in (header[0] if header else "") for sep in (";", "\t")):
        sep = "semicolons" if ";" in header[0] else "tabs"
        cause = f"its columns are separated by {sep}, not commas: save it as comma-separated" + (
            " CSV" if sep == "semicolons" else " CSV, or pass --format tsv")
    else:
        cause = f"the first row names the columns: {', '.join(_REQUIRED)}, quote, tags (as `citebot kb export` writes)"
    raise ExchangeError(f"row 1 has no column {', '.join(missing)}; {cause}")


def _lines(cell: str | None) -> list[str]:
    """The items of a list cell, unescaped."""
    return [_unescape(part) for part in (cell or "").split("\n") if part.strip()] if cell else []


def _record_from_row(row: dict[str, str], number: int) -> dict[str, object]:
    missing = [c for c in _REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise ExchangeError(f"row {number}: empty {', '.join(missing)}")
    source = row["source"].strip()
    passages = _lines(row["passage"])
    quotes = [_unescape(q) for q in (row.get("quote") or "").split("\n")]
    cite = []
    for i, cell in enumerate(passages):
        cited, _, num = cell.strip().rpartition(":")
        if not num.isdigit():
            raise ExchangeError(f"row {number}: passage '{cell}' is not a number (or SOURCE:NUMBER)")
        cite.append({"source": cited or source, "passage": int(num), "quote": quotes[i] if i < len(quotes) else ""})
    return {
        "id": row["id"].strip(), "questions": [row["question"], *_lines(row.get("more_questions"))],
        "answer": row["answer"], "source": source, "cite": cite, "accept": _lines(row.get("accept")),
        "tags": _lines(row.get("tags")), "related": _lines(row.get("related")),
        "draft": (row.get("draft") or "").strip().lower() in {"yes", "true", "1"},
    }


def _record_from_json(item: object, number: int) -> dict[str, object]:
    if not isinstance(item, dict) or not all(k in item for k in ("id", "questions", "answer", "source", "cite")):
        raise ExchangeError(f"entry {number}: needs id, questions, answer, source and cite")
    return {"accept": [], "tags": [], "related": [], "draft": False, **item}


def entries_yaml(records: Sequence[dict[str, object]]) -> str:
    """Records as an entries file for knowledge/entries/."""
    sources = {r["source"] for r in records}
    default = next(iter(sources)) if len(sources) == 1 else None
    items = []
    for r in records:
        item: dict[str, object] = {"id": r["id"]}
        if r.get("draft"):
            item["draft"] = True
        item["questions"] = r["questions"]
        item["answer"] = r["answer"]
        item["cite"] = [({} if c["source"] == default else {"source": c["source"]})
                        | {"passage": c["passage"], "quote": c["quote"]} for c in r["cite"]]
        for key in ("accept", "tags", "related"):
            if r.get(key):
                item[key] = r[key]
        items.append(item)
    document: dict[str, object] = {"source": default} if default else {}
    document["entries"] = items
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
