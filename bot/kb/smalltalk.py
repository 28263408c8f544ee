"""Small talk: greetings, thanks, "help", "are you a bot", farewells, laughter and "tell me a
joke"; and questions about the bot's own views.

A message made only of such phrases gets a short friendly reply that says how to ask, never a
curated answer: "lol" is not a question about the text. A question that merely opens with a
greeting ("hi! where did they meet?") is no small talk: the matcher ignores the greeting.

"Do you like Putin?" or "what's your take on the island row?" asks the bot what it thinks, and
a text holds its author's views, never the bot's: such a question is answered with that, and
with what the text says nearby to ask instead (`asks_my_view`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .encoder import Encoder, encoder
from .text import fold

# Each kind of small talk and the phrases that say it, as members type them (apostrophes and
# punctuation are dropped before matching, and letters repeated for effect are squeezed).
PHRASES: dict[str, tuple[str, ...]] = {
    "greeting": ("hi", "hello", "hey", "heya", "hiya", "yo", "sup", "howdy", "greetings", "good morning",
                 "good afternoon", "good evening", "morning", "evening", "hej", "hallo", "hola", "salut"),
    "wellbeing": ("how are you", "how are you doing", "how r u", "how are u", "hows it going", "how is it going",
                  "whats up", "wassup", "how you doing", "how have you been", "you good", "are you ok",
                  "hows everyone", "how is everyone", "hows everybody", "how is everybody", "how are we",
                  "how are things", "hows things", "how are yall", "hows your day", "how is your day"),
    "thanks": ("thanks", "thank you", "thank u", "thx", "ty", "tysm", "cheers", "much appreciated",
               "appreciate it", "many thanks", "thanks a lot", "thanks a bunch", "tack", "that helped", "that helps",
               "helpful", "very helpful", "that was helpful", "you helped", "great help", "useful", "that was useful",
               "thats useful", "thats helpful", "good answer", "great answer", "nice answer", "perfect answer"),
    "farewell": ("bye", "goodbye", "bye bye", "see you", "see ya", "cya", "later", "good night", "gn",
                 "night", "see you later", "talk later", "ttyl", "im done", "that is all", "thats all",
                 "got to go", "gotta go", "have to go", "i have to go", "see you tomorrow", "bye for now"),
    "laughter": ("lol", "lmao", "lmfao", "rofl", "haha", "hehe", "xd", "heh", "kek"),
    "reaction": ("ok", "okay", "k", "kk", "cool", "nice", "great", "awesome", "got it", "i see", "alright",
                 "sure", "right", "wow", "interesting", "neat", "perfect", "good", "makes sense", "fair enough",
                 "oh", "ah", "hmm", "yes", "no", "yeah", "yep", "nope", "nah", "ok then", "sounds good",
                 "good bot", "bad bot", "oops", "damn", "omg", "wtf", "true", "fair", "noted", "gotcha"),
    "help": ("help", "help me", "can you help", "can you help me", "how does this work", "how do i use this",
             "how do i use you", "how to use", "what can you do", "what do you do", "commands",
             "what can i ask", "what can i ask you", "what should i ask", "what are you for",
             "what are your commands", "how do i ask", "usage", "instructions"),
    "identity": ("who are you", "what are you", "are you a bot", "are you human", "are you real",
                 "are you a person", "are you ai", "are you an ai", "are you a robot", "who made you",
                 "are you a human", "a real person", "a person", "a human", "a real human", "human", "a robot", "an ai",
                 "who created you", "who built you", "who r u", "who are u", "what r u", "who programmed you",
                 "who wrote you", "whats your name",
                 "what is your name", "your name", "who owns you", "are you chatgpt"),
    "texts": ("what texts do you have", "which texts do you have", "what texts", "which texts",
              "what texts are there", "what texts can i ask about", "which texts can i ask about",
              "what are we studying", "what are we reading", "what do we study", "list the texts",
              "what texts do you know", "which texts do you know", "what books do you have",
              "what readings do you have", "what do you know about", "what topics do you know",
              "what are the texts", "which texts are there", "what texts are available"),
    # Asked to entertain rather than to answer: "tell me a joke" was "the text never mentions 'joke'".
    "play": ("tell me a joke", "tell a joke", "tell us a joke", "joke", "a joke", "know any jokes",
             "do you know any jokes", "say something funny", "tell me something funny", "make me laugh",
             "tell me a story", "tell a story", "tell us a story", "sing", "sing a song", "sing me a song",
             "sing something", "write a poem", "write me a poem", "a poem", "entertain me", "im bored",
             "i am bored", "play a game", "lets play a game", "can we play a game", "lets play"),
    # Said to the room more than to the bot: "brb", "nvm", "one sec".
    "aside": ("be right back", "never mind", "one sec", "one second", "hold on", "hang on", "no problem",
              "my bad", "sorry", "away"),
    "presence": ("are you there", "you there", "anyone there", "anybody there", "are you alive",
                 "are you awake", "you up", "are you online", "ping", "test", "testing"),
}
# Small talk in words of its own ("gotta run, dinner's ready", "you're useless", "exam tomorrow,
# wish me luck"): MiniLM (encoder.py) reads a message that speaks of nothing the texts do beside
# these examples of each kind, and the closest, at SOUNDS_LIKE_MIN or more, says which. Chosen on a
# set of small talk written by someone else (benchmarks/README.md): at 0.5 no in-scope question of
# any evaluation set reads as small talk.
LIKE: dict[str, tuple[str, ...]] = {
    "greeting": ("hello there", "hi everyone", "hey bot", "good morning all", "hello, nice to meet you",
                 "hi, i just joined the group", "hey what's up"),
    "wellbeing": ("how are you today", "how's your day going", "how have you been", "are you doing okay"),
    "thanks": ("thank you so much for the help", "thanks, that was really helpful", "you're amazing, thanks",
               "great job bot", "you are very helpful", "appreciate the help"),
    "farewell": ("goodbye, see you tomorrow", "i have to go now", "logging off for tonight", "good night everyone",
                 "talk to you later", "i'm leaving now, bye"),
    "laughter": ("haha that's funny", "lol", "that made me laugh"),
    "reaction": ("okay cool", "wow interesting", "oh i see", "alright then", "nice one"),
    "help": ("how do i use this bot", "what commands can i use", "how do i ask you a question",
             "what can you help me with", "how does this bot work", "do i have to mention you to ask"),
    "identity": ("who are you", "are you a real person or a bot", "who made this bot", "what is your name",
                 "how old are you", "are you an ai", "do you have feelings", "where do you live"),
    # Said to the room more than to the bot: "brb", "nvm", "one sec".
    "aside": ("be right back", "one second", "never mind", "hold on", "no problem", "my bad",
              "wrong channel, sorry", "who is joining the call tonight", "let me check my notes", "sorry, typo"),
    "presence": ("are you there", "is anyone here", "hello? is this thing on", "testing the bot"),
    "play": ("tell me a joke", "sing me a song", "let's play a game", "write me a poem", "tell me something fun",
             "i'm bored, entertain me"),
    "feedback": ("that answer is wrong", "you're useless", "that didn't help at all", "this bot is bad",
                 "that's not what i asked", "your answers are too long", "you're so slow"),
    "study": ("i'm so tired of studying", "i have an exam tomorrow", "i finished the reading", "i can't concentrate",
              "this course is hard", "i haven't done the reading yet", "i need coffee"),
}
SOUNDS_LIKE_MIN = 0.5

# Words that ride along with small talk without changing what it is ("thanks so much bot").
_CARRIERS = frozenset("""
    bot citebot there so much very a lot again guys all everyone folks man mate dude buddy friend
    please pls plz just well oh hey um uh and or then for that the this you u really today
    wait anyway anyways btw doing going
""".split())

_SQUEEZE = re.compile(r"(\w)\1{2,}")  # "hiiii" -> "hii", "thanksss" -> "thankss"
_ONCE = re.compile(r"(\w)\1+")  # and, if that is no phrase, "hii" -> "hi", "heyy" -> "hey"
_LAUGH = re.compile(r"^(?:ha|he|ah|lo)+h?l?$|^x+d+$|^l+o+l+$|^lm+f?a+o+$")
_TOKENS = re.compile(r"[a-z0-9]+")

_BY_TOKENS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): kind for kind, phrases in PHRASES.items() for phrase in phrases
}
_LONGEST = max(len(key) for key in _BY_TOKENS)

REPLIES: dict[str, str] = {
    "greeting": "Hi! Ask me anything about the text, for example: {example}",
    "wellbeing": "All good here, thanks for asking! Ask me about the text, for example: {example}",
    "thanks": "You're welcome! Ask another whenever you like.",
    "farewell": "Bye! Come back whenever you have another question about the text.",
    "laughter": "Glad you're enjoying it. Ask me about the text whenever you're ready, for example: {example}",
    "reaction": "Ask me about the text whenever you like, for example: {example}",
    "help": ("I answer questions about {studied}, from answers curators have written or the text's own words, "
             "and quote the passage each answer rests on. Ask in plain words, for example: {example} "
             "If the text doesn't answer something, I'll say so."),
    "identity": ("I'm Citebot, a study-group bot: I answer questions about {studied} from a curated knowledge "
                 "base and quote the passages. Try: {example}"),
    "presence": "I'm here! Ask me about the text, for example: {example}",
    "play": "Jokes and stories aren't my thing: I answer questions about the text. Try: {example}",
    "texts": "{texts} Ask about {which}, for example: {example}",
    "feedback": ("Sorry that didn't help. Try asking in other words, or name who or what you mean, "
                 "for example: {example}"),
    "study": "Good luck with it! When a question about the text comes up, ask me, for example: {example}",
    "request": ("That part is yours to write, but I can help you check the text: I answer questions about it "
                "and quote the passages to cite, for example: {example}"),
    "aside": "No problem. Ask me about the text whenever you're ready, for example: {example}",
}


# Chat spellings of the words small talk is made of: "r u a bot", "thx", "ty".
_SPELT = {"r": "are", "u": "you", "ur": "your", "ya": "you", "yu": "you", "thx": "thanks", "ty": "thank you",
          "tysm": "thank you", "cya": "bye", "wat": "what", "wut": "what", "wht": "what", "hru": "how are you",
          "gm": "good morning", "gtg": "got to go", "g2g": "got to go", "brb": "be right back", "nvm": "never mind",
          "np": "no problem", "afk": "away", "hw": "homework"}


def _tokens(text: str) -> list[str]:
    text = fold(text).replace("'", "").replace("\u2019", "")
    tokens = [_SQUEEZE.sub(r"\1\1", token) for token in _TOKENS.findall(text)]
    return [word for token in tokens for word in _SPELT.get(token, token).split()]


def _kind_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    """The small-talk phrase starting at token i, longest first: (kind, length)."""
    for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
        kind = _BY_TOKENS.get(tuple(tokens[i : i + size]))
        if kind is None and size == 1:
            token = tokens[i]
            kind = (_BY_TOKENS.get((token.rstrip("s"),)) or _BY_TOKENS.get((_ONCE.sub(r"\1", token),))
                    or ("laughter" if _LAUGH.match(token) else None))
        if kind is not None:
            return kind, size
    return None


# A question put to the bot about its own view or its preferences. "You" as a hedge ("what do you
# think is the reason ...", "do you know ...", "can you tell me ...") asks what the text says.
_MY_VIEW = re.compile(
    r"\b(?:your|ur) (?:own |personal |honest |real )?(?:opinion|view|take|thoughts?|stance|position|feelings?|"
    r"verdict|guess|prediction|favou?rite)s?\b"
    r"|\bin your (?:opinion|view|eyes|book)\b"
    r"|\b(?:do|would|did|will|could) (?:you|u) (?:personally |honestly |really |actually )?"
    r"(?:like|love|hate|prefer|trust|agree|disagree|support|side|approve|recommend|reckon|bet|predict|vote)\b"
    r"|\bwhat do (?:you|u) (?:personally |honestly |really )?(?:think|reckon|feel|make) (?:of|about)\b"
    r"|\b(?:do|would) (?:you|u) (?:think|believe|feel|say|expect) (?:that )?\w+(?: \w+)? (?:will|would|should|ever)\b"
    r"|\bwhich (?:\w+ )?do (?:you|u) (?:prefer|like|support|trust|favou?r)\b"
    r"|\bwho do (?:you|u) (?:think |reckon )?(?:is right|will win|should|prefer|like|support|trust)\b", re.I)
# Unless it asks what the text or its author says: "do you think the author would agree".
_ABOUT_THE_TEXT = re.compile(r"\b(?:author|writer|text|article|essay|piece|paper|book|passage|according)\b", re.I)
# But it is the bot's view when the text itself is what it is asked to judge: "what do you think of the article?"
_OF_THE_TEXT = re.compile(r"\b(?:think|reckon|feel|make) (?:of|about) (?:the|this) (?:author|writer|text|article|essay|"
                          r"piece|paper|book|reading)\W*$", re.I)
# Words a question may open with before what it asks: "so", "ok", "honestly", "lol".
_OPENING = r"^\W*(?:(?:so|ok|okay|honestly|lol|but|and|like|tbh|ngl)\W+)*"
# A judgement asked of the bot: "is Abe a good leader", "was Putin right to ...", "is the author
# biased". What the text concludes ("was the charm offensive a success") is a question about it.
_JUDGEMENT = re.compile(
    _OPENING +
    # "do you think Abe was a good PM", "would you say the author is biased": the same judgement.
    r"(?:(?:do|would) (?:you|u) (?:think|reckon|say|believe|feel)(?: that)?\W+(?:\w+\W+){1,4}?)?"
    r"(?:is|was|are|were|isn'?t|wasn'?t)\b"
    r"(?:\W+\w+){0,5}?\W+(?:a |an |the |really |so |that )?"
    r"(?:good|bad|evil|smart|clever|stupid|dumb|right|wrong|biased|fair|unfair|trustworthy|honest|corrupt|"
    r"competent|incompetent|bad guys?|good guys?|villains?|heroe?s?|to blame|"
    # A matter of taste: "is the alien theory cool", "was the essay boring".
    r"cool|boring|fun|funny|interesting|fascinating|awesome|amazing|scary|creepy|weird|crazy|silly|"
    r"ridiculous|overrated|underrated)\b(?! that\b| to say\b)"
    # "Should Japan give up the islands?" asks what ought to be done: a judgement too.
    r"|" + _OPENING + r"should\b"
    # "Who is right about the islands, Japan or Russia?", "which side is in the wrong".
    r"|" + _OPENING + r"(?:whos|(?:who|which (?:side|country|one|party))(?:'s|\s+(?:is|was|are|were)))\s+(?:in the\s+)?"
    r"(?:right|wrong|the (?:good|bad) guys?|the villains?|the heroe?s?)\b", re.I)
# Whose view a judgement asks for when it is the text's: "according to the author, was Abe right".
_TEXTS_VIEW = re.compile(r"\baccording to\b|\b(?:author|writer|text|article)(?:'s)? (?:view|says?|thinks?|"
                         r"argues?|suggests?|believes?|concludes?)\b", re.I)

VIEW_REPLY = ("I don't have views of my own: I answer from the text and quote it, and the text gives its "
              "author's views, not mine.")


def asks_my_view(text: str) -> bool:
    """Whether a question asks what the bot itself thinks, likes, expects or judges, not what the text says."""
    if _MY_VIEW.search(text) and (not _ABOUT_THE_TEXT.search(text) or _OF_THE_TEXT.search(text)):
        return True
    return bool(_JUDGEMENT.search(text)) and not _TEXTS_VIEW.search(text)


# A remark on the reading itself, not a question about it: "lol this text is boring", "this is so long".
_REMARK = re.compile(
    r"^(?:(?:lol|ok|okay|ugh|man|wow|honestly|tbh|ngl|omg|so|and|but|god|jeez|damn)\W+)*"
    r"(?:(?:this|the|that)\s+(?:text|reading|essay|article|piece|paper|passage|book|chapter|stuff|one)|this|it)\s+"
    r"(?:is|was|s|seems|looks|feels|reads)\s+(?:\w+\s+){0,2}?"
    r"(?:boring|hard|difficult|long|confusing|tough|dense|dry|heavy|interesting|fascinating|great|good|bad|easy|"
    r"cool|fun|weird|complicated|tedious|depressing|wild|crazy|a lot)(?:\s+(?:lol|tbh|ngl|haha|honestly))*$")


# Words that only make small talk stronger, inside its phrases too: "that was really helpful" is
# "that was helpful", "thank you so very much" is "thank you".
_INTENSIFIERS = frozenset("really so very super truly totally actually quite pretty incredibly extremely".split())


# Work of the member's own asked of the bot: "can you write my essay for me", "do my homework pls".
# Not a question about the text, whatever its words share with "who wrote the essay".
_REQUEST = re.compile(
    r"^(?:\w+ ){0,3}?(?:(?:can|could|would|will) (?:you|u) (?:please |pls |plz |just )?)?"
    r"(?:write|do|finish|make|complete|answer|solve|take|pass) (?:my|our) (?:\w+ )?"
    r"(?:essay|homework|assignment|paper|report|coursework|thesis|exam|test|quiz|worksheet|project|work)s?\b")


def small_talk(text: str) -> str | None:
    """The kind of small talk a whole message is, or None when it holds anything else."""
    tokens = _tokens(text)
    joined = " ".join(tokens)
    if _REMARK.match(joined):
        return "reaction"
    if _REQUEST.match(joined):
        return "request"
    found = _kinds(tokens)
    if found is None and _INTENSIFIERS.intersection(tokens):
        found = _kinds([t for t in tokens if t not in _INTENSIFIERS])
    return found


def _kinds(tokens: list[str]) -> str | None:
    """The kind of small talk the tokens are, every one a phrase of it or a carrier; else None."""
    kinds: list[str] = []
    i = 0
    while i < len(tokens):
        found = _kind_at(tokens, i)
        if found is not None:
            kinds.append(found[0])
            i += found[1]
        elif tokens[i] in _CARRIERS:
            i += 1
        else:
            return None
    if not kinds:
        return None
    # The most telling kind wins: "hi, what can you do" asks for help; "ok thanks" is thanks.
    for kind in ("texts", "help", "identity", "play", "presence", "wellbeing", "thanks", "farewell", "greeting",
                 "aside", "laughter"):
        if kind in kinds:
            return kind
    return kinds[0]


def sounds_like(text: str) -> str | None:
    """The kind of small talk MiniLM reads a message as, if it reads it close enough to one; None
    without the encoder. Only for a message that speaks of nothing the texts do (the engine asks)."""
    model = encoder()
    if model is None:
        return None
    kinds, examples = _examples(model)
    closeness = examples @ model.embed([text])[0]
    best = int(closeness.argmax())
    return kinds[best] if closeness[best] >= SOUNDS_LIKE_MIN else None


@lru_cache(maxsize=2)
def _examples(model: Encoder) -> tuple[tuple[str, ...], np.ndarray]:
    """Each example's kind, and MiniLM's reading of the examples, read once per encoder."""
    kinds = tuple(kind for kind, said in LIKE.items() for _ in said)
    return kinds, model.embed([example for said in LIKE.values() for example in said])


def reply(kind: str, examples: str | list[str], texts: list[tuple[str, str | None, str]] = ()) -> str:
    """A short friendly reply to one kind of small talk, showing how to ask (with a question
    about each text, when `examples` holds several); `texts` are the (title, author or None, short
    name) of the texts served, for "what texts do you have" and for what the bot can do."""
    examples = [examples] if isinstance(examples, str) else examples
    listed = "; ".join(f"\u201c{title}\u201d" + (f" by {author}" if author else "") for title, author, _ in texts)
    told = (f"I know one text: {listed}." if len(texts) == 1 else f"I know {len(texts)} texts: {listed}.")
    titles = "; ".join(f"\u201c{name}\u201d" for _, _, name in texts)
    studied = ("the text your group is studying" if len(texts) <= 1 else
               f"the {len(texts)} texts your group is studying ({titles})")
    return REPLIES[kind].format(example=" or ".join(f"\u201c{e}\u201d" for e in examples), texts=told,
                                which="it" if len(texts) == 1 else "any of them", studied=studied)
