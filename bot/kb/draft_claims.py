"""Drafted definitions, lists and claims: "By a faction, I understand ...", "There are two methods
of ...: ...", "Critics argue that ...", "The inference ... is, that ...", "... must ..."."""

from __future__ import annotations

import re

from .draft_clause import UNSURE_OWNERS
from .draft_common import (
    MAX_ANSWER_WORDS,
    MAX_SUBJECT_WORDS,
    NUMBER_WORDS,
    Context,
    DraftEntry,
    keyword_form,
    opening_quote,
)
from .draft_words import (
    clip,
    decap,
    lemma,
    lower_first,
    plain_subject,
    prefix,
    upper_first,
)
from .text import STOPWORDS

MAX_DEFINITION_WORDS = 30
MAX_ITEM_WORDS = 20  # per item of a list
MAX_TERM_WORDS = 4  # a defined term is a short noun phrase
_ARTICLE = r"(?:a|an|the)"
_BY_I_UNDERSTAND = re.compile(rf"^By (?P<art>{_ARTICLE} )?(?P<term>[\w' -]{{2,40}}?),? I (?:understand|mean) "
                              r"(?P<rest>.+)$")
_BY_WHICH = re.compile(r"^(?P<art>A|An|The) (?P<term>[a-z][\w-]*(?: [a-z][\w-]*){0,2}), by which I mean "
                       r"(?P<rest>.+)$")

# "An earthen dam, sometimes called an embankment dam, is a barrier ...": the other name between.
_OTHER_NAME = r", (?:sometimes |also |often |usually )?(?:called|known as|written|abbreviated) [^,]{2,40},"
_ALSO_CALLED = rf"(?:{_OTHER_NAME})?"
_IS_A = re.compile(rf"^(?P<art>A|An|The) (?P<term>[a-z][\w-]*(?: [a-z][\w-]*){{0,2}}){_ALSO_CALLED} (?P<verb>is|are) "
                   rf"(?P<rest>{_ARTICLE} .+)$")

# "Strict liability is liability that does not depend on proof of fault": a term with no article, said
# to be a kind of thing the relative clause marks off.
_BARE_IS = re.compile(rf"^(?P<term>[A-Z][a-z-]+(?: [a-z][a-z-]*){{0,2}}){_ALSO_CALLED} (?P<verb>is|are) "
                      r"(?P<rest>(?:an? |the )?[a-z][a-z-]*(?: [a-z][a-z-]*)? "
                      r"(?:that|which|whose|in which|by which) .+)$")

# "the interest rate that a central bank pays", "the interest rate at which ...": a kind of thing
# and the clause that marks off which.
_MARKED_OFF = re.compile(r"the [a-z-]+(?: [a-z-]+){0,2} (?:that|which|at which|by which|in which|whereby)\b")
# "Forward guidance is a statement by the central bank about ...": a term of two or three words
# (no name, no pointer) said to be a kind of thing.
_BARE_TERM = re.compile(r"^(?!(?:This|That|These|Those|Such|Each|Every|Some|Most|Many|Our|Their|His|Her|Its|No|"
                        r"Any|All|Both|Other|Another|One|Two|Three)\b)(?P<term>[A-Z][a-z-]+ [a-z][a-z-]+"
                        r"(?: [a-z][a-z-]+)?) (?P<verb>is|are) (?P<rest>(?:an? |the )[a-z].+)$")
# "Puerperal fever, also called childbed fever, is an infection of ...": a term with no article whose
# other name the sentence gives is a term it defines, whatever the kind of thing it says it is.
_BARE_ALSO = re.compile(rf"^(?P<term>[A-Z][a-z-]+(?: [a-z][a-z-]*){{0,2}}){_OTHER_NAME} (?P<verb>is|are) "
                        r"(?P<rest>(?:an? |the )[a-z].+)$")
# 'The "Semmelweis reflex" is the reflex-like tendency to ...': a term in quotation marks.
_QUOTED_IS = re.compile(r"^(?P<art>A|An|The) [\"\u201c'\u2018](?P<term>[^\"\u201d'\u2019]{2,40})[\"\u201d'\u2019] "
                        r"(?P<verb>is|are) (?P<rest>(?:an? |the )[a-z].+)$")

# "... the defence that the disaster had been an act of God, meaning an event caused by natural forces ...",
# "Historians of risk call this the normalisation of a hazard: a danger that is discussed often ...".
_TERM = r"(?P<term>[a-z][\w-]*(?: [a-z][\w-]*){0,3}?)"
_MEANING = re.compile(rf"\b(?P<art>a|an|the) {_TERM}(?:, meaning|: (?={_ARTICLE} )) (?P<rest>(?:an?|the) [^;]+)$",
                      re.I)
_CALLED_THIS = re.compile(rf"\bcall(?:s|ed)? (?:this|it|that) (?P<art>a|an|the) {_TERM}: (?P<rest>{_ARTICLE} .+)$",
                          re.I)
_MEANS = re.compile(r"^(?P<term>[A-Z][a-z-]+(?: [a-z-]+){0,2}) means (?P<rest>.+)$")
_THERE_ARE = re.compile(rf"^There (?:are|were) (?:again )?(?P<n>{NUMBER_WORDS}) (?P<np>[^:;]{{3,90}}?):"
                        r"\s*(?P<rest>.+)$", re.I)
_THE_N_ARE = re.compile(rf"^The (?P<n>{NUMBER_WORDS}) (?P<np>[^:;]{{3,90}}?) (?:are|were):\s*(?P<rest>.+)$", re.I)
_REPORTS = re.compile(r"^(?P<subject>[A-Z][^,;:]{2,80}?) (?P<verb>argue|argues|argued|claim|claims|claimed|report|"
                      r"reports|reported|found|find|finds|show|shows|showed|conclude|concluded|concludes|"
                      r"believe|believes|believed|insist|insists|insisted) that (?P<rest>.+)$")

# (Not "belief" nor "conclusion": the matcher reads them as the verb, and the keyword form as the
# first phrasing again.)
_REPORT_NOUN = {"argue": "argument", "claim": "view", "report": "view", "find": "result", "show": "result",
                "conclude": "verdict", "believe": "view", "insist": "view"}

_COORDINATOR_OPENING = re.compile(r"^(?:But|And|Yet|So|Or|Still|Thus|Instead)\s+")

# A helping verb ending the subject a report verb follows ("Historians have argued that ...").
_HELPING_VERB = re.compile(r" (have|has|had|will|would|may|might|could|can|should|must)$")
_CONCLUSION = re.compile(r"\b(?:inference|conclusion|upshot|lesson)\b[^,;:]{0,60}? is,? that (?P<rest>.+)$", re.I)
_MODAL = re.compile(r"^(?P<subject>[A-Z][^,;:]{1,80}?) (?P<modal>must|should|ought to|cannot)"
                    r"(?: (?:therefore|thus|also|then|not))* (?P<rest>.+)$")

# "The most common source of factions has been ...", "The effect of the first difference is ...".
_THE_X_OF = re.compile(r"^The (?P<np>(?:most [\w ,-]+?|effect|cause|source|purpose|aim|result|goal|object|danger|"
                       r"advantage|problem|first|last) (?:[\w-]+ )?of [^,;:]+?) (?:is|was|has been|are|were) "
                       r"(?P<rest>.+)$")
_PASSIVE = re.compile(r"^be (?P<participle>\w+ed|\w+en|made|held|kept|built|paid|sold|taught|thought|found|given)\b")

# After "must be <participle>", these take an object a question can ask for: "connected with what?".
_OBJECT_PREPOSITIONS = {"with", "to", "into", "from", "on", "upon", "for", "against", "as", "among", "between"}
_DETERMINERS = {"the", "a", "an", "their", "his", "her", "its", "this", "that", "these", "those", "each", "every",
                "all", "our", "your", "my", "some", "any", "one"}
# The shapes that open a sentence; the rest are found inside one.
_OPENING = (_BY_I_UNDERSTAND, _BY_WHICH, _IS_A, _QUOTED_IS, _MEANS, _BARE_IS, _BARE_ALSO, _BARE_TERM)


def definition_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    for pattern in (_BY_I_UNDERSTAND, _BY_WHICH, _IS_A, _QUOTED_IS, _MEANS, _BARE_IS, _BARE_ALSO, _BARE_TERM,
                    _CALLED_THIS, _MEANING):
        plain = decap(sentence)
        match = pattern.match(plain) if pattern in _OPENING else pattern.search(plain)
        quoted = pattern is _QUOTED_IS  # the marks say it is a term, whatever its article
        if match and pattern is _BARE_TERM and not _plain_term(match.group("term")):
            continue  # "Yet the first is the one remembered ...": no term
        if match and _is_term(match.group("term")) and (quoted or not _spoken_of_before(match)) \
                and (quoted or not _identity(match)) \
                and not (_bare_name(pattern, match.group("term")) and match.group("term").split()[0] in ctx.names):
            break
    else:
        return None
    term = match.group("term").strip()
    # A term of several words with another name is a term, not a name: "puerperal fever".
    term = lower_first(term) if pattern in (_BARE_ALSO, _BARE_TERM) and " " in term else ctx.lower(term)
    article = (match.groupdict().get("art") or "").strip().lower()
    named = f"{article} {term}".strip()
    plural = match.groupdict().get("verb") == "are"
    body, clipped = definiens(match.group("rest"), pattern is _BY_WHICH)
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
    return DraftEntry("definition", passage, questions, answer, opening_quote(quoted, MAX_DEFINITION_WORDS),
                      clipped=clipped)


def _plain_term(term: str) -> bool:
    """A term of words of substance only: "forward guidance", not "yet the first"."""
    return not any(w in STOPWORDS or w in _NOT_TERM_WORDS for w in term.lower().split())


_NOT_TERM_WORDS = {"yet", "still", "then", "now", "here", "there", "today", "first", "second", "third", "last", "next"}


def _bare_name(pattern: re.Pattern[str], term: str) -> bool:
    """Whether a term with no article may be a name ("Cline is ..."): not "Puerperal fever", which
    gives its other name, nor a term of two or three words."""
    return pattern is _BARE_IS or (pattern in (_BARE_ALSO, _BARE_TERM) and " " not in term)


def _spoken_of_before(match: re.Match) -> bool:
    """"The map is ...", "The neglect is ...", "The third is ...": one word after "the" is what the
    text spoke of just before, not a term it defines ("The lunar distance method is ...")."""
    return (match.groupdict().get("art") or "").lower() == "the" and len(match.group("term").split()) == 1


def _identity(match: re.Match) -> bool:
    """"The missing crater is the key to the mystery": one thing the text spoke of said to be
    another, not a term defined ("A miasma was a poisonous vapour"). (But "The policy rate is the
    interest rate that a central bank pays ..." marks off the kind it is: a definition.)"""
    rest = match.groupdict().get("rest") or ""
    return ((match.groupdict().get("art") or "").lower() == "the"
            and re.match(r"(?:the|its|their|what|one|why|how)\b", rest) is not None
            and _MARKED_OFF.match(rest) is None)


def _is_term(term: str) -> bool:
    parts = term.lower().split()
    return 0 < len(parts) <= MAX_TERM_WORDS and parts[0] not in STOPWORDS and parts[-1] not in STOPWORDS


def definiens(rest: str, embedded: bool) -> tuple[str, bool]:
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


def listing_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _THERE_ARE.match(decap(sentence)) or _THE_N_ARE.match(decap(sentence))
    if not match:
        return None
    n, np = match.group("n").lower(), match.group("np").strip()
    items = [item.strip() for item in match.group("rest").rstrip(".").split(";") if item.strip()]
    kept = [prefix(item, MAX_ITEM_WORDS) for item in items]
    cut = [len(k.split()) < len(i.split()) for k, i in zip(kept, items, strict=True)]
    answer = "; ".join(k + ("\u2026" if c else "") for k, c in zip(kept, cut, strict=True)) + "."
    questions = (f"What are the {n} {np}?", f"list of {n} {np}", f"Which {n} {np} does the text name?")
    return DraftEntry("list", passage, questions, upper_first(answer), opening_quote(sentence, MAX_ANSWER_WORDS),
                      clipped=any(cut))


# Words that point back at what an earlier sentence named.
_POINTS_BACK = re.compile(r"\b(?:them|they|it|its|this|these|those|their|him|her|his)\b", re.I)


def the_x_of_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _THE_X_OF.match(decap(sentence))
    if not match:
        return None
    np = match.group("np")
    if _POINTS_BACK.search(np):
        return None  # "The most famous of them was ...": of whom, the sentence alone does not say
    answer, clipped = clip(match.group("rest"), MAX_ANSWER_WORDS)
    questions = (f"What is the {np}?", f"the text on the {np}", f"What does the author say is the {np}?")
    return DraftEntry("claim", passage, questions, answer, opening_quote(sentence, MAX_ANSWER_WORDS), clipped=clipped)


_DATED_SUBJECT = re.compile(r"(in|by|during) ((?:the )?(?:[a-z]+ )?(?:1[5-9]|20)\d\ds?),? ", re.I)  # "in the 1860s"


def reported_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _REPORTS.match(decap(sentence))
    # "But the episode showed that ...": what the episode showed.
    subject = _COORDINATOR_OPENING.sub("", match.group("subject")) if match else ""
    if not match or not _is_subject(subject):
        return None
    subject, verb = ctx.lower(upper_first(subject)), match.group("verb")
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
    questions = (first, f"What does the text say {said}?", f"{keyword_form(subject)} {_REPORT_NOUN[lemma(verb)]}")
    return DraftEntry("claim", passage, questions, upper_first(answer), opening_quote(sentence, MAX_ANSWER_WORDS),
                      clipped=clipped)


def conclusion_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _CONCLUSION.search(decap(sentence))
    if not match:
        return None
    rest = match.group("rest")
    topic = plain_subject(upper_first(rest))
    if not topic:
        return None
    topic = ctx.lower(topic)
    answer, clipped = clip(_one_clause(rest), MAX_ANSWER_WORDS)
    questions = (f"What does the author conclude about {topic}?", f"{keyword_form(topic)} conclusion",
                 f"What is the text's inference about {topic}?")
    return DraftEntry("claim", passage, questions, upper_first(answer), opening_quote(sentence, MAX_ANSWER_WORDS),
                      clipped=clipped)


def modal_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
    return DraftEntry("claim", passage, questions, upper_first(answer), opening_quote(sentence, MAX_ANSWER_WORDS),
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
