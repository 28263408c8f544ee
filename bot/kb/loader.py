"""Reading a knowledge folder: every problem found at once, each with file, line and fix.

Layout of a knowledge folder:
    sources/*.md      one text each: YAML front matter, then the text; '#' lines are headings
    entries/*.yaml    curated question-answer entries citing passages
    prompts/*.yaml    discussion prompts citing passages
    synonyms.yaml     names for the same thing, the first being the canonical one
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from .checks import phrasing_problems
from .collector import collector_paused
from .errors import KnowledgeError, Problem
from .models import Citation, Entry, KnowledgeBase, Passage, Prompt, Source
from .text import STOPWORDS, quote_key, stem, words
from .yamlfile import LineDict, LineStr, parse_yaml, read_text

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MIN_QUESTIONS = 3  # one phrasing is a guess; three different ones teach the matcher the idea

# How the note `kb draft` leaves in a source's front matter begins (`draft_note` writes it).
DRAFT_NOTE = "Drafted by `citebot kb draft`"
_DRAFT_NOTE_NAMES = re.compile(r"check the (.+?), then remove")
_GUESSED = ("title", "author", "date")


def draft_note(unchecked: list[str]) -> str:
    """The note `kb draft` leaves on what it read from the text itself (`unchecked`: of _GUESSED)."""
    return f"{DRAFT_NOTE}: check the {listed(unchecked)}, then remove this note."


def _guessed(note: str) -> list[str]:
    """What a note of `draft_note` names as read from the text (all three for an older wording)."""
    named = _DRAFT_NOTE_NAMES.search(note)
    return [n for n in re.split(r", | and ", named.group(1)) if n in _GUESSED] if named else list(_GUESSED)
SOURCE_KEYS = {"id", "title", "short", "author", "role", "language", "date", "occasion", "byline", "notes"}
# What `kb gaps` writes where a curator has yet to write (see gaps.py): never served.
PLACEHOLDER = "TODO:"
# A quote no passage holds is pointed at the passage words this close to it (rapidfuzz's
# partial ratio, 0-100): one word changed in a short quote is about 85, in a sentence about 90.
CLOSE_WORDING = 80
ENTRY_KEYS = {"id", "questions", "answer", "cite", "tags", "related", "accept", "draft", "notes"}
PROMPT_KEYS = {"id", "text", "cite", "tags", "draft", "notes"}
CITE_KEYS = {"passage", "quote", "source"}
_NOT_IN_AN_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """An id made from words (a question, a file name), as ID_PATTERN allows."""
    return _NOT_IN_AN_ID.sub("-", text.casefold()).strip("-")[:40].strip("-") or "entry"


def shown_path(path: Path) -> str:
    """A path as people should read it: relative to where they are, when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("../..") else str(path)

def _named(kind: str, ident: str | None, item: LineDict) -> str:
    """How a message names an item: by its id, or by its line when the id is missing or bad."""
    return f"{kind} '{ident}'" if ident is not None else f"the {kind} at line {item.line}"


# Figures an answer states ("78%", "36,417", "US$200"), and years, which it may add as context.
_FIGURE_SAID = re.compile(r"(?:\d[\d,.]*\d|\d)[½¼¾⅓⅔⅛⅜⅝⅞]?%?")  # "3½" is a figure of its own, not "3"
# A question that offers its answers: "Who has the upper hand, Japan or Russia?"
_CHOICE = re.compile(r"\bor\b", re.I)
_YEAR_SAID = re.compile(r"(?:1[5-9]|20)\d\d")


def _said_in(figure: str) -> re.Pattern[str]:
    """The figure as a whole number in a text: "72" is not said by "172" or "7.2"."""
    return re.compile(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)")


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # Source files that did not load, by their name: what cites them is told once, not per citation.
        self.broken: dict[str, str] = {}
        self._told: set[str] = set()
        self._source_lines: dict[str, int] = {}  # each file's 'source:' line
        self._unknown: set[tuple[str, str]] = set()  # (file, source id) already said to be unknown
        self.misnamed: dict[str, tuple[str, str]] = {}  # a source file's name -> (the file, the id it gives)
        self._whole_texts: dict[str, str] = {}  # each text's details and passages joined (`_whole_text`)

    def error(self, path: str, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(path, line, message, fix, "error"))

    def warn(self, path: str, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(path, line, message, fix, "warning"))

    # -- sources -----------------------------------------------------------------------------

    def source(self, path: Path) -> Source | None:
        shown = shown_path(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        loaded = self.source_text(text, shown) if text is not None else None
        if loaded is None:
            self.broken[path.stem] = shown
        elif loaded.id != path.stem:
            # Entries and prompts cite the id; a curator reads the file name. When they differ, the
            # citations that use the file name are the ones said to be wrong: say why here.
            self.misnamed[path.stem] = (shown, loaded.id)
            self.warn(shown, 2, f"the source id '{loaded.id}' is not the file's name '{path.stem}'",
                      f"name the file {loaded.id}{path.suffix}, or write 'id: {path.stem}': entries and prompts "
                      "cite the id")
        return loaded

    def source_text(self, text: str, shown: str) -> Source | None:
        """A source from its file's text: front matter, then passages."""
        lines = text.split("\n")
        if not lines or lines[0].strip() != "---":
            self.error(shown, 1, "a source file starts with front matter between '---' lines",
                       "add '---', then id, title and author, then '---' above the text")
            return None
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            self.error(shown, 1, "the front matter is never closed", "add a line '---' after it")
            return None
        meta, problems = parse_yaml("\n".join(lines[1:end]), shown, first_line=2)
        self.problems += problems
        if not isinstance(meta, LineDict):
            if meta is not None or not problems:
                self.error(shown, 2, "the front matter must be a mapping of keys to values",
                           "write 'id: ...', 'title: ...', 'author: ...' on their own lines")
            return None
        self._unknown_keys(meta, SOURCE_KEYS, shown, "source front matter")
        for key in ("id", "title", "author"):
            if not isinstance(meta.get(key), str) or not meta[key].strip():
                self.error(shown, meta.line_of(key), f"the source needs {_a(repr(key))}",
                           f"add '{key}: ...' to the front matter")
        sid = meta.get("id")
        if isinstance(sid, str) and not ID_PATTERN.match(sid):
            self.error(shown, meta.line_of("id"), f"the source id '{sid}' is not a plain id",
                       "use lowercase letters, digits and '-'")
        passages, headings = self._passages(lines, end + 1, str(sid or ""), shown)
        if not passages:
            self.error(shown, end + 2, "the source has no passages", "add the text below the front matter")
        byline = meta.get("byline") or ()
        if isinstance(byline, str):
            byline = (byline,)
        notes = meta.get("notes")
        if isinstance(notes, str) and notes.startswith(DRAFT_NOTE):
            # What `kb draft` guessed of the title and author shows on every answer: say so until checked.
            # Only what the note names was guessed: a title or author given to `kb draft` was not.
            guessed = _guessed(notes)
            read = [f"{n} {meta[n]!r}" for n in guessed if meta.get(n)]
            missing = [n for n in guessed if not meta.get(n)]
            said = [f"{listed(read)} {'was' if len(read) == 1 else 'were'} guessed from the text"] if read else []
            said += [f"no {listed(missing)} was found"] if missing else []
            if said:
                self.warn(shown, meta.line_of("notes"), f"kb draft's note is still here: {'; '.join(said)}",
                          "check them, since every answer names the text by them, then delete the 'notes:' line")
        if isinstance(sid, str) and any(isinstance(meta.get(k), str) for k in ("title", "author")):
            return Source(
                id=sid, title=str(meta.get("title", "")), author=str(meta.get("author", "")),
                passages=passages, role=_opt(meta.get("role")), language=_opt(meta.get("language")),
                date=_opt(meta.get("date")), occasion=_opt(meta.get("occasion")),
                byline=tuple(str(b) for b in byline), headings=headings,
                notes=_opt(meta.get("notes")), path=shown, short=_opt(meta.get("short")) or "",
            )
        return None

    @staticmethod
    def _passages(lines: list[str], start: int, sid: str, shown: str
                  ) -> tuple[tuple[Passage, ...], tuple[str, ...]]:
        passages: list[Passage] = []
        headings: list[str] = []
        heading: str | None = None
        block: list[str] = []
        block_line = 0

        def flush() -> None:
            nonlocal heading, block
            if block:
                passages.append(Passage(sid, len(passages) + 1, " ".join(block), block_line, heading))
            block = []

        for index in range(start, len(lines)):
            line = lines[index].strip()
            if not line:
                flush()
            elif line.startswith("#"):
                flush()
                heading = line.lstrip("#").strip()
                headings.append(heading)
            else:
                if not block:
                    block_line = index + 1
                block.append(line)
        flush()
        return tuple(passages), tuple(headings)

    # -- entries and prompts -----------------------------------------------------------------

    def collection(self, path: Path, key: str) -> tuple[str | None, list[LineDict], str]:
        shown = shown_path(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        if text is None:
            return None, [], shown
        data, problems = parse_yaml(text, shown)
        self.problems += problems
        if data is None and not problems:
            self.warn(shown, 1, "the file has nothing in it but comments" if text.strip() else "the file is empty",
                      f"add {key} or remove the file")
            return None, [], shown
        if isinstance(data, LineDict) and key in data and data[key] is None:  # "entries:" with nothing under it
            self.warn(shown, data.line_of(key), f"'{key}:' has nothing under it",
                      f"add {key} under it as '- id: ...' items, or remove the file")
            return None, [], shown
        if not isinstance(data, LineDict) or not isinstance(data.get(key), list):
            if data is not None:
                self.error(shown, getattr(data, "line", 1),
                           f"the file must be a mapping with its list under '{key}:'",
                           f"write 'source: SOURCE-ID' and then '{key}:' with one '- id: ...' item each")
            return None, [], shown
        self._unknown_keys(data, {"source", key}, shown, "file")
        items = []
        for item in data[key]:
            if isinstance(item, LineDict):
                items.append(item)
            else:
                self.error(shown, getattr(item, "line", data.line_of(key)),
                           f"each item under '{key}' must be a mapping", "start each item with '- id: ...'")
        default = data.get("source")
        if default is not None:
            self._source_lines[shown] = data.line_of("source")
        return (str(default) if default is not None else None), items, shown

    def entry(self, item: LineDict, default_source: str | None, shown: str,
              sources: dict[str, Source]) -> Entry | None:
        return self._item(item, "entry", ENTRY_KEYS, self._entry, default_source, shown, sources)

    def prompt(self, item: LineDict, default_source: str | None, shown: str,
               sources: dict[str, Source]) -> Prompt | None:
        return self._item(item, "prompt", PROMPT_KEYS, self._prompt, default_source, shown, sources)

    def _item(self, item: LineDict, kind: str, keys: set[str], build, default_source: str | None, shown: str,
              sources: dict[str, Source]):
        """What every entry and prompt is checked for first (its keys, id and draft mark), then `build`."""
        self._unknown_keys(item, keys, shown, kind)
        iid = self._id(item, shown)
        what = _named(kind, iid, item)
        owner = f"'{iid}'" if iid is not None else what
        draft = self._draft(item, shown, owner)
        mark = len(self.problems)
        try:
            return build(item, default_source, shown, sources, iid, what, owner, draft)
        finally:
            if draft:
                self._held_back(mark)

    def _held_back(self, mark: int) -> None:
        """A draft's problems since `mark` are warnings: the bot serves no draft, so a curator part-way
        through one keeps the folder (and every other text) answering; removing 'draft: true' makes
        them errors again."""
        for at in range(mark, len(self.problems)):
            problem = self.problems[at]
            if problem.severity == "error":
                self.problems[at] = Problem(problem.path, problem.line, f"{problem.message} (in a draft, not served)",
                                            problem.fix, "warning", in_draft=True)

    def _entry(self, item: LineDict, default_source: str | None, shown: str, sources: dict[str, Source],
               eid: str | None, what: str, owner: str, draft: bool) -> Entry | None:
        questions = self._strings(item, "questions", shown, owner, several=True)
        for question in questions:
            if question.joined:  # a "- " line indented too far joins the phrasing above
                self.warn(shown, getattr(question, "line", item.line_of("questions")),
                          f"{owner}: \"{question}\" looks like two phrasings run together",
                          "put each '- ' at the same indentation as the others")
        if len(questions) < MIN_QUESTIONS and not draft:
            self.error(shown, item.line_of("questions"),
                       f"{what} has {len(questions)} phrasing(s) of its question",
                       f"give at least {MIN_QUESTIONS}: other words, other names, a short keyword form")
        answer = item.get("answer")
        if isinstance(answer, (int, float, bool, datetime.date)):  # YAML reads "answer: 1951" as a number
            self.error(shown, item.line_of("answer"), f"{what}: YAML reads the answer {answer!r} as a "
                       f"{'yes/no value' if isinstance(answer, bool) else 'number or date'}, not as text",
                       f"put it in quotes: answer: \"{_as_written(answer)}\"")
        elif not isinstance(answer, str) or not answer.strip():
            self.error(shown, item.line_of("answer"), f"{what} has no answer",
                       "add 'answer: ...' stating the fact in plain words")
        unfilled = [text for text in (*questions, answer if isinstance(answer, str) else "")
                    if text.lstrip().startswith(PLACEHOLDER)]
        if unfilled and not draft:  # a curators' queue draft (`kb gaps`) served before it was filled in
            held = (f"a placeholder: {unfilled[0]!r}" if len(unfilled) == 1
                    else f"{len(unfilled)} placeholders: " + ", ".join(repr(t) for t in unfilled))
            self.error(shown, item.line_of("answer" if unfilled[-1] is answer else "questions"),
                       f"{what} still holds {held}",
                       "write the real answer and phrasings in its place, or put back 'draft: true'")
        citations = self._citations(item, default_source, shown, owner, sources, need_quote=True)
        if not item.get("cite") and not draft:
            self.error(shown, item.line_of("cite"), f"{what} cites no passage",
                       "add 'cite:' with '- passage: N' and 'quote: ...' from that passage")
        source = citations[0].source if citations else (default_source or "")
        if isinstance(answer, str) and citations and not draft:
            self._figures_quoted(answer, citations, sources, shown, item.line_of("answer"), what)
        accept = tuple(self._strings(item, "accept", shown, owner))
        if questions and not draft:
            self._accepts_the_question(str(questions[0]), accept, shown, item.line_of("accept"), what)
        if not isinstance(answer, str):  # an error already: still compared with the others, as below
            answer = "" if answer is None else str(answer)
        # With a bad id (an error already), the entry is still compared with the others, so that
        # one run names every problem: its phrasings repeated elsewhere, a 'related' id misspelt.
        return Entry(
            id=eid if eid is not None else str(item.get("id") or what), source=source,
            questions=tuple(questions), answer=answer.strip(),
            citations=tuple(citations), tags=tuple(self._tags(item, shown, owner)),
            related=tuple(self._strings(item, "related", shown, owner)),
            accept=accept, draft=draft,
            path=shown, line=item.line,
        )

    def _prompt(self, item: LineDict, default_source: str | None, shown: str, sources: dict[str, Source],
                pid: str | None, what: str, owner: str, draft: bool) -> Prompt | None:
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            self.error(shown, item.line_of("text"), f"{what} has no text",
                       "add 'text: ...' with the open question")
        citations = self._citations(item, default_source, shown, owner, sources, need_quote=False)
        if not item.get("cite") and not draft:
            self.error(shown, item.line_of("cite"), f"{what} cites no passage",
                       "add 'cite:' with '- passage: N'")
        if pid is None or not isinstance(text, str):
            return None
        return Prompt(
            id=pid, source=citations[0].source if citations else (default_source or ""),
            text=text.strip(), citations=tuple(citations),
            tags=tuple(self._tags(item, shown, owner)),
            draft=draft, path=shown, line=item.line,
        )

    def _figures_quoted(self, answer: str, citations: list[Citation], sources: dict[str, Source], shown: str,
                        line: int, what: str) -> None:
        """Warns of a figure the answer states and its cited passages hold, but none of its quotes:
        the reader is shown the quotes as the answer's evidence ("78%" beside "Public opinion is
        another factor."). Years are left alone: an answer may date what its quote describes."""
        quoted = {f.rstrip(".,%") for c in citations for f in _FIGURE_SAID.findall(c.quote)}
        passages = " ".join(p.text for c in citations
                            if (p := sources[c.source].passage(c.passage) if c.source in sources else None))
        said = list(dict.fromkeys(f.rstrip(".,") for f in _FIGURE_SAID.findall(answer)))
        unquoted = [f for f in said
                    if f.rstrip("%") not in quoted and not _YEAR_SAID.fullmatch(f) and f.rstrip("%") in passages]
        if unquoted:
            self.warn(shown, line, f"{what} states {', '.join(unquoted)}, which its cited passage says but none of "
                      "its quotes shows", "quote the words that give it, as another '- passage: N' with 'quote: ...'")
        # A figure no cited passage says at all, or a year the whole text never says: mistyped, or left
        # behind by an edit of the text ("in 1887" after the passage came to say 1886). A year may date
        # what the quote describes from elsewhere in the text ("the 2016 poll", its date line).
        unsaid = [f for f in said if passages and f.rstrip("%") not in quoted
                  and not _said_in(f.rstrip("%")).search(passages)]
        texts = {c.source for c in citations if c.source in sources}
        nowhere = [f for f in unsaid if not _YEAR_SAID.fullmatch(f)
                   or not any(_said_in(f).search(self._whole_text(sources[sid])) for sid in texts)]
        if nowhere:
            self.warn(shown, line, f"{what} states {', '.join(nowhere)}, which none of its cited passages says",
                      "check the figure against the text, or cite the passage that gives it")

    def _whole_text(self, source: Source) -> str:
        """A text's details and passages as one string, joined once per text (`_figures_quoted`)."""
        if source.id not in self._whole_texts:
            self._whole_texts[source.id] = " ".join((source.about.text, *(p.text for p in source.passages)))
        return self._whole_texts[source.id]

    def _accepts_the_question(self, question: str, accept: tuple[str, ...], shown: str, line: int, what: str) -> None:
        """Warns of a quiz answer that only repeats its question ("Vostok-2018" to "What is
        Vostok-2018?"): the quiz asks the first phrasing and would take its own words as the answer.
        A choice ("Japan or Russia?") and a yes or no are answers in the question's words."""
        if _CHOICE.search(question):
            return
        asked = {stem(w) for w in words(question) if w not in STOPWORDS}
        echoes = [a for a in accept if (said := {stem(w) for w in words(a) if w not in STOPWORDS}) and said <= asked]
        if echoes:
            self.warn(shown, line, f"{what} accepts {', '.join(repr(a) for a in echoes)} as the answer to "
                      f"{question!r}, which names it already: the quiz would take the question's own words",
                      "accept what the answer says instead, e.g. the thing's kind or its figure")

    def _citations(self, item: LineDict, default_source: str | None, shown: str, owner: str,
                   sources: dict[str, Source], *, need_quote: bool) -> list[Citation]:
        raw = item.get("cite")
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(shown, item.line_of("cite"), f"{owner}: 'cite' must be a list",
                       "write each citation as '- passage: N' with 'quote: ...'")
            return []
        out: list[Citation] = []
        for cite in raw:
            line = getattr(cite, "line", item.line_of("cite"))
            if not isinstance(cite, LineDict):
                self.error(shown, line, f"{owner}: a citation must be a mapping",
                           "write '- passage: N' and 'quote: ...'")
                continue
            self._unknown_keys(cite, CITE_KEYS, shown, "citation")
            sid = str(cite.get("source") or default_source or "")
            number = cite.get("passage")
            quote = cite.get("quote")
            source = sources.get(sid)
            if source is None and sid in self.broken:
                if sid not in self._told:  # its own file's errors say what is wrong
                    self._told.add(sid)
                    self.error(shown, line, f"{owner} cites '{sid}', whose source file {self.broken[sid]} "
                               "did not load (see its errors)",
                               f"fix {self.broken[sid]} first: what cites '{sid}' is checked once it loads")
                continue
            if source is None:
                # Said once per file: a misspelt 'source:' at the top would otherwise be one error per citation.
                if (shown, sid) not in self._unknown:
                    self._unknown.add((shown, sid))
                    near = process.extractOne(sid, list(sources), scorer=fuzz.ratio, score_cutoff=70) if sid else None
                    hint = f"did you mean '{near[0]}'? " if near else ""
                    if sid in self.misnamed:  # the file is called so, but its front matter says another id
                        where, real = self.misnamed[sid]
                        hint = f"{where} gives the id '{real}': make the file's 'id:' and what cites it agree; "
                    at = self._source_lines.get(shown, line) if not cite.get("source") else line
                    self.error(shown, at, f"{owner} cites the unknown source '{sid}'"
                               + (" (and so does every citation of this file that names it)" if sid else ""),
                               f"{hint}use the id of a file in sources/ ({', '.join(sorted(sources)) or 'none yet'}), "
                               "or set 'source:' at the top of the file")
                continue
            if not isinstance(number, int) or isinstance(number, bool):
                self.error(shown, cite.line_of("passage"), f"{owner}: 'passage' must be a number",
                           f"use a passage number from 1 to {len(source.passages)}, or 0 for the text's details"
                           " (title, author, date, byline)")
                continue
            passage = source.passage(number)
            if passage is None:
                self.error(shown, cite.line_of("passage"),
                           f"{owner} cites passage {number}, but '{sid}' has {len(source.passages)}",
                           f"use a passage number from 1 to {len(source.passages)}, or 0 for the text's details"
                           " (title, author, date, byline)")
                continue
            if quote is None:
                report = self.error if need_quote else self.warn
                report(shown, line, f"{owner} cites passage {number} without a quote, so no one can tell "
                       "where its words went when the text is edited",
                       f"add 'quote: ...' with the exact words from passage {number}")
                quote = ""
            elif not isinstance(quote, str) or not quote.strip():
                self.error(shown, cite.line_of("quote"), f"{owner}: the quote is empty",
                           "copy the exact words from the passage")
                continue
            elif quote_key(quote) not in quote_key(passage.text):
                moved = any(n != number for n in quote_passages(quote, source))
                # Moved, the number is what to change (as fix-citations says); else the quote.
                self.error(shown, cite.line_of("passage") if moved else cite.line_of("quote"),
                           f"{owner}: the quote is not in passage {number}: \"{_short(quote)}\"",
                           _where_quote_is(quote, source, number))
            out.append(Citation(sid, number, quote.strip(), line))
        return out

    def _draft(self, item: LineDict, shown: str, owner: str) -> bool:
        """Whether the item waits for a curator; anything but a yes/no value is an error, since
        'draft: maybe' would otherwise serve an unfinished entry."""
        value = item.get("draft", False)
        if not isinstance(value, bool):
            self.error(shown, item.line_of("draft"), f"{owner}: 'draft' is {value!r}, not true or false",
                       "write 'draft: true' to hold it back from members, or remove the line to serve it")
            return True
        return value

    def _id(self, item: LineDict, shown: str) -> str | None:
        value = item.get("id")
        if value is None:
            self.error(shown, item.line_of("id"), "the 'id:' line is missing (or its key is misspelt)",
                       "give the item an id of lowercase letters, digits and '-', e.g. 'id: canal-opened'")
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            plain = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") if value is not None else ""
            example = f"'id: {plain}'" if plain and ID_PATTERN.match(plain) else "'id: canal-opened'"
            if not isinstance(value, str) and plain and ID_PATTERN.match(plain):  # "id: 2016" is read as a number
                kind = ("yes/no value" if isinstance(value, bool)
                        else "number" if isinstance(value, (int, float)) else "date")
                example = f"""'id: "{plain}"' (in quotes: YAML reads {value!r} as a {kind})"""
            self.error(shown, item.line_of("id"), f"the id {value!r} is not a plain id",
                       f"use lowercase letters, digits and '-', e.g. {example}")
            return None
        return value

    def _strings(self, item: LineDict, key: str, shown: str, owner: str, *, several: bool = False) -> list[str]:
        """The texts under `key`. One text in place of a list is taken as a list of one, except
        where there must be `several` (phrasings): there it is the list's lines run together."""
        value = item.get(key)
        if value is None:
            return []
        if several and isinstance(value, str):
            self.error(shown, item.line_of(key), f"{owner}: '{key}' is one text, not a list",
                       f"write each item of '{key}' as '- text' on its own line under '{key}:'")
            return [_stripped(value)] if value.strip() else []
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        if isinstance(value, list):  # numbers are fine as text: "accept: [1945]"
            value = [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(shown, item.line_of(key), f"{owner}: '{key}' must be a list of texts",
                       f"write each item of '{key}' as '- text' on its own line")
            return [_stripped(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
        return [_stripped(v) for v in value]

    def _tags(self, item: LineDict, shown: str, owner: str) -> list[str]:
        tags = self._strings(item, "tags", shown, owner)
        for tag in tags:
            if "," in tag:  # "tags: history, dates" is one tag in YAML
                self.warn(shown, getattr(tag, "line", item.line_of("tags")),
                          f"{owner}: the tag \"{tag}\" holds a comma: YAML reads it as one tag",
                          f"write several tags as a list: tags: [{', '.join(t.strip() for t in tag.split(','))}]")
        return tags

    def _unknown_keys(self, data: LineDict, allowed: set[str], shown: str, what: str) -> None:
        for key in data:
            if key not in allowed:
                if key == "add_phrasings":  # the other half of what `kb gaps` writes
                    self.error(shown, data.line_of(str(key)), "'add_phrasings' (from `citebot kb gaps`) is a list "
                               "to copy by hand, not part of an entries file",
                               "add each phrasing under 'questions:' of the entry it is listed for, then delete "
                               "'add_phrasings' and what is under it")
                    continue
                near = process.extractOne(str(key), sorted(allowed), scorer=fuzz.ratio, score_cutoff=70)
                hint = f"did you mean '{near[0]}'? " if near else ""
                self.error(shown, data.line_of(str(key)), f"unknown key '{key}' in {_a(what)}",
                           f"{hint}use only: {', '.join(sorted(allowed))}")

    # -- synonyms ----------------------------------------------------------------------------

    def synonyms(self, path: Path, sources: dict[str, Source]
                 ) -> tuple[tuple[tuple[str, ...], ...], dict[str, tuple[tuple[str, ...], ...]]]:
        """The groups for every text (`groups:`), and each text's own (`texts: {ID: [...]}`)."""
        shown = shown_path(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        if text is None:
            return (), {}
        data, problems = parse_yaml(text, shown)
        self.problems += problems
        if data is None:
            return (), {}
        if not isinstance(data, LineDict) or not isinstance(data.get("groups", []), list) or not (
                "groups" in data or "texts" in data):
            self.error(shown, getattr(data, "line", 1), "synonyms.yaml must hold a 'groups:' list",
                       "write 'groups:' and under it '- [canonical name, other name, ...]'")
            return (), {}
        self._unknown_keys(data, {"groups", "texts"}, shown, "synonyms file")
        shared = self._groups(data.get("groups") or [], data.line_of("groups"), shown, {})
        own: dict[str, tuple[tuple[str, ...], ...]] = {}
        texts = data.get("texts")
        if texts is None:
            return shared, own
        if not isinstance(texts, LineDict):
            self.error(shown, data.line_of("texts"), "'texts:' must map a text's id to its own groups",
                       "write 'texts:', then '  SOURCE-ID:' and under it '- [name, other name]'")
            return shared, own
        for sid, groups in texts.items():
            line = texts.line_of(str(sid))
            if str(sid) not in sources:
                self.error(shown, line, f"synonyms for the unknown text '{sid}'",
                           f"use the id of a file in sources/: {', '.join(sorted(sources)) or 'none yet'}")
                continue
            if not isinstance(groups, list):
                self.error(shown, line, f"the synonyms of '{sid}' must be a list of groups",
                           "write '- [name, other name]' under the text's id")
                continue
            seen = {_name_key(n): line for group in shared for n in group}
            own[str(sid)] = self._groups(groups, line, shown, seen)
        return shared, own

    def _groups(self, raw: list, first_line: int, shown: str, seen: dict[str, int]) -> tuple[tuple[str, ...], ...]:
        groups: list[tuple[str, ...]] = []
        for group in raw:
            line = _line_of(group, first_line)
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(n, str) for n in group):
                self.error(shown, line, "a synonym group must list at least two names",
                           "write '- [name, other name]'")
                continue
            keys_here: set[str] = set()
            for name in group:
                key = _name_key(name)
                if key in seen and key not in keys_here:
                    self.error(shown, line, f"'{name}' is in two synonym groups (also line {seen[key]})",
                               "keep each name in one group only (names are compared after normalising)")
                seen[key] = line
                keys_here.add(key)
            groups.append(tuple(n.strip() for n in group))
        return tuple(groups)


def _name_key(name: str) -> str:
    """A synonym as the matcher sees it: "those surveyed" is "survey"."""
    return " ".join(stem(w) for w in words(name) if w not in STOPWORDS) or name.casefold().strip()


def _line_of(value: Any, fallback: int) -> int:
    if isinstance(value, list) and value:
        return getattr(value[0], "line", fallback)
    return getattr(value, "line", fallback)


def _stripped(value: str) -> str:
    """Strip a YAML string, keeping the line it came from."""
    out = LineStr(value.strip())
    out.line = getattr(value, "line", 0)
    if getattr(value, "joined", False):
        out.joined = True
    return out


def _opt(value: Any) -> str | None:
    return str(value).strip() if value is not None and str(value).strip() else None


def _short(text: str, limit: int = 60) -> str:
    text = quote_key(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote_passages(quote: str, source: Source) -> tuple[int, ...]:
    """The numbers of every passage of `source` that holds `quote` (0: the text's details)."""
    key = quote_key(quote)
    return tuple(p.number for p in (source.about, *source.passages) if key in quote_key(p.text))


def numbers_text(numbers: tuple[int, ...]) -> str:
    """'passage 3', 'passages 3 and 7', 'passages 3, 7 and 9'."""
    return f"passage{'s' if len(numbers) > 1 else ''} {listed([str(n) for n in numbers])}"


def _where_quote_is(quote: str, source: Source, cited: int) -> str:
    found = tuple(n for n in quote_passages(quote, source) if n != cited)
    if len(found) == 1:
        return f"the quote is in passage {found[0]} now: cite that number (citebot kb fix-citations)"
    if found:
        return (f"the quote is in {numbers_text(found)} now: cite the one you mean, "
                "or quote more words so that only one passage holds them")
    if quote_key(quote).casefold() in quote_key(source.passages[cited - 1].text).casefold() \
            if 1 <= cited <= len(source.passages) else False:
        return "copy the words exactly as the passage has them (case counts)"
    closest = _closest_wording(quote, source)
    if closest is not None:
        number, wording = closest
        return f"passage {number} has \u201c{_short(wording, 120)}\u201d: quote its wording exactly"
    return "these words are in no passage of the text now: quote its current wording"


def _closest_wording(quote: str, source: Source) -> tuple[int, str] | None:
    """The passage and its words closest to a quote it does not hold exactly (a word changed, a
    typo), when one is close enough (CLOSE_WORDING) to be what the curator meant."""
    key = quote_key(quote)
    best: tuple[float, int, str] | None = None
    for passage in source.passages:
        text = quote_key(passage.text)
        found = fuzz.partial_ratio_alignment(key, text, score_cutoff=CLOSE_WORDING)
        if found is not None and (best is None or found.score > best[0]):
            start, end = found.dest_start, found.dest_end
            while start > 0 and not text[start - 1].isspace():  # whole words, as a curator would copy them
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            wording = text[start:end]
            first, _, rest = wording.partition(" ")
            if rest and first[-1] in ".!?" and key.split(" ", 1)[0][-1:] not in ".!?":
                wording = rest  # the alignment began in the sentence before: "Korea. Japan's ..."
            best = (found.score, passage.number, wording)
    return None if best is None else best[1:]


def check_knowledge(root: Path | str, *, warnings: bool = True) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read a knowledge folder; return it (None if it has errors) with every problem found.

    `warnings=False` skips the slower checks that can only warn (confusable phrasings).
    """
    with collector_paused():  # reading ten thousand entries makes millions of objects, none of them garbage
        return _check_knowledge(Path(root), warnings)


def _check_knowledge(root: Path, warnings: bool) -> tuple[KnowledgeBase | None, list[Problem]]:
    reader = _Reader(root)
    if not root.is_dir():
        reader.error(shown_path(root), 0, "the knowledge folder does not exist",
                     "pass --knowledge DIR or set CITEBOT_KNOWLEDGE to a folder with sources/")
        return None, reader.problems

    sources: dict[str, Source] = {}
    for path in sorted((root / "sources").glob("*.md")) + sorted((root / "sources").glob("*.txt")):
        source = reader.source(path)
        if source is None:
            continue
        if source.id in sources:
            reader.error(source.path, 2, f"the source id '{source.id}' is used twice "
                         f"(also {sources[source.id].path})", "give each source its own id")
            continue
        sources[source.id] = source
    if not sources and not any(p.severity == "error" for p in reader.problems):
        reader.error(shown_path(root / "sources"), 0, "no source texts found",
                     "add a text as sources/ID.md with front matter (see README)")

    entries: list[Entry] = []
    entry_at: dict[str, tuple[str, int]] = {}
    for path in sorted((root / "entries").glob("*.y*ml")):
        default, items, shown = reader.collection(path, "entries")
        for item in items:
            entry = reader.entry(item, default, shown, sources)
            if entry is None:
                continue
            if entry.id in entry_at:
                first = entry_at[entry.id]
                reader.error(shown, item.line_of("id"), f"the entry id '{entry.id}' is used twice "
                             f"(first at {first[0]}:{first[1]})", "give each entry its own id")
                continue
            entry_at[entry.id] = (shown, item.line_of("id"))
            entries.append(entry)

    prompts: list[Prompt] = []
    prompt_ids: set[str] = set()
    prompt_texts: dict[tuple[str, str], Prompt] = {}  # (text id, the prompt's words folded) -> the first
    for path in sorted((root / "prompts").glob("*.y*ml")):
        default, items, shown = reader.collection(path, "prompts")
        for item in items:
            prompt = reader.prompt(item, default, shown, sources)
            if prompt is None:
                continue
            if prompt.id in prompt_ids:
                reader.error(shown, item.line_of("id"), f"the prompt id '{prompt.id}' is used twice",
                             "give each prompt its own id")
                continue
            prompt_ids.add(prompt.id)
            said = (prompt.source, " ".join(words(prompt.text)))
            if said in prompt_texts and not prompt.draft:  # drafts are never posted
                first = prompt_texts[said]
                reader.error(shown, item.line_of("text"), f"prompt '{prompt.id}' says what prompt '{first.id}' says "
                             f"({first.path}:{first.line}): a schedule would post it twice",
                             "remove one, or ask something else")
            elif not prompt.draft:
                prompt_texts[said] = prompt
            prompts.append(prompt)

    synonyms_path = root / "synonyms.yaml"
    synonyms, text_synonyms = reader.synonyms(synonyms_path, sources) if synonyms_path.exists() else ((), {})

    for entry in entries:
        for related in entry.related:
            if related not in entry_at:
                near = process.extractOne(related, list(entry_at), scorer=fuzz.ratio, score_cutoff=70)
                reader.error(entry.path, getattr(related, "line", 0) or entry.line,
                             f"'{entry.id}' is related to the unknown entry '{related}'",
                             (f"did you mean '{near[0]}'? " if near else "") + "use the id of an existing entry")

    by_source: dict[str, list[Entry]] = {sid: [] for sid in sources}
    for entry in entries:
        by_source.setdefault(entry.source, []).append(entry)
    for sid in sources:  # the same phrasing may ask about each text: "who wrote this?"
        reader.problems += phrasing_problems(by_source[sid], synonyms + text_synonyms.get(sid, ()),
                                             confusable=warnings)
    if any(p.severity == "error" for p in reader.problems):
        return None, reader.problems
    kb = KnowledgeBase(sources=sources, entries=tuple(entries), prompts=tuple(prompts),
                       synonyms=synonyms, root=str(root), text_synonyms=text_synonyms)
    return kb, reader.problems


# A form has no lines; each of its fields gets one, so every problem names the field it is about.
FORM_FIELDS = {1: "id", 2: "questions", 3: "answer", 4: "cite", 5: "passage", 6: "quote"}
_FORM_LINES = {name: line for line, name in FORM_FIELDS.items()}


def check_entry(fields: dict[str, Any], kb: KnowledgeBase, *, where: str = "the form",
                replacing: str | None = None) -> tuple[Entry | None, list[Problem]]:
    """One entry made outside the files (in Discord), checked by the rules `citebot kb validate` applies.

    `fields` holds id, questions (a list), answer, source, passage and quote. The entry is read by
    the same reader as a file's entries, then checked against `kb`'s other entries for a taken id
    and for phrasings another entry of its text has (or that the matcher would confuse with it).
    `replacing` is the id of the entry being edited, which may keep its id and its phrasings.
    Each problem's line is the field's key in FORM_FIELDS; the entry is None when there are errors.
    """
    reader = _Reader(Path(where))
    item = _form_item(fields)
    entry = reader.entry(item, str(fields.get("source") or ""), where, dict(kb.sources))
    if entry is not None:
        taken = kb.entry(entry.id)
        if taken is not None and entry.id != replacing:
            reader.error(where, _FORM_LINES["id"], f"the entry id '{entry.id}' is taken (\"{taken.questions[0]}\")",
                         "choose another id, or edit that entry with /kb edit")
        for related in entry.related:
            if kb.entry(related) is None:
                reader.error(where, _FORM_LINES["id"], f"'{entry.id}' is related to the unknown entry '{related}'",
                             "use the id of an existing entry")
        others = [e for e in kb.entries if e.source == entry.source and e.id != replacing]
        reader.problems += [p for p in phrasing_problems([*others, entry], kb.synonyms_for(entry.source),
                                                         confusable=True, only=entry.id) if p.path == where]
    errors = any(p.severity == "error" for p in reader.problems)
    return (None if errors else entry), reader.problems


def check_entries_file(path: Path, kb: KnowledgeBase) -> tuple[list[Entry], list[Problem]]:
    """An entries file (as in entries/: 'source:' and 'entries:') read to serve in one server, each entry
    checked by `citebot kb validate`'s rules against `kb` as `check_entry` checks a form: an id `kb`
    already has is that entry's new version. The entries are [] when there is any error."""
    reader = _Reader(path.parent)
    default, items, shown = reader.collection(path, "entries")
    made: list[Entry] = []
    for item in items:
        entry = reader.entry(item, default, shown, dict(kb.sources))
        if entry is None:
            continue
        if entry.draft:
            reader.error(shown, item.line, f"'{entry.id}' is a draft (draft: true), which no server serves",
                         "finish it and remove 'draft: true'")
        elif any(e.id == entry.id for e in made):
            reader.error(shown, item.line, f"the entry id '{entry.id}' is in this file twice", "keep one of them")
        else:
            made.append(entry)
    if not items and not any(p.severity == "error" for p in reader.problems):
        reader.error(shown, 1, "the file has no entries", "write 'source: SOURCE-ID' and then 'entries:' with "
                     "one '- id: ...' item each, as in the knowledge folder's entries/")
    ids = {e.id for e in made}
    for entry in made:
        for related in entry.related:
            if kb.entry(related) is None and related not in ids:
                reader.error(shown, entry.line, f"'{entry.id}' is related to the unknown entry '{related}'",
                             "use the id of an existing entry")
    for source in dict.fromkeys(e.source for e in made):  # the file's entries last, in place of those they replace
        group = [e for e in kb.entries if e.source == source and e.id not in ids] + [e for e in made
                                                                                     if e.source == source]
        reader.problems += [p for p in phrasing_problems(group, kb.synonyms_for(source), confusable=True)
                            if p.path == shown]
    errors = any(p.severity == "error" for p in reader.problems)
    return ([] if errors else made), reader.problems


def _form_item(fields: dict[str, Any]) -> LineDict:
    def at(value: Any, line: int) -> Any:
        if isinstance(value, str):
            value = LineStr(value)
            value.line = line
        return value

    cite = LineDict()
    cite.line, cite.key_lines, cite.key_columns = _FORM_LINES["cite"], {}, {}
    for key in ("source", "passage", "quote"):
        if fields.get(key) not in (None, ""):
            cite[key] = at(fields[key], _FORM_LINES.get(key, _FORM_LINES["cite"]))
            cite.key_lines[key] = _FORM_LINES.get(key, _FORM_LINES["cite"])
    item = LineDict()
    item.line, item.key_lines, item.key_columns = _FORM_LINES["id"], {}, {}
    item["id"] = at(fields.get("id"), _FORM_LINES["id"])
    item["questions"] = [at(q, _FORM_LINES["questions"]) for q in fields.get("questions") or ()]
    item["answer"] = at(fields.get("answer"), _FORM_LINES["answer"])
    item["cite"] = [cite]
    for key in ("tags", "related", "accept"):
        if fields.get(key):
            item[key] = list(fields[key])
    for key in item:
        item.key_lines[key] = _FORM_LINES.get(key, _FORM_LINES["id"])
    return item


def parse_source(text: str, name: str) -> tuple[Source | None, list[Problem]]:
    """A source file's text (as `citebot kb draft` writes it) read as the loader reads sources/."""
    reader = _Reader(Path(name))
    source = reader.source_text(text, name)
    errors = any(p.severity == "error" for p in reader.problems)
    return (None if errors else source), reader.problems


def load_knowledge(root: Path | str) -> KnowledgeBase:
    """Load a knowledge folder for serving; raise KnowledgeError naming every error."""
    kb, problems = check_knowledge(root, warnings=False)
    if kb is None:
        raise KnowledgeError(problems)
    return kb


def _a(noun: str) -> str:
    """The noun with its article: "an entry", "a prompt", "an 'id'"."""
    return ("an " if noun.lstrip("'\"")[:1].lower() in "aeiou" else "a ") + noun


def _as_written(value: bool | int | float | datetime.date) -> str:
    """An answer YAML read as a value, as text to quote: a yes/no value as a sentence ("yes" and
    "true" both read as True), a number or date as it stands."""
    if isinstance(value, bool):
        return "Yes." if value else "No."
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
