"""A server's settings change, checked whole before anything is stored: for `/settings` in
Discord and `citebot server settings` alike.

Who is a moderator or a curator is for Manage Server (or the bot's owner, at the command line) to
decide, and never @everyone; a text named must be one the server serves; a time zone must exist.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .checks import is_everyone
from .schedule import ScheduleError, zone_name

_EVERYONE = {"moderator": "every member would be a moderator", "curator": "every member could change the answers"}


@dataclass
class SettingsPlan:
    """What to store (`changes` for the settings row, `bindings` for channels, each with its text or
    None for every text) or why not (`refused`)."""

    changes: dict[str, object] = field(default_factory=dict)
    bindings: list[tuple[int, str | None]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def plan_settings(guild_id: int, served: Collection[str], *, may_choose_roles: bool,
                  roles: dict[str, int | None] | None = None, texts: str | None = None,
                  timezone: str | None = None, visibility: str | None = None,
                  channels: Sequence[tuple[int, str]] = ()) -> SettingsPlan:
    """Check every requested change; `roles` maps "moderator" / "curator" to a role id (None: unchanged),
    and `channels` pairs a channel with the text it asks (or "any")."""
    plan = SettingsPlan()
    known = ", ".join(served)
    for circle, role_id in (roles or {}).items():
        if role_id is None:
            continue
        if not may_choose_roles:
            plan.refused.append(f"Only members with Manage Server can choose the {circle} role.")
        elif is_everyone(role_id, guild_id):
            plan.refused.append(f"@everyone can't be the {circle} role: {_EVERYONE[circle]}. "
                                f"Pick a role that only your {circle}s have.")
        else:
            plan.changes[f"{circle}_role_id"] = role_id
    if texts is not None:
        chosen = None if texts.strip().lower() == "all" else tuple(t.strip() for t in texts.split(",") if t.strip())
        unknown = [t for t in chosen or () if t not in served]
        if unknown or chosen == ():
            plan.refused.append(f"Unknown text id(s): {', '.join(unknown) or '(none given)'}. "
                                f"The texts are: {known}, or 'all'.")
        else:
            plan.changes["sources"] = chosen
    for channel_id, channel_text in channels:
        wanted = channel_text.strip()
        if wanted.lower() != "any" and wanted not in served:
            plan.refused.append(f"Unknown text id: {wanted or '(none given)'}. The texts are: {known}, or 'any'.")
        else:
            plan.bindings.append((channel_id, None if wanted.lower() == "any" else wanted))
    if timezone is not None:
        try:
            plan.changes["timezone"] = zone_name(timezone)
        except ScheduleError as exc:
            plan.refused.append(str(exc))
    if visibility is not None:
        plan.changes["ephemeral"] = visibility == "private"
    return plan
