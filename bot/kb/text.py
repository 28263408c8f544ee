"""Text normalisation shared by the loader, the matcher and the quiz checker.

Two levels: `quote_key` keeps case and words (for checking verbatim quotes), while `terms`
reduces a question to the stemmed, synonym-folded content words the matcher compares.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import snowballstemmer
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

_PUNCT_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00a0": " ",
    }
)

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘'])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
# Discord mention and channel syntax: never part of a question.
_DISCORD_MARKUP = re.compile(r"<a?:\w+:\d+>|<(?:@[!&]?|#)\d+>|@everyone|@here")
_MARKDOWN = re.compile(r"[*_~`|>]+")


# Words a full stop follows without ending the sentence: titles and abbreviations before a name
# or a number ("Dr. Snow", "St. Luke's", "No. 10"), and initials ("C. J. La Touche").
_NOT_AN_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|St|Sr|Jr|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Hon|No|Nos|"
                         r"Vol|pp|cf|vs|etc|e\.g|i\.e|approx|ca|Mt|Ft)|(?<!\w)[A-Z])\.$")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences: split after . ! ? where a capital, digit or quote follows, but
    not after an initial or an abbreviation such as "Dr." or "St."."""
    parts = _SENTENCE_END.split(text)
    if len(parts) == 1:
        return parts
    out = [parts[0]]
    for part in parts[1:]:
        if _NOT_AN_END.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def quote_key(text: str) -> str:
    """Text as compared for verbatim quotes: typographic quotes, dashes and spacing unified."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_PUNCT_TABLE)).strip()


# Combining marks left by NFKD decomposition: the accents of Latin, Greek and Cyrillic letters.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lowercase, accents removed ("Shinzō" -> "shinzo"), quotes and dashes made plain."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.translate(_PUNCT_TABLE))
    return _COMBINING.sub("", text).casefold()


_HOW_COME = re.compile(r"\bhow\s+come\b", re.I)
_TLDR = re.compile(r"\btl\s?[;:,.]\s?dr\b", re.I)
# "wait", "hold on" opening a question only mark surprise: "wait so how old was he", "wait, who won?".
_WAIT = re.compile(r"^\W*(?:wait|hold on|hang on)\b[\W_]*(?=(?:so|and|but|what|who|whose|when|where|why|how|which|"
                   r"is|was|are|were|did|does|do|can|could|has|have|had)\b)", re.I)


def clean_question(text: str) -> str:
    """A question as a person meant it: no control characters, mentions or markdown marks,
    "how come" as the "why" it asks, "tl;dr" as one word, and no "wait" opening it."""
    text = _CONTROL.sub(" ", text)
    text = _DISCORD_MARKUP.sub(" ", text)
    text = _MARKDOWN.sub(" ", text)
    text = _HOW_COME.sub("why", text)  # "how come?" asks why
    text = _TLDR.sub("tldr", text)  # "tl;dr" is one word, not "tl" and "dr"
    text = _WAIT.sub("", text)
    return _SPACE.sub(" ", text).strip()


# Names written in capitals mean the country; lowercase "us" is usually the pronoun.
_UNITED_STATES = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUSA\b|\bUS(?=\b|\$)")
_THE_US = re.compile(r"\b(the|of|and|with|to|by|on) us\b")

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_TOKEN = re.compile(r"[a-z0-9]+")
_CONTRACTIONS = {"won't": "will not", "can't": "can not", "shan't": "shall not"}
_CONTRACTION = re.compile(r"\b(?:won't|can't|shan't)|n't\b")
# The same typed without the apostrophe, as people do in chat: "didnt" is "did not", "wont" "will not".
_BARE_NEGATIONS = {f"{verb}nt": (verb, "not") for verb in
                   "did do does is was are were has have had should would could must need".split()} | {
    "wont": ("will", "not"), "cant": ("can", "not"), "shant": ("shall", "not")}
# Short forms of the two world wars, as members and texts write them: "during ww1" is "during the
# First World War".
_WARS = {"ww1": ("first", "world", "war"), "wwi": ("first", "world", "war"), "ww2": ("second", "world", "war"),
         "wwii": ("second", "world", "war")}
# Each token that stands for several words, and those words.
_SPELT_OUT = _BARE_NEGATIONS | _WARS
# Symbols are words only beside a figure ("US$ 200", "78%") or standing alone ("what % said no");
# a run of them ("$$$", "%%$#@!") is not a question.
_DOLLARS = re.compile(r"\$(?=\s?\d)|(?<=\d)\s?\$")
_PERCENT = re.compile(r"(?<=\d)\s?%|(?<![^\s])%(?![^\s])")


# While a knowledge base is built, each text's words are remembered (see `remembering_words`):
# indexing reads every phrasing, answer and name several times, and each text's index reads the
# whole synonym list again.
_remembered: dict[str, tuple[str, ...]] | None = None
_remembered_terms: dict[tuple[int, str], tuple[str, ...]] | None = None  # by (vocabulary's serial, text)
_serials = itertools.count()
_remembering = 0
_remembering_lock = threading.Lock()


@contextmanager
def remembering_words() -> Iterator[None]:
    """Remember every text's `words` (and `Vocabulary.known_terms`) until the last of the builds
    under way ends, then forget them all: a bot serving its knowledge keeps none of it."""
    global _remembered, _remembered_terms, _remembering
    with _remembering_lock:
        if _remembering == 0:
            _remembered, _remembered_terms = {}, {}
        _remembering += 1
    try:
        yield
    finally:
        with _remembering_lock:
            _remembering -= 1
            if _remembering == 0:
                _remembered = _remembered_terms = None


def words(text: str) -> list[str]:
    """Plain lowercase words and numbers, with symbols spelt out ("78%" -> "78 percent")."""
    memo = _remembered
    if memo is None:
        return _words(text)
    found = memo.get(text)
    if found is None:
        found = memo[text] = tuple(_words(text))
    return list(found)


def _words(text: str) -> list[str]:
    # Each rewrite runs only when its trigger is in the text: indexing reads every phrasing,
    # answer and passage, and most of them need none of these.
    if "US" in text or "U." in text:
        text = _UNITED_STATES.sub(" united states ", text)
    text = fold(text)
    if " us" in text:
        text = _THE_US.sub(r"\1 united states", text)
    if "'" in text:
        text = _CONTRACTION.sub(lambda m: _CONTRACTIONS.get(m.group(0), " not"), text)
        text = _POSSESSIVE.sub("", text)
    if "/" in text:
        text = _SLASHED.sub(lambda m: _SLASHED_WORDS[m.group(0)], text)
    if "the deal" in text or "the story" in text or "the situation" in text:
        text = _WHATS_UP_WITH.sub("what about", text)
    if "hand" in text or "words" in text or "example" in text or "instance" in text or "course" in text:
        text = _CONNECTIVE.sub(" ", text)
    if "$" in text:
        text = _DOLLARS.sub(" dollars ", text)
    if "%" in text:
        text = _PERCENT.sub(" percent ", text)
    if "+" in text:
        text = text.replace("+", " plus ")
    if "," in text:
        text = _THOUSANDS.sub(r"\1", text)
    tokens = _TOKEN.findall(text)
    if not _SPELT_OUT.keys().isdisjoint(tokens):
        tokens = [part for token in tokens for part in _SPELT_OUT.get(token, (token,))]
    if not CHAT_SPELLINGS.keys().isdisjoint(tokens):
        tokens = [CHAT_SPELLINGS.get(token, token) for token in tokens]
    if _NUMBER_WORDS.keys().isdisjoint(tokens) and "hundred" not in tokens:
        return tokens  # nothing to join, as in most texts
    return _join_numbers(tokens)


_THOUSANDS = re.compile(r"(\d),(?=\d{3}\b)")
# "what's the deal with the kurils" asks about them, not about a deal.
_WHATS_UP_WITH = re.compile(r"\bwhat(?:'s|\s+is|s)?\s+the\s+(?:deal|story|situation)\s+(?:with|w|about|abt|on)\b")
# Words chat writes with a slash, which would otherwise be two letters: "w/o" is "without".
_SLASHED_WORDS = {"w/o": " without ", "b/c": " because ", "b/w": " between ", "w/": " with "}
_SLASHED = re.compile(r"\b(?:w/o|b/c|b/w|w/)")
# Phrases that link a sentence to the one before say nothing of its topic: "on the other hand"
# is no hand ("what share said no to handing the islands over" is not the sentence that opens
# "on the other hand"), "for example" no example.
_CONNECTIVE = re.compile(r"\b(?:on the (?:other|one) hand|in other words|for (?:example|instance)|of course)\b")
_POSSESSIVE = re.compile(r"'s\b|s'(?=\s|$)")


# Chat spellings of everyday words ("how many ppl died"). Typo repair leaves them alone:
# wordfreq counts them as real words, which they are, in chat. The question's text, which MiniLM
# and the check of what is asked read, is spelt out too ("wen was ..." asks for a time).
CHAT_SPELLINGS = {
    "ppl": "people", "ppls": "people", "wen": "when", "wher": "where", "wat": "what", "wut": "what",
    "wht": "what", "abt": "about", "bc": "because",
    "cuz": "because", "coz": "because", "bcuz": "because", "govt": "government", "gov": "government",
    "thru": "through", "tho": "though", "prolly": "probably", "smth": "something", "sth": "something",
    "b4": "before", "yr": "year", "yrs": "years", "w": "with", "outta": "out", "tryna": "trying",
    "diff": "difference", "info": "information", "pic": "picture", "msg": "message", "bday": "birthday",
    "y": "why", "wuz": "was", "lab": "laboratory", "labs": "laboratories", "approx": "approximately",
}


def _join_numbers(tokens: list[str]) -> list[str]:
    """Number words become digits, so "seventy-eight" and "78" are one word. "One" that ends a
    question or follows "which" is a pronoun ("who wrote the earthquake one", "which one") and
    stays a word."""
    out: list[str] = []
    for at, token in enumerate(tokens):
        value = _NUMBER_WORDS.get(token)
        if token == "one" and at and tokens[at - 1] not in _TENS and (tokens[at - 1] == "which" or (
                at == len(tokens) - 1 and tokens[at - 1] not in _ONE_COUNTS)):
            value = None
        if token == "hundred" and out and out[-1].isdigit() and 0 < int(out[-1]) < 10:
            out[-1] = str(int(out[-1]) * 100)  # "two hundred" is 200
            continue
        if value is None:
            out.append(token)
        elif out and out[-1].isdigit() and int(out[-1]) % 100 == 0 and 100 <= int(out[-1]) < 1000 and (
                tokens[at - 1] == "hundred"):
            out[-1] = str(int(out[-1]) + value)  # "two hundred fifty" is 250
        elif out and out[-1] in _TENS_DIGITS and value < 10:
            out[-1] = str(int(out[-1]) + value)
        else:
            out.append(str(value))
    return out


_TENS_DIGITS = {str(_NUMBER_WORDS[t]) for t in _TENS}
_ONE_COUNTS = {"than", "only", "just", "exactly", "about", "over", "under", "least", "most", "is", "was", "are",
               "were", "of", "to", "and", "or"}  # "more than one", "was it just one": a count
_NUMBER_RUN = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})(?:[- ](?:{'|'.join([*_NUMBER_WORDS, 'hundred'])}))*\b",
                         re.I)


def with_digits(text: str) -> str:
    """The text with its number words as digits ("ten billion" is "10 billion"), all else as it was."""
    return _NUMBER_RUN.sub(lambda found: " ".join(_join_numbers(re.split(r"[- ]", found.group(0).lower()))), text)


_stemmer = snowballstemmer.stemmer("english")

# Irregular verbs: a stemmer cuts endings, so "began" never meets "begin" nor "sold" "sell".
# Each line is the base form and its past forms. Forms that are as often another word
# ("left", "found", "saw", "rose", "lay", "ground") are left out; "fell" (a hill, or to fell
# a tree) is far more often the past of "fall".
_IRREGULAR_VERBS = """
    arise arose arisen; awake awoke awoken; be was were been; bear borne; beat beaten;
    become became; begin began begun; bend bent; bet; bid; bind; bite bit bitten; bleed bled;
    blow blew blown; break broke broken; breed bred; bring brought; build built; burn burnt;
    burst; buy bought; catch caught; choose chose chosen; cling clung; come came; cost;
    creep crept; cut; deal dealt; dig dug; do did done; draw drew drawn; dream dreamt;
    drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen; fight fought; flee fled; fly flew flown;
    forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven; freeze froze frozen;
    get got gotten; give gave given; go went gone; grow grew grown; hang hung; have had; hear heard;
    hide hid hidden; hit; hold held; hurt; keep kept; know knew known; lead led; lend lent;
    let; light lit; lose lost; make made; mean meant; meet met; pay paid; quit; read; ride rode ridden;
    ring rang rung; run ran; say said; seek sought; sell sold; send sent; set; shake shook shaken;
    shine shone; shoot shot; show shown; shrink shrank shrunk; shut; sing sang sung; sink sank sunk;
    sit sat; sleep slept; slide slid; speak spoken; spend spent; spread; stand stood; steal stole stolen;
    stick stuck; sting stung; stink stank stunk; strike struck stricken; strive strove striven;
    swear swore sworn; sweep swept; swim swam swum; swing swung; take took taken; teach taught;
    tear tore torn; tell told; think thought; throw threw thrown; understand understood;
    undertake undertook undertaken; wake woke woken; wear wore worn; weave wove woven; weep wept;
    win won; withdraw withdrew withdrawn; write wrote written
"""
# Word families a stemmer cannot join: a verb and its noun or adjective spelt apart
# ("died" and "deaths", "born" and "birth", "lost" and "loss", "exploded" and "explosion":
# English verbs in -de, -nd and -mit make their nouns in -sion, -nse and -ssion). And one it joins
# wrongly: "founded" is not "found", the past of "find" ("who found the stone").
_FAMILIES = """
    die died dying dead death deaths; birth born births; live lived living life lives alive;
    lose lost loss losses; choose chose chosen choice; prove proved proven proof;
    believe believed belief beliefs; grow grew grown growth; sell sold sale sales;
    succeed succeeded success successful; fly flew flown flight; high higher height;
    deep deeper depth; strong stronger strength; wide wider width; long longer length;
    explode explosion explosions; decide decision decisions; divide division divisions;
    collide collision collisions; invade invasion invasions; conclude conclusion conclusions;
    include inclusion; exclude exclusion; provide provision provisions; persuade persuasion;
    erode erosion; evade evasion; intrude intrusion; extend extension extensions; expand expansion;
    suspend suspension; comprehend comprehension; respond response responses; defend defence defense;
    offend offence offense; pretend pretence; admit admission; permit permission; submit submission;
    transmit transmission; omit omission; emit emission emissions;
    foundation founded founding founder founders
"""
# Plurals a stemmer cannot join to their singular ("the mouse experiment": "eight mice were injected").
_IRREGULAR_NOUNS = """
    mouse mice; louse lice; man men; woman women; child children; foot feet; tooth teeth;
    goose geese; ox oxen; criterion criteria; phenomenon phenomena; crisis crises; thesis theses;
    hypothesis hypotheses; analysis analyses; diagnosis diagnoses; fungus fungi; nucleus nuclei;
    stimulus stimuli; radius radii; cactus cacti; bacterium bacteria; curriculum curricula;
    appendix appendices; matrix matrices; vertex vertices; index indices
"""
_BASE_FORM = {form: forms.split()[0] for table in (_IRREGULAR_VERBS, _FAMILIES, _IRREGULAR_NOUNS)
              for forms in table.split(";") for form in forms.split()[1:]}


# An American spelling to its British one, so both spellings of a word meet. British, because
# the stemmer strips "-alize" whole but leaves "-alise": "capitalizes" would meet "capital".
_BRITISH: dict[str, str] = {}
for _british, _american in sorted(BRITISH_ENGLISH_SPELLINGS.items(), key=lambda pair: "z" in pair[0]):
    _BRITISH.setdefault(_american, _british)  # "-ise" before "-ize", else the list's first


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem, so "invested", "investment" and "investments" meet, "sold" and "sell", and a
    word's British and American spellings ("tyres" and "tires", "colour" and "color")."""
    british = _BRITISH.get(word, word)
    word = _BASE_FORM.get(word) or _BASE_FORM.get(british, british)
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer.stemWord(word)


# Function words carry no meaning for matching. Question words are kept apart (QUESTION_WORDS)
# because "when" or "who" says which kind of fact is wanted. Chat's fillers and interjections
# ("lol", "ngl", "uh", "hmm") are function words too: common enough in English to weigh little
# as unknown words, they still outweighed a question's one or two words of substance.
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for from with about as into onto over under
    is are was were be been being am do does did done doing has have had having will would
    shall should can could may might must this that these those it its it's they them their
    there here he she his her him hers i me my we our you your yours what which whats
    not no so than then too very just also any some all both each such own same other though although
    out up down off again further once only more most s t don nor even per via else
    please tell explain know say says said mention mentions mentioned according
    give me us lot really actually exactly kind sort
    pls plz thanks thank thx hi hey hello bot citebot anyone someone guys quick like um ok okay
    yeah yes wat wut u ur r basically sorry obvious wondering wanted ask asking question
    seriously literally honestly totally truly definitely anyway anyways
    im ive id youre theyre thats theres whats whos wheres hows whens n
    questions thing things stuff anything something part bit reading read understand
    lol lmao haha tbh ngl nah gonna wanna gotta kinda sorta ya yo omg idk imo btw fr bruh lowkey highkey
    rn em atm bro bros dude fam one ones
    uh uhh um umm hmm hm huh er erm ah oh eh wow ugh meh welp yay oops yea yep nope aight alr
    """.split()
)
# Chat's fillers and interjections, which say nothing of what is asked: read for its meaning, "ngl
# why did nobody care lol" is "why did nobody care".
CHAT = frozenset("""
    lol lmao lmfao rofl haha hehe tbh ngl imo imho btw idk fr frfr bruh bro bros dude fam lowkey highkey rn atm
    omg pls plz yo hey hi hello guys anyone uh uhh um umm hmm hm er erm eh welp aight alr yeah yea yep ok okay
    basically actually literally
    """.split())
_CHAT_WORD = re.compile(
    r"(?<![\w'\u2019-])(?:" + "|".join(sorted(CHAT, key=len, reverse=True)) + r")(?![\w'\u2019-])\W*", re.I)


def without_chat(question: str) -> str:
    """The question without chat's fillers (CHAT), or as it is if nothing else would be left."""
    left = _CHAT_WORD.sub("", question).strip()
    return left if re.search(r"\w", left) else question


# Frequent English words that carry little of a question's topic. In a small knowledge base
# they are rare, so plain IDF would make them decisive; their weight is capped instead.
COMMON_WORDS = frozenset(
    """
    get got gets getting put puts make makes made making take takes took go goes went going
    come comes came become becomes became want wants wanted think thinks thought find found
    see seen look looks looked use used using keep work way ways time times year years day
    new old good bad big small great little many much number numbers main mainly really back
    after before above below between among first last next still even ever never always
    often around through during since while where whereas however therefore thus happen
    happened happens mean means meant call called name named show shows showed shown
    point points fact facts reason reasons part side sides well whole overall real really
    important matter matters problem issue issues situation thing things case kind
    """.split()
)


def substantive(found: list[str]) -> list[str]:
    """The words that are not stopwords; "may" beside a number is the month ("in May 1847", "1 May"),
    not the verb."""
    return [w for at, w in enumerate(found)
            if w not in STOPWORDS or (w == "may" and _by_a_number(found, at))]


def _by_a_number(found: list[str], at: int) -> bool:
    return (at + 1 < len(found) and found[at + 1].isdigit()) or (
        at > 0 and found[at - 1].isdigit() and len(found[at - 1]) <= 2)


QUESTION_WORDS = frozenset({"who", "whom", "whose", "when", "where", "why", "how"})
# Words that say the question is about the text itself ("according to the text ..."), and verbs
# that only say something took place ("when did the explosion happen"): they help to find what
# is asked, but must not count against an answer that lacks them.
LIGHT_WORDS = QUESTION_WORDS | {"text", "happen", "occur"}


class Vocabulary:
    """Synonym folding: every listed name of a thing becomes that thing's one term."""

    @classmethod
    @lru_cache(maxsize=4)
    def shared(cls, groups: tuple[tuple[str, ...], ...] = ()) -> Vocabulary:
        """One vocabulary per synonym list, so loading and indexing reuse each other's work."""
        return cls(groups)

    def __init__(self, groups: tuple[tuple[str, ...], ...] = ()) -> None:
        self._serial = next(_serials)  # names it in what is remembered while a knowledge base is built
        self._phrases: dict[tuple[str, ...], str] = {}
        self._starts: set[str] = set()  # first words of the phrases longer than one word
        self.longest = 1
        for group in groups:
            canonical = "_".join(self._stems(group[0]))
            for name in group:
                key = tuple(self._stems(name))
                if key:
                    self._phrases[key] = canonical
                    self.longest = max(self.longest, len(key))
                    if len(key) > 1:
                        self._starts.add(key[0])
        self._canonical = frozenset(self._phrases.values())  # every group's one term
        # The one-word names alone: most texts start no phrase, and fold word by word through it.
        self._single = {key[0]: canonical for key, canonical in self._phrases.items() if len(key) == 1}

    @staticmethod
    def _stems(text: str) -> list[str]:
        return [stem(w) for w in substantive(words(text))]

    def fold_spans(self, stems: list[str]) -> list[tuple[str, int, int]]:
        """(term, start, size) for each term: the longest listed phrase at a position wins."""
        out: list[tuple[str, int, int]] = []
        i = 0
        while i < len(stems):
            if stems[i] not in self._starts:
                out.append((self._phrases.get((stems[i],), stems[i]), i, 1))
                i += 1
                continue
            for size in range(min(self.longest, len(stems) - i), 0, -1):
                canonical = self._phrases.get(tuple(stems[i : i + size]))
                if canonical is not None:
                    out.append((canonical, i, size))
                    i += size
                    break
            else:
                out.append((stems[i], i, 1))
                i += 1
        return out

    def completes_phrase(self, stems: Sequence[str], at: int, candidate: str) -> bool:
        """Whether `candidate` in place of the stem at `at` makes a listed phrase of several words
        with its neighbours: "east" in "the far eats"."""
        trial = [*stems[:at], candidate, *stems[at + 1 :]]
        for start in range(max(0, at - self.longest + 1), at + 1):
            for size in range(max(2, at - start + 1), min(self.longest, len(trial) - start) + 1):
                if tuple(trial[start : start + size]) in self._phrases:
                    return True
        return False

    def one_name(self, text: str, besides: frozenset[str] = frozenset()) -> bool:
        """Whether a text's only word of substance is a name of a synonym group ("what's in it for
        moscow" is only "Russia"): it matches, in full, any question that names the same alone."""
        found = set(self.known_terms(text))
        return len(found) == 1 and found <= self._canonical - besides

    def fold_synonyms(self, stems: list[str]) -> list[str]:
        """Replace each listed name by its thing's canonical term."""
        return [term for term, _, _ in self.fold_spans(stems)]

    def terms(self, text: str) -> list[str]:
        """The matcher's view of a text: stemmed, synonym-folded content words, in order."""
        found = words(text)
        # "may" is the one stopword that can be a word of substance (`substantive`).
        stems = ([stem(w) for w in substantive(found)] if "may" in found
                 else [stem(w) for w in found if w not in STOPWORDS])
        if self._starts.isdisjoint(stems):  # no phrase of several words can begin here
            single = self._single
            return [single.get(s, s) for s in stems]
        return self.fold_synonyms(stems)

    def known_terms(self, text: str) -> tuple[str, ...]:
        """`terms` for the knowledge base's own texts, remembered while it is built: loading and
        indexing share them."""
        memo = _remembered_terms
        if memo is None:
            return tuple(self.terms(text))
        found = memo.get((self._serial, text))
        if found is None:
            found = memo[(self._serial, text)] = tuple(self.terms(text))
        return found


@lru_cache(maxsize=16384)
def search_stems(text: str) -> frozenset[str]:
    """The stems of a text's words of substance, as written: no synonym stands in for a word."""
    return frozenset(stem(w) for w in substantive(words(text)))
