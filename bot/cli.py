"""The terminal mouth: everything the Discord bot does, on the same brain.

The answer path (`ask`, `chat`, `passage`, `search`, `kb`) never imports discord.py, so it
starts fast; `run` and `db` import the Discord and storage layers only when called.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import render
from .config import knowledge_dir
from .kb import Engine, KnowledgeBase, KnowledgeError, check_knowledge, load_knowledge

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure to report in one line, without a traceback."""


def _load(args: argparse.Namespace) -> KnowledgeBase:
    try:
        return load_knowledge(knowledge_dir(args.knowledge))
    except KnowledgeError as exc:
        lines = [str(p) for p in exc.errors]
        raise CliError("the knowledge folder has errors:\n" + "\n".join(lines)
                       + "\nrun `citebot kb validate` for the full report") from exc


def _source_arg(kb: KnowledgeBase, source: str | None) -> str | None:
    if source is not None and source not in kb.sources:
        raise CliError(f"no source '{source}'; the texts are: {', '.join(kb.sources)}")
    return source


# -- ask / chat ---------------------------------------------------------------------------------

def cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    kb = _load(args)
    engine = Engine(kb)
    source = _source_arg(kb, args.source)
    if args.jsonl:
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None) \
            if hasattr(sys.stdin, "buffer") else sys.stdin
        for line in stream:
            answer = engine.ask(line.rstrip("\r\n"), source=source)
            out.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        return EXIT_OK
    question = " ".join(args.question)
    if not question and not args.json:
        raise CliError('give a question, e.g. citebot ask "Where did Abe meet Putin?"')
    answer = engine.ask(question, source=source)
    if args.json:
        out.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(render.answer_text(answer, dict(kb.sources)) + "\n")
    return EXIT_OK


CHAT_HELP = """Ask anything about the text. Also:
  passage N       read passage N            search WORDS   find passages
  1, 2, 3         pick a suggestion         sources        the texts
  help            this help                 quit           leave (or Ctrl-D)"""


def cmd_chat(args: argparse.Namespace, out: TextIO) -> int:
    kb = _load(args)
    engine = Engine(kb)
    source = _source_arg(kb, args.source)
    titles = "; ".join(f"{s.title} ({s.author})" for s in kb.sources.values())
    out.write(f"Citebot \u2014 studying: {titles}\nType a question, 'help' or 'quit'.\n")
    suggestions: list[str] = []
    while True:
        out.write("\n> ")
        out.flush()
        line = sys.stdin.readline()
        if not line:
            out.write("\n")
            return EXIT_OK
        text = line.strip()
        word, _, rest = text.partition(" ")
        if text.lower() in {"quit", "exit", "q"}:
            return EXIT_OK
        if text.lower() in {"help", "?"}:
            out.write(CHAT_HELP + "\n")
            continue
        if text.lower() == "sources":
            out.write(_sources_text(kb) + "\n")
            continue
        if word.lower() == "passage":
            out.write(_passage_text(kb, rest, source) + "\n")
            continue
        if word.lower() == "search":
            out.write(_search_text(engine, rest, source) + "\n")
            continue
        if text.isdigit() and 1 <= int(text) <= len(suggestions):
            text = suggestions[int(text) - 1]
            out.write(f"({text})\n")
        answer = engine.ask(text, source=source)
        suggestions = [s.question for s in answer.suggestions]
        out.write(render.answer_text(answer, dict(kb.sources)) + "\n")


# -- passage / search -----------------------------------------------------------------------------

def _passage_text(kb: KnowledgeBase, number: str, source: str | None) -> str:
    sid = source or next(iter(kb.sources))
    src = kb.sources[sid]
    if not number.strip().isdigit() or src.passage(int(number)) is None:
        return f"'{src.title}' has passages 1 to {len(src.passages)}; give one of those numbers."
    return render.passage_text(src.passage(int(number)), src)


def _search_text(engine: Engine, words: str, source: str | None) -> str:
    if not words.strip():
        return "Give some words to look for, e.g. search Levada poll"
    hits = engine.search(words, source=source)
    if not hits:
        return f"No passage mentions \u201c{words}\u201d."
    lines = []
    for score, passage in hits:
        lines.append(f"[{passage.number}] {render.clip(passage.text, 160)}  ({score:.2f})")
    return "\n".join(lines)


def _sources_text(kb: KnowledgeBase) -> str:
    lines = []
    for src in kb.sources.values():
        entries = sum(1 for e in kb.live_entries if e.source == src.id)
        lines.append(f"{src.id}: {render.source_line(src)} \u2014 {len(src.passages)} passages, {entries} entries")
    return "\n".join(lines)


def cmd_passage(args: argparse.Namespace, out: TextIO) -> int:
    kb = _load(args)
    source = _source_arg(kb, args.source)
    text = _passage_text(kb, str(args.number), source)
    out.write(text + "\n")
    return EXIT_OK if text.startswith("Passage") else EXIT_ERROR


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    kb = _load(args)
    out.write(_search_text(Engine(kb), " ".join(args.words), _source_arg(kb, args.source)) + "\n")
    return EXIT_OK


# -- kb ---------------------------------------------------------------------------------------------

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
    kb = _load(args)
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
    from .kb.evaluate import evaluate, load_cases

    kb = _load(args)
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
    out.write(f"in scope:     {ok_in}/{n_in} answered correctly ({_pct(ok_in, n_in)})\n")
    out.write(f"out of scope: {ok_out}/{n_out} declined ({_pct(ok_out, n_out)}); "
              f"near misses {ok_near}/{n_near} ({_pct(ok_near, n_near)})\n")
    if args.min is not None and (ok_in < args.min * n_in or ok_out < args.min * n_out):
        return EXIT_ERROR
    return EXIT_OK


# -- run / db: the only commands that import discord.py and the store -------------------------------

LOGIN_TIMEOUT = 20.0  # seconds to reach Discord and log in before giving up with a clear error


def configure_logging() -> None:
    """Logging set up once for the running bot; discord.http only at warning."""
    import logging

    import discord

    discord.utils.setup_logging(level=logging.INFO, root=True)
    logging.getLogger("discord.http").setLevel(logging.WARNING)


def _looks_like_token(token: str) -> bool:
    parts = token.split(".")
    return len(parts) == 3 and all(parts) and all(c.isalnum() or c in "-_" for p in parts for c in p)


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    from .config import Settings, load_dotenv
    from .kb.library import Library

    load_dotenv()
    settings = Settings.from_env(knowledge=args.knowledge)
    try:
        library = Library(settings.knowledge)
    except KnowledgeError as exc:
        raise CliError("the knowledge folder has errors:\n" + "\n".join(map(str, exc.errors))) from exc
    if args.dry_run:
        return asyncio.run(_dry_run(settings, library, out))
    if not settings.token:
        raise CliError("DISCORD_TOKEN is not set: put the bot token in the environment or in a .env file "
                       "(see .env.example)")
    if not _looks_like_token(settings.token):
        raise CliError("DISCORD_TOKEN does not look like a bot token (three parts separated by dots); "
                       "copy it again from the Discord developer portal")
    configure_logging()
    return asyncio.run(_run(settings, library))


async def _run(settings, library) -> int:
    import aiohttp
    import discord

    from .client import Citebot
    from .store import Store

    bot = Citebot(settings=settings, library=library, store=Store(settings.database))
    async with bot:
        try:
            await asyncio_wait_for(bot.login(settings.token), LOGIN_TIMEOUT)
        except discord.LoginFailure as exc:
            raise CliError("Discord rejected DISCORD_TOKEN; reset the token in the developer portal "
                           "and set it again") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise CliError(f"could not reach Discord to log in ({type(exc).__name__}); "
                           "check the network and DISCORD_TOKEN") from exc
        await bot.connect()
    return EXIT_OK


async def asyncio_wait_for(awaitable, timeout: float):
    import asyncio

    return await asyncio.wait_for(awaitable, timeout)


async def _dry_run(settings, library, out: TextIO) -> int:
    """Build the bot offline, load every cog, print the commands as a sync would send them."""
    from .client import Citebot, command_payload
    from .store import Store

    bot = Citebot(settings=settings, library=library, store=Store(settings.database))
    await bot.load_cogs()
    out.write(json.dumps(command_payload(bot.tree), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_db(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    from .config import Settings, load_dotenv
    from .store import MIGRATIONS, Store

    load_dotenv()
    path = Settings.from_env().database
    if not path.exists():
        out.write(f"database: {path.resolve()} (not created yet; the bot creates it on first run)\n")
        return EXIT_OK

    async def report() -> None:
        async with Store(path) as store:
            out.write(f"database: {path.resolve()}\n")
            out.write(f"schema version {await store.version()} of {len(MIGRATIONS)}\n")
            for table, count in (await store.counts()).items():
                out.write(f"  {table:16} {count:>8} rows\n")
            kinds = await store.kinds()
            if kinds:
                out.write("answers by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + "\n")

    asyncio.run(report())
    return EXIT_OK


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "n/a"


# -- parser and entry point ---------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citebot", description="Answers questions about a studied text, citing its passages.")
    parser.add_argument("--knowledge", metavar="DIR",
                        help="knowledge folder (default: $CITEBOT_KNOWLEDGE or the shipped one)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer one question (or many with --jsonl)")
    ask.add_argument("question", nargs="*", help="the question, in plain words")
    fmt = ask.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON object")
    fmt.add_argument("--jsonl", action="store_true",
                     help="read questions from stdin, one per line; write JSON lines")
    ask.add_argument("--source", metavar="ID", help="only this text")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="an interactive session in the terminal")
    chat.add_argument("--source", metavar="ID", help="only this text")
    chat.set_defaults(func=cmd_chat)

    passage = sub.add_parser("passage", help="read a passage of the text")
    passage.add_argument("number", help="passage number, from 1")
    passage.add_argument("--source", metavar="ID", help="which text (default: the first)")
    passage.set_defaults(func=cmd_passage)

    search = sub.add_parser("search", help="find passages by words")
    search.add_argument("words", nargs="+")
    search.add_argument("--source", metavar="ID", help="only this text")
    search.set_defaults(func=cmd_search)

    run_p = sub.add_parser("run", help="start the Discord bot (token from DISCORD_TOKEN or .env)")
    run_p.add_argument("--dry-run", action="store_true",
                       help="build the bot offline, load every cog and print the commands a sync would send")
    run_p.set_defaults(func=cmd_run)

    sub.add_parser("db", help="where the database is and what it holds").set_defaults(func=cmd_db)

    kb = sub.add_parser("kb", help="check and measure the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND")
    kb_sub.add_parser("validate", help="check every knowledge file; exit 1 on errors").set_defaults(
        func=cmd_kb_validate)
    kb_sub.add_parser("stats", help="counts per source and passages with no entry").set_defaults(func=cmd_kb_stats)
    ev = kb_sub.add_parser("eval", help="accuracy on an evaluation set")
    ev.add_argument("file", type=Path)
    ev.add_argument("--min", type=float, metavar="RATE", help="exit 1 if either rate is below RATE (0..1)")
    ev.set_defaults(func=cmd_kb_eval)
    kb.set_defaults(func=lambda args, out: (kb.print_help(out), EXIT_USAGE)[1])
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    if out is None:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")
        out = sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return args.func(args, out)
    except CliError as exc:
        print(f"citebot: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
