"""Settings from the environment, in one typed place. Secrets are never printed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_DATABASE = "citebot.db"
PACKAGE_DIR = _PACKAGE  # drafts and edits never go in here: an upgrade replaces it
SERVER_SCHEMES = ("postgresql://", "postgres://")


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
        value = value.strip().strip("'\"")
        if key and key not in os.environ:
            os.environ[key] = value


@dataclass(frozen=True)
class Settings:
    """What the bot needs to run, read from the environment."""

    token: str = field(default="", repr=False)
    knowledge: Path = field(default_factory=default_knowledge_dir)
    database: Path | str = Path("citebot.db")  # a SQLite file, or a postgresql:// URL
    dev_guild_id: int | None = None
    data_dir: Path | None = None  # where data must live (the Docker image's /data volume)

    @classmethod
    def from_env(cls, *, knowledge: str | Path | None = None) -> Settings:
        guild = os.environ.get("DEV_GUILD_ID", "").strip()
        data = os.environ.get("CITEBOT_DATA_DIR", "").strip()
        return cls(
            token=os.environ.get("DISCORD_TOKEN", "").strip(),
            knowledge=knowledge_dir(knowledge),
            database=database_path(os.environ.get("CITEBOT_DB", ""), data or None),
            dev_guild_id=int(guild) if guild.isdigit() else None,
            data_dir=Path(data).expanduser() if data else None,
        )


def database_path(configured: str, data_dir: str | Path | None) -> Path | str:
    """CITEBOT_DB, default citebot.db; a relative one lives in CITEBOT_DATA_DIR when that is set,
    so an image's volume keeps the data whatever a .env file says. A postgresql:// URL is kept as
    it is: the store then lives on that server."""
    if is_postgres(configured):
        return configured.strip()
    path = Path(configured.strip() or DEFAULT_DATABASE).expanduser()
    if data_dir and not path.is_absolute():
        return Path(data_dir).expanduser() / path
    return path
