"""The knowledge being served, swapped whole on reload; a failed reload changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import load_engine
from .engine import Engine
from .errors import KnowledgeError, Problem
from .models import KnowledgeBase


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    problems: tuple[Problem, ...]
    entries: int


class Library:
    """Holds the current engine. Readers take `library.engine` once per question."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.engine: Engine = load_engine(self.root)

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

    def reload(self) -> ReloadResult:
        """Load the folder again; serve it only if it has no errors. Blocking: run it in a thread."""
        try:
            engine = load_engine(self.root)
        except KnowledgeError as exc:
            return ReloadResult(False, exc.problems, len(self.kb.entries))
        except Exception as exc:
            problem = Problem(str(self.root), 0, f"could not be read: {exc}", "check the folder and try again")
            return ReloadResult(False, (problem,), len(self.kb.entries))
        self.engine = engine  # one assignment: readers see the old engine or the new, never half
        return ReloadResult(True, (), len(engine.kb.entries))
