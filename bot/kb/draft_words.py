"""Word-level help for drafting: clauses, capitals, verb forms and sentence subjects."""

from __future__ import annotations

import re

from .lexicon import zipf
from .text import sentences, stem

MIN_SENTENCE_WORDS = 6  # shorter sentences rarely carry a fact worth a question
# An all-capitals word this common in English is emphasis ("the CAUSES of faction"), not an acronym.
EMPHASIS_ZIPF = 3.0
MIN_EMPHASIS_LETTERS = 5  # shorter capitals are usually acronyms (NATO, USA)
# A verb form is recognised only if its base is at least this common: "planted" is "plant",
# but "hundred" is no past tense of "hundr".
VERB_BASE_ZIPF = 3.0
MAX_SUBJECT_WORDS = 8
# A sentence-initial word rarer than this in English, never written in lower case by the text,
# is a name ("Syracuse", zipf 3.6); "work" (6.0) or "justice" (5.0) are not.
NAME_ZIPF = 4.5

_IRREGULAR_PAST = {
    "fell": "fall", "rose": "rise", "grew": "grow", "took": "take", "made": "make", "gave": "give",
    "found": "find", "built": "build", "sold": "sell", "spent": "spend", "brought": "bring", "won": "win",
    "lost": "lose", "paid": "pay", "held": "hold", "saw": "see", "spoke": "speak", "came": "come",
    "went": "go", "began": "begin", "wrote": "write", "told": "tell", "kept": "keep", "led": "lead",
    "met": "meet", "sent": "send", "stood": "stand", "thought": "think", "bought": "buy", "drew": "draw",
    "felt": "feel", "knew": "know", "showed": "show", "had": "have", "did": "do", "ran": "run",
    "fought": "fight", "taught": "teach", "caught": "catch", "withdrew": "withdraw", "lit": "light",
    "left": "leave", "burst": "burst", "struck": "strike", "broke": "break", "threw": "throw", "flew": "fly",
    "drove": "drive", "rode": "ride", "sank": "sink", "swept": "sweep", "chose": "choose", "fled": "flee",
    "froze": "freeze", "hid": "hide", "meant": "mean", "rang": "ring", "sat": "sit", "sought": "seek",
    "stole": "steal", "understood": "understand", "wore": "wear", "lent": "lend", "dealt": "deal", "dug": "dig",
    "fed": "feed", "shook": "shake", "sprang": "spring", "arose": "arise", "blew": "blow", "hung": "hang",
    "drank": "drink", "undertook": "undertake", "overcame": "overcome", "upheld": "uphold", "swore": "swear",
    "slept": "sleep", "spun": "spin", "forbade": "forbid", "foresaw": "foresee", "became": "become",
}
# Participles that differ from the past tense: "was fought", "had been taken", "is known".
_IRREGULAR_PARTICIPLE = {
    "taken": "take", "given": "give", "written": "write", "known": "know", "chosen": "choose",
    "driven": "drive", "shown": "show", "seen": "see", "done": "do", "drawn": "draw", "grown": "grow",
    "begun": "begin", "spoken": "speak", "born": "bear", "won": "win", "run": "run", "fallen": "fall",
    "risen": "rise", "withdrawn": "withdraw", "held": "hold", "laid": "lay", "lit": "light",
    # The same as the base: "had spread", "was cut", "had been set".
    **{verb: verb for verb in "spread cut put set hit let shut burst cost hurt cast split thrust upset broadcast "
                              "forecast quit shed".split()},
}
_AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "can", "cannot", "could", "may", "might", "must",
                "shall", "should", "will", "would", "does", "do", "did", "ought", "never"}
# A year a text dates something by: "1883", "2024".
YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_LEADING_ADVERBIAL = re.compile(r"^(?:In|By|During|On|At|After|Before|For|Since|Under|With) [^,]{1,60}, ")
_CAPS_WORD = re.compile(rf"\b[A-Z]{{{MIN_EMPHASIS_LETTERS},}}\b")
_CLAUSE = re.compile(r"(?<=[,;:])\s+")
# The last items of a list, after its comma: bare lower-case words, then "and" or "or" ("oil,
# pitch and other goods"), not a clause ("on 16 December", "opened Vostok near the pole").
_LIST_GOES_ON = re.compile(r"(?!(?:and|or|but|nor|yet|so|which|who|where|when|while|whereas|although|though|because|"
                           r"as|if|then|than|that|the|a|an|in|on|at|by|for|from|with|to|of|into|after|before|"
                           r"during|since|until|including|such|not)\b)[a-z][\w'-]*(?: [a-z][\w'-]*)?,? (?:and|or) ")


def sentence_list(text: str) -> list[str]:
    """A passage's sentences long enough to carry a fact."""
    return [s.strip() for s in sentences(text) if len(s.split()) >= MIN_SENTENCE_WORDS]


def decap(text: str) -> str:
    """Emphasis in capitals made plain ("AMONG the", "the CAUSES of"); same length, so offsets hold."""
    def plain(match: re.Match[str]) -> str:
        word = match.group()
        if zipf(word.lower()) < EMPHASIS_ZIPF:
            return word
        return word.capitalize() if match.start() == 0 else word.lower()
    return _CAPS_WORD.sub(plain, text)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str, names: frozenset[str] = frozenset()) -> str:
    """'The causes' -> 'the causes', 'Critics' -> 'critics'; a name ('Americans', 'Margaret Lindsay') stays."""
    parts = text.split()
    first = parts[0] if parts else ""
    if first.lower() in {"the", "a", "an"}:
        return text[:1].lower() + text[1:]
    if first in names or (first.isupper() and len(first) > 1) or (len(parts) > 1 and parts[1][:1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def name_words(text: str) -> frozenset[str]:
    """Words that are names, never to be lowercased: those the text capitalises inside a sentence,
    and a sentence's first word the text never writes in lower case and that is no common noun
    ("Syracuse grew up ...", but not "Critics argued ..." or "Work began ...")."""
    inside = set(re.findall(r"(?<=[a-z0-9,;] )[A-Z][\w’'-]+", text))
    lowered = {stem(w) for w in re.findall(r"\b[a-z][\w’'-]*", text)}  # "passengers" lowers "Passenger"
    first = {w for w in re.findall(r"(?:^|[.!?][\"”’)]?\s+)([A-Z][a-z’'-]+)\b", text)
             if stem(w.lower()) not in lowered and not w.endswith("s") and zipf(w.lower()) < NAME_ZIPF}
    return frozenset(inside | first)


def past_base(word: str) -> str | None:
    """The base of a past-tense verb ('carried' -> 'carry'), or None if `word` is not one."""
    if word in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[word]
    if len(word) <= 4 or not word.endswith("ed") or not word.isalpha() or not word.islower():
        return None
    if word.endswith("ied"):
        candidates = [word[:-3] + "y"]
    elif len(word) > 5 and word[-3] == word[-4] and word[-3] not in "lsz":
        candidates = [word[:-3]]
    else:
        candidates = [word[:-2], word[:-1]]
    best = max(candidates, key=zipf)
    # A base that only a verb can be ("electrify", "modernise") needs only to be a word.
    verb_only = best.endswith(("ify", "ise", "ize")) and zipf(best) > 0
    return best if zipf(best) >= VERB_BASE_ZIPF or verb_only else None


def participle_base(word: str) -> str | None:
    """The base of a past participle ('fought' -> 'fight', 'taken' -> 'take'), or None."""
    return _IRREGULAR_PARTICIPLE.get(word) or past_base(word)


def lemma(verb: str) -> str:
    """A verb's base form, for "did X <base>?" and "does X <base>?"."""
    base = participle_base(verb)
    if base:
        return base
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def plain_subject(sentence: str) -> str | None:
    """The noun phrase a sentence opens with, up to its verb ('The Helsinki–Tallinn route')."""
    text = _LEADING_ADVERBIAL.sub("", decap(sentence))
    words = text.split()
    for index, word in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        if index and (word in _AUXILIARIES or past_base(word)):
            subject = " ".join(words[:index])
            if "," in subject or subject.split()[0].lower() in {"it", "they", "we", "you", "he", "she", "this",
                                                                "there", "i", "that", "these", "those"}:
                return None
            return subject
    return None


def clip(text: str, max_words: int) -> tuple[str, bool]:
    """An answer from `text`: whole clauses up to `max_words` words, '…' where it stops early."""
    cut = prefix(text, max_words)
    clipped = len(cut.split()) < len(text.split())
    if not clipped and re.search(r"[.!?][\"”’')]$", cut):  # 'called it "Clinton's Ditch."' ends already
        return upper_first(cut), clipped
    cut = cut.rstrip(" ,;:.")
    return upper_first(cut) + ("\u2026" if clipped else "."), clipped


def prefix(text: str, max_words: int) -> str:
    """The opening of `text`, verbatim, ending at a clause boundary within `max_words` words."""
    parts = _CLAUSE.split(text.strip())
    kept: list[str] = []
    for part in parts:
        if kept and len(" ".join([*kept, part]).split()) > max_words:
            break
        kept.append(part)
    # A comma before a bare word goes on with a list ("warehouses full of oil, pitch and other
    # goods"): the quote ends at the clause before it, not inside the list.
    while 1 < len(kept) < len(parts) and _LIST_GOES_ON.match(parts[len(kept)]):
        kept.pop()
    out = " ".join(kept)
    if len(out.split()) > max_words:  # one long clause: stop at the word limit
        out = " ".join(out.split()[:max_words])
    return out.rstrip(" ,;:")
