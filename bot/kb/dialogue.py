"""Conversation: follow-ups read with the answer before them, and several questions in one message.

"why?", "and China?" or "when was that?" right after an answer mean nothing alone; they are
read with that answer's question. "what did Japan invest, and why?" holds two questions; each
is answered, the second read as a follow-up of the first.
"""

from __future__ import annotations

import re

from .text import QUESTION_WORDS, STOPWORDS, words

# A follow-up opens with a conjunction or "what about", or points back at what was said.
_OPENS = re.compile(r"^\s*(?:and|but|so|also|then|plus|or|what about|how about|why not|what of)\b", re.I)
# "And" opens a question of something new ("and China?", "and how many said ..."), unless what follows
# asks again of what was just said: "and when was that?", "and why did he do it?".
_SWAP = re.compile(r"^\s*(?:(?:and|or)\s+)?(?:what about|how about|what of)\b|^\s*(?:and|or)\b"
                   r"(?!\s+(?:when|where|why|how|who|what)\b(?:\s+\w+)?\s+(?:that|it|this|he|she|they|then|there)"
                   r"\b\W*(?:\w+\W*)?$|\s+(?:when|where|why|how|who)\W*$)", re.I)
_POINTS_BACK = re.compile(r"\b(?:that|it|this|they|them|those|these|there|he|him|his|she|her|its|their|then|ones)\b"
                          r"|\bwhich one\b", re.I)
# "this text", "this essay": the text being studied, not the answer before.
_THE_TEXT = re.compile(r"\b(?:this|these|the)\s+(?:texts?|articles?|pieces?|essays?|analys[ie]s|papers?|"
                       r"documents?|readings?|books?|chapters?|reports?)\b", re.I)
# A question word and its verb make a whole question ("What is Aegis Ashore?"), however short, and
# whatever chat's fillers open it ("ok so who has the upper hand").
_WHOLE = re.compile(r"^\W*(?:(?:ok|okay|so|well|hmm|lol|tbh|ngl|wait|hey|like)\W+)*"
                    r"(?:what|who|when|where|which|how|why)(?:'s|\s+(?:is|are|was|were|did|does|do|r|has|have)\b)",
                    re.I)
# At most this many content terms: a longer question says enough on its own.
FOLLOW_UP_TERMS = 3
POINTING_TERMS = 4

# Where one question ends and the next begins: after "?" or ";", or before "and"/"also"/"+"
# or a comma or a full stop when a question word follows ("who wrote it and what is it about",
# "what did putin propose. why?"); not the stop of an initial ("the U.S. do").
_QUESTION_START = (r"(?:what|whats|what's|who|whos|who's|whom|whose|when|where|why|how|which|did|does|do|is|"
                   r"are|was|were|can|could|will|would|has|have|had)\b")
_SPLIT = re.compile(
    r"(\?+\s+|;\s*|\s*(?:,\s*)?\b(?:and also|and|also|plus)\s+(?=" + _QUESTION_START + r")"
    r"|\s+\+\s+|(?:,|(?<!\b\w)\.+)\s+(?=" + _QUESTION_START + "))",
    re.I,
)
MAX_QUESTIONS = 3
# A part that asks something: a question word or an auxiliary first, or a request ("tell me ...").
_REQUEST = r"(?:tell|explain|give|describe|list|name|show|summari[sz]e)\b"
_ASKS_SOMETHING = re.compile(r"^\W*(?:(?:so|ok|okay|and|but|also|plus|then|lol|tbh|ngl|wait|hey|pls|please)\W+)*"
                             r"(?:" + _QUESTION_START + "|" + _REQUEST + ")", re.I)


# Question words that ask nothing on their own ("why?", "how so?", "who?").
ASKING_ALONE = QUESTION_WORDS | {"what", "which", "so", "exactly", "then",
                                 "tho", "though", "lol", "huh", "really", "again", "now"}  # "why tho?"


def leans_on_the_answer(question: str) -> bool:
    """Whether a question says nothing of its own and asks only about the answer before it:
    "why?", "how so?", "when was that?". Declined, it leaves the talk where it was."""
    asked = words(question)
    return bool(asked) and (all(w in ASKING_ALONE for w in asked) or (
        points_back(question) and all(w in ASKING_ALONE or w in STOPWORDS for w in asked)))


def is_follow_up(question: str, content_terms: int) -> bool:
    """Whether a question needs the one before it to make sense."""
    if speaks_of_the_text(question) and not _OPENS.match(question):
        return False  # "who wrote this text", "what is this text about": the text, whatever came before
    if content_terms == 0:
        return True
    if _OPENS.match(question) and content_terms <= POINTING_TERMS:
        return True
    if content_terms <= FOLLOW_UP_TERMS and _POINTS_BACK.search(question):
        return True
    return content_terms <= 1 and not _WHOLE.match(question)


# Who wrote it and when: asked of the text, whatever "it" was in the answer before.
_ITS_WRITING = re.compile(r"\bwho\s+(?:wrote|authored)\s+(?:this|it)\b|\bwho(?:'s|\s+is)\s+the\s+(?:author|writer)\b"
                          r"|\bwhen\s+was\s+(?:this|it)\s+(?:written|published)\b"
                          r"|\bwhat(?:'s|\s+is)\s+(?:the|its)\s+(?:title|date|subject|topic)\b"
                          r"|\bwhat\s+is\s+(?:this|it)\s+(?:called|titled|about)\b", re.I)


# "what happened next?", "and then what?", "what came after that": what the text says next.
_WHAT_NEXT = re.compile(r"^\W*(?:(?:and|so|ok|okay|then)\W+)*(?:(?:what|wat)(?:'s|\s+(?:happened|happens|came|comes|"
                        r"was|is|did\s+they\s+do|did\s+he\s+do|did\s+she\s+do)?)\s+(?:next|after\s+(?:that|this)|"
                        r"afterwards|then)|then\s+what|(?:what\s+)?next)\W*$", re.I)


def asks_what_next(question: str) -> bool:
    """Whether a follow-up asks what came after what was just said."""
    return bool(_WHAT_NEXT.match(question))


def is_whole(question: str) -> bool:
    """Whether a question opens with a question word and its verb, and points back at nothing
    ("who has the upper hand", not "what's his job"): it may stand on its own."""
    return bool(_WHOLE.match(question)) and not _POINTS_BACK.search(question)


def speaks_of_the_text(question: str) -> bool:
    """Whether a question names the text being studied ("this analysis", "the essay") or asks
    who wrote it and when."""
    return bool(_THE_TEXT.search(question) or _ITS_WRITING.search(question))


def points_back(question: str) -> bool:
    """Whether a question made only of small words still asks about what was just said: "what
    would that do", "why is that", but not "hmm" or "ok"."""
    return bool(_POINTS_BACK.search(question) or _OPENS.match(question))


def swaps(question: str) -> bool:
    """Whether a follow-up puts something new in place of what was asked about: "and China?",
    "what about the Japanese?"."""
    return bool(_SWAP.match(question))


_ASKS = re.compile(r"(?:who|what|when|where|why|how|which|did|does|do|is|was|were|are|can|will)\b", re.I)


_OPENERS = re.compile(r"^\W*(?:(?:and|so|ok|okay|but|then|well|hmm|wait|also)\W+)*", re.I)


def asks_its_own(question: str) -> bool:
    """Whether a question opens with a question word or a verb that asks ("what did he find?",
    "was it signed?"): it says what it asks for, unlike "and China?" or "the year?"."""
    return bool(_ASKS.match(_OPENERS.sub("", question, count=1)))


def swapped_in(question: str) -> str:
    """What a swapping follow-up puts in ("and the Japanese?" -> "the Japanese"), or "" for one that
    asks more than a name ("and where was it held?")."""
    rest = _SWAP.sub("", question, count=1).strip(" ?!.,")
    return "" if _POINTS_BACK.search(rest) or _ASKS.match(rest) else rest


# "When and why did Russia annex the islands", "where, when and why ...": each question word asks
# the rest of the question of its own.
_WH = r"(?:who|what|when|where|why|how|which)"
_SHARED_REST = re.compile(rf"^\W*(?P<words>{_WH}(?:\s*,\s*{_WH})*\s*,?\s+(?:and|&|n|or)\s+{_WH})\s+(?P<rest>\w.*)$",
                          re.I)


# A few words about the one asking, before the question: "ngl i forgot", "im confused", "sorry i missed it".
_ASIDE = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:i|im|i'm|i\u2019m|ive|i've|me|my|we)\b(?:\W+\w+){0,2}\W*$", re.I)


def split_questions(message: str) -> list[str]:
    """The questions in one message, in order; one when it holds one (at most MAX_QUESTIONS)."""
    return questions_in(message)[0]


# A label announcing the questions that follow ("4 qs:", "quick question -", "a couple of questions:"):
# it asks nothing, and left on, it glued every question after it into one.
_ANNOUNCED = re.compile(r"^\W*(?:(?:ok|okay|so|hey|hi|right|quick|a|few|some|couple|of|my|i|have|got|more|"
                        r"one|two|three|four|five|\d+)\W+){0,5}(?:q|qs|qq|questions?|qns?)\s*[:\-\u2013\u2014]+\s*",
                        re.I)


def questions_in(message: str) -> tuple[list[str], list[str]]:
    """The questions in one message, in order, at most MAX_QUESTIONS of them; and the questions
    after those, each asked in full, which are left for the member to ask again. A message that
    goes on in clauses past MAX_QUESTIONS keeps its tail together with the last question."""
    message = _ANNOUNCED.sub("", message, count=1) or message
    if shared := _SHARED_REST.match(message):
        asked = re.findall(_WH, shared.group("words"), re.I)[:MAX_QUESTIONS]
        return [f"{word} {shared.group('rest')}" for word in asked], []
    pieces = _SPLIT.split(message)  # text, separator, text, ...: the separator says whether "?" ended it
    # "according to the author, who is winning": a lead-in that asks nothing goes with what follows.
    parts: list[str] = []
    whole: list[bool] = []  # whether each part asks a question of its own, whole
    asking = True
    aside = False
    for at in range(0, len(pieces), 2):
        part = pieces[at].strip(" ,.!?")
        if not any(c.isalnum() for c in part):
            continue
        if parts and not asking and _ASIDE.match(parts[-1]):
            parts[-1] = part  # "ngl i forgot, what are they arguing about": the aside is about the asker
            aside = True
        elif parts and not asking:
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
        ended = pieces[at + 1] if at + 1 < len(pieces) else ""
        asking = "?" in ended or "?" in pieces[at] or bool(_ASKS_SOMETHING.match(parts[-1]))
        whole[len(parts) - 1 :] = [asking and bool(_ASKS_SOMETHING.match(parts[-1]))]
    if len(parts) <= 1:
        return (parts if aside and parts else [message]), []
    if len(parts) > MAX_QUESTIONS:
        if all(whole[MAX_QUESTIONS:]):  # questions of their own, each for another message
            return parts[:MAX_QUESTIONS], parts[MAX_QUESTIONS:]
        # a list of clauses, not of questions: the tail stays together
        parts = [*parts[: MAX_QUESTIONS - 1], " ".join(parts[MAX_QUESTIONS - 1 :])]
    return parts, []
