"""Study-group features from the terminal: prompts, quizzes, the curators' queue, coverage."""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TextIO, TypeVar

from .. import render
from ..kb import KnowledgeBase
from ..kb.quiz import Record, accepted_answers, after, check, pick, quizzable
from ..prompting import export_yaml, next_prompt, server_prompts
from .common import EXIT_OK, CliError, NoDatabase, UsageError, counted, deliver, load, source_arg
from .common import engine as cli_engine

T = TypeVar("T")


def with_store(action: Callable[..., Awaitable[T]], *, create: bool = False) -> T:
    """Run `action(store)` against the bot's database, which must already exist unless `create`
    (a server's set-up, which may come before the bot first runs: the database is made, and said so).

    A damaged or unwritable file, or a server that refuses, is one line naming it and what to do,
    never a traceback.
    """
    import os
    from pathlib import Path

    from ..config import Settings, is_postgres, load_dotenv
    from ..store import Store, StoreError
    from ..store.core import database_errors

    load_dotenv()
    target = Settings.from_env().database
    made = not is_postgres(target) and not Path(target).exists()
    if made:
        if not create:
            raise NoDatabase(f"no database at {target}: the bot makes it when it first runs, and so does `citebot "
                             "server settings` when run in the bot's folder or with CITEBOT_DB naming its database")
        if not (os.environ.get("CITEBOT_DB", "").strip() or os.environ.get("CITEBOT_DATA_DIR", "").strip()
                or Path(".env").is_file()):
            # Run from some other folder, a new empty database here would take the change while the
            # bot, wherever it runs, never sees it.
            raise NoDatabase(f"no database at {Path(target).resolve()}, and nothing says the bot runs here (no "
                             "CITEBOT_DB, CITEBOT_DATA_DIR or .env): run this in the bot's folder, or set CITEBOT_DB "
                             "to the bot's database (a new one is made there if the bot has not run yet)")

    async def run() -> T:
        async with Store(target) as store:
            try:
                return await action(store)
            except BrokenPipeError:
                raise  # the reader of the output went away (`citebot db | head`): no fault of the database
            except database_errors() as exc:
                raise StoreError.explain(store.where, exc, setting=store.setting) from exc

    import asyncio  # here, not above: the answer commands never need an event loop

    try:
        result = asyncio.run(run())
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    if made:
        sys.stderr.write(f"citebot: created the database at {Path(target).resolve()}; the bot uses it when it runs "
                         "with the same settings (CITEBOT_DB, or this folder)\n")
    return result


# -- prompts --------------------------------------------------------------------------------------

def _server_prompts(args: argparse.Namespace) -> tuple[KnowledgeBase, list, dict]:
    """The knowledge a server's prompts are on (its own texts too, with --guild), its prompts as
    /prompt-admin sees them, and their posting history."""
    kb = load(args)
    if args.guild is None:
        return kb, server_prompts(kb, [], None), {}
    from .guild import guild_knowledge, stored_rows

    own = guild_knowledge(args, stored_rows(args.guild))
    served = own.engine.kb

    async def read(store):
        settings = await store.settings(args.guild)
        chosen = settings.sources
        if chosen is not None:  # the texts it chose, and always those it brought in itself
            chosen = chosen + tuple(t for t in own.texts if t not in chosen)
        prompts = server_prompts(kb, await store.custom_prompts(args.guild), chosen)
        return [p for p in prompts if p.source in served.sources], await store.post_history(args.guild)

    prompts, history = with_store(read)
    return served, prompts, history


def cmd_prompts_list(args: argparse.Namespace, out: TextIO) -> int:
    kb, prompts, history = _server_prompts(args)
    source = source_arg(kb, args.source)
    prompts = [p for p in prompts if source is None or p.source == source]
    if not prompts:
        out.write(f"No prompts for {source or 'these texts'} yet{_drafts_waiting(kb, source)}.\n")
    for prompt in prompts:
        times, last = history.get(prompt.id, (0, ""))
        used = f"used {times}x, last {last[:10]}" if times else "not used"
        cited = list(dict.fromkeys(str(c.passage) for c in prompt.citations))  # two quotes of one: once
        passages = f"passage{'s' if len(cited) > 1 else ''} {', '.join(cited)}" if cited else "no passage"
        text = f"{kb.sources[prompt.source].name}; " if len(kb.sources) > 1 and prompt.source in kb.sources else ""
        out.write(f"{prompt.id}  [{text}{used}; {passages}]\n  {prompt.text}\n")
    drafts = sum(1 for p in kb.prompts if p.draft and (source is None or p.source == source))
    if prompts and drafts:  # the drafts are not served, and not listed: say they are there
        out.write(f"Not listed: {drafts} drafted prompt{'s' if drafts != 1 else ''} waiting for a curator to "
                  "remove 'draft: true'.\n")
    return EXIT_OK


def _drafts_waiting(kb: KnowledgeBase, source: str | None) -> str:
    """How many drafted prompts of the texts (or of one) wait for a curator, said after "no prompts"."""
    drafts = sum(1 for p in kb.prompts if p.draft and (source is None or p.source == source))
    return f"; {drafts} drafted ones wait for a curator to remove 'draft: true'" if drafts else ""


def cmd_prompts_next(args: argparse.Namespace, out: TextIO) -> int:
    if args.posted and args.guild is None:
        raise UsageError("--posted records a post in one server: give its id with --guild ID")
    if args.channel is not None and not args.posted:
        raise UsageError("--channel says where a prompt was posted: give it with --posted")
    kb, prompts, history = _server_prompts(args)
    source = source_arg(kb, args.source)
    prompts = [p for p in prompts if source is None or p.source == source]
    chosen = next_prompt(prompts, {k: n for k, (n, _) in history.items()})
    if chosen is None:
        raise CliError(f"there are no prompts for {source or 'these texts'}{_drafts_waiting(kb, source)}")
    label = f" [{kb.sources[chosen.source].name}]" if len(kb.sources) > 1 and chosen.source in kb.sources else ""
    out.write(f"{chosen.id}{label}: {chosen.text}\n")
    if args.posted:
        with_store(lambda store: store.record_post(args.guild, chosen.id, args.channel, None))
        out.write(f"Recorded as posted in server {args.guild}: the next one comes next, and this one only once "
                  "every other has been posted.\n")
    return EXIT_OK


def cmd_prompts_post(args: argparse.Namespace, out: TextIO) -> int:
    """A chosen prompt recorded as posted in a server, as /prompt-admin post records what it posts."""
    import difflib

    _, prompts, history = _server_prompts(args)
    chosen = next((p for p in prompts if p.id == args.prompt), None)
    if chosen is None:
        close = difflib.get_close_matches(args.prompt, [p.id for p in prompts], n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise CliError(f"server {args.guild} has no prompt called '{args.prompt}'.{hint} "
                       f"`citebot prompts list --guild {args.guild}` lists them")
    times = history.get(chosen.id, (0, ""))[0]
    out.write(f"{chosen.id}: {chosen.text}\n")
    with_store(lambda store: store.record_post(args.guild, chosen.id, args.channel, None))
    again = f", {counted(times + 1, 'time')} now" if times else ""
    out.write(f"Recorded as posted in server {args.guild}{again}: `prompts next` now gives the others first.\n")
    return EXIT_OK


def cmd_prompts_suggest(args: argparse.Namespace, out: TextIO) -> int:
    """A member's suggested prompt, vetted and queued as /prompt suggest does."""
    from ..prompting import vet_suggestion

    kb, prompts, _ = _server_prompts(args)
    source = source_arg(kb, args.source)
    if source is None:
        served = sorted(kb.sources)  # the shared texts and the server's own
        if len(served) > 1:
            raise UsageError(f"which text is it on? Give --source ID, one of: {', '.join(served)}")
        source = served[0]
    text = " ".join(args.text).strip()

    async def act(store):
        pending = await store.suggestions(args.guild)
        rejected = await store.suggestions(args.guild, status="rejected")
        mine = sum(1 for s in pending if s.user_id == args.user)
        reason = vet_suggestion(text, kb=kb, source=source, passage=args.passage, existing=[p.text for p in prompts],
                                pending_by_member=mine, waiting=[s.text for s in pending],
                                rejected=[s.text for s in rejected])
        return reason if reason else await store.add_suggestion(args.guild, args.user, text, source, args.passage)

    outcome = with_store(act, create=True)
    if isinstance(outcome, str):
        raise CliError(f"not added: {outcome}")
    out.write(f"Suggestion #{outcome} waits for a moderator: citebot server suggestions --guild {args.guild} "
              f"--approve {outcome} (or --reject {outcome}).\n")
    return EXIT_OK


def cmd_prompts_remove(args: argparse.Namespace, out: TextIO) -> int:
    """Take one of a server's own prompts out, as /prompt-admin remove does."""
    removed = with_store(lambda store: store.remove_custom_prompt(args.guild, args.prompt))
    if removed is None:
        raise CliError(f"server {args.guild} has no prompt of its own called '{args.prompt}' (see `citebot prompts "
                       f"list --guild {args.guild}`; the shipped prompts are the knowledge folder's)")
    out.write(f"Removed '{removed.id}' from server {args.guild}'s prompts: \u201c{removed.text}\u201d\n")
    return EXIT_OK


def cmd_prompts_export(args: argparse.Namespace, out: TextIO) -> int:
    async def read(store):
        return await store.custom_prompts(args.guild)

    from .guild import guild_knowledge

    prompts = with_store(read)
    kb = guild_knowledge(args).engine.kb  # a prompt on the server's own text quotes that text
    if not prompts:
        raise CliError(f"server {args.guild} has no prompts of its own to export (approved suggestions become "
                       "its prompts)")
    counted = f"{len(prompts)} {'prompt' if len(prompts) == 1 else 'prompts'}"
    deliver(export_yaml(prompts, guild_id=args.guild, kb=kb), args.out, out, what=counted, force=args.force)
    return EXIT_OK


# -- quiz -----------------------------------------------------------------------------------------

# Questions in a terminal quiz unless --count says otherwise: a round, not an endless drill.
QUIZ_ROUND = 10


def cmd_quiz(args: argparse.Namespace, out: TextIO) -> int:
    from .guild import guild_engine

    if args.leaderboard:
        if args.guild is None:
            raise UsageError("--leaderboard needs --guild ID")

        async def read(store):
            return await store.leaderboard(args.guild)

        board = with_store(read)
        if not board:
            out.write(f"No quiz answers recorded in server {args.guild} yet.\n")
        for place, (user, right, wrong) in enumerate(board, 1):
            out.write(f"{place}. user {user}: {right} right, {wrong} wrong\n")
        return EXIT_OK
    from ..store import now  # the store (and its event loop) only for commands that use it

    if args.user is not None and args.guild is None:
        raise UsageError("--user takes the quiz as a member of a server: give its id with --guild ID")
    # With --guild, the quiz that server's members get: its own entries and texts too.
    kb = guild_engine(args, err=sys.stderr)[0].kb if args.guild is not None else load(args)
    source = source_arg(kb, args.source)
    entries = [e for e in kb.live_entries if quizzable(e) and (source is None or e.source == source)]
    rng = random.Random(args.seed)
    if not entries:
        raise CliError(_no_quiz(kb, source))
    # As a member (--user), their record from /quiz decides what comes up, and each answer is kept.
    records: dict[str, Record] = with_store(lambda store: store.quiz_records(args.guild, args.user), create=True) \
        if args.user is not None else {}
    of = f" on server {args.guild}'s knowledge" if args.guild is not None else ""
    # Unasked for, a round is no longer than the questions there are: one entry is not asked ten times.
    count = args.count if args.count is not None else min(QUIZ_ROUND, len(entries))
    kept = (f"Scores are kept for user {args.user}, as /quiz keeps them." if args.user is not None
            else "Scores here are not kept (a server's /quiz keeps them, and so does --guild ID --user ID).")
    out.write(f"Quiz of {count} question{'s' if count != 1 else ''}{of}: type your answer; an empty line "
              f"gives up, 'q' stops. {kept}\n")
    if count > len(entries):  # every one is asked before any comes again
        out.write(f"Only {len(entries)} entr{'y has' if len(entries) == 1 else 'ies have'} a short answer to quiz "
                  "on: some come round again.\n")
    last = None
    asked = right = 0
    this_round: set[str] = set()  # no question twice until every one has been asked
    while asked < count:
        if len(this_round) >= len(entries):
            this_round = {last} if last else set()
        entry = pick(entries, records, rng=rng, avoid=this_round)  # never None: `entries` holds one at least
        out.write(f"\nQ: {entry.questions[0]}\n> ")
        out.flush()
        line = sys.stdin.readline()
        if not line or line.strip().lower() == "q":
            break
        reply = line.strip() or None
        correct = reply is not None and check(reply, accepted_answers(entry), kb.synonyms_for(entry.source),
                                              question=entry.questions[0], answer=entry.answer)
        records[entry.id] = after(records.get(entry.id), correct, now() if args.user is not None else str(asked))
        if args.user is not None:
            with_store(lambda store, e=entry.id: store.save_quiz(args.guild, args.user, e, records[e]))
        asked += 1
        right += correct
        verdict = "Right!" if correct else ("The answer:" if reply is None else "Not quite. The answer:")
        out.write(f"{verdict} {entry.answer}\n")
        for citation in entry.citations[:2]:
            passage = kb.passage(citation.source, citation.passage)
            label = render.passage_names([passage], kb.sources) if passage else str(citation.passage)
            out.write(f"  [{label}] \u201c{render.clip(citation.quote, 200)}\u201d\n")
        last = entry.id
        this_round.add(last)
    out.write(f"\n{right} of {asked} right.\n" if asked else "\nNo question answered.\n")
    return EXIT_OK


def _no_quiz(kb: KnowledgeBase, source: str | None) -> str:
    """Why there is nothing to quiz on, and what a curator can do about it."""
    own = [e for e in kb.entries if source is None or e.source == source]
    where = f"'{source}'" if source else "these texts"
    if not own:
        return f"there are no quiz questions for {where}: it has no entries yet"
    if all(e.draft for e in own):
        return (f"there are no quiz questions for {where}: its {len(own)} entries are all drafts; "
                "remove 'draft: true' from those you keep")
    return (f"there are no quiz questions for {where}: no entry has a short answer to check; give some an "
            "'accept:' list of the answers to take")


# -- the curators' queue and coverage -----------------------------------------------------------

def cmd_kb_gaps(args: argparse.Namespace, out: TextIO) -> int:
    from ..kb.gaps import NOT_ABOUT_THE_TEXT, find_gaps, gaps_yaml
    from .guild import guild_engine

    # A server's queue is read against what that server serves: its own texts and entries too.
    engine = guild_engine(args, err=sys.stderr)[0] if args.guild is not None else cli_engine(args)

    async def read(store):
        # A server's channels bound to one text: a question asked there was asked of that text.
        bound = dict(await store.channel_texts(args.guild)) if args.guild is not None else {}
        return await store.gap_questions(args.guild), bound

    try:
        logged, bound = with_store(read)
    except NoDatabase as exc:  # no bot has run here yet: nothing can have been logged
        if args.dismiss is not None:
            raise CliError(f"there is no gap #{args.dismiss}: no questions are logged yet ({exc})") from None
        out.write(f"No questions logged yet: {exc}. The gaps queue holds questions members ask in "
                  "Discord, and with citebot ask --guild ID --log.\n")
        return EXIT_OK
    if not logged:
        where = f" in server {args.guild}" if args.guild is not None else ""
        if args.dismiss is not None:
            raise CliError(f"there is no gap #{args.dismiss}: the queue{where} is empty")
        out.write(f"The queue is empty: no question logged{where} was declined, answered with low confidence or "
                  "voted down. (Questions asked in Discord are logged, and with citebot ask --guild ID --log.)\n")
        return EXIT_OK
    closed: list = []
    gaps = find_gaps(logged, engine, limit=args.limit, closed=closed, bound=bound)
    listing = "citebot kb gaps" + (f" --guild {args.guild}" if args.guild is not None else "")
    if args.dismiss is not None:
        # A gap's number is its first question's in the log: the same however the queue has moved since it was listed.
        gap = next((g for g in gaps if g.number == args.dismiss), None)
        if gap is None:
            raise CliError(f"there is no gap #{args.dismiss} in the queue now: {listing} lists them, each with "
                           "its number")
        taken = with_store(lambda store: store.dismiss_questions(gap.asked, args.guild))
        asked_in = f" (asked in {_servers(gap.guilds)})" if args.guild is None else ""
        out.write(f"Dismissed #{args.dismiss} {gap.example!r}{asked_in}: {taken} logged question(s) left the queue "
                  "(kept in the log). Ask again the same way and it comes back.\n")
        return EXIT_OK
    if not gaps:
        out.write("No gaps: every question the bot logged is answered well now. (Questions asked in "
                  "Discord are logged, and with citebot ask --guild ID --log.)\n")
        return EXIT_OK
    for gap in gaps:
        target = (f"add to '{gap.entry_id}'" if gap.entry_id
                  else "new entry, passages " + render.passage_names(
                      [p for sid, n in gap.passages if (p := engine.kb.passage(sid, n))], engine.kb.sources)
                  if gap.passages
                  else NOT_ABOUT_THE_TEXT)
        votes = f", {gap.downvotes} thumbs down" if gap.downvotes else ""
        votes += "".join(f" on the answer from '{answered}'" for answered in gap.answered)
        asked_in = f"  [{_servers(gap.guilds)}]" if args.guild is None else ""
        out.write(f"#{gap.number:<3}{gap.count:>3}x  {gap.example!r}  ({target}{votes}){asked_in}\n")
    if closed:
        shown = "; ".join(repr(q) for q in list(dict.fromkeys(a.question for a in closed))[:3])
        out.write(f"(Left out: {len(closed)} logged question(s) the knowledge now answers with confidence, such as "
                  f"{shown}. Check that those answers are right.)\n")
    out.write(f"(Dealt with one, or it needs nothing? {listing} --dismiss N takes it out.)\n")
    if args.guild is None:
        out.write("(Every server's questions, read against the shared knowledge: with --guild ID, one server's, "
                  "read against its own texts and entries too.)\n")
    if not args.out:
        out.write("\n")
    deliver(gaps_yaml(gaps, engine), args.out, out, what="ready-to-paste YAML", force=args.force)
    return EXIT_OK


def _servers(guilds: Sequence[int | None]) -> str:
    """Where a gap's questions were asked: "server 111", "servers 111, 222", "direct messages"."""
    servers = [str(g) for g in sorted(g for g in guilds if g is not None)]
    named = [f"server{'s' if len(servers) > 1 else ''} {', '.join(servers)}"] if servers else []
    return ", ".join(named + ["direct messages"] * (None in guilds)) or "no server"


def cmd_kb_coverage(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args)
    for src in kb.sources.values():
        entries = {c.passage for e in kb.live_entries for c in e.citations if c.source == src.id}
        prompts = {c.passage for p in kb.prompts if not p.draft for c in p.citations if c.source == src.id}
        bare = [p.number for p in src.passages if p.number not in entries | prompts]
        no_prompt = [p.number for p in src.passages if p.number not in prompts]
        out.write(f"{src.id}: {len(src.passages)} passages (drafts not counted: they are not served)\n")
        out.write(f"  with no entry and no prompt: {', '.join(map(str, bare)) or 'none'}\n")
        out.write(f"  with no prompt: {', '.join(map(str, no_prompt)) or 'none'}\n")
    return EXIT_OK
