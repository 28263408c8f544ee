"""Buttons that keep working: state in a stable custom id, and an apology when a callback fails.

Every button the bot sends is a `discord.ui.DynamicItem`: its custom id (``citebot:<kind>:...``)
carries what the click needs, and its class is registered once when the bot starts, so a button
works on any message the bot ever sent, across restarts, with no per-message timer. (A timer
would have to grey the buttons out through the interaction token, which dies after 15 minutes.)
"""

from __future__ import annotations

import logging

import discord

from . import render
from .client import APOLOGY, reply_once

log = logging.getLogger(__name__)


async def apologise(interaction: discord.Interaction, error: BaseException, what: str) -> None:
    """Log a failed button or form and tell the member, whether or not it had answered yet."""
    log.error("%s failed", what, exc_info=error)
    try:
        await reply_once(interaction, APOLOGY, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the member that %s failed", what)


def custom_id(*parts: object) -> str:
    """A custom id from its parts; they must fit Discord's 100 characters (callers keep them short)."""
    made = ":".join(["citebot", *map(str, parts)])
    if len(made) > render.CUSTOM_ID_LIMIT:
        raise ValueError(f"custom id over {render.CUSTOM_ID_LIMIT} characters: {made!r}")
    return made


class Guarded:
    """Mixed into each dynamic item: discord.py only logs a dynamic item's errors, so answer here."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction)
        except Exception as exc:
            await apologise(interaction, exc, f"button {getattr(self, 'custom_id', '?')}")

    async def run(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


def persistent_view(*items: discord.ui.Item) -> discord.ui.View:
    """A view of dynamic items only, to send once and never track.

    The items' classes are registered in setup_hook, which is what makes them answer. The view
    is stopped before sending so discord.py keeps no copy: a kept copy of an ephemeral message
    gets a 15-minute timer, and when that timer fires discord.py may unregister the very item
    classes the registry needs.
    """
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


class Form(discord.ui.Modal):
    """A modal that apologises when its handler fails."""

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await apologise(interaction, error, f"form {self.custom_id}")
