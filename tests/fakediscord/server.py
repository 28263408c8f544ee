"""Discord's REST side, faked: every call the bot makes is recorded, checked and answered.

The bot's HTTP session is replaced by `FakeSession`, the lowest point discord.py talks to, so
discord.py's own request code (rate limits, error mapping, webhook adapter) still runs. Both
the bot's REST calls and interaction webhooks (responses, follow-ups, edits) arrive here.

A call Discord would refuse is answered as Discord answers it, and anything that is the bot's
fault (a broken limit, a second response, an expired token, a late answer, a message that could
ping people) is also noted in `problems`, which the scenario fixture asserts empty at the end.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import discord
from multidict import CIMultiDict

from . import limits
from .gateway import DM, FORUM, PUBLIC_THREAD, Channel, Clock, Guild, Member, Snowflakes, User

API = "/api/v10"
INTERACTION_ACK_SECONDS = 3.0  # Discord's time to acknowledge an interaction
TOKEN_LIFE_SECONDS = 15 * 60  # an interaction token works this long for follow-ups and edits
# Calls the bot may make before acknowledging: each REST round trip can take a second under load,
# so three of them before an answer put the 3-second window at risk.
CALLS_BEFORE_ACK = 3
EPHEMERAL = 1 << 6
CREATES_MESSAGE = {4, 5}


@dataclass
class Call:
    """One request the bot made and what the fake Discord answered."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[tuple[str, int]]
    status: int = 0
    answer: Any = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


@dataclass
class Interaction:
    """An interaction Discord sent the bot, and what became of it."""

    id: int
    token: str
    kind: int
    user: User
    channel: Channel
    created: float
    data: dict | None
    calls_before: int = 0
    response: dict | None = None  # {"type": .., "data": ..}
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    ephemeral: bool = False
    message_id: int | None = None  # the message whose component was used

    @property
    def answered(self) -> bool:
        return self.response is not None


class HTTPError(Exception):
    def __init__(self, status: int, body: dict) -> None:
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body


def error(status: int, code: int, message: str) -> HTTPError:
    return HTTPError(status, {"code": code, "message": message})


REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
           403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 429: "Too Many Requests",
           500: "Internal Server Error"}


class FakeResponse:
    """Just enough of aiohttp.ClientResponse for discord.py's request loops."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.reason = REASONS.get(status, "")
        self._text = "" if body is None else json.dumps(body)
        self.headers = CIMultiDict(headers or {})
        if body is not None:
            self.headers["content-type"] = "application/json"

    async def text(self, encoding: str = "utf-8") -> str:
        return self._text

    async def read(self) -> bytes:
        return self._bytes if hasattr(self, "_bytes") else self._text.encode()

    async def __aenter__(self) -> FakeResponse:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class FakeSession:
    """Stands in for the aiohttp session of discord.py's HTTPClient; never touches the network."""

    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.closed = False

    def request(self, method: str, url: str, *, data: Any = None, headers: dict | None = None,
                params: dict | None = None, **_: Any) -> FakeResponse:
        return self.server.receive(method, url, data=data, headers=headers or {}, params=params or {})

    def get(self, url: str, **_: Any) -> FakeResponse:
        """A file from Discord's CDN: what a member attached."""
        data = self.server.files.get(url)
        response = FakeResponse(200 if data is not None else 404, None)
        response._bytes = data or b""
        return response

    async def ws_connect(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the fake Discord has no gateway socket; feed events through FakeDiscord")

    async def close(self) -> None:
        self.closed = True


def _decode(data: Any) -> tuple[Any, list[tuple[str, int]]]:
    """The JSON body and the (filename, size) of each file, from a str body or aiohttp.FormData."""
    if data is None:
        return None, []
    if isinstance(data, str | bytes):
        return json.loads(data), []
    payload, files = None, []
    for options, _headers, value in data._fields:
        name = options.get("name")
        if name == "payload_json":
            payload = json.loads(value)
        else:
            content = value.read() if hasattr(value, "read") else value
            files.append((options.get("filename") or name, len(content)))
    return payload, files


class FakeServer:
    """Discord's state as the bot sees it over REST: servers, channels, messages, commands."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        self.snowflake = Snowflakes(self.clock)
        self.application_id = self.snowflake()
        # Shaped like a real bot token: the bot's id in base64, a timestamp part, an HMAC part.
        user_part = base64.b64encode(str(self.application_id).encode()).decode().rstrip("=")
        self.token = f"{user_part}.GfakeA.{'x' * 38}"
        self.bot = User(self.application_id, "Citebot", bot=True)
        self.owner = User(self.snowflake(), "owner")
        self.users: dict[int, User] = {self.bot.id: self.bot, self.owner.id: self.owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, dict] = {}
        self.files: dict[str, bytes] = {}  # attachments on the CDN, by URL
        self.commands: dict[int | None, list[dict]] = {}  # None: global
        self.interactions: dict[int, Interaction] = {}
        self.calls: list[Call] = []
        self.problems: list[str] = []
        self.events: list[tuple[str, dict]] = []  # gateway events Discord owes the bot (THREAD_CREATE, ...)
        self._failures: list[tuple[str, re.Pattern[str], int, dict, dict]] = []

    # -- scenario controls --------------------------------------------------------------------

    def fail_next(self, method: str, path: str, status: int, body: dict | None = None,
                  headers: dict | None = None) -> None:
        """Answer the next call matching METHOD and a path regex with this status (429, 500, ...)."""
        body = body or {"code": 0, "message": REASONS.get(status, "error")}
        self._failures.append((method.upper(), re.compile(path), status, body, headers or {}))

    def rate_limit_next(self, method: str, path: str, retry_after: float = 0.01) -> None:
        self.fail_next(method, path, 429, {"message": "You are being rate limited.", "retry_after": retry_after,
                                           "global": False}, {"Via": "1.1 google", "Retry-After": "0"})

    def problem(self, text: str) -> None:
        self.problems.append(text)

    # -- the wire -----------------------------------------------------------------------------

    def receive(self, method: str, url: str, *, data: Any, headers: dict, params: dict) -> FakeResponse:
        parts = urlsplit(url)
        path = parts.path.removeprefix(API)
        query = dict(parse_qsl(parts.query))
        query.update({k: str(v) for k, v in params.items()})
        body, files = _decode(data)
        call = Call(method, path, query, body, files)
        self.calls.append(call)
        response_headers: dict[str, str] = {}
        try:
            failure = next((f for f in self._failures if f[0] == method and f[1].search(path)), None)
            if failure is not None:
                self._failures.remove(failure)
                response_headers = failure[4]
                raise HTTPError(failure[2], failure[3])
            if not path.startswith(("/interactions/", "/webhooks/")):
                self._authorise(headers)
            status, answer = self.route(call)
        except HTTPError as exc:
            status, answer = exc.status, exc.body
        call.status, call.answer = status, answer
        return FakeResponse(status, answer, response_headers)

    def _authorise(self, headers: dict) -> None:
        if headers.get("Authorization") != f"Bot {self.token}":
            raise error(401, 0, "401: Unauthorized")

    def route(self, call: Call) -> tuple[int, Any]:
        for pattern, handler in self._routes():
            match = re.fullmatch(pattern, f"{call.method} {call.path}")
            if match:
                if not call.path.startswith("/interactions/"):
                    self._count_towards_ack(call)
                return handler(call, *match.groups())
        self.problem(f"the fake Discord does not know {call.method} {call.path}")
        raise error(404, 0, "404: Not Found")

    def _routes(self):
        return (
            (r"GET /users/@me", lambda c: (200, {**self.bot.payload(), "verified": True, "flags": 0})),
            (r"GET /oauth2/applications/@me", self._application),
            (r"GET /applications/@me", self._application),
            (r"GET /users/@me/guilds", lambda c: (200, [{"id": str(g.id), "name": g.name, "icon": None,
                                                          "owner": False, "permissions": "0", "features": []}
                                                         for g in self.guilds.values()])),
            (r"GET /users/(\d+)", self._get_user),
            (r"POST /users/@me/channels", self._open_dm),
            (r"GET /guilds/(\d+)", lambda c, g: (200, self._guild(g).payload())),
            (r"GET /guilds/(\d+)/channels", lambda c, g: (200, [ch.payload() for ch in self._guild(g)
                                                                .channels.values() if ch.type != PUBLIC_THREAD])),
            (r"GET /guilds/(\d+)/roles", lambda c, g: (200, [r.payload() for r in [self._guild(g).everyone,
                                                                                   *self._guild(g).roles.values()]])),
            (r"GET /guilds/(\d+)/members/(\d+)", self._get_member),
            (r"PUT /applications/(\d+)/commands", self._put_commands),
            (r"PUT /applications/(\d+)/guilds/(\d+)/commands", self._put_commands),
            (r"GET /applications/(\d+)/commands", lambda c, a: (200, self.commands.get(None, []))),
            (r"GET /applications/(\d+)/guilds/(\d+)/commands", lambda c, a, g: (200, self.commands.get(int(g), []))),
            (r"GET /channels/(\d+)", lambda c, ch: (200, self._channel(ch).payload())),
            (r"POST /channels/(\d+)/typing", lambda c, ch: (204, None)),
            (r"POST /channels/(\d+)/messages", self._create_message),
            (r"GET /channels/(\d+)/messages/(\d+)", self._get_message),
            (r"PATCH /channels/(\d+)/messages/(\d+)", self._edit_channel_message),
            (r"DELETE /channels/(\d+)/messages/(\d+)", self._delete_message),
            (r"POST /channels/(\d+)/messages/(\d+)/threads", self._thread_from_message),
            (r"POST /channels/(\d+)/threads", self._forum_post),
            (r"POST /interactions/(\d+)/([^/]+)/callback", self._callback),
            (r"POST /webhooks/(\d+)/([^/]+)", self._followup),
            (r"(GET|PATCH|DELETE) /webhooks/(\d+)/([^/]+)/messages/(@original|\d+)", self._webhook_message),
        )

    # -- lookups ------------------------------------------------------------------------------

    def _application(self, call: Call) -> tuple[int, dict]:
        return 200, {"id": str(self.application_id), "name": self.bot.name, "description": "", "icon": None,
                     "bot_public": True, "bot_require_code_grant": False, "owner": self.owner.payload(),
                     "verify_key": "0" * 64, "flags": 0, "team": None, "bot": self.bot.payload()}

    def _guild(self, guild_id: str | int) -> Guild:
        guild = self.guilds.get(int(guild_id))
        if guild is None:
            raise error(404, 10004, "Unknown Guild")
        return guild

    def _channel(self, channel_id: str | int) -> Channel:
        channel = self.channels.get(int(channel_id))
        if channel is None:
            raise error(404, 10003, "Unknown Channel")
        return channel

    def _get_user(self, call: Call, user_id: str) -> tuple[int, dict]:
        user = self.users.get(int(user_id))
        if user is None:
            raise error(404, 10013, "Unknown User")
        return 200, user.payload()

    def _get_member(self, call: Call, guild_id: str, user_id: str) -> tuple[int, dict]:
        member = self._guild(guild_id).members.get(int(user_id))
        if member is None:
            raise error(404, 10007, "Unknown Member")
        return 200, member.payload()

    def _open_dm(self, call: Call) -> tuple[int, dict]:
        user = self.users.get(int(call.json["recipient_id"]))
        if user is None:
            raise error(404, 10013, "Unknown User")
        channel = next((c for c in self.channels.values() if c.type == DM and c.owner_id == user.id), None)
        if channel is None:
            channel = Channel(self.snowflake(), "", DM, owner_id=user.id)
            self.channels[channel.id] = channel
        return 200, {"id": str(channel.id), "type": DM, "recipients": [user.payload()], "last_message_id": None}

    def bot_member(self, guild: Guild) -> Member:
        return guild.members[self.bot.id]

    def _require(self, channel: Channel, *names: str) -> None:
        """403 Missing Permissions unless the bot has every named permission in the channel."""
        if channel.guild is None:
            return
        allowed = self.bot_member(channel.guild).permissions(channel)
        missing = [n for n in names if not getattr(allowed, n)]
        if missing:
            raise error(403, 50013, f"Missing Permissions ({', '.join(missing)})")

    # -- messages -----------------------------------------------------------------------------

    def _check(self, payload: dict, *, prefix: str = "", creating: bool = True) -> None:
        breaks = limits.check_message(payload, prefix)
        if breaks:
            self.problem("400 Invalid Form Body: " + "; ".join(map(str, breaks)))
            raise HTTPError(400, limits.form_error(breaks))
        if creating and (payload.get("content") or payload.get("embeds")):
            unsafe = limits.mention_safety(payload)
            if unsafe:
                self.problem(f"a message could ping people: {unsafe}")

    def message(self, channel: Channel, payload: dict, *, author: User | None = None,
                interaction: Interaction | None = None, message_id: int | None = None) -> dict:
        """Store a message as Discord would return it."""
        author = author or self.bot
        flags = int(payload.get("flags") or 0)
        data = {
            "id": str(message_id or self.snowflake()), "channel_id": str(channel.id), "author": author.payload(),
            "content": payload.get("content") or "", "timestamp": self.clock.iso(), "edited_timestamp": None,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": [{"type": "rich", **e} for e in payload.get("embeds") or []], "pinned": False,
            "type": 0, "flags": flags, "components": payload.get("components") or [],
        }
        if channel.guild is not None:
            data["guild_id"] = str(channel.guild.id)
        reference = payload.get("message_reference")
        if reference:
            data["type"] = 19
            data["message_reference"] = {"message_id": str(reference["message_id"]), "channel_id": str(channel.id)}
            replied = self.messages.get(int(reference["message_id"]))
            if replied is not None:
                data["referenced_message"] = replied
        if interaction is not None:
            data["webhook_id"] = str(self.application_id)
            data["application_id"] = str(self.application_id)
            data["type"] = 20 if interaction.kind == 2 else 0
            data["interaction_metadata"] = {"id": str(interaction.id), "type": interaction.kind,
                                            "user": interaction.user.payload(),
                                            "authorizing_integration_owners": {}}
        self.messages[int(data["id"])] = data
        return data

    def _create_message(self, call: Call, channel_id: str) -> tuple[int, dict]:
        channel = self._channel(channel_id)
        if channel.type == DM:
            user = self.users.get(channel.owner_id or 0)
            if user is None or not user.dms_open:
                raise error(403, 50007, "Cannot send messages to this user")
        elif channel.type == PUBLIC_THREAD:
            self._require(channel, "view_channel", "send_messages_in_threads")
        else:
            self._require(channel, "view_channel", "send_messages")
        self._check(call.json or {})
        return 200, self.message(channel, call.json or {})

    def _get_message(self, call: Call, channel_id: str, message_id: str) -> tuple[int, dict]:
        self._channel(channel_id)
        message = self.messages.get(int(message_id))
        if message is None or message["channel_id"] != channel_id or message["flags"] & EPHEMERAL:
            raise error(404, 10008, "Unknown Message")
        return 200, message

    def _edit(self, message: dict, payload: dict) -> dict:
        self._check({k: v for k, v in payload.items() if k in ("content", "embeds", "components")}, creating=False)
        for key in ("content", "components"):
            if key in payload:
                message[key] = payload[key] or ([] if key == "components" else "")
        if "embeds" in payload:
            message["embeds"] = [{"type": "rich", **e} for e in payload["embeds"] or []]
        message["edited_timestamp"] = self.clock.iso()
        return message

    def _edit_channel_message(self, call: Call, channel_id: str, message_id: str) -> tuple[int, dict]:
        self._channel(channel_id)
        message = self.messages.get(int(message_id))
        if message is None or message["channel_id"] != channel_id:
            raise error(404, 10008, "Unknown Message")
        if int(message["author"]["id"]) != self.bot.id:
            raise error(403, 50005, "Cannot edit a message authored by another user")
        return 200, self._edit(message, call.json or {})

    def _delete_message(self, call: Call, channel_id: str, message_id: str) -> tuple[int, None]:
        if self.messages.pop(int(message_id), None) is None:
            raise error(404, 10008, "Unknown Message")
        return 204, None

    def _new_thread(self, parent: Channel, name: str) -> Channel:
        if not 1 <= len(name or "") <= limits.THREAD_NAME:
            self.problem(f"400 thread name of {len(name or '')} characters")
            raise HTTPError(400, limits.form_error([limits.Break("name", "BASE_TYPE_BAD_LENGTH",
                                                                 "Must be between 1 and 100 in length.")]))
        thread = Channel(self.snowflake(), name, PUBLIC_THREAD, guild=parent.guild, parent_id=parent.id,
                         owner_id=self.bot.id)
        self.channels[thread.id] = thread
        if parent.guild is not None:
            parent.guild.channels[thread.id] = thread
        return thread

    def _announce_thread(self, thread: Channel) -> None:
        self.events.append(("THREAD_CREATE", {**thread.payload(), "newly_created": True}))

    def _thread_from_message(self, call: Call, channel_id: str, message_id: str) -> tuple[int, dict]:
        channel = self._channel(channel_id)
        if int(message_id) not in self.messages:
            raise error(404, 10008, "Unknown Message")
        self._require(channel, "view_channel", "create_public_threads")
        thread = self._new_thread(channel, (call.json or {}).get("name", ""))
        self.channels.pop(thread.id)
        if channel.guild is not None:
            channel.guild.channels.pop(thread.id)
        thread.id = int(message_id)  # Discord gives a message's thread the message's id
        self.channels[thread.id] = thread
        if channel.guild is not None:
            channel.guild.channels[thread.id] = thread
        self._announce_thread(thread)
        return 201, thread.payload()

    def _forum_post(self, call: Call, channel_id: str) -> tuple[int, dict]:
        channel = self._channel(channel_id)
        body = call.json or {}
        if channel.type == FORUM:
            self._require(channel, "view_channel", "send_messages")
            self._check(body.get("message") or {}, prefix="message")
            thread = self._new_thread(channel, body.get("name", ""))
            starter = self.message(thread, body.get("message") or {}, message_id=thread.id)
            self._announce_thread(thread)
            return 201, {**thread.payload(), "message": starter}
        self._require(channel, "view_channel", "create_public_threads")
        thread = self._new_thread(channel, body.get("name", ""))
        self._announce_thread(thread)
        return 201, thread.payload()

    # -- interactions -------------------------------------------------------------------------

    def open_interaction(self, interaction: Interaction) -> None:
        self.interactions[interaction.id] = interaction

    def _count_towards_ack(self, call: Call) -> None:
        for pending in self.interactions.values():
            own = f"/webhooks/{self.application_id}/{pending.token}"
            if pending.response is None and not call.path.startswith(own):
                pending.calls_before += 1

    def _by_token(self, token: str) -> Interaction:
        found = next((i for i in self.interactions.values() if i.token == token), None)
        if found is None:
            raise error(401, 50027, "Invalid Webhook Token")
        if self.clock.monotonic() - found.created > TOKEN_LIFE_SECONDS:
            self.problem(f"used the token of interaction {found.id} after its 15 minutes: {found.data}")
            raise error(401, 50027, "Invalid Webhook Token")
        return found

    def _callback(self, call: Call, interaction_id: str, token: str) -> tuple[int, dict]:
        found = self.interactions.get(int(interaction_id))
        if found is None or found.token != token:
            raise error(404, 10062, "Unknown interaction")
        if found.response is not None:
            self.problem(f"interaction {found.id} was answered twice")
            raise error(400, 40060, "Interaction has already been acknowledged.")
        if self.clock.monotonic() - found.created > INTERACTION_ACK_SECONDS:
            self.problem(f"interaction {found.id} was answered after Discord's 3 seconds")
            raise error(404, 10062, "Unknown interaction")
        body = call.json or {}
        kind, data = body.get("type"), body.get("data") or {}
        if found.calls_before >= CALLS_BEFORE_ACK and kind not in (5, 6, 9):
            self.problem(f"interaction {found.id} answered only after {found.calls_before} other calls, "
                         "without deferring")
        if kind == 8:
            breaks = limits.check_autocomplete(data)
        elif kind == 9:
            breaks = limits.check_modal(data)
        elif kind in (4, 7):
            breaks = limits.check_message(data, "data")
        else:
            breaks = []
        if breaks:
            self.problem("400 Invalid Form Body: " + "; ".join(map(str, breaks)))
            raise HTTPError(400, limits.form_error(breaks))
        if kind == 4 and (data.get("content") or data.get("embeds")):
            unsafe = limits.mention_safety(data)
            if unsafe:
                self.problem(f"a message could ping people: {unsafe}")
        found.response = {"type": kind, "data": data}
        answer: dict[str, Any] = {"interaction": {"id": str(found.id), "type": found.kind}}
        if kind in CREATES_MESSAGE:
            found.ephemeral = bool(int(data.get("flags") or 0) & EPHEMERAL)
            content = data if kind == 4 else {"content": "", "flags": data.get("flags") or 0}
            message = self.message(found.channel, content, interaction=found)
            if kind == 5:
                message["flags"] |= 1 << 7  # loading
            found.original_id = int(message["id"])
            answer["interaction"].update(response_message_id=message["id"], response_message_loading=kind == 5,
                                         response_message_ephemeral=found.ephemeral)
            answer["resource"] = {"type": kind, "message": message}
        elif kind == 7:
            source = self._component_message(found)
            if source is not None:
                self._edit(source, data)
                answer["resource"] = {"type": kind, "message": source}
        return 200, answer

    def _component_message(self, interaction: Interaction) -> dict | None:
        return self.messages.get(interaction.message_id or 0)

    def _followup(self, call: Call, application_id: str, token: str) -> tuple[int, dict]:
        found = self._by_token(token)
        if found.response is None:
            self.problem(f"a follow-up to interaction {found.id} before any response")
            raise error(404, 10015, "Unknown Webhook")
        body = call.json or {}
        self._check(body)
        original = self.messages.get(found.original_id or 0)
        if found.response["type"] == 5 and original is not None and original["flags"] & (1 << 7):
            # The first follow-up after "thinking" replaces it, keeping the deferral's visibility.
            self._edit(original, body)
            original["flags"] &= ~(1 << 7)
            return 200, original
        message = self.message(found.channel, body, interaction=found)
        found.followup_ids.append(int(message["id"]))
        return 200, message

    def _webhook_message(self, call: Call, method: str, application_id: str, token: str,
                         message_id: str) -> tuple[int, Any]:
        found = self._by_token(token)
        target = found.original_id if message_id == "@original" else int(message_id)
        if message_id == "@original" and found.response is not None and found.response["type"] in (6, 7):
            target = found.message_id
        message = self.messages.get(target or 0)
        if message is None:
            raise error(404, 10008, "Unknown Message")
        if method == "GET":
            return 200, message
        if method == "DELETE":
            self.messages.pop(int(message["id"]), None)
            return 204, None
        message["flags"] &= ~(1 << 7)
        return 200, self._edit(message, call.json or {})

    # -- commands -----------------------------------------------------------------------------

    def _put_commands(self, call: Call, application_id: str, guild_id: str | None = None) -> tuple[int, list]:
        body = call.json or []
        breaks = limits.check_commands(body)
        if breaks:
            self.problem("400 Invalid Form Body (commands): " + "; ".join(map(str, breaks)))
            raise HTTPError(400, limits.form_error(breaks))
        scope = int(guild_id) if guild_id else None
        old = {c["name"]: c["id"] for c in self.commands.get(scope, [])}
        registered = []
        for command in body:
            stored = {**command, "id": old.get(command["name"]) or str(self.snowflake()),
                      "application_id": str(self.application_id), "version": str(self.snowflake()),
                      "type": command.get("type", 1)}
            if scope is not None:
                stored["guild_id"] = str(scope)
            stored.setdefault("default_member_permissions", None)
            registered.append(stored)
        self.commands[scope] = registered
        return 200, registered

    def visible_commands(self, guild: Guild | None) -> list[dict]:
        """What a member's command picker lists: global commands plus the server's own."""
        return list(self.commands.get(None, [])) + (list(self.commands.get(guild.id, [])) if guild else [])


def permissions(**names: bool) -> discord.Permissions:
    return discord.Permissions(**names)
