"""`citebot doctor`: is this installation ready to run? One line per check, each with its fix.

The offline checks (token shape, database, knowledge, time zones) answer the Docker
HEALTHCHECK; `--online` also logs in over REST and looks at what the bot may do in each server.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .common import EXIT_ERROR, EXIT_OK, validate_command

if TYPE_CHECKING:
    import discord

    from ..config import Settings

LOGIN_TIMEOUT = 20.0  # seconds to reach Discord and log in before reporting it unreachable
# A running bot notes the time every minute (bot.client.HEARTBEAT_SECONDS); older than this, it is not running well.
ALIVE_WITHIN = 210
# Zones checked even before any server chose one: the data must hold real zones, not just UTC.
SAMPLE_ZONES = ("Europe/Stockholm", "America/New_York")
# What the bot needs in a channel to answer, post prompts and open their threads, and by what
# name Discord's settings show it.
NEEDED = (("view_channel", "View Channel"), ("send_messages", "Send Messages"), ("embed_links", "Embed Links"),
          ("create_public_threads", "Create Public Threads"),
          ("send_messages_in_threads", "Send Messages in Threads"),
          ("read_message_history", "Read Message History"))


@dataclass(frozen=True, slots=True)
class Check:
    """One finding: what was checked, what was found and, when it failed, what to do."""

    ok: bool
    name: str
    found: str
    fix: str = ""

    def line(self) -> str:
        text = f"{'✓' if self.ok else '✗'} {self.name}: {self.found}"
        return text if self.ok or not self.fix else f"{text} \u2014 {self.fix}"


# -- offline ----------------------------------------------------------------------------------

# A bot token's parts: the bot's id in base64, a timestamp, an HMAC (the last two of at least these lengths).
TOKEN_PART_MIN = (0, 5, 20)


def looks_like_token(token: str) -> bool:
    """Three dot-separated parts of URL-safe base64, the first the bot's id: a bot token's shape
    (never its validity, which only Discord can tell)."""
    parts = token.split(".")
    return (len(parts) == 3 and all(len(p) > least for p, least in zip(parts, TOKEN_PART_MIN, strict=True))
            and all(c.isalnum() or c in "-_" for p in parts for c in p) and _bot_id(token) is not None)


def _bot_id(token: str) -> str | None:
    """The bot's user id, which a token's first part encodes; public, unlike the rest."""
    first = token.split(".")[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return decoded if decoded.isdigit() else None


def check_token(token: str) -> Check:
    portal = "copy it from the Discord developer portal (Bot \u2192 Reset Token) into DISCORD_TOKEN or .env"
    if not token:
        return Check(False, "token", "DISCORD_TOKEN is not set", portal)
    if not looks_like_token(token):
        return Check(False, "token", "DISCORD_TOKEN does not look like a bot token (three parts separated by dots)",
                     portal)
    bot_id = _bot_id(token)
    return Check(True, "token", "DISCORD_TOKEN has a bot token's shape" + (f" (bot id {bot_id})" if bot_id else ""))


async def check_database(settings: Settings) -> tuple[list[Check], list[str]]:
    """Open (creating and migrating if need be) and write; also the time zones servers chose."""
    from ..config import is_postgres
    from ..store import DOCTOR_MARK, MIGRATIONS, Store, StoreError, now

    if is_postgres(settings.database):
        return await _check_server(str(settings.database))
    path = Path(settings.database)
    checks: list[Check] = []
    if settings.data_dir is not None and not path.resolve().is_relative_to(settings.data_dir.resolve()):
        checks.append(Check(False, "data folder", f"the database {path} is outside CITEBOT_DATA_DIR "
                            f"({settings.data_dir}), so it is lost when the container is recreated",
                            "unset CITEBOT_DB or give a relative name, which is kept in the data folder"))
    if not path.exists():  # a check creates nothing: the bot makes its database where it will keep it
        folder = path.resolve().parent
        existing = next(f for f in (folder, *folder.parents) if f.exists())  # the bot makes the folders below
        if existing.is_dir() and os.access(existing, os.W_OK):
            checks.append(Check(True, "database", f"{path.resolve()} does not exist yet; `citebot run` creates "
                                f"it there"))
        else:
            checks.append(Check(False, "database", f"{path.resolve()} cannot be created: {existing} is not a "
                                "writable folder", "make it writable, or point CITEBOT_DB elsewhere"))
        return checks, []
    try:
        async with Store(path) as store:
            await store.set_meta(DOCTOR_MARK, now())  # proves it is writable
            version = await store.version()
            zones = await _chosen_zones(store)
    except StoreError as exc:
        checks.append(Check(False, "database", str(exc)))
        return checks, []
    checks.append(Check(True, "database", f"{path.resolve()} opens and is writable "
                        f"(schema {version} of {len(MIGRATIONS)})"))
    return checks, zones


async def _check_server(url: str) -> tuple[list[Check], list[str]]:
    from ..store import DOCTOR_MARK, MIGRATIONS, Store, StoreError, now

    try:
        async with Store(url) as store:
            await store.set_meta(DOCTOR_MARK, now())  # proves it is writable
            version, zones, where = await store.version(), await _chosen_zones(store), store.where
    except StoreError as exc:
        return [Check(False, "database", str(exc))], []
    return [Check(True, "database", f"{where} opens and is writable (schema {version} of {len(MIGRATIONS)})")], zones


async def _chosen_zones(store) -> list[str]:
    async with store.db.execute("SELECT DISTINCT timezone FROM guild_settings") as rows:
        return [row[0] async for row in rows]


def check_knowledge_folder(root: Path) -> Check:
    from ..kb import check_knowledge

    kb, problems = check_knowledge(root)
    errors = sum(p.severity == "error" for p in problems)
    if kb is None or errors:
        return Check(False, "knowledge", f"{root} has {errors} error(s)",
                     f"run `{validate_command(root)}` to see them, and fix the files it names")
    return Check(True, "knowledge", f"{root}: {len(kb.sources)} text(s), {len(kb.entries)} entries, "
                 f"{len(kb.prompts)} prompts")


def check_encoder() -> Check:
    """MiniLM's weights, which give unsure questions a second opinion (bot/kb/encoder.py)."""
    from ..kb import encoder

    weights = encoder.WEIGHTS
    try:
        vector = encoder.Encoder(weights, shelf=None).embed(["Is the encoder working?"])[0]
    except (OSError, ValueError, KeyError) as exc:
        return Check(False, "MiniLM", f"cannot be loaded from {weights} ({exc})",
                     "reinstall citebot; unsure questions get suggestions only until then")
    if abs(float(vector @ vector) - 1.0) > 1e-3:
        return Check(False, "MiniLM", "reads a sentence as a broken vector", "reinstall citebot")
    return Check(True, "MiniLM", f"loaded ({weights.stat().st_size / 1e6:.0f} MB), reads a sentence")


def check_time_zones(chosen: list[str]) -> Check:
    from ..schedule import ScheduleError, zone

    wanted = list(dict.fromkeys([*SAMPLE_ZONES, *chosen]))
    missing = []
    for name in wanted:
        try:
            zone(name)
        except ScheduleError:
            missing.append(name)
    if missing:
        return Check(False, "time zones", f"no time-zone data for {', '.join(missing)}",
                     "install the tzdata package (pip install tzdata) or the system's tzdata")
    return Check(True, "time zones", f"data for {len(wanted)} zone(s) in use or sampled")


def check_private(settings: Settings, env: Path = Path(".env")) -> list[Check]:
    """The token's .env file and the SQLite database (members' questions and ids, and its backups'
    source) readable by their owner alone: another user of the machine could read them otherwise."""
    from ..config import is_postgres

    found, private = [], []
    files = [("token", env)] + ([] if is_postgres(settings.database) else [("database", Path(settings.database))])
    for name, path in files:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            found.append(Check(False, f"{name} file", f"{path} can be read by other users of this machine "
                               f"(mode {mode:o})", f"chmod 600 {path}"))
        else:
            private.append(str(path))
    if private and not found:
        return [Check(True, "private files", f"{' and '.join(private)} readable by their owner alone")]
    return found


def check_shards(count: str, ids: str) -> Check:
    """Which shards this process runs, from CITEBOT_SHARD_COUNT and CITEBOT_SHARD_IDS as given."""
    from ..config import SettingsError, shards_from_env

    try:
        total, mine = shards_from_env(count, ids)
    except SettingsError as exc:
        return Check(False, "shards", str(exc))
    if total is None or mine is None:
        return Check(True, "shards", "one process, all shards (CITEBOT_SHARD_COUNT is not set)")
    if len(mine) == total:
        return Check(True, "shards", f"all {total} in this process (CITEBOT_SHARD_COUNT={total}; "
                     "CITEBOT_SHARD_IDS unset or empty)")
    held = set(mine)
    others = [n for n in range(total) if n not in held]
    return Check(True, "shards", f"{_spans(mine)} of {total} in this process (CITEBOT_SHARD_IDS); {_spans(others)} "
                 f"must run in other processes, each with CITEBOT_SHARD_COUNT={total} and the same database")


def _spans(numbers: list[int] | tuple[int, ...]) -> str:
    """0, 1, 2, 5 as "0-2, 5": a thousand shards in a line."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}, {b}" if b == a + 1 else f"{a}-{b}" for a, b in spans)


async def offline_checks(settings: Settings) -> list[Check]:
    database, zones = await check_database(settings)
    return [check_token(settings.token), *database, *check_private(settings),
            check_knowledge_folder(settings.knowledge), check_encoder(), check_time_zones(zones),
            check_shards(os.environ.get("CITEBOT_SHARD_COUNT", ""), os.environ.get("CITEBOT_SHARD_IDS", ""))]


# -- online -----------------------------------------------------------------------------------

async def online_checks(token: str) -> list[Check]:
    """Log in over REST (no gateway) and report the bot, its servers and what it lacks where."""
    import asyncio

    import aiohttp
    import discord

    client = discord.Client(intents=discord.Intents.none())
    try:
        try:
            await asyncio.wait_for(client.login(token), LOGIN_TIMEOUT)
        except discord.LoginFailure:
            return [Check(False, "login", "Discord rejected DISCORD_TOKEN",
                          "reset the token in the developer portal and set it again")]
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            return [Check(False, "login", f"could not reach Discord ({type(exc).__name__})",
                          "check the network (and any proxy or firewall)")]
        assert client.user is not None
        checks = [Check(True, "login", f"logged in as {client.user} (id {client.user.id})")]
        guilds = [guild async for guild in client.fetch_guilds(limit=None)]
        if not guilds:
            return [*checks, Check(False, "servers", "the bot is in no server yet",
                                   "invite it with the developer portal's OAuth2 URL (scopes bot and "
                                   "applications.commands)")]
        checks.append(Check(True, "servers", f"in {len(guilds)}: " + ", ".join(g.name for g in guilds)))
        for partial in guilds:
            checks.append(await _server_check(client, partial.id))
        return checks
    finally:
        await client.close()


async def _server_check(client: discord.Client, guild_id: int) -> Check:
    import discord

    guild = await client.fetch_guild(guild_id)  # with its roles, which permissions come from
    me = await guild.fetch_member(client.user.id)  # type: ignore[union-attr]
    lacking: list[str] = []
    hidden: list[str] = []
    usable = 0
    for channel in sorted(await guild.fetch_channels(), key=lambda c: (c.position, c.id)):
        if not isinstance(channel, discord.TextChannel | discord.ForumChannel):
            continue
        allowed = channel.permissions_for(me)
        if not allowed.view_channel:
            hidden.append(f"#{channel.name}")
            continue
        missing = [label for flag, label in NEEDED if not getattr(allowed, flag)]
        if missing:
            lacking.append(f"#{channel.name} lacks {', '.join(missing)}")
        else:
            usable += 1
    # A channel the bot cannot see is usually private on purpose, so it is reported, not failed.
    unseen = f"; cannot see {', '.join(hidden)} (fine if private)" if hidden else ""
    if lacking:
        return Check(False, f"server {guild.name}", "; ".join(lacking) + unseen,
                     "give the bot's role those permissions (Server Settings \u2192 Roles), or remove the "
                     "channel overwrite that denies them")
    return Check(True, f"server {guild.name}", f"every permission it needs in {usable} channel(s){unseen}")


# -- the command ------------------------------------------------------------------------------

async def check_alive(settings: Settings, *, now: datetime | None = None) -> Check:
    """Whether the bot run with these settings noted itself connected to Discord lately (it does every
    HEARTBEAT_SECONDS): the health of a running bot, read without starting one or touching the network."""
    from ..config import is_postgres
    from ..store import Store, StoreError

    if not is_postgres(settings.database) and not Path(settings.database).exists():
        return Check(False, "running", f"no database at {settings.database}: the bot has not run with these "
                     "settings", "start it with citebot run")
    try:
        async with Store(settings.database) as store:
            seen = await store.get_meta(settings.alive_key)
    except StoreError as exc:
        return Check(False, "running", str(exc))
    if seen is None:
        return Check(False, "running", "the bot has never been connected to Discord with this database",
                     "start it with citebot run, and read its log")
    age = ((now or datetime.now(UTC)) - datetime.fromisoformat(seen)).total_seconds()
    if age > ALIVE_WITHIN:
        return Check(False, "running", f"last connected to Discord {_ago(age)} ago ({seen})",
                     "read the bot's log (docker logs, journalctl); restart it if it is stuck")
    return Check(True, "running", f"connected to Discord {_ago(max(age, 0))} ago")


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"


def cmd_doctor(args: argparse.Namespace, out: TextIO) -> int:
    from ..config import Settings, load_dotenv

    load_dotenv()
    import asyncio  # only here: the answer commands never need an event loop

    if args.alive:
        settings = Settings.from_env(knowledge=args.knowledge)  # its shards name the note it reads
        check = asyncio.run(check_alive(settings))
        out.write(check.line() + "\n")
        return EXIT_OK if check.ok else EXIT_ERROR
    # The shards are one of the checks, so a bad shard setting is one ✗ among them, not the only line.
    settings = Settings.from_env(knowledge=args.knowledge, shards=False)
    checks = asyncio.run(offline_checks(settings))
    if args.online:
        if checks[0].ok:
            checks += asyncio.run(online_checks(settings.token))
        else:
            checks.append(Check(False, "login", "not tried without a usable DISCORD_TOKEN", checks[0].fix))
    for check in checks:
        out.write(check.line() + "\n")
    return EXIT_OK if all(c.ok for c in checks) else EXIT_ERROR
