"""Curating from the terminal: kb validate, stats, eval, draft, fix-citations, export, import."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import render
from ..kb import KnowledgeError, check_knowledge
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    CliError,
    NoDatabase,
    already_there,
    counted,
    deliver,
    knowledge_root,
    load,
    pct,
    source_arg,
)
from .common import engine as cli_engine

if TYPE_CHECKING:
    from ..store.core import MovedCitation


def _drafts(count: int) -> str:
    return "1 of them a draft" if count == 1 else f"{count} of them drafts"


def cmd_kb_validate(args: argparse.Namespace, out: TextIO) -> int:
    root = knowledge_root(args)
    kb, problems = check_knowledge(root)
    for problem in problems:
        out.write(f"{problem}\n")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if kb is None:
        out.write(f"{errors} error(s), {warnings} warning(s): the knowledge in {root} cannot be served.\n")
        return EXIT_ERROR
    drafts = sum(e.draft for e in kb.entries), sum(p.draft for p in kb.prompts)
    entries = f"{len(kb.entries)} entries" + (f" ({_drafts(drafts[0])}, not served)" if drafts[0] else "")
    prompts = f"{len(kb.prompts)} prompts" + (f" ({_drafts(drafts[1])})" if drafts[1] else "")
    out.write(f"OK: {len(kb.sources)} source(s), {entries}, {prompts}, "
              f"{len(kb.all_synonyms)} synonym groups; {warnings} warning(s).\n")
    return EXIT_OK


def cmd_kb_stats(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args)
    for src in kb.sources.values():
        entries = [e for e in kb.entries if e.source == src.id]
        cited: dict[int, int] = {}
        for entry in entries:
            if entry.draft:  # a draft is not served: the counts per passage are the bot's
                continue
            for number in {c.passage for c in entry.citations if c.source == src.id}:
                cited[number] = cited.get(number, 0) + 1
        prompts = [p for p in kb.prompts if p.source == src.id]
        phrasings = sum(len(e.questions) for e in entries)
        drafts = sum(e.draft for e in entries)
        out.write(f"{src.id}: {render.source_line(src)}\n")
        out.write(f"  passages {len(src.passages)}, entries {len(entries)} ({len(entries) - drafts} served, {drafts} "
                  "drafts not served yet), "
                  f"phrasings {phrasings}, prompts {len(prompts)} ({sum(p.draft for p in prompts)} drafts)\n")
        numbers = range(1, len(src.passages) + 1)
        out.write("  served entries per passage: " + ", ".join(f"{n}:{cited.get(n, 0)}" for n in numbers) + "\n")
        bare = [n for n in numbers if n not in cited]
        out.write(f"  passages with no served entry: {', '.join(map(str, bare)) if bare else 'none'}\n")
    return EXIT_OK


def cmd_kb_eval(args: argparse.Namespace, out: TextIO) -> int:
    from ..kb.evaluate import case_problems, evaluate, load_cases

    engine = cli_engine(args)
    try:
        cases = load_cases(args.file)
    except KnowledgeError as exc:
        raise CliError("the evaluation file has errors:\n" + "\n".join(map(str, exc.problems))) from exc
    missing = sorted({c.source for c in cases if c.source and c.source not in engine.kb.sources})
    if missing:
        raise CliError(f"{args.file} is about the text '{missing[0]}', which this knowledge folder does not have "
                       f"(it has: {', '.join(engine.kb.sources)}); bring it in with `citebot kb draft`, or pass "
                       "--knowledge DIR")
    wrong = case_problems(cases, engine.kb, str(args.file))
    if wrong:
        raise CliError("the evaluation file expects what its text does not hold:\n" + "\n".join(map(str, wrong)))
    report = evaluate(engine, cases)
    for outcome in report.misses:
        a = outcome.answer
        where = f"{args.file}:{outcome.case.line}"
        hint = " (the right entry was suggested)" if outcome.suggested else ""
        got = f"{a.kind} {a.entry.id}" if a.entry else a.kind
        out.write(f"MISS {where}: {outcome.case.question!r}\n     {outcome.why}{hint}; got {got} "
                  f"({a.confidence:.2f}): {render.clip(a.text, 100)}\n")
    styles = report.by_style()
    if len(styles) > 2:
        width = max(len(style) for _, style in styles)
        out.write("by style:\n")
        for (in_scope, style), (ok, n) in styles.items():
            what = "answered correctly" if in_scope else "declined"
            out.write(f"  {style:<{width}}  {ok:>3}/{n:<3} {what} ({pct(ok, n)})\n")
    ok_in, n_in = report.in_scope
    ok_out, n_out = report.out_of_scope
    ok_near, n_near = report.near_misses
    hit, missed = report.suggested
    # A text nobody has curated has no entries to suggest: the count would say nothing.
    asked = {c.source for c in cases if c.source} or set(engine.kb.sources)
    curated = any(e.source in asked for e in engine.kb.live_entries)
    suggested = f"; of the {missed} missed, {hit} suggested the right entry" if curated and missed else ""
    out.write(f"in scope:     {ok_in}/{n_in} answered correctly ({pct(ok_in, n_in)}){suggested}\n")
    out.write(f"out of scope: {ok_out}/{n_out} declined ({pct(ok_out, n_out)}); "
              f"near misses {ok_near}/{n_near} ({pct(ok_near, n_near)})\n")
    if args.min is not None:
        below = [f"{what} {pct(ok, n)}" for what, (ok, n) in (("in scope", report.in_scope),
                                                               ("out of scope", report.out_of_scope))
                 if ok < args.min * n]
        if below:
            out.write(f"FAILED: {' and '.join(below)} below the minimum {100 * args.min:g}%.\n")
            return EXIT_ERROR
    return EXIT_OK


# -- bringing in a new text ---------------------------------------------------------------------

def cmd_kb_draft(args: argparse.Namespace, out: TextIO) -> int:
    from ..config import PACKAGE_DIR
    from ..kb.draft import DraftError, check_input, make_draft
    from ..kb.draft_write import UnsafeTarget, check_target, replaced_items, staged_problems, write_all
    from ..kb.loader import ID_PATTERN

    root = knowledge_root(args)  # a mistyped --knowledge is refused, not made into a folder of one text
    if not ID_PATTERN.match(args.id):
        plain = re.sub(r"[^a-z0-9]+", "-", args.id.lower()).strip("-")
        hint = f", e.g. --id {plain}" if plain and ID_PATTERN.match(plain) else ""
        raise CliError(f"'{args.id}' is not a plain id; use lowercase letters, digits and '-'{hint}")
    try:
        check_target(root, PACKAGE_DIR)
        raw = check_input(Path(args.file).read_bytes(), args.file)
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    except (DraftError, UnsafeTarget) as exc:
        raise CliError(str(exc)) from exc
    draft = make_draft(raw, args.id, title=args.title, author=args.author, date=args.date)
    existing = [name for name in draft.files if (root / name).exists()]
    replaced = [r for name in existing if name.endswith(".yaml") and (r := replaced_items(root / name))]
    if existing and not args.force:
        curated = [f"{r.curated} curated {r.path.parent.name}" for r in replaced if r.curated]
        raise CliError(already_there(existing, root)
                       + (f" ({' and '.join(curated)} would be replaced by drafts)" if curated else "")
                       + "; pass --force to replace them (each is backed up first)")
    problems = staged_problems(root, draft.files)
    if problems:
        raise CliError("the drafted files would leave the knowledge folder broken; nothing was written:\n"
                       + "\n".join(map(str, problems)))
    written = write_all(root, draft.files)
    for path in written.files:
        out.write(f"wrote {path}\n")
    backups = dict(written.backups)
    for old in replaced:
        what = "entries" if old.path.parent.name == "entries" else "prompts"
        drafted = len(draft.entries) if what == "entries" else len(draft.prompts)
        out.write(f"replaced {old.curated} curated {what} and {old.drafts} drafted ones with {drafted} new drafts; "
                  f"the old {old.path.name} is in {backups.get(old.path, 'its backup')}\n")
    for path, backup in written.backups:
        if all(old.path != path for old in replaced):
            out.write(f"backed up the replaced {path.name} to {backup}\n")
    if any(old.curated for old in replaced):
        out.write("To keep curated items, copy them back from the backup (remove the drafts they duplicate), "
                  "then run `citebot kb validate`.\n")
    out.write("\n".join(draft.summary(args.id)) + "\n")
    out.write(f"The bot answers from its passages now (`citebot ask --source {args.id} ...`); "
              "it ignores the drafts until a curator removes 'draft: true'.\n")
    return EXIT_OK


def cmd_kb_init(args: argparse.Namespace, out: TextIO) -> int:
    from ..config import default_knowledge_dir
    from ..kb.draft_write import init_folder

    target = Path(args.dir).expanduser()
    # From the folder --knowledge names, when it names one: a group's own folder, copied to start another.
    named = bool(getattr(args, "knowledge", None))
    origin = knowledge_root(args) if named else default_knowledge_dir()
    try:
        init_folder(target, origin)
    except (OSError, FileExistsError) as exc:
        raise CliError(str(exc)) from exc
    copied = f"the knowledge at {origin}" if named else "the shipped knowledge"
    if not named and os.environ.get("CITEBOT_KNOWLEDGE"):  # a new copy starts from the shipped folder
        copied += " (not $CITEBOT_KNOWLEDGE's: name a folder with --knowledge to copy that one)"
    out.write(f"Copied {copied} to {target}.\n"
              f"Use it with `citebot --knowledge {target} ...`, or `export CITEBOT_KNOWLEDGE={target}`; "
              f"then bring in a text with `citebot --knowledge {target} kb draft FILE --id ID`.\n")
    return EXIT_OK


def cmd_kb_fix_citations(args: argparse.Namespace, out: TextIO) -> int:
    """Show every moved citation (and evaluation question), then renumber on --yes or a 'y'.

    A preview that changes nothing exits 0; citations that need a curator's hand exit 1.
    """
    from ..kb.citations import apply_moves, trace_citations
    from ..kb.renumber import apply_eval_changes, eval_changes, passage_maps

    root = knowledge_root(args)
    traces = trace_citations(root)
    moves = [t for t in traces if t.moved]
    maps = passage_maps(traces)
    questions = []
    for path in args.eval or ():
        try:
            questions += eval_changes(path, maps)
        except KnowledgeError as exc:
            raise CliError("the evaluation file has errors:\n" + "\n".join(map(str, exc.problems))) from exc
    if not moves and not questions:
        out.write("Every citation's quote is in its passage.\n")
        return EXIT_OK
    for change in (*moves, *questions):
        out.write(f"{change}\n")
    # Servers' own entries, prompts and suggestions in the bot's database cite passages by number too.
    renumbered = {source: m.to for source, m in maps.items() if any(o != n for o, n in m.to.items())}
    held, served = _stored_citations(renumbered, root)
    for moved in held:
        out.write(f"server {moved.guild_id}: its {moved.kind} {moved.name} cites {moved.source} passage {moved.old}, "
                  f"now passage {moved.new}\n")
    if not held and served is not None:
        out.write(f"The bot's database serves {served}, not this folder: its servers' own entries, prompts and "
                  "suggestions are left as they are.\n")
    fixable = [m for m in moves if m.new is not None]
    fixable_questions = [q for q in questions if q.new is not None and q.new != q.old]
    stuck = len(moves) - len(fixable) + sum(1 for q in questions if q.new is None)
    if stuck:
        out.write(f"{stuck} citation(s) or question(s) cannot be renumbered automatically: edit them by hand.\n")
    status = EXIT_ERROR if stuck else EXIT_OK
    if not fixable and not fixable_questions:
        return status
    what = f"{len(fixable)} citation(s)" + (f" and {len(fixable_questions)} evaluation question(s)"
                                            if args.eval else "")
    if not args.yes and not _consent(f"Renumber {what}?", out):
        return status
    changed = apply_moves(fixable)
    asked = apply_eval_changes(fixable_questions)
    out.write(f"Renumbered {changed} citation(s)" + (f" and {asked} evaluation question(s)" if args.eval else "")
              + ".\n")
    if held:
        stored, _ = _stored_citations(renumbered, root, renumber=True)
        out.write(f"Renumbered {len(stored)} citation(s) of servers' own entries, prompts and suggestions in the "
                  "bot's database (their history is unchanged: a passage's new number changes no meaning).\n")
    return status


def _stored_citations(moves: Mapping[str, Mapping[int, int]], root: Path, *,
                      renumber: bool = False) -> tuple[list[MovedCitation], str | None]:
    """Servers' own entries, prompts and suggestions citing a passage that moved (renumbered, with
    `renumber`), when the bot's database serves `root`; none where the bot has no database yet.
    Also the folder the database serves when it is another (a copy being tried out, say), whose
    passages did not move: its citations are left alone."""
    from ..store import SERVED_KNOWLEDGE
    from .study import with_store

    if not moves:
        return [], None

    async def act(store):
        served = await store.get_meta(SERVED_KNOWLEDGE)
        if served is not None and Path(served) != root.resolve():
            return [], served
        return (await store.entries_citing(moves, renumber=renumber)
                + await store.prompts_citing(moves, renumber=renumber)), None

    try:
        return with_store(act)
    except NoDatabase:
        return [], None


def _consent(question: str, out: TextIO) -> bool:
    """Ask at the terminal; without one (a pipe, CI, a closed stdin), say how to apply instead."""
    stdin = sys.stdin
    try:
        interactive = stdin is not None and stdin.isatty()
    except ValueError:  # a closed stdin
        interactive = False
    if not interactive:
        out.write("Nothing changed: no terminal to ask. Run again with --yes to apply.\n")
        return False
    out.write(f"{question} [y/N] ")
    out.flush()
    if stdin.readline().strip().lower() not in {"y", "yes"}:
        out.write("Nothing changed.\n")
        return False
    return True


def cmd_kb_export(args: argparse.Namespace, out: TextIO) -> int:
    from ..kb.exchange import export

    if args.guild is not None:  # the server's own: its new entries and its versions of shared ones
        from .guild import guild_knowledge

        entries = guild_knowledge(args).own_entries
    else:
        kb = load(args)
        source_arg(kb, args.source)
        entries = list(kb.entries)
    entries = [e for e in entries if args.source is None or e.source == args.source]
    deliver(export(entries, args.format), args.out, out, what=counted(len(entries), "entry", "entries"),
            force=args.force)
    return EXIT_OK


# An import's problems shown at most: an exported folder imported beside itself repeats every id.
IMPORT_PROBLEMS_SHOWN = 10


def _in_rows(problem, text: str, records: list[dict[str, object]], path: Path, fmt: str) -> str:
    """A problem of the entries file an import would write, told by the row of the imported file it
    comes from: that file, not one never written, is where the curator fixes it."""
    starts = [n for n, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith("- id: ")]
    index = max((i for i, start in enumerate(starts) if start <= problem.line), default=None)
    if index is None or index >= len(records):
        return str(problem)
    where = f"item {index + 1}" if fmt == "json" else f"row {index + 2}"  # row 1 names the columns
    fix = f" ({problem.fix})" if problem.fix else ""
    return f"{path} {where} (entry '{records[index]['id']}'): {problem.severity}: {problem.message}{fix}"


def cmd_kb_import(args: argparse.Namespace, out: TextIO) -> int:
    from ..kb.exchange import ENCODING, FORMATS, ExchangeError, entries_yaml, parse

    path = Path(args.file)
    fmt = args.format or path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise CliError(f"cannot tell the format of {path.name}; pass --format {'|'.join(FORMATS)}")
    try:
        records = parse(path.read_text(encoding=ENCODING), fmt)
    except FileNotFoundError as exc:
        raise CliError(f"there is no file {path}") from exc
    except UnicodeDecodeError as exc:
        raise CliError(f"{path} is not {ENCODING} text; save it as UTF-8 (a spreadsheet's \"CSV UTF-8\")") from exc
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except ExchangeError as exc:
        raise CliError(f"{path}: {exc}") from exc
    text = entries_yaml(records)
    if args.out:
        from ..kb.draft_write import staged_problems, write_all

        target = Path(args.out)
        if target.exists() and not args.force:
            raise CliError(f"{target} exists; pass --force to replace it")
        root = target.resolve().parent.parent
        if target.resolve().parent.name == "entries" and (root / "sources").is_dir():
            # Into a knowledge folder: checked with it first, as the bot will read it (quotes
            # in their passages, ids unique), so that a bad row never leaves the folder broken.
            # An error elsewhere counts if it is new: an id the folder has already, told at its other file.
            def in_target(problem) -> bool:
                return Path(problem.path).resolve() == target.resolve()

            known = {(p.path, p.message) for p in staged_problems(root, {})}
            mine = [p for p in staged_problems(root, {f"entries/{target.name}": text})
                    if in_target(p) or (p.path, p.message) not in known]
            if mine:
                told = [_in_rows(p, text, records, path, fmt) if in_target(p) else str(p) for p in mine]
                hidden = len(told) - IMPORT_PROBLEMS_SHOWN
                more = f"\n... and {hidden} more" if hidden > 0 else ""
                raise CliError(f"the imported entries would leave {root} broken; nothing was written:\n"
                               + "\n".join(told[:IMPORT_PROBLEMS_SHOWN]) + more)
        try:
            written = write_all(target.parent, {target.name: text})
        except OSError as exc:
            raise CliError(f"cannot write {target}: {exc.strerror or exc}") from exc
        counted = f"{len(records)} {'entry' if len(records) == 1 else 'entries'}"
        out.write(f"wrote {counted} to {target}; run `citebot kb validate`\n")
        for _, backup in written.backups:
            out.write(f"the file it replaced is kept as {backup}\n")
    else:
        out.write(text)
    return EXIT_OK
