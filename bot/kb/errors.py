"""Problems found in knowledge files, each naming the file, the line and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a knowledge file."""

    path: str
    line: int
    message: str
    fix: str = ""
    severity: Severity = "error"
    in_draft: bool = False  # an error inside a draft, told as a warning: no draft is served

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text


class KnowledgeError(Exception):
    """The knowledge folder cannot be served as it is."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = str(errors[0]) if errors else "knowledge could not be loaded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")
