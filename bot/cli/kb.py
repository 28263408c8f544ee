"""Curating from the terminal: kb validate, stats, eval."""

from __future__ import annotations

import argparse
from typing import TextIO

from .. import render
from ..config import knowledge_dir
from ..kb import Engine, KnowledgeError, check_knowledge
from .common import EXIT_ERROR, EXIT_OK, CliError, load, pct


def cmd_kb_validate(args: argparse.Namespace, out: TextIO) -> int:
    root = knowledge_dir(args.knowledge)
    kb, problems = check_knowledge(root)
    for problem in problems:
        out.write(f"{problem}\n")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if kb is None:
        out.write(f"{errors} error(s), {warnings} warning(s): the knowledge in {root} cannot be served.\n")
        return EXIT_ERROR
    out.write(f"OK: {len(kb.sources)} source(s), {len(kb.entries)} entries, {len(kb.prompts)} prompts, "
              f"{len(kb.synonyms)} synonym groups; {warnings} warning(s).\n")
    return EXIT_OK


def cmd_kb_stats(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args)
    for src in kb.sources.values():
        entries = [e for e in kb.entries if e.source == src.id]
        cited: dict[int, int] = {}
        for entry in entries:
            for number in {c.passage for c in entry.citations if c.source == src.id}:
                cited[number] = cited.get(number, 0) + 1
        prompts = sum(1 for p in kb.prompts if p.source == src.id)
        phrasings = sum(len(e.questions) for e in entries)
        drafts = sum(e.draft for e in entries)
        out.write(f"{src.id}: {render.source_line(src)}\n")
        out.write(f"  passages {len(src.passages)}, entries {len(entries)} ({drafts} drafts), "
                  f"phrasings {phrasings}, prompts {prompts}\n")
        numbers = range(1, len(src.passages) + 1)
        out.write("  entries per passage: " + ", ".join(f"{n}:{cited.get(n, 0)}" for n in numbers) + "\n")
        bare = [n for n in numbers if n not in cited]
        out.write(f"  passages with no entry: {', '.join(map(str, bare)) if bare else 'none'}\n")
    return EXIT_OK


def cmd_kb_eval(args: argparse.Namespace, out: TextIO) -> int:
    from ..kb.evaluate import evaluate, load_cases

    kb = load(args)
    try:
        cases = load_cases(args.file)
    except KnowledgeError as exc:
        raise CliError("the evaluation file has errors:\n" + "\n".join(map(str, exc.problems))) from exc
    report = evaluate(Engine(kb), cases)
    for outcome in report.misses:
        a = outcome.answer
        where = f"{args.file}:{outcome.case.line}"
        out.write(f"MISS {where}: {outcome.case.question!r}\n     {outcome.why}; got {a.kind} "
                  f"{a.entry.id if a.entry else ''} ({a.confidence:.2f}): {render.clip(a.text, 100)}\n")
    ok_in, n_in = report.in_scope
    ok_out, n_out = report.out_of_scope
    ok_near, n_near = report.near_misses
    out.write(f"in scope:     {ok_in}/{n_in} answered correctly ({pct(ok_in, n_in)})\n")
    out.write(f"out of scope: {ok_out}/{n_out} declined ({pct(ok_out, n_out)}); "
              f"near misses {ok_near}/{n_near} ({pct(ok_near, n_near)})\n")
    if args.min is not None and (ok_in < args.min * n_in or ok_out < args.min * n_out):
        return EXIT_ERROR
    return EXIT_OK
