"""The knowledge being served, swapped whole on reload; a failed reload changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .errors import KnowledgeError, Problem
from .loader import check_knowledge
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
        kb, problems = check_knowledge(self.root, warnings=False)
        if kb is None:
            raise KnowledgeError(problems)
        self.engine = Engine(kb)

    @property
    def kb(self) -> KnowledgeBase:
        return self.engine.kb

    def reload(self) -> ReloadResult:
        """Load the folder again; serve it only if it has no errors. Blocking: run it in a thread."""
        try:
            kb, problems = check_knowledge(self.root, warnings=False)
        except Exception as exc:
            problem = Problem(str(self.root), 0, f"could not be read: {exc}", "check the folder and try again")
            return ReloadResult(False, (problem,), len(self.kb.entries))
        if kb is None:
            return ReloadResult(False, tuple(problems), len(self.kb.entries))
        self.engine = Engine(kb)  # one assignment: readers see the old engine or the new, never half
        return ReloadResult(True, tuple(problems), len(kb.entries))
