"""Drafted people, named things and places: who someone is ("Margaret Lindsay, who founded ..."),
who led, made or did something, what a name stands for, where something is."""

from __future__ import annotations

import re

from .draft_claims import MAX_DEFINITION_WORDS, definiens
from .draft_common import (
    LEADING,
    MAX_ANSWER_WORDS,
    MAX_SUBJECT_WORDS,
    Context,
    DraftEntry,
    keyword_form,
    opening_quote,
    quote_holding,
    subject_clause,
)
from .draft_places import place_of, where_is
from .draft_words import (
    clip,
    decap,
    lemma,
    lower_first,
    past_base,
    upper_first,
)
from .text import STOPWORDS

# A name's words: "Lindsay", "DeWitt", "McPherson", "O'Brien"; a middle initial ("John F. Reynolds").
_NAME_WORD = r"[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž’'-]*[A-ZÀ-Þ]?[a-zß-ÿā-ž’'-]+"  # "Le Père", "Ōkubo"
_NAMED_WHO = re.compile(rf"(?P<name>(?:{_NAME_WORD} ){{1,3}}(?:[A-Z]\. )?{_NAME_WORD}), who (?P<rest>[^,;]+)")
_NOT_NAME_START = {"The", "A", "An", "In", "By", "On", "At", "After", "Before", "When", "Then", "Today", "But",
                   "And", "Later"}

# Titles kept in the answer but not needed in a question: "Who was George Pickett?".
_PERSON_TITLES = {"General", "Colonel", "Captain", "Major", "Lieutenant", "Admiral", "President", "Governor",
                  "Senator", "Judge", "King", "Queen", "Sir", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms", "Professor"}

# "The Forth Bridge is a cantilever railway bridge across the Firth of Forth": what a named thing is.
_NAMED_IS = re.compile(r"^(?P<art>The )?(?P<name>[A-Z][\w’'-]*(?: (?:of|the|de|von|van) [A-Z][\w’'-]*| [A-Z][\w’'-]*)*)"
                       r" (?P<verb>is|was) (?P<rest>(?:a|an|the|one of) .+)$")


# "the first country to adopt ...", "the only man to ...": one of a kind, which the name is.
_RANKED = re.compile(r"the (?P<rank>first|last|only|largest|biggest|smallest|youngest|oldest|earliest|highest|"
                     r"longest|deepest) (?:(?P<noun>[a-z]+) )?(?P<what>to [a-z].+|in [a-z].+)$")
_PLACE_NOUNS = {"country", "city", "town", "port", "island", "state", "nation", "region", "place"}


def named_thing_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
    body, clipped = definiens(rest, False)
    verb = match.group("verb")
    if ranked := _RANKED.match(lower_first(body)):
        # "New Zealand was the first country to adopt an explicit inflation target": which country was,
        # not what New Zealand was. ("The Bank of Japan was the first to try it": try what, it does not say.)
        what = re.split(r",\s|;\s", ranked.group("what"))[0].rstrip(".")
        if re.search(r"\b(?:it|them|him|her|this|that)\b", what):
            return None
        noun = ranked.group("noun")
        which = f"Which {noun}" if noun else ("Who" if not art else "What")
        asked = " ".join(w for w in ("the", ranked.group("rank"), noun, what) if w)
        questions = (f"{which} {verb} the {ranked.group('rank')} {what}?", asked.removeprefix("the "),
                     f"What does the text name as {asked}?")
        return DraftEntry("place" if noun in _PLACE_NOUNS else "person", passage, questions,
                          f"{upper_first(named)}.", opening_quote(sentence, MAX_DEFINITION_WORDS), accept=(name,))
    # "John Snow was an unlikely challenger": a person's name (no article, two words or more) said
    # to be someone ("challenger", "physician") is asked "who".
    head = re.sub(r"^(?:a|an|the|one of the)\s+", "", body.lower()).split(" ")
    noun = next((w.strip(",;.") for w in head[1:5] + head[:1] if w.strip(",;.") in _ROLE_WORDS
                 or w.strip(",;.").endswith(("er", "or", "ist", "ian"))), None) if head else None
    # One word is a person's name too when what it is said to be is a trade ("Cline was a physician").
    wh = "Who" if not art and noun and (len(words) > 1 or noun in _ROLE_WORDS) else "What"
    questions = (f"{wh} {verb} {named}?", f"{name} description", f"What does the text say {named} {verb}?")
    return DraftEntry("person" if wh == "Who" else "definition", passage, questions,
                      f"{upper_first(named)} {verb} {lower_first(body)}", opening_quote(sentence, MAX_DEFINITION_WORDS),
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

# A person's name of two to four words: "Michael Ventris", "Alice Kober", "John F. Reynolds".
# The small words inside a family name: "Friedrich Georg Wilhelm von Struve", "Jacques de Vaucanson".
_PARTICLE = r"(?:von|van|de|der|den|du|da|di|del|della|ter|ten|zu|af) "
_PERSON_NAME = re.compile(rf"(?:{_NAME_WORD} ){{1,3}}(?:[A-Z]\. )?(?:{_PARTICLE})?{_NAME_WORD}")


def introduced_entry(passage: int, sentence: str, name: str, aside: str) -> DraftEntry | None:
    """Who someone is, where the text introduces them between commas: "Michael Ventris, a pupil at
    Stowe School, heard Evans lecture ..." -> "Who was Michael Ventris?" "A pupil at Stowe School."."""
    if not _PERSON_NAME.fullmatch(name) or name.split()[0] in _NOT_NAME_START:
        return None
    if not re.match(r"(?:an? |the )", aside) or _JUDGED.search(aside):  # "a pupil at ...", not "by then"
        return None
    questions = (f"Who was {name}?", f"{name} description", f"What does the text say {name} was?")
    return DraftEntry("person", passage, questions, f"{upper_first(aside)}.",
                      opening_quote(sentence, MAX_DEFINITION_WORDS), accept=(aside,))


# "It was designed by the engineers Sir John Fowler and Sir Benjamin Baker": who did it.
_DONE_BY = re.compile(r"^(?P<subject>[A-Z][^,;:]{0,60}?) (?P<be>was|were) (?P<done>[a-z]+) by (?:the )?"
                      r"(?P<role>(?:[a-z]+ ){0,2})(?P<agent>[A-Z][\w’'.-]*(?: (?:& )?[A-Z][\w’'.-]*)*"
                      r"(?:(?:, and|,| and) [A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*)*)")

# Past forms of the irregular verbs a "was ... by" names, from their participles.
_PAST_OF = {"built": "built", "written": "wrote", "drawn": "drew", "made": "made", "founded": "founded",
            "led": "led", "taken": "took", "given": "gave", "held": "held", "paid": "paid", "sold": "sold",
            "found": "found", "taught": "taught", "begun": "began", "chosen": "chose", "run": "ran",
            "won": "won", "seen": "saw", "known": "knew", "shown": "showed", "thought": "thought"}


def done_by_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
    questions = (f"Who {past} {subject}?", f"{keyword_form(subject)} {past} by",
                 f"Whom does the text name as having {done} {subject}?")
    names = tuple(n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", agent) if n.strip())
    return DraftEntry("person", passage, questions, upper_first(answer),
                      quote_holding(sentence, match.start("agent"), match.end("agent")),
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


def _whose(determiner: str, ctx: Context) -> str:
    """ "its" where the sentence before says whose ("Its commander was Jim Lovell": `entries_from`
    names it), else "the"."""
    return determiner if determiner != "The" and ctx.previous_subject else "the"


def called_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _CALLED.match(sentence)
    if match is None:
        return None
    thing = f"{_whose(match.group('det'), ctx)} {match.group('thing')}"
    name = match.group("name").strip("\"\u201c\u201d")
    questions = (f"What was {thing} called?", f"{keyword_form(match.group('thing'))} name",
                 f"What name does the text give {thing}?")
    return DraftEntry("claim", passage, questions, f"{name}.",
                      quote_holding(sentence, match.start("name"), match.end("name")), accept=(name,))


# "The flight controllers in Houston, led by flight director Gene Kranz, decided ...", "A review
# board chaired by Edgar Cortright found the cause": who led a body the sentence names.
_LED = ("led", "chaired", "headed", "commanded", "directed", "captained", "coached", "managed", "founded")
_LED_BY = re.compile(r"^(?P<np>(?:The|A|An) [a-z][\w-]*(?: [a-z][\w-]*){0,3}(?: (?:in|of) [A-Z][\w’'-]*)?),? "
                     rf"(?P<verb>{'|'.join(_LED)}) by (?P<role>(?:[a-z][\w-]* ){{0,3}})"
                     r"(?P<name>[A-Z][\w’'-]*(?: [A-Z][\w’'.-]*){1,3})(?=,| [a-z])")


def led_by_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _LED_BY.match(sentence)
    if match is None or not any(w in ctx.names for w in match.group("name").split()):
        return None
    body = re.sub(r"^(?:The|A|An) ", "the ", match.group("np"))
    verb, name, role = match.group("verb"), match.group("name"), match.group("role").strip()
    questions = (f"Who {verb} {body}?", f"{keyword_form(body)} {verb} by",
                 f"Whom does the text name as having {verb} {body}?")
    answer = upper_first(f"{role} {name}." if role else f"{name}.")
    accept = (name, name.split()[-1])
    return DraftEntry("person", passage, questions, answer,
                      quote_holding(sentence, match.start("name"), match.end("name")), accept=accept)


# "Thomson had invented the mirror galvanometer, which ...": what someone made or found.
_MADE = ("invented", "discovered", "designed", "devised", "patented", "developed", "founded", "created", "built",
         "wrote", "composed", "painted", "coined", "proposed")
_MADE_BY = re.compile(r"^(?P<name>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3}) (?:had |also |later |first |then )?"
                      rf"(?P<verb>{'|'.join(_MADE)}) (?P<thing>(?:the|a|an) [a-z][\w’'-]*(?: [\w’'-]+){{0,5}}?)"
                      r"(?=[,;.]|$| (?:in|at|on|during|for|with|which|that|while|when|after|before)\b)")


def made_by_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _MADE_BY.match(sentence)
    if match is None:
        return None
    name, verb, thing = match.group("name"), match.group("verb"), match.group("thing")
    if name.split()[0] in _NOT_NAME_START or not any(w in ctx.names for w in name.split()):
        return None
    questions = (f"What did {name} {lemma(verb)}?", f"{name} {verb}", f"What does the text say {name} {verb}?")
    return DraftEntry("claim", passage, questions, f"{upper_first(thing)}.",
                      quote_holding(sentence, match.start("name"), match.end("thing")),
                      accept=(thing.split(" ", 1)[1],))


# "... the Atlantic Telegraph Company in London, which raised £350,000 from investors": what a
# named body raised, cost or paid, said in a clause about it.
_WHICH_SUM = re.compile(r"(?P<body>(?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)+)(?: (?:in|of) [A-Z][\w’'-]*)?, which "
                        r"(?P<verb>raised|cost|paid|spent|earned|collected|received|borrowed) "
                        r"(?P<hedge>(?:about|some|nearly|over|more than|roughly|almost) )?"
                        r"(?P<sum>(?:US)?[$£€]\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?)")


def which_sum_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _WHICH_SUM.search(sentence)
    if match is None or not any(w in ctx.names for w in match.group("body").split()):
        return None
    body, verb = ctx.lower(match.group("body")), match.group("verb")
    questions = (f"How much did {body} {lemma(verb)}?", f"{keyword_form(body)} {verb} sum",
                 f"What sum does the text say {body} {verb}?")
    answer = upper_first(f"{match.group('hedge') or ''}{match.group('sum')}.")
    return DraftEntry("figure", passage, questions, answer,
                      quote_holding(sentence, match.start("body"), match.end("sum")), accept=(match.group("sum"),))


def role_is_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
                      quote_holding(sentence, match.start("name"), match.end("name")), accept=accept)


def place_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"The battle was fought in Adams County, ..." -> "Where was the battle fought?"."""
    plain = decap(sentence)
    clause = subject_clause(LEADING.sub("", plain), ctx)
    fact = (place_of(clause) if clause else None) or where_is(LEADING.sub("", plain))
    if fact is None:
        return None
    return DraftEntry("place", passage, fact.questions, fact.answer, opening_quote(sentence, MAX_ANSWER_WORDS),
                      accept=(*_where_before(fact.answer, fact.place), fact.place.removeprefix("the ")))


def _where_before(answer: str, place: str) -> tuple[str, ...]:
    """What the answer says before the named place, if it is a place too: "fire posts" of "At fire
    posts across the City." A quiz that accepted only "City" marked "fire posts" wrong."""
    at = answer.find(place)
    if at < 0:
        return ()
    words = answer[:at].split()[1:-1]  # without the preposition each side
    if words[:1] == ["the"]:
        words = words[1:]
    said = " ".join(words)
    if not words or len(words) > 5 or re.search(r"[,;:]", said) or all(w.lower() in STOPWORDS for w in words):
        return ()
    return (said,)


def person_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
                         rf"(?P<name>{_NAME_WORD}(?: (?:[A-Z]\. )?(?:{_PARTICLE})?{_NAME_WORD}){{1,3}})\b"
                         r"(?P<rest>[^;]*)")


def role_named_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = next((m for m in _ROLE_NAMED.finditer(sentence) if m.group("head") in _ROLE_WORDS
                  or m.group("head").endswith(("ologist", "ician"))), None)
    if match is None or match.group("name").split()[0] in _NOT_NAME_START:
        return None
    name, role = match.group("name"), match.group("role")
    role = re.sub(r"^(?:His|Her|Its|Their|Our|My) ", "", role)  # "His engineer": whose, the sentence alone does not say
    role = re.sub(r"^(?:The|A|An) ", "", role)  # "The young philosopher Immanuel Kant" opening a sentence
    rest = re.split(r"[,;:]\s", match.group("rest").strip())[0].rstrip(".")
    did = rest if rest and past_base(rest.split()[0]) else ""  # "visited the site in October 1883 and ..."
    did = re.sub(r"\s+(?:and|but)\s+\w+$", "", did)  # "surveyed the isthmus and concluded, wrongly, that ..."
    if re.search(r"\b(?:him|her|them)\b", did):
        did = ""  # "the physician Joseph Skoda backed him": whom, the answer alone cannot say
    article = "An" if role[0].lower() in "aeiou" else "A"
    answer, clipped = clip(f"{article} {role}{' who ' + did if did else ''}.", MAX_ANSWER_WORDS)
    questions = (f"Who was {name}?", f"{name} role", f"What does the text say {name} did?")
    # A quiz asks "Who was Rogier Verbeek?": his trade answers it, not his name (which it gives).
    head = role.split()[-1]
    accept = (role, head) if role != head else (role,)
    return DraftEntry("person", passage, questions, answer,
                      opening_quote(sentence[match.start("role"):], MAX_ANSWER_WORDS),
                      accept=accept, clipped=clipped)
