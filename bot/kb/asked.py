"""What a question asks for, and what an answer supplies.

"How many ..." asks for a figure, "when ..." for a time, "who ..." for someone, "how much did it
cost" for a sum of money, "on what date" for a day of a month, "how long" for a length or a
duration. An entry or sentence that
supplies none of what is asked answers another question, however many words it shares with
this one: "How many troops?" is not answered by "Russia increased its troops", nor "On what
date did she die?" by "she died of cholera", nor "How much did the sewers cost?" by "82 miles
of sewers".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

FIGURE = "figure"
TIME = "time"
DATE = "date"
MONEY = "money"
MEASURE = "measure"  # a length, a height, a weight, an area: a figure with its unit
NAME = "name"  # someone: a person, a body, a country (the matcher knows the text's names)
DURATION = "duration"  # how long something lasted: "three weeks", "for nine years", "since 2012"
DAY = "day"  # a day of a month: "on 8 September", "September 8th", a weekday ("on what exact date")
EXTENT = "extent"  # "how long was it": a length or a duration, either answers (never supplied as such)
TEMPERATURE = "temperature"  # "how cold was it": degrees
SPEED = "speed"  # "what was its speed", "how fast was the ship": so far in so long ("56 kilometres per hour",
# "ten knots"); "how fast did putin want the treaty" may ask how soon
COUNT = "count"  # "how many": a figure that is neither a day of a month, a sum of money nor a time of day
PLACE = "place"  # "where": a place, which a sentence of the text says as "in Vladivostok", "at the pier"
# "when does a bill become an Act": when, as a rule, which a time or the occasion answers ("When the
# Governor-General signs it, the bill ... becomes an Act"); "when did" asks for a time.
OCCASION = "occasion"
CONDITION = "condition"  # a clause that says on what occasion: "when the Governor-General signs it", "once ..."
# Which way a measure goes: "how tall" is a height, which "a mile and a half long" does not say.
HEIGHT, DEPTH, WIDTH, WEIGHT = "height", "depth", "width", "weight"
# "By when did Putin want the treaty", "how soon": a time by which something is to happen, which a
# deadline ("by the end of the year") answers as well as a date does. Nothing else it answers: "by the
# end of the year" does not say when the proposal was made.
DEADLINE = "deadline"
AGE = "age"  # "how old was she when ...", "at what age": "aged 45", "fourteen years old", "at twenty-two"

# "may" is a month only as "May": "it may be" is no date.
_MONTHS = r"january|february|march|april|(?-i:May)|june|july|august|september|october|november|december"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|few"
# Spelt numbers past ten: "about forty centimetres", "fifteen ships".
_LARGER_NUMBERS = (r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                   r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")

# A count by its name: "what was the population of batavia", "what's the death toll".
COUNT_NOUN = re.compile(r"\bwhat(?:'s|\u2019s|\s+is|\s+was|\s+were|\s+are)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
                        r"(population|toll|tally|headcount|turnout)\b", re.I)
# A quantity by its name: "what was the temperature that day", "what's the average age of a worker".
# A height is a measure; a length may be a duration ("the length of his reign"): either answers.
QUANTITY_NOUN = re.compile(r"\bwhat(?:s|'s|\u2019s|\s+is|\s+was|\s+were|\s+are)\s+(?:the|its|their|his|her)\s+"
                           r"(?:[\w'\u2019-]+\s+){0,2}(temperature|speed|velocity|age|rate|size|magnitude|pressure|"
                           r"height|depth|length|width|breadth|distance|altitude|elevation|diameter|circumference|"
                           r"area|weight|volume|capacity)\b", re.I)
_QUANTITY_ASKS = {"temperature": (FIGURE, TEMPERATURE), "speed": (FIGURE, SPEED), "velocity": (FIGURE, SPEED),
                  **dict.fromkeys("height depth length width breadth distance altitude elevation diameter "
                                  "circumference area weight volume capacity".split(), (FIGURE, EXTENT))}
# ... and as keywords: "vasa death toll", "tambora death toll".
_DEATH_TOLL = r"\b(?:death|casualty|body)\s+(?:toll|count)s?\b"
_ASKS_COUNT = re.compile(r"\bhow many\b|" + _DEATH_TOLL + "|" + COUNT_NOUN.pattern, re.I)
_ASKS_TEMPERATURE = re.compile(r"\bhow (?:hot|cold|warm)\b", re.I)
_ASKS_SPEED = re.compile(r"\bhow fast (?:was|is|were|are|could|can"
                         r"|did (?:it|they|she|he) (?:go|travel|move|sail|fly|run))\b", re.I)
_ASKS_FIGURE = re.compile(r"\bhow (?:many|much|old)\b|\bby what (?:vote|margin|majority)\b"
                          r"|\bwhat (?:share|percentage|proportion|number|amount)\b|%|" + _DEATH_TOLL + "|"
                          + COUNT_NOUN.pattern, re.I)
_ASKS_DIMENSION = re.compile(r"\bhow (tall|high|deep|wide|thick|heavy)\b"
                             r"|\bwhat (?:was |is |were |are )?(?:the |its |their )?"
                             r"(height|depth|width|thickness|weight)\b",
                             re.I)
_DIMENSIONS = {"tall": HEIGHT, "high": HEIGHT, "height": HEIGHT, "deep": DEPTH, "depth": DEPTH, "wide": WIDTH,
               "width": WIDTH, "thick": WIDTH, "thickness": WIDTH, "heavy": WEIGHT, "weight": WEIGHT}
_DIMENSION_SAID = {
    HEIGHT: re.compile(r"\b(?:tall|high|higher|height|heights|elevation|altitude|above|rose|rising|rises|tower\w*)\b",
                       re.I),
    DEPTH: re.compile(r"\b(?:deep|deeper|depths?|below|beneath|down|under)\b", re.I),
    WIDTH: re.compile(r"\b(?:wide|wider|width|across|broad|breadth|diameter|thick|thickness|span)\b", re.I),
    WEIGHT: re.compile(r"\b(?:weigh\w*|heavy|heavier|tons?|tonnes?|kilograms?|kg|pounds?|lbs?|grams?|ounces?)\b",
                       re.I),
}
# Someone's age at a moment: "how old was he when he died", "at what age did she marry". ("How old is
# the stone" may be answered by when it was made.)
_ASKS_AGE = re.compile(r"\bhow old (?:was|were|is|are)\b.*\b(?:when|during|while|at the time|by the time|in \d{4})\b"
                       r"|\b(?:at )?what age\b", re.I)
_AGE_NUMBER = (rf"(?:about |around |nearly |almost |only |just )?(?:\d{{1,3}}|{_NUMBER_WORDS}"
               rf"|(?:{_LARGER_NUMBERS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)")
_AGE = re.compile(rf"\baged?\s+(?:of\s+)?{_AGE_NUMBER}\b|\b{_AGE_NUMBER}[ -]years?[ -]old\b"
                  rf"|\bat (?:the age of )?{_AGE_NUMBER}(?=\s*(?:[,;)]|\.(?!\d)|$|and\b|when\b))"
                  r"|\bin (?:his|her|their) (?:early |late |mid-)?(?:teens|twenties|thirties|forties|fifties|sixties|"
                  r"seventies|eighties|nineties)\b"
                  # "He was 45 when he died", "she was only thirteen."
                  rf"|\b(?:was|were|is|turned)\s+{_AGE_NUMBER}(?=\s*(?:[,;)]|\.(?!\d)|$|when\b|at the time\b))"
                  # A curator's answer that is the age itself: "45, in 1858.", "Fourteen."
                  rf"|^\W*{_AGE_NUMBER}(?=\s*(?:[,;)]|\.(?!\d)|$))", re.I)
# "When" and "where" ask a time and a place where they open the question, or a part of it after a
# comma ("in 1858, when did it fail"), and not a clause about something else ("how old was he when
# he died", "the town where he was born", "how do bees know where food is").
_OPENING = r"(?:^|[,;:])\W*(?:(?:so|ok|okay|and|but|wait|like|lol|tbh|ngl|hey|yo|then)\W+)*"
_NO_CLAUSE = r"\b(?! (?:he|she|it|they|we|you|i|the|a|an|his|her|their|its|this|that)\b)"
_ASKS_TIME = re.compile(_OPENING + r"(?:since\W+|until\W+)?when" + _NO_CLAUSE
                        + r"|\bwhat (?:year|month|date|day|time)\b|\bwhich (?:year|month|day|date)\b", re.I)
_ASKS_PLACE = re.compile(_OPENING + r"(?:from\W+|to\W+)?where" + _NO_CLAUSE, re.I)
_ASKS_AS_A_RULE = re.compile(_OPENING + r"when\s+(?:does|do|can|should|must|may|will)\b", re.I)
_CONDITION = re.compile(r"\b(?:when|whenever|once|as soon as|after|until)\s+(?:the|a|an|it|they|he|she|its|their|this|"
                        r"that|these|those|[a-z]+)\s+[a-z]+", re.I)
# A place said: a preposition before a name ("in the North End of Boston", "at the Eastern Economic
# Forum"), a destination ("bound for Lebanon"), or a word for a place ("beside the pump in the
# cellar" is not one; "near the harbour" is).
_PLACE_SAID = re.compile(
    r"\b(?:in|at|on|near|from|to|into|off|outside|inside|across|beside|by|of|towards?|through|over|under)\s+"
    rf"(?:(?:the|a|an)\s+)?(?:[\w'\u2019-]+\s+)?(?!(?:{_MONTHS}|{_WEEKDAYS})\b)(?-i:[A-Z])"
    r"|\b(?:bound|headed|heading|destined|left|leaving|sailed|sailing|set out|set off|departed|departing)\s+for\s+"
    r"(?:the\s+)?(?-i:[A-Z])"
    r"|\b(?:city|cities|town|village|island|islands|port|harbou?r|coast|shore|sea|ocean|river|lake|bay|strait|"
    r"mountains?|valley|country|countries|region|province|capital|street|square|district|parish|county|"
    r"neighbou?rhood|suburbs?|site|camp|station|bridge|border|abroad|home|house|hospital|church|cemetery|"
    r"field|farm|mine|factory|works|yard|dock|pier|quay|wharf|cellar|basement|building|hall|palace|forum|"
    r"summit|conference|plenary|margins)\b", re.I)
# "By when", "how soon", "what deadline": asks for a time something is to happen by (DEADLINE).
_ASKS_DEADLINE = re.compile(r"\bby when\b|\bwhen\b.*\bby\W*$|\bby what (?:date|day|month|year|time)\b|\bdeadlines?\b"
                            r"|\bhow soon\b|\buntil when\b|\btime ?(?:limit|frame|line)\b", re.I)
# "How long" asks for a length ("how long was the canal") or a duration ("how long was he keeper").
_ASKS_EXTENT = re.compile(r"\bhow long\b", re.I)
# "Since" says a time when it goes back to one ("since then", "since 1945", "has since withstood",
# "ever since"), not when it gives a reason (", since no instrument recorded it").
_SINCE_A_TIME = (rf"\bsince\s+(?:then|\d|{_MONTHS}|(?:the\s+)?(?:end|start|beginning|early|late|mid|turn|time|days|"
                 r"war|fall|collapse|death|founding)\b)|\bever since\b|\bsince\W*$"
                 r"|\b(?:has|have|had)\b[^.;,]*\bsince\b")
# A length of time, not a point in it: "In October 1825" does not say how long anything was.
_DURATION_SAID = re.compile(rf"\b(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS}|{_LARGER_NUMBERS}|a few|several|many)[ -]"
                            r"(?:more |full |whole |long )?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|"
                            rf"months?|years?|decades?|centuries|century)\b|{_SINCE_A_TIME}|\buntil\b", re.I)
# "By what date" asks for a deadline, which a time answers ("by the end of the year"). "Which
# month" asks for one by name: "in 2014" does not say it.
_ASKS_DATE = re.compile(r"(?<!\bby )\b(?:what|which) (?:exact |precise |specific )?(?:date|day|month)\b"
                        r"|\bexact date\b", re.I)
_ASKS_MONEY = re.compile(r"\bhow much\b.*\b(?:cost|costs|costing|pay|paid|pays|spend|spent|spends|price|charge|"
                         r"charged|worth|invest|invested|invests|lend|lent|loan|owe|owed|earn|earned|earns|fund|"
                         r"funded|sell for|sold for|fetch|fetched|fine|fined)\b"
                         r"|\bhow much (?:[\w-]+ )?(?:money|cash|funding|capital|revenue|profits?|income|damages|"
                         r"compensation|debt)\b"
                         r"|\bhow expensive\b|\bwhat (?:did|does|do|would|will) (?:[\w-]+ ){1,6}cost\b"
                         r"|\bwhat (?:salary|salaries|wages?|price|prices|fees?|fares?|sum|rent)\b"
                         r"|\bwhat (?:was|is|were|are) the (?:cost|price|budget|value)\b", re.I)
_ASKS_MEASURE = re.compile(r"\bhow (?:far|deep|tall|high|heavy|wide|thick)\b"
                           r"|\bwhat (?:length|height|depth|width|weight|area|distance)\b", re.I)
_ASKS_NAME = re.compile(r"\bwho(?:m|se)?\b|\bwhich\b(?! (?:year|month|day|date|time)\b)", re.I)
# "What were the names of the five men ...": the names of those men, whoever they were.
_NAMES_OF_WORDS = r"what(?:s|'s|\u2019s|\s+is|\s+was|\s+are|\s+were)\s+(?:(?:the|their|his|her|its)\s+)?names\s+of\b"
# Opening "who", or "which"/"what" and a kind of thing known by its name ("which company laid the
# cable", "what city hosted it"): what answers it names someone or something the question does not.
# "Who was John Snow?" asks what he was, not a name.
_ASKS_A_NAME = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but|well|hey|yo|lol|tbh|ngl|hmm|wait|like)\W+)*"
    r"(?:who(?:m|se)?\b(?!\s+(?:is|was|are|were)\s+(?!(?:the|a|an|this|that|his|her|its|their)\b|"
    r"[\w-]+(?:'s|\u2019s)\s)\w)|(?:which|what)\s+(?:[\w-]+\s+)?(?:compan(?:y|ies)|firms?|cit(?:y|ies)|towns?|"
    r"countr(?:y|ies)|persons?|people|m[ae]n|wom[ae]n|newspapers?|papers?|organi[sz]ations?|ships?|islands?|"
    r"ports?|statisticians?|doctors?|engineers?|scientists?|officials?|captains?|leaders?|presidents?|"
    r"ministers?|names?|orgs?|outfits?|nations?|states?|regions?|universit(?:y|ies)|schools?|agenc(?:y|ies)|"
    r"groups?)\b|" + _NAMES_OF_WORDS + ")", re.I)

# A year, a range of years ("1831–32", "1848-1849") or a decade ("1860s") is a time, not a figure:
# "how many died at the colliery in 1831–32" is not answered by the years alone.
# An older year counts where its era or a preposition says it is one: "in 196 BC", "AD 476", "in 1066".
_ERA_YEAR = (r"\b\d{1,4}\s?(?-i:BCE|BC|CE|AD|B\.C\.(?:E\.)?|A\.D\.)(?!\w)|\b(?-i:AD|A\.D\.)\s?\d{1,4}\b"
             r"|(?:" + "|".join(rf"(?<=\b{w} )" for w in ("in", "by", "since", "until", "from", "around", "circa"))
             + r")1[0-4]\d\d\b(?!\s?%)")
_PLAIN_YEAR = r"\b(?:1[5-9]|20)\d\d(?:\s?[–-]\s?\d\d(?:\d\d)?)?s?\b"
_YEAR = re.compile(_PLAIN_YEAR + "|" + _ERA_YEAR, re.I)
_PLAIN_YEARS = re.compile(_PLAIN_YEAR, re.I)  # `_YEAR` where no era is written and no year is before 1500
# What an older year needs (`_ERA_YEAR`): its era, or four digits from 1000 to 1499.
_ERA_MARKS = ("BC", "CE", "AD", "B.C", "A.D")
_OLD_YEAR = re.compile(r"1[0-4]\d\d")
# "The third is ..." counts reasons; "a third of" is a share; "one of the most pressing concerns"
# and "no one" count nothing.
_FIGURE = re.compile(r"\d|\b(?:percent|millions?|billions?|thousands?|hundreds?|dozens?|half|"
                     r"(?<!\bno )one(?! (?:of|another)\b)|"
                     rf"two|three|four|five|six|seven|eight|nine|ten|{_LARGER_NUMBERS})\b"
                     r"|\b(?:a|one|two) (?:thirds?|quarters?)\b", re.I)
_UNIT = (r"feet|foot|ft|inch|inches|yards?|miles?|metres?|meters?|km|kilometres?|kilometers?|centimetres?|"
         r"centimeters?|millimetres?|millimeters?|cm|mm|tons?|tonnes?|"
         r"kg|kilograms?|grams?|lbs?|acres?|hectares?|storeys?|stories|fathoms?|leagues?|nautical|"
         r"litres?|liters?|gallons?|barrels?|bushels?|pints?|quarts?")
# A figure (a word of its own: "and" is no "an") and its unit: "3,600 cubic yards", "twenty-five feet".
_MEASURE = re.compile(rf"(?:\d|\b(?:{_NUMBER_WORDS}|{_LARGER_NUMBERS}|(?:hundred|thousand|dozen)s?)\b)\S*\s"
                      rf"(?:[\w-]+\s)?(?:{_UNIT})\b", re.I)
# A unit's word, or one that makes a unit of it ("cubic yards", "square miles").
_UNIT_WORD = re.compile(rf"(?:{_UNIT}|cubic|square)", re.I)
# "How many miles ...", "how many tons ...": counts a unit, which a measure gives.
_COUNTS_UNITS = re.compile(rf"\bhow many (?:[\w-]+ )?(?:{_UNIT})\b", re.I)
# A point in time. "Over the years", "for months", "for decades" say how long, not when: a plural
# of a span is a time only with its count ("two years later", "a few decades after").
_TIME = re.compile(rf"\b(?:1[5-9]|20)\d\ds?\b|{_ERA_YEAR}|{_SINCE_A_TIME}|\b(?:{_MONTHS}|{_WEEKDAYS}|spring|summer|"
                   r"autumn|winter|century|decade|until|year|month|today|yesterday|tomorrow|"
                   r"morning|afternoon|evening|noon|midnight|dawn|dusk|o'clock)\b"
                   r"|\b\d{1,2}:\d\d\b|\b\d{1,2}(?:[:.]\d\d)?\s?[ap]\.?m\b"
                   rf"|\b(?:\d+|{_NUMBER_WORDS}|{_LARGER_NUMBERS}|next|following|same|previous|that|many) "
                   r"(?:days?|weeks?|nights?|years?|months?|decades?|centuries)\b",
                   re.I)
# "On what exact date" asks for the day: "in early September" does not say it.
_ASKS_DAY = re.compile(r"\b(?:exact|precise|specific)\s+(?:date|day)\b", re.I)
_DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
                  rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                  rf"|\b(?:{_WEEKDAYS})\b|\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{4}}-\d\d-\d\d\b", re.I)
_DATE = re.compile(rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b|\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{4}}-\d\d-\d\d\b", re.I)
# Figures that count nothing: a day of a month, a sum of money, a time of day.
_NOT_COUNTS = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
                         rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                         r"|[$\u00a3\u20ac\u00a5\u20bd]\s?\d[\d,.]*(?:\s+(?:million|billion|thousand|m|bn|k)\b)?"
                         r"|\b\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+(?:[A-Z]{2,3}\s+)?(?:dollars?|pounds?|"
                         r"sterling|euros?|yen|roubles?|rubles?|francs?|guineas?|shillings?|pence|cents?|yuan|rupees?)\b"
                         r"|\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)
_TEMPERATURE = re.compile(r"\d\s?\u00b0|\bdegrees?\b", re.I)
_SPEED = re.compile(r"\b(?:per|an|a|each|every) (?:hour|minute|second)\b|\b(?:mph|km/h|kph|knots?)\b|/h\b", re.I)
# ("18 per cent" is a share, not a sum in cents.)
_MONEY = re.compile(r"[$£€¥₽]|\b(?:dollars?|pounds?|sterling|euros?|yen|roubles?|rubles?|francs?|guineas?|"
                    r"shillings?|pence|(?<!per )cents?|kronor|krona|yuan|renminbi|rupees?|usd|eur|gbp|jpy|rub)\b", re.I)


# "How far did admissions drop": by how much a figure changed, not a distance.
_HOW_FAR_IT_CHANGED = re.compile(r"\bhow far\b.*\b(?:drop|dropped|fall|fell|fallen|rise|rose|risen|declined?|grow|grew|"
                                 r"grown|increased?|decreased?|sink|sank|climb|climbed|slump|slumped|shrink|shrank|"
                                 r"go down|went down|go up|went up)\b", re.I)

# "How many" and a word that is no plural: an amount, as "how much" asks ("how many grain was stuck
# in the silos"), which "twenty million tonnes of grain" gives.
_HOW_MANY_WORD = re.compile(r"\bhow many ([a-z]+)\b", re.I)
_COUNTED_PLURALS = frozenset("""people men women children police cattle sheep fish deer feet teeth mice geese staff
    crew personnel troops""".split())
_NOT_NOUNS = frozenset("""were was are is did do does have has had will would can could should might may must
    of the a an more less other times""".split())


def _counts_a_mass(question: str) -> bool:
    found = _HOW_MANY_WORD.search(question)
    if found is None:
        return False
    word = found.group(1).lower()
    return not (word.endswith(("s", "ed")) or word in _COUNTED_PLURALS or word in _NOT_NOUNS or len(word) < 3)


# Keywords with no question word that end by naming a time: "florey mouse experiment date",
# "bell death place and date". The word names what is asked, not what is asked about (the
# matcher weighs it lightly); it is not held to be a "when" (an event asked in keywords is often
# a noun the text says as a verb: "entry into force", "entered into force").
KEYWORD_TIME = re.compile(r"^(?!.*\b(?:what|wat|when|where|who|whom|whose|why|how|which|did|does|do|is|was|are|"
                          r"were|can|could|will|would)\b)[^?]*\b(date|year)\W*$", re.I)
# Each pattern of a question, and what it asks for.
_ASKED_BY = ((_ASKS_FIGURE, (FIGURE,)), (_ASKS_TIME, (TIME,)), (_ASKS_DATE, (TIME, DATE)),
             (_ASKS_DAY, (TIME, DATE, DAY)), (_ASKS_MONEY, (FIGURE, MONEY)), (_ASKS_MEASURE, (FIGURE, MEASURE)),
             (_ASKS_NAME, (NAME,)), (_ASKS_EXTENT, (EXTENT,)), (_ASKS_TEMPERATURE, (FIGURE, TEMPERATURE)),
             (_ASKS_SPEED, (FIGURE, SPEED)), (_ASKS_PLACE, (PLACE,)), (_ASKS_AGE, (FIGURE, AGE)))


@lru_cache(maxsize=8192)
def asks(question: str) -> frozenset[str]:
    """What the question asks for (FIGURE, COUNT, TIME, DATE, DAY, MONEY, MEASURE, EXTENT, SPEED, TEMPERATURE,
    AGE, HEIGHT, DEPTH, WIDTH, WEIGHT, NAME, PLACE, OCCASION); empty when its words do not say."""
    found = {kind for pattern, kinds in _ASKED_BY for kind in kinds if pattern.search(question)}
    if quantity := QUANTITY_NOUN.search(question):
        found.update(_QUANTITY_ASKS.get(quantity.group(1).lower(), (FIGURE,)))
    # "how many dollars" is a sum, "how many miles" a measure, and "how many grain was stuck" an amount
    if _ASKS_COUNT.search(question) and not _MONEY.search(question) and not _COUNTS_UNITS.search(question) \
            and not _counts_a_mass(question):
        found.add(COUNT)
    if dimension := _ASKS_DIMENSION.search(question):
        found.add(_DIMENSIONS[(dimension.group(1) or dimension.group(2)).lower()])
    if MEASURE in found and _HOW_FAR_IT_CHANGED.search(question):  # a change: "fell from 821 to 76 per thousand"
        found.discard(MEASURE)
    if _ASKS_DEADLINE.search(question):
        found.add(DEADLINE)
    if TIME in found and DATE not in found and _ASKS_AS_A_RULE.search(question):
        found.discard(TIME)
        found.add(OCCASION)
    return frozenset(found)


# Whose or what's name is asked: "what was the name of the police chief on Rodrigues", "who is
# japan's foreign minister". The noun phrase runs to the first word that cannot be part of it (a
# preposition, a verb, a relative word); its last word is the role. A sentence that speaks of that
# role without naming anyone beside it ("a police chief wrote down the time") does not give the name.
_OPENERS = r"^\W*(?:(?:so|ok|okay|and|but|well|hey|yo|lol|tbh|ngl|hmm|wait|like)\W+)*"
_DETERMINER = r"(?:(?:the|a|an|his|her|their|its|this|that|[\w-]+(?:'s|\u2019s|s'))\s+)"
_ROLE_PHRASE = re.compile(
    _OPENERS + r"(?:what(?:'s|\u2019s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?(?:names?|titles?)\s+of\s+"
    + _DETERMINER + "?"
    r"|who(?:'s|\u2019s|\s+is|\s+was|\s+are|\s+were)\s+" + _DETERMINER + r")(?P<phrase>.*)", re.I)
JOINING = frozenset("""
    of on in at to for from by with about during after before since until into over under near than
    who whom whose which that when where while did does do is was are were has have had will would
    can could should may might and or but if
    """.split())
_ROLE_WORDS = 3
_ANYONE = frozenset("""
    person persons people guy guys man men woman women one ones individual individuals dude dudes fellow lady
    folks someone somebody anyone anybody""".split())


# "What is the capital of France", "what was the population of Batavia": the attribute asked of something.
_ATTRIBUTE = re.compile(_OPENERS + r"what(?:'s|\u2019s|\s+is|\s+was|\s+are|\s+were)\s+the\s+([a-z-]+)\s+of\b", re.I)


def asked_attribute(question: str) -> str | None:
    """The word for what a "what is the X of Y" question asks of Y ("capital"), or None."""
    found = _ATTRIBUTE.match(question)
    return found.group(1).lower() if found else None


_NAMES_OF = re.compile(_OPENERS + _NAMES_OF_WORDS, re.I)


def asked_role(question: str) -> str | None:
    """The role whose holder's name a question asks ("chief", "minister", "niece"), or None: "the
    last person to catch smallpox" asks who, of no role ("person" is anyone)."""
    phrase = _role_phrase(question)
    if not phrase or (phrase[-1] in _ANYONE and not _NAMES_OF.match(question)):
        return None
    return phrase[-1]


def role_kind(question: str) -> tuple[str, ...]:
    """The words before the role that say which holder is asked of ("foreign" minister, "police"
    chief): "who is japan's foreign minister" is not answered by its prime minister."""
    return tuple(_role_phrase(question)[:-1])


def _role_phrase(question: str) -> list[str]:
    found = _ROLE_PHRASE.match(question)
    if found is None:  # "which ministers" may ask which kind ("foreign and defence"), not who
        return []
    phrase: list[str] = []
    for word in re.findall(r"[\w'\u2019-]+", found.group("phrase"))[:_ROLE_WORDS + 1]:
        lower = word.lower()
        if lower.endswith(("'s", "\u2019s")):  # "susannah eley's niece": the role comes after
            phrase = []
            continue
        if lower in JOINING or (phrase and lower.endswith(("ed", "ing"))):
            break
        phrase.append(lower)
    return phrase


# "What does China think about ...", "what did Trump say about ...": someone's view, which a
# sentence states only in words of thinking, saying or standing for or against. The author's view
# is the whole text's ("what does the author think"), and "you" is the bot (smalltalk.py).
_ASKS_VIEW = re.compile(
    r"\b(?:what|how)\s+(?:does|do|did|would)\s+(?!(?:the\s+)?(?:author|writer|essayist|text|article|essay|piece|"
    r"you|u|it|this|that)\b)(?:[\w'\u2019-]+\s+){1,4}(?:think|feel|say|believe|reckon|make\s+of)\b", re.I)
_VIEW_SAID = re.compile(
    r"\b(?:think|thinks|thought|believ\w*|belief\w*|say|says|said|saying|argu\w*|claim\w*|stance|views?|viewed|"
    r"opinion\w*|poll\w*|survey\w*|respondents?|feels?|feeling|felt|fears?|feared|hopes?|hoped|worr\w*|concern\w*|"
    r"oppos\w*|against|support\w*|favou?r\w*|reject\w*|welcom\w*|critic\w*|perceiv\w*|percept\w*|regard\w*|"
    r"consider\w*|insist\w*|suspicio\w*|wary|distrust\w*|trust\w*|scepti\w*|skepti\w*|negative|positive|hostil\w*|"
    r"declar\w*|statement|announc\w*|warn\w*|urg\w*|prais\w*|condemn\w*|protest\w*|object\w*|accept\w*|agree\w*|"
    r"disagree\w*|propos\w*|demand\w*|wants?|wanted|wish\w*|prefer\w*|position|attitude\w*|reaction|respon\w*|"
    r"repl\w*|wrote|writes?|describ\w*|call(?:s|ed)?|doubt\w*|expect\w*|broach\w*|suggest\w*|mention\w*|"
    r"not(?:ed|es)|stress\w*|offer\w*|remark\w*|told|tells?|explain\w*|assert\w*|admit\w*|den(?:y|ies|ied)|"
    r"promis\w*|pledg\w*|vow\w*|threat\w*|idea)\b|\u201c", re.I)


# An exercise for the reader, as textbooks end a unit ("Check your understanding: 1. Explain why
# ...", "Describe two differences between ..."): an instruction, then what to explain or give.
_EXERCISE = re.compile(
    r"^\W*(?:\d+[.)]\s*|\(?[a-z]\)\s+)?(?:explain|describe|discuss|compare|contrast|list|name|identify|outline|"
    r"summari[sz]e|evaluate|assess|define|give|state|suggest|consider|imagine|write|find|look at|think about)\s+"
    r"(?:why|how|what|which|who|whom|whether|when|where|the|a|an|one|two|three|four|five|some|your|each|its|"
    r"their|his|her|this|these|those|\d+)\b", re.I)


def asks_the_reader(sentence: str) -> bool:
    """Whether a sentence of the text asks something of its reader, a question or an exercise
    ("Explain why select committees matter more ..."), rather than stating anything: it answers
    no question, and is no claim to discuss."""
    return sentence.rstrip(" \"'\u201d\u2019)]").endswith("?") or exercises(sentence)


def exercises(sentence: str) -> bool:
    """Whether a sentence of the text is an exercise for its reader (`_EXERCISE`)."""
    return bool(_EXERCISE.match(sentence))


def asks_a_view(question: str) -> bool:
    """Whether the question asks what someone besides the author thinks or says (`_ASKS_VIEW`)."""
    return bool(_ASKS_VIEW.search(question))


# Anyone's view asked, the author's too: "what does the author think", "what's the writer's view".
_ASKS_ANY_VIEW = re.compile(
    r"\b(?:what|how)\s+(?:does|do|did|would)\s+(?:[\w'\u2019-]+\s+){1,4}(?:think|feel|believe|reckon|argue|"
    r"conclude|make\s+of)\b|\b(?:views?|opinions?|stance|take|verdict)\s+(?:of|on|about)\b|"
    # ... asked yes or no: "does the writer think the freeze will last"
    r"^\W*(?:(?:so|ok|okay|and|but)\W+)*(?:does|do|did|would)\s+(?:[\w'\u2019-]+\s+){1,3}?"
    r"(?:think|believe|reckon|argue|expect|conclude)\b|"
    r"\b(?:author|writer)(?:'s|\u2019s)\s+(?:views?|opinions?|stance|take|verdict|position)\b", re.I)


def asks_any_view(question: str) -> bool:
    """Whether the question asks what anyone, the author too, thinks or holds (`_ASKS_ANY_VIEW`)."""
    return bool(_ASKS_ANY_VIEW.search(question))


def states_a_view(text: str) -> bool:
    """Whether a sentence speaks of what someone thinks, says or stands for (`_VIEW_SAID`)."""
    return bool(_VIEW_SAID.search(text))


def asks_a_name(question: str) -> bool:
    """Whether the question asks who, or which company, city, country ... (see `_ASKS_A_NAME`)."""
    return bool(_ASKS_A_NAME.match(question))


# What must happen by a time, not when anything happened: "by the end of the year", "until 2020".
_BY_A_TIME = re.compile(r"\b(?:by|until|till|before|no later than|within)\s+(?:[\w'\u2019-]+\s+){0,4}$", re.I)


# What a pattern of `supplies` cannot match without: one of its words, or a digit (with, for some,
# a mark beside it: a date written "3/9" or "1858-09-03"). A text is searched only for the patterns
# its words and digits allow: indexing reads every entry's answer, and most answers state no sum,
# duration or date; searched for every pattern, 10,000 answers took a quarter of the time a
# knowledge base takes to index. `test_asked` holds each pattern to its cues.
def _alternatives(*patterns: str) -> frozenset[str]:
    return frozenset(w.lower() for p in patterns for w in re.sub(r"\(\?-i:(\w+)\)", r"\1", p).split("|"))


class _Cue(NamedTuple):
    words: frozenset[str]
    # What else lets the pattern match when none of its words is there ("17:30", "$5", "3/9"), if anything.
    otherwise: Callable[[_Cued], bool] | None = None


def _digit(cued: _Cued) -> bool:
    return cued.digit


def _digits_dated(cued: _Cued) -> bool:  # "3/9", "1858-09-03"
    return cued.digit and ("/" in cued.text or "-" in cued.text)


def _money_sign(cued: _Cued) -> bool:
    return _MONEY_SIGN.search(cued.text) is not None


def _opens_with_age(cued: _Cued) -> bool:
    return _OPENS_WITH_AGE.match(cued.text) is not None


def _sum_or_clock(cued: _Cued) -> bool:  # "$5", "17:30"
    return cued.digit and (_money_sign(cued) or _CLOCK.search(cued.text) is not None)


_NUMBERS = _alternatives(_NUMBER_WORDS, _LARGER_NUMBERS)
_CALENDAR = _alternatives(_MONTHS, _WEEKDAYS)
_SPANS = frozenset("second seconds minute minutes hour hours day days night nights week weeks month months year "
                   "years decade decades century centuries".split())
_CURRENCIES = frozenset("dollar dollars pound pounds sterling euro euros yen rouble roubles ruble rubles franc francs "
                        "guinea guineas shilling shillings pence cent cents kronor krona yuan renminbi rupee rupees "
                        "usd eur gbp jpy rub".split())
_CUES = {
    _FIGURE: _Cue(_NUMBERS | frozenset("percent million millions billion billions thousand thousands hundred "
                                       "hundreds dozen dozens half third thirds quarter quarters".split()), _digit),
    _TIME: _Cue(_CALENDAR | _SPANS | frozenset("spring summer autumn winter since until today yesterday tomorrow "
                                               "morning afternoon evening noon midnight dawn dusk clock".split()),
                _digit),
    _DATE: _Cue(_CALENDAR, _digits_dated),
    _DAY: _Cue(_CALENDAR, _digits_dated),
    _MONEY: _Cue(_CURRENCIES, _money_sign),
    _DURATION_SAID: _Cue(_SPANS | frozenset(("since", "until"))),
    _CONDITION: _Cue(frozenset(("when", "whenever", "once", "soon", "after", "until"))),
    # A number after "aged", "at", "was" ..., before "years old", or "in his twenties"; or a text
    # that opens with the age.
    _AGE: _Cue(frozenset("age aged old at was were is turned teens twenties thirties forties fifties sixties "
                         "seventies eighties nineties".split()), _opens_with_age),
    # A day of a month, a sum, a time of day ("5 a.m.", "17:30").
    _NOT_COUNTS: _Cue(_CALENDAR | _CURRENCIES | frozenset(("am", "pm", "m")), _sum_or_clock),
    _BY_A_TIME: _Cue(frozenset(("by", "until", "till", "before", "later", "within"))),
}
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")
_MONEY_SIGN = re.compile(r"[$\u00a3\u20ac\u00a5\u20bd]")
_UNIT_TOKEN = re.compile(_UNIT)
_MEASURE_NUMBERS = _NUMBERS | frozenset("hundred hundreds thousand thousands dozen dozens".split())
_CLOCK = re.compile(r"\d[:.]\d")
_OPENS_WITH_AGE = re.compile(rf"\W*{_AGE_NUMBER}\b", re.I)


class _Cued:
    """A text's words and whether it has a digit: which of the patterns of `supplies` may match it."""

    __slots__ = ("digit", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.digit = _DIGIT.search(text) is not None
        self.words = frozenset(_LETTERS.findall(text.casefold()))

    def may(self, pattern: re.Pattern[str]) -> bool:
        """Whether `pattern` may match the text, by its cues."""
        cue = _CUES[pattern]
        return not cue.words.isdisjoint(self.words) or (cue.otherwise is not None and cue.otherwise(self))

    def search(self, pattern: re.Pattern[str], text: str | None = None) -> bool:
        """`pattern` searched in the text (or in `text`, the same text with some words taken out)."""
        return self.may(pattern) and pattern.search(self.text if text is None else text) is not None

    def may_measure(self) -> bool:
        """Whether `_MEASURE` may match: it needs a figure and a unit, each a word of its own."""
        return (self.digit or not _MEASURE_NUMBERS.isdisjoint(self.words)) \
            and any(_UNIT_TOKEN.fullmatch(w) for w in self.words)

    def measure(self) -> bool:
        return self.may_measure() and _MEASURE.search(self.text) is not None

    def yearless(self) -> str:
        """The text with its years taken out (`_YEAR`)."""
        if not self.digit:
            return self.text
        if _OLD_YEAR.search(self.text) or any(mark in self.text for mark in _ERA_MARKS):
            return _YEAR.sub(" ", self.text)
        return _PLAIN_YEARS.sub(" ", self.text)


@lru_cache(maxsize=65536)
def supplies(text: str) -> frozenset[str]:
    """What a text states of FIGURE, TIME, DATE, MONEY, MEASURE, SPEED, TEMPERATURE and CONDITION (NAME needs
    the text's names: see the matcher)."""
    found = set()
    cued = _Cued(text)
    yearless = cued.yearless()
    if cued.search(_FIGURE, yearless):
        found.add(FIGURE)
        # "began on 1 January 1967 with a budget of 2.4 million US dollars" counts no one, nor does
        # "was carried nearly three kilometres inland".
        uncounted = _NOT_COUNTS.sub(" ", yearless) if cued.may(_NOT_COUNTS) else yearless
        if cued.may_measure():
            uncounted = _MEASURE.sub(" ", uncounted)
        if _FIGURE.search(uncounted):
            found.add(COUNT)
    if (cued.digit and _PLAIN_YEARS.search(text)) or cued.search(_TIME):
        found.add(DEADLINE if dated_only_by_a_deadline(text, cued) and _INTENT.search(text) else TIME)
    if cued.search(_DATE):
        found.add(DATE)
    if cued.search(_DAY):
        found.add(DAY)
    if cued.search(_MONEY):
        found.add(MONEY)
    if cued.measure():
        found.add(MEASURE)
    if cued.search(_DURATION_SAID):
        found.add(DURATION)
    if cued.search(_CONDITION):
        found.add(CONDITION)
    if cued.search(_AGE):
        found.update((AGE, FIGURE))  # "in his late sixties" is a figure too
    if MEASURE in found:
        found.update(kind for kind, said in _DIMENSION_SAID.items() if said.search(text))
    if FIGURE in found:  # a temperature or a speed is a figure in its unit: none without a figure
        if _TEMPERATURE.search(text):
            found.add(TEMPERATURE)
        if _SPEED.search(text):
            found.add(SPEED)
    return frozenset(found)


_SAID_ANY_WAY = frozenset({EXTENT, PLACE, OCCASION, HEIGHT, DEPTH, WIDTH, WEIGHT})
# What an answer may give with no word that shows it, and a name, which many answers give beside
# what they say: asked of it by nothing but "where?" or "who?", an entry says it only if it was
# written to (`Engine._written_to_answer`).
UNMARKED = _SAID_ANY_WAY | {NAME}


def satisfied(wanted: frozenset[str], supplied: frozenset[str]) -> bool:
    """Whether what an answer supplies is what the question asks for (`asks`, `supplies`)."""
    if DEADLINE in wanted:  # "by when": a deadline answers, and so does any time
        if not supplied & {TIME, DEADLINE}:
            return False
        wanted = wanted - {DEADLINE, TIME}
    if EXTENT in wanted and not (DURATION in supplied or MEASURE in supplied):
        return False
    if OCCASION in wanted and not (supplied & {TIME, DEADLINE, CONDITION}):
        return False
    # A curated answer says a place or a height its own way ("Vladivostok.", "About 30 metres."); an age
    # it says as an age, if only "45, in 1858." (`_AGE`).
    return wanted - _SAID_ANY_WAY <= supplied


# What a deadline is set for: something wanted, planned, proposed or to be done. "By 3 September 1858
# the cable was dead" says when it was dead.
_INTENT = re.compile(r"\b(?:propos\w*|want\w*|plann?\w*|aim\w*|intend\w*|hope[sd]?|hoping|promis\w*|expect\w*|"
                     r"pledg\w*|vow\w*|would|will|shall|must|should|need\w*|ha(?:s|ve|d) to|due|deadlines?|"
                     r"to be|conclud\w*)\b", re.I)


def dated_only_by_a_deadline(text: str, cued: _Cued | None = None) -> bool:
    """Whether every time a text gives is one by which something is to happen: "proposed concluding
    a peace treaty by the end of the year" does not say when the proposal was made."""
    if not (cued or _Cued(text)).may(_BY_A_TIME):
        return False
    times = list(_TIME.finditer(text))
    return bool(times) and all(_BY_A_TIME.search(text, 0, found.start()) for found in times)


def is_unit(word: str) -> bool:
    """Whether one word is a unit of measure ("yards", "tonnes") or makes one ("cubic")."""
    return bool(_UNIT_WORD.fullmatch(word))


def is_figure(word: str) -> bool:
    """Whether one word states a figure ("3,600", "78%", "forty"), not a year."""
    return bool(_FIGURE.match(word)) and not _YEAR.fullmatch(word)


def answers(wanted: frozenset[str], text: str) -> bool:
    """Whether a sentence of the text states what is asked (a name is not checked in a sentence:
    every sentence names someone)."""
    if PLACE in wanted and not _PLACE_SAID.search(text):
        return False
    if AGE in wanted and not _AGE.search(text):
        return False
    supplied = supplies(text)
    if any(kind in wanted and kind not in supplied for kind in _DIMENSION_SAID):
        return False
    return satisfied(wanted - {NAME}, supplied)
