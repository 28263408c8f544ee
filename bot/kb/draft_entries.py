"""Draft entries: the questions a text answers, found in its sentences by their shape.

Only sentences with a recognisable shape become entries, so each question is grammatical and
each answer is a clause of the text: definitions ("By a faction, I understand ..."), lists
("There are two methods of ...: ..."), reported claims ("Critics argue that ..."),
conclusions and recommendations ("... must ...", "The inference ... is, that ..."), figures
and dates ("Americans planted some 20 million ... in 1943"), and named people ("Margaret
Lindsay, who founded ..."). A sentence with no such shape yields nothing: fewer good drafts
serve a curator better than many bad ones.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from .draft_clause import UNSURE_OWNERS, Clause, clause_of
from .draft_places import place_of, where_is
from .draft_words import (
    clip,
    decap,
    lemma,
    lower_first,
    participle_base,
    past_base,
    plain_subject,
    prefix,
    sentence_list,
    upper_first,
)
from .text import STOPWORDS

# Longer answers stop being answers; a definition may run a little longer than a fact.
MAX_ANSWER_WORDS = 24
MAX_DEFINITION_WORDS = 30
MAX_ITEM_WORDS = 20  # per item of a list
MAX_SUBJECT_WORDS = 8  # a longer "subject" is a misparse, not a noun phrase
MAX_TERM_WORDS = 4  # a defined term is a short noun phrase

_MONTH_WORDS = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten"
_ARTICLE = r"(?:a|an|the)"
_BY_I_UNDERSTAND = re.compile(rf"^By (?P<art>{_ARTICLE} )?(?P<term>[\w' -]{{2,40}}?),? I (?:understand|mean) "
                              r"(?P<rest>.+)$")
_BY_WHICH = re.compile(r"^(?P<art>A|An|The) (?P<term>[a-z][\w-]*(?: [a-z][\w-]*){0,2}), by which I mean "
                       r"(?P<rest>.+)$")
# "An earthen dam, sometimes called an embankment dam, is a barrier ...": the other name between.
_ALSO_CALLED = r"(?:, (?:sometimes |also |often |usually )?(?:called|known as) [^,]{2,40},)?"
_IS_A = re.compile(rf"^(?P<art>A|An|The) (?P<term>[a-z][\w-]*(?: [a-z][\w-]*){{0,2}}){_ALSO_CALLED} (?P<verb>is|are) "
                   rf"(?P<rest>{_ARTICLE} .+)$")
# "Strict liability is liability that does not depend on proof of fault": a term with no article, said
# to be a kind of thing the relative clause marks off.
_BARE_IS = re.compile(rf"^(?P<term>[A-Z][a-z-]+(?: [a-z][a-z-]*){{0,2}}){_ALSO_CALLED} (?P<verb>is|are) "
                      r"(?P<rest>(?:an? |the )?[a-z][a-z-]*(?: [a-z][a-z-]*)? "
                      r"(?:that|which|whose|in which|by which) .+)$")
# "... the defence that the disaster had been an act of God, meaning an event caused by natural forces ...",
# "Historians of risk call this the normalisation of a hazard: a danger that is discussed often ...".
_TERM = r"(?P<term>[a-z][\w-]*(?: [a-z][\w-]*){0,3}?)"
_MEANING = re.compile(rf"\b(?P<art>a|an|the) {_TERM}(?:, meaning|: (?={_ARTICLE} )) (?P<rest>(?:an?|the) [^;]+)$",
                      re.I)
_CALLED_THIS = re.compile(rf"\bcall(?:s|ed)? (?:this|it|that) (?P<art>a|an|the) {_TERM}: (?P<rest>{_ARTICLE} .+)$",
                          re.I)
_MEANS = re.compile(r"^(?P<term>[A-Z][a-z-]+(?: [a-z-]+){0,2}) means (?P<rest>.+)$")
_THERE_ARE = re.compile(rf"^There (?:are|were) (?:again )?(?P<n>{_NUMBER_WORDS}) (?P<np>[^:;]{{3,90}}?):"
                        r"\s*(?P<rest>.+)$", re.I)
_THE_N_ARE = re.compile(rf"^The (?P<n>{_NUMBER_WORDS}) (?P<np>[^:;]{{3,90}}?) (?:are|were):\s*(?P<rest>.+)$", re.I)
_REPORTS = re.compile(r"^(?P<subject>[A-Z][^,;:]{2,80}?) (?P<verb>argue|argues|argued|claim|claims|claimed|report|"
                      r"reports|reported|found|find|finds|show|shows|showed|conclude|concluded|concludes|"
                      r"believe|believes|believed|insist|insists|insisted) that (?P<rest>.+)$")
# (Not "belief" nor "conclusion": the matcher reads them as the verb, and the keyword form as the
# first phrasing again.)
_REPORT_NOUN = {"argue": "argument", "claim": "view", "report": "view", "find": "result", "show": "result",
                "conclude": "verdict", "believe": "view", "insist": "view"}
# A helping verb ending the subject a report verb follows ("Historians have argued that ...").
_HELPING_VERB = re.compile(r" (have|has|had|will|would|may|might|could|can|should|must)$")
_CONCLUSION = re.compile(r"\b(?:inference|conclusion|upshot|lesson)\b[^,;:]{0,60}? is,? that (?P<rest>.+)$", re.I)
_MODAL = re.compile(r"^(?P<subject>[A-Z][^,;:]{1,80}?) (?P<modal>must|should|ought to|cannot)"
                    r"(?: (?:therefore|thus|also|then|not))* (?P<rest>.+)$")
# "The most common source of factions has been ...", "The effect of the first difference is ...".
_THE_X_OF = re.compile(r"^The (?P<np>(?:most [\w ,-]+?|effect|cause|source|purpose|aim|result|goal|object|danger|"
                       r"advantage|problem|first|last) (?:[\w-]+ )?of [^,;:]+?) (?:is|was|has been|are|were) "
                       r"(?P<rest>.+)$")
# "... came during the First World War", "... began in 1943": a time phrase after the verb.
# At most a few words before the year or month: "by an article he is widely reported to have written for
# the Galveston News in 1891" says who shaped it, not when.
_TIME = re.compile(rf"^(?P<prep>in|during|by|after|before|since|until) (?P<time>(?:the )?(?:[^,;\s]+\s){{0,5}}?"
                   rf"(?:\b1[5-9]\d\d\b|\b20\d\d\b|\bWar\b|{_MONTH_WORDS}|\bcentury\b))"
                   r"(?=[,;.]|$|\s(?:and|but|when|while|after|before|with|by|at|on|for|from|as|under)\s)")
_PASSIVE = re.compile(r"^be (?P<participle>\w+ed|\w+en|made|held|kept|built|paid|sold|taught|thought|found|given)\b")
_PLURAL = r"(?:[a-z]+s|men|women|people|children)"
# Number words as written out: "three", "twelve", "forty-one", "a hundred".
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SPELT = (rf"(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|{_NUMBER_WORDS}|eleven|twelve|"
          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred")
_ONE_FIGURE = rf"(?:\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?|{_SPELT})"
# "10 to 15 megatons", "five or six keepers", "50-60 metres": the range is the figure, never its last number.
_COUNT = re.compile(rf"\b(?P<figure>(?:{_ONE_FIGURE}(?: to | or |\s?[-–]\s?))?{_ONE_FIGURE}) [\"“]?"
                    rf"(?P<noun>(?:[a-z]+ )?{_PLURAL})\b")
# "Its tower is twenty-nine metres tall": how tall, long, deep ... something is.
_UNITS = r"metres|meters|feet|foot|miles|kilometres|kilometers|km|yards|inches|tons|tonnes|kilograms|kg|years"
_MEASURE = re.compile(rf"^(?P<subject>[A-Z][^,;:]{{1,60}}?) (?P<be>is|was|are|were) (?:each |about |some |nearly |"
                      rf"almost |over |just )*(?P<figure>\d[\d,.]*|{_SPELT}) (?P<unit>{_UNITS}) "
                      r"(?P<adj>tall|high|long|wide|deep|thick|heavy|old|across)\b")
# "The official death toll was 36,417 people", "... and the cost was US$2 million": a figure that
# is what its subject amounts to, said with a copula, which has no verb to ask with.
_COPULA_FIGURE = re.compile(
    r"(?:^|, and |; )(?P<subject>(?:[Tt]he|[Ii]ts|[Tt]heir) (?:[a-z’'-]+ ){0,4}?[a-z’'-]+) "
    r"(?P<be>was|were|is|are) (?P<hedge>(?:about|around|roughly|nearly|almost|over|more than|some|at least) )?"
    rf"(?P<figure>(?:US)?[$£€]?\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?|{_SPELT})(?![\d,.]\d)"
    r"(?P<unit>%| (?:per ?cent|percent|[a-z]+(?: [a-z]+)?))??(?=[,.;]|$| (?:in|by|at|on|during|after|before) )")
# "On Skerrow there were always three keepers": how many there were, and where.
_THERE_WERE = re.compile(rf"^(?P<where>(?:On|In|At) [^,]{{2,40}}?,? )?there (?P<be>was|were|are|is) "
                         rf"(?:always |only |just |about |some |nearly |usually )?(?P<figure>\d[\d,.]*|{_SPELT}) "
                         rf"(?P<noun>(?:[a-z]+ )?{_PLURAL})\b")
# Words ending in -s that are no plural noun: "363 miles across the state" counts miles.
_NOT_PLURAL = {"across", "always", "perhaps", "towards", "thus", "less", "afterwards", "besides", "unless"}
_PERCENT = re.compile(r"\b\d[\d.]*\s?(?:%|per ?cent|percent)")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_HEDGE = re.compile(r"\b(?:some|about|around|nearly|almost|roughly|close to|over|more than|fewer than|just|"
                    r"as (?:much|many|little|few) as|up to|only)\b")
# What a clause may end with before its figure and mean nothing alone: "climbed its (three peaks)".
_DANGLING = re.compile(r"\s*\b(?:its|their|his|her|the|a|an|of|some)$")
_YEAR_PREPOSITIONS = {"in", "before", "after", "by", "until", "since"}
_CLAUSE_END = re.compile(r"[,;:]\s+(?:and\s+|but\s+)?")
_LEADING = re.compile(r"^(?:In|By|During|On|At|After|Before|Across|Within|Throughout|Over|Under|Through|From|"
                      r"Along|Around|Near|Beyond) (?:[^,]|,(?=\d))+, "  # "Across some 2,150 square kilometres, "
                      # not a clause of its own: "By the 1950s smallpox had been eliminated from Europe, yet it ..."
                      r"(?!(?:yet|but|and|so|or|while|whereas|though|although)\b)")
# A name's words: "Lindsay", "DeWitt", "McPherson", "O'Brien"; a middle initial ("John F. Reynolds").
_NAME_WORD = r"[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž’'-]*[A-ZÀ-Þ]?[a-zß-ÿā-ž’'-]+"  # "Le Père", "Ōkubo"
_NAMED_WHO = re.compile(rf"(?P<name>(?:{_NAME_WORD} ){{1,3}}(?:[A-Z]\. )?{_NAME_WORD}), who (?P<rest>[^,;]+)")
_NOT_NAME_START = {"The", "A", "An", "In", "By", "On", "At", "After", "Before", "When", "Then", "Today", "But",
                   "And", "Later"}
# Titles kept in the answer but not needed in a question: "Who was George Pickett?".
_PERSON_TITLES = {"General", "Colonel", "Captain", "Major", "Lieutenant", "Admiral", "President", "Governor",
                  "Senator", "Judge", "King", "Queen", "Sir", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms", "Professor"}
# After "must be <participle>", these take an object a question can ask for: "connected with what?".
_OBJECT_PREPOSITIONS = {"with", "to", "into", "from", "on", "upon", "for", "against", "as", "among", "between"}
_DETERMINERS = {"the", "a", "an", "their", "his", "her", "its", "this", "that", "these", "those", "each", "every",
                "all", "our", "your", "my", "some", "any", "one"}
_BY_PERCENT = re.compile(r"^by (?P<figure>\d[\d.]*\s?(?:%|per ?cent|percent))")
MAX_SHARE_WORDS = 16  # what the share of a group did or thought, in words
# A share as what the sentence is about: "According to a poll from 2016, 78% of Russians were
# against handing over the islands", "Some 40% of the city's homes were destroyed".
_SHARE_OF = re.compile(r"(?:^|, |\bthat )"
                       r"(?:(?:[Ss]ome|[Aa]bout|[Aa]round|[Nn]early|[Aa]lmost|[Oo]ver|[Oo]nly|[Jj]ust) )?"
                       r"(?P<share>\d[\d.]*\s?(?:%|per ?cent|percent)) of (?P<group>(?:the |its |their )?"
                       r"[\w’'-]+(?: [\w’'-]+){0,3}?) (?P<verb>were|was|are|is|had|have|has|said|say|supported|"
                       r"support|opposed|oppose|believed|believe|thought|think|wanted|want|agreed|agree|favou?red|"
                       r"died|lived|voted|owned)\b(?P<rest>[^.;:,]*)")


@dataclass(frozen=True)
class DraftEntry:
    """One drafted entry: its kind, phrasings, short answer and the verbatim quote it rests on."""

    kind: str  # definition | list | claim | figure | date | place | person
    passage: int
    questions: tuple[str, ...]
    answer: str
    quote: str
    accept: tuple[str, ...] = ()
    clipped: bool = False  # the answer stops before its sentence does: check it first


@dataclass(frozen=True)
class _Context:
    """What a sentence is read with: the subject before it ("It carried ...") and the text's common nouns."""

    previous_subject: str | None
    names: frozenset[str]

    def lower(self, phrase: str) -> str:
        return lower_first(phrase, self.names)


def entries_from(passage: int, text: str, *, limit: int, names: frozenset[str]) -> list[DraftEntry]:
    """At most `limit` entries from one passage, in the order its sentences come; the dates found
    inside sentences drafted for something else only where there is room after the rest."""
    out: list[DraftEntry] = []
    dates: list[DraftEntry] = []
    ctx = _Context(None, names)
    for sentence in sentence_list(text):
        entry = _entry(passage, sentence, ctx)
        # The date inside a sentence drafted for something else: "It was launched from the Kennedy
        # Space Center on 11 April 1970" is where and when.
        dated = _dated(passage, sentence, ctx) if entry is None or entry.kind != "date" else None
        if ctx.previous_subject and (owner := _POSSESSIVE_OPENING.match(sentence)):
            # "Her message of 98 words took about sixteen hours": whose, the sentence before says.
            whose = ctx.lower(ctx.previous_subject)
            whose += "'" if whose.endswith("s") else "'s"
            pronoun = re.compile(rf"\b{owner.group(1)}\b", re.I)
            entry, dated = (e and replace(e, questions=tuple(pronoun.sub(whose, q, count=1) for q in e.questions))
                            for e in (entry, dated))
        # "It" in the next sentence stands for this one's subject, or, where this one's is itself a
        # pronoun, for the one before. A sentence whose subject cannot be read ("In the same year, the
        # chemist Dorothy Hodgkin worked out ...") ends the chain: its "It" is no older subject.
        subject = plain_subject(sentence)
        carried = ctx.previous_subject if _opens_with_pronoun(sentence) else None
        ctx = _Context(subject or carried, names)
        for kept, found in ((out, entry), (dates, dated)):
            if found is not None and _reads_whole(found) and all(e.questions[0] != found.questions[0]
                                                                  for e in (*out, *dates)):
                kept.append(found)
        if len(out) >= limit:
            break
    return [*out, *dates][:limit]


# A question or answer cut off mid-clause: "... raised and?", "The board recommended two projects that.",
# "... at a height of perhaps?"
_CUT_OFF = re.compile(r"\b(?:and|or|but|that|which|who|the|a|an|its|their|"
                      r"perhaps|about|nearly|roughly|almost|around|approximately)\W*$", re.I)


def _reads_whole(entry: DraftEntry) -> bool:
    """Neither the question nor the answer stops mid-clause, and the question asks with one verb:
    "How many years did construction begin in 1882 and took?" runs two clauses together."""
    question = entry.questions[0]
    two_verbs = re.search(r"\b(?:did|does|do)\b.*\band (\w+)\b", question)
    if two_verbs and past_base(two_verbs.group(1)):
        return False
    # "How many men did the canisters that clean the air could not cope with?": a clause's own verb kept.
    if re.search(r"\b(?:did|does|do)\b.*\b(?:could|would|can|should|must|might|will|cannot)\b", question):
        return False
    # "How many megatons did the energy release is usually estimated at?": a subject's own verb read as the clause's.
    if re.search(r"\b(?:did|does|do)\b(?:(?! (?:that|which|who) ).)*? (?:is|are|was|were)\b", question):
        return False
    if re.search(r"\b(\w+) \1\b", question, re.I):  # "... 200 million francs in in 1858?"
        return False
    return not _CUT_OFF.search(question.rstrip("?")) and not _CUT_OFF.search(entry.answer.rstrip(".…"))


_POSSESSIVE_OPENING = re.compile(r"^(His|Her|Its|Their)\s")


def _opens_with_pronoun(sentence: str) -> bool:
    first = sentence.split()[0].lower().strip(",") if sentence.split() else ""
    return first in {"it", "they", "this", "its", "their", "he", "she", "his", "her"}


def _entry(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    if sentence.rstrip().endswith("?"):
        return None  # the text's own question ("What should a modern reader take from all this?") states nothing
    for make in (_definition, _named_thing, _listing, _the_x_of, _reported, _conclusion, _measure, _there_were,
                 _counted_subject, _counted_acting, _duration, _figure, _which_figure, _done_by, _made_by, _called,
                 _led_by, _when,
                 _place, _modal, _person, _role_named, _role_is, _which_sum, _fronted_date):
        entry = make(passage, sentence, ctx)
        if entry is not None:
            return entry
    aside = _ASIDE.match(sentence)
    if aside is not None:
        # "Whitehouse, trying to improve the faint signals, applied about 2,000 volts to the cable":
        # read without the aside, and quoted whole.
        entry = _entry(passage, f"{aside.group('subject')} {aside.group('rest')}", ctx)
        if entry is not None and entry.quote not in sentence:
            entry = replace(entry, quote=sentence)
        return entry
    return None


# A subject, then an aside between commas that says how or while, then what it did.
_ASIDE = re.compile(r"^(?P<subject>[A-Z][^,;:]{1,40}?), (?:\w+ing|already|still|then|by then|now)\b[^,;:]{0,60}?, "
                    r"(?P<rest>[a-z].+)$")


# -- definitions and lists ----------------------------------------------------------------------

_OPENING = (_BY_I_UNDERSTAND, _BY_WHICH, _IS_A, _MEANS, _BARE_IS)  # the others are found inside a sentence


def _definition(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    for pattern in (_BY_I_UNDERSTAND, _BY_WHICH, _IS_A, _MEANS, _BARE_IS, _CALLED_THIS, _MEANING):
        plain = decap(sentence)
        match = pattern.match(plain) if pattern in _OPENING else pattern.search(plain)
        if match and _is_term(match.group("term")) and not _spoken_of_before(match) and not _identity(match) \
                and not (pattern is _BARE_IS and match.group("term").split()[0] in ctx.names):  # "Cline is ..."
            break
    else:
        return None
    term = match.group("term").strip()
    term = ctx.lower(term)
    article = (match.groupdict().get("art") or "").strip().lower()
    named = f"{article} {term}".strip()
    plural = match.groupdict().get("verb") == "are"
    body, clipped = _definiens(match.group("rest"), pattern is _BY_WHICH)
    body = lower_first(body)
    verb = "are" if plural else "is"
    # "An act of God, meaning an event ..." means; "call this X: a danger that ..." is said as the text puts it.
    said = "means" if pattern is _MEANS or (pattern is _MEANING and ", meaning" in match.group()) else verb
    answer = f"{upper_first(named)}: {body}" if ": " in match.group()[: match.start("rest")] \
        else f"{upper_first(named)} {said} {body}"
    questions = (f"What {verb} {named}?", f"{term} definition", f"How does the text define {named}?",
                 f"What does the author mean by {named}?")
    # Found inside a sentence, the quote starts at the term: the definition comes after it.
    quoted = sentence if pattern in _OPENING else sentence[match.start():]
    return DraftEntry("definition", passage, questions, answer, _quote(quoted, MAX_DEFINITION_WORDS), clipped=clipped)


def _spoken_of_before(match: re.Match) -> bool:
    """"The map is ...", "The neglect is ...", "The third is ...": one word after "the" is what the
    text spoke of just before, not a term it defines ("The lunar distance method is ...")."""
    return (match.groupdict().get("art") or "").lower() == "the" and len(match.group("term").split()) == 1


def _identity(match: re.Match) -> bool:
    """"The missing crater is the key to the mystery": one thing the text spoke of said to be
    another, not a term defined ("A miasma was a poisonous vapour")."""
    return ((match.groupdict().get("art") or "").lower() == "the"
            and re.match(r"(?:the|its|their|what|one|why|how)\b", match.groupdict().get("rest") or "") is not None)


def _is_term(term: str) -> bool:
    parts = term.lower().split()
    return 0 < len(parts) <= MAX_TERM_WORDS and parts[0] not in STOPWORDS and parts[-1] not in STOPWORDS


def _definiens(rest: str, embedded: bool) -> tuple[str, bool]:
    """The defining words; in "A republic, by which I mean ..., opens ...", only up to the main verb."""
    if embedded:
        rest = _before_main_verb(rest)
    return clip(decap(rest), MAX_DEFINITION_WORDS)


def _before_main_verb(rest: str) -> str:
    kept: list[str] = []
    for part in re.split(r",\s+", rest):
        first = part.split()[0] if part.split() else ""
        if kept and (first in {"can", "could", "may", "must", "will", "would", "is", "are", "has", "have"}
                     or (first.endswith("s") and first not in STOPWORDS and first.islower() and len(first) > 3
                         and not first.endswith("ss"))):
            break
        kept.append(part)
    return ", ".join(kept)


def _listing(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _THERE_ARE.match(decap(sentence)) or _THE_N_ARE.match(decap(sentence))
    if not match:
        return None
    n, np = match.group("n").lower(), match.group("np").strip()
    items = [item.strip() for item in match.group("rest").rstrip(".").split(";") if item.strip()]
    kept = [prefix(item, MAX_ITEM_WORDS) for item in items]
    cut = [len(k.split()) < len(i.split()) for k, i in zip(kept, items, strict=True)]
    answer = "; ".join(k + ("\u2026" if c else "") for k, c in zip(kept, cut, strict=True)) + "."
    questions = (f"What are the {n} {np}?", f"list of {n} {np}", f"Which {n} {np} does the text name?")
    return DraftEntry("list", passage, questions, upper_first(answer), _quote(sentence, MAX_ANSWER_WORDS),
                      clipped=any(cut))


def _the_x_of(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _THE_X_OF.match(decap(sentence))
    if not match:
        return None
    np = match.group("np")
    answer, clipped = clip(match.group("rest"), MAX_ANSWER_WORDS)
    questions = (f"What is the {np}?", f"the text on the {np}", f"What does the author say is the {np}?")
    return DraftEntry("claim", passage, questions, answer, _quote(sentence, MAX_ANSWER_WORDS), clipped=clipped)


# -- claims -------------------------------------------------------------------------------------

_DATED_SUBJECT = re.compile(r"(in|by|during) ((?:[a-z]+ )?(?:1[5-9]|20)\d\d),? ", re.I)


def _reported(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _REPORTS.match(decap(sentence))
    if not match or not _is_subject(match.group("subject")):
        return None
    subject, verb = ctx.lower(match.group("subject")), match.group("verb")
    if subject.split()[0].lower() in {"nobody", "no", "none", "few", "neither"}:
        return None  # "Nobody believed that Anjer was in any danger": what they did not believe
    when = ""
    if dated := _DATED_SUBJECT.match(subject):  # "in 2007 a team of Italian scientists argued": in 2007
        subject, when = subject[dated.end():], f" {dated.group(1).lower()} {dated.group(2)}"
        if not _is_subject(subject):
            return None
    owner, _, owned = subject.partition(" ")
    if owner.lower() in UNSURE_OWNERS and owned:  # "his defenders": whose, the sentence alone does not say
        subject = f"the {owned}"
    if subject.endswith(" and"):  # "Fleming grew the mould in broth and found that ...": what Fleming found
        subject = plain_subject(upper_first(subject))
        if not subject:
            return None
        subject = ctx.lower(subject)
    said = f"{subject} {verb}"
    if helping := _HELPING_VERB.search(subject):  # "Historians have argued": "What have historians argued?"
        subject = subject[: helping.start()]
        first = f"What {helping.group(1)} {subject} {verb}{when}?"
    else:
        aux = "did" if verb.endswith("ed") or verb in {"found", "showed"} else ("does" if verb.endswith("s") else "do")
        first = f"What {aux} {subject} {lemma(verb)}{when}?"
    answer, clipped = clip(_one_clause(match.group("rest")), MAX_ANSWER_WORDS)
    # The search-box form names what is reported: "what critics argue" reads as "What do critics argue?".
    questions = (first, f"What does the text say {said}?", f"{_keywords(subject)} {_REPORT_NOUN[lemma(verb)]}")
    return DraftEntry("claim", passage, questions, upper_first(answer), _quote(sentence, MAX_ANSWER_WORDS),
                      clipped=clipped)


def _conclusion(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _CONCLUSION.search(decap(sentence))
    if not match:
        return None
    rest = match.group("rest")
    topic = plain_subject(upper_first(rest))
    if not topic:
        return None
    topic = ctx.lower(topic)
    answer, clipped = clip(_one_clause(rest), MAX_ANSWER_WORDS)
    questions = (f"What does the author conclude about {topic}?", f"{_keywords(topic)} conclusion",
                 f"What is the text's inference about {topic}?")
    return DraftEntry("claim", passage, questions, upper_first(answer), _quote(sentence, MAX_ANSWER_WORDS),
                      clipped=clipped)


def _modal(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _MODAL.match(decap(sentence))
    if not match or not _is_subject(match.group("subject")):
        return None
    subject, modal, rest = ctx.lower(match.group("subject")), match.group("modal"), match.group("rest")
    if re.match(r"^\w+ (?:it|them|this|that|so)\b", rest):
        return None  # "cannot provide it": the answer needs the sentence before
    passive = _PASSIVE.match(rest)
    asked = modal.replace("cannot", "can").replace("ought to", "should")
    completion = _passive_completion(rest[passive.end():]) if passive else None
    if passive and completion:  # "must be made to counteract ...", "must be connected with ..."
        done = f"be {passive.group('participle')} {completion}"
        first = f"What {asked} {subject} {done}?"
    elif passive:
        first = f"How {asked} {subject} be {passive.group('participle')}, according to the text?"
    elif modal == "cannot":
        first = f"What can {subject} not do, according to the text?"
    else:
        first = f"What {asked} {subject} do, according to the text?"
    said = rest[passive.end():] if passive else rest
    if modal == "cannot":  # "Provide it, because ..." answers nothing; keep who cannot
        said = f"{match.group('subject')} cannot {rest}"
    answer, clipped = clip(said.strip(" ,") or rest, MAX_ANSWER_WORDS)
    if passive and completion:
        others = (f"what {subject} {modal} {done}", f"What does the author say {subject} {modal} {done}?")
    elif passive:
        others = (f"how {subject} {asked} be {passive.group('participle')}",
                  f"What does the author recommend about {subject}?")
    else:
        others = (f"what {subject} {modal} do", f"What does the author say {subject} {modal} do?")
    questions = (first, *others)
    return DraftEntry("claim", passage, questions, upper_first(answer), _quote(sentence, MAX_ANSWER_WORDS),
                      clipped=clipped)


def _passive_completion(after: str) -> str | None:
    """What a question ends with when the participle needs it: 'to do' ('made to counteract ...'),
    or its preposition ('connected with ...'); None when 'How must X be done?' reads right."""
    words = after.split()
    if len(words) < 2:
        return None
    if words[0] == "to" and words[1].islower() and words[1] not in _DETERMINERS:
        return "to do"
    return words[0] if words[0] in _OBJECT_PREPOSITIONS else None


def _one_clause(text: str) -> str:
    """'A, and that B' reads as 'A; B' once the opening that-clause is an answer of its own."""
    return re.sub(r",? and that ", "; ", text)


def _is_subject(subject: str) -> bool:
    parts = subject.lower().split()
    pronouns = {"it", "they", "we", "you", "he", "she", "this", "that", "these", "those", "i", "there", "such",
                "here", "what", "which", "who", "whether", "how", "why", "when", "where",
                "if"}  # "Here the strongest objection ... must be faced", "Whether the stocks should be ..."
    # "My own view is that the Suez Canal should ...": a clause of its own, not a subject.
    verb = {"is", "was", "are", "were"}.intersection(parts)
    return 0 < len(parts) <= MAX_SUBJECT_WORDS and parts[0] not in pronouns and not verb


# -- figures, dates and people ------------------------------------------------------------------

def _measure(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"Its tower is twenty-nine metres tall" -> "How tall is the tower?"."""
    match = _MEASURE.match(decap(sentence))
    if not match:
        return None
    subject = re.sub(r"^(?:Its|Their|His|Her)\b", "The", match.group("subject"))
    if subject.lower() in {"it", "they"} and ctx.previous_subject:
        # "The cable itself was a strand of seven copper wires ... It was about 2,500 miles long".
        subject = re.sub(r" (?:itself|themselves)$", "", ctx.previous_subject)
    if subject.split()[0].lower() in {"it", "they", "this", "that", "there", "he", "she"}:
        return None
    subject, adj = ctx.lower(subject), match.group("adj")
    figure = f"{match.group('figure')} {match.group('unit')}"
    adjective = "wide" if adj == "across" else adj
    questions = (f"How {adjective} {match.group('be')} {subject}?", f"{_keywords(subject)} {adjective}",
                 f"What does the text give as the {_SIZE.get(adjective, adjective)} of {subject}?")
    return DraftEntry("figure", passage, questions, upper_first(f"{figure} {adj}."), _quote(sentence, MAX_ANSWER_WORDS),
                      accept=(figure,))


_AS_ADJ_AS = re.compile(r"(?:about |nearly |almost )?as (\w+) as")
_SIZE = {"tall": "height", "high": "height", "long": "length", "wide": "width", "deep": "depth",
         "thick": "thickness", "heavy": "weight", "old": "age"}


def _there_were(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"On Skerrow there were always three keepers" -> "How many keepers were there on Skerrow?"."""
    match = _THERE_WERE.match(decap(sentence))
    if not match:
        return None
    noun, be = _counted(match.group("noun")), match.group("be")
    be = "were" if be == "was" else ("are" if be == "is" else be)
    where = (match.group("where") or "").strip(" ,")
    place = f" {where[0].lower()}{where[1:]}" if where else ""
    counted = re.split(r"[,;:]\s", sentence[match.start("figure"):])[0].rstrip(".")
    questions = (f"How many {noun} {be} there{place}?", f"number of {noun}{place}",
                 f"How many {noun} does the text say {be} there{place}?")
    return DraftEntry("figure", passage, questions, upper_first(f"{counted}."), _quote(sentence, MAX_ANSWER_WORDS),
                      accept=(match.group("figure"),))


def _figure(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    shared = _share(passage, sentence) or _copula_figure(passage, sentence, ctx)
    if shared is not None:
        return shared
    plain = decap(sentence)
    counts = [c for c in _COUNT.finditer(plain) if not _YEAR.fullmatch(c.group("figure"))
              and not _CLOCK_AFTER.match(plain, c.end())  # "at seven minutes past four" is a time of day
              # "bought Egypt's 176,602 shares" (whose), "showed the two seas to be level" (what of them)
              and not re.search(r"['\u2019]s\s+$", plain[: c.start()]) and not _SAID_TO_BE.match(plain, c.end())]
    if not counts:
        return _change(passage, plain, sentence, ctx)
    # "The two armies lost more than 50,000 men": the figure asked about is the one after the verb.
    found = next(((c, cl) for c in counts if (cl := _clause(_LEADING.sub("", plain[: c.start()]), ctx))
                  and not re.search(r"[,;:]", cl.after) and not _OF_A_NOUN.search(cl.after)
                  and not re.search(r"\b\d", _YEAR.sub("", cl.after))), None)  # nor after another figure
    if found is None:
        return None
    count, clause = found
    noun, subject = _counted(count.group("noun")), clause.subject
    counted = re.split(r"[,;:]\s", plain[count.start():])[0].rstrip(".")
    # Only a year in the figure's own clause dates it: "built by 9,000 laborers, ... after 1815" is undated.
    leading = plain[: count.start()] + counted
    year = _YEAR.search(leading)
    # "Before 1883 ... three peaks": before it, not in it.
    prep = re.search(r"(\w+)\W+$", leading[: year.start()]) if year else None
    prep = prep.group(1).lower() if prep and prep.group(1).lower() in _YEAR_PREPOSITIONS else "in"
    when = f" {prep} {year.group()}" if year and year.group() not in subject else ""
    tail = _DANGLING.sub("", _HEDGE.sub("", clause.after).strip())
    dated = when if year and year.group() not in counted else ""
    answer, clipped = clip(" ".join(f"{clause.said} {clause.after} {counted}{dated}".split()), MAX_ANSWER_WORDS)
    if clause.passive and tail == "by":  # "was built by some 9,000 laborers": the count did it
        first = f"How many {noun} {clause.verb} {subject}{when}?"
    elif (compared := _AS_ADJ_AS.fullmatch(tail)) and compared.group(1) in _SIZE:
        first = clause.ask(f"How {compared.group(1)}", when.strip())  # "rose as high as 18 metres": how high
    else:
        # "joined the crew only three days before launch": how many days before launch.
        related = _RELATIVE_TO.match(plain, count.end())
        asked = f"How many {noun}{' ' + related.group(1) if related else ''}"
        first = clause.ask(asked, ((tail if tail not in {"by", "that"} else "") + when).strip())
    # "number of months Barton stayed", not "number of months Barton"
    questions = (first, f"number of {noun} {_keywords(subject)} {clause.verb}{when}",
                 f"How many {noun} does the text give for {subject}{when}?")
    return DraftEntry("figure", passage, questions, answer, _quote_holding(sentence, count.start(), count.end()),
                      accept=(count.group("figure"),), clipped=clipped)


_SAID_TO_BE = re.compile(r"\s+to be\b")
# What a figure is measured from or against, asked with it: "three days before launch", "254
# kilometres above the lunar far side".
_RELATIVE_TO = re.compile(r"\s+((?:before|after|above|below|beneath|from|into|earlier than|later than) "
                          r"(?:the )?[a-z]+(?: [a-z]+){0,3}?)(?=[,;.]|$| (?:and|but|which|when|while|as|to)\b)")
# "founded in December 1858 with a capital of 200 million francs": the figure is the capital's, not
# what the verb did ("How many francs was the company founded with a capital?").
_OF_A_NOUN = re.compile(r"\b[a-z]+ of(?:\s+(?:perhaps|about|some|nearly|roughly|around|almost|over|more than))?\s*$")
# "Seven minutes past four", "ten minutes to midnight": a time of day, not a count of minutes.
_CLOCK_AFTER = re.compile(rf"\s+(?:past|to|before|after)\s+(?:{_SPELT}|\d{{1,2}}|noon|midnight)\b", re.I)


# A count that opens its sentence: "More than 165", "At least 57", "Some 9,000".
_COUNT_OPENS = (r"^(?P<hedge>(?:(?:more|fewer|less) than|about|some|nearly|over|almost|roughly|at least|up to) )?"
                rf"(?P<figure>\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?|{_SPELT}) ")
# "More than 165 villages and towns were destroyed": the count is the subject of a passive verb.
_COUNTED_SUBJECT = re.compile(_COUNT_OPENS + rf"(?P<noun>(?:[a-z]+ )?{_PLURAL}(?: and {_PLURAL})?) "
                              r"(?P<be>were|was|had been|have been) (?P<verb>[a-z]+)(?P<rest>[^,;:]*)", re.I)


def _counted_subject(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"More than 165 villages and towns were destroyed." -> "How many villages and towns were destroyed?";
    so too after where or when: "Across an area of ..., some 80 million trees had been knocked flat",
    "When the counting was done, 2,209 people were dead" ("How many people died?"); and a share of a
    group: "Of the dead, 777 were never identified" ("How many of the dead were never identified?")."""
    if (share := _OF_THE_GROUP.match(sentence)) and participle_base(share.group("verb")):
        rest = re.split(r"[,;:]\s|\s(?:and|but)\s", share.group("rest"))[0].strip().rstrip(".")
        said = " ".join(w for w in (share.group("be"), (share.group("adverb") or "").strip(), share.group("verb"),
                                    rest) if w)
        group = share.group("group")
        questions = (f"How many of {group} {said}?", f"number of {group} {share.group('verb')}",
                     f"How many of {group} does the text say {said}?")
        return DraftEntry("figure", passage, questions, upper_first(f"{share.group('figure')}."),
                          _quote_holding(sentence, share.start("figure"), share.end("verb")),
                          accept=(share.group("figure"),))
    lead = _LEADING.match(sentence) or _WHEN_LEADING.match(sentence)
    match = _COUNTED_SUBJECT.match(sentence[lead.end():] if lead else sentence)
    if match and match.group("verb") == "dead" and match.group("be") in {"were", "was"}:
        noun = match.group("noun")  # "2,209 people were dead": how many died
        figure = f"{match.group('hedge') or ''}{match.group('figure')}"
        at = lead.end() if lead else 0
        return DraftEntry("figure", passage, (f"How many {noun} died?", f"number of {noun} dead",
                                              f"How many {noun} does the text say died?"),
                          upper_first(f"{figure}."),
                          _quote_holding(sentence, at + match.start("figure"), at + match.end("verb")),
                          accept=(match.group("figure"),))
    if not match or not participle_base(match.group("verb")):
        return None
    noun, be = match.group("noun"), match.group("be")
    be = "were" if be == "was" else be
    # What was done to them, up to another count: "were killed (and about 9,000 injured)".
    rest = re.split(r"\s(?:and|but)\s|\d", match.group("rest"))[0].strip().rstrip(".")
    said = f"{be} {match.group('verb')}{' ' + rest if rest else ''}"
    figure = f"{match.group('hedge') or ''}{match.group('figure')}"
    questions = (f"How many {noun} {said}?", f"number of {noun} {match.group('verb')}",
                 f"How many {noun} does the text say {said}?")
    at = lead.end() if lead else 0
    return DraftEntry("figure", passage, questions, upper_first(f"{figure}.".strip()),
                      _quote_holding(sentence, at + match.start("figure"), at + match.end("noun")),
                      accept=(match.group("figure"),))


# "Of the dead, 777 were never identified": how many of a group the text spoke of.
_OF_THE_GROUP = re.compile(rf"^Of (?P<group>the [a-z]+(?: [a-z]+)?), (?P<figure>\d(?:[\d,.]*\d)?|{_SPELT}) "
                           r"(?P<be>were|was|had been|have been) (?P<adverb>(?:never|not|later|eventually) )?"
                           r"(?P<verb>[a-z]+)(?P<rest>[^;:]*)", re.I)
# "When the counting was done, ": a time said as what happened then, before the clause.
_WHEN_LEADING = re.compile(r"^When [^,]{3,60}, ")


def _counted(noun: str) -> str:
    first, _, last = noun.rpartition(" ")
    return first if first and (last in STOPWORDS or last in _NOT_PLURAL) else noun


def _share(passage: int, sentence: str) -> DraftEntry | None:
    """"78% of Russians were against handing over the islands" -> "What share of Russians were against ...?"."""
    match = _SHARE_OF.search(decap(sentence))
    if match is None:
        return None
    share, group, verb = match.group("share"), match.group("group"), match.group("verb")
    rest = " ".join(match.group("rest").split()).rstrip(",")
    if len(rest.split()) > MAX_SHARE_WORDS:  # a long clause is no longer one question
        return None
    year = _YEAR.search(sentence)
    when = f" in {year.group()}" if year and year.group() not in rest else ""
    asked = f"{group} {verb} {rest}".strip()
    questions = (f"What share of {asked}{when}?", f"share of {_keywords(f'{group} {rest}')}{when}",
                 f"What percentage of {asked}, according to the text?")
    return DraftEntry("figure", passage, questions, f"{share}{when}.", _quote(sentence, MAX_ANSWER_WORDS),
                      accept=(share,))


def _copula_figure(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"... and the official death toll was 36,417 people" -> "What was the official death toll?"."""
    match = _COPULA_FIGURE.search(decap(sentence))
    if match is None or _YEAR.fullmatch(match.group("figure")):
        return None
    subject, be = ctx.lower(match.group("subject")), match.group("be")
    if subject.split()[0].lower() in UNSURE_OWNERS | {"its"}:  # whose is not always the subject before
        subject = " ".join(["the", *subject.split()[1:]])
    said = f"{match.group('hedge') or ''}{match.group('figure')}{match.group('unit') or ''}"
    year = _YEAR.search(sentence)
    when = f" in {year.group()}" if year else ""
    questions = (f"What {be} {subject}{when}?", f"{_keywords(subject)}{when}",
                 f"How large {be} {subject}{when}, according to the text?")
    return DraftEntry("figure", passage, questions, f"{upper_first(said)}{when}.",
                      _quote_holding(sentence, match.start("figure"), match.end("figure")),
                      accept=(match.group("figure") + ("%" if match.group("unit") == "%" else ""),))


def _change(passage: int, plain: str, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"Traffic fell by 62% in 2020" -> "By how much did traffic fall in 2020?"."""
    clause = _clause(_LEADING.sub("", plain), ctx)
    match = _BY_PERCENT.match(clause.after) if clause else None
    if clause is None or match is None:
        return None
    year = _YEAR.search(plain)
    when = f" in {year.group()}" if year else ""
    figure = match.group("figure")
    questions = (clause.ask("By how much", when.strip()), f"{_keywords(clause.subject)} change{when}",
                 clause.ask("How far", when.strip()).removesuffix("?") + ", according to the text?")
    return DraftEntry("figure", passage, questions, f"By {figure}{when}.", _quote(sentence, MAX_ANSWER_WORDS),
                      accept=(figure,))


def _when(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    plain = decap(sentence)
    clause = _clause(_LEADING.sub("", plain), ctx)
    if clause is not None and not clause.passive and _DATED_BY.match(clause.after):
        # "A reanalysis published in 2016 by a team ... sharpened the debate": what was done to it, and when.
        clause = replace(clause, aux="was")
    match = _TIME.match(clause.after) if clause else None
    if clause is None or not match or re.match(r"\d[\d.,]*\s?(?:%|per)", match.group("time")):
        return None
    time = match.group("time")
    which = "In which year" if re.fullmatch(r"\d{4}", time) else "In what period"  # "In 2016": not a period
    questions = (clause.ask("When"), f"{_keywords(clause.subject)} date", clause.ask(which))
    answer = f"{upper_first(match.group('prep'))} {time}."
    return DraftEntry("date", passage, questions, answer, _quote(sentence, MAX_ANSWER_WORDS), accept=(time,))


# A day and month (and year), or a year, said after where or how something was done: "splashed down
# in the Pacific Ocean ... on 17 April 1970", "on the evening of 13 April".
_DATE_INSIDE = re.compile(rf"\b(?P<prep>on|in) (?:the (?:morning|afternoon|evening|night) of )?"
                          rf"(?P<time>[0-3]?\d {_MONTH_WORDS}(?: (?:1[5-9]\d\d|20\d\d)\b)?"
                          rf"|{_MONTH_WORDS} [0-3]?\d\b(?:, (?:1[5-9]\d\d|20\d\d)\b)?"
                          rf"|{_MONTH_WORDS} (?:1[5-9]\d\d|20\d\d)\b"
                          r"|\b(?:1[5-9]\d\d|20\d\d)\b)(?![\d%]|s\b| per\b)")  # not "the 1970s"
_A_COUNT = re.compile(r"(?:(?:only|some|about|over|nearly|almost|more than|fewer than) )?\d")
# Where, how or with what, after what was done: not asked ("reached Sunderland in October 1831").
_ADJUNCT_OPENERS = {"in", "on", "at", "from", "to", "into", "near", "across", "over", "under", "through", "by", "for",
                    "with", "during", "after", "before", "above", "below", "off", "around", "along", "via", "as"}
MAX_DONE_WORDS = 5
_VERB_BETWEEN = {"is", "are", "was", "were", "has", "have", "had", "been", "be", "being"}
# Words that go with a verb ("splashed down", "set off"): asked with it.
_PARTICLES = {"down", "up", "off", "out", "back", "away"}


def _dated(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"Apollo 13 splashed down in the Pacific Ocean ... on 17 April 1970" -> "When did Apollo 13
    splash down?": a date in the sentence's own clause, after what `_when` reads."""
    clause = _clause(_LEADING.sub("", decap(sentence)), ctx)
    if clause is None or _A_COUNT.match(clause.subject) or _TIME.match(clause.after):
        return None  # "only 486 ships passed through in 1870": the count is the fact, not the year
    own = re.split(r"[;:]|,\s(?:which|who|and|but|after|when|while|as|so)\b|\s(?:which|who|because|although|while|"
                   r"after|before|when)\s", clause.after)[0]
    match = _DATE_INSIDE.search(own)
    if match is None:
        return None
    # What the verb did, asked with it; where and how, left out: "reached Sunderland in October
    # 1831" asks "When did the disease reach Sunderland?", "was launched from the Kennedy Space
    # Center in Florida on 11 April" asks "When was Apollo 13 launched?".
    between = clause.after[: match.start()].split()
    if _VERB_BETWEEN.intersection(between):
        return None  # "shaped by an article he is reported to have written ... in 1891": another clause's date
    particle = between.pop(0) if between and between[0] in _PARTICLES and not clause.passive else ""
    done = list(itertools.takewhile(lambda w: w.lower() not in _ADJUNCT_OPENERS, between))
    if len(done) > MAX_DONE_WORDS or any(re.search(r"[,;:]", w) for w in done):
        return None  # a clause of its own, not what was done
    asked = " ".join([particle, *done]).strip()
    time = match.group("time")
    which = "In which year" if re.fullmatch(r"\d{4}", time) else "On what date" if re.search(r"\b[0-3]?\d\b", time) \
        else "In what period"
    questions = (clause.ask("When", asked), f"{_keywords(clause.subject)} {clause.verb} date",
                 clause.ask(which, asked))
    return DraftEntry("date", passage, questions, f"{upper_first(match.group('prep'))} {time}.",
                      _quote_holding(sentence, match.start("time"), match.end("time")), accept=(time,))


# A verb with a date and then its doer, and no object: done to the subject, not by it (a participle).
_DATED_BY = re.compile(r"(?:in|on|during)\s[^,;:]*?\bby\s", re.I)


# "In 1925 the court ruled against the company", "On 15 January 1919, a tank burst": the date
# opens the sentence, before what happened then.
# ("Before 1883", "By 1875" bound a time without giving it: no date to ask for.)
_FRONTED_DATE = re.compile(r"^(?P<prep>On|In|During) (?P<part>the (?:morning|afternoon|evening|night) of )?"
                           rf"(?P<time>(?:the )?(?:[0-3]?\d )?(?:{_MONTH_WORDS} )?(?:[0-3]?\d, )?(?:1[5-9]\d\d|20\d\d))"
                           r"\b,? (?:(?:at|around|about|shortly|just) [^,]{2,60}, )?(?P<rest>.+)$")


def _fronted_date(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"In 1925 the court ruled against the company, ..." -> "When did the court rule against the company?"."""
    match = _FRONTED_DATE.match(decap(sentence))
    clause = _clause(match.group("rest"), ctx) if match else None
    if match is None or clause is None or re.search(r"\d", clause.subject):
        return None  # "In 1870 only 486 ships passed through": the count is the fact, not the year
    done = re.split(r"[,;:]\s|\s(?:and|but|which|who)\s", clause.after)[0].strip().rstrip(".")
    if len(done.split()) > MAX_SUBJECT_WORDS:  # "exploded in the air above the forests of ...": in the air
        done = re.split(r"\s(?=(?:above|below|over|under|near|beyond|across|of|from|with|between)\s)", done)[0]
    if not 0 < len(done.split()) <= MAX_SUBJECT_WORDS and not clause.passive:
        return None  # "When did Queen Victoria cross?" says too little; a clause of its own, too much
    time = match.group("time")
    which = "In which year" if re.fullmatch(r"\d{4}", time) else "On what date" if match.group("prep") == "On" \
        else "In what period"
    # "railroad sold date", not "railroad sell date"
    questions = (clause.ask("When", done), f"{_keywords(clause.subject)} {clause.verb} date",
                 clause.ask(which, done))
    return DraftEntry("date", passage, questions, f"{match.group('prep')} {time}.",
                      _quote_holding(sentence, match.start("time"), match.end("time")), accept=(time,))


# "..., which paid about 628,000 dollars in damages": a figure that something named just before did.
_CURRENCIES = {"dollars", "pounds", "euros", "francs", "marks", "roubles", "rubles", "yen", "crowns", "kronor",
               "guineas", "shillings", "pesos", "rupees"}
_WHICH_FIGURE = re.compile(
    r"\b(?P<np>(?:the|a|an|its|their) [a-z][\w-]*(?: [a-z][\w-]*){0,2}), (?:which|who) (?P<verb>[a-z]+) "
    r"(?P<hedge>(?:about|some|nearly|almost|around|roughly|more than|over|up to) )?"
    r"(?P<figure>(?:US)?[$£€]?\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?) (?P<noun>[a-z]+)"
    r"(?P<rest>(?: (?:in|for|to|on|of|at|from) [a-z]+(?: [a-z]+)?)?)(?=[.,;]|$)")


def _which_figure(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"the court ruled against the company, which paid about 628,000 dollars in damages" ->
    "How much did the company pay in damages?"."""
    match = _WHICH_FIGURE.search(decap(sentence))
    if match is None or not past_base(match.group("verb")) or _YEAR.fullmatch(match.group("figure")):
        return None
    owner, base = ctx.lower(match.group("np")), lemma(match.group("verb"))
    noun, rest = match.group("noun"), match.group("rest")
    money = noun in _CURRENCIES
    if not money and not re.fullmatch(_PLURAL, noun):
        return None
    asked = f"How much did {owner} {base}{rest}?" if money else f"How many {noun} did {owner} {base}{rest}?"
    figure = f"{match.group('hedge') or ''}{match.group('figure')} {noun}"
    questions = (asked, f"{_keywords(owner)} {base} {'amount' if money else noun}",
                 f"What figure does the text give for what {owner} {match.group('verb')}{rest}?")
    return DraftEntry("figure", passage, questions, f"{upper_first(figure)}{rest}.",
                      _quote_holding(sentence, match.start("figure"), match.end("noun")),
                      accept=(f"{match.group('figure')} {noun}",))


_AUXILIARIES = {"could", "would", "can", "may", "might", "must", "should", "will", "shall", "did", "do", "does",
                "had", "has", "have", "is", "are", "was", "were"}
# "Workers born in summer live only about six weeks", "The crossing took three days": how long.
_DURATION = re.compile(
    r"^(?P<subject>[A-Z][^,;:]{1,60}?) (?P<verb>live|lives|lived|last|lasts|lasted|survive|survives|survived|"
    r"take|takes|took|reign|reigns|reigned|serve|serves|served) (?:only |just |for )*"
    r"(?P<hedge>(?:about|some|nearly|almost|around|roughly|up to|over|more than) )?"
    rf"(?P<n>\d[\d,.]*|{_SPELT}|a few|several) (?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|"
    r"centuries)\b")


def _duration(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _DURATION.match(decap(sentence))
    if match is None:
        return None
    subject, verb = ctx.lower(match.group("subject")), match.group("verb")
    first = subject.split()[0].lower()
    if first in {"it", "they", "this", "he", "she", "there"} or len(subject.split()) > MAX_SUBJECT_WORDS or \
            _AUXILIARIES.intersection(subject.lower().split()) or {"and", "but"}.intersection(subject.lower().split()):
        return None  # "Early calculations could take ...", "Construction began in 1882 and took ...": no plain subject
    past = past_base(verb) is not None or verb in {"took"}
    aux = "did" if past else "does" if verb.endswith("s") else "do"
    base = lemma(verb) if verb != "took" else "take"
    span = f"{match.group('n')} {match.group('unit')}"
    questions = (f"How long {aux} {subject} {base}?",
                 f"{_keywords(subject)} {'lifespan' if base in {'live', 'survive'} else 'duration'}",
                 f"For how long {aux} {subject} {base}, according to the text?")
    return DraftEntry("figure", passage, questions, upper_first(f"{match.group('hedge') or ''}{span}."),
                      _quote_holding(sentence, match.start("n"), match.end("unit")), accept=(span,))


# "The Forth Bridge is a cantilever railway bridge across the Firth of Forth": what a named thing is.
_NAMED_IS = re.compile(r"^(?P<art>The )?(?P<name>[A-Z][\w’'-]*(?: (?:of|the|de|von|van) [A-Z][\w’'-]*| [A-Z][\w’'-]*)*)"
                       r" (?P<verb>is|was) (?P<rest>(?:a|an|the|one of) .+)$")


def _named_thing(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _NAMED_IS.match(sentence)
    if match is None:
        return None
    name, art = match.group("name"), match.group("art") or ""
    words = name.split()
    # A name, not a capitalised first word: every capitalised word is one the text writes so.
    if not all(w in ctx.names or not w[:1].isupper() for w in words) or words[0].lower() in _NOT_A_NAME:
        return None
    named = f"{art.lower()}{name}"
    rest = match.group("rest")
    if _JUDGED.search(rest):  # "the most vivid American example of why ...", "a public work before it was ...": a view
        return None
    for joined in _AND_A_CLAUSE.finditer(rest):  # "a guest of honour at the opening and both states agreed ..."
        if any(past_base(w) for w in joined.group("next").split()[1:]):
            rest = rest[: joined.start()].rstrip(" ,") + "."
            break
    body, clipped = _definiens(rest, False)
    verb = match.group("verb")
    # "John Snow was an unlikely challenger": a person's name (no article, two words or more) said
    # to be someone ("challenger", "physician") is asked "who".
    head = re.sub(r"^(?:a|an|the|one of the)\s+", "", body.lower()).split(" ")
    noun = next((w.strip(",;.") for w in head[1:5] + head[:1] if w.strip(",;.") in _ROLE_WORDS
                 or w.strip(",;.").endswith(("er", "or", "ist", "ian"))), None) if head else None
    # One word is a person's name too when what it is said to be is a trade ("Cline was a physician").
    wh = "Who" if not art and noun and (len(words) > 1 or noun in _ROLE_WORDS) else "What"
    questions = (f"{wh} {verb} {named}?", f"{name} description", f"What does the text say {named} {verb}?")
    return DraftEntry("person" if wh == "Who" else "definition", passage, questions,
                      f"{upper_first(named)} {verb} {lower_first(body)}", _quote(sentence, MAX_DEFINITION_WORDS),
                      clipped=clipped)


_NOT_A_NAME = {"it", "this", "that", "there", "he", "she", "they", "we", "i", "its", "his", "her", "their", "such"}
# What a thing is said to stand for, or to have been once it was something else, is the author's view
# of it, not what it is.
_JUDGED = re.compile(r"^(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:example|case|reminder|symbol|lesson|warning|"
                     r"illustration|instance|emblem)\s+of\b"
                     r"|\b(?:before|after|until|when|while|because|although|though)\s+(?:it|he|she|they)\s+"
                     r"(?:was|were|is|are|had)\b", re.I)
# A second clause joined on: "and both states agreed on ...".
_AND_A_CLAUSE = re.compile(r",?\s+and\s+(?P<next>(?:\w+\s+){1,3}\w+)")

# "At least 57 men died on the site": a count that did something, in the active voice.
_COUNTED_ACTING = re.compile(_COUNT_OPENS + rf"(?P<noun>(?:[a-z]+ )?{_PLURAL}) "
                             r"(?P<verb>[a-z]+ed|fought|came|went|left|ran)(?P<rest>[^,;:]*)",
                             re.I)


def _counted_acting(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _COUNTED_ACTING.match(sentence)
    verb = match.group("verb").lower() if match else ""
    if not match or not (past_base(verb) or verb in _ACTING_PAST) or _YEAR.fullmatch(match.group("figure")):
        return None
    noun = match.group("noun")
    rest = re.split(r"\s(?:and|but|although|though|while|whereas)\s|\d", match.group("rest"))[0].strip().rstrip(".")
    if len(rest.split()) > MAX_SUBJECT_WORDS:
        rest = ""
    said = f"{verb}{' ' + rest if rest else ''}"
    figure = f"{(match.group('hedge') or '').lower()}{match.group('figure')}"
    questions = (f"How many {noun} {said}?", f"number of {noun} who {verb}" if noun in _PEOPLE_WORDS
                 else f"number of {noun} {verb}", f"How many {noun} does the text say {said}?")
    return DraftEntry("figure", passage, questions, upper_first(f"{figure}."),
                      _quote_holding(sentence, match.start("figure"), match.end("noun")),
                      accept=(match.group("figure"),))


_ACTING_PAST = {"died", "fled", "left"}  # past tenses `past_base` leaves alone: too short, or as often another word
_PEOPLE_WORDS = {"men", "women", "people", "children", "workers", "soldiers", "sailors", "passengers", "residents",
                 "miners", "crew", "victims", "survivors", "students", "members", "citizens", "prisoners"}

# "It was designed by the engineers Sir John Fowler and Sir Benjamin Baker": who did it.
_DONE_BY = re.compile(r"^(?P<subject>[A-Z][^,;:]{0,60}?) (?P<be>was|were) (?P<done>[a-z]+) by (?:the )?"
                      r"(?P<role>(?:[a-z]+ ){0,2})(?P<agent>[A-Z][\w’'.-]*(?: (?:& )?[A-Z][\w’'.-]*)*"
                      r"(?:(?:, and|,| and) [A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*)*)")
# Past forms of the irregular verbs a "was ... by" names, from their participles.
_PAST_OF = {"built": "built", "written": "wrote", "drawn": "drew", "made": "made", "founded": "founded",
            "led": "led", "taken": "took", "given": "gave", "held": "held", "paid": "paid", "sold": "sold",
            "found": "found", "taught": "taught", "begun": "began", "chosen": "chose", "run": "ran",
            "won": "won", "seen": "saw", "known": "knew", "shown": "showed", "thought": "thought"}


def _done_by(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _DONE_BY.match(decap(sentence))
    if match is None:
        return None
    done = match.group("done")
    past = _PAST_OF.get(done) or (done if done.endswith("ed") and past_base(done) else None)
    subject = match.group("subject")
    if subject.lower() in {"it", "they", "this"}:
        subject = ctx.previous_subject or ""
    subject = ctx.lower(subject)
    agent = match.group("agent").strip().rstrip(",")
    if not past or not subject or len(subject.split()) > MAX_SUBJECT_WORDS or subject.split()[0].lower() in \
            _NOT_A_NAME or agent.split()[0] in _NOT_NAME_START or not any(w in ctx.names for w in agent.split()):
        return None
    role = match.group("role").strip()
    answer = f"{'The ' + role + ' ' if role else ''}{agent}{'' if agent.endswith('.') else '.'}"  # "Tiffany & Co."
    questions = (f"Who {past} {subject}?", f"{_keywords(subject)} {past} by",
                 f"Whom does the text name as having {done} {subject}?")
    names = tuple(n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", agent) if n.strip())
    return DraftEntry("person", passage, questions, upper_first(answer),
                      _quote_holding(sentence, match.start("agent"), match.end("agent")),
                      accept=names if len(names) > 1 else (agent,))


# The name a role is given: "The contractor was William Arrol", "The first scientist to reach it
# was Leonid Kulik, ...".
_ROLE_IS = re.compile(r"^(?P<det>The|Its|His|Her|Their) (?P<role>(?P<noun>(?:[a-z]+ ){0,2}[a-z]+)"
                      r"(?: to [a-z]+(?: [a-z]+){0,2}| (?:behind|of|for) the [a-z]+(?: [a-z]+)?)?) "
                      r"(?P<be>was|is|were|are) (?P<name>(?:[A-Z][\w’'.-]*\s?){1,4})(?=$|[,.;]| who| whose| and )")


# "The command module, called Odyssey, was meant to ...": the name a thing is given, between commas.
_CALLED = re.compile(r"^(?P<det>The|Its|His|Her|Their) (?P<thing>[a-z][\w-]*(?: [a-z][\w-]*){0,3}), "
                     r"(?:called|named|nicknamed|known as) (?P<name>[\"\u201c]?[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}"
                     r"[\"\u201d]?),")


def _whose(determiner: str, ctx: _Context) -> str:
    """ "its" where the sentence before says whose ("Its commander was Jim Lovell": `entries_from`
    names it), else "the"."""
    return determiner if determiner != "The" and ctx.previous_subject else "the"


def _called(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _CALLED.match(sentence)
    if match is None:
        return None
    thing = f"{_whose(match.group('det'), ctx)} {match.group('thing')}"
    name = match.group("name").strip("\"\u201c\u201d")
    questions = (f"What was {thing} called?", f"{_keywords(match.group('thing'))} name",
                 f"What name does the text give {thing}?")
    return DraftEntry("claim", passage, questions, f"{name}.",
                      _quote_holding(sentence, match.start("name"), match.end("name")), accept=(name,))


# "The flight controllers in Houston, led by flight director Gene Kranz, decided ...", "A review
# board chaired by Edgar Cortright found the cause": who led a body the sentence names.
_LED = ("led", "chaired", "headed", "commanded", "directed", "captained", "coached", "managed", "founded")
_LED_BY = re.compile(r"^(?P<np>(?:The|A|An) [a-z][\w-]*(?: [a-z][\w-]*){0,3}(?: (?:in|of) [A-Z][\w’'-]*)?),? "
                     rf"(?P<verb>{'|'.join(_LED)}) by (?P<role>(?:[a-z][\w-]* ){{0,3}})"
                     r"(?P<name>[A-Z][\w’'-]*(?: [A-Z][\w’'.-]*){1,3})(?=,| [a-z])")


def _led_by(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _LED_BY.match(sentence)
    if match is None or not any(w in ctx.names for w in match.group("name").split()):
        return None
    body = re.sub(r"^(?:The|A|An) ", "the ", match.group("np"))
    verb, name, role = match.group("verb"), match.group("name"), match.group("role").strip()
    questions = (f"Who {verb} {body}?", f"{_keywords(body)} {verb} by",
                 f"Whom does the text name as having {verb} {body}?")
    answer = upper_first(f"{role} {name}." if role else f"{name}.")
    accept = (name, name.split()[-1])
    return DraftEntry("person", passage, questions, answer,
                      _quote_holding(sentence, match.start("name"), match.end("name")), accept=accept)


# "Thomson had invented the mirror galvanometer, which ...": what someone made or found.
_MADE = ("invented", "discovered", "designed", "devised", "patented", "developed", "founded", "created", "built",
         "wrote", "composed", "painted", "coined", "proposed")
_MADE_BY = re.compile(r"^(?P<name>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3}) (?:had |also |later |first |then )?"
                      rf"(?P<verb>{'|'.join(_MADE)}) (?P<thing>(?:the|a|an) [a-z][\w’'-]*(?: [\w’'-]+){{0,5}}?)"
                      r"(?=[,;.]|$| (?:in|at|on|during|for|with|which|that|while|when|after|before)\b)")


def _made_by(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _MADE_BY.match(sentence)
    if match is None:
        return None
    name, verb, thing = match.group("name"), match.group("verb"), match.group("thing")
    if name.split()[0] in _NOT_NAME_START or not any(w in ctx.names for w in name.split()):
        return None
    questions = (f"What did {name} {lemma(verb)}?", f"{name} {verb}", f"What does the text say {name} {verb}?")
    return DraftEntry("claim", passage, questions, f"{upper_first(thing)}.",
                      _quote_holding(sentence, match.start("name"), match.end("thing")),
                      accept=(thing.split(" ", 1)[1],))


# "... the Atlantic Telegraph Company in London, which raised £350,000 from investors": what a
# named body raised, cost or paid, said in a clause about it.
_WHICH_SUM = re.compile(r"(?P<body>(?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)+)(?: (?:in|of) [A-Z][\w’'-]*)?, which "
                        r"(?P<verb>raised|cost|paid|spent|earned|collected|received|borrowed) "
                        r"(?P<hedge>(?:about|some|nearly|over|more than|roughly|almost) )?"
                        r"(?P<sum>(?:US)?[$£€]\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?)")


def _which_sum(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _WHICH_SUM.search(sentence)
    if match is None or not any(w in ctx.names for w in match.group("body").split()):
        return None
    body, verb = ctx.lower(match.group("body")), match.group("verb")
    questions = (f"How much did {body} {lemma(verb)}?", f"{_keywords(body)} {verb} sum",
                 f"What sum does the text say {body} {verb}?")
    answer = upper_first(f"{match.group('hedge') or ''}{match.group('sum')}.")
    return DraftEntry("figure", passage, questions, answer,
                      _quote_holding(sentence, match.start("body"), match.end("sum")), accept=(match.group("sum"),))


def _role_is(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _ROLE_IS.match(sentence)
    if match is None:
        return None
    role, name = match.group("role"), match.group("name").strip()
    head = match.group("noun").split()[-1]
    if name.split()[0] in _NOT_NAME_START or not any(w in ctx.names for w in name.split()):
        return None
    who = "Who" if head in _ROLE_WORDS or head.endswith(("er", "or", "ist", "ian", "ant", "ent")) else "What"
    be = match.group("be")
    role_said = f"{_whose(match.group('det'), ctx)} {role}"
    questions = (f"{who} {be} {role_said}?", f"{role} name", f"Which name does the text give for {role_said}?")
    accept = (name, name.split()[-1]) if len(name.split()) > 1 else (name,)
    return DraftEntry("person" if who == "Who" else "claim", passage, questions, f"{name}.",
                      _quote_holding(sentence, match.start("name"), match.end("name")), accept=accept)


def _place(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    """"The battle was fought in Adams County, ..." -> "Where was the battle fought?"."""
    plain = decap(sentence)
    clause = _clause(_LEADING.sub("", plain), ctx)
    fact = (place_of(clause) if clause else None) or where_is(_LEADING.sub("", plain))
    if fact is None:
        return None
    return DraftEntry("place", passage, fact.questions, fact.answer, _quote(sentence, MAX_ANSWER_WORDS),
                      accept=(fact.place.removeprefix("the "),))


def _clause(head: str, ctx: _Context) -> Clause | None:
    """The subject and verb of `head`, the subject lower-cased unless it is a name."""
    clause = clause_of(head, previous_subject=ctx.previous_subject)
    return replace(clause, subject=ctx.lower(clause.subject)) if clause else None


def _person(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = _NAMED_WHO.search(sentence)
    if not match or match.group("name").split()[0] in _NOT_NAME_START:
        return None
    if re.search(r"\d\s+$", sentence[: match.start()]):
        return None  # "living at 40 Broad Street, who had fallen ill": an address, not a person
    if re.search(r"\b(?:the|a|an|its|their|his|her)\s+$", sentence[: match.start()], re.I):
        return None  # "Rothery, the Wreck Commissioner, who chaired it": a post, not who held it
    name, rest = match.group("name"), match.group("rest").strip()
    words = name.split()
    while len(words) > 2 and words[0] in _PERSON_TITLES:
        words = words[1:]
    bare = " ".join(words)
    # "The first principal keeper, Tomas Brandt, who had served ...": the role says who he was.
    role = sentence[: match.start()].rstrip(" ,") if sentence[: match.start()].endswith(", ") else ""
    role = role if re.fullmatch(r"(?:The|A|An) [^,;:]{3,60}", role) else ""
    said = f"{name}, {role[0].lower()}{role[1:]}, {rest}" if role else f"{name} {rest}"
    answer, clipped = clip(said, MAX_ANSWER_WORDS)
    questions = [f"Who is {name}?", f"{bare} role", f"What does the text say {bare} did?"]
    past = rest.split()[0] in {"was", "were", "had"} or past_base(rest.split()[0])  # "who commanded ...": the past
    if past and bare != name:  # without the title; "Who was X?" alone reads as "Who is X?"
        questions.append(f"Who was {bare}?")
    quote = sentence[: match.end()] if role else sentence[match.start(): match.end()]
    # "Who is Tomas Brandt?" names him: a quiz takes what the answer says of him (the curator's `accept`).
    return DraftEntry("person", passage, tuple(questions), answer, quote, clipped=clipped)


# "The Dutch mining engineer Rogier Verbeek visited ...", "under the meteorologist George James
# Symons": a person the text introduces by what they did for a living.
_ROLE_WORDS = {"engineer", "scientist", "astronomer", "physician", "doctor", "surgeon", "writer", "poet", "novelist",
               "painter", "historian", "explorer", "inspector", "captain", "commander", "officer", "minister",
               "president", "king", "queen", "emperor", "bishop", "priest", "curate", "judge", "lawyer", "editor",
               "governor", "mayor", "senator", "professor", "teacher", "merchant", "sailor", "soldier", "general",
               "admiral", "architect", "chemist", "physicist", "geologist", "botanist", "mathematician",
               "philosopher", "journalist", "reporter", "photographer", "composer", "keeper", "driver", "fireman",
               "signalman", "diplomat", "ambassador", "statistician", "researcher", "nurse", "midwife",
               "pilot", "chairman", "chairwoman", "chief", "secretary", "clerk", "coach"}
_ROLE_NAMED = re.compile(rf"(?:^|\b[Tt]he )(?P<role>(?:[A-Z][a-z]+ )?(?:[a-z]+ ){{0,2}}(?P<head>[a-z]+)) "
                         rf"(?P<name>{_NAME_WORD}(?: (?:[A-Z]\. )?{_NAME_WORD}){{1,2}})\b(?P<rest>[^;]*)")


def _role_named(passage: int, sentence: str, ctx: _Context) -> DraftEntry | None:
    match = next((m for m in _ROLE_NAMED.finditer(sentence) if m.group("head") in _ROLE_WORDS
                  or m.group("head").endswith(("ologist", "ician"))), None)
    if match is None or match.group("name").split()[0] in _NOT_NAME_START:
        return None
    name, role = match.group("name"), match.group("role")
    role = re.sub(r"^(?:His|Her|Its|Their|Our|My) ", "", role)  # "His engineer": whose, the sentence alone does not say
    rest = re.split(r"[,;:]\s", match.group("rest").strip())[0].rstrip(".")
    did = rest if rest and past_base(rest.split()[0]) else ""  # "visited the site in October 1883 and ..."
    did = re.sub(r"\s+(?:and|but)\s+\w+$", "", did)  # "surveyed the isthmus and concluded, wrongly, that ..."
    article = "An" if role[0].lower() in "aeiou" else "A"
    answer, clipped = clip(f"{article} {role}{' who ' + did if did else ''}.", MAX_ANSWER_WORDS)
    questions = (f"Who was {name}?", f"{name} role", f"What does the text say {name} did?")
    # A quiz asks "Who was Rogier Verbeek?": his trade answers it, not his name (which it gives).
    head = role.split()[-1]
    accept = (role, head) if role != head else (role,)
    return DraftEntry("person", passage, questions, answer, _quote(sentence[match.start("role"):], MAX_ANSWER_WORDS),
                      accept=accept, clipped=clipped)


# -- shared -------------------------------------------------------------------------------------

def _keywords(phrase: str) -> str:
    """A phrase as people type it into a search box: its content words."""
    kept = [w.strip(".,;:()\u201c\u201d\"'") for w in phrase.split()]
    return " ".join(w for w in kept if w and w.lower() not in STOPWORDS) or phrase


def _quote(sentence: str, words: int) -> str:
    """The sentence's opening words, verbatim, up to a clause end within `words` words."""
    return prefix(sentence, words)


def _quote_holding(sentence: str, start: int, end: int) -> str:
    """The opening words as `_quote` takes them, or, when they stop before what is asked about
    (sentence[start:end]), the clause that holds it: a quote must say the answer."""
    opening = _quote(sentence, MAX_ANSWER_WORDS)
    if len(opening) >= end:
        return opening
    begin = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    stop = next((m.start() for m in _CLAUSE_END.finditer(sentence, end)), len(sentence))
    return _quote(sentence[begin:stop].strip(), MAX_ANSWER_WORDS) if begin else sentence[:stop].strip()
