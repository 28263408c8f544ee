"""What every view of the bot's does when its buttons expire."""

from __future__ import annotations

import discord


async def retire(view: discord.ui.View, message: discord.Message | discord.InteractionMessage | None) -> None:
    """Grey out a view's buttons on its message, rather than leave them to fail when clicked."""
    for item in view.children:
        if isinstance(item, discord.ui.Button):
            item.disabled = True
    if message is not None:
        try:
            await message.edit(view=view)
        except discord.HTTPException:
            pass  # the message is gone or no longer ours to edit
