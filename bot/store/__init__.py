"""The memory: one class over SQLite (aiosqlite) or PostgreSQL (asyncpg). It remembers; it never decides answers."""

from .core import DOCTOR_MARK, SERVED_KNOWLEDGE, CoreStore, GuildSettings, StoreError, now
from .curation import Change, CurationStore, GuildRows
from .migrations import MIGRATIONS
from .study import CUSTOM_PREFIX, StudyStore, Suggestion


class Store(CurationStore, StudyStore, CoreStore):
    """The bot's database, a SQLite file or a PostgreSQL URL. Open it once; every method is a coroutine."""


__all__ = ["CUSTOM_PREFIX", "DOCTOR_MARK", "MIGRATIONS", "SERVED_KNOWLEDGE", "Change", "GuildRows", "GuildSettings",
           "Store", "StoreError", "Suggestion", "now"]
