"""Spec'd stand-ins for Discord objects, so cogs are tested offline by calling their callbacks."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import AsyncMock, MagicMock

import discord

from bot.client import Citebot
from bot.config import Settings, default_knowledge_dir
from bot.kb.library import Library
from bot.store import Store


async def make_bot(tmp_path: Path, knowledge: Path | None = None, *, database: str | Path | None = None,
                   shard_count: int | None = None, shard_ids: tuple[int, ...] | None = None) -> Citebot:
    """A bot with every cog loaded, a real store (SQLite in tmp_path unless `database` says), and no network;
    with `shard_count`, one process of a sharded bot."""
    root = knowledge or default_knowledge_dir()
    target = database or tmp_path / "citebot.db"
    store = Store(target)
    await store.open()
    settings = Settings(knowledge=root, database=target, shard_count=shard_count, shard_ids=shard_ids)
    bot = Citebot.create(settings=settings, library=Library(root), store=store)
    await bot.load_cogs()
    return bot


def make_member(*, user_id: int = 42, manage_guild: bool = False, role_ids: tuple[int, ...] = ()) -> MagicMock:
    member = MagicMock(spec=discord.Member)
    member.id = user_id
    member.bot = False
    member.guild_permissions = discord.Permissions(manage_guild=manage_guild)
    roles = []
    for role_id in role_ids:
        role = MagicMock(spec=discord.Role)
        role.id = role_id
        roles.append(role)
    member.roles = roles
    return member


def make_interaction(bot: Citebot, *, guild_id: int | None = 1, channel_id: int = 7,
                     member: MagicMock | None = None) -> MagicMock:
    """An Interaction whose response and follow-ups are recorded; the response can be sent once."""
    interaction = MagicMock(spec=discord.Interaction)
    interaction.client = bot
    interaction.guild_id = guild_id
    interaction.channel_id = channel_id
    if guild_id is None:
        interaction.guild = None
    else:
        interaction.guild = MagicMock(spec=discord.Guild)
        interaction.guild.id = guild_id
    interaction.user = member or make_member()
    interaction.command = None

    response = MagicMock(spec=discord.InteractionResponse)
    state = {"done": False}

    async def respond(*args, **kwargs):
        if state["done"]:
            raise AssertionError("the interaction was answered twice")
        state["done"] = True

    response.is_done.side_effect = lambda: state["done"]
    response.send_message = AsyncMock(side_effect=respond)
    response.defer = AsyncMock(side_effect=respond)
    interaction.response = response
    interaction.followup = MagicMock(spec=discord.Webhook)
    interaction.followup.send = AsyncMock()
    return interaction


def sent(interaction: MagicMock) -> dict:
    """The keyword arguments of the one response, or of the last follow-up."""
    if interaction.followup.send.await_count:
        call = interaction.followup.send.await_args
    else:
        assert interaction.response.send_message.await_count == 1, "nothing was sent"
        call = interaction.response.send_message.await_args
    kwargs = dict(call.kwargs)
    if call.args:
        kwargs["content"] = call.args[0]
    return kwargs


def buttons(view: discord.ui.View) -> list[discord.ui.Button]:
    """A view's buttons, looking through the dynamic items that carry them."""
    return [getattr(item, "item", item) for item in view.children]


def _channel(spec: type, channel_id: int, guild_id: int) -> MagicMock:
    channel = MagicMock(spec=spec)
    channel.id = channel_id
    channel.guild = MagicMock(spec=discord.Guild)
    channel.guild.id = guild_id
    return channel


def _thread(thread_id: int) -> MagicMock:
    thread = MagicMock(spec=discord.Thread)
    thread.id = thread_id
    thread.mention = f"<#{thread_id}>"
    return thread


def make_text_channel(*, channel_id: int = 500, guild_id: int = 1) -> MagicMock:
    """A text channel whose posts open threads; records what was sent."""
    channel = _channel(discord.TextChannel, channel_id, guild_id)
    message = MagicMock(spec=discord.Message)
    message.create_thread = AsyncMock(return_value=_thread(channel_id + 1))
    channel.send = AsyncMock(return_value=message)
    return channel


def make_forum_channel(*, channel_id: int = 600, guild_id: int = 1) -> MagicMock:
    """A forum channel whose posts are threads; records what was posted."""
    channel = _channel(discord.ForumChannel, channel_id, guild_id)
    created = MagicMock()
    created.thread = _thread(channel_id + 1)
    channel.create_thread = AsyncMock(return_value=created)
    return channel
