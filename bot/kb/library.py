"""The knowledge being served, swapped whole on reload; a failed reload changes nothing."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from .cache import last_good_engine, load_engine
from .engine import Engine
from .errors import KnowledgeError, Problem
from .models import KnowledgeBase, Source
from .overlay import GuildKnowledge, State

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    problems: tuple[Problem, ...]
    entries: int


class Library:
    """Holds the current engine. Readers take `library.engine` once per question."""

    def __init__(self, root: Path | str) -> None:
        """Raises KnowledgeError when the folder has errors and no version of it without them was
        ever served here; with one, that version serves (and `held_back` says why), as a failed
        reload keeps the knowledge it had: a bot restarted after a mistaken edit keeps answering."""
        self.root = Path(root)
        self.held_back: tuple[Problem, ...] = ()  # the errors that keep the folder's newest version out
        try:
            self.engine: Engine = load_engine(self.root)
        except KnowledgeError as exc:
            last = last_good_engine(self.root)
            if last is None:
                raise
            self.engine, self.held_back = last[0], exc.errors
            log.warning("the knowledge folder %s has errors, so its last version without them serves until they "
                        "are fixed (then /kb reload):\n%s", self.root, "\n".join(map(str, exc.errors)))
        self.guilds: dict[int, GuildKnowledge] = {}

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

    def engine_for(self, guild_id: int | None) -> Engine:
        """The engine a server asks: the shared one, with that server's own entries and texts."""
        own = self.guilds.get(guild_id) if guild_id is not None else None
        return own.engine if own is not None else self.engine

    def reading(self, guild_id: int | None) -> AbstractContextManager:
        """Hold this while reading a server's engine outside the event loop (in a worker thread):
        its curators' changes wait until the reading is done. The shared engine never changes."""
        own = self.guilds.get(guild_id) if guild_id is not None else None
        return own.lock if own is not None else nullcontext()

    def kb_for(self, guild_id: int | None) -> KnowledgeBase:
        return self.engine_for(guild_id).kb

    def guild(self, guild_id: int) -> GuildKnowledge:
        """A server's own knowledge, made empty on first use."""
        own = self.guilds.get(guild_id)
        if own is None:
            own = self.guilds[guild_id] = GuildKnowledge(self.engine)
        return own

    def load_guild(self, guild_id: int, texts: list[Source], states: list[tuple[str, State]]) -> list[str]:
        """Serve what a server stored: its texts, then its entries. Returns the ids that could not be served."""
        own, failed = _built(self.engine, guild_id, texts, states)
        self.guilds[guild_id] = own
        return failed

    def reload(self) -> ReloadResult:
        """Load the folder again; serve it only if it has no errors. Blocking: run it in a thread."""
        try:
            engine = load_engine(self.root)
        except KnowledgeError as exc:
            return ReloadResult(False, exc.problems, len(self.kb.entries))
        except Exception as exc:
            problem = Problem(str(self.root), 0, f"could not be read: {exc}", "check the folder and try again")
            return ReloadResult(False, (problem,), len(self.kb.entries))
        self.held_back = ()
        # Each server's own knowledge is laid again over the new shared knowledge, then both swap.
        guilds = {guild_id: _built(engine, guild_id, list(own.texts.values()), list(own.states.items()))[0]
                  for guild_id, own in self.guilds.items()}
        self.engine, self.guilds = engine, guilds  # readers see the old engine or the new, never half
        return ReloadResult(True, (), len(engine.kb.entries))


def _built(shared: Engine, guild_id: int, texts: list[Source],
           states: list[tuple[str, State]]) -> tuple[GuildKnowledge, list[str]]:
    own = GuildKnowledge(shared)
    for source in texts:
        own.add_text(source)
    failed = []
    for entry_id, state in states:
        try:
            own.set(entry_id, state)
        except Exception:  # one stored entry that no longer fits must not take the server's others down
            log.exception("server %s: the entry %s could not be served", guild_id, entry_id)
            failed.append(entry_id)
    return own, failed

