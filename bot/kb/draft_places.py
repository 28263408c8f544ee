"""Places a text names: "Where was the battle fought?" from "The battle was fought in Adams County, ...".

A place is a locative preposition ("in", "at", "near", "across", ...) followed by capitalised
words ("Lake Erie", "the Potomac River", "McPherson's Woods", "Rome, New York"). Only a sentence
whose subject and verb can be read becomes a question, asked with that verb: "Where did Lee lead
the Army of Northern Virginia?", "Where was the battle fought?", "Where is Rochester?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .draft_clause import Clause
from .draft_words import lemma
from .text import MONTHS, STOPWORDS

MAX_OBJECT_WORDS = 8  # "Where did Lincoln deliver a short address?": more than this is no longer one question
MAX_PLACE_ANSWER_WORDS = 16  # "At the dedication of the Soldiers' National Cemetery in Gettysburg."

_LOCATIVE = ("in", "at", "near", "on", "across", "along", "through", "into", "to", "toward", "towards", "around",
             "outside", "inside", "beyond", "over", "onto", "within", "throughout", "from", "off")
_LOC = "|".join(_LOCATIVE)
_CAP = r"[A-Z][\w’'-]*"
_PLACE = (rf"(?:the )?{_CAP}(?: (?:of (?:the )?)?{_CAP})*"
          rf"(?:, {_CAP}(?: {_CAP})*(?=[,.;]|$))?")  # "Rome, New York," and "Adams County, Pennsylvania,"
_AT_PLACE = re.compile(rf"\b(?P<prep>{_LOC}) (?P<place>{_PLACE})")
_MORE = re.compile(rf"^(?:,? and |,? or |, )(?P<prep>{_LOC}) (?P<place>{_PLACE})")
# A list of places under one preposition: "in Cuba, Jamaica, Hawaii and northern Chile".
_SIDE = r"(?:(?:north|south)-?(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central|upper|lower) "
_NAMED = rf"(?:the )?(?:{_SIDE})?{_CAP}(?: (?:of (?:the )?)?{_CAP})*"
_LISTED = re.compile(rf"^(?P<names>(?:, {_NAMED})*,? (?:and|or) {_NAMED})(?=[,.;:]|$)")
_WHERE_IS = re.compile(rf"^(?P<subject>[A-Z][^,;:]{{1,60}}?) (?P<verb>is|are|lies|lie|stands|stand|sits|sit) "
                       rf"(?:now |still )?(?P<prep>in|at|near|on|along|beside|between) (?P<place>{_PLACE})")
_MONTHS = {*MONTHS, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# A title starts a person, not a place: "to General Meade".
_TITLES = {"General", "Colonel", "Captain", "Major", "Lieutenant", "Admiral", "President", "Governor", "Senator",
           "Judge", "King", "Queen", "Prince", "Princess", "Lord", "Lady", "Sir", "Dr", "Mr", "Mrs", "Ms",
           "Professor", "Reverend", "Saint", "Pope", "Emperor"}
# "the Constitution", "the State": institutions a text capitalises, not places one travels to.
_INSTITUTIONS = {"Constitution", "State", "States", "Union", "Government", "Congress", "Senate", "Court",
                 "Legislature", "Executive", "People", "Church", "Crown", "Parliament", "Republic", "Convention"}


# Verbs after which "into" says what something became: "grew into the Bank of America".
_BECOMING = frozenset({"grow", "turn", "develop", "evolve", "transform", "change", "convert", "merge", "split",
                       "divide", "break", "fall", "translate", "make", "form", "expand", "fold", "organise",
                       "organize", "reorganise", "reorganize"})

# Verbs after which "to" names who has or gets something, not where: "the tank belonged to the
# Purity Distilling Company", "sold the land to the Crown", "wrote to Lincoln".
_TO_SOMEONE = frozenset({"belong", "give", "sell", "lend", "owe", "pay", "grant", "award", "donate", "leave",
                         "bequeath", "hand", "write", "speak", "talk", "say", "explain", "report", "reply",
                         "respond", "refer", "listen", "appeal", "apply", "object", "agree", "tell", "show",
                         "offer", "present", "propose", "suggest", "complain", "confess", "admit", "announce",
                         "pass", "transfer", "assign", "entrust", "delegate"})
# Verbs whose object goes somewhere: after an object, "to" says where only after these ("sent
# troops to Boston", "carried the news to London"); after another, it goes with the object ("the
# Monument to the Great Fire", "a letter of thanks to the mayor").
_SENDING = frozenset({"send", "bring", "take", "carry", "ship", "move", "deliver", "drive", "lead", "transport",
                      "sail", "fly", "return", "post", "dispatch", "export", "import", "row", "march", "walk",
                      "ride", "haul", "tow", "steer", "guide", "escort", "evacuate", "deport", "exile", "banish",
                      "transfer", "relocate", "divert", "redirect", "extend", "pump", "pipe", "float", "push",
                      "pull", "drag", "throw", "fire", "launch", "smuggle", "sell"})
# A firm or a body is who, not where: "the work passed to Hopkins Gilkes and Company"; a scale or
# a document is what, not where: "rated 6 on the Volcanic Explosivity Index".
_BODIES = {"Company", "Co", "Ltd", "Limited", "Inc", "Corporation", "Brothers", "Sons", "Board", "Committee",
           "Commission", "Society", "Association", "Trust", "Bank", "Firm",
           "Index", "Scale", "Report", "Act", "Review", "Journal", "Times", "List", "Register"}


@dataclass(frozen=True)
class PlaceFact:
    """A drafted 'where' question: its phrasings, the answer and the place named."""

    questions: tuple[str, ...]
    answer: str
    place: str


def place_of(clause: Clause) -> PlaceFact | None:
    """'Where did SUBJECT VERB OBJECT?' when the words after the verb name a place, else None."""
    found = _first_place(clause.after)
    if found is None:
        return None
    start, end, place = found
    first_prep = re.search(rf"\b(?:{_LOC})\b", clause.after[:start + 1])
    lead = first_prep.start() if first_prep else start
    # "reached far beyond Siberia": how far goes with where, not with what was done.
    degree = re.search(r"\b(?:far|well|just|right|deep|high|way|halfway|all the way)\s+$", clause.after[:lead])
    lead = degree.start() if degree else lead
    if re.search(r"[,;:]", clause.after[lead:end]) or len(clause.after[lead:end].split()) > MAX_PLACE_ANSWER_WORDS:
        lead = start  # "with heavy losses, and Lee withdrew to Virginia": ask only about the place
    obj = clause.after[:lead].strip()
    if re.search(r"[,;:]", obj) or len(obj.split()) > MAX_OBJECT_WORDS:  # "led to stricter rules: ... in Boston"
        return None
    answer = clause.after[lead:end] + _more_places(clause.after[end:])
    if re.match(r"to (?!(?:the|a|an|its|their|his|her|this|that)\b)[a-z]", answer):
        return None  # "expected it to continue into the Gulf", "an intrigue to weaken Britain's route": what for
    if answer.split()[0] == "into" and lemma(clause.verb) in _BECOMING:
        return None  # "his bank later grew into the Bank of America": what it became, not a place
    if clause.after[start:].split()[0] == "to" and lemma(clause.verb) in _TO_SOMEONE:
        # "the tank belonged to the Purity Distilling Company", "wrote on 18 September to Galle": whose,
        # or to whom, not where.
        return None
    if clause.after[start:].split()[0] == "to" and obj and lemma(clause.verb) not in _SENDING:
        # "designed the Monument to the Great Fire": what the thing done is to, not where it went.
        return None
    if answer.split()[0] == "from" and not obj.endswith("from"):
        obj = f"{obj} from".strip()  # "had arrived from New York": where it came from, not where it arrived
    in_what = ("From what place", obj.removesuffix("from").strip()) if obj.endswith("from") else ("In what place", obj)
    # The search-box form names the place asked for: "where the ship exploded" would read as the
    # same phrasing as "Where did the ship explode?".
    questions = (clause.ask("Where", obj), f"place where {clause.said} {obj}".strip(),
                 clause.ask(*in_what).removesuffix("?") + ", according to the text?")
    return PlaceFact(questions, answer[:1].upper() + answer[1:] + ".", place)


def where_is(sentence: str) -> PlaceFact | None:
    """'Where is Rochester?' from 'Rochester lies on the Genesee River'."""
    match = _WHERE_IS.match(sentence)
    if not match or not _is_place(match.group("place"), sentence[match.end():]):
        return None
    subject, verb = match.group("subject"), match.group("verb")
    if len(subject.split()) > MAX_OBJECT_WORDS or subject.split()[0].lower() in STOPWORDS - {"the", "a", "an"}:
        return None
    be = "are" if verb in {"are", "lie", "stand", "sit"} else "is"
    place = match.group("place")
    answer = f"{match.group('prep')} {place}" + _more_places(sentence[match.end():])
    questions = (f"Where {be} {subject}?", f"where {subject} {verb}",
                 f"In what place {be} {subject}, according to the text?")
    return PlaceFact(questions, answer[:1].upper() + answer[1:] + ".", place)


def _first_place(text: str) -> tuple[int, int, str] | None:
    """(start, end, place) of the first locative phrase in `text` that names a place."""
    for match in _AT_PLACE.finditer(text):
        if _is_place(match.group("place"), text[match.end():]) and not _names_a_subject(text, match):
            return match.start(), match.end(), match.group("place")
    return None


def _names_a_subject(text: str, match: re.Match) -> bool:
    """'the Nobel Prize in Physiology or Medicine': an everyday word, capitalised after a capitalised
    noun, is the rest of a name, not a place ('met Putin in Vladivostok' names a place)."""
    before = text[: match.start()].split()
    words = match.group("place").removeprefix("the ").split()
    if before and before[-1].strip("*_\"“") in _WORKS:
        return True  # "his Poem on the Lisbon Disaster", "Reflections on the Revolution in France": a title
    return (len(words) == 1 and bool(before) and before[-1][:1].isupper()
            and lexicon.is_real_word(words[0].lower()))


# The head of a written work's title, which a preposition and capitalised words go on: no place follows.
_WORKS = frozenset("Poem Poems Essay Essays Letter Letters Treatise Sermon Ode Hymn Song Lecture Lectures Report "
                   "Book Novel Pamphlet Discourse Inquiry Enquiry Reflections Thoughts Observations Remarks Account "
                   "Dissertation Memoir Memoirs History Notes Dialogue Dialogues".split())


def _is_place(place: str, after: str) -> bool:
    if re.match(r"(?:An?|Its|His|Her|Their) [A-Z]", place):
        return False  # "published his findings in An Inquiry into ...": a book's title, not a place
    words = place.removeprefix("the ").split()
    first = words[0].rstrip(",")
    if first in _MONTHS or first in _TITLES or (len(words) == 1 and first in _INSTITUTIONS):
        return False
    if _BODIES.intersection(w.strip(",.") for w in words) or re.match(rf" and {_CAP}", after):
        return False  # "to Hopkins Gilkes and Company": a firm's name, whichever part the pattern took
    following = after.split()[:1]
    # "on Northern soil", "Union cavalry": a capitalised word describing the noun after it.
    return not (following and following[0][:1].islower() and following[0].strip(",.;") not in STOPWORDS)


def _more_places(after: str) -> str:
    """', in the Peach Orchard and on Little Round Top' after the first place of a list of them."""
    out = ""
    if (listed := _LISTED.match(after)) and all(_is_place(name, after[listed.end():]) for name in
                                                re.split(r",? (?:and|or) |, ", listed.group("names"))[1:]):
        out, after = listed.group(), after[listed.end():]
    while (match := _MORE.match(after)) and _is_place(match.group("place"), after[match.end():]):
        out += after[: match.end()]
        after = after[match.end():]
    return out
