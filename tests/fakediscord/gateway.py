"""The fake Discord's world (users, servers, channels, roles) and the gateway payloads built from it.

Payloads follow Discord's API v10 shapes, so discord.py's own parsers read them as they read
the real gateway: READY, GUILD_CREATE, CHANNEL_UPDATE, MESSAGE_CREATE and INTERACTION_CREATE.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord

DISCORD_EPOCH_MS = 1420070400000
TEXT, DM, CATEGORY, NEWS, PUBLIC_THREAD, FORUM = 0, 1, 4, 5, 11, 15
# What @everyone may do in a fresh server, as Discord sets it up (a useful subset).
EVERYONE = discord.Permissions(view_channel=True, send_messages=True, read_message_history=True, embed_links=True,
                               attach_files=True, add_reactions=True, use_application_commands=True,
                               create_public_threads=True, send_messages_in_threads=True)


class Clock:
    """Discord's clock: real time plus whatever a scenario has skipped ahead."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def time(self) -> float:
        return time.time() + self.skipped

    def monotonic(self) -> float:
        return time.monotonic() + self.skipped

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def iso(self) -> str:
        return self.now().isoformat()


class Snowflakes:
    """Ids that carry their creation time, as Discord's do (discord.py reads created_at from them)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        ms = int(self.clock.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)


@dataclass
class User:
    id: int
    name: str
    bot: bool = False
    dms_open: bool = True

    def payload(self) -> dict:
        return {"id": str(self.id), "username": self.name, "discriminator": "0", "global_name": self.name,
                "avatar": None, "bot": self.bot, "public_flags": 0}

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class Role:
    id: int
    name: str
    permissions: discord.Permissions = field(default_factory=discord.Permissions.none)
    position: int = 1
    managed: bool = False

    def payload(self) -> dict:
        return {"id": str(self.id), "name": self.name, "permissions": str(self.permissions.value),
                "position": self.position, "color": 0, "hoist": False, "managed": self.managed,
                "mentionable": False, "flags": 0}


@dataclass
class Channel:
    id: int
    name: str
    type: int = TEXT
    guild: Guild | None = None
    parent_id: int | None = None
    owner_id: int | None = None
    # Per-member denials: {member id: Permissions denied in this channel}.
    denied: dict[int, discord.Permissions] = field(default_factory=dict)

    def payload(self) -> dict:
        data: dict[str, Any] = {"id": str(self.id), "type": self.type, "name": self.name}
        if self.guild is not None:
            data["guild_id"] = str(self.guild.id)
            data["position"] = 0
            data["permission_overwrites"] = [
                {"id": str(member_id), "type": 1, "allow": "0", "deny": str(denied.value)}
                for member_id, denied in self.denied.items()]
            data["nsfw"] = False
        if self.parent_id is not None:
            data["parent_id"] = str(self.parent_id)
        if self.type == FORUM:
            data.update(available_tags=[], default_reaction_emoji=None, flags=0)
        if self.type == PUBLIC_THREAD:
            data.update(owner_id=str(self.owner_id or 0), message_count=0, member_count=1,
                        thread_metadata={"archived": False, "auto_archive_duration": 1440, "locked": False,
                                         "archive_timestamp": datetime.now(UTC).isoformat()})
        return data

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


@dataclass
class Member:
    user: User
    guild: Guild
    roles: list[Role] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def mention(self) -> str:
        return self.user.mention

    def permissions(self, channel: Channel | None = None) -> discord.Permissions:
        """What Discord computes for this member: roles, then the channel's denials."""
        if self.guild.owner_id == self.id:
            return discord.Permissions.all()
        value = self.guild.everyone.permissions.value
        for role in self.roles:
            value |= role.permissions.value
        allowed = discord.Permissions(value)
        if allowed.administrator:
            return discord.Permissions.all()
        target = channel
        if target is not None and target.type == PUBLIC_THREAD and target.parent_id:
            target = self.guild.channels.get(target.parent_id, target)
        if target is not None and self.id in target.denied:
            allowed = discord.Permissions(allowed.value & ~target.denied[self.id].value)
        return allowed

    def payload(self, channel: Channel | None = None, *, with_permissions: bool = False) -> dict:
        data = {"user": self.user.payload(), "roles": [str(r.id) for r in self.roles], "joined_at":
                "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0, "nick": None}
        if with_permissions:
            data["permissions"] = str(self.permissions(channel).value)
        return data


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    everyone: Role
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)

    def payload(self) -> dict:
        """GUILD_CREATE: the server with its roles, channels, threads and members."""
        channels = [c for c in self.channels.values() if c.type != PUBLIC_THREAD]
        threads = [c for c in self.channels.values() if c.type == PUBLIC_THREAD]
        return {
            "id": str(self.id), "name": self.name, "owner_id": str(self.owner_id), "icon": None,
            "unavailable": False, "member_count": len(self.members), "large": False, "features": [],
            "roles": [self.everyone.payload()] + [r.payload() for r in self.roles.values()],
            "channels": [c.payload() for c in channels], "threads": [c.payload() for c in threads],
            "members": [m.payload() for m in self.members.values()], "emojis": [], "stickers": [],
            "voice_states": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
            "soundboard_sounds": [], "preferred_locale": "en-US", "premium_tier": 0,
            "joined_at": "2024-01-01T00:00:00+00:00", "verification_level": 0, "mfa_level": 0,
            "nsfw_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
            "system_channel_flags": 0, "afk_timeout": 300,
        }

    def channel(self, name: str) -> Channel:
        found = next((c for c in self.channels.values() if c.name == name), None)
        if found is None:
            raise KeyError(f"no channel #{name} in {self.name}")
        return found

    def role(self, name: str) -> Role:
        found = next((r for r in self.roles.values() if r.name == name), None)
        if found is None:
            raise KeyError(f"no role @{name} in {self.name}")
        return found

    def member(self, name: str) -> Member:
        found = next((m for m in self.members.values() if m.name == name), None)
        if found is None:
            raise KeyError(f"no member {name} in {self.name}")
        return found


def ready(bot: User, application_id: int, guilds: list[Guild]) -> dict:
    return {"v": 10, "user": {**bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds], "session_id": "fake-session",
            "resume_gateway_url": "wss://gateway.invalid", "application": {"id": str(application_id), "flags": 0},
            "private_channels": [], "relationships": [], "presences": []}


def interaction(*, interaction_id: int, application_id: int, token: str, kind: int, data: dict | None,
                user: User, member: Member | None, channel: Channel, message: dict | None = None,
                app_permissions: discord.Permissions | None = None) -> dict:
    """INTERACTION_CREATE; `kind` 2 command, 3 component, 4 autocomplete, 5 modal submit."""
    payload: dict[str, Any] = {
        "id": str(interaction_id), "application_id": str(application_id), "type": kind, "token": token,
        "version": 1, "channel_id": str(channel.id), "channel": channel.payload(), "locale": "en-US",
        "entitlements": [], "attachment_size_limit": 10 * 1024 * 1024,
        "authorizing_integration_owners": {"0": str(channel.guild.id) if channel.guild else "0"},
        "app_permissions": str((app_permissions or discord.Permissions.none()).value),
    }
    if data is not None:
        payload["data"] = data
    if member is not None and channel.guild is not None:
        payload["guild_id"] = str(channel.guild.id)
        payload["guild_locale"] = "en-US"
        payload["member"] = member.payload(channel, with_permissions=True)
        payload["context"] = 0
    else:
        payload["user"] = user.payload()
        payload["context"] = 1
    if message is not None:
        payload["message"] = message
    return payload
