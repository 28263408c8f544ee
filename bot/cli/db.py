"""The bot's database from the terminal: db (where it is, what it holds), backup, restore, migrate.

Each command imports the store and sqlite3 only when called, so the answer path stays light.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
from datetime import datetime
from pathlib import Path
from typing import TextIO

from .common import EXIT_OK, CliError, UsageError, counted


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

    from ..store.postgres import PG_DUMP

    source, target = _sqlite_and_file(args.file, f"back it up with pg_dump, e.g. "
                                      f"{PG_DUMP.format(file=shlex.quote(args.file))}")
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
    """Create `path` empty and private as `private_file` does, or `path-2`, `path-3` … when it exists
    (`new_file`): never in place of a file already there."""
    from ..kb.draft_write import new_file

    chosen, fd = new_file(path, 0o600)
    os.close(fd)
    return chosen


def read_only(path: Path) -> str:
    """SQLite's URI reading `path` without writing to it or beside it. With no write-ahead log
    beside it, every committed row is in the file, which is read as immutable: opened read-only
    alone, a WAL database (as the bot's is) would still leave -wal and -shm files behind."""
    uri = f"{path.absolute().as_uri()}?mode=ro"
    return uri if path.with_name(f"{path.name}-wal").exists() else f"{uri}&immutable=1"


def citebot_file(path: Path, *, must_be: str = "") -> int:
    """The schema version of the Citebot SQLite database at `path`, read without changing it;
    CliError for any other file (`must_be` says what the command takes instead), a damaged one, or
    one a newer Citebot made."""
    import sqlite3
    from contextlib import closing

    from ..store import MIGRATIONS
    from ..store.transfer import schema_tables

    instead = f"; {must_be}" if must_be else ""
    try:
        with closing(sqlite3.connect(read_only(path), uri=True)) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise CliError(f"{path} is not a SQLite database ({exc}){instead}; nothing was changed") from exc
    if verdict != "ok":
        raise CliError(f"{path} fails SQLite's integrity check ({verdict}); nothing was changed")
    missing = sorted(set(schema_tables(min(version, len(MIGRATIONS)))) - tables)
    if version == 0 or missing:
        why = "it is empty" if not tables else "no Citebot schema version" if version == 0 else \
            f"no {', '.join(missing)} table{'s' if len(missing) > 1 else ''}"
        raise CliError(f"{path} is not a Citebot database ({why}){instead}; nothing was changed")
    if version > len(MIGRATIONS):
        raise CliError(f"{path} was made by a newer Citebot (schema {version}; this one knows {len(MIGRATIONS)}); "
                       "upgrade Citebot first; nothing was changed")
    return version


def cmd_db_restore(args: argparse.Namespace, out: TextIO) -> int:
    """Put a backup back as the bot's SQLite database, after keeping the database it replaces.

    Copied with SQLite's backup, into the database itself: copying the file over it by hand leaves
    the old database's write-ahead log beside it, which SQLite would then replay over the backup."""
    import sqlite3
    from contextlib import closing

    from ..store.postgres import PG_RESTORE

    database, backup = _sqlite_and_file(args.file, f"restore a dump with pg_restore, the bot stopped, e.g. "
                                        f"{PG_RESTORE.format(file=shlex.quote(args.file))}")
    if not backup.is_file():
        beside = "" if backup.resolve() == Path(args.file).expanduser().resolve() else \
            f" (a relative name is looked for beside the database; ./{args.file} is in the working folder)"
        raise CliError(f"there is no backup at {backup}{beside}")
    if database.exists() and backup.resolve() == database.resolve():
        raise UsageError("that is the database itself; name the backup to restore")
    version = citebot_file(backup)
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
        with closing(sqlite3.connect(read_only(backup), uri=True)) as copy, \
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
    """Copy a SQLite database into an empty PostgreSQL one and check every row arrived unchanged.

    The file is only read. Its rows come from a private temporary copy, and a file of an older
    schema is migrated there, never in place (after which the older Citebot would refuse it)."""
    import asyncio
    import sqlite3
    import tempfile
    from contextlib import closing

    from ..config import SettingsError, is_postgres, server_url
    from ..store import MIGRATIONS, Store, StoreError
    from ..store.transfer import TransferError, transfer

    source = Path(args.source)
    if is_postgres(args.source) or not source.is_file():
        raise CliError(f"--from must be an existing SQLite file (the bot's citebot.db); {args.source} is not")
    if not is_postgres(args.to):
        raise UsageError("--to must be a PostgreSQL URL, e.g. postgresql://citebot:PASSWORD@localhost/citebot")
    try:  # read as CITEBOT_DB is: a password's reserved characters would reach the driver as a host or port
        target = server_url(args.to, name="--to")
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    version = citebot_file(source, must_be="--from must be a Citebot SQLite database, such as the bot's citebot.db")

    async def run(copy: Path) -> int:
        async with Store(copy) as old, Store(target, migrate=False, setting="--to") as new:
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
        out.write(f"done: {counted(total, 'row')} in {counted(len(report.tables), 'table')} copied and checked "
                  "row by row; set CITEBOT_DB to the URL to use it\n")
        return EXIT_OK

    with tempfile.TemporaryDirectory(prefix="citebot-migrate-") as folder:  # readable by its owner alone
        copy = Path(folder) / source.name
        try:
            with closing(sqlite3.connect(read_only(source), uri=True)) as db, closing(sqlite3.connect(copy)) as into:
                db.backup(into)
        except (sqlite3.Error, OSError) as exc:
            raise CliError(f"cannot read {source}: {exc}; nothing was changed") from exc
        if version < len(MIGRATIONS):
            out.write(f"{source} has schema {version} of {len(MIGRATIONS)}: a temporary copy of it is brought up "
                      "to date and copied; the file itself is left as it is\n")
        try:
            return asyncio.run(run(copy))
        except (StoreError, TransferError) as exc:
            raise CliError(str(exc)) from exc
