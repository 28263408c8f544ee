"""Measuring the engine on an evaluation set: in-scope and out-of-scope questions, follow-ups
asked after another question, and messages holding several questions, each with a style."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine
from .errors import KnowledgeError, Problem
from .models import Answer, Entry, KnowledgeBase
from .text import fold, quote_key
from .yamlfile import LineDict, parse_yaml, read_text


@dataclass(frozen=True, slots=True)
class Expect:
    """What a right answer looks like: it cites one of `passages` (or the passage holding
    `quote`, which survives renumbering) and states one of `facts`."""

    passages: tuple[int, ...] = ()
    facts: tuple[str, ...] = ()
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    in_scope: bool
    passages: tuple[int, ...] = ()
    facts: tuple[str, ...] = ()
    source: str | None = None
    near: bool = False
    line: int = 0
    style: str = ""
    context: str = ""  # a follow-up is asked right after this question
    parts: tuple[Expect, ...] = ()  # a message of several questions: each must be answered
    quote: str = ""  # words of the answering passage, instead of (or besides) its number

    @property
    def expected(self) -> tuple[Expect, ...]:
        return self.parts or (Expect(self.passages, self.facts, self.quote),)


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    answer: Answer
    passed: bool
    why: str = ""
    suggested: bool = False  # a miss whose "did you mean" list held a right entry


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

    @property
    def suggested(self) -> tuple[int, int]:
        """In-scope misses whose suggestions held a right entry, of all in-scope misses."""
        missed = [o for o in self.misses if o.case.in_scope]
        return sum(o.suggested for o in missed), len(missed)

    def by_style(self) -> dict[tuple[bool, str], tuple[int, int]]:
        """(in scope, style) -> (passed, asked), in the order the styles first appear."""
        rates: dict[tuple[bool, str], tuple[int, int]] = {}
        for o in self.outcomes:
            key = (o.case.in_scope, o.case.style or "-")
            ok, n = rates.get(key, (0, 0))
            rates[key] = (ok + o.passed, n + 1)
        return rates


_SECTIONS = (("in_scope", True), ("out_of_scope", False), ("follow_ups", True), ("multi", True))
_SECTION_STYLES = {"follow_ups": "follow-up", "multi": "multi"}


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
    source = str(data["source"]) if data.get("source") else None
    cases: list[Case] = []
    bad: list[Problem] = []
    for key, in_scope in _SECTIONS:
        items = data.get(key) or []
        if not isinstance(items, list):  # "out_of_scope: hello" is no list of questions, nor each letter one
            bad.append(Problem(str(path), data.line_of(key),
                               f"'{key}' must be a list of questions",
                               f"write each on its own line under '{key}:' as '- {{q: \"the question\", ...}}'"))
            continue
        for item in items:
            case = _case(item, key, in_scope, source, str(path), bad)
            if case is not None:
                cases.append(case)
    if bad:
        raise KnowledgeError(bad)
    return cases


def _listed(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _case(item: object, key: str, in_scope: bool, source: str | None, file: str,
          bad: list[Problem]) -> Case | None:
    question = item.get("q") if isinstance(item, LineDict) else None
    line = getattr(item, "line", 0)
    if not isinstance(question, str):
        bad.append(Problem(file, line, f"each {key} item needs 'q'",
                           "write '- {q: \"the question\", passage: N, fact: ...}'"))
        return None
    # A follow-up or a message of several questions is of its own kind when no style is given.
    style = str(item.get("style") or _SECTION_STYLES.get(key, ""))
    context = item.get("context") or ""
    if key == "follow_ups" and not (isinstance(context, str) and context):
        bad.append(Problem(file, line, "a follow-up needs 'context'", "write the question asked before it"))
        return None
    parts: list[Expect] = []
    if key == "multi":
        for part in _listed(item.get("parts")):
            if not isinstance(part, dict):
                continue
            parts.append(Expect(tuple(int(p) for p in _listed(part.get("passage"))),
                                tuple(str(f) for f in _listed(part.get("fact")))))
        if len(parts) < 2:
            bad.append(Problem(file, line, "a multi item needs 'parts', two or more",
                               "write parts: [{passage: N, fact: ...}, {passage: M, fact: ...}]"))
            return None
    passages = tuple(int(p) for p in _listed(item.get("passage")))
    facts = tuple(str(f) for f in _listed(item.get("fact")))
    quote = str(item.get("quote") or "")
    if in_scope and not parts and not (passages or facts or quote):
        bad.append(Problem(file, line, "an in-scope question needs 'passage' or 'fact'",
                           "say which passage must be cited and which fact stated"))
        return None
    return Case(question, in_scope, passages, facts, source, bool(item.get("near")) or style == "near-miss",
                line, style, str(context), tuple(parts), quote)


def case_problems(cases: Iterable[Case], kb: KnowledgeBase, file: str) -> list[Problem]:
    """What an evaluation file expects that its text cannot give: a passage it does not have, a
    quote none of its passages holds. Such a question could never pass; it is the file's mistake,
    not a miss of the bot's."""
    problems: list[Problem] = []
    for case in cases:
        source = kb.sources.get(case.source) if case.source else (
            next(iter(kb.sources.values())) if len(kb.sources) == 1 else None)
        if source is None or not case.in_scope:
            continue
        numbers = {0, *(p.number for p in source.passages)}
        for expect in case.expected:
            wrong = [n for n in expect.passages if n not in numbers]
            if wrong:
                problems.append(Problem(file, case.line, f"{case.question!r} expects passage {wrong[0]}, but "
                                        f"'{source.id}' has passages 1 to {len(source.passages)} (and 0, its details)",
                                        "give the number `citebot passage` shows, or a 'quote:' from the passage"))
            if expect.quote and not any(quote_key(expect.quote) in quote_key(p.text)
                                        for p in (source.about, *source.passages)):
                problems.append(Problem(file, case.line, f"{case.question!r} expects the quote "
                                        f"\u201c{expect.quote}\u201d, which no passage of '{source.id}' holds",
                                        "copy the words from the passage as they are written"))
    return problems


def evaluate(engine: Engine, cases: Iterable[Case]) -> Report:
    """Ask every question; in scope passes with the right passage and fact, out of scope with none.

    A set about one text (`source:` at its top) is asked of that text, as in a channel bound to it.

    A follow-up is asked right after its context question, as the next line of a conversation;
    a message of several questions passes when every part is answered by one of its answers.
    """
    outcomes = []
    for case in cases:
        if case.parts:
            answers = engine.ask_all(case.question, source=case.source)
            outcomes.append(_judge_parts(case, answers))
            continue
        after = engine.ask(case.context, source=case.source) if case.context else None
        answer = engine.ask(case.question, source=case.source, after=after)
        outcomes.append(_judge(case, answer, engine))
    return Report(tuple(outcomes))


def _judge_parts(case: Case, answers: tuple[Answer, ...]) -> Outcome:
    for n, expect in enumerate(case.parts, 1):
        if not any(_fits(answer, expect, case.source) is None for answer in answers):
            why = _fits(answers[0], expect, case.source) if len(answers) == 1 else "no answer fits it"
            return Outcome(case, answers[0], False, f"part {n} of {len(case.parts)}: {why}")
    return Outcome(case, answers[0], True)


def _judge(case: Case, answer: Answer, engine: Engine | None = None) -> Outcome:
    """Whether one answer passes; with the engine, whether a miss suggested a right entry."""
    if not case.in_scope:
        if answer.kind == "none":
            return Outcome(case, answer, True)
        return Outcome(case, answer, False, f"answered ({answer.kind}) instead of declining")
    why = _fits(answer, case.expected[0], case.source)
    if why is None:
        return Outcome(case, answer, True)
    # Offered in a "did you mean", or under another answer as "see also": the member can pick it.
    entries = (engine.kb.entry(s.entry_id) for s in answer.suggestions) if engine else ()
    suggested = any(e is not None and _entry_fits(e, case.expected[0], engine.kb if engine else None)
                    for e in entries)
    return Outcome(case, answer, False, why, suggested)


def _fits(answer: Answer, expect: Expect, source: str | None) -> str | None:
    """Why the answer does not give what is expected, or None when it does."""
    if answer.kind == "none":
        return "declined"
    mine = [c.passage for c in answer.citations if source is None or c.passage.source == source]
    cited = {p.number for p in mine}
    if expect.passages and not cited.intersection(expect.passages):
        return f"cited passage(s) {sorted(cited)}, expected {list(expect.passages)}"
    if expect.quote and not any(quote_key(expect.quote) in quote_key(p.text) for p in mine):
        return f"cited passage(s) {sorted(cited)}, none holding \u201c{expect.quote}\u201d"
    said = fold(answer.text + " " + " ".join(c.quote for c in answer.citations))
    if expect.facts and not any(fold(f) in said for f in expect.facts):
        return f"the answer lacks {' / '.join(expect.facts)}"
    return None


def _entry_fits(entry: Entry, expect: Expect, kb: KnowledgeBase | None = None) -> bool:
    cited = {c.passage for c in entry.citations}
    said = fold(entry.answer + " " + " ".join(c.quote for c in entry.citations))
    texts = [p.text for c in entry.citations if kb and (p := kb.passage(c.source, c.passage))]
    holds = not expect.quote or kb is None or any(quote_key(expect.quote) in quote_key(t) for t in texts)
    return holds and (not expect.passages or bool(cited.intersection(expect.passages))) and (
        not expect.facts or any(fold(f) in said for f in expect.facts))
