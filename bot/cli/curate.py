"""A server's own entries and texts from the terminal: what /kb add, edit, retire, history, undo and
/kb text add and remove do in Discord, stored in the same database. Checked by the same rules; a
running bot serves each change within a minute (it looks for changes made outside it).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..entry_changes import TERMINAL, describe, who
from ..kb.overlay import Retired, served_state, stored
from ..kb.overlay import undone as undone_said
from .common import EXIT_OK, CliError, NoDatabase, UsageError, numbered
from .study import with_store

HISTORY_SHOWN = 10
SERVED_SOON = "a running bot serves it within a minute"


def _rows(args: argparse.Namespace):
    """What the server stored (GuildRows), or None: nothing, or no database yet."""
    from .guild import stored_rows

    try:
        return stored_rows(args.guild)
    except NoDatabase:
        return None


def _own(args: argparse.Namespace):
    """The server's own knowledge as the bot serves it, read from the database (empty before it has one)."""
    from .guild import guild_knowledge

    return guild_knowledge(args, _rows(args))


def _existing(name: str) -> Path:
    path = Path(name).expanduser()
    if not path.is_file():
        raise CliError(f"there is no file {path}")
    return path


def cmd_server_entries(args: argparse.Namespace, out: TextIO) -> int:
    if args.put is not None:
        return _put(args, out)
    if args.retire is not None:
        return _retire(args, out)
    if args.history is not None:
        return _history(args, out)
    if args.undo is not None:
        return _undo(args, out)
    if args.add_phrasing is not None:
        return _add_phrasing(args, out)
    from ..kb.models import Entry
    from ..kb.overlay import from_rows
    from .guild import guild_knowledge

    rows = _rows(args)
    own = guild_knowledge(args, rows)
    shared = own.shared.kb
    # Entries on a text the server removed are kept, unserved, until it comes back: listed apart.
    away = sorted((i, s) for i, s in from_rows(rows.texts, rows.entries)[1]
                  if i not in own.states and isinstance(s, Entry)) if rows is not None else []
    if not own.states and not away:
        out.write(f"server {args.guild} has no entries of its own: it answers from the shared knowledge. Add some "
                  "with --put FILE (an entries file, as in the knowledge folder's entries/).\n")
        return EXIT_OK
    kept = f" (and {len(away)} kept, unserved)" if away else ""
    out.write(f"server {args.guild}: {len(own.states)} entr{'y' if len(own.states) == 1 else 'ies'} of its own{kept}\n")
    for entry_id, entry in away:
        out.write(f"  kept    {entry_id}: {entry.questions[0]} (not served: its text '{entry.source}' was removed; "
                  "it serves again if the text is brought in again)\n")
    for entry_id, state in sorted(own.states.items()):
        if isinstance(state, Retired):
            kind = "retired"
        elif shared.entry(entry_id) is not None:
            kind = "edited "
        else:
            kind = "added  "
        entry = state.entry if isinstance(state, Retired) else state
        out.write(f"  {kind} {entry_id}: {entry.questions[0]}\n")
    return EXIT_OK


def _put(args: argparse.Namespace, out: TextIO) -> int:
    """Every entry of an entries file, added or (an id served here already) replaced, all or none."""
    from ..kb.loader import check_entries_file

    path = _existing(args.put)
    own = _own(args)
    entries, problems = check_entries_file(path, own.engine.kb)
    for problem in problems:
        out.write(f"{problem}\n")
    if not entries:
        raise CliError(f"nothing was saved: {path} has errors (above)")
    actions = {e.id: "edit" if own.served(e.id) is not None or e.id in own.states else "add" for e in entries}
    for entry in entries:  # served first, as in Discord: an entry that cannot be indexed changes nothing
        own.set(entry.id, entry)

    async def act(store):
        return [await store.change_entry(args.guild, e.id, stored(e), user_id=TERMINAL, action=actions[e.id])
                for e in entries]

    changes = with_store(act, create=True)
    for entry, change in zip(entries, changes, strict=True):
        done = "added" if actions[entry.id] == "add" else "replaced"
        out.write(f"{done} '{entry.id}' in server {args.guild} (change {change.number}; "
                  f"undo with --undo {change.number})\n")
    out.write(f"{len(entries)} saved; {SERVED_SOON}.\n")
    return EXIT_OK


def _add_phrasing(args: argparse.Namespace, out: TextIO) -> int:
    """A question members asked, added as a phrasing of an entry the server serves, as the gaps
    queue's "Add as a phrasing" button adds it in Discord: checked against the other entries'."""
    from dataclasses import replace

    from ..kb.checks import phrasing_problems

    entry_id, question = args.add_phrasing[0], " ".join(args.add_phrasing[1].split())
    own = _own(args)
    found = own.served(entry_id)
    if found is None:
        raise CliError(f"'{entry_id}' is not served in server {args.guild}: `citebot kb gaps --guild {args.guild}` "
                       "names the entry each question is closest to")
    if not question:
        raise UsageError("give the question to add, in quotes, after the entry's id")
    if question in found.questions:
        out.write(f"'{found.id}' has that phrasing already: nothing was changed.\n")
        return EXIT_OK
    grown = replace(found, questions=(*found.questions, question))
    kb = own.engine.kb
    others = [e for e in kb.entries if e.source == grown.source and e.id != grown.id]
    problems = [p for p in phrasing_problems([*others, grown], kb.synonyms_for(grown.source), only=grown.id)
                if p.severity == "error"]
    if problems:
        raise CliError("nothing was saved: " + " ".join(p.message for p in problems))
    own.set(grown.id, grown)  # served first, as in Discord: an entry that cannot be indexed changes nothing

    async def act(store):
        return await store.change_entry(args.guild, grown.id, stored(grown), user_id=TERMINAL, action="phrasing")

    change = with_store(act, create=True)
    out.write(f"added \u201c{question}\u201d to '{grown.id}' in server {args.guild}, which answers: {grown.answer} "
              f"(change {change.number}; undo with --undo {change.number}); {SERVED_SOON}.\n")
    return EXIT_OK


def _retire(args: argparse.Namespace, out: TextIO) -> int:
    own = _own(args)
    found = own.served(args.retire)
    if found is None:
        raise CliError(f"'{args.retire}' is not served in server {args.guild}")

    async def act(store):
        return await store.change_entry(args.guild, found.id, stored(Retired(found)), user_id=TERMINAL,
                                        action="retire")

    change = with_store(act, create=True)
    out.write(f"retired '{found.id}' in server {args.guild}: it no longer answers there (change {change.number}; undo "
              f"with --undo {change.number}); {SERVED_SOON}.\n")
    return EXIT_OK


def _history(args: argparse.Namespace, out: TextIO) -> int:
    changes = with_store(lambda store: store.entry_changes(args.guild, args.history, limit=HISTORY_SHOWN))
    if not changes:
        out.write(f"'{args.history}' has not been changed in server {args.guild}.\n")
        return EXIT_OK
    out.write(f"changes to '{args.history}' in server {args.guild}, newest first:\n")
    for change in changes:
        out.write(f"  #{change.number}  {change.changed_at}  {who(change.user_id, mention=False)}  {change.action}: "
                  f"{describe(change.before, change.after)}\n")
    out.write(f"undo one with --undo N (the newest first: #{changes[0].number})\n")
    return EXIT_OK


def _undo(args: argparse.Namespace, out: TextIO) -> int:
    async def read(store):
        change = await store.entry_change(args.guild, args.undo)
        current = await store.entry_state(args.guild, change.entry_id) if change is not None else None
        return change, current

    change, current = with_store(read)
    if change is None:
        raise CliError(f"there is no change #{args.undo} in server {args.guild}'s history")
    if current != change.after:
        raise CliError(f"'{change.entry_id}' was changed again since change #{change.number}; undo the latest change "
                       f"first (--history {change.entry_id})")
    before = served_state(change.before)
    own = _own(args)
    own.set(change.entry_id, before)  # raises before anything is stored if it can no longer be served

    async def act(store):
        return await store.change_entry(args.guild, change.entry_id, stored(before), user_id=TERMINAL,
                                        action="undo")

    undone = with_store(act)
    out.write(f"undone: {undone_said(change.entry_id, change.action, change.before)} (change {undone.number}); "
              f"{SERVED_SOON}.\n")
    return EXIT_OK


def cmd_server_texts(args: argparse.Namespace, out: TextIO) -> int:
    if args.add is not None:
        return _add_text(args, out)
    if args.remove is not None:
        return _remove_text(args, out)
    if args.id is not None:
        raise UsageError("--id names the text --add brings in")
    own = _own(args)
    if not own.texts:
        out.write(f"server {args.guild} has no texts of its own. Bring one in with --add FILE (.txt or .md).\n")
        return EXIT_OK
    for source in own.texts.values():
        out.write(f"  {source.id}: {source.title} by {source.author} ({len(source.passages)} passages)\n")
    return EXIT_OK


def _add_text(args: argparse.Namespace, out: TextIO) -> int:
    """A .txt or .md text for one server, made into a source as `/kb text add` makes it."""
    from ..kb.draft import MAX_TEXT_BYTES, TEXT_SUFFIXES, DraftError, text_source
    from ..kb.loader import slug

    path = _existing(args.add)
    if not path.name.lower().endswith(TEXT_SUFFIXES):
        raise CliError(f"{path} is not a .txt or .md file: save the text as plain text or Markdown")
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise CliError(f"{path} is {size // 1024:,} KB; a text may be at most {MAX_TEXT_BYTES // 1024} KB. Split it "
                       "into parts")
    own = _own(args)
    source_id = (args.id or slug(path.stem)).strip()
    if not own.can_take_text(source_id):
        raise CliError(f"'{source_id}' can't be this text's id: use lowercase letters, digits and '-' (--id), not "
                       "the id of a text already served")
    try:
        content, source = text_source(path.read_bytes(), path.name, source_id)
    except DraftError as exc:
        raise CliError(f"not brought in: {exc}") from exc
    if (twin := own.served_as(source)) is not None:
        raise CliError(f"not brought in: server {args.guild} serves this text already, as '{twin}'"
                       + (f" (to bring it in again under another id, remove that first: --remove {twin})"
                          if twin in own.texts else ""))
    if broken := own.citations_left_behind(source):
        raise CliError(f"not brought in: this version of '{source_id}' moves or drops words that server "
                       f"{args.guild}'s entries cite: " + "; ".join(broken) + ". Put those entries right for it "
                       f"first (server entries --guild {args.guild} --put FILE, citing the new passages), or "
                       "retire them; then bring it in")
    replacing = source_id in own.texts
    own.add_text(source)  # served here first: a text that cannot be indexed stores nothing
    with_store(lambda store: store.save_text(args.guild, source_id, content, user_id=TERMINAL), create=True)
    how = "the new version of" if replacing else "brought in"
    out.write(f"{how} \u201c{source.title}\u201d by {source.author} as '{source_id}' for server {args.guild}"
              f"{' replaces the old one' if replacing else ''}: {len(source.passages)} passages; {SERVED_SOON}. "
              f"Add entries citing it with citebot server entries --guild {args.guild} --put FILE.\n")
    return EXIT_OK


def _remove_text(args: argparse.Namespace, out: TextIO) -> int:
    own = _own(args)
    if args.remove not in own.texts:
        raise CliError(f"'{args.remove}' is not one of server {args.guild}'s own texts (the shared texts stay)")
    removed = with_store(lambda store: store.remove_text(args.guild, args.remove))
    bound = removed.unbound if removed else ()
    citing = sum(1 for e in own.own_entries if e.source == args.remove)
    one = citing == 1
    kept = (f" The {citing} entr{'y' if one else 'ies'} citing it {'is' if one else 'are'} kept, unserved, and "
            f"serve{'s' if one else ''} again if it is brought in again." if citing else "")
    unbound = (f" Channel{'s' if len(bound) > 1 else ''} {', '.join(map(str, bound))} no longer "
               f"ask{'s' if len(bound) == 1 else ''} it: the server's texts answer there." if bound else "")
    unchosen = " It is no longer among the texts the server chose (server settings)." \
        if removed and removed.was_chosen else ""
    out.write(f"removed '{args.remove}' from server {args.guild}: it no longer answers there; {SERVED_SOON}."
              f"{kept}{unbound}{unchosen}\n")
    return EXIT_OK


def add_commands(server_add) -> list[argparse.ArgumentParser]:
    """`citebot server entries|texts --guild ID`, added by `server`'s own adder."""
    entries = server_add("entries", "a server's own entries: list, add or replace from a file, retire, history, undo",
                         "A server's own entries, as /kb add, edit, retire, history and undo change them in Discord, "
                         "checked by the same rules. With no option, the server's entries that differ from the "
                         "shared knowledge. A running bot serves each change within a minute.")
    action = entries.add_mutually_exclusive_group()
    action.add_argument("--put", metavar="FILE", help="add (or, for an id served there, replace) every entry of an "
                        "entries file ('source:' and 'entries:', as in the knowledge folder); all or none")
    action.add_argument("--retire", metavar="ENTRY", help="take an entry out of service in the server")
    action.add_argument("--history", metavar="ENTRY", help="the entry's changes in the server, newest first")
    action.add_argument("--undo", type=numbered, metavar="N", help="put back what change #N replaced")
    action.add_argument("--add-phrasing", nargs=2, metavar=("ENTRY", "QUESTION"),
                        help="add a question members asked as a phrasing of an entry, as the gaps queue's "
                             "button does in Discord")
    entries.set_defaults(func=cmd_server_entries)
    texts = server_add("texts", "a server's own texts: list, bring one in (.txt or .md), remove one",
                       "A server's own texts, as /kb text add and remove change them in Discord. A running bot "
                       "serves each change within a minute.")
    action = texts.add_mutually_exclusive_group()
    action.add_argument("--add", metavar="FILE", help="bring in a .txt or .md text (UTF-8, at most 512 KB)")
    action.add_argument("--remove", metavar="TEXT", help="take one of the server's own texts out of service")
    texts.add_argument("--id", metavar="ID", help="the id --add gives the text (default: from the file name)")
    texts.set_defaults(func=cmd_server_texts)
    return [entries, texts]
