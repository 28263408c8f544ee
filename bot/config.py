"""Settings from the environment, in one typed place. Secrets are never printed."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_DATABASE = "citebot.db"
PACKAGE_DIR = _PACKAGE  # drafts and edits never go in here: an upgrade replaces it
SERVER_SCHEMES = ("postgresql://", "postgres://")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_postgres(target: object) -> bool:
    """Whether a CITEBOT_DB value names a PostgreSQL server rather than a SQLite file."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def default_knowledge_dir() -> Path:
    """The shipped knowledge: inside an installed package, else beside the package in a checkout."""
    installed = _PACKAGE / "knowledge"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "knowledge"


def knowledge_dir(explicit: str | Path | None = None) -> Path:
    """The knowledge folder: an explicit choice, then CITEBOT_KNOWLEDGE, then the shipped one."""
    chosen = explicit or os.environ.get("CITEBOT_KNOWLEDGE")
    return Path(chosen).expanduser() if chosen else default_knowledge_dir()


def load_dotenv(path: Path = Path(".env")) -> None:
    """Read KEY=VALUE lines from a .env file into the environment, never overriding it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.removeprefix("export ").strip()
        value = unquoted(value)
        if key and key not in os.environ:
            os.environ[key] = value


def unquoted(value: str) -> str:
    """A setting as meant: `docker run --env-file` keeps the quotes and comments a .env line may
    carry (DISCORD_TOKEN="..." # bot), where a shell or our own .env reader drops them."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


class SettingsError(ValueError):
    """An environment setting that cannot be used; the text names it and what to write instead."""


MAX_SHARDS = 1000  # Discord starts 1,000 sessions a day per bot, one per shard; more only past 150,000 servers
_DIGITS = re.compile(r"[0-9]+")


def _cut(value: str) -> str:
    """A setting's value for a message, cut short: it may be thousands of characters."""
    return value if len(value) <= 24 else value[:20] + "…"


def shards_from_env(count_text: str, ids_text: str) -> tuple[int | None, tuple[int, ...] | None]:
    """CITEBOT_SHARD_COUNT and CITEBOT_SHARD_IDS: (None, None) for one plain process, else the
    total number of shards and the ones this process runs (all of them when no ids are given: an
    empty CITEBOT_SHARD_IDS is the same as none)."""
    count_text, ids_text = count_text.strip(), ids_text.strip()
    if not count_text:
        if ids_text:
            raise SettingsError("CITEBOT_SHARD_IDS needs CITEBOT_SHARD_COUNT, the total number of shards "
                                "across every process")
        return None, None
    if not _DIGITS.fullmatch(count_text) or not count_text.strip("0"):
        raise SettingsError(f"CITEBOT_SHARD_COUNT must be a whole number of shards, 1 or more (at most {MAX_SHARDS}), "
                            f"not {_cut(count_text)!r}")
    # Compared as text first: int() of thousands of digits is refused, and range() of them overflows.
    if len(count_text.lstrip("0")) > len(str(MAX_SHARDS)) or int(count_text) > MAX_SHARDS:
        raise SettingsError(f"CITEBOT_SHARD_COUNT must be at most {MAX_SHARDS}, not {_cut(count_text)!r}: Discord "
                            f"starts at most {MAX_SHARDS:,} sessions a day for a bot, one per shard, and a shard "
                            "holds up to 2,500 servers")
    count = int(count_text)
    if not ids_text:
        return count, tuple(range(count))
    parts = [p.strip() for p in ids_text.split(",") if p.strip()]
    if not parts or not all(_DIGITS.fullmatch(p) for p in parts):
        raise SettingsError(f"CITEBOT_SHARD_IDS must be shard numbers separated by commas, e.g. 0,1; "
                            f"not {_cut(ids_text)!r}")
    beyond = next((p for p in parts if len(p.lstrip("0")) > len(str(count)) or int(p) >= count), None)
    if beyond is not None:
        raise SettingsError(f"CITEBOT_SHARD_IDS names shard {_cut(beyond.lstrip('0') or '0')}, but shards are "
                            f"numbered 0 to {count - 1} (CITEBOT_SHARD_COUNT={count})")
    numbers = Counter(int(p) for p in parts)
    twice = sorted(n for n, times in numbers.items() if times > 1)
    if twice:
        # A shard named twice would be connected twice from this one process: a slip, never a plan.
        raise SettingsError(f"CITEBOT_SHARD_IDS names shard {', '.join(map(str, twice))} more than once "
                            f"({ids_text}); give each shard once")
    return count, tuple(sorted(numbers))


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a server's events to."""
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True)
class Settings:
    """What the bot needs to run, read from the environment."""

    token: str = field(default="", repr=False)
    knowledge: Path = field(default_factory=default_knowledge_dir)
    database: Path | str = Path("citebot.db")  # a SQLite file, or a postgresql:// URL
    dev_guild_id: int | None = None
    data_dir: Path | None = None  # where data must live (the Docker image's /data volume)
    shard_count: int | None = None  # None: one plain process holding every server
    shard_ids: tuple[int, ...] | None = None  # the shards this process runs

    def handles(self, guild_id: int) -> bool:
        """Whether this process holds the server's shard, and so does its once-per-server work."""
        if self.shard_count is None or self.shard_ids is None:
            return True
        return shard_of(guild_id, self.shard_count) in self.shard_ids

    @property
    def alive_key(self) -> str:
        """The database's note of when this process was last connected to Discord (`citebot doctor
        --alive` reads it): one per process, each named by its shards."""
        if self.shard_ids is None:
            return "alive"
        return "alive:shards " + ",".join(map(str, self.shard_ids))

    @property
    def syncs_commands(self) -> bool:
        """Commands are the application's, not a shard's: the process with shard 0 syncs them."""
        return self.shard_ids is None or 0 in self.shard_ids

    @classmethod
    def from_env(cls, *, knowledge: str | Path | None = None, shards: bool = True) -> Settings:
        """The settings; with shards=False, the shard settings left unread (`citebot doctor` reports
        a bad one as one of its checks rather than stopping at it)."""
        guild = unquoted(os.environ.get("DEV_GUILD_ID", ""))
        if guild and not guild.isdigit():  # ignored, commands would go to every server instead of the test one
            raise SettingsError(f"DEV_GUILD_ID must be a server id (digits only, from Copy Server ID), not {guild!r}; "
                                "leave it out to sync the commands to every server")
        data = os.environ.get("CITEBOT_DATA_DIR", "").strip()
        shard_count, shard_ids = shards_from_env(os.environ.get("CITEBOT_SHARD_COUNT", ""),
                                                 os.environ.get("CITEBOT_SHARD_IDS", "")) if shards else (None, None)
        return cls(
            token=unquoted(os.environ.get("DISCORD_TOKEN", "")),
            knowledge=knowledge_dir(knowledge),
            database=database_path(os.environ.get("CITEBOT_DB", ""), data or None),
            dev_guild_id=int(guild) if guild.isdigit() else None,
            data_dir=Path(data).expanduser() if data else None,
            shard_count=shard_count,
            shard_ids=shard_ids,
        )


# What a URL reserves and a password may hold: written as they are, they end the user part early
# ("#" starts a fragment, "/" a path) or leave two "@", and the password is taken for a host or port.
_RESERVED_IN_USER = "#/@"


def server_url(value: str, *, name: str = "CITEBOT_DB") -> str:
    """A postgresql:// URL checked as PostgreSQL's driver will read it; SettingsError, naming what
    to write instead and never echoing the password, when it cannot be read as meant."""
    url = value.strip()
    rest = url.split("://", 1)[1]
    head = rest.partition("?")[0]
    at = head.rfind("@")
    if at >= 0 and any(c in head[:at] for c in _RESERVED_IN_USER):
        raise SettingsError(f"the user or password in {name} holds a character a URL reserves (#, / or @): "
                            "write each as %XX (# is %23, / is %2F, @ is %40), or leave the password out of "
                            "the URL and set PGPASSWORD instead")
    try:
        urlsplit(url).port  # noqa: B018 - parsing is the check
    except ValueError:
        raise SettingsError(f"{name} is not a PostgreSQL URL Citebot can read: write it as "
                            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE, the port a number (a password "
                            "with reserved characters written as %XX, or set in PGPASSWORD)") from None
    return url


def database_path(configured: str, data_dir: str | Path | None) -> Path | str:
    """CITEBOT_DB, default citebot.db; a relative one lives in CITEBOT_DATA_DIR when that is set,
    so an image's volume keeps the data whatever a .env file says. A postgresql:// URL is kept as
    it is: the store then lives on that server."""
    value = unquoted(configured)
    if is_postgres(value):
        return server_url(value)
    if value.startswith("sqlite:///"):  # the URL form some tools use for a SQLite file
        value = value[len("sqlite:///"):] or DEFAULT_DATABASE
    elif _URL.match(value):
        raise SettingsError(f"CITEBOT_DB={value.split('://')[0]}://… is not a database Citebot can use: give a "
                            "SQLite file path (e.g. citebot.db) or a postgresql:// URL")
    path = Path(value or DEFAULT_DATABASE).expanduser()
    if data_dir and not path.is_absolute():
        return Path(data_dir).expanduser() / path
    return path
