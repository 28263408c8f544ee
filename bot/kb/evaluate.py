"""Measuring the engine on an evaluation set of in-scope and out-of-scope questions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .errors import KnowledgeError, Problem
from .models import Answer
from .text import fold
from .yamlfile import LineDict, parse_yaml, read_text


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    in_scope: bool
    passages: tuple[int, ...] = ()
    facts: tuple[str, ...] = ()
    source: str | None = None
    near: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    answer: Answer
    passed: bool
    why: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    outcomes: tuple[Outcome, ...]

    def _rate(self, in_scope: bool, near: bool | None = None) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if o.case.in_scope == in_scope
                  and (near is None or o.case.near == near)]
        return sum(o.passed for o in chosen), len(chosen)

    @property
    def in_scope(self) -> tuple[int, int]:
        return self._rate(True)

    @property
    def out_of_scope(self) -> tuple[int, int]:
        return self._rate(False)

    @property
    def near_misses(self) -> tuple[int, int]:
        return self._rate(False, near=True)

    @property
    def misses(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.passed)


def load_cases(path: Path | str) -> list[Case]:
    """Read an evaluation file; raise KnowledgeError naming the line of anything malformed."""
    path = Path(path)
    text, problems = read_text(path, str(path))
    if text is None:
        raise KnowledgeError(problems)
    data, problems = parse_yaml(text, str(path))
    if problems:
        raise KnowledgeError(problems)
    if not isinstance(data, LineDict):
        raise KnowledgeError([Problem(str(path), 1, "an evaluation file is a mapping",
                                      "write 'in_scope:' and 'out_of_scope:' lists")])
    source = data.get("source")
    cases: list[Case] = []
    bad: list[Problem] = []
    for key, in_scope in (("in_scope", True), ("out_of_scope", False)):
        for item in data.get(key) or []:
            question = item.get("q") if isinstance(item, LineDict) else None
            if not isinstance(question, str):
                bad.append(Problem(str(path), getattr(item, "line", 0), f"each {key} item needs 'q'",
                                   "write '- {q: \"the question\", passage: N, fact: ...}'"))
                continue
            passages = item.get("passage", [])
            facts = item.get("fact", [])
            passages = passages if isinstance(passages, list) else [passages]
            facts = facts if isinstance(facts, list) else [facts]
            if in_scope and not (passages or facts):
                bad.append(Problem(str(path), item.line, "an in-scope question needs 'passage' or 'fact'",
                                   "say which passage must be cited and which fact stated"))
                continue
            cases.append(Case(question, in_scope, tuple(int(p) for p in passages),
                              tuple(str(f) for f in facts), str(source) if source else None,
                              bool(item.get("near")), item.line))
    if bad:
        raise KnowledgeError(bad)
    return cases


def evaluate(engine: Engine, cases: list[Case]) -> Report:
    """Ask every question; in scope passes with the right passage and fact, out of scope with none."""
    outcomes = []
    for case in cases:
        answer = engine.ask(case.question)
        outcomes.append(_judge(case, answer))
    return Report(tuple(outcomes))


def _judge(case: Case, answer: Answer) -> Outcome:
    if not case.in_scope:
        if answer.kind == "none":
            return Outcome(case, answer, True)
        return Outcome(case, answer, False, f"answered ({answer.kind}) instead of declining")
    if answer.kind == "none":
        return Outcome(case, answer, False, "declined")
    cited = {c.passage.number for c in answer.citations
             if case.source is None or c.passage.source == case.source}
    if case.passages and not cited.intersection(case.passages):
        return Outcome(case, answer, False, f"cited passage(s) {sorted(cited)}, expected {list(case.passages)}")
    said = fold(answer.text + " " + " ".join(c.quote for c in answer.citations))
    if case.facts and not any(fold(f) in said for f in case.facts):
        return Outcome(case, answer, False, f"the answer lacks {' / '.join(case.facts)}")
    return Outcome(case, answer, True)
