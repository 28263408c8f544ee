"""Drafted figures and dates: how many, how much, how big, how long, and when ("Americans planted
some 20 million ... in 1943", "The dam gave way on 31 May 1889")."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .draft_clause import UNSURE_OWNERS
from .draft_common import (
    LEADING,
    MAX_ANSWER_WORDS,
    MAX_SUBJECT_WORDS,
    NUMBER_WORDS,
    Context,
    DraftEntry,
    keyword_form,
    opening_quote,
    quote_holding,
    subject_clause,
)
from .draft_words import (
    YEAR,
    clip,
    decap,
    lemma,
    participle_base,
    past_base,
    upper_first,
)
from .text import STOPWORDS

_MONTH_WORDS = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"

# "... came during the First World War", "... began in 1943": a time phrase after the verb.
# At most a few words before the year or month: "by an article he is widely reported to have written for
# the Galveston News in 1891" says who shaped it, not when.
_TIME = re.compile(rf"^(?P<prep>in|during|by|after|before|since|until) (?P<time>(?:the )?(?:[^,;\s]+\s){{0,5}}?"
                   rf"(?:\b1[5-9]\d\d\b|\b20\d\d\b|\bWar\b|{_MONTH_WORDS}|\bcentury\b))"
                   r"(?=[,;.]|$|\s(?:and|but|when|while|after|before|with|by|at|on|for|from|as|under)\s)")
_PLURAL = r"(?:[a-z]+s|men|women|people|children)"

# Number words as written out: "three", "twelve", "forty-one", "a hundred".
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SPELT = (rf"(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|{NUMBER_WORDS}|eleven|twelve|"
          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred")
_ONE_FIGURE = rf"(?:\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?|{_SPELT})"

# "10 to 15 megatons", "five or six keepers", "50-60 metres": the range is the figure, never its last number.
_COUNT = re.compile(rf"\b(?P<figure>(?:{_ONE_FIGURE}(?: to | or |\s?[-–]\s?))?{_ONE_FIGURE}) [\"“]?"
                    rf"(?P<noun>(?:[a-z]+ )?{_PLURAL})\b")

# "Its tower is twenty-nine metres tall": how tall, long, deep ... something is.
_UNITS = r"metres|meters|feet|foot|miles|kilometres|kilometers|km|yards|inches|tons|tonnes|kilograms|kg|years"
_MEASURE = re.compile(rf"^(?P<subject>[A-Z][^,;:]{{1,60}}?) (?P<be>is|was|are|were|stands?|stood|rises?|rose|"
                      rf"measures?|measured|reache[sd]|reach) (?:each |about |some |nearly |"
                      rf"almost |over |just )*(?P<figure>\d[\d,.]*|{_SPELT}) (?P<unit>{_UNITS}) "
                      r"(?P<adj>tall|high|long|wide|deep|thick|heavy|old|across)\b")

# ... or said between commas, before what the subject did: "A wave of molasses, estimated at up to 7.6
# metres high, rushed through the streets".
_MEASURE_ASIDE = re.compile(rf"^(?P<subject>[A-Z][^,;:]{{1,60}}?), (?:(?:estimated|reckoned|said|thought|reported) "
                            rf"(?:at|to be) )?(?P<hedge>(?:up to |about |some |nearly |almost |over |perhaps )*)"
                            rf"(?P<figure>\d[\d,.]*|{_SPELT}) (?P<unit>{_UNITS}) "
                            r"(?P<adj>tall|high|long|wide|deep|thick|heavy|across), (?P<be>[a-z]+)\b")

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
_NOT_PLURAL = {"across", "always", "perhaps", "towards", "thus", "less", "afterwards", "besides", "unless", "minus",
               "plus"}
_HEDGE = re.compile(r"\b(?:some|about|around|nearly|almost|roughly|close to|over|more than|fewer than|just|"
                    r"as (?:much|many|little|few) as|up to|only)\b")

# What a clause may end with before its figure and mean nothing alone: "climbed its (three peaks)".
_DANGLING = re.compile(r"\s*\b(?:its|their|his|her|the|a|an|of|some)$")
_YEAR_PREPOSITIONS = {"in", "before", "after", "by", "until", "since"}
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


def measure_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"Its tower is twenty-nine metres tall" -> "How tall is the tower?"; "A wave of molasses, estimated
    at up to 7.6 metres high, rushed ..." -> "How high was the wave of molasses?"."""
    match = _MEASURE.match(decap(sentence)) or _MEASURE_ASIDE.match(decap(sentence))
    if not match:
        return None
    subject = re.sub(r"^(?:Its|Their|His|Her)\b", "The", match.group("subject"))
    subject = re.sub(r"^An? ", "The ", subject)  # what the sentence goes on to say of it
    if subject.lower() in {"it", "they"} and ctx.previous_subject and match.group("be") in {"is", "was", "are", "were"}:
        # "The cable itself was a strand of seven copper wires ... It was about 2,500 miles long"
        # (but "Wren and Hooke designed the Monument ... It stands 202 feet tall": the thing made).
        subject = re.sub(r" (?:itself|themselves)$", "", ctx.previous_subject)
    if subject.split()[0].lower() in {"it", "they", "this", "that", "there", "he", "she"}:
        return None
    subject, adj = ctx.lower(subject), match.group("adj")
    figure = f"{match.group('figure')} {match.group('unit')}"
    be = match.group("be")
    if be not in {"is", "was", "are", "were"}:  # the verb after the aside says when: "rushed", "runs"
        plural = re.split(r" (?:of|in|on|at|from)\b", subject)[0].endswith("s")
        be = ("were" if plural else "was") if past_base(be) else ("are" if plural else "is")
    hedge = match.groupdict().get("hedge") or ""
    adjective = "wide" if adj == "across" else adj
    questions = (f"How {adjective} {be} {subject}?", f"{keyword_form(subject)} {adjective}",
                 f"What does the text give as the {_SIZE.get(adjective, adjective)} of {subject}?")
    return DraftEntry("figure", passage, questions, upper_first(f"{hedge}{figure} {adj}."),
                      opening_quote(sentence, MAX_ANSWER_WORDS),
                      accept=(figure,))


_AS_ADJ_AS = re.compile(r"(?:about |nearly |almost )?as (\w+) as")
_SIZE = {"tall": "height", "high": "height", "long": "length", "wide": "width", "deep": "depth",
         "thick": "thickness", "heavy": "weight", "old": "age"}


def there_were_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
    return DraftEntry("figure", passage, questions, upper_first(f"{counted}."),
                      opening_quote(sentence, MAX_ANSWER_WORDS),
                      accept=(match.group("figure"),))


def figure_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    shared = _share(passage, sentence) or _copula_figure(passage, sentence, ctx)
    if shared is not None:
        return shared
    plain = decap(sentence)
    counts = [c for c in _COUNT.finditer(plain) if not YEAR.fullmatch(c.group("figure"))
              and not _CLOCK_AFTER.match(plain, c.end())  # "at seven minutes past four" is a time of day
              # "bought Egypt's 176,602 shares" (whose), "showed the two seas to be level" (what of them)
              and not re.search(r"['\u2019]s\s+$", plain[: c.start()]) and not _SAID_TO_BE.match(plain, c.end())
              # "between minus 850 and minus 1,760": no noun is counted
              and _counted(c.group("noun")).split()[-1] not in STOPWORDS | _NOT_PLURAL]
    if not counts:
        return _change(passage, plain, sentence, ctx)
    # "The two armies lost more than 50,000 men": the figure asked about is the one after the verb.
    found = next(((c, cl) for c in counts if (cl := subject_clause(LEADING.sub("", plain[: c.start()]), ctx))
                  and not re.search(r"[,;:]", cl.after) and not _OF_A_NOUN.search(cl.after)
                  and not re.search(r"\b\d", YEAR.sub("", cl.after))), None)  # nor after another figure
    if found is None:
        return None
    count, clause = found
    noun, subject = _counted(count.group("noun")), clause.subject
    counted = re.split(r"[,;:]\s", plain[count.start():])[0].rstrip(".")
    # Only a year in the figure's own clause dates it: "built by 9,000 laborers, ... after 1815" is undated.
    leading = plain[: count.start()] + counted
    year = YEAR.search(leading)
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
    questions = (first, f"number of {noun} {keyword_form(subject)} {clause.verb}{when}",
                 f"How many {noun} does {_giver(subject)} give for {subject}{when}?")
    return DraftEntry("figure", passage, questions, answer, quote_holding(sentence, count.start(), count.end()),
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
_COUNT_OPENS = (r"^(?P<hedge>(?:(?:more|fewer|less) than|about|some|nearly|over|almost|roughly|at least|up to|"
                r"only|just) )?"
                rf"(?P<figure>\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?|{_SPELT}) ")

# "More than 165 villages and towns were destroyed": the count is the subject of a passive verb.
# ... also first of a list ("About 13,200 houses, 87 parish churches and St Paul's Cathedral were
# destroyed": how many houses), and with how it was done ("were officially recorded").
_COUNTED_SUBJECT = re.compile(_COUNT_OPENS + rf"(?P<noun>(?:[a-z]+ )?{_PLURAL}(?: and {_PLURAL})?)"
                              r"(?P<others>(?:, [^,;:]{1,40}?)*,? and [^,;:]{1,40}?)? "
                              r"(?P<be>were|was|had been|have been) (?:(?P<adverb>[a-z]+ly) )?(?P<verb>[a-z]+)"
                              r"(?P<rest>[^,;:]*)", re.I)


def counted_subject_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
                          quote_holding(sentence, share.start("figure"), share.end("verb")),
                          accept=(share.group("figure"),))
    lead = LEADING.match(sentence) or _WHEN_LEADING.match(sentence)
    match = _COUNTED_SUBJECT.match(sentence[lead.end():] if lead else sentence)
    if match and match.group("verb") == "dead" and match.group("be") in {"were", "was"}:
        noun = match.group("noun")  # "2,209 people were dead": how many died
        figure = f"{match.group('hedge') or ''}{match.group('figure')}"
        at = lead.end() if lead else 0
        return DraftEntry("figure", passage, (f"How many {noun} died?", f"number of {noun} dead",
                                              f"How many {noun} does the text say died?"),
                          upper_first(f"{figure}."),
                          quote_holding(sentence, at + match.start("figure"), at + match.end("verb")),
                          accept=(match.group("figure"),))
    if not match or not participle_base(match.group("verb")):
        return None
    noun, be = match.group("noun"), match.group("be")
    be = "were" if be == "was" else be
    # What was done to them, up to another count: "were killed (and about 9,000 injured)".
    rest = re.split(r"\s(?:and|but)\s|\d", match.group("rest"))[0].strip().rstrip(".")
    done = " ".join(w for w in (match.group("adverb"), match.group("verb")) if w)
    said = f"{be} {done}{' ' + rest if rest else ''}"
    figure = f"{match.group('hedge') or ''}{match.group('figure')}"
    questions = (f"How many {noun} {said}?", f"number of {noun} {match.group('verb')}",
                 f"How many {noun} does the text say {said}?")
    at = lead.end() if lead else 0
    return DraftEntry("figure", passage, questions, upper_first(f"{figure}.".strip()),
                      quote_holding(sentence, at + match.start("figure"), at + match.end("noun")),
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
    year = YEAR.search(sentence)
    when = f" in {year.group()}" if year and year.group() not in rest else ""
    asked = f"{group} {verb} {rest}".strip()
    questions = (f"What share of {asked}{when}?", f"share of {keyword_form(f'{group} {rest}')}{when}",
                 f"What percentage of {asked}, according to the text?")
    return DraftEntry("figure", passage, questions, f"{share}{when}.", opening_quote(sentence, MAX_ANSWER_WORDS),
                      accept=(share,))


def _copula_figure(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"... and the official death toll was 36,417 people" -> "What was the official death toll?"."""
    match = _COPULA_FIGURE.search(decap(sentence))
    if match is None or YEAR.fullmatch(match.group("figure")):
        return None
    subject, be = ctx.lower(match.group("subject")), match.group("be")
    if subject.split()[0].lower() in UNSURE_OWNERS | {"its"}:  # whose is not always the subject before
        subject = " ".join(["the", *subject.split()[1:]])
    said = f"{match.group('hedge') or ''}{match.group('figure')}{match.group('unit') or ''}"
    year = YEAR.search(sentence)
    when = f" in {year.group()}" if year else ""
    questions = (f"What {be} {subject}{when}?", f"{keyword_form(subject)}{when}",
                 f"How large {be} {subject}{when}, according to the text?")
    return DraftEntry("figure", passage, questions, f"{upper_first(said)}{when}.",
                      quote_holding(sentence, match.start("figure"), match.end("figure")),
                      accept=(match.group("figure") + ("%" if match.group("unit") == "%" else ""),))


def _change(passage: int, plain: str, sentence: str, ctx: Context) -> DraftEntry | None:
    """"Traffic fell by 62% in 2020" -> "By how much did traffic fall in 2020?"."""
    clause = subject_clause(LEADING.sub("", plain), ctx)
    match = _BY_PERCENT.match(clause.after) if clause else None
    if clause is None or match is None:
        return None
    year = YEAR.search(plain)
    when = f" in {year.group()}" if year else ""
    figure = match.group("figure")
    questions = (clause.ask("By how much", when.strip()), f"{keyword_form(clause.subject)} change{when}",
                 clause.ask("How far", when.strip()).removesuffix("?") + ", according to the text?")
    return DraftEntry("figure", passage, questions, f"By {figure}{when}.", opening_quote(sentence, MAX_ANSWER_WORDS),
                      accept=(figure,))


# A subject that names no thing but a turn of the argument ("the main exception", "the decisive
# step"): what it is, the sentences before say, and "When did the main exception come?" cannot.
_TURN_OF_ARGUMENT = re.compile(
    r"(?:the|a|an|this|that|its|his|her|their)\s+(?:(?:main|chief|only|real|decisive|key|crucial|first|last|next|"
    r"final|biggest|greatest|other|one)\s+)?(?:exception|step|clue|problem|point|question|answer|result|reason|"
    r"difference|turn|moment|change|progress|puzzle|idea|lesson|argument|breakthrough|surprise|challenge|"
    r"difficulty|solution|sign|hint)s?", re.I)


# Work of no stated thing: "Work began in 1696" after "The first tower was the work of Henry
# Winstanley" asks when work on the first tower began; "When did work begin?" says of what to no one.
_BARE_WORK = re.compile(r"(?:the\s+)?(?:work|construction|building|excavation|digging|planning|fighting)", re.I)


def when_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    plain = decap(sentence)
    clause = subject_clause(LEADING.sub("", plain), ctx)
    if clause is not None and _TURN_OF_ARGUMENT.fullmatch(clause.subject):
        return None
    if clause is not None and _BARE_WORK.fullmatch(clause.subject) and ctx.previous_subject \
            and not _BARE_WORK.fullmatch(ctx.previous_subject):
        clause = replace(clause, subject=f"{clause.subject} on {ctx.lower(ctx.previous_subject)}")
    if clause is not None and not clause.passive and _DATED_BY.match(clause.after):
        # "A reanalysis published in 2016 by a team ... sharpened the debate": what was done to it, and when.
        clause = replace(clause, aux="was")
    match = _TIME.match(clause.after) if clause else None
    if clause is None or not match or re.match(r"\d[\d.,]*\s?(?:%|per)", match.group("time")):
        return None
    time = match.group("time")
    which = "In which year" if re.fullmatch(r"\d{4}", time) else "In what period"  # "In 2016": not a period
    questions = (clause.ask("When"), f"{keyword_form(clause.subject)} date", clause.ask(which))
    answer = f"{upper_first(match.group('prep'))} {time}."
    return DraftEntry("date", passage, questions, answer, opening_quote(sentence, MAX_ANSWER_WORDS), accept=(time,))


# A day and month (and year), or a year, said after where or how something was done: "splashed down
# in the Pacific Ocean ... on 17 April 1970", "on the evening of 13 April".
_DATE_INSIDE = re.compile(rf"\b(?P<prep>on|in) (?:the (?:morning|afternoon|evening|night) of )?"
                          rf"(?P<time>[0-3]?\d {_MONTH_WORDS}(?: (?:1[5-9]\d\d|20\d\d)\b)?"
                          rf"|{_MONTH_WORDS} [0-3]?\d\b(?:, (?:1[5-9]\d\d|20\d\d)\b)?"
                          rf"|{_MONTH_WORDS} (?:1[5-9]\d\d|20\d\d)\b"
                          r"|\b(?:1[5-9]\d\d|20\d\d)(?:(?: and | to |\u2013|-)(?:1[5-9]\d\d|20\d\d))?\b)"
                          r"(?![\d%]|s\b| per\b)")  # not "the 1970s"; "in 1828 and 1829" whole
_A_COUNT = re.compile(r"(?:(?:only|some|about|over|nearly|almost|more than|fewer than) )?\d")

# Where, how or with what, after what was done: not asked ("reached Sunderland in October 1831").
_ADJUNCT_OPENERS = {"in", "on", "at", "from", "to", "into", "near", "across", "over", "under", "through", "by", "for",
                    "with", "during", "after", "before", "above", "below", "off", "around", "along", "via", "as"}
MAX_DONE_WORDS = 5
_VERB_BETWEEN = {"is", "are", "was", "were", "has", "have", "had", "been", "be", "being"}

# Words that go with a verb ("splashed down", "set off"): asked with it.
_PARTICLES = {"down", "up", "off", "out", "back", "away"}


def dated_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"Apollo 13 splashed down in the Pacific Ocean ... on 17 April 1970" -> "When did Apollo 13
    splash down?": a date in the sentence's own clause, after what `when_entry` reads."""
    clause = subject_clause(LEADING.sub("", decap(sentence)), ctx)
    if clause is None or _A_COUNT.match(clause.subject) or _TIME.match(clause.after):
        return None  # "only 486 ships passed through in 1870": the count is the fact, not the year
    # (", a stone column finished in 1677" says what the object is, and when that was finished.)
    own = re.split(r"[;:]|,\s(?:which|who|and|but|after|when|while|as|so|a|an)\b|\s(?:which|who|because|although|"
                   r"while|after|before|when)\s", clause.after)[0]
    match = _DATE_INSIDE.search(own)
    if match is None:
        return None
    # What the verb did, asked with it; where and how, left out: "reached Sunderland in October
    # 1831" asks "When did the disease reach Sunderland?", "was launched from the Kennedy Space
    # Center in Florida on 11 April" asks "When was Apollo 13 launched?".
    between = clause.after[: match.start()].split()
    if re.search(r"\bfrom\b.*\d", " ".join(between)):
        return None  # "fell from 12.24 per cent in April 1847 to 1.2 per cent in July": the figure's date
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
    questions = (clause.ask("When", asked), f"{keyword_form(clause.subject)} {clause.verb} date",
                 clause.ask(which, asked))
    return DraftEntry("date", passage, questions, f"{upper_first(match.group('prep'))} {time}.",
                      quote_holding(sentence, match.start("time"), match.end("time")), accept=(time,))


# A verb with a date and then its doer, and no object: done to the subject, not by it (a participle).
_DATED_BY = re.compile(r"(?:in|on|during)\s[^,;:]*?\bby\s", re.I)

# "In 1925 the court ruled against the company", "On 15 January 1919, a tank burst": the date
# opens the sentence, before what happened then.
# ("Before 1883", "By 1875" bound a time without giving it: no date to ask for.)
_FRONTED_DATE = re.compile(r"^(?P<prep>On|In|During) (?P<part>the (?:morning|afternoon|evening|night) of )?"
                           rf"(?P<time>(?:the )?(?:[0-3]?\d )?(?:{_MONTH_WORDS} )?(?:[0-3]?\d, )?(?:1[5-9]\d\d|20\d\d))"
                           r"\b,? (?:(?:at|around|about|shortly|just) [^,]{2,60}, )?(?P<rest>.+)$")


def fronted_date_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"In 1925 the court ruled against the company, ..." -> "When did the court rule against the company?"."""
    match = _FRONTED_DATE.match(decap(sentence))
    clause = subject_clause(match.group("rest"), ctx) if match else None
    if match is None or clause is None or re.search(r"\d", clause.subject):
        return None  # "In 1870 only 486 ships passed through": the count is the fact, not the year
    done = re.split(r"[,;:]\s|\s(?:and|but|which|who)\s", clause.after)[0].strip().rstrip(".")
    if len(done.split()) > MAX_SUBJECT_WORDS:  # "exploded in the air above the forests of ...": in the air
        done = re.split(r"\s(?=(?:above|below|over|under|near|beyond|across|of|from|with|between)\s)", done)[0]
    if not 0 < len(done.split()) <= MAX_SUBJECT_WORDS and not clause.passive:
        return None  # "When did Queen Victoria cross?" says too little; a clause of its own, too much
    if re.search(r"\d", done) or re.search(r"\b(?:him|her)\b", done):
        # "In 1848 it averaged 1.27 per cent": the figure is what the year says, and asking "When did
        # it average 1.27 per cent?" turns it round; "have him committed": whom, the question cannot say.
        return None
    time = match.group("time")
    which = "In which year" if re.fullmatch(r"\d{4}", time) else "On what date" if match.group("prep") == "On" \
        else "In what period"
    # "railroad sold date", not "railroad sell date"
    questions = (clause.ask("When", done), f"{keyword_form(clause.subject)} {clause.verb} date",
                 clause.ask(which, done))
    return DraftEntry("date", passage, questions, f"{match.group('prep')} {time}.",
                      quote_holding(sentence, match.start("time"), match.end("time")), accept=(time,))


# "..., which paid about 628,000 dollars in damages": a figure that something named just before did.
_CURRENCIES = {"dollars", "pounds", "euros", "francs", "marks", "roubles", "rubles", "yen", "crowns", "kronor",
               "guineas", "shillings", "pesos", "rupees"}
_WHICH_FIGURE = re.compile(
    r"\b(?P<np>(?:the|a|an|its|their) [a-z][\w-]*(?: [a-z][\w-]*){0,2}), (?:which|who) (?P<verb>[a-z]+) "
    r"(?P<hedge>(?:about|some|nearly|almost|around|roughly|more than|over|up to) )?"
    r"(?P<figure>(?:US)?[$£€]?\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?) (?P<noun>[a-z]+)"
    r"(?P<rest>(?: (?:in|for|to|on|of|at|from) [a-z]+(?: [a-z]+)?)?)(?=[.,;]|$)")


def which_figure_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"the court ruled against the company, which paid about 628,000 dollars in damages" ->
    "How much did the company pay in damages?"."""
    match = _WHICH_FIGURE.search(decap(sentence))
    if match is None or not past_base(match.group("verb")) or YEAR.fullmatch(match.group("figure")):
        return None
    owner, base = ctx.lower(match.group("np")), lemma(match.group("verb"))
    noun, rest = match.group("noun"), match.group("rest")
    money = noun in _CURRENCIES
    if not money and not re.fullmatch(_PLURAL, noun):
        return None
    asked = f"How much did {owner} {base}{rest}?" if money else f"How many {noun} did {owner} {base}{rest}?"
    figure = f"{match.group('hedge') or ''}{match.group('figure')} {noun}"
    questions = (asked, f"{keyword_form(owner)} {base} {'amount' if money else noun}",
                 f"What figure does the text give for what {owner} {match.group('verb')}{rest}?")
    return DraftEntry("figure", passage, questions, f"{upper_first(figure)}{rest}.",
                      quote_holding(sentence, match.start("figure"), match.end("noun")),
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


def duration_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
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
                 f"{keyword_form(subject)} {'lifespan' if base in {'live', 'survive'} else 'duration'}",
                 f"For how long {aux} {subject} {base}, according to the text?")
    return DraftEntry("figure", passage, questions, upper_first(f"{match.group('hedge') or ''}{span}."),
                      quote_holding(sentence, match.start("n"), match.end("unit")), accept=(span,))


# "At least 57 men died on the site": a count that did something, in the active voice.
_COUNTED_ACTING = re.compile(_COUNT_OPENS + rf"(?P<noun>(?:[a-z]+ )?{_PLURAL}) "
                             r"(?P<verb>[a-z]+ed|fought|came|went|left|ran)(?P<rest>[^,;:]*)",
                             re.I)


def counted_acting_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    match = _COUNTED_ACTING.match(sentence)
    verb = match.group("verb").lower() if match else ""
    if not match or not (past_base(verb) or verb in _ACTING_PAST) or YEAR.fullmatch(match.group("figure")):
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
                      quote_holding(sentence, match.start("figure"), match.end("noun")),
                      accept=(match.group("figure"),))


_ACTING_PAST = {"died", "fled", "left"}  # past tenses `past_base` leaves alone: too short, or as often another word
_PEOPLE_WORDS = {"men", "women", "people", "children", "workers", "soldiers", "sailors", "passengers", "residents",
                 "miners", "crew", "victims", "survivors", "students", "members", "citizens", "prisoners"}


# "A colony has one queen", "colonies that can hold up to 60,000 workers", "The ship had 3 masts": a
# count of what something has or can hold, said in the present as often as the past.
_HOLDS = re.compile(
    r"(?:^|(?<=, )|\b(?:in|of|with|on) )(?P<subject>(?:(?:[Aa]n?|[Tt]he|[Ee]ach|[Ee]very) )?[a-z][a-z-]+"
    r"(?: (?!that\b|which\b)[a-z][a-z-]+)?|"
    r"(?:[A-Z][\w-]*\s){0,3}[A-Z][\w-]*)(?: (?:that|which))? (?P<verb>has|have|had|can hold|could hold|can carry|"
    r"could carry|can lay|could lay|holds|held|carries|carried|contains|contained|employs|employed) "
    r"(?P<hedge>(?:up to|about|some|nearly|over|almost|roughly|more than|as many as|at least) )?"
    rf"(?P<figure>\d(?:[\d,.]*\d)?(?: (?:million|billion|thousand))?|{_SPELT}|one) "
    rf"(?P<noun>(?:[a-z]+ )?(?:{_PLURAL}|queen|king|leader|head|owner))\b")
_HOLDS_ASKED = {"has": ("does", "have"), "have": ("do", "have"), "had": ("did", "have"), "holds": ("does", "hold"),
                "held": ("did", "hold"), "carries": ("does", "carry"), "carried": ("did", "carry"),
                "contains": ("does", "contain"), "contained": ("did", "contain"), "employs": ("does", "employ"),
                "employed": ("did", "employ")}
_HOLDS_DATED = re.compile(r"^(In|By) ((?:[A-Z][a-z]+ )?(?:1[5-9]|20)\d\d),? ")
_NOT_HOLDERS = {"it", "they", "he", "she", "this", "that", "there", "which", "who", "whose", "whom", "we", "you", "i",
                "one"}


def holds_entry(passage: int, sentence: str, ctx: Context) -> DraftEntry | None:
    """"A colony has one queen" -> "How many queens does a colony have?"; "Honeybees live in colonies
    that can hold up to 60,000 workers in summer" -> "How many workers can colonies hold?"."""
    plain = decap(sentence)
    dated = _HOLDS_DATED.match(plain)  # "In 1850 the town had 4,000 inhabitants": in 1850
    at = dated.end() if dated else 0
    match = _HOLDS.search(plain[at:])
    if match is None or YEAR.fullmatch(match.group("figure")):
        return None
    when = f" {dated.group(1).lower()} {dated.group(2)}" if dated else ""
    subject = ctx.lower(match.group("subject"))
    if subject.lower().split()[-1] in _NOT_HOLDERS or subject.lower().split()[0] in _NOT_HOLDERS:
        return None
    noun, verb = match.group("noun"), match.group("verb")
    counted = noun if noun.endswith("s") or noun in {"men", "women", "people", "children"} else f"{noun}s"
    if " " in verb:  # "can hold": "How many workers can colonies hold?"
        modal, base = verb.split()
        first = f"How many {counted} {modal} {subject} {base}{when}?"
    else:
        aux, base = _HOLDS_ASKED[verb]
        first = f"How many {counted} {aux} {subject} {base}{when}?"
    figure = f"{match.group('hedge') or ''}{match.group('figure')}"
    questions = (first, f"number of {counted} {keyword_form(subject)} {base}{when}",
                 f"How many {counted} does {_giver(subject)} give for {subject}{when}?")
    return DraftEntry("figure", passage, questions, upper_first(f"{figure} {noun}."),
                      quote_holding(sentence, at + match.start("figure"), at + match.end("noun")),
                      accept=(match.group("figure"),))


def _giver(subject: str) -> str:
    """Who gives a figure: "the text", or "the author" when the figure is of a text ("How many times
    does the author give for the same text?", not "does the text give for the same text")."""
    return "the author" if re.search(r"\btexts?\b", subject, re.I) else "the text"
