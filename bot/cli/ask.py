"""Asking and reading from the terminal: ask, chat, passage, search."""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import TextIO

from .. import render
from ..kb import Answer, Engine, KnowledgeBase, Suggestion, dialogue
from ..kb.models import Passage
from .common import EXIT_ERROR, EXIT_OK, NoDatabase, UsageError, source_arg


def cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from .guild import guild_engine

    if args.guild is None and (args.channel is not None or args.log):
        raise UsageError(f"{'--channel' if args.channel is not None else '--log'} asks as in one server: "
                         "give its id with --guild ID")
    if args.log:
        _can_log()  # before any answer: one that cannot be logged is no rehearsal of Discord
    engine, texts = guild_engine(args)
    kb = engine.kb
    source = source_arg(kb, args.source) or _bound_text(args, kb) or texts
    if args.jsonl:
        if args.question:
            raise UsageError("--jsonl reads the questions from standard input, one per line; give one "
                             f"question without --jsonl, e.g. citebot ask --json {_shell_quoted(engine, source)}")
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None) \
            if hasattr(sys.stdin, "buffer") else sys.stdin
        for line in stream:
            answer = engine.ask(line.rstrip("\r\n"), source=source)
            if args.log:
                _log(args, (answer,))
            out.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        return EXIT_OK
    question = " ".join(args.question)
    if not question.strip() and not args.json:
        raise UsageError(f"give a question, e.g. citebot ask {_shell_quoted(engine, source)}")
    answers = engine.ask_all(question, source=source)
    if args.log:
        _log(args, answers)
    if args.json:  # one object; a message of several questions carries the others in "more"
        first = answers[0].to_dict()
        if len(answers) > 1:
            first["more"] = [a.to_dict() for a in answers[1:]]
        out.write(json.dumps(first, ensure_ascii=False) + "\n")
    else:
        out.write(_answers_text(answers, kb) + "\n")
    return EXIT_OK


def _bound_text(args: argparse.Namespace, kb: KnowledgeBase) -> str | None:
    """The text `--channel` is bound to in `--guild`'s settings, if it is one served; as in Discord,
    a text since removed leaves the server's texts to answer."""
    if args.channel is None:
        return None
    from .study import with_store

    try:
        bound = with_store(lambda store: store.channel_text(args.guild, args.channel))
    except NoDatabase:
        return None  # no database: no channel is bound to anything yet
    return bound if bound in kb.sources else None


def _can_log() -> None:
    """Whether `--log` has a database to log in, or may make one here: else the reason, raised."""
    from .study import with_store

    async def nothing(store) -> None:
        return None

    with_store(nothing, create=True)


def _log(args: argparse.Namespace, answers: tuple[Answer, ...]) -> None:
    """Each answer logged for `--guild` (and `--channel`), as a question asked in Discord is."""
    from .study import with_store

    async def log(store) -> None:
        for answer in answers:
            await store.log_question(guild_id=args.guild, channel_id=args.channel, question=answer.question,
                                     kind=answer.kind, entry_id=answer.entry.id if answer.entry else None,
                                     confidence=answer.confidence)

    with_store(log, create=True)


def _shell_quoted(engine: Engine, source: str | tuple[str, ...] | None) -> str:
    """Questions the texts asked about can answer (one for each of the first two), quoted for the
    shell, to show how to ask."""
    def quoted(example: str) -> str:
        return '"' + "".join("\\" + c if c in '"$`\\' else c for c in example) + '"'

    return " or ".join(quoted(example) for example in engine.examples(source))


def _answers_text(answers: tuple[Answer, ...], kb: KnowledgeBase, *, pickable: bool = False,
                  describe_sources: bool = True) -> str:
    """One answer as it is; several, each under the question it answers. `describe_sources`: each
    cited text's full description under the answer (in chat, the greeting gave it once)."""
    def one(answer: Answer) -> str:
        return render.answer_text(answer, kb.sources, pickable=pickable, describe_sources=describe_sources)

    if len(answers) == 1:
        return one(answers[0])
    return "\n\n".join(f"\u00bb {a.question}\n{one(a)}" for a in answers)


SEARCH_SHOWN = 5  # passages a search lists, best first

CHAT_HELP = """Ask anything about the text. Also:
  passage N [ID]  read passage N (of text ID; 0 is its details)
  search WORDS    find passages
  1, 2, 3         pick a suggestion (or, after a search, a passage to read)
  sources         the texts
  help            this help
  quit            leave (or Ctrl-D)"""


def cmd_chat(args: argparse.Namespace, out: TextIO) -> int:
    from .guild import guild_engine

    if args.guild is None and args.channel is not None:
        raise UsageError("--channel asks as in one server: give its id with --guild ID")
    engine, texts = guild_engine(args)  # with --guild, as that server's members ask
    kb = engine.kb
    source = source_arg(kb, args.source) or _bound_text(args, kb)
    scope = source or texts  # what questions are asked of
    titles = "; ".join(f"{s.title} ({s.author})" for s in kb.sources.values()
                       if (s.id == source if source else texts is None or s.id in texts))
    out.write(f"Citebot \u2014 studying: {titles}\nType a question, 'help' or 'quit'.\n")
    suggestions: list[Suggestion] = []
    found: list[Passage] = []  # the passages the last search listed, until the next question
    last: Answer | None = None
    typed = sys.stdin.isatty()
    if typed:
        try:  # line editing and history for what is typed, and Ctrl-D as a terminal user expects it
            import readline  # noqa: F401
        except ImportError:  # pragma: no cover - Python built without it (Windows)
            pass
    while True:
        if typed:
            out.flush()
            try:
                line = input("\n> ") + "\n"
            except EOFError:  # Ctrl-D on an empty line: a half-typed one is never sent on its own
                out.write("\n")
                return EXIT_OK
        else:
            line = sys.stdin.readline()
            if not line:
                return EXIT_OK
        text = line.strip()
        if not text:  # an empty line asks nothing: the prompt again
            continue
        if not typed:  # read from a file or a pipe: the transcript shows what was asked, and ends with the last answer
            out.write(f"\n> {text}\n")
        word, _, rest = text.partition(" ")
        if text.lower() in {"quit", "exit", "q"}:
            return EXIT_OK
        if text.lower() in {"help", "?"}:
            out.write(CHAT_HELP + "\n")
            continue
        if text.lower() == "sources":
            out.write(_sources_text(kb) + "\n")
            continue
        if word.lower() == "passage":
            number, _, named = rest.strip().partition(" ")
            # "passage 3 broad-street-1854", or else the text of the conversation so far.
            about = named.strip() or source or _topic(last)
            if about and about not in kb.sources:
                out.write(f"There is no text '{about}'; the texts are: {', '.join(kb.sources)}.\n")
                continue
            out.write(_passage_text(kb, number, about, in_chat=True) + "\n")
            continue
        if word.lower() == "search":
            shown, found = _search_text(engine, rest, scope, numbered=True)
            out.write(shown + "\n")
            continue
        if found and text.isdigit() and 1 <= int(text) <= len(found):
            passage = found[int(text) - 1]
            out.write(render.passage_text(passage, kb.sources[passage.source]) + "\n")
            continue
        picked = None
        if text.isdigit() and 1 <= int(text) <= len(suggestions):
            picked = suggestions[int(text) - 1]
            out.write(f"({picked.question})\n")
        elif text.isdigit() and len(text) < 3:  # a pick, but nothing (or not that many) on offer
            on_offer = len(found) or len(suggestions)
            offered = (("Pick 1, or" if on_offer == 1 else f"Pick 1 to {on_offer}, or") if on_offer
                       else "There are no suggestions to pick from:")
            out.write(f"{offered} ask a question in words.\n")
            continue
        found = []
        # A picked suggestion is that entry's answer; any other line is read after the last
        # answer, so "why?" or "and China?" follow it up.
        answer = engine.answer_entry(picked.entry_id, question=picked.question) if picked else None
        answers = (answer,) if answer else engine.ask_all(text, source=scope, after=last)
        # The conversation's topic is the last answer; a decline that names where to read on
        # ("who was the club president in 1889": related passages of one text) moves it there, so that
        # "what did he do?" is asked of that text, not of an answer two questions back. A decline of
        # "why?" leaves it where it was: "when was that?" next still asks of the answer before.
        last = next((a for a in reversed(answers) if a.kind != "none" or (
            a.reason == "not-found" and a.related and not (last and dialogue.leans_on_the_answer(a.question)))), last)
        suggestions = list(answers[-1].suggestions)
        out.write(_answers_text(answers, kb, pickable=True, describe_sources=False) + "\n")
        if not suggestions and answers[-1].related:
            # A decline that names related passages but offers no entry: a number reads one of them.
            found = list(answers[-1].related)
            named = render.passage_names(found, kb.sources)
            if not render.several(kb.sources):
                named = f"passage{'s' if len(found) > 1 else ''} {named}"
            out.write(f"(type {'1' if len(found) == 1 else f'1 to {len(found)}'} to read "
                      f"{'it' if len(found) == 1 else 'one'}: {named})\n")


# -- passage / search -----------------------------------------------------------------------------

def _topic(answer: Answer | None) -> str | None:
    """The text an answer came from, if any."""
    if answer is None:
        return None
    if answer.entry is not None:
        return answer.entry.source
    return next((c.passage.source for c in answer.citations), None) or next((p.source for p in answer.related), None)


def _passage_text(kb: KnowledgeBase, number: str, source: str | None, *, in_chat: bool = False) -> str:
    if source is None and len(kb.sources) > 1:
        how = "passage N ID" if in_chat else "--source ID"
        return f"Which text? Give {how}; the texts are: {', '.join(kb.sources)}."
    src = kb.sources[source or next(iter(kb.sources))]
    if not number.strip().isdigit() or src.passage(int(number)) is None:
        return (f"'{src.title}' has passages 1 to {len(src.passages)} (and 0, the text's details); "
                "give one of those numbers.")
    return render.passage_text(src.passage(int(number)), src)


def _search_text(engine: Engine, words: str, source: str | tuple[str, ...] | None, *,
                 numbered: bool = False, most: int = SEARCH_SHOWN) -> tuple[str, list[Passage]]:
    """The passages that use the words, best first, one line each (at most `most`), and those
    listed; `numbered` in chat, where a number then reads that passage in full."""
    if not words.strip():
        return "Give some words to look for, e.g. search Levada poll", []
    hits = engine.search(words, source=source, limit=most + 1)
    if not hits:
        return render.search_miss(words), []
    lines = []
    for n, (_, passage) in enumerate(hits[:most], 1):  # the scores tie too often to be worth showing
        label = render.passage_names([passage], engine.kb.sources)
        line = f"[{label}] {render.around(passage.text, words, 160)}"  # one line each
        lines.append(f"{n}. {line}" if numbered else line)
    if len(hits) > most:
        more = "" if numbered else f", or show more with --limit {2 * most}"
        lines.append(f"(the best {most}; more passages use these words: add a word to narrow the search{more})")
    if numbered:
        shown = min(len(hits), most)
        lines.append("(type 1 to read it in full)" if shown == 1 else f"(type 1 to {shown} to read a passage in full)")
    return "\n".join(lines), [passage for _, passage in hits[:most]]


def _sources_text(kb: KnowledgeBase) -> str:
    lines = []
    for src in kb.sources.values():
        entries = sum(1 for e in kb.live_entries if e.source == src.id)
        lines.append(f"{src.id}: {render.source_line(src)} \u2014 {len(src.passages)} passages, {entries} entries")
    return "\n".join(lines)


def cmd_passage(args: argparse.Namespace, out: TextIO) -> int:
    from .guild import guild_engine

    kb = guild_engine(args)[0].kb  # with --guild, that server's own texts too
    source = source_arg(kb, args.source)
    text = _passage_text(kb, str(args.number), source)
    out.write(text + "\n")
    return EXIT_OK if text.startswith(("Passage", "About the text")) else EXIT_ERROR


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from .guild import guild_engine

    engine, texts = guild_engine(args)  # with --guild, the texts that server answers from
    out.write(_search_text(engine, " ".join(args.words), source_arg(engine.kb, args.source) or texts,
                           most=args.limit)[0] + "\n")
    return EXIT_OK
