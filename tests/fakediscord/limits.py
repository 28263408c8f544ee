"""Discord's documented payload limits, checked the way Discord checks them.

Each checker returns a list of `Break`s: where in the payload (a path such as
``embeds.0.fields.3.value``), Discord's error code, and its message. An empty list means
Discord would accept the payload. `form_error` turns breaks into Discord's 400 body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CONTENT = 2000
EMBEDS = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBED_TOTAL = 6000  # across every embed of one message
ACTION_ROWS = 5
ROW_BUTTONS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_OPTION_TEXT = 100
SELECT_PLACEHOLDER = 150
AUTOCOMPLETE_CHOICES = 25
CHOICE_TEXT = 100
MODAL_TITLE = 45
MODAL_COMPONENTS = 5
LABEL_TEXT = 45
LABEL_DESCRIPTION = 100
TEXT_INPUT_VALUE = 4000
THREAD_NAME = 100
COMMANDS = 100  # chat-input commands per scope
COMMAND_NAME = 32
COMMAND_DESCRIPTION = 100
COMMAND_OPTIONS = 25
COMMAND_CHOICES = 25
COMMAND_TOTAL = 4000  # name, description and every option's and choice's text, per command
COMMAND_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")

BUTTON, ACTION_ROW, TEXT_INPUT, LABEL = 2, 1, 4, 18
SELECTS = {3, 5, 6, 7, 8}
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, NUMBER = 1, 2, 3, 4, 10


@dataclass(frozen=True)
class Break:
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _too_long(path: str, value: Any, limit: int) -> list[Break]:
    if isinstance(value, str) and len(value) > limit:
        return [Break(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length (is {len(value)}).")]
    return []


def _empty(path: str, value: Any) -> list[Break]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return [Break(path, "BASE_TYPE_REQUIRED", "This field is required")]
    return []


def embed_length(embed: dict) -> int:
    """The characters Discord counts toward the 6,000 total of a message."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "") + len((embed.get("author") or {}).get("name") or "")
    for field in embed.get("fields") or ():
        total += len(field.get("name") or "") + len(field.get("value") or "")
    return total


def check_embeds(embeds: list[dict], prefix: str = "embeds") -> list[Break]:
    breaks: list[Break] = []
    if len(embeds) > EMBEDS:
        breaks.append(Break(prefix, "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS} or fewer in length."))
    for i, embed in enumerate(embeds):
        at = f"{prefix}.{i}"
        breaks += _too_long(f"{at}.title", embed.get("title"), EMBED_TITLE)
        breaks += _too_long(f"{at}.description", embed.get("description"), EMBED_DESCRIPTION)
        breaks += _too_long(f"{at}.footer.text", (embed.get("footer") or {}).get("text"), EMBED_FOOTER)
        breaks += _too_long(f"{at}.author.name", (embed.get("author") or {}).get("name"), EMBED_AUTHOR)
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS:
            breaks.append(Break(f"{at}.fields", "BASE_TYPE_MAX_LENGTH", f"Must be {EMBED_FIELDS} or fewer in length."))
        for j, field in enumerate(fields):
            breaks += _empty(f"{at}.fields.{j}.name", field.get("name"))
            breaks += _empty(f"{at}.fields.{j}.value", field.get("value"))
            breaks += _too_long(f"{at}.fields.{j}.name", field.get("name"), EMBED_FIELD_NAME)
            breaks += _too_long(f"{at}.fields.{j}.value", field.get("value"), EMBED_FIELD_VALUE)
    total = sum(embed_length(e) for e in embeds)
    if total > EMBED_TOTAL:
        breaks.append(Break(prefix, "MAX_EMBED_SIZE_EXCEEDED",
                            f"Embed size exceeds maximum size of {EMBED_TOTAL} (is {total})."))
    return breaks


def _check_button(at: str, button: dict) -> list[Break]:
    breaks = _too_long(f"{at}.label", button.get("label"), BUTTON_LABEL)
    if button.get("style") == 5:  # a link button carries a url, not a custom id
        return breaks + _empty(f"{at}.url", button.get("url"))
    if button.get("style") == 6:  # premium
        return breaks
    if not button.get("label") and not button.get("emoji"):
        breaks.append(Break(at, "COMPONENT_INVALID", "A button needs a label or an emoji."))
    return breaks + _empty(f"{at}.custom_id", button.get("custom_id"))


def _check_select(at: str, select: dict) -> list[Break]:
    breaks = _too_long(f"{at}.placeholder", select.get("placeholder"), SELECT_PLACEHOLDER)
    breaks += _empty(f"{at}.custom_id", select.get("custom_id"))
    options = select.get("options")
    if options is not None:
        if not 1 <= len(options) <= SELECT_OPTIONS:
            breaks.append(Break(f"{at}.options", "BASE_TYPE_BAD_LENGTH",
                                f"Must be between 1 and {SELECT_OPTIONS} in length."))
        for k, option in enumerate(options):
            for key in ("label", "value", "description"):
                breaks += _too_long(f"{at}.options.{k}.{key}", option.get(key), SELECT_OPTION_TEXT)
    return breaks


def check_components(components: list[dict], prefix: str = "components") -> list[Break]:
    """Classic message components: up to five rows of five buttons or one select."""
    breaks: list[Break] = []
    if len(components) > ACTION_ROWS:
        breaks.append(Break(prefix, "BASE_TYPE_MAX_LENGTH", f"Must be {ACTION_ROWS} or fewer in length."))
    seen: set[str] = set()
    for i, row in enumerate(components):
        at = f"{prefix}.{i}"
        if row.get("type") != ACTION_ROW:
            continue  # components v2 layouts are not used by this bot
        children = row.get("components") or []
        selects = [c for c in children if c.get("type") in SELECTS]
        if not children or len(children) > ROW_BUTTONS or (selects and len(children) > 1):
            breaks.append(Break(f"{at}.components", "BASE_TYPE_BAD_LENGTH",
                                f"An action row holds 1 to {ROW_BUTTONS} buttons or one select."))
        for j, child in enumerate(children):
            where = f"{at}.components.{j}"
            custom_id = child.get("custom_id")
            breaks += _too_long(f"{where}.custom_id", custom_id, CUSTOM_ID)
            if custom_id:
                if custom_id in seen:
                    breaks.append(Break(f"{where}.custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED",
                                        "Component custom id cannot be duplicated"))
                seen.add(custom_id)
            if child.get("type") == BUTTON:
                breaks += _check_button(where, child)
            elif child.get("type") in SELECTS:
                breaks += _check_select(where, child)
    return breaks


def check_message(payload: dict, prefix: str = "") -> list[Break]:
    """A message as created or edited: content, embeds, components."""
    at = f"{prefix}." if prefix else ""
    breaks = _too_long(f"{at}content", payload.get("content"), CONTENT)
    breaks += check_embeds(payload.get("embeds") or [], f"{at}embeds")
    breaks += check_components(payload.get("components") or [], f"{at}components")
    if "content" in payload or "embeds" in payload:
        if not (payload.get("content") or payload.get("embeds") or payload.get("components")
                or payload.get("attachments") or payload.get("sticker_ids") or payload.get("poll")):
            breaks.append(Break(f"{at}content", "50006", "Cannot send an empty message"))
    return breaks


def mention_safety(payload: dict) -> str | None:
    """Why a message could ping people though the bot echoes their text, or None if it cannot."""
    mentions = payload.get("allowed_mentions")
    if mentions is None:
        return "no allowed_mentions: Discord would ping whatever the text mentions"
    if mentions.get("parse"):
        return f"allowed_mentions parses {mentions['parse']}"
    return None


def check_autocomplete(data: dict) -> list[Break]:
    choices = data.get("choices") or []
    breaks: list[Break] = []
    if len(choices) > AUTOCOMPLETE_CHOICES:
        breaks.append(Break("data.choices", "BASE_TYPE_MAX_LENGTH",
                            f"Must be {AUTOCOMPLETE_CHOICES} or fewer in length."))
    for i, choice in enumerate(choices):
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= CHOICE_TEXT:
            breaks.append(Break(f"data.choices.{i}.name", "BASE_TYPE_BAD_LENGTH",
                                f"Must be between 1 and {CHOICE_TEXT} in length."))
        breaks += _too_long(f"data.choices.{i}.value", choice.get("value"), CHOICE_TEXT)
    return breaks


def check_modal(data: dict) -> list[Break]:
    breaks = _too_long("data.title", data.get("title"), MODAL_TITLE) + _empty("data.title", data.get("title"))
    breaks += _too_long("data.custom_id", data.get("custom_id"), CUSTOM_ID)
    components = data.get("components") or []
    if not 1 <= len(components) <= MODAL_COMPONENTS:
        breaks.append(Break("data.components", "BASE_TYPE_BAD_LENGTH",
                            f"Must be between 1 and {MODAL_COMPONENTS} in length."))
    for i, component in enumerate(components):
        at = f"data.components.{i}"
        if component.get("type") == LABEL:
            breaks += _too_long(f"{at}.label", component.get("label"), LABEL_TEXT)
            breaks += _empty(f"{at}.label", component.get("label"))
            breaks += _too_long(f"{at}.description", component.get("description"), LABEL_DESCRIPTION)
            inner = [component.get("component") or {}]
        else:
            inner = component.get("components") or []
        for j, child in enumerate(inner):
            where = f"{at}.component" if component.get("type") == LABEL else f"{at}.components.{j}"
            breaks += _too_long(f"{where}.custom_id", child.get("custom_id"), CUSTOM_ID)
            if child.get("type") == TEXT_INPUT:
                breaks += _too_long(f"{where}.label", child.get("label"), LABEL_TEXT)
                breaks += _too_long(f"{where}.value", child.get("value"), TEXT_INPUT_VALUE)
                for key in ("min_length", "max_length"):
                    if child.get(key) is not None and not 0 <= child[key] <= TEXT_INPUT_VALUE:
                        breaks.append(Break(f"{where}.{key}", "NUMBER_TYPE_MAX",
                                            f"int value should be between 0 and {TEXT_INPUT_VALUE}."))
    return breaks


def _command_text(command: dict) -> int:
    total = len(command.get("name", "")) + len(command.get("description", ""))
    for option in command.get("options") or ():
        total += _command_text(option)
        for choice in option.get("choices") or ():
            total += len(str(choice.get("name", ""))) + len(str(choice.get("value", "")))
    return total


def _check_name(at: str, name: Any) -> list[Break]:
    if not isinstance(name, str) or not COMMAND_NAME_RE.match(name) or name != name.lower():
        return [Break(f"{at}.name", "APPLICATION_COMMAND_INVALID_NAME",
                      f"Command name is invalid ({name!r}): 1-32 lowercase letters, digits, - or _.")]
    return []


def _check_description(at: str, description: Any) -> list[Break]:
    if not isinstance(description, str) or not 1 <= len(description) <= COMMAND_DESCRIPTION:
        return [Break(f"{at}.description", "BASE_TYPE_BAD_LENGTH",
                      f"Must be between 1 and {COMMAND_DESCRIPTION} in length.")]
    return []


def _check_options(at: str, options: list[dict], *, depth: int) -> list[Break]:
    breaks: list[Break] = []
    if len(options) > COMMAND_OPTIONS:
        breaks.append(Break(f"{at}.options", "BASE_TYPE_MAX_LENGTH", f"Must be {COMMAND_OPTIONS} or fewer in length."))
    names = [o.get("name") for o in options]
    if len(names) != len(set(names)):
        breaks.append(Break(f"{at}.options", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                            "Option names must be unique"))
    kinds = {o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in options}
    if len(kinds) > 1:
        breaks.append(Break(f"{at}.options", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                            "Sub-commands cannot be mixed with other options"))
    optional_seen = False
    for i, option in enumerate(options):
        where = f"{at}.options.{i}"
        breaks += _check_name(where, option.get("name")) + _check_description(where, option.get("description"))
        kind = option.get("type")
        if kind == SUB_COMMAND_GROUP:
            if depth > 0:
                breaks.append(Break(where, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Groups cannot nest"))
            children = option.get("options") or []
            if any(c.get("type") != SUB_COMMAND for c in children):
                breaks.append(Break(where, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                                    "A group holds only sub-commands"))
            breaks += _check_options(where, children, depth=depth + 1)
        elif kind == SUB_COMMAND:
            breaks += _check_options(where, option.get("options") or [], depth=depth + 1)
        else:
            if option.get("required"):
                if optional_seen:
                    breaks.append(Break(where, "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                                        "Required options must be placed before non-required options"))
            else:
                optional_seen = True
            choices = option.get("choices") or []
            if len(choices) > COMMAND_CHOICES:
                breaks.append(Break(f"{where}.choices", "BASE_TYPE_MAX_LENGTH",
                                    f"Must be {COMMAND_CHOICES} or fewer in length."))
            if choices and option.get("autocomplete"):
                breaks.append(Break(where, "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
                                    "Autocomplete cannot be set with choices"))
            for k, choice in enumerate(choices):
                if not 1 <= len(str(choice.get("name", ""))) <= CHOICE_TEXT:
                    breaks.append(Break(f"{where}.choices.{k}.name", "BASE_TYPE_BAD_LENGTH",
                                        f"Must be between 1 and {CHOICE_TEXT} in length."))
                breaks += _too_long(f"{where}.choices.{k}.value", choice.get("value"), CHOICE_TEXT)
    return breaks


def check_commands(commands: list[dict]) -> list[Break]:
    """A bulk overwrite: every rule Discord applies to application commands."""
    breaks: list[Break] = []
    chat = [c for c in commands if c.get("type", 1) == 1]
    if len(chat) > COMMANDS:
        breaks.append(Break("", "BASE_TYPE_MAX_LENGTH", f"Must be {COMMANDS} or fewer in length."))
    seen: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        at = str(i)
        key = (command.get("type", 1), command.get("name"))
        if key in seen:
            breaks.append(Break(f"{at}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME",
                                f"Application command names must be unique ({command.get('name')})"))
        seen.add(key)
        breaks += _check_name(at, command.get("name"))
        if command.get("type", 1) == 1:
            breaks += _check_description(at, command.get("description"))
            breaks += _check_options(at, command.get("options") or [], depth=0)
            if _command_text(command) > COMMAND_TOTAL:
                breaks.append(Break(at, "APPLICATION_COMMAND_TOO_LARGE",
                                    f"Command exceeds maximum size ({COMMAND_TOTAL})"))
    return breaks


def form_error(breaks: list[Break]) -> dict:
    """Discord's 400 body for an invalid form: errors nested by path, as in its API."""
    errors: dict = {}
    for found in breaks:
        node = errors
        for part in [p for p in found.path.split(".") if p]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": found.code, "message": found.message})
    return {"code": 50035, "message": "Invalid Form Body", "errors": errors}
