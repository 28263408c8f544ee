"""A server's day with the real bot: members use commands and buttons, the bot restarts.

`FakeDiscord` builds the real `Citebot` (cogs, CommandTree, checks, view store, error
handlers), logs it in against `FakeServer`, and feeds gateway events to discord.py's own
connection-state parsers. Each action waits until every handler the event started is done.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import discord.ui.view as view_module

from bot.client import Citebot
from bot.config import Settings, default_knowledge_dir, shard_of
from bot.kb.engine import Engine
from bot.kb.library import Library
from bot.store import Store

from . import gateway
from .gateway import DM, EVERYONE, FORUM, TEXT, Channel, Guild, Member, Role, User
from .server import EPHEMERAL, FakeServer, FakeSession, Interaction

HANDLER_TASKS = ("discord.py: ", "discord-ui-", "CommandTree-invoker")
SETTLE_SECONDS = 10.0  # a handler still running after this is stuck, not slow
_ENGINES: dict[Path, Engine] = {}  # built once per test run: scenarios only read the knowledge
OPTION_TYPES = {3: str, 4: int, 5: bool, 10: float}
SUB_COMMAND, SUB_COMMAND_GROUP, USER, CHANNEL, ROLE, MENTIONABLE, ATTACHMENT = 1, 2, 6, 7, 8, 9, 11


@dataclass(frozen=True)
class File:
    """A file a member attaches to a command: `slash(curator, "kb text add", file=File("a.md", b"..."))`."""

    name: str
    data: bytes
    content_type: str = "text/plain"


class CommandHidden(AssertionError):
    """Discord would not offer this command to this member here (permissions or context)."""


@dataclass
class Message:
    """A message as Discord stores it, with readers for what a member sees."""

    data: dict

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def channel_id(self) -> int:
        return int(self.data["channel_id"])

    @property
    def content(self) -> str:
        return self.data.get("content") or ""

    @property
    def embeds(self) -> list[dict]:
        return self.data.get("embeds") or []

    @property
    def ephemeral(self) -> bool:
        return bool(self.data.get("flags", 0) & EPHEMERAL)

    @property
    def buttons(self) -> list[dict]:
        return [c for row in self.data.get("components") or [] for c in row.get("components") or []
                if c.get("type") == 2]

    @property
    def labels(self) -> list[str]:
        return [b.get("label") or (b.get("emoji") or {}).get("name", "") for b in self.buttons]

    @property
    def text(self) -> str:
        """Everything a member reads: content, and every embed's title, text, fields and footer."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for field in embed.get("fields") or ():
                parts += [field.get("name") or "", field.get("value") or ""]
            parts.append((embed.get("footer") or {}).get("text") or "")
        return "\n".join(p for p in parts if p)

    def button(self, label: str) -> dict:
        """The button with this label, emoji or custom id (or, failing that, the one label containing it)."""
        exact = [b for b in self.buttons if label in (b.get("label"), (b.get("emoji") or {}).get("name"),
                                                      b.get("custom_id"))]
        found = exact or [b for b in self.buttons if label in (b.get("label") or "")]
        if len(found) != 1:
            raise LookupError(f"no single button {label!r} on this message; it has {self.labels}")
        return found[0]


@dataclass
class Exchange:
    """One interaction and what the bot answered: the response and the messages it made or updated."""

    interaction: Interaction
    server: FakeServer

    @property
    def answered(self) -> bool:
        return self.interaction.answered

    @property
    def response_type(self) -> int | None:
        return self.interaction.response["type"] if self.interaction.response else None

    @property
    def deferred(self) -> bool:
        return self.response_type in (5, 6)

    @property
    def messages(self) -> list[Message]:
        first = self.interaction.message_id if self.response_type in (6, 7) else self.interaction.original_id
        ids = [first, *self.interaction.followup_ids]
        return [Message(self.server.messages[i]) for i in ids if i in self.server.messages]

    @property
    def message(self) -> Message:
        shown = self.messages
        if not shown:
            raise LookupError(f"interaction {self.interaction.id} made no message (response {self.response_type})")
        return shown[0]

    @property
    def ephemeral(self) -> bool:
        return self.message.ephemeral

    @property
    def text(self) -> str:
        return "\n".join(m.text for m in self.messages)

    @property
    def choices(self) -> list[dict]:
        assert self.response_type == 8, f"not an autocomplete answer: {self.response_type}"
        return self.interaction.response["data"].get("choices") or []

    @property
    def modal(self) -> dict:
        assert self.response_type == 9, f"no modal was opened: {self.response_type}"
        return self.interaction.response["data"]


class FakeDiscord:
    """The bot in a small server: an owner, a moderator, two members, two text channels and a forum."""

    def __init__(self, tmp_path: Path, *, knowledge: Path | None = None, dev_guild_id: int | None = None,
                 server: FakeServer | None = None, database: str | Path | None = None,
                 shard_count: int | None = None, shard_ids: tuple[int, ...] | None = None) -> None:
        self.server = server or FakeServer()
        self.clock = self.server.clock
        self.database = database or tmp_path / "citebot.db"
        # One process of a sharded bot: the gateway sends it only its shards' servers.
        self.shard_count = shard_count
        self.shard_ids = shard_ids if shard_ids is not None or shard_count is None else tuple(range(shard_count))
        self.knowledge = knowledge or default_knowledge_dir()
        self.dev_guild_id = dev_guild_id
        self.bot: Citebot | None = None
        self.library: Library | None = None
        self._tokens = itertools.count(1)
        self.guild = self.add_guild("Study group")
        if dev_guild_id is True:  # the test server is this guild
            self.dev_guild_id = self.guild.id

    # -- the world ----------------------------------------------------------------------------

    def add_guild(self, name: str, *, members: tuple[str, ...] = ("alice", "bob", "mod"),
                  guild_id: int | None = None) -> Guild:
        snowflake = self.server.snowflake
        guild_id = guild_id or snowflake()
        owner = self.server.owner
        guild = Guild(guild_id, name, owner.id, Role(guild_id, "@everyone", EVERYONE, position=0))
        moderators = Role(snowflake(), "Moderators", discord.Permissions(manage_messages=True), position=2)
        own_role = Role(snowflake(), "Citebot", EVERYONE, position=1, managed=True)
        guild.roles = {moderators.id: moderators, own_role.id: own_role}
        guild.members[owner.id] = Member(owner, guild)
        guild.members[self.server.bot.id] = Member(self.server.bot, guild, [own_role])
        for member_name in members:
            user = self.add_user(member_name)
            guild.members[user.id] = Member(user, guild, [moderators] if member_name == "mod" else [])
        for channel_name, kind in (("general", TEXT), ("study", TEXT), ("discussion", FORUM)):
            self.add_channel(guild, channel_name, kind)
        self.server.guilds[guild.id] = guild
        return guild

    def add_role(self, name: str, *, guild: Guild | None = None,
                 permissions: discord.Permissions | None = None) -> Role:
        """A new role: by default one that sees the moderators' commands (Manage Messages)."""
        guild = guild or self.guild
        shown = discord.Permissions(manage_messages=True) if permissions is None else permissions
        role = Role(self.server.snowflake(), name, shown, position=len(guild.roles) + 1)
        guild.roles[role.id] = role
        if self.bot is not None:
            self._parse("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": role.payload()})
        return role

    def add_user(self, name: str) -> User:
        user = User(self.server.snowflake(), name)
        self.server.users[user.id] = user
        return user

    def add_channel(self, guild: Guild, name: str, kind: int = TEXT) -> Channel:
        channel = Channel(self.server.snowflake(), name, kind, guild=guild)
        guild.channels[channel.id] = channel
        self.server.channels[channel.id] = channel
        if self.bot is not None:
            self._parse("CHANNEL_CREATE", channel.payload())
        return channel

    def member(self, name: str, guild: Guild | None = None) -> Member:
        return (guild or self.guild).member(name)

    def channel(self, name: str, guild: Guild | None = None) -> Channel:
        return (guild or self.guild).channel(name)

    def role(self, name: str, guild: Guild | None = None) -> Role:
        return (guild or self.guild).role(name)

    def deny(self, channel: Channel, *names: str, member: Member | None = None) -> None:
        """Take permissions from the bot (or a member) in a channel, and tell the bot as Discord would."""
        assert channel.guild is not None
        who = member or channel.guild.members[self.server.bot.id]
        denied = channel.denied.get(who.id, discord.Permissions.none())
        channel.denied[who.id] = discord.Permissions(denied.value | discord.Permissions(**dict.fromkeys(names,
                                                                                                      True)).value)
        if self.bot is not None:
            self._parse("CHANNEL_UPDATE", channel.payload())

    async def leave(self, guild: Guild) -> None:
        """The bot is removed from a server (GUILD_DELETE)."""
        self.server.guilds.pop(guild.id, None)
        before = set(asyncio.all_tasks())
        self._parse("GUILD_DELETE", {"id": str(guild.id)})
        await self.settle(before)

    def delete_channel(self, channel: Channel) -> None:
        self.server.channels.pop(channel.id, None)
        if channel.guild is not None:
            channel.guild.channels.pop(channel.id, None)
        if self.bot is not None:
            self._parse("CHANNEL_DELETE", channel.payload())

    # -- the bot ------------------------------------------------------------------------------

    async def start(self) -> Citebot:
        """Log the bot in (its setup_hook runs and syncs commands), then connect it to the gateway."""
        self.library = self.library or _library(self.knowledge)
        settings = Settings(token=self.server.token, knowledge=self.knowledge, database=self.database,
                            dev_guild_id=self.dev_guild_id, shard_count=self.shard_count, shard_ids=self.shard_ids)
        bot = Citebot.create(settings=settings, library=self.library, store=Store(self.database))
        bot._connection.guild_ready_timeout = 0.01  # the fake sends every GUILD_CREATE at once
        self.bot = bot
        await bot.login(self.server.token)
        await self.connect()
        return bot

    async def connect(self) -> None:
        """READY and a GUILD_CREATE for every server, as the gateway sends them on connecting."""
        assert self.bot is not None
        before = set(asyncio.all_tasks())
        if self.shard_count is None:
            self._parse("READY", gateway.ready(self.server.bot, self.server.application_id,
                                               list(self.server.guilds.values())))
            for guild in self.server.guilds.values():
                self._parse("GUILD_CREATE", guild.payload())
        else:
            self.bot._connection.shard_ids = list(self.shard_ids or ())  # as AutoShardedClient.launch_shards does
            for shard in self.shard_ids or ():
                mine = [g for g in self.server.guilds.values() if shard_of(g.id, self.shard_count) == shard]
                ready = gateway.ready(self.server.bot, self.server.application_id, mine)
                self._parse("READY", {**ready, "shard": [shard, self.shard_count]})
                for guild in mine:
                    self._parse("GUILD_CREATE", guild.payload())
        await asyncio.wait_for(self.bot.wait_until_ready(), SETTLE_SECONDS)
        await self.settle(before)

    async def stop(self) -> None:
        if self.bot is not None and not self.bot.is_closed():
            await self.bot.close()
        await self.settle(set())

    async def restart(self, *, reload_knowledge: bool = False) -> Citebot:
        """Stop the bot and start a new process on the same database and knowledge."""
        await self.stop()
        if reload_knowledge:
            self.library = Library(self.knowledge)
        return await self.start()

    def _parse(self, event: str, data: dict) -> None:
        assert self.bot is not None
        self.bot._connection.parsers[event](data)

    async def settle(self, before: set[asyncio.Task]) -> None:
        """Wait for every event handler started since `before` (and those they start) to finish."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_SECONDS
        quiet = 0
        while quiet < 3:
            await asyncio.sleep(0)
            while self.server.events and self.bot is not None and not self.bot.is_closed():
                self._parse(*self.server.events.pop(0))
            pending = [t for t in asyncio.all_tasks() - before
                       if not t.done() and t.get_name().startswith(HANDLER_TASKS)]
            if not pending:
                quiet += 1
                continue
            quiet = 0
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"handlers still running after {SETTLE_SECONDS}s: {pending}")
            await asyncio.wait(pending, timeout=remaining)

    # -- members act --------------------------------------------------------------------------

    def _token(self) -> str:
        return f"itoken-{next(self._tokens)}-{self.server.snowflake()}"

    async def _interact(self, kind: int, data: dict, user: Member | User, channel: Channel,
                        message: dict | None = None) -> Exchange:
        assert self.bot is not None, "start the bot first"
        member = user if isinstance(user, Member) else None
        plain = user.user if isinstance(user, Member) else user
        record = Interaction(self.server.snowflake(), self._token(), kind, plain, channel, self.clock.monotonic(),
                             data, message_id=int(message["id"]) if message else None)
        self.server.open_interaction(record)
        bot_member = channel.guild.members.get(self.server.bot.id) if channel.guild else None
        payload = gateway.interaction(
            interaction_id=record.id, application_id=self.server.application_id, token=record.token, kind=kind,
            data=data, user=plain, member=member, channel=channel, message=copy.deepcopy(message),
            app_permissions=bot_member.permissions(channel) if bot_member else None)
        before = set(asyncio.all_tasks())
        self._parse("INTERACTION_CREATE", payload)
        await self.settle(before)
        if record.response is None:
            self.server.problem(f"'This interaction failed': nothing answered {kind=} {data}")
        return Exchange(record, self.server)

    def _command(self, name: str, where: Guild | None) -> dict:
        top = name.split()[0]
        for command in reversed(self.server.visible_commands(where)):
            if command["name"] == top and command.get("type", 1) == 1:
                return command
        raise CommandHidden(f"Discord has no /{top} registered here")

    def _check_visible(self, command: dict, user: Member | User, channel: Channel) -> None:
        in_dm = channel.type == DM or not isinstance(user, Member)
        contexts = command.get("contexts")
        if in_dm and (command.get("guild_id") or command.get("dm_permission") is False
                      or (contexts is not None and 1 not in contexts)):
            raise CommandHidden(f"/{command['name']} is not offered in DMs")
        if not in_dm and contexts is not None and 0 not in contexts:
            raise CommandHidden(f"/{command['name']} is not offered in servers")
        needed = command.get("default_member_permissions")
        if not in_dm and needed is not None:
            has = user.permissions(channel)
            if not has.administrator and int(needed) & ~has.value:
                raise CommandHidden(f"/{command['name']} is hidden from {user.name} (needs {needed})")

    def _options(self, definitions: list[dict], values: dict[str, Any], resolved: dict,
                 focused: str | None = None) -> list[dict]:
        by_name = {d["name"]: d for d in definitions}
        unknown = set(values) - set(by_name)
        if unknown:
            raise TypeError(f"no option(s) {sorted(unknown)}; the command has {sorted(by_name)}")
        options = []
        for definition in definitions:
            name = definition["name"]
            if name not in values:
                if definition.get("required") and focused is None:  # the picker sends what is typed so far
                    raise TypeError(f"option {name!r} is required")
                continue
            value, kind = values[name], definition["type"]
            if kind == ATTACHMENT:
                value = self._attach(value, resolved)
            elif kind in (USER, CHANNEL, ROLE, MENTIONABLE) and not isinstance(value, str):
                value = self._resolve(value, resolved)
            elif name != focused and kind in OPTION_TYPES:
                value = OPTION_TYPES[kind](value)
                choices = [c["value"] for c in definition.get("choices") or ()]
                if choices and value not in choices:
                    raise ValueError(f"{value!r} is not one of the choices of {name!r}: {choices}")
            option = {"name": name, "type": kind, "value": value}
            if name == focused:
                option["focused"] = True
            options.append(option)
        return options

    def _attach(self, file: File, resolved: dict) -> str:
        """Upload a file to the fake CDN and resolve it, as Discord does for an attachment option."""
        snowflake = self.server.snowflake()
        url = f"https://cdn.discordapp.com/ephemeral-attachments/{snowflake}/{file.name}"
        self.server.files[url] = file.data
        resolved.setdefault("attachments", {})[str(snowflake)] = {
            "id": str(snowflake), "filename": file.name, "size": len(file.data), "url": url, "proxy_url": url,
            "content_type": file.content_type}
        return str(snowflake)

    def _resolve(self, value: Any, resolved: dict) -> str:
        if isinstance(value, Member):
            resolved.setdefault("users", {})[str(value.id)] = value.user.payload()
            member = value.payload()
            member.pop("user")
            resolved.setdefault("members", {})[str(value.id)] = member
        elif isinstance(value, User):
            resolved.setdefault("users", {})[str(value.id)] = value.payload()
        elif isinstance(value, Role):
            resolved.setdefault("roles", {})[str(value.id)] = value.payload()
        elif isinstance(value, Channel):
            resolved.setdefault("channels", {})[str(value.id)] = {**value.payload(), "permissions": "0"}
        else:
            raise TypeError(f"cannot send {value!r} as a Discord object")
        return str(value.id)

    def _command_data(self, user: Member | User, name: str, channel: Channel, values: dict,
                      focused: str | None = None) -> dict:
        where = channel.guild
        command = self._command(name, where)
        self._check_visible(command, user, channel)
        path = name.split()
        definitions, resolved = command.get("options") or [], {}
        options: list[dict] = []
        nest = options
        for part in path[1:]:
            child = next((o for o in definitions if o["name"] == part and o["type"] in (SUB_COMMAND,
                                                                                        SUB_COMMAND_GROUP)), None)
            if child is None:
                raise CommandHidden(f"/{command['name']} has no sub-command {part!r}")
            entry = {"name": part, "type": child["type"], "options": []}
            nest.append(entry)
            nest, definitions = entry["options"], child.get("options") or []
        if any(d["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for d in definitions):
            raise TypeError(f"/{name} needs a sub-command")
        nest.extend(self._options(definitions, values, resolved, focused))
        data = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    async def slash(self, user: Member | User, name: str, *, channel: Channel | None = None,
                    **options: Any) -> Exchange:
        """`/name options` typed by a member: "ask", "quiz start", "prompt post"."""
        channel = channel or (self.channel("general", user.guild) if isinstance(user, Member) else self.dm(user))
        return await self._interact(2, self._command_data(user, name, channel, options), user, channel)

    async def autocomplete(self, user: Member | User, name: str, option: str, typed: str, *,
                           channel: Channel | None = None, **options: Any) -> Exchange:
        """What the picker offers while a member types `typed` into `option`."""
        channel = channel or (self.channel("general", user.guild) if isinstance(user, Member) else self.dm(user))
        data = self._command_data(user, name, channel, {**options, option: typed}, focused=option)
        return await self._interact(4, data, user, channel)

    async def click(self, message: Message | Exchange | dict, label: str, *,
                    user: Member | User | None = None) -> Exchange:
        """A member presses a button on a message the bot sent."""
        if isinstance(message, Exchange):
            message = message.message
        if isinstance(message, dict):
            message = Message(message)
        current = Message(self.server.messages.get(message.id, message.data))
        button = current.button(label)
        if button.get("disabled"):
            raise AssertionError(f"{label!r} is greyed out: Discord would not let anyone press it")
        channel = self.server.channels[current.channel_id]
        asker = current.data.get("interaction_metadata", {}).get("user")
        if user is None:
            user = self._someone(channel, int(asker["id"]) if asker else None)
        elif current.ephemeral and asker and int(asker["id"]) != user.id:
            raise AssertionError(f"{user.name} cannot see someone else's private message")
        data = {"custom_id": button["custom_id"], "component_type": 2}
        return await self._interact(3, data, user, channel, current.data)

    async def submit(self, opened: Exchange, values: dict[str, str], *, user: Member | User | None = None) -> Exchange:
        """Fill in and send the modal an interaction opened; values by custom id or label (others as filled in)."""
        modal = opened.modal
        rows = []
        for component in modal.get("components") or []:
            inner = component.get("component") if component.get("type") == 18 else (component.get("components")
                                                                                     or [{}])[0]
            keys = (inner.get("custom_id"), component.get("label"), inner.get("label"))
            # A field left alone is sent as it was filled in: Discord submits a text input's default.
            value = next((values[k] for k in keys if k in values), inner.get("value") or "")
            answer = {"type": inner.get("type", 4), "custom_id": inner.get("custom_id"), "value": value}
            rows.append({"type": 18, "component": answer} if component.get("type") == 18
                        else {"type": 1, "components": [answer]})
        data = {"custom_id": modal["custom_id"], "components": rows}
        who = user or self._user_of(opened.interaction)
        message = self.server.messages.get(opened.interaction.message_id or 0)
        return await self._interact(5, data, who, opened.interaction.channel, message)

    async def say(self, member: Member, content: str, *, channel: Channel | None = None,
                  reply_to: Message | None = None, mention_bot: bool = False) -> Message:
        """A member posts a message (MESSAGE_CREATE); `mention_bot` puts @Citebot in front."""
        channel = channel or self.channel("general", member.guild)
        if mention_bot:
            content = f"<@{self.server.bot.id}> {content}"
        payload: dict[str, Any] = {"content": content}
        if reply_to is not None:
            payload["message_reference"] = {"message_id": reply_to.id}
        data = self.server.message(channel, payload, author=member.user)
        data["member"] = {k: v for k, v in member.payload().items() if k != "user"}
        if f"<@{self.server.bot.id}>" in content:
            data["mentions"] = [self.server.bot.payload()]
        before = set(asyncio.all_tasks())
        self._parse("MESSAGE_CREATE", copy.deepcopy(data))
        await self.settle(before)
        return Message(data)

    def _user_of(self, interaction: Interaction) -> Member | User:
        channel = interaction.channel
        if channel.guild is not None and interaction.user.id in channel.guild.members:
            return channel.guild.members[interaction.user.id]
        return interaction.user

    def _someone(self, channel: Channel, user_id: int | None) -> Member | User:
        if channel.guild is None:
            return self.server.users[channel.owner_id or 0]
        if user_id is not None and user_id in channel.guild.members:
            return channel.guild.members[user_id]
        return channel.guild.member("alice")

    def dm(self, user: User | Member) -> Channel:
        plain = user.user if isinstance(user, Member) else user
        found = next((c for c in self.server.channels.values() if c.type == DM and c.owner_id == plain.id), None)
        if found is None:
            found = Channel(self.server.snowflake(), "", DM, owner_id=plain.id)
            self.server.channels[found.id] = found
        return found

    async def advance(self, seconds: float) -> None:
        """Move Discord's clock (and the bot's view timers) forward; expired views time out now."""
        self.clock.skipped += seconds
        if self.bot is None:
            return
        before = set(asyncio.all_tasks())
        store = self.bot._connection._view_store
        views = {id(item.view): item.view for items in store._views.values() for item in items.values()
                 if item.view is not None}
        views.update({id(m): m for m in store._modals.values()})
        for view in views.values():
            expiry = view._BaseView__timeout_expiry
            if expiry is not None and expiry <= self.clock.monotonic():
                view._dispatch_timeout()
        await self.settle(before)

    # -- what happened ------------------------------------------------------------------------

    @property
    def calls(self):
        return self.server.calls

    @property
    def problems(self) -> list[str]:
        return self.server.problems

    def messages(self, channel: Channel | None = None) -> list[Message]:
        return [Message(m) for m in self.server.messages.values()
                if channel is None or int(m["channel_id"]) == channel.id]

    def last_message(self, channel: Channel | None = None) -> Message:
        shown = self.messages(channel)
        if not shown:
            raise LookupError("no message yet")
        return shown[-1]

    def visible_commands(self, guild: Guild | None = None) -> list[str]:
        return [c["name"] for c in self.server.visible_commands(guild or self.guild)]


def _library(root: Path) -> Library:
    """A Library of its own (a reload swaps only its engine) over an engine built once per run."""
    if root not in _ENGINES:
        _ENGINES[root] = Library(root).engine
    library = Library.__new__(Library)
    library.root, library.engine, library.guilds = root, _ENGINES[root], {}
    return library


def install(monkeypatch, server: FakeServer) -> None:
    """Route every discord.py HTTP client to the fake server and view timers to its clock."""

    async def static_login(http: discord.http.HTTPClient, token: str):
        http._HTTPClient__session = FakeSession(server)
        http._global_over = asyncio.Event()
        http._global_over.set()
        old, http.token = http.token, token
        try:
            return await http.request(discord.http.Route("GET", "/users/@me"))
        except discord.HTTPException as exc:
            http.token = old
            if exc.status == 401:
                raise discord.LoginFailure("Improper token has been passed.") from exc
            raise

    async def no_socket(*args, **kwargs):
        raise RuntimeError("the fake Discord has no gateway socket; feed events through FakeDiscord")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", static_login)
    monkeypatch.setattr(discord.http.HTTPClient, "ws_connect", no_socket)
    monkeypatch.setattr(view_module, "time", server.clock)
