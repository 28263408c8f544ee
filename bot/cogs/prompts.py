"""Moderated discussion prompts: post, rotate, schedule, suggest, approve."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands, tasks

from .. import embeds, render
from .. import schedule as timing
from ..checks import in_servers, is_moderator, moderator_only, moderators_see
from ..client import reply_once
from ..kb.models import Prompt
from ..prompting import next_prompt, not_waiting, server_prompts, vet_suggestion
from ..schedule import WEEKDAYS, Schedule, ScheduleError, due_slot, parse_time, slot_key, zone
from ..views import Guarded, custom_id, persistent_view
from .ask import source_choices, texts_here, which_text, with_own_texts

if TYPE_CHECKING:
    from ..client import Citebot
    from ..store import Suggestion

log = logging.getLogger(__name__)
QUEUE_SHOWN = 10  # two buttons each: within Discord's 25 components
SCHEDULE_TICK_SECONDS = 60


class CannotPost(Exception):
    """The bot may not post or open a thread in the chosen channel."""


class ChannelGone(CannotPost):
    """The channel no longer exists."""


class NoThread(CannotPost):
    """The prompt was posted (and counts as used), but its discussion thread could not be opened."""


async def post_prompt(channel: discord.abc.GuildChannel, prompt: Prompt, bot: Citebot) -> discord.Thread:
    """Post a prompt and open its discussion thread (a new post in a forum channel)."""
    embed = embeds.prompt_embed(prompt, bot.library.kb_for(channel.guild.id))  # a server's own text is quoted too
    name = render.clip(prompt.text, render.THREAD_NAME_LIMIT)
    try:
        if isinstance(channel, discord.ForumChannel):
            created = await channel.create_thread(name=name, embed=embed,
                                                  allowed_mentions=discord.AllowedMentions.none())
            thread = created.thread
        elif isinstance(channel, discord.TextChannel):
            message = await channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())
        else:
            raise CannotPost("Prompts go in a text or forum channel.")
    except discord.NotFound as exc:
        raise ChannelGone(f"<#{channel.id}> no longer exists.") from exc
    except discord.Forbidden as exc:
        raise CannotPost(f"I can't post in <#{channel.id}>: I need Send Messages and Create Public "
                         "Threads (or Create Posts in a forum).") from exc
    if isinstance(channel, discord.TextChannel):
        try:
            thread = await message.create_thread(name=name)
        except discord.HTTPException as exc:
            # The prompt is out: it counts as used, or the next post would repeat it.
            await bot.store.record_post(channel.guild.id, prompt.id, channel.id, None)
            why = ("I need Create Public Threads there" if isinstance(exc, discord.Forbidden)
                   else f"Discord refused ({exc.status})")
            raise NoThread(f"I posted the prompt in <#{channel.id}> but couldn't open its discussion "
                           f"thread: {why}.") from exc
    await bot.store.record_post(channel.guild.id, prompt.id, channel.id, thread.id)
    return thread


class Prompts(commands.Cog):
    """Open questions for the group, tied to passages, posted into threads."""

    # Members' commands and moderators' commands are separate groups, so Discord can hide the
    # moderators' from everyone else (default_member_permissions applies to a whole top-level command).
    prompt = app_commands.Group(name="prompt", description="Discussion prompts: see them, or suggest one.",
                                guild_only=True, allowed_contexts=in_servers())
    manage = app_commands.Group(name="prompt-admin", description="Post, schedule and approve discussion prompts "
                                "(moderators).", guild_only=True, allowed_contexts=in_servers(),
                                default_permissions=moderators_see())

    def __init__(self, bot: Citebot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # Started once connected (not at load): a dry run loads cogs without ever connecting.
        if not self.scheduler.is_running():
            self.scheduler.start()

    async def cog_unload(self) -> None:
        self.scheduler.cancel()

    async def prompts_for(self, guild_id: int) -> list[Prompt]:
        settings = await self.bot.store.settings(guild_id)
        custom = await self.bot.store.custom_prompts(guild_id)
        # Prompts on the texts the server brought in count as chosen; those on a text it removed do not.
        served = self.bot.library.kb_for(guild_id).sources
        prompts = server_prompts(self.bot.library.kb, custom, with_own_texts(self.bot, guild_id, settings.sources))
        return [p for p in prompts if p.source in served]

    async def pick_next(self, guild_id: int) -> Prompt | None:
        history = await self.bot.store.post_history(guild_id)
        return next_prompt(await self.prompts_for(guild_id), {k: n for k, (n, _) in history.items()})

    # -- posting ------------------------------------------------------------------------------

    async def _post(self, interaction: discord.Interaction, prompt: Prompt | None,
                    channel: discord.abc.GuildChannel | None) -> None:
        if prompt is None:
            await reply_once(interaction, "There are no prompts for this server's texts yet.", ephemeral=True)
            return
        target = channel or interaction.channel
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            thread = await post_prompt(target, prompt, self.bot)  # type: ignore[arg-type]
        except CannotPost as exc:
            await reply_once(interaction, str(exc), ephemeral=True)
            return
        await reply_once(interaction, f"Posted \u201c{render.clip(prompt.text, 80)}\u201d: {thread.mention}",
                         ephemeral=True)

    @manage.command(name="post", description="Post a prompt and open a thread for it (moderators).")
    @app_commands.describe(prompt="Which prompt (default: the next one)", channel="Where (default: here)")
    @moderator_only()
    async def post(self, interaction: discord.Interaction, prompt: str | None = None,
                   channel: discord.TextChannel | discord.ForumChannel | None = None) -> None:
        assert interaction.guild_id is not None
        prompts = await self.prompts_for(interaction.guild_id)
        if prompt is None:
            chosen = await self.pick_next(interaction.guild_id)
        else:
            chosen = next((p for p in prompts if p.id == prompt or p.text == prompt), None)
            if chosen is None:
                await reply_once(interaction, "No such prompt here; pick one from the list as you type.",
                                 ephemeral=True)
                return
        await self._post(interaction, chosen, channel)

    @post.autocomplete("prompt")
    async def post_autocomplete(self, interaction: discord.Interaction, current: str):
        prompts = await self.prompts_for(interaction.guild_id or 0)
        typed = current.casefold()
        found = [p for p in prompts if typed in p.text.casefold() or typed in p.id]
        return [app_commands.Choice(name=render.clip(p.text, render.AUTOCOMPLETE_NAME_LIMIT), value=p.id)
                for p in found[: render.AUTOCOMPLETE_CHOICES_MAX]]

    @manage.command(name="next", description="Post the next prompt this server has not had yet (moderators).")
    @app_commands.describe(channel="Where (default: here)")
    @moderator_only()
    async def post_next(self, interaction: discord.Interaction,
                   channel: discord.TextChannel | discord.ForumChannel | None = None) -> None:
        assert interaction.guild_id is not None
        await self._post(interaction, await self.pick_next(interaction.guild_id), channel)

    @manage.command(name="remove", description="Take one of this server's own prompts out (moderators).")
    @app_commands.describe(prompt="One of this server's own prompts (approved suggestions)")
    @moderator_only()
    async def remove(self, interaction: discord.Interaction, prompt: str) -> None:
        assert interaction.guild_id is not None
        removed = await self.bot.store.remove_custom_prompt(interaction.guild_id, prompt)
        if removed is None:
            await reply_once(interaction, "That is not one of this server's own prompts; pick one as you type "
                             "(the shipped prompts stay).", ephemeral=True)
            return
        await reply_once(interaction, f"Removed `{removed.id}`: \u201c{render.clip(removed.text, 200)}\u201d",
                         ephemeral=True)

    @remove.autocomplete("prompt")
    async def remove_autocomplete(self, interaction: discord.Interaction, current: str):
        typed = current.casefold()
        own = [p for p in await self.bot.store.custom_prompts(interaction.guild_id or 0)
               if typed in p.text.casefold() or typed in p.id]
        return [app_commands.Choice(name=render.clip(f"{p.id}: {p.text}", render.AUTOCOMPLETE_NAME_LIMIT), value=p.id)
                for p in own[: render.AUTOCOMPLETE_CHOICES_MAX]]

    @prompt.command(name="list", description="The prompts, and which have been used here and when.")
    async def show_list(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        history = await self.bot.store.post_history(interaction.guild_id)
        lines = []
        for prompt in await self.prompts_for(interaction.guild_id):
            times, last = history.get(prompt.id, (0, ""))
            used = f"used {times}\u00d7, last {last[:10]}" if times else "not used yet"
            lines.append(f"`{prompt.id}` \u2014 {render.clip(prompt.text, 110)} *({used})*")
        embed = discord.Embed(title="Discussion prompts", description="\n".join(lines) or "None yet.",
                              colour=discord.Colour.purple())
        await reply_once(interaction, embed=embeds.fit(embed), ephemeral=True)

    # -- schedule -----------------------------------------------------------------------------

    @manage.command(name="schedule", description="Post prompts automatically, daily or weekly; 'off' stops it, "
                    "'status' shows it.")
    @app_commands.describe(cadence="daily, weekly, off, or status (the schedule and its last problem)",
                           time="Time of day, HH:MM, in the server's time zone",
                           channel="Where to post (default: here)", weekday="For weekly: which day")
    @moderator_only()
    async def schedule(self, interaction: discord.Interaction, cadence: Literal["daily", "weekly", "off", "status"],
                       time: str | None = None, channel: discord.TextChannel | discord.ForumChannel | None = None,
                       weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"] = "monday") -> None:
        assert interaction.guild_id is not None
        store = self.bot.store
        if cadence == "status":
            current = await store.schedules(interaction.guild_id)
            text = current[0].sentence() if current else "No schedule is set."
            await reply_once(interaction, embeds.message(text), ephemeral=True)
            return
        if cadence == "off":
            stopped = await store.stop_schedule(interaction.guild_id)  # its channel and time are kept
            await reply_once(interaction, "Scheduled prompts are off." if stopped else "No schedule was set.",
                             ephemeral=True)
            return
        settings = await store.settings(interaction.guild_id)
        try:
            hour, minute = parse_time(time or "")
            zone(settings.timezone)
        except ScheduleError as exc:
            await reply_once(interaction, str(exc), ephemeral=True)
            return
        target = channel or interaction.channel
        if not isinstance(target, (discord.TextChannel, discord.ForumChannel)):
            await reply_once(interaction, "Pick a text or forum channel for the prompts.", ephemeral=True)
            return
        clock = f"{hour:02d}:{minute:02d}"
        await store.set_schedule(interaction.guild_id, target.id, cadence, clock, WEEKDAYS.index(weekday))
        schedule = (await store.schedules(interaction.guild_id))[0]
        await reply_once(interaction, f"Prompts will be posted {schedule.describe()}. "
                         "Change the time zone with /settings.", ephemeral=True)

    @tasks.loop(seconds=SCHEDULE_TICK_SECONDS)
    async def scheduler(self) -> None:
        await self.run_schedules(timing.now())

    @scheduler.error
    async def scheduler_error(self, error: BaseException) -> None:
        log.error("the prompt scheduler stopped", exc_info=error)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        # A server the bot left gets no more prompts; its other data stays for a return.
        if await self.bot.store.delete_schedule(guild.id):
            log.info("left server %s: its prompt schedule is deleted", guild.id)

    async def run_schedules(self, now: datetime) -> list[int]:
        """Post every prompt that is due; return the servers posted to.

        Each server's slot is handled on its own: a failure (a database error too) is logged and
        the loop goes on; a slot not yet claimed is tried again at the next tick.
        """
        try:
            await self.bot.store.check_file()
            # Only the servers on this process's shards: another process posts the others'.
            schedules = [s for s in await self.bot.store.schedules() if self.bot.handles(s.guild_id)]
        except Exception:
            log.exception("scheduled prompts: could not read the schedules; trying again at the next tick")
            return []
        posted = []
        for schedule in schedules:
            try:
                if await self._run_schedule(schedule, now):
                    posted.append(schedule.guild_id)
            except Exception:
                log.exception("scheduled prompt for server %s failed", schedule.guild_id)
        return posted

    async def _run_schedule(self, schedule: Schedule, now: datetime) -> bool:
        slot = due_slot(schedule, now)
        if slot is None:
            return False
        store = self.bot.store
        # Claimed before posting: a slot is posted at most once, by one loop, across restarts;
        # a broken channel is tried once per slot, not every minute.
        claimed = await store.claim_slot(schedule.guild_id, slot_key(slot))
        await store.mark_slot(schedule.guild_id, slot)
        if not claimed:
            return False
        channel = await self._schedule_channel(schedule)
        if channel is None:
            return False
        prompt = await self.pick_next(schedule.guild_id)
        if prompt is None:
            await self._tell_moderators(schedule, "there are no prompts for this server's texts, so none was "
                                         "posted; approve a suggested one with /prompt queue.")
            return False
        try:
            await post_prompt(channel, prompt, self.bot)  # type: ignore[arg-type]
        except ChannelGone:
            await self._pause(schedule)
            return False
        except NoThread as exc:
            await self._tell_moderators(schedule, str(exc), channel)
            return True
        except CannotPost as exc:
            await self._tell_moderators(schedule, str(exc))
            return False
        await store.note_schedule_problem(schedule.guild_id, None)  # working again: a new problem is news
        return True

    async def _schedule_channel(self, schedule: Schedule) -> discord.abc.GuildChannel | None:
        channel = self.bot.get_channel(schedule.channel_id)
        if channel is not None:
            return channel  # type: ignore[return-value]
        try:
            return await self.bot.fetch_channel(schedule.channel_id)  # type: ignore[return-value]
        except discord.NotFound:
            await self._pause(schedule)
        except discord.Forbidden:
            await self._tell_moderators(schedule, f"I can't see <#{schedule.channel_id}>: give me View Channel, "
                                        "Send Messages and Create Public Threads there.")
        return None

    async def _pause(self, schedule: Schedule) -> None:
        reason = (f"its channel (<#{schedule.channel_id}>) was deleted; "
                  "choose another with /prompt-admin schedule")
        await self.bot.store.pause_schedule(schedule.guild_id, reason)
        await self._tell_moderators(schedule, f"paused: {reason}.")

    async def _tell_moderators(self, schedule: Schedule, problem: str,
                               channel: discord.abc.Messageable | None = None) -> None:
        """Tell a server's moderators what failed and why, once per problem, without pinging anyone.

        In the schedule's own channel when the bot can still post there, else the server's
        moderator-only updates channel, else its system channel. The problem is also stored with
        the schedule, where /prompt-admin schedule status shows it.
        """
        if not await self.bot.store.note_schedule_problem(schedule.guild_id, problem):
            return  # told already
        log.warning("scheduled prompts in server %s: %s", schedule.guild_id, problem)
        guild = self.bot.get_guild(schedule.guild_id)
        places = [channel] + ([guild.public_updates_channel, guild.system_channel] if guild else [])
        text = embeds.message(f"Scheduled prompts: {problem}")
        for place in places:
            if place is None:
                continue
            try:
                await place.send(text, allowed_mentions=discord.AllowedMentions.none())
                return
            except discord.HTTPException:
                continue
        log.warning("could not tell the moderators of server %s about it in any channel", schedule.guild_id)

    # -- suggestions --------------------------------------------------------------------------

    @prompt.command(name="suggest", description="Suggest a discussion prompt; moderators approve it.")
    @app_commands.describe(text="Your open question for the group", passage="The passage it builds on",
                           source="Which text (default: this channel's or this server's text)")
    async def suggest(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 1000],
                      passage: app_commands.Range[int, 1, 10_000] | None = None, source: str | None = None) -> None:
        assert interaction.guild_id is not None
        kb = self.bot.library.kb_for(interaction.guild_id)
        if source is None:
            # Stored under the text it is about, or it is listed and posted with the wrong one.
            here = await texts_here(self.bot, interaction.guild_id, interaction.channel_id, interaction.channel)
            if len(here) > 1:
                await reply_once(interaction, embeds.message(which_text(self.bot, here, "/prompt suggest \u2026")),
                                 ephemeral=True)
                return
            source = here[0]
        store = self.bot.store
        pending = await store.suggestions(interaction.guild_id)
        rejected = await store.suggestions(interaction.guild_id, status="rejected")
        existing = [p.text for p in await self.prompts_for(interaction.guild_id)]
        mine = sum(1 for s in pending if s.user_id == interaction.user.id)
        reason = vet_suggestion(text, kb=kb, source=source, passage=passage, existing=existing, pending_by_member=mine,
                                waiting=[s.text for s in pending], rejected=[s.text for s in rejected])
        if reason:
            await reply_once(interaction, embeds.message(f"Not added: {reason}"), ephemeral=True)
            return
        number = await store.add_suggestion(interaction.guild_id, interaction.user.id, text.strip(), source, passage)
        await reply_once(interaction, f"Thanks! Suggestion #{number} waits for a moderator; "
                         "you'll get a message when it is decided.", ephemeral=True)

    @suggest.autocomplete("source")
    async def suggest_source_autocomplete(self, interaction: discord.Interaction, current: str):
        return source_choices(self.bot, current, interaction.guild_id)

    @manage.command(name="queue", description="Suggested prompts waiting for approval (moderators).")
    @moderator_only()
    async def queue(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        pending = await self.bot.store.suggestions(interaction.guild_id, limit=QUEUE_SHOWN)
        if not pending:
            await reply_once(interaction, "No suggestions are waiting.", ephemeral=True)
            return
        lines = [f"**#{s.number}** <@{s.user_id}>: {render.clip(s.text, 300)}"
                 + (f" *(passage {s.passage})*" if s.passage else "") for s in pending]
        embed = discord.Embed(title="Suggested prompts", description="\n\n".join(lines), colour=discord.Colour.purple())
        await reply_once(interaction, embed=embeds.fit(embed), view=queue_view(pending), ephemeral=True)

    async def decide(self, interaction: discord.Interaction, number: int, approved: bool) -> None:
        """Approve or reject this server's suggestion #number."""
        assert interaction.guild_id is not None
        if not await is_moderator(interaction):
            await reply_once(interaction, "Only moderators can decide on suggestions.", ephemeral=True)
            return
        # Storing, adding the prompt and messaging the member take several calls: answer Discord first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        decided = await self.bot.store.decide(number, interaction.guild_id, approved, interaction.user.id)
        if decided is None:
            found = await self.bot.store.suggestion(interaction.guild_id, number)
            await reply_once(interaction, not_waiting(number, found), ephemeral=True)
            return
        outcome = "rejected"
        if approved:
            added = await self.bot.store.add_custom_prompt(decided.guild_id, decided.text,
                                                           decided.source or next(iter(self.bot.library.kb.sources)),
                                                           decided.passage, decided.user_id)
            outcome = f"approved and added to this server's prompts as `{added.id}` (/prompt-admin remove takes it out)"
        told = await self.tell_suggester(decided)
        note = "" if told else " (I couldn't message the member; their DMs are closed.)"
        await reply_once(interaction, f"Suggestion #{number} {outcome}.{note}", ephemeral=True)

    async def tell_suggester(self, suggestion: Suggestion) -> bool:
        """Message the member who suggested a prompt about the outcome; False if that failed."""
        guild = self.bot.get_guild(suggestion.guild_id)
        where = f" in {guild.name}" if guild else ""
        verdict = ("was approved and joins the discussion prompts" if suggestion.status == "approved"
                   else "was not taken up this time")
        quoted = render.clip(suggestion.text, 300)
        text = embeds.message(f"Your suggested prompt{where} {verdict}: \u201c{quoted}\u201d")
        try:
            user = self.bot.get_user(suggestion.user_id) or await self.bot.fetch_user(suggestion.user_id)
            await user.send(text, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException:
            log.info("could not tell member %s about suggestion #%s in server %s", suggestion.user_id,
                     suggestion.number, suggestion.guild_id)
            return False
        return True


class DecideButton(Guarded, discord.ui.DynamicItem[discord.ui.Button],
                   template=r"citebot:suggestion:(?P<verdict>approve|reject):(?P<id>[0-9]+)"):
    """Approve #n / Reject #n under the queue of suggested prompts; n is the server's own number
    (a button sent before servers numbered their own carries the row id, which its row kept as its number)."""

    def __init__(self, number: int, approved: bool) -> None:
        verdict = "approve" if approved else "reject"
        super().__init__(discord.ui.Button(
            label=f"{verdict.capitalize()} #{number}",
            style=discord.ButtonStyle.success if approved else discord.ButtonStyle.danger,
            custom_id=custom_id("suggestion", verdict, number)))
        self.number, self.approved = number, approved

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> DecideButton:
        return cls(int(match["id"]), match["verdict"] == "approve")

    async def run(self, interaction: discord.Interaction) -> None:
        await interaction.client.get_cog("Prompts").decide(  # type: ignore[attr-defined]
            interaction, self.number, self.approved)


def queue_view(pending: list[Suggestion]) -> discord.ui.View:
    """Approve / Reject buttons for each pending suggestion."""
    return persistent_view(*(DecideButton(suggestion.number, approved)
                             for suggestion in pending[:QUEUE_SHOWN] for approved in (True, False)))


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Prompts(bot))
    bot.add_dynamic_items(DecideButton)
