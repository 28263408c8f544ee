"""Quizzes from the curated entries: accepted answers, lenient checking, and Leitner boxes."""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .models import Entry
from .text import STOPWORDS, Vocabulary, with_digits, words

# How alike (rapidfuzz ratio on normalised words) an answer must be to an accepted one:
# one slip in a ten-letter name still passes, a different name does not.
MATCH_RATIO = 85.0
# An accepted answer found inside a longer reply ("it was Vladivostok") counts when this alike,
# as long as the reply is not an essay that mentions everything.
CONTAINED_RATIO = 92.0
MAX_REPLY_FACTOR = 4
MAX_EXTRA_TERMS = 2  # "at the EEF in vladivostok" names the forum; a list of every name in the text does not
BOXES = 5  # Leitner boxes 1 (learning) .. 5 (known)
# How often each box is drawn: missed entries come back soonest, and one answered right waits
# until most new ones have been asked ("what is the article called?" twice in ten questions, of 70).
BOX_WEIGHTS = {1: 16, 2: 2, 3: 1, 4: 0.5, 5: 0.25}
UNSEEN_WEIGHT = 8  # new entries: after the missed ones, well before those answered right even once
# An answer whose first clause is this short is itself a fair thing to type back ("China.");
# longer ones are explanations, and a quiz on them needs the curator's `accept` list.
SHORT_ANSWER_WORDS = 4
_NOT_ANSWERS = {"yes", "no", "hardly", "partly", "not really"}
_YES_NO = {"yes", "no"}


def normal(text: str) -> str:
    return " ".join(w for w in words(text) if w not in STOPWORDS or w.isdigit())


def accepted_answers(entry: Entry) -> tuple[str, ...]:
    """What a quiz accepts: the entry's `accept` list, else its answer's first clause if short;
    and, when the answer opens with "Yes" or "No", that word too ("No" is right to "Was it
    agreed beforehand?" whatever else the curator listed)."""
    first = re.split(r"[;:]|,(?!\d{3}\b)|\.(?:\s|$)", entry.answer, maxsplit=1)[0].strip()  # "30,000" is one number
    if entry.accept:
        accepted = entry.accept
    else:
        opening = first.split()[0].casefold() if first else ""
        short = first and len(first.split()) <= SHORT_ANSWER_WORDS and first.casefold() not in _NOT_ANSWERS
        # "It would ..." is no fact to check, but "About 30,000 people" is.
        fact = opening not in STOPWORDS or (opening in _HEDGES and _AMOUNT.search(first) is not None)
        accepted = (first,) if short and fact else ()
    if accepted and first.casefold() in _YES_NO:
        accepted = (first.casefold(), *accepted)
    return accepted


def quizzable(entry: Entry) -> bool:
    """An entry makes a fair quiz question when it has a short answer to check against."""
    return not entry.draft and bool(accepted_answers(entry))


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# "3 September 1928", "3rd of Sept. 1928", "September 3rd, 1928", "3/9/1928" (day first, as the
# texts write dates, unless the second number cannot be a month): all are "3 september 1928".
_DATES = [re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
          re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),
          re.compile(r"\b(?P<a>[0-3]?\d)[/.-](?P<b>[0-3]?\d)[/.-](?P<year>\d{4})\b")]
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)
# A date typed with the year cut to two digits: "26/6/48", "20 june '48", "June 20, 48".
_SHORT_YEAR_DATES = [re.compile(r"\b[0-3]?\d[/.-][0-3]?\d[/.-](?P<short>\d\d)\b"),
                     re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+['\u2019]?(?P<short>\d\d)\b", re.I),
                     re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+['\u2019]?(?P<short>\d\d)\b", re.I)]


def _full_years(reply: str, years: set[str]) -> str:
    """A date's two-digit year written out as the answer's year it ends like: "26/6/48" is 26/6/1948
    when the answer's year is 1948 (and stays a year of its own when no year of the answer ends so)."""
    ends = {year[-2:]: year for year in years}

    def full(found: re.Match) -> str:
        year = ends.get(found.group("short"))
        if year is None:
            return found.group(0)
        cut = found.start("short") - found.start()
        return found.group(0)[:cut].rstrip("'\u2019") + year

    for pattern in _SHORT_YEAR_DATES:
        reply = pattern.sub(full, reply)
    return reply


def _month_named(short: str) -> str:
    return next(m for m in _MONTH_NAMES if m.startswith(short.lower()[:3]))


# A number with its scale, as figures are written and typed: "US$10 billion", "$10bn", "2.3m", "5,500".
_AMOUNT = re.compile(r"(?<![\w.])(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
                     r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|tn|k|m|b)\b)?", re.I)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12}
_SCALE_WORDS = {"k": "thousand", "m": "million", "b": "billion", "bn": "billion", "tn": "trillion"}


# A unit written short after a number, as its word: "38ft" is "38 feet". ("m" and "in" are left
# alone: millions or metres, a word of their own.)
_UNIT = re.compile(r"(?<=\d)\s*(?P<unit>ft|foot|kms?|kg|lbs?|mi|yds?|cm|mm|mph|kph|km/h|hrs?|mins?|secs?)\b\.?", re.I)
_UNIT_WORDS = {"ft": "feet", "foot": "feet", "km": "kilometres", "kms": "kilometres", "kg": "kilograms",
               "lb": "pounds", "lbs": "pounds", "mi": "miles", "yd": "yards", "yds": "yards", "cm": "centimetres",
               "mm": "millimetres", "mph": "miles per hour", "kph": "kilometres per hour",
               "km/h": "kilometres per hour", "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes",
               "sec": "seconds", "secs": "seconds"}


def _canonical(text: str, *, million_m: bool = True) -> str:
    """Dates and amounts in one spelling, so that a reply is compared on what it says:
    "Sept 3rd, 1928" and "3/9/1928" are "3 september 1928"; "$10bn" is "$10 billion". A bare
    "m" after a number is "million" only where the answer speaks of millions (`million_m`):
    elsewhere "200m" may be metres."""
    def date(found: re.Match) -> str:
        parts = found.groupdict()
        if parts.get("a"):
            day, month = int(parts["a"]), int(parts["b"])
            if month > 12 >= day:
                day, month = month, day
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return found.group(0)
            name = _MONTH_NAMES[month - 1]
        else:
            day, name = int(parts["day"]), _month_named(parts["month"])
            if not 1 <= day <= 31:
                return found.group(0)
        return f"{day} {name}" + (f" {parts['year']}" if parts.get("year") else "")

    for pattern in _DATES:
        text = pattern.sub(date, text)
    # A month and year with no day: "Sept 2018" is "september 2018".
    text = _MONTH_YEAR.sub(lambda m: f"{_month_named(m.group('month'))} {m.group('year')}", text)

    def amount(found: re.Match) -> str:
        scale = (found.group("scale") or "").lower()
        if scale == "m" and not million_m:
            return found.group(0)
        word = _SCALE_WORDS.get(scale, scale)
        return found.group("number") + (found.group("fraction") or "") + (f" {word}" if word else "")

    text = _UNIT.sub(lambda m: " " + _UNIT_WORDS[m.group("unit").lower()], with_digits(text))
    return _AMOUNT.sub(amount, text)


_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


# Words that only hedge or bound a figure ("between 8.5 and 9.0", "about 2,000", "up to 60,000"):
# a reply that gives the figures need not say them.
_HEDGES = frozenset("between about around roughly approximately approx nearly almost some over under more less "
                    "than up to estimated circa c".split())


def _besides_numbers(normalised: str) -> list[str]:
    """The words of a normalised answer that are not its numbers, their scales or their hedges."""
    return [w for w in normalised.split() if not w.isdigit() and w not in _SCALES and w != "percent"
            and w not in _HEDGES]


def _quantities(text: str) -> set[float]:
    """The numbers a text states, each at its scale: "US$10 billion" is 1e10, "2.3 million" 2.3e6."""
    found = set()
    for match in _AMOUNT.finditer(text):
        value = float(match.group("number").replace(",", "") + (match.group("fraction") or ""))
        found.add(round(value * _SCALES.get((match.group("scale") or "").lower(), 1), 6))
    return found


def check(reply: str, accepted: Sequence[str], synonyms: tuple[tuple[str, ...], ...] = (), *,
          question: str = "", answer: str = "") -> bool:
    """Is the reply one of the accepted answers, ignoring case, punctuation and small typos, and
    (with the text's `synonyms`) another name for it ("the EEF" for "Eastern Economic Forum")?
    Never by the synonyms when it only names what the `question` itself names: to "What does
    Russia call the Northern Territories?", "Northern Territories" is no answer, though the text's
    synonyms make both names one thing."""
    answered_years = set(_A_YEAR.findall(" ".join((*accepted, answer))))
    reply = _full_years(reply, answered_years)
    years = set(_A_YEAR.findall(reply))
    if years and not years <= answered_years:
        return False  # "September 2015" names the month but another year than the answer's 2018
    if _other_part_of_month(_canonical(reply), _canonical(" ".join((*accepted, answer)))):
        return False  # "late September" or "30 September" for "early September"
    said = words(reply)
    if said and said[0] in _YES_NO and len(said) <= 3 and said[0] in {a.casefold() for a in accepted}:
        return True  # "No", "no.", "no it wasnt": the polarity the answer opens with
    if not normal(reply):
        return False
    for answer in accepted:
        answer = _canonical(answer)
        wanted = normal(answer)
        if not wanted:
            continue
        written = _canonical(reply, million_m="million" in answer.lower())
        given = normal(written)
        if _denies(answer) != _denies(written):
            continue  # "Japan has full strategic autonomy" is alike in letters to "no strategic autonomy"
        if amounts := _quantities(answer):
            if not amounts <= _quantities(written):
                continue  # 56% is not 57%, nor 10 million 10 billion, however alike they look
            # The same amounts, however written ("400,000,000" for "400 million"), with what they count
            # unless the question says it: "51" to "How many canal Acts did Parliament pass?" is "51 Acts".
            if set(_besides_numbers(wanted)) - set(normal(question).split()) <= set(given.split()):
                return True
        if fuzz.ratio(given, wanted) >= MATCH_RATIO:
            return True
        # The accepted answer inside a longer reply; never a short reply inside a long answer.
        if len(wanted) >= 3 and len(wanted) <= len(given) <= MAX_REPLY_FACTOR * len(wanted) + 10 and \
                fuzz.partial_ratio(wanted, given) >= CONTAINED_RATIO:
            return True
        if synonyms and _same_things(written, answer, synonyms) and not _echoes(written, question, synonyms):
            return True
    return False


# The part of a month that "early", "mid" and "late" say, by the days in it.
_PART_OF_MONTH = re.compile(r"\b(?P<part>early|beginning of|start of|mid|middle of|late|end of)[\s-]+(?:the\s+)?"
                            rf"(?P<month>{'|'.join(_MONTH_NAMES)})\b", re.I)
_PARTS = {"early": range(1, 11), "beginning of": range(1, 11), "start of": range(1, 11), "mid": range(11, 21),
          "middle of": range(11, 21), "late": range(21, 32), "end of": range(21, 32)}
_DAY_OF_MONTH = re.compile(rf"\b(?P<day>[0-3]?\d) (?P<month>{'|'.join(_MONTH_NAMES)})\b", re.I)


def _other_part_of_month(reply: str, answer: str) -> bool:
    """Whether the reply puts something in another part of a month than the answer says ("late
    September", "30 September" for "early September"); of a month the answer gives no part of,
    any day may be meant. Both are written as `_canonical` writes dates."""
    said = {m["month"].lower(): _PARTS[m["part"].lower()] for m in _PART_OF_MONTH.finditer(answer)}
    if not said:
        return False
    days = [(m["month"].lower(), int(m["day"])) for m in _DAY_OF_MONTH.finditer(reply)]
    parts = [(m["month"].lower(), _PARTS[m["part"].lower()]) for m in _PART_OF_MONTH.finditer(reply)]
    return any(month in said and day not in said[month] for month, day in days) or \
        any(month in said and part != said[month] for month, part in parts)


# Words that deny or all but deny what follows: a reply with one says the opposite of an answer
# without, and the other way round, however alike their letters ("little or no strategic autonomy").
_DENYING = frozenset("no not never none nothing nobody neither nor without little few lack lacks lacked "
                     "lacking hardly barely cannot".split())


def _denies(text: str) -> bool:
    return not _DENYING.isdisjoint(words(text))


def _echoes(reply: str, question: str, synonyms: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the reply names nothing the question does not name itself."""
    if not question:
        return False
    vocab = Vocabulary.shared(synonyms)
    said = set(vocab.terms(reply))
    return bool(said) and said <= set(vocab.terms(question))


def _same_things(reply: str, answer: str, synonyms: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the reply names every thing the answer does, by any of its names, and little else."""
    vocab = Vocabulary.shared(synonyms)
    wanted, given = set(vocab.terms(answer)), vocab.terms(reply)
    return bool(wanted) and wanted <= set(given) and len(given) <= len(wanted) + MAX_EXTRA_TERMS


@dataclass(frozen=True, slots=True)
class Record:
    """A member's history with one entry."""

    box: int = 1
    correct: int = 0
    wrong: int = 0
    last_seen: str = ""


def after(record: Record | None, correct: bool, when: str) -> Record:
    """The record after an answer: up one box when right, back to the first when wrong."""
    record = record or Record()
    if correct:
        return Record(min(BOXES, record.box + 1), record.correct + 1, record.wrong, when)
    return Record(1, record.correct, record.wrong + 1, when)


def pick(entries: Sequence[Entry], records: Mapping[str, Record], *, rng: random.Random | None = None,
         avoid: str | Collection[str] | None = None) -> Entry | None:
    """Draw the next question: missed entries most often, then new ones, known ones least; never
    one of `avoid` (the last question, or all those of a round so far) while others are left."""
    avoided = {avoid} if isinstance(avoid, str) else set(avoid or ())
    pool = [e for e in entries if quizzable(e) and e.id not in avoided] or [e for e in entries if quizzable(e)]
    if not pool:
        return None
    weights = []
    for entry in pool:
        record = records.get(entry.id)
        weights.append(UNSEEN_WEIGHT if record is None else BOX_WEIGHTS[record.box])
    return (rng or random).choices(pool, weights=weights, k=1)[0]
