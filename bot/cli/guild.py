"""A server's own knowledge from the terminal: asking with it, exporting it, promoting it to the folder."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..kb import Engine
from ..kb.overlay import GuildKnowledge, Retired, from_rows
from .common import EXIT_ERROR, EXIT_OK, CliError, NoDatabase, already_there, counted
from .common import engine as cli_engine

PROMOTED_ENTRIES = "entries/guild-{guild}.yaml"


def stored_rows(guild: int):
    """What one server stored (GuildRows), or None."""
    from .study import with_store

    return with_store(lambda store: store.guild_rows(guild)).get(guild)


_UNREAD = object()


def guild_knowledge(args: argparse.Namespace, rows=_UNREAD) -> GuildKnowledge:
    """The shared knowledge with one server's own entries and texts, read from the bot's database.

    `rows` is what the server stored when already read (None: nothing), else it is read here.
    """
    shared = cli_engine(args)
    rows = stored_rows(args.guild) if rows is _UNREAD else rows
    own = GuildKnowledge(shared)
    if rows is None:
        return own
    texts, states = from_rows(rows.texts, rows.entries)
    for source in texts:
        own.add_text(source)
    for entry_id, state in states:
        try:
            own.set(entry_id, state)
        except ValueError:
            continue  # its text is gone from this server: not served, as in Discord
    return own


def guild_engine(args: argparse.Namespace, *, err: TextIO | None = None) -> tuple[Engine, tuple[str, ...] | None]:
    """The engine `--guild ID` asks, the one that server's members ask in Discord, and the texts it
    answers from there: those its settings chose (`server settings --texts`) and those it brought
    in itself, or None for all.

    With no database yet, no server has anything of its own, so it is the shared knowledge, said
    on stderr (a wrong CITEBOT_DB should not pass unnoticed; --json output stays one object).
    """
    from .study import with_store

    if args.guild is None:
        return cli_engine(args), None
    try:
        rows = stored_rows(args.guild)
        chosen = with_store(lambda store: store.settings(args.guild)).sources
    except NoDatabase as exc:
        (err or sys.stderr).write(f"citebot: note: {exc}; server {args.guild} has nothing of its own yet, "
                                  "so this answers from the shared knowledge\n")
        rows, chosen = None, None
    own = guild_knowledge(args, rows)
    if chosen is not None:  # as in Discord: the texts it chose, and always the ones it brought in
        chosen = tuple(t for t in chosen if t in own.engine.kb.sources) + tuple(t for t in own.texts if t not in chosen)
    return own.engine, chosen or None


def cmd_kb_promote(args: argparse.Namespace, out: TextIO) -> int:
    """Write a server's texts and new entries into the knowledge folder as ordinary files that validate."""
    from ..config import PACKAGE_DIR, knowledge_dir
    from ..kb.draft_write import UnsafeTarget, check_target, staged_problems, write_all
    from ..kb.exchange import entries_yaml, entry_record

    root = knowledge_dir(args.knowledge)
    try:
        check_target(root, PACKAGE_DIR)
    except UnsafeTarget as exc:
        raise CliError(str(exc)) from exc
    rows = stored_rows(args.guild)
    own = guild_knowledge(args, rows)
    shared = own.shared.kb
    files = {f"sources/{source_id}.md": dict(rows.texts)[source_id] for source_id in own.texts} if rows else {}
    new = [e for e in own.own_entries if shared.entry(e.id) is None]
    if new:
        files[PROMOTED_ENTRIES.format(guild=args.guild)] = entries_yaml([entry_record(e) for e in new])
    kept = [entry_id for entry_id, state in own.states.items() if shared.entry(entry_id) is not None]
    if not files:
        out.write(f"server {args.guild} has no texts or new entries of its own to promote\n")
    else:
        existing = [name for name in files if (root / name).exists()]
        if existing and not args.force:
            raise CliError(f"{already_there(existing, root)}; pass --force to replace them (each is backed up first)")
        problems = staged_problems(root, files)
        if problems:
            raise CliError("promoting would leave the knowledge folder broken; nothing was written:\n"
                           + "\n".join(map(str, problems)))
        for path in write_all(root, files).files:
            out.write(f"wrote {path}\n")
        out.write(f"promoted {counted(len(own.texts), 'text')} and {counted(len(new), 'entry', 'entries')} "
                  f"of server {args.guild}; "
                  "run `/kb-admin reload` (every server then sees them)\n")
        if new:
            # Its own copies still stand before the folder's there: an edit of the files would not show.
            out.write(f"server {args.guild} still serves its own copies of them, which stand before the "
                      f"folder's there: once the bot has reloaded, undo each one's addition "
                      f"(citebot server entries --guild {args.guild} --history ID, then --undo N) so that "
                      "edits of the files show there too\n")
    for entry_id in kept:
        what = ("is retired in this server" if isinstance(own.states[entry_id], Retired)
                else "has a version of this server's own (edited there, or added there under the same id)")
        out.write(f"not promoted: the shared entry '{entry_id}' {what}; change its file by hand "
                  "if every server should have that\n")
    return EXIT_OK if files or not kept else EXIT_ERROR
