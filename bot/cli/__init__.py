"""The terminal mouth: everything the Discord bot does, on the same brain.

The answer path (`ask`, `chat`, `passage`, `search`, `kb`) never imports discord.py, so it
starts fast; `run` and `db` import the Discord and storage layers only when called.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..config import SettingsError
from .ask import CHAT_HELP, SEARCH_SHOWN, cmd_ask, cmd_chat, cmd_passage, cmd_search
from .bot import cmd_run
from .common import (
    EXIT_ERROR,
    EXIT_PIPE,
    EXIT_USAGE,
    CliError,
    UsageError,
    discord_id,
    numbered,
    passage_number,
    positive,
)
from .db import cmd_db, cmd_db_backup, cmd_db_migrate, cmd_db_restore
from .doctor import cmd_doctor
from .guild import cmd_kb_promote
from .kb import (
    cmd_kb_draft,
    cmd_kb_eval,
    cmd_kb_export,
    cmd_kb_fix_citations,
    cmd_kb_import,
    cmd_kb_init,
    cmd_kb_stats,
    cmd_kb_validate,
)
from .study import (
    QUIZ_ROUND,
    cmd_kb_coverage,
    cmd_kb_gaps,
    cmd_prompts_export,
    cmd_prompts_list,
    cmd_prompts_next,
    cmd_prompts_post,
    cmd_prompts_remove,
    cmd_prompts_suggest,
    cmd_quiz,
)

# The distribution's name in pyproject.toml, whose installed metadata holds the version.
DISTRIBUTION = "citebot"
KNOWLEDGE_HELP = "knowledge folder (default: $CITEBOT_KNOWLEDGE or the shipped one)"


def package_version() -> str:
    from importlib import metadata  # read only when asked: importing it costs every command 20 ms

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "(not installed)"


class _Version(argparse.Action):
    """--version, which looks the version up only when it is asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


_INVALID_CHOICE = re.compile(r"invalid choice: '(?P<typed>[^']*)' \(choose from (?P<choices>.*)\)")


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which names the command a misspelt one probably meant ("aks": "ask")."""

    given: Sequence[str] = ()  # the arguments being read, when `main` says

    def error(self, message: str) -> None:  # type: ignore[override]
        found = _INVALID_CHOICE.search(message)
        if found and "meant" not in message:  # Python 3.14 suggests one itself
            # Quoted ('ask', 'chat') or not (ask, chat), as Python versions write them.
            choices = [c.strip().strip("'") for c in found.group("choices").split(",")]
            typed = found.group("typed")
            close = difflib.get_close_matches(typed.lower(), choices, n=1, cutoff=0.6)
            given = list(self.given)
            at = given.index(typed) if typed in given else -1
            if at > 0 and given[at - 1].startswith("--"):
                # "citebot --guild 111 ask ...": a command's option, with its value taken for the command.
                option = given[at - 1]
                command = next((a for a in given[at + 1:] if a in choices), "COMMAND")
                message = (f"{message} ({option} goes after the command's name: "
                           f"{self.prog} {command} {option} {typed} ...)")
            elif close:
                message = f"{message}; did you mean '{close[0]}'?"
            elif "ask" in choices and len(typed.split()) > 1:  # a question typed where the command goes
                message = f'{message}; to ask a question: citebot ask "{typed}"'
        elif message.startswith("unrecognized arguments: "):
            # "citebot --json ask ...": an option of this command, given before its name.
            misplaced = [a for a in message.removeprefix("unrecognized arguments: ").split()
                         if a.split("=", 1)[0] in self._option_string_actions]
            if misplaced:
                moved = " ".join(misplaced)
                message = f"{message} ({moved} goes after the command's name: {self.prog} {misplaced[0]} ...)"
            else:  # "--jsn": a misspelt option of this command
                options = [o for o in self._option_string_actions if o.startswith("--")]
                typed = [a.split("=", 1)[0] for a in message.removeprefix("unrecognized arguments: ").split()
                         if a.startswith("--")]
                close = [m for t in typed for m in difflib.get_close_matches(t, options, n=1, cutoff=0.6)]
                if close:
                    message = f"{message}; did you mean {close[0]}?"
        super().error(message)


def _global_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after its name; SUPPRESS keeps a value given earlier."""
    options = _Parser(add_help=False)
    options.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS, help=KNOWLEDGE_HELP)
    return options


EVAL_FORMAT = """\
An evaluation file is YAML:

  source: smith-2025            # optional: the text every question is asked of
  in_scope:                     # right: cites one of `passage` and says one of `fact`
    - {q: "when was the weir built", passage: 2, fact: ["2019"], style: clean}
    - {q: "who built it", quote: "Engineers built a new weir", fact: engineers}
  out_of_scope:                 # right: the bot says it has no answer
    - {q: "how much did the weir cost", style: near-miss}
  follow_ups:                   # asked right after `context`, as the next line of a chat
    - {context: "when was the weir built", q: "why?", passage: 2, fact: "hold the water"}
  multi:                        # one message, several questions: each part must be answered
    - {q: "when was it built and why", parts: [{passage: 2, fact: "2019"}, {passage: 2, fact: water}]}

`style` is free text (paraphrase, typo, slang, why-how, near-miss ...): rates are printed per
style. `passage` and `fact` may be one value or a list."""


def _commands(parent: argparse.ArgumentParser, dest: str, metavar: str, options: argparse.ArgumentParser):
    """A subcommand adder whose commands share the global options and describe themselves."""
    sub = parent.add_subparsers(dest=dest, metavar=metavar, title="commands")

    def add(name: str, text: str, description: str | None = None, epilog: str | None = None) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=description or text[0].upper() + text[1:] + ".",
                                 parents=[options], epilog=epilog,  # an epilog is a table, kept as written
                                 formatter_class=argparse.RawDescriptionHelpFormatter if epilog
                                 else argparse.HelpFormatter)
        command.set_defaults(command_parser=command)  # whose usage a misspelt option of it shows
        return command

    return add


def _whole(text: str) -> int:
    """A whole number, 0 or more."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a passage number; give a whole number, e.g. 3")
    return int(text)


def _rate(text: str) -> float:
    """A rate from 0 to 1 for --min; a percentage is refused with the rate it probably meant."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number; give a rate from 0 to 1, e.g. 0.9") from None
    if 0 <= value <= 1:
        return value
    hint = f"; for {text}% write {value / 100:g}" if 1 < value <= 100 else ""
    raise argparse.ArgumentTypeError(f"{text} is not a rate from 0 to 1{hint}")


def build_parser() -> argparse.ArgumentParser:
    options = _global_options()
    parser = _Parser(
        prog="citebot", description="Answers questions about a studied text, citing its passages.",
        epilog="Exit status: 0 ok, 1 a failed check or an error, 2 a usage error.")
    parser.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    add = _commands(parser, "command", "COMMAND", options)

    ask = add("ask", "answer one question (or many with --jsonl)")
    ask.add_argument("question", nargs="*", help="the question, in plain words")
    fmt = ask.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON object")
    fmt.add_argument("--jsonl", action="store_true",
                     help="read questions from stdin, one per line; write JSON lines")
    ask.add_argument("--source", metavar="ID", help="only this text")
    ask.add_argument("--guild", type=discord_id, metavar="ID",
                     help="answer as in this server: with its own entries and texts (from the bot's database)")
    ask.add_argument("--channel", type=discord_id, metavar="ID",
                     help="with --guild: as in this channel, which may be bound to one text (server settings --bind)")
    ask.add_argument("--log", action="store_true",
                     help="with --guild: log the question as Discord does, so that one the bot cannot answer "
                          "joins the server's queue (kb gaps --guild ID)")
    ask.set_defaults(func=cmd_ask)

    chat = add("chat", "an interactive session in the terminal", epilog="In the session:\n" + CHAT_HELP)
    chat.add_argument("--source", metavar="ID", help="only this text")
    chat.add_argument("--guild", type=discord_id, metavar="ID",
                      help="as in this server: with its own entries and texts (from the bot's database)")
    chat.add_argument("--channel", type=discord_id, metavar="ID",
                      help="with --guild: as in this channel, which may be bound to one text")
    chat.set_defaults(func=cmd_chat)

    passage = add("passage", "read a passage of the text")
    passage.add_argument("number", type=_whole, help="passage number, from 1 (0: the text's title, author and date)")
    passage.add_argument("--source", metavar="ID", help="which text (needed when there are several)")
    passage.add_argument("--guild", type=discord_id, metavar="ID",
                         help="as in this server: its own texts too (from the bot's database)")
    passage.set_defaults(func=cmd_passage)

    search = add("search", "find passages by words")
    search.add_argument("words", nargs="+", help="words the passages should hold")
    search.add_argument("--source", metavar="ID", help="only this text")
    search.add_argument("--limit", type=positive, default=SEARCH_SHOWN, metavar="N",
                        help=f"show at most N passages (default {SEARCH_SHOWN})")
    search.add_argument("--guild", type=discord_id, metavar="ID",
                        help="as in this server: the texts it answers from, its own too (from the bot's database)")
    search.set_defaults(func=cmd_search)

    run_p = add("run", "start the Discord bot (token from DISCORD_TOKEN or .env)")
    run_p.add_argument("--dry-run", action="store_true",
                       help="build the bot offline, load every cog and print the commands a sync would send")
    run_p.set_defaults(func=cmd_run)

    db = add("db", "where the database is and what it holds; 'db backup' copies it, 'db restore' puts a copy back, "
              "'db migrate' to PostgreSQL")
    db.set_defaults(func=cmd_db)
    db_add = _commands(db, "db_command", "DB_COMMAND", options)
    migrate = db_add("migrate", "copy a SQLite database into an empty PostgreSQL one, checked row by row")
    migrate.add_argument("--from", dest="source", required=True, metavar="FILE",
                         help="the SQLite file, e.g. citebot.db")
    migrate.add_argument("--to", required=True, metavar="URL", help="postgresql://user:password@host/database")
    migrate.set_defaults(func=cmd_db_migrate)
    backup = db_add("backup", "a consistent copy of the SQLite database, safe while the bot runs")
    backup.add_argument("file", metavar="FILE", help="where to write the copy")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(func=cmd_db_backup)
    restore = db_add("restore", "put a backup back as the SQLite database (stop the bot first); the database "
                     "it replaces is kept beside it")
    restore.add_argument("file", metavar="FILE", help="the backup, as 'db backup' wrote it")
    restore.set_defaults(func=cmd_db_restore)

    doctor = add("doctor", "check the token, database, knowledge, time zones and shards; exit 1 if one fails",
                 "Check that this installation can run: the token's shape (never printed), the database "
                 "(opens, migrates, writable, where), the knowledge folder, the time-zone data and the shards "
                 "this process runs. One line per check, with the fix when it fails; exit 1 if any fails. The "
                 "Docker image's HEALTHCHECK runs `citebot doctor --alive` instead, which checks only the "
                 "running bot.")
    doctor.add_argument("--online", action="store_true",
                        help="also log in to Discord and report the bot's servers and, in each, the channels "
                             "where it lacks a permission it needs")
    doctor.add_argument("--alive", action="store_true",
                        help="only whether the running bot was connected to Discord in the last few minutes "
                             "(it notes the time in its database every minute): the Docker health check")
    doctor.set_defaults(func=cmd_doctor)

    kb = add("kb", "check, measure, draft, import and export the knowledge base")
    kb_add = _commands(kb, "kb_command", "KB_COMMAND", options)
    kb_add("validate", "check every knowledge file; exit 1 on errors").set_defaults(func=cmd_kb_validate)
    kb_add("stats", "counts per source and passages with no entry").set_defaults(func=cmd_kb_stats)
    ev = kb_add("eval", "accuracy on an evaluation set", epilog=EVAL_FORMAT)
    ev.add_argument("file", type=Path, help="an evaluation file, e.g. benchmarks/eval/kaczmarski-2018.yaml")
    ev.add_argument("--min", type=_rate, metavar="RATE",
                    help="exit 1 if the in-scope or the out-of-scope rate is below RATE (0..1, e.g. 0.9)")
    ev.set_defaults(func=cmd_kb_eval)
    gaps = kb_add("gaps", "questions answered badly, grouped, with YAML to paste")
    gaps.add_argument("--guild", type=discord_id, metavar="ID", help="one server (default: all)")
    gaps.add_argument("--limit", type=positive, default=20, help="how many groups (default 20)")
    gaps.add_argument("--dismiss", type=numbered, metavar="N",
                      help="take gap #N (its number as listed, which new questions never change) out of the queue "
                           "(dealt with, or needs nothing); its questions stay logged")
    gaps.add_argument("--out", metavar="FILE", help="write the YAML here instead of printing it")
    gaps.add_argument("--force", action="store_true", help="replace --out if it exists")
    gaps.set_defaults(func=cmd_kb_gaps)
    kb_add("coverage", "passages with no entries and no prompts").set_defaults(func=cmd_kb_coverage)
    draft = kb_add("draft", "bring in a new text: its source file and draft entries and prompts")
    draft.add_argument("file", help="the text, plain or Markdown")
    draft.add_argument("--id", required=True, help="the new source's id, e.g. smith-2024")
    draft.add_argument("--title", help="the title (default: the first heading or first words)")
    draft.add_argument("--author", help="the author (default: from the byline)")
    draft.add_argument("--date", help="when it was written or published, e.g. '12 March 2021' or 2024 "
                                      "(default: from the dateline)")
    draft.add_argument("--force", action="store_true",
                       help="replace files of the same id, after backing each up as FILE.bak-YYYYmmdd-HHMMSS")
    draft.set_defaults(func=cmd_kb_draft)
    init = kb_add("init", "copy the shipped knowledge folder (or the one --knowledge names) to DIR, to curate "
                          "your own copy")
    init.add_argument("dir", metavar="DIR", help="a new or empty folder")
    init.set_defaults(func=cmd_kb_init)
    fix = kb_add("fix-citations", "renumber citations whose quote moved to another passage",
                 "After a source edit: renumber the entry and prompt citations whose quote moved to another "
                 "passage, showing each change first. Without --yes or a terminal, only a preview (exit 0); "
                 "exit 1 while some citation needs a curator's hand.")
    fix.add_argument("--yes", action="store_true", help="apply without asking")
    fix.add_argument("--eval", action="append", type=Path, metavar="FILE",
                     help="renumber this evaluation file's passages too (repeatable)")
    fix.set_defaults(func=cmd_kb_fix_citations)
    exp = kb_add("export", "entries as TSV, CSV or JSON")
    exp.add_argument("--format", choices=("tsv", "csv", "json"), default="tsv", help="the format (default tsv)")
    exp.add_argument("--source", metavar="ID", help="only this text's entries")
    exp.add_argument("--out", metavar="FILE", help="write here instead of printing")
    exp.add_argument("--force", action="store_true", help="replace --out if it exists")
    exp.add_argument("--guild", type=discord_id, metavar="ID",
                     help="this server's own entries (from the bot's database)")
    exp.set_defaults(func=cmd_kb_export)
    promote = kb_add("promote", "copy one server's own texts and new entries (--guild ID) into the knowledge folder, "
                                "which every server reads")
    promote.add_argument("--guild", type=discord_id, metavar="ID", required=True,
                         help="the server whose knowledge to promote")
    promote.add_argument("--force", action="store_true", help="replace files of the same name (backed up first)")
    promote.set_defaults(func=cmd_kb_promote)
    imp = kb_add("import", "entries from TSV, CSV or JSON, as an entries YAML file")
    imp.add_argument("file", help="the spreadsheet file (a byte-order mark is fine)")
    imp.add_argument("--format", choices=("tsv", "csv", "json"), help="default: from the file's ending")
    imp.add_argument("--out", metavar="FILE", help="write here (e.g. knowledge/entries/x.yaml) instead of printing")
    imp.add_argument("--force", action="store_true", help="replace --out if it exists")
    imp.set_defaults(func=cmd_kb_import)
    kb.set_defaults(func=lambda args, out: kb.error("name one of its commands (citebot kb -h lists them)"))

    prompts = add("prompts", "discussion prompts: list, next, post, suggest, export, remove")
    prompts_add = _commands(prompts, "prompts_command", "PROMPTS_COMMAND", options)
    for name, func, text in (("list", cmd_prompts_list, "the prompts, and where used, when"),
                             ("next", cmd_prompts_next, "the prompt a server gets next")):
        p = prompts_add(name, text)
        p.add_argument("--guild", type=discord_id, metavar="ID",
                       help="a server's own prompts and history, from the database")
        p.add_argument("--source", metavar="ID", help="only this text's prompts")
        p.set_defaults(func=func)
        if name == "next":
            p.add_argument("--posted", action="store_true",
                           help="with --guild: record it as posted (as the bot records what it posts), so that "
                                "the next one comes next")
            p.add_argument("--channel", type=discord_id, metavar="ID", help="with --posted: the channel it went to")
    post = prompts_add("post", "record a chosen prompt as posted in a server, as /prompt-admin post does")
    post.add_argument("prompt", metavar="NAME", help="the prompt's name as `prompts list --guild ID` shows it")
    post.add_argument("--guild", type=discord_id, metavar="ID", required=True, help="the server")
    post.add_argument("--channel", type=discord_id, metavar="ID", help="the channel it went to")
    post.set_defaults(func=cmd_prompts_post)
    suggest = prompts_add("suggest", "suggest a prompt for a server's moderators to approve, as /prompt suggest does")
    suggest.add_argument("text", nargs="+", help="the prompt, an open question on the text")
    suggest.add_argument("--guild", type=discord_id, metavar="ID", required=True, help="the server")
    suggest.add_argument("--user", type=discord_id, metavar="ID", required=True,
                         help="the member suggesting it, who is told of the decision in Discord")
    suggest.add_argument("--source", metavar="ID", help="the text it is on (needed when the server has several)")
    suggest.add_argument("--passage", type=passage_number, metavar="N", help="the passage it is on")
    suggest.set_defaults(func=cmd_prompts_suggest)
    export = prompts_add("export", "a server's own prompts as a knowledge prompts file")
    export.add_argument("--guild", type=discord_id, metavar="ID", required=True,
                        help="the server whose prompts to export")
    export.add_argument("--out", metavar="FILE", help="write here instead of printing")
    export.add_argument("--force", action="store_true", help="replace --out if it exists")
    export.set_defaults(func=cmd_prompts_export)
    remove = prompts_add("remove", "take one of a server's own prompts out, as /prompt-admin remove does")
    remove.add_argument("prompt", metavar="NAME", help="the prompt's name as `prompts list --guild ID` shows it, "
                        "e.g. custom-3")
    remove.add_argument("--guild", type=discord_id, metavar="ID", required=True, help="the server")
    remove.set_defaults(func=cmd_prompts_remove)
    prompts.set_defaults(
        func=lambda args, out: prompts.error("name one of its commands (citebot prompts -h lists them)"))

    quiz = add("quiz", "a quiz in the terminal (or a server's leaderboard)")
    quiz.add_argument("--source", metavar="ID", help="only this text")
    quiz.add_argument("--count", type=positive, metavar="N",
                      help=f"stop after N questions (default {QUIZ_ROUND}, or as many as there are)")
    quiz.add_argument("--seed", type=int, help="the same questions in the same order each run, as long as the "
                      "answers are the same (a missed question comes back sooner)")
    quiz.add_argument("--leaderboard", action="store_true", help="show a server's leaderboard instead")
    quiz.add_argument("--guild", type=discord_id, metavar="ID",
                      help="the server: its leaderboard, or a quiz on its knowledge (its own entries and texts too)")
    quiz.add_argument("--user", type=discord_id, metavar="ID",
                      help="with --guild: take the quiz as this member, whose scores are kept as /quiz keeps them")
    quiz.set_defaults(func=cmd_quiz)

    from .server import add_commands as add_server_commands

    server = add_server_commands(add, options)
    server.set_defaults(
        func=lambda args, out: server.error("name one of its commands (citebot server -h lists them)"))
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    if out is None:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")
        out = sys.stdout
    parser = build_parser()
    parser.given = list(sys.argv[1:] if argv is None else argv)  # for its error messages
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # "citebot ask --jsn": the usage of ask, not of citebot
        getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    if not hasattr(args, "func"):
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return args.func(args, out)
    except UsageError as exc:
        print(f"citebot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (CliError, SettingsError) as exc:
        print(f"citebot: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_PIPE


def run() -> None:
    """Console-script entry point. Output whose reader went away (`citebot db | head -3`) ends the
    command quietly, with the status a shell gives any command stopped that way."""
    try:
        try:
            status = main()
        finally:
            sys.stdout.flush()  # here, not at exit, where Python reports the closed pipe as an error
    except BrokenPipeError:
        # What is still buffered for the closed pipe goes nowhere, so the exit does not try it again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_PIPE
    sys.exit(status)
