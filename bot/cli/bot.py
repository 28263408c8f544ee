"""Running the Discord bot: run (and run --dry-run).

With the database commands (db.py), the only commands that import discord.py and the store, so
the answer path stays light.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ..kb import KnowledgeError
from .common import EXIT_OK, CliError
from .doctor import looks_like_token

LOGIN_TIMEOUT = 20.0  # seconds to reach Discord and log in before giving up with a clear error


def configure_logging(stream: TextIO | None = None) -> None:
    """Logging set up once for the running bot; discord.http only at warning.

    Colour only on a terminal: discord.py also colours inside any Docker container, which puts
    escape codes into `docker logs` and log files.
    """
    import logging
    import os
    import sys

    import discord

    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    colour = hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ
    plain = logging.Formatter("[{asctime}] [{levelname:<8}] {name}: {message}", "%Y-%m-%d %H:%M:%S", style="{")
    # Without a formatter discord.py chooses its coloured one.
    chosen = {} if colour else {"formatter": plain}
    discord.utils.setup_logging(handler=handler, level=log_level(os.environ.get("CITEBOT_LOG_LEVEL", "")),
                                root=True, **chosen)
    logging.getLogger("discord.http").setLevel(logging.WARNING)


def log_level(value: str) -> int:
    """CITEBOT_LOG_LEVEL: DEBUG, INFO (the default), WARNING or ERROR."""
    import logging

    from ..config import SettingsError, unquoted

    name = unquoted(value).upper() or "INFO"
    if name not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"CITEBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {value.strip()!r}")
    return getattr(logging, name)


def cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    from ..config import Settings, load_dotenv
    from ..kb.library import Library

    load_dotenv()
    settings = Settings.from_env(knowledge=args.knowledge)
    try:
        library = Library(settings.knowledge)
    except KnowledgeError as exc:
        raise CliError("the knowledge folder has errors:\n" + "\n".join(map(str, exc.errors))) from exc
    if args.dry_run:
        return asyncio.run(_dry_run(settings, library, out))
    if not settings.token:
        raise CliError("DISCORD_TOKEN is not set: put the bot token in the environment or in a .env file "
                       "(see .env.example)")
    if not looks_like_token(settings.token):
        raise CliError("DISCORD_TOKEN does not look like a bot token (three parts separated by dots); "
                       "copy it again from the Discord developer portal")
    configure_logging()
    import threading

    # The encoder reads the knowledge's phrasings once per machine (kept in the cache folder);
    # done now, in the background, the first unsure questions need not wait for it.
    threading.Thread(target=library.engine.warm, name="citebot-warm", daemon=True).start()
    return asyncio.run(_run(settings, library))


async def _run(settings, library) -> int:
    import aiohttp
    import discord

    from ..client import Citebot
    from ..store import Store, StoreError

    bot = Citebot.create(settings=settings, library=library, store=Store(settings.database))
    async with bot:
        stop_on_sigterm(bot)
        try:
            await asyncio_wait_for(bot.login(settings.token), LOGIN_TIMEOUT)
        except StoreError as exc:  # opened in setup_hook, during login
            raise CliError(str(exc)) from exc
        except discord.LoginFailure as exc:
            raise CliError("Discord rejected DISCORD_TOKEN; reset the token in the developer portal "
                           "and set it again") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise CliError(f"could not reach Discord to log in ({type(exc).__name__}); "
                           "check the network and DISCORD_TOKEN") from exc
        await bot.connect()
    return EXIT_OK


def stop_on_sigterm(bot) -> bool:
    """Close the bot when the process is asked to stop (`docker stop`, systemd, kill): it logs out
    and closes its database, which SQLite then folds back into the one file. Without this the
    process ends at once, and as a container's first process it ignores the signal until it is
    killed. Returns whether the handler is in place (not on Windows' event loops)."""
    import asyncio
    import logging
    import signal

    closing: set[asyncio.Task] = set()  # held until done: the loop keeps only weak references to tasks

    def stop() -> None:
        logging.getLogger(__name__).info("asked to stop (SIGTERM): closing")
        task = asyncio.ensure_future(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop)
    except (NotImplementedError, RuntimeError):
        return False
    return True


async def asyncio_wait_for(awaitable, timeout: float):
    import asyncio

    return await asyncio.wait_for(awaitable, timeout)


async def _dry_run(settings, library, out: TextIO) -> int:
    """Build the bot offline, load every cog, print the commands as a sync would send them."""
    from ..client import Citebot, command_payload
    from ..store import Store

    bot = Citebot(settings=settings, library=library, store=Store(settings.database))
    await bot.load_cogs()
    out.write(json.dumps(command_payload(bot.tree), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
