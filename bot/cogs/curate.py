"""Curators at work in Discord: entries added, edited, retired and undone; texts brought in.

What a server's curators make belongs to that server (the store keeps it by server id; the
library serves it only there). The shared knowledge folder is never written from Discord.
`/kb` is the curators' group, shown to every member of a server and checked at each use; the
moderators' `/kb-admin` (reload, sync) stays hidden from members.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import discord
from discord import app_commands
from discord.ext import commands, tasks

from .. import embeds, render
from ..checks import NotCurator, in_servers, is_curator, moderator_or_curator
from ..client import reply_once
from ..entry_changes import describe, who
from ..kb.draft import MAX_TEXT_BYTES, TEXT_SUFFIXES, DraftError, text_source
from ..kb.loader import slug
from ..kb.overlay import Retired, State, from_rows, passage_choices, served_state, stored
from ..kb.overlay import undone as undone_said
from ..views import Form, Guarded, custom_id, persistent_view
from .entry_form import checked, form_fields, fresh_id, more_text, preview, problems_text

if TYPE_CHECKING:
    from ..client import Citebot

log = logging.getLogger(__name__)

# Ten changes a minute per curator: a busy afternoon of curating, not a script.
CURATE_RATE, CURATE_PER = 10, 60.0
HISTORY_SHOWN = 10
# How often a running bot looks for changes to servers' own knowledge made outside it (the terminal).
FOLLOW_SECONDS = 60
FORM_GONE = "what a form holds is kept for a day"  # as the store's FORM_LIFETIME
GAP_BUTTONS = 25  # a message holds five rows of five buttons
GAPS_SHOWN = 10
# Form fields: Discord's text inputs hold at most 4000 characters.
PHRASINGS_MAX, ANSWER_MAX, QUOTE_MAX = 4000, 2000, 1000


# -- who may, and how often ---------------------------------------------------------------------

class Limiter:
    """Changes per member per server: CURATE_RATE in CURATE_PER seconds."""

    def __init__(self) -> None:
        self._cooldowns: dict[tuple[int | None, int], app_commands.Cooldown] = {}

    def retry_after(self, guild_id: int | None, user_id: int) -> float | None:
        cooldown = self._cooldowns.setdefault((guild_id, user_id), app_commands.Cooldown(CURATE_RATE, CURATE_PER))
        return cooldown.update_rate_limit()


async def allowed(interaction: discord.Interaction, *, change: bool = True) -> None:
    """Refuse all but curators; a change also counts against the member's rate."""
    if not await is_curator(interaction):
        raise NotCurator()
    if change:
        cog: Curate = interaction.client.get_cog("Curate")  # type: ignore[attr-defined, assignment]
        wait = cog.limiter.retry_after(interaction.guild_id, interaction.user.id)
        if wait:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(CURATE_RATE, CURATE_PER), wait)


async def guarded(interaction: discord.Interaction, *, change: bool = True) -> bool:
    """For buttons and forms, which have no command tree to report a refusal: say it here."""
    try:
        await allowed(interaction, change=change)
    except NotCurator as exc:
        await reply_once(interaction, str(exc), ephemeral=True)
        return False
    except app_commands.CommandOnCooldown as exc:
        await reply_once(interaction, f"Easy there \u2014 you can change the knowledge again in "
                         f"{exc.retry_after:.0f} seconds.", ephemeral=True)
        return False
    return True


def curator_only():
    async def predicate(interaction: discord.Interaction) -> bool:
        await allowed(interaction)
        return True

    return app_commands.check(predicate)


# -- the form -----------------------------------------------------------------------------------

class EntryForm(Form):
    """Phrasings, answer, passage, quote and id: the whole entry in one of Discord's forms."""

    def __init__(self, fields: dict[str, Any]) -> None:
        editing = fields.get("editing")
        super().__init__(title=render.clip(f"Edit {editing}" if editing else "A new entry", render.MODAL_TITLE_LIMIT))
        self.fields = fields
        self.phrasings = discord.ui.TextInput(
            label="Phrasings: one question a line, 3 or more", style=discord.TextStyle.paragraph,
            default=render.clip("\n".join(fields.get("questions") or ()), PHRASINGS_MAX) or None,
            max_length=PHRASINGS_MAX, custom_id="questions")
        self.answer = discord.ui.TextInput(label="Answer, as members will read it", style=discord.TextStyle.paragraph,
                                           default=render.clip(fields.get("answer") or "", ANSWER_MAX) or None,
                                           max_length=ANSWER_MAX, custom_id="answer")
        self.passage = discord.ui.TextInput(label=f"Passage number in {fields['source']}"[: render.MODAL_LABEL_LIMIT],
                                            default=str(fields.get("passage") or "") or None, max_length=6,
                                            custom_id="passage")
        self.quote = discord.ui.TextInput(label="Quote: the passage's exact words", style=discord.TextStyle.paragraph,
                                          default=render.clip(fields.get("quote") or "", QUOTE_MAX) or None,
                                          max_length=QUOTE_MAX, custom_id="quote")
        for item in (self.phrasings, self.answer, self.passage, self.quote):
            self.add_item(item)
        if editing:  # a form holds five fields: an edit has no id to type, so its other citations go there
            self.more = discord.ui.TextInput(
                label="Other citations: one a line, N: quote", style=discord.TextStyle.paragraph, required=False,
                default=render.clip(more_text(fields), PHRASINGS_MAX) or None, max_length=PHRASINGS_MAX,
                custom_id="more")
            self.add_item(self.more)
        else:
            self.entry_id = discord.ui.TextInput(label="Entry id (empty: made from the question)", required=False,
                                                 default=fields.get("id") or None, max_length=60, custom_id="id")
            self.add_item(self.entry_id)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        if not await guarded(interaction, change=False):
            return
        fields = dict(self.fields)
        fields["questions"] = [q.strip() for q in self.phrasings.value.splitlines() if q.strip()]
        fields["answer"] = self.answer.value.strip()
        fields["passage"] = self.passage.value.strip()
        fields["quote"] = self.quote.value.strip()
        if fields.get("editing"):
            fields["more"] = (self.more.value or "").strip()
            fields.pop("more_cite", None)
        else:
            typed = self.entry_id.value.strip()
            fields["id"] = typed or fresh_id(interaction, fields["questions"][0] if fields["questions"] else "")
        await show_checked(interaction, fields)


async def show_checked(interaction: discord.Interaction, fields: dict[str, Any]) -> None:
    """Check a submitted form: the problems by field with Fix it, or the preview with Confirm."""
    store = interaction.client.store  # type: ignore[attr-defined]
    assert interaction.guild_id is not None
    form_id = await store.save_form(interaction.guild_id, interaction.user.id, fields)
    entry, problems = checked(fields, interaction)
    if entry is None:
        text = render.clip("Not saved yet \u2014 what to fix, by field (what you typed is kept):\n"
                           + problems_text(problems), render.MESSAGE_LIMIT)
        await reply_once(interaction, text, view=persistent_view(FixButton(form_id, "Fix it")), ephemeral=True)
        return
    note = ("Check it, then Confirm. " + problems_text(problems)) if problems else "Check it, then Confirm."
    await reply_once(interaction, render.clip(f"How members will see `{entry.id}`. {note}", render.MESSAGE_LIMIT),
                     embed=preview(entry, interaction),
                     view=persistent_view(ConfirmButton(form_id), FixButton(form_id, "Change it")), ephemeral=True)


class FixButton(Guarded, discord.ui.DynamicItem[discord.ui.Button],
                template=r"citebot:kbfix:(?P<form>[0-9]+):(?P<label>[a-z]+)"):
    """Opens the form again, filled in with what was typed (or, from the gaps queue, what members asked)."""

    LABELS: ClassVar[dict[str, str]] = {"fix": "Fix it", "change": "Change it", "answer": "Answer this"}

    def __init__(self, form_id: int, label: str, *, number: int | None = None) -> None:
        key = next(k for k, v in self.LABELS.items() if v == label)
        shown = f"#{number}: {label}" if number is not None else label
        super().__init__(discord.ui.Button(label=shown, style=discord.ButtonStyle.primary,
                                           custom_id=custom_id("kbfix", form_id, key)))
        self.form_id = form_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> FixButton:
        button = cls(int(match["form"]), cls.LABELS.get(match["label"], "Fix it"))
        button.item.label = item.label or button.item.label
        return button

    async def run(self, interaction: discord.Interaction) -> None:
        if not await guarded(interaction, change=False):
            return
        fields = await interaction.client.store.form(interaction.guild_id, self.form_id)  # type: ignore[attr-defined]
        if fields is None:
            await reply_once(interaction, f"That form is gone ({FORM_GONE}); start again with /kb add or /kb gaps.",
                             ephemeral=True)
            return
        await interaction.response.send_modal(EntryForm(fields))


class ConfirmButton(Guarded, discord.ui.DynamicItem[discord.ui.Button], template=r"citebot:kbsave:(?P<form>[0-9]+)"):
    """Saves a checked entry: it serves in this server from the next question on."""

    def __init__(self, form_id: int) -> None:
        super().__init__(discord.ui.Button(label="Confirm", style=discord.ButtonStyle.success,
                                           custom_id=custom_id("kbsave", form_id)))
        self.form_id = form_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> ConfirmButton:
        return cls(int(match["form"]))

    async def run(self, interaction: discord.Interaction) -> None:
        if not await guarded(interaction):
            return
        fields = await interaction.client.store.form(interaction.guild_id, self.form_id)  # type: ignore[attr-defined]
        entry, problems = checked(fields, interaction) if fields else (None, [])
        if entry is None:  # someone else changed the knowledge since the preview
            why = problems_text(problems) or f"the form is gone ({FORM_GONE})."
            await reply_once(interaction, render.clip(f"Not saved: {why}", render.MESSAGE_LIMIT), ephemeral=True)
            return
        action = "edit" if fields.get("editing") else "add"
        change = await apply(interaction, entry.id, entry, action=action)
        await reply_once(interaction, f"Saved `{entry.id}`: members here get it from their next question.",
                         view=persistent_view(UndoButton(change)), ephemeral=True)


# -- changes --------------------------------------------------------------------------------------

async def apply(interaction: discord.Interaction, entry_id: str, state: State | None, *, action: str) -> int:
    """Serve the new state, then store it with who and when; a failure anywhere leaves the old one serving."""
    bot: Citebot = interaction.client  # type: ignore[assignment]
    assert interaction.guild_id is not None
    own = bot.library.guild(interaction.guild_id)
    before = own.states.get(entry_id)
    own.set(entry_id, state)  # raises before changing anything if the entry cannot be indexed
    try:
        change = await bot.store.change_entry(interaction.guild_id, entry_id, stored(state),
                                              user_id=interaction.user.id, action=action)
    except BaseException:
        own.set(entry_id, before)
        raise
    log.info("server %s: %s %s by %s", interaction.guild_id, action, entry_id, interaction.user.id)
    return change.number


class UndoButton(Guarded, discord.ui.DynamicItem[discord.ui.Button], template=r"citebot:kbundo:(?P<change>[0-9]+)"):
    """Puts back what one change replaced, as a change of its own (which can be undone in turn). It
    carries the change's number in its server (one sent before servers numbered their own carries the
    row id, which its row kept as its number)."""

    def __init__(self, number: int) -> None:
        super().__init__(discord.ui.Button(label="Undo", style=discord.ButtonStyle.danger,
                                           custom_id=custom_id("kbundo", number)))
        self.number = number

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> UndoButton:
        return cls(int(match["change"]))

    async def run(self, interaction: discord.Interaction) -> None:
        if not await guarded(interaction):
            return
        store = interaction.client.store  # type: ignore[attr-defined]
        change = await store.entry_change(interaction.guild_id, self.number)
        if change is None:
            await reply_once(interaction, "That change is not in this server's history.", ephemeral=True)
            return
        if await store.entry_state(interaction.guild_id, change.entry_id) != change.after:
            await reply_once(interaction, f"`{change.entry_id}` was changed again since; see /kb history "
                             f"{change.entry_id} and undo the latest change first.", ephemeral=True)
            return
        undone = await apply(interaction, change.entry_id, served_state(change.before), action="undo")
        await reply_once(interaction, f"Undone: {undone_said(change.entry_id, change.action, change.before)}.",
                         view=persistent_view(UndoButton(undone)), ephemeral=True)


class PhrasingButton(Guarded, discord.ui.DynamicItem[discord.ui.Button],
                     template=r"citebot:kbphrase:(?P<form>[0-9]+)"):
    """From the gaps queue: what members asked becomes a phrasing of the entry the engine almost chose."""

    def __init__(self, form_id: int, label: str) -> None:
        super().__init__(discord.ui.Button(label=render.clip(label, render.BUTTON_LABEL_LIMIT),
                                           style=discord.ButtonStyle.secondary,
                                           custom_id=custom_id("kbphrase", form_id)))
        self.form_id = form_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> PhrasingButton:
        return cls(int(match["form"]), item.label or "Add as a phrasing")

    async def run(self, interaction: discord.Interaction) -> None:
        if not await guarded(interaction):
            return
        bot: Citebot = interaction.client  # type: ignore[assignment]
        assert interaction.guild_id is not None
        fields = await bot.store.form(interaction.guild_id, self.form_id)
        if fields is None:
            await reply_once(interaction, f"That button has expired ({FORM_GONE}); open /kb gaps again.",
                             ephemeral=True)
            return
        entry = bot.library.guild(interaction.guild_id).served(fields["entry"])
        if entry is None:
            await reply_once(interaction, "That entry is no longer served here.", ephemeral=True)
            return
        asked = [q for q in fields["phrasings"] if q not in entry.questions]
        grown = replace(entry, questions=entry.questions + tuple(asked))
        made, problems = checked({**form_fields(grown), "editing": entry.id}, interaction)
        if made is None:
            await reply_once(interaction, render.clip("Not added:\n" + problems_text(problems), render.MESSAGE_LIMIT),
                             ephemeral=True)
            return
        change = await apply(interaction, entry.id, grown, action="phrasing")
        shown = "; ".join(f"\u201c{q}\u201d" for q in asked) or "nothing new"
        await reply_once(interaction, render.clip(f"Added to `{entry.id}`: {shown}.", render.MESSAGE_LIMIT),
                         view=persistent_view(UndoButton(change)), ephemeral=True)


def history_text(entry_id: str, changes: list) -> str:
    lines = []
    for change in changes:
        when = int(datetime.fromisoformat(change.changed_at).timestamp())
        lines.append(f"\u2022 <t:{when}:f> \u2014 {who(change.user_id, mention=True)} **{change.action}**: "
                     f"{describe(change.before, change.after)}")
    return render.clip(f"Changes to `{entry_id}` in this server, newest first:\n" + "\n".join(lines),
                       render.MESSAGE_LIMIT)


# -- the commands ---------------------------------------------------------------------------------

async def entry_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Entries this server serves (and those it retired), by id or words of their first phrasing."""
    bot: Citebot = interaction.client  # type: ignore[assignment]
    own = bot.library.guilds.get(interaction.guild_id or 0)
    kb = bot.library.kb_for(interaction.guild_id)
    retired = [s.entry for s in own.states.values() if isinstance(s, Retired)] if own else []
    typed = current.casefold().strip()
    out = []
    for entry in (*(own.own_entries if own else ()), *retired, *kb.live_entries):
        if typed in entry.id or typed in entry.questions[0].casefold():
            name = render.clip(f"{entry.id}: {entry.questions[0]}", render.AUTOCOMPLETE_NAME_LIMIT)
            out.append(app_commands.Choice(name=name, value=entry.id))
    return list({c.value: c for c in out}.values())[: render.AUTOCOMPLETE_CHOICES_MAX]


async def text_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
    typed = current.casefold()
    return [app_commands.Choice(name=render.clip(f"{s.title} ({s.id})", render.AUTOCOMPLETE_NAME_LIMIT), value=s.id)
            for s in kb.sources.values() if typed in s.id or typed in s.title.casefold()
            ][: render.AUTOCOMPLETE_CHOICES_MAX]


async def own_text_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    own = interaction.client.library.guilds.get(interaction.guild_id or 0)  # type: ignore[attr-defined]
    texts = own.texts.values() if own else ()
    return [app_commands.Choice(name=render.clip(f"{s.title} ({s.id})", render.AUTOCOMPLETE_NAME_LIMIT), value=s.id)
            for s in texts if current.casefold() in s.id][: render.AUTOCOMPLETE_CHOICES_MAX]


async def passage_options(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
    """Each passage with its first words, so a curator picks by what it says."""
    kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
    chosen = getattr(interaction.namespace, "text", None)
    source = kb.sources.get(chosen) if chosen else next(iter(kb.sources.values()), None)
    if source is None:
        return []
    return [app_commands.Choice(name=render.clip(label, render.AUTOCOMPLETE_NAME_LIMIT), value=number)
            for number, label in passage_choices(source, str(current), limit=render.AUTOCOMPLETE_CHOICES_MAX)]


@app_commands.command(name="add", description="Add an entry for this server: phrasings, answer, citation (curators).")
@app_commands.describe(text="The text the answer cites", passage="The passage it cites (type words or its number)")
@app_commands.autocomplete(text=text_choices, passage=passage_options)
@curator_only()
async def kb_add(interaction: discord.Interaction, text: str, passage: int | None = None) -> None:
    kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
    if text not in kb.sources:
        await reply_once(interaction, f"There is no text `{text}` here; the texts are: {', '.join(kb.sources)}.",
                         ephemeral=True)
        return
    await interaction.response.send_modal(EntryForm({"source": text, "passage": "" if passage is None else passage}))


@app_commands.command(name="edit", description="Change an entry for this server; the form opens filled in (curators).")
@app_commands.describe(entry="The entry to change")
@app_commands.autocomplete(entry=entry_choices)
@curator_only()
async def kb_edit(interaction: discord.Interaction, entry: str) -> None:
    own = interaction.client.library.guild(interaction.guild_id)  # type: ignore[attr-defined]
    state = own.states.get(entry)
    found = state.entry if isinstance(state, Retired) else own.served(entry)
    if found is None:
        await reply_once(interaction, f"There is no entry `{entry}` here.", ephemeral=True)
        return
    await interaction.response.send_modal(EntryForm({**form_fields(found), "editing": found.id}))


@app_commands.command(name="retire", description="Take an entry out of service in this server (curators).")
@app_commands.describe(entry="The entry to retire")
@app_commands.autocomplete(entry=entry_choices)
@curator_only()
async def kb_retire(interaction: discord.Interaction, entry: str) -> None:
    own = interaction.client.library.guild(interaction.guild_id)  # type: ignore[attr-defined]
    found = own.served(entry)
    if found is None:
        await reply_once(interaction, f"`{entry}` is not served here.", ephemeral=True)
        return
    change = await apply(interaction, entry, Retired(found), action="retire")
    await reply_once(interaction, f"Retired `{entry}`: it no longer answers here.",
                     view=persistent_view(UndoButton(change)), ephemeral=True)


@app_commands.command(name="history", description="Who changed an entry here, what and when, with undo (curators).")
@app_commands.describe(entry="The entry")
@app_commands.autocomplete(entry=entry_choices)
@curator_only()
async def kb_history(interaction: discord.Interaction, entry: str) -> None:
    store = interaction.client.store  # type: ignore[attr-defined]
    changes = await store.entry_changes(interaction.guild_id, entry, limit=HISTORY_SHOWN)
    if not changes:
        await reply_once(interaction, f"`{entry}` has not been changed in this server.", ephemeral=True)
        return
    await reply_once(interaction, history_text(entry, changes), view=persistent_view(UndoButton(changes[0].number)),
                     ephemeral=True)


text_group = app_commands.Group(name="text", description="This server's own texts (curators).")


@text_group.command(name="add", description="Bring in a .txt or .md text for this server; askable at once.")
@app_commands.describe(file="The text, as a .txt or .md file (UTF-8)", id="Its id: lowercase letters, digits, '-'")
@curator_only()
async def text_add(interaction: discord.Interaction, file: discord.Attachment, id: str | None = None) -> None:
    bot: Citebot = interaction.client  # type: ignore[assignment]
    assert interaction.guild_id is not None
    name = file.filename
    if not name.lower().endswith(TEXT_SUFFIXES):
        await reply_once(interaction, f"`{render.clip(name, 80)}` is not a .txt or .md file: save the text as plain "
                         "text or Markdown and attach that.", ephemeral=True)
        return
    if file.size > MAX_TEXT_BYTES:
        await reply_once(interaction, f"`{render.clip(name, 80)}` is {file.size // 1024:,} KB; a text may be at most "
                         f"{MAX_TEXT_BYTES // 1024} KB. Split it into parts.", ephemeral=True)
        return
    source_id = (id or slug(name.rsplit(".", 1)[0])).strip()
    own = bot.library.guild(interaction.guild_id)
    if not own.can_take_text(source_id):
        await reply_once(interaction, f"`{render.clip(source_id, 60)}` can't be this text's id: use lowercase letters, "
                         "digits and '-', not the id of a text already served.", ephemeral=True)
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        content, source = text_source(await file.read(), name, source_id)
    except DraftError as exc:
        await reply_once(interaction, render.clip(f"Not brought in: {exc}.", render.MESSAGE_LIMIT), ephemeral=True)
        return
    if (twin := own.served_as(source)) is not None:
        again = f" To bring it in again under another id, remove that first: /kb text remove text:{twin}." \
            if twin in own.texts else ""
        await reply_once(interaction, f"Not brought in: this server serves this text already, as `{twin}`.{again}",
                         ephemeral=True)
        return
    if broken := own.citations_left_behind(source):
        await reply_once(interaction, render.clip(
            f"Not brought in: this version of `{source_id}` moves or drops words this server's entries cite: "
            + "; ".join(broken) + ". Put those entries right for it first (/kb edit), or retire them; then bring "
            "it in.", render.MESSAGE_LIMIT), ephemeral=True)
        return
    await asyncio.to_thread(own.add_text, source)
    await bot.store.save_text(interaction.guild_id, source_id, content, user_id=interaction.user.id)
    await reply_once(interaction, render.clip(
        f"Brought in \u201c{source.title}\u201d by {source.author} as `{source_id}`: {len(source.passages)} passages. "
        f"Members here can ask about it now; add entries with /kb add text:{source_id}.", render.MESSAGE_LIMIT),
        ephemeral=True)


@text_group.command(name="remove", description="Take one of this server's own texts out of service.")
@app_commands.describe(text="The text")
@app_commands.autocomplete(text=own_text_choices)
@curator_only()
async def text_remove(interaction: discord.Interaction, text: str) -> None:
    bot: Citebot = interaction.client  # type: ignore[assignment]
    assert interaction.guild_id is not None
    own = bot.library.guild(interaction.guild_id)
    if text not in own.texts:
        await reply_once(interaction, f"`{text}` is not one of this server's own texts (the shared texts stay).",
                         ephemeral=True)
        return
    removed = await bot.store.remove_text(interaction.guild_id, text)  # its channel bindings go with it
    own.remove_text(text)
    bound = removed.unbound if removed else ()
    unbound = f" {', '.join(f'<#{c}>' for c in bound)} no longer ask{'s' if len(bound) == 1 else ''} it." \
        if bound else ""
    await reply_once(interaction, f"Removed `{text}`: it no longer answers here.{unbound}", ephemeral=True)


@app_commands.command(name="gaps", description="Questions the bot answered badly here, grouped (moderators, curators).")
@moderator_or_curator()
async def kb_gaps(interaction: discord.Interaction) -> None:
    from ..kb.gaps import NOT_ABOUT_THE_TEXT, find_gaps

    bot: Citebot = interaction.client  # type: ignore[assignment]
    assert interaction.guild_id is not None
    await interaction.response.defer(ephemeral=True, thinking=True)
    asked = await bot.store.gap_questions(interaction.guild_id)
    bound = dict(await bot.store.channel_texts(interaction.guild_id))  # a question there asked that text
    engine = bot.library.engine_for(interaction.guild_id)

    def read() -> list:
        with bot.library.reading(interaction.guild_id):
            return find_gaps(asked, engine, limit=GAPS_SHOWN, bound=bound)

    found = await asyncio.to_thread(read)
    if not found:
        await reply_once(interaction, "No gaps: every question asked here is answered well now.", ephemeral=True)
        return
    embed = discord.Embed(title="The curators' queue", colour=discord.Colour.orange(),
                          description="Questions answered badly here, most asked first. Curators: "
                                      "**Answer this** opens a new entry filled in with what members "
                                      "asked; **Add to** makes them phrasings of the entry named.")
    for gap in found:
        closest = engine.kb.entry(gap.entry_id) if gap.entry_id else None
        # The entry's own answer beside the offer: a phrasing is only right if that answers them.
        target = (f"add a phrasing to `{closest.id}`, if this answers them: "
                  f"“{render.clip(closest.answer, 120)}”" if closest is not None
                  else "new entry; likeliest passages " + ", ".join(str(p) for _, p in gap.passages) if gap.passages
                  else NOT_ABOUT_THE_TEXT)
        votes = f" \u00b7 {gap.downvotes} \U0001f44e" if gap.downvotes else ""
        examples = "\n".join(f"\u2022 {render.clip(q, 150)}" for q in gap.questions[:3])
        answered = "".join(f"\n\U0001f44e answered with `{e.id}`: \u201c{render.clip(e.answer, 120)}\u201d"
                           for e in (engine.kb.entry(i) for i in gap.answered) if e is not None)
        # Numbered as `citebot kb gaps` numbers it (its first logged question), so `--dismiss N` is the same gap.
        embed.add_field(name=f"#{gap.number} \u00b7 {gap.count}\u00d7{votes}: {render.clip(gap.example, 170)}",
                        value=render.clip(f"{examples}{answered}\n\u2192 {target}", render.EMBED_FIELD_LIMIT),
                        inline=False)
    view = await gap_view(interaction, found, engine)
    await reply_once(interaction, embed=embeds.fit(embed), view=view, ephemeral=True)


async def gap_view(interaction: discord.Interaction, gaps: list, engine) -> discord.ui.View:
    """"Answer this", "Add to ENTRY" and "Dismiss" under each gap of the queue, numbered as the
    queue is, for as many gaps as a message's buttons hold."""
    store = interaction.client.store  # type: ignore[attr-defined]
    assert interaction.guild_id is not None
    items: list[discord.ui.Item] = []
    for gap in gaps:
        number = gap.number
        if len(items) + (3 if gap.entry_id else 2) > GAP_BUTTONS:
            break  # the rest are shown, and `citebot kb gaps` acts on them
        source, passage = gap.passages[0] if gap.passages else (next(iter(engine.kb.sources)), "")
        answer_form = await store.save_form(interaction.guild_id, interaction.user.id, {
            "source": source, "passage": str(passage), "questions": list(gap.questions), "answer": "", "quote": ""})
        items.append(FixButton(answer_form, "Answer this", number=number))
        if gap.entry_id:
            phrase_form = await store.save_form(interaction.guild_id, interaction.user.id,
                                                {"entry": gap.entry_id, "phrasings": list(gap.questions)})
            items.append(PhrasingButton(phrase_form, f"#{number}: add as a phrasing of {gap.entry_id}"))
        dismiss_form = await store.save_form(interaction.guild_id, interaction.user.id,
                                             {"dismiss": list(gap.asked), "example": gap.example})
        items.append(DismissButton(dismiss_form, number))
    return persistent_view(*items)


class DismissButton(Guarded, discord.ui.DynamicItem[discord.ui.Button], template=r"citebot:gapdrop:(?P<form>[0-9]+)"):
    """Takes a gap out of the curators' queue, dealt with or needing nothing; its questions stay logged."""

    def __init__(self, form_id: int, number: int | None = None) -> None:
        label = f"#{number}: dismiss" if number is not None else "Dismiss"
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.secondary,
                                           custom_id=custom_id("gapdrop", form_id)))
        self.form_id = form_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> DismissButton:
        button = cls(int(match["form"]))
        button.item.label = item.label or button.item.label
        return button

    async def run(self, interaction: discord.Interaction) -> None:
        if not await guarded(interaction, change=False):
            return
        store = interaction.client.store  # type: ignore[attr-defined]
        fields = await store.form(interaction.guild_id, self.form_id)
        if fields is None or "dismiss" not in fields:
            await reply_once(interaction, f"That button has expired ({FORM_GONE}); open /kb gaps again.",
                             ephemeral=True)
            return
        taken = await store.dismiss_questions(fields["dismiss"], interaction.guild_id)
        await reply_once(interaction, render.clip(
            f"Dismissed \u201c{fields.get('example', '')}\u201d: {taken} logged question(s) left the queue; the log "
            "keeps them. Asked again, it comes back.", render.MESSAGE_LIMIT), ephemeral=True)


class Curate(commands.Cog):
    """Serves each server's stored entries and texts, and limits how fast curators change them."""

    # Shown to every member, unlike the moderators' commands: a server's curator role needs no
    # moderator permission and no Integrations set-up to find these. Each command checks for a
    # curator when it runs, and a member who is none is told so.
    kb = app_commands.Group(name="kb", description="This server's entries and texts, and the gaps queue (curators).",
                            guild_only=True, allowed_contexts=in_servers())

    def __init__(self, bot: Citebot) -> None:
        self.bot = bot
        self.limiter = Limiter()
        self.versions: dict[int, str] = {}  # each server's own knowledge as last served (store.knowledge_versions)

    async def cog_load(self) -> None:
        """Serve what every server stored: the database, not memory, is what a restart trusts."""
        self.bot.library.guilds = {}
        if not self.bot.store.is_open:  # `citebot run --dry-run` loads the cogs with no database
            return
        self.versions = await self.bot.store.knowledge_versions()
        for guild_id, rows in (await self.bot.store.guild_rows()).items():
            await self._serve(guild_id, rows)
        self.follow.start()

    async def cog_unload(self) -> None:
        self.follow.cancel()

    async def _serve(self, guild_id: int, rows) -> None:
        texts, states = from_rows(rows.texts, rows.entries) if rows is not None else ([], [])
        failed = await asyncio.to_thread(self.bot.library.load_guild, guild_id, texts, states)
        if failed:
            log.warning("server %s: %d stored entries could not be served: %s", guild_id, len(failed),
                        ", ".join(failed))

    @tasks.loop(seconds=FOLLOW_SECONDS)
    async def follow(self) -> None:
        await self.follow_changes()

    async def follow_changes(self) -> list[int]:
        """Serve again each server whose own knowledge changed in the database since it was last
        served: what `citebot server entries` and `server texts` change reaches the running bot
        within FOLLOW_SECONDS. Returns the servers served again."""
        try:
            versions = await self.bot.store.knowledge_versions()
            changed = [g for g in sorted(versions.keys() | self.versions.keys())
                       if versions.get(g) != self.versions.get(g)]
            for guild_id in changed:
                await self._serve(guild_id, (await self.bot.store.guild_rows(guild_id)).get(guild_id))
                if guild_id in versions:
                    self.versions[guild_id] = versions[guild_id]
                else:
                    self.versions.pop(guild_id, None)
        except Exception:
            log.exception("could not read the servers' own knowledge; trying again in %d s", FOLLOW_SECONDS)
            return []
        return changed


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Curate(bot))
    group = bot.tree.get_command("kb")
    assert isinstance(group, app_commands.Group)
    for command in (kb_add, kb_edit, kb_retire, kb_history, kb_gaps, text_group):
        group.add_command(command)
    bot.add_dynamic_items(FixButton, ConfirmButton, UndoButton, PhrasingButton, DismissButton)
