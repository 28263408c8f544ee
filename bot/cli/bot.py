"""Running the Discord bot and looking into its database: run, db.

The only commands that import discord.py and the store, so the answer path stays light.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import TextIO

from ..kb import KnowledgeError
from .common import EXIT_OK, CliError, UsageError
from .doctor import looks_like_token

LOGIN_TIMEOUT = 20.0  # seconds to reach Discord and log in before giving up with a clear error


def configure_logging(stream: TextIO | None = None) -> None:
    """Logging set up once for the running bot; discord.http only at warning.

    Colour only on a terminal: discord.py also colours inside any Docker container, which puts
    escape codes into `docker logs` and log files.
    """
    import logging
    import os
    import sys

    import discord

    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    colour = hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ
    plain = logging.Formatter("[{asctime}] [{levelname:<8}] {name}: {message}", "%Y-%m-%d %H:%M:%S", style="{")
    # Without a formatter discord.py chooses its coloured one.
    chosen = {} if colour else {"formatter": plain}
    discord.utils.setup_logging(handler=handler, level=log_level(os.environ.get("CITEBOT_LOG_LEVEL", "")),
                                root=True, **chosen)
    logging.getLogger("discord.http").setLevel(logging.WARNING)


def log_level(value: str) -> int:
    """CITEBOT_LOG_LEVEL: DEBUG, INFO (the default), WARNING or ERROR."""
    import logging

    from ..config import SettingsError, unquoted

    name = unquoted(value).upper() or "INFO"
    if name not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"CITEBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {value.strip()!r}")
    return getattr(logging, name)


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    from ..config import Settings, load_dotenv
    from ..kb.library import Library

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
    if not looks_like_token(settings.token):
        raise CliError("DISCORD_TOKEN does not look like a bot token (three parts separated by dots); "
                       "copy it again from the Discord developer portal")
    configure_logging()
    import threading

    # The encoder reads the knowledge's phrasings once per machine (kept in the cache folder);
    # done now, in the background, the first unsure questions need not wait for it.
    threading.Thread(target=library.engine.warm, name="citebot-warm", daemon=True).start()
    return asyncio.run(_run(settings, library))


async def _run(settings, library) -> int:
    import aiohttp
    import discord

    from ..client import Citebot
    from ..store import Store, StoreError

    bot = Citebot.create(settings=settings, library=library, store=Store(settings.database))
    async with bot:
        stop_on_sigterm(bot)
        try:
            await asyncio_wait_for(bot.login(settings.token), LOGIN_TIMEOUT)
        except StoreError as exc:  # opened in setup_hook, during login
            raise CliError(str(exc)) from exc
        except discord.LoginFailure as exc:
            raise CliError("Discord rejected DISCORD_TOKEN; reset the token in the developer portal "
                           "and set it again") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise CliError(f"could not reach Discord to log in ({type(exc).__name__}); "
                           "check the network and DISCORD_TOKEN") from exc
        await bot.connect()
    return EXIT_OK


def stop_on_sigterm(bot) -> bool:
    """Close the bot when the process is asked to stop (`docker stop`, systemd, kill): it logs out
    and closes its database, which SQLite then folds back into the one file. Without this the
    process ends at once, and as a container's first process it ignores the signal until it is
    killed. Returns whether the handler is in place (not on Windows' event loops)."""
    import asyncio
    import logging
    import signal

    closing: set[asyncio.Task] = set()  # held until done: the loop keeps only weak references to tasks

    def stop() -> None:
        logging.getLogger(__name__).info("asked to stop (SIGTERM): closing")
        task = asyncio.ensure_future(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop)
    except (NotImplementedError, RuntimeError):
        return False
    return True


async def asyncio_wait_for(awaitable, timeout: float):
    import asyncio

    return await asyncio.wait_for(awaitable, timeout)


async def _dry_run(settings, library, out: TextIO) -> int:
    """Build the bot offline, load every cog, print the commands as a sync would send them."""
    from ..client import Citebot, command_payload
    from ..store import Store

    bot = Citebot(settings=settings, library=library, store=Store(settings.database))
    await bot.load_cogs()
    out.write(json.dumps(command_payload(bot.tree), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_db(args: argparse.Namespace, out: TextIO) -> int:
    from ..config import Settings, is_postgres, load_dotenv
    from ..store import MIGRATIONS
    from .study import with_store

    load_dotenv()
    target = Settings.from_env().database
    if not is_postgres(target) and not Path(target).exists():
        out.write(f"database: {Path(target).resolve()} (not created yet; the bot creates it on first run)\n")
        return EXIT_OK

    async def report(store) -> None:
        out.write(f"database: {store.where if store.url else store.path.resolve()}\n")
        out.write(f"schema version {await store.version()} of {len(MIGRATIONS)}\n")
        for table, count in (await store.counts()).items():
            out.write(f"  {table:16} {count:>8} rows\n")
        kinds = await store.kinds()
        if kinds:
            out.write("answers by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + "\n")

    with_store(report)
    return EXIT_OK


def cmd_db_backup(args: argparse.Namespace, out: TextIO) -> int:
    """A consistent copy of the bot's SQLite database, taken while the bot may be running."""
    import sqlite3
    from contextlib import closing

    source, target = _sqlite_and_file(args.file, "back it up with pg_dump, e.g. pg_dump -Fc URL > citebot.dump")
    if not Path(source).is_file():
        raise CliError(f"no database at {source}; the bot creates it on first run (choose one with CITEBOT_DB)")
    if target.exists() and not args.force:
        raise CliError(f"{target} exists; pass --force to replace it")
    if target.resolve() == Path(source).resolve():
        raise UsageError("the backup must go to another file than the database itself")
    if not target.parent.is_dir():
        raise CliError(f"there is no folder {target.parent} to write {target.name} in; make it first, or choose "
                       "another place")
    partial = target.with_name(target.name + ".partial")
    try:
        private_file(partial)
        # SQLite's online backup: a page-by-page copy that a writer cannot leave half-changed, then
        # checked and renamed into place, so that FILE is a whole backup or not there at all.
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as db, \
                closing(sqlite3.connect(partial)) as copy:
            db.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file: opened later, it grows no -wal or -shm
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if verdict != "ok":
            raise CliError(f"the copy of {source} failed its integrity check ({verdict}); nothing was written")
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        raise CliError(f"cannot back up {source} to {target}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    out.write(f"backed up {source} to {target} ({tables} tables, integrity checked); to restore it, stop the bot "
              f"and run: citebot db restore {target}\n")
    return EXIT_OK


# A relative path that names the working folder itself: "./backup.db", "../backups/backup.db".
_HERE = re.compile(r"^\.\.?[/\\]")


def _sqlite_and_file(name: str, postgres: str) -> tuple[Path, Path]:
    """The bot's SQLite database and a backup file's path (CliError, saying `postgres`, for PostgreSQL).

    A relative backup name lives where the database does when CITEBOT_DATA_DIR is set (the Docker
    image's /data volume), not in the working folder a recreated container loses; a name that says
    so ("./backup.db", "../backup.db") is in the working folder."""
    from ..config import Settings, is_postgres, load_dotenv

    load_dotenv()
    settings = Settings.from_env()
    if is_postgres(settings.database):
        raise CliError(f"the database is PostgreSQL: {postgres}")
    path = Path(name).expanduser()
    if settings.data_dir is not None and not path.is_absolute() and not _HERE.match(name):
        path = settings.data_dir / path
    return Path(settings.database), path


def private_file(path: Path) -> None:
    """Create `path` empty, readable by its owner alone (a backup holds members' questions and ids)."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def new_private_file(path: Path) -> Path:
    """Create `path` empty and private as `private_file` does, or `path-2`, `path-3` … when it exists:
    never in place of a file already there (two restores within one second name the same time)."""
    chosen, number = path, 1
    while True:
        try:
            os.close(os.open(chosen, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return chosen
        except FileExistsError:
            number += 1
            chosen = path.with_name(f"{path.name}-{number}")


def cmd_db_restore(args: argparse.Namespace, out: TextIO) -> int:
    """Put a backup back as the bot's SQLite database, after keeping the database it replaces.

    Copied with SQLite's backup, into the database itself: copying the file over it by hand leaves
    the old database's write-ahead log beside it, which SQLite would then replay over the backup."""
    import sqlite3
    from contextlib import closing

    from ..store import MIGRATIONS

    database, backup = _sqlite_and_file(args.file, "restore it with pg_restore, e.g. pg_restore -d URL citebot.dump")
    if not backup.is_file():
        beside = "" if backup.resolve() == Path(args.file).expanduser().resolve() else \
            f" (a relative name is looked for beside the database; ./{args.file} is in the working folder)"
        raise CliError(f"there is no backup at {backup}{beside}")
    if database.exists() and backup.resolve() == database.resolve():
        raise UsageError("that is the database itself; name the backup to restore")
    try:
        # Read as a file nothing writes (immutable): a backup of a write-ahead-log database, as older
        # ones are, would otherwise grow -wal and -shm files beside it.
        with closing(sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            version = copy.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise CliError(f"{backup} is not a SQLite database ({exc}); nothing was changed") from exc
    if verdict != "ok":
        raise CliError(f"{backup} fails SQLite's integrity check ({verdict}); nothing was changed")
    if version == 0 or "meta" not in tables:
        raise CliError(f"{backup} is not a Citebot database (no schema); nothing was changed")
    if version > len(MIGRATIONS):
        raise CliError(f"{backup} was made by a newer Citebot (schema {version}; this one knows {len(MIGRATIONS)}); "
                       "upgrade Citebot first; nothing was changed")
    kept = None
    try:
        if database.exists():
            # What is replaced is kept, whole, beside it: a restore of the wrong file loses nothing.
            stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
            kept = new_private_file(database.with_name(f"{database.name}.before-restore-{stamp}"))
            with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db, \
                    closing(sqlite3.connect(kept)) as aside:
                db.backup(aside)
                aside.execute("PRAGMA journal_mode = DELETE")
        else:
            database.parent.mkdir(parents=True, exist_ok=True)
            private_file(database)
        with closing(sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)) as copy, \
                closing(sqlite3.connect(database, timeout=5)) as db:
            copy.backup(db)
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
    except (sqlite3.Error, OSError) as exc:
        hint = f"; the database as it was is kept at {kept}" if kept else ""
        raise CliError(f"cannot restore {backup} into {database}: {exc} (is the bot still running? stop it "
                       f"first){hint}") from exc
    if verdict != "ok":
        raise CliError(f"the restored {database} fails SQLite's integrity check ({verdict}); "
                       f"the database as it was is kept at {kept}")
    out.write(f"restored {backup} into {database} (schema {version}, integrity checked)")
    out.write(f"; the database it replaced is kept at {kept}\n" if kept else "\n")
    return EXIT_OK


def cmd_db_migrate(args: argparse.Namespace, out: TextIO) -> int:
    """Copy a SQLite database into an empty PostgreSQL one and check every row arrived unchanged."""
    import asyncio

    from ..config import is_postgres
    from ..store import Store, StoreError
    from ..store.transfer import TransferError, transfer

    source = Path(args.source)
    if is_postgres(args.source) or not source.is_file():
        raise CliError(f"--from must be an existing SQLite file (the bot's citebot.db); {args.source} is not")
    if not is_postgres(args.to):
        raise UsageError("--to must be a PostgreSQL URL, e.g. postgresql://citebot:PASSWORD@localhost/citebot")

    async def run() -> int:
        async with Store(source) as old, Store(args.to) as new:
            out.write(f"copying {source} into {new.where}\n")
            report = await transfer(old, new)
        for table in report.tables:
            mark = "ok" if table.ok else "DIFFERENT"
            out.write(f"  {table.table:16} {table.source_rows:>8} rows, {table.copied_rows:>8} copied, "
                      f"{table.matching_rows:>8} identical  {mark}\n")
        for table in report.skipped:
            out.write(f"  {table:16} not copied: not one of the bot's tables\n")
        if not report.ok:
            bad = ", ".join(t.table for t in report.tables if not t.ok)
            raise CliError(f"the copy does not match the original in: {bad}; keep using the SQLite file")
        total = sum(t.source_rows for t in report.tables)
        out.write(f"done: {total} rows in {len(report.tables)} tables copied and checked row by row; "
                  "set CITEBOT_DB to the URL to use it\n")
        return EXIT_OK

    try:
        return asyncio.run(run())
    except (StoreError, TransferError) as exc:
        raise CliError(str(exc)) from exc
