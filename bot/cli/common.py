"""Shared pieces of the command line: errors, exit codes and loading the knowledge."""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import datetime
from pathlib import Path

from ..config import knowledge_dir
from ..kb import Engine, KnowledgeBase, KnowledgeError
from ..kb.cache import last_good_engine, load_engine

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# The reader of the output closed it (`citebot db | head -3`): the status of a process SIGPIPE ended,
# 128 + 13, as a shell reports for any other command in that place.
EXIT_PIPE = 141


class CliError(Exception):
    """A failure to report in one line, without a traceback."""


class UsageError(CliError):
    """The command was given wrongly (a required question missing): exit status 2, as argparse's own."""


class NoDatabase(CliError):
    """The bot's database does not exist yet: the bot has not run, or CITEBOT_DB names another file."""


SHOWN_ERRORS = 3  # a command that cannot load the knowledge shows this many of its errors; kb validate shows all


DISCORD_ID_MAX = 2**63 - 1  # Discord's ids (snowflakes) are positive 64-bit integers


def _counting(value: str, refusal: str) -> int:
    """A whole number from 1 to DISCORD_ID_MAX, or argparse's error saying `refusal`."""
    if not value.strip().isdigit() or not 0 < int(value) <= DISCORD_ID_MAX:
        raise argparse.ArgumentTypeError(f"{value!r} is {refusal}")
    return int(value)


def discord_id(value: str) -> int:
    """An argparse type: a server, channel or role id as Discord gives it."""
    return _counting(value, "not a Discord id (a positive whole number of up to 19 digits: right-click the "
                            "server, channel or role, Copy ID)")


def role_id(value: str) -> int:
    """A role's id, or 0 for none."""
    return 0 if value.strip() == "0" or value.strip().lower() == "none" else discord_id(value)


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1 (a suggestion's number, a count)."""
    return _counting(value, "not a count: give a whole number of 1 or more, e.g. 10")


def passage_number(value: str) -> int:
    """An argparse type: a passage of a text, from 1 (0, its title and author, is no passage to discuss)."""
    return _counting(value, "not a passage number: passages are numbered from 1, as `citebot passage N` shows them")


def numbered(value: str) -> int:
    """An argparse type: the number something is listed under (#1, #2 ...)."""
    return _counting(value, "not a number from the list: give the number shown after '#', e.g. 3")


def knowledge_root(args: argparse.Namespace) -> Path:
    """The chosen knowledge folder, which must exist."""
    root = knowledge_dir(args.knowledge)
    if not root.is_dir():
        raise CliError(f"there is no knowledge folder at {root}; make one with `citebot kb init {root}`"
                       + (" or give an existing one with --knowledge DIR" if args.knowledge else ""))
    return root


def engine(args: argparse.Namespace) -> Engine:
    """The engine for the chosen knowledge folder (from the cache when nothing changed). A folder
    with errors is answered from its last version without them, with a warning, where there is one:
    a curator's mistake in one file does not stop every text answering."""
    root = knowledge_root(args)
    try:
        return load_engine(root)
    except KnowledgeError as exc:
        lines = [str(p) for p in exc.errors]
        shown = lines[:SHOWN_ERRORS]
        more = f"\n… and {len(lines) - len(shown)} more" if len(lines) > len(shown) else ""
        report = "\n".join(shown) + more + f"\nrun `{validate_command(args.knowledge)}` for the full report"
        last = last_good_engine(root)
        if last is None:
            raise CliError("the knowledge folder has errors:\n" + report) from exc
        when = datetime.fromtimestamp(last[1]).strftime("%Y-%m-%d %H:%M")
        sys.stderr.write(f"warning: the knowledge folder has errors:\n{report}\nanswering from its last version "
                         f"without errors (loaded {when}) until they are fixed\n")
        return last[0]


def validate_command(knowledge: str | Path | None) -> str:
    """The command that checks the folder in use: `--knowledge` kept, or a wrong folder says OK."""
    return f"citebot --knowledge {shlex.quote(str(knowledge))} kb validate" if knowledge else "citebot kb validate"


def source_arg(kb: KnowledgeBase, source: str | None) -> str | None:
    if source is not None and source not in kb.sources:
        raise CliError(f"no source '{source}'; the texts are: {', '.join(kb.sources)}")
    return source


def already_there(names: list[str], root: Path) -> str:
    """"sources/x.md already exists in ROOT", or "a.md, b.yaml already exist in ROOT"."""
    return f"{', '.join(names)} already {'exists' if len(names) == 1 else 'exist'} in {root}"


def counted(number: int, thing: str, things: str | None = None) -> str:
    """"1 entry", "2 entries": a count with its noun in the number it takes."""
    return f"{number:,} {thing if number == 1 else things or thing + 's'}"


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "n/a"


def load(args: argparse.Namespace) -> KnowledgeBase:
    return engine(args).kb


def deliver(text: str, target: str | None, out, *, what: str, force: bool = False) -> None:
    """Write `text` to the file `target`, saying so, or print it when there is none. A file there
    already is replaced only with `force` (--force): it may be a curator's edited copy."""
    if target:
        if Path(target).exists() and not force:
            raise CliError(f"{target} exists; pass --force to replace it, or choose another --out")
        Path(target).write_text(text, encoding="utf-8")
        out.write(f"wrote {what} to {target}\n")
    else:
        out.write(text)
