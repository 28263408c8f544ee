"""A server's moderation from the terminal: its settings, its prompt schedule, the prompts its
members suggested. The bot's owner, who holds its database, acts here as Manage Server does in
Discord; a running bot reads each change from the database the next time it needs it.
"""

from __future__ import annotations

import argparse
import re
from typing import TextIO

from .common import EXIT_OK, CliError, NoDatabase, UsageError, discord_id, numbered, role_id
from .study import with_store

_MENTION = re.compile(r"<#(\d+)>")


def cmd_server_settings(args: argparse.Namespace, out: TextIO) -> int:
    from ..settings_plan import plan_settings
    from .guild import guild_knowledge, stored_rows

    binding: dict[int, str] = {}  # every --bind, applied together
    for given in args.bind or ():
        channel, sep, text = given.partition("=")
        try:
            channel_id = discord_id(channel)
        except argparse.ArgumentTypeError:
            channel_id = None
        if not sep or channel_id is None:
            raise UsageError(f"--bind takes CHANNEL_ID=TEXT_ID (or CHANNEL_ID=any), not {given!r}")
        if binding.get(channel_id, text) != text:
            raise UsageError(f"--bind names channel {channel_id} twice ({channel_id}={binding[channel_id]}, "
                             f"{given}); give each channel one text")
        binding[channel_id] = text
    try:
        rows = stored_rows(args.guild)
    except NoDatabase:
        rows = None  # no database yet: the server has no texts of its own
    served = guild_knowledge(args, rows).engine.kb.sources
    plan = plan_settings(args.guild, served, may_choose_roles=True,
                         roles={"moderator": args.moderator_role, "curator": args.curator_role},
                         texts=args.texts, timezone=args.timezone, visibility=args.visibility,
                         channels=list(binding.items()))
    if plan.refused:
        raise UsageError("nothing was changed: " + " ".join(plan.refused))  # every check, as /settings says
    changing = bool(plan.changes or plan.bindings)

    async def act(store):
        before = (await store.settings(args.guild)).timezone
        if changing:
            await store.apply_settings(args.guild, channels=plan.bindings, **plan.changes)
        after = await store.settings(args.guild)
        scheduled = await store.schedules(args.guild) if after.timezone != before else []
        return after, await store.channel_texts(args.guild), scheduled

    current, bindings, scheduled = with_store(act, create=True)
    changed = "changed; " if changing else ""
    out.write(f"server {args.guild} ({changed}a running bot uses this from its next question):\n"
              f"  moderator role: {current.moderator_role_id or 'none (Manage Server only)'}\n"
              f"  curator role:   {current.curator_role_id or 'none (Manage Server only)'}\n"
              f"  answers:        {'only to the asker' if current.ephemeral else 'shown to the channel'}\n"
              f"  texts:          {', '.join(current.sources) if current.sources else 'all'}\n"
              f"  time zone:      {current.timezone}\n")
    for channel, text in bindings:  # every binding, not only one just made: what a moderator checks
        apart = current.sources and text not in current.sources
        note = f" (not among the texts above, but asked here all the same; --bind {channel}=any undoes it)" \
            if apart else ""
        out.write(f"  channel {channel}: asks {text}{note}\n")
    for channel in sorted(binding.keys() - dict(bindings)):
        out.write(f"  channel {channel}: asks the server's texts\n")
    for schedule in scheduled:  # a schedule keeps its clock time, now read in the new zone
        out.write(f"  prompts:        still at {schedule.time}, now {current.timezone} time "
                  f"(citebot server schedule --guild {args.guild} changes it)\n")
    return EXIT_OK


def cmd_server_schedule(args: argparse.Namespace, out: TextIO) -> int:
    from ..schedule import ScheduleError, parse_time, parse_weekday

    setting = args.daily is not None or args.weekly is not None
    if args.off and (setting or args.channel is not None or args.on):
        raise UsageError("--off stops the schedule; give it alone, or set a new one without it")
    if args.on and setting:
        raise UsageError("--on starts the schedule again at its time; a new time (--daily, --weekly) starts it too")
    if args.daily is not None and args.weekly is not None:
        raise UsageError("give --daily or --weekly, not both")
    when, weekday = args.daily, 0
    if args.weekly is not None:
        day, when = args.weekly
        try:
            weekday = parse_weekday(day)
        except ScheduleError as exc:
            raise UsageError(str(exc)) from exc
    if setting:
        try:
            hour, minute = parse_time(when)
        except ScheduleError as exc:
            raise UsageError(str(exc)) from exc

    async def act(store):
        existing = next(iter(await store.schedules(args.guild)), None)
        if args.off:
            return await store.stop_schedule(args.guild), [existing] if existing else []
        # A new time keeps the schedule's channel, and a new channel its time.
        channel = args.channel if args.channel is not None else existing.channel_id if existing else None
        if (setting or args.channel is not None) and channel is None:
            raise UsageError("a schedule needs --channel ID: the text or forum channel to post in")
        if args.on:
            if existing is None:
                raise UsageError("no schedule is set yet: give --daily HH:MM or --weekly DAY HH:MM with --channel")
            # Started again as if set anew: the slots missed while it was off are not owed.
            await store.set_schedule(args.guild, channel, existing.cadence, existing.time, existing.weekday)
        elif setting:
            await store.set_schedule(args.guild, channel, "weekly" if args.weekly else "daily",
                                     f"{hour:02d}:{minute:02d}", weekday)
        elif args.channel is not None and existing is not None:
            await store.move_schedule(args.guild, channel)
        elif args.channel is not None:
            raise UsageError("no schedule is set yet: give --daily HH:MM or --weekly DAY HH:MM with --channel")
        return None, await store.schedules(args.guild)

    stopped, current = with_store(act, create=True)
    if args.off:
        out.write("Scheduled prompts are off.\n" if stopped
                  else "Scheduled prompts were off already.\n" if current else "No schedule was set.\n")
    elif current:
        said = current[0].sentence(restart="give --on (or a new time)")
        out.write(_MENTION.sub(r"channel \1", said) + "\n")  # Discord's <#id> is a channel id here
    else:
        out.write(f"No schedule is set for server {args.guild}.\n")
    return EXIT_OK


def cmd_server_suggestions(args: argparse.Namespace, out: TextIO) -> int:
    from ..prompting import not_waiting
    from .guild import guild_knowledge

    decide = args.approve if args.approve is not None else args.reject
    # A suggestion stored without its text is the first text's, as in Discord: read only to approve.
    # The server's own texts count: a prompt on one cites its passage.
    sources = guild_knowledge(args).engine.kb.sources if args.approve is not None else {}
    first = next(iter(sources), None)

    async def act(store):
        if decide is None:
            return None, await store.suggestions(args.guild)
        decided = await store.decide(decide, args.guild, args.approve is not None, 0)
        if decided is None:
            return await store.suggestion(args.guild, decide), None
        if args.approve is not None:
            added = await store.add_custom_prompt(decided.guild_id, decided.text, decided.source or first,
                                                  decided.passage, decided.user_id)
            return decided, [added]
        return decided, []

    decided, pending = with_store(act, create=True)
    if decide is not None:
        if pending is None:  # not decided now: `decided` is what became of it, if anything
            raise CliError(not_waiting(decide, decided, f"server {args.guild}") + " List those waiting with "
                           f"`citebot server suggestions --guild {args.guild}`.")
        if args.approve is not None:
            [added] = pending
            outcome = (f"approved and added to the server's prompts as '{added.id}' (remove it with "
                       f"`citebot prompts remove --guild {args.guild} {added.id}`)")
        else:
            outcome = "rejected"
        out.write(f"Suggestion #{decide} {outcome}: \u201c{decided.text}\u201d\n"
                  "The member is not messaged from the command line: tell them in Discord.\n")
        if args.approve is not None and not decided.passage:
            out.write("Note: it cites no passage, so it is posted without one.\n")
        text = sources.get(decided.source or first) if args.approve is not None else None
        if args.approve is not None and (text is None or (decided.passage and text.passage(decided.passage) is None)):
            cited = f"passage {decided.passage} of '{decided.source or first}'"
            out.write(f"Note: it cites {cited}, which the knowledge does not have: check the prompt "
                      f"(`citebot prompts list --guild {args.guild}`).\n")
        return EXIT_OK
    if not pending:
        out.write(f"No suggestions are waiting in server {args.guild}.\n")
    for s in pending:
        on = [part for part in (s.source, f"passage {s.passage}" if s.passage else "") if part]
        where = f" ({', '.join(on)})" if on else ""
        out.write(f"#{s.number} by user {s.user_id}{where}: {s.text}\n")
    return EXIT_OK


def add_commands(add, options: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`citebot server settings|schedule|suggestions --guild ID`, as the parser's `add` adds commands."""
    from . import _commands

    server = add("server", "a server's settings, prompt schedule, suggested prompts, own entries and texts, in the "
                           "bot's database")
    server_add = _commands(server, "server_command", "SERVER_COMMAND", options)
    settings = server_add("settings", "show a server's settings, or change them as /settings does")
    settings.add_argument("--timezone", metavar="ZONE", help="an IANA time zone for schedules, e.g. Europe/Stockholm")
    settings.add_argument("--visibility", choices=("public", "private"), help="answers shown to all, or to the asker")
    settings.add_argument("--texts", metavar="IDS", help="the texts answered here, comma-separated, or 'all'")
    settings.add_argument("--bind", action="append", metavar="CHANNEL=TEXT",
                          help="questions in a channel (id) go to one text, or 'any' (repeatable: every one is "
                               "applied, with the other changes, or none is)")
    settings.add_argument("--moderator-role", type=role_id, metavar="ROLE_ID",
                          help="the moderators' role (0 or none: Manage Server only)")
    settings.add_argument("--curator-role", type=role_id, metavar="ROLE_ID",
                          help="the curators' role (0 or none: Manage Server only)")
    settings.set_defaults(func=cmd_server_settings)
    schedule = server_add("schedule", "show, set or stop the server's automatic prompts")
    schedule.add_argument("--daily", metavar="HH:MM", help="post a prompt every day at this time")
    schedule.add_argument("--weekly", nargs=2, metavar=("DAY", "HH:MM"), help="post one every week, e.g. friday 18:00")
    schedule.add_argument("--channel", type=discord_id, metavar="ID", help="the text or forum channel to post in")
    schedule.add_argument("--off", action="store_true", help="stop posting prompts (their time and channel are kept)")
    schedule.add_argument("--on", action="store_true", help="start posting again at the time and channel kept")
    schedule.set_defaults(func=cmd_server_schedule)
    suggestions = server_add("suggestions", "prompts members suggested, waiting; approve or reject one")
    decide = suggestions.add_mutually_exclusive_group()
    decide.add_argument("--approve", type=numbered, metavar="N", help="add suggestion #N to the server's prompts")
    decide.add_argument("--reject", type=numbered, metavar="N", help="turn suggestion #N down")
    suggestions.set_defaults(func=cmd_server_suggestions)
    from .curate import add_commands as add_curation

    for command in (settings, schedule, suggestions, *add_curation(server_add)):
        command.add_argument("--guild", type=discord_id, metavar="ID", required=True, help="the server (its id)")
    return server
