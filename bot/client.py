"""The discord.py Bot: wiring, start-up, command sync and error handling."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging

import discord
from discord import app_commands
from discord.ext import commands

from .config import Settings
from .kb.library import Library
from .store import SERVED_KNOWLEDGE, Store, now
from .store.core import database_errors

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.cogs.ask", "bot.cogs.read", "bot.cogs.admin", "bot.cogs.curate", "bot.cogs.prompts", "bot.cogs.quiz")
# How often a connected bot notes the time in its database (`citebot doctor --alive` reads it).
HEARTBEAT_SECONDS = 60
APOLOGY = "Sorry \u2014 something went wrong while doing that. It has been logged; please try again."


async def reply_once(interaction: discord.Interaction, content: str | None = None, **kwargs) -> None:
    """Answer an interaction: the response if none was sent yet, else a follow-up."""
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    if interaction.response.is_done():
        await interaction.followup.send(content, **kwargs)
    else:
        await interaction.response.send_message(content, **kwargs)


class CitebotTree(app_commands.CommandTree):
    """Turns every app-command failure into a short, polite answer."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Server-only commands are not offered in DMs; one that arrives there anyway gets a clear word."""
        command = interaction.command
        if interaction.guild_id is not None or command is None or not needs_a_server(command):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        else:
            here = ", ".join(f"/{c.name}" for c in self.get_commands() if not needs_a_server(c))
            await reply_once(interaction, f"/{top_level(command).name} works only in a server, not in direct "
                             f"messages. Here you can use {here}.", ephemeral=True)
        return False

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        name = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(error, app_commands.CommandOnCooldown):
            text = f"Easy there \u2014 you can ask again in {error.retry_after:.0f} seconds."
        elif isinstance(error, app_commands.CheckFailure):
            text = str(error) or "You can't use that command here."
        else:
            log.error("command /%s failed", name, exc_info=error)
            text = APOLOGY
        try:
            await reply_once(interaction, text, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the user that /%s failed", name)


AnyCommand = app_commands.Command | app_commands.Group | app_commands.ContextMenu


def top_level(command: AnyCommand) -> AnyCommand:
    """The top-level command a subcommand belongs to: the one Discord keeps permissions and contexts on."""
    if not isinstance(command, app_commands.ContextMenu) and command.root_parent is not None:
        return command.root_parent
    return command


def needs_a_server(command: AnyCommand) -> bool:
    """Whether a command may only be used in a server (Discord reads this from its top-level command)."""
    root = top_level(command)
    contexts = root.allowed_contexts
    return root.guild_only or (contexts is not None and not (contexts.dm_channel or contexts.private_channel))


def command_payload(tree: app_commands.CommandTree) -> list[dict]:
    """The application commands exactly as a sync sends them."""
    return [command.to_dict(tree) for command in tree.get_commands()]


def command_hash(tree: app_commands.CommandTree) -> str:
    payload = json.dumps(command_payload(tree), sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class Citebot(commands.Bot):
    """The study-group bot. Mentions and slash commands; no prefix commands, no privileged intents."""

    def __init__(self, *, settings: Settings, library: Library, store: Store, **options) -> None:
        # A text-only bot: discord.py's warnings about missing voice libraries are noise here.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=CitebotTree,
            help_command=None,
            **options,
        )
        self.settings = settings
        self.library = library
        self.store = store

    @classmethod
    def create(cls, *, settings: Settings, library: Library, store: Store) -> Citebot:
        """The bot these settings ask for: one plain process, or some of the shards of a bigger one."""
        if settings.shard_count is None:
            return cls(settings=settings, library=library, store=store)
        return ShardedCitebot(settings=settings, library=library, store=store,
                              shard_count=settings.shard_count, shard_ids=list(settings.shard_ids or ()))

    def handles(self, guild_id: int) -> bool:
        """Whether this process holds the server's shard: once-per-server work (scheduled prompts)
        is done only there, so two processes never both do it."""
        return self.settings.handles(guild_id)

    async def load_cogs(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)

    async def setup_hook(self) -> None:
        await self.store.open()
        # Which folder this database's server entries cite: `kb fix-citations` renumbers them only for it.
        await self.store.set_meta(SERVED_KNOWLEDGE, str(self.library.root.resolve()))
        await self.load_cogs()
        await self.sync_commands()
        self._heartbeat = asyncio.create_task(self._beat(), name="citebot-heartbeat")

    async def _beat(self) -> None:
        """While connected, note the time in the database every HEARTBEAT_SECONDS: `citebot doctor
        --alive` (the Docker health check) reads it to tell a running bot from a stuck one."""
        await self.wait_until_ready()
        while not self.is_closed():
            if self.is_ready():
                try:
                    await self.store.set_meta(self.settings.alive_key, now())
                except database_errors():
                    log.warning("could not note the bot as running in the database; trying again in %d s",
                                HEARTBEAT_SECONDS, exc_info=True)
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def sync_commands(self, *, force: bool = False) -> str:
        """Sync the slash commands: to the test server only when one is set, else globally when changed.

        Never both: a server sees its own commands and the global ones, so syncing a test
        server and globally would list every command there twice.
        """
        if not self.settings.syncs_commands and not force:
            return "left to the process with shard 0"
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            log.info("commands synced to the test server %s only", self.settings.dev_guild_id)
            return "synced to the test server"
        digest = command_hash(self.tree)
        if force or digest != await self.store.get_meta("command_hash"):
            await self.tree.sync()
            await self.store.set_meta("command_hash", digest)
            log.info("commands synced globally")
            return "synced"
        return "unchanged"

    async def on_message(self, message: discord.Message) -> None:
        """Prefix commands are off; the ask cog answers mentions."""

    async def close(self) -> None:
        heartbeat = getattr(self, "_heartbeat", None)
        if heartbeat is not None:
            heartbeat.cancel()
        await super().close()
        await self.store.close()


class ShardedCitebot(Citebot, commands.AutoShardedBot):
    """Citebot as one of several processes, each running some of the shards (CITEBOT_SHARD_IDS)."""
