"""What a question asks for, and whether an answer states it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb import asked
from bot.kb.asked import (
    AGE,
    COUNT,
    DATE,
    DAY,
    DEADLINE,
    DEPTH,
    DURATION,
    EXTENT,
    FIGURE,
    HEIGHT,
    MEASURE,
    MONEY,
    NAME,
    OCCASION,
    PLACE,
    SPEED,
    TEMPERATURE,
    TIME,
    answers,
    asked_role,
    asks,
    asks_a_name,
    asks_a_view,
    satisfied,
    states_a_view,
    supplies,
)


@pytest.mark.parametrize(("question", "wanted"), [
    ("how many troops does russia have there", {FIGURE, COUNT}),
    ("what did the weir and the islands cost", {FIGURE, MONEY}),  # what it cost, however it is named
    ("how much money did japan put in", {FIGURE, MONEY}),  # a sum by its name
    ("how old was snow when he died", {FIGURE, AGE}),  # an age at a moment
    ("at what age did bell marry", {FIGURE, AGE}),
    ("how old is the stone", {FIGURE}),  # how long ago it was made may answer
    ("what was the population of batavia", {FIGURE, COUNT}),  # a count by its name
    ("what was the official death toll", {FIGURE, COUNT}),
    ("how many dollars did it cost", {FIGURE}),  # a sum, not a count
    ("how many miles did the canal run", {FIGURE}),  # a measure, not a count
    # A quantity by its name asks for a figure, and the unit a temperature or a speed goes by.
    ("What was the temperature in Boston on the day the tank burst?", {FIGURE, TEMPERATURE}),
    ("whats the average age of a worker bee", {FIGURE}),
    ("what was the height of the wave", {FIGURE, EXTENT, HEIGHT}),
    ("what was the length of his reign", {FIGURE, EXTENT}),  # a length of time answers too
    ("what was the speed of the wave", {FIGURE, SPEED}),
    ("how fast did putin want the treaty", set()),  # how soon, perhaps: no unit asked
    ("how fast was the great eastern", {FIGURE, SPEED}),  # how fast a thing was: its speed
    ("how cold was it that morning", {FIGURE, TEMPERATURE}),
    ("what was the role of china", set()),
    ("when did abe and putin meet", {TIME}),
    ("in 1858, when did the cable fail", {TIME}),  # a part of the question after a comma
    ("what did the crew do when food ran out", set()),  # a clause about something else: no time asked
    ("On what exact date did she die?", {TIME, DATE, DAY}),  # the day: "in September" does not say it
    ("In which month did Japan join the sanctions?", {TIME, DATE}),  # "in 2014" does not say which month
    ("which olympics did abe go to", {NAME}),  # which one: the answer names it
    ("which year did abe go to sochi", {TIME}),
    ("how much did the sewers cost to build", {FIGURE, MONEY}),
    ("what was the price of the land", {FIGURE, MONEY}),
    ("What salary did the chief engineer earn?", {FIGURE, MONEY}),  # a sum by its name
    ("what is population of brazil", {FIGURE, COUNT}),  # a count by its name, with or without "the"
    ("how many grain was stuck in the silos", {FIGURE}),  # no plural: an amount, as "how much" asks
    ("how many died in the flood", {FIGURE, COUNT}),
    ("tambora death toll", {FIGURE, COUNT}),  # a count by its name, as keywords
    ("canal toll per ton", set()),  # a toll alone may be a charge
    ("what price did the maize sell for", {FIGURE, MONEY}),
    ("By what vote did the Senate ratify the treaty?", {FIGURE}),  # a tally
    ("how far did admissions drop between 1906 and 1913", {FIGURE}),  # a change, not a distance
    ("how far was the town from the volcano", {FIGURE, MEASURE}),
    ("how deep was the well", {FIGURE, MEASURE, DEPTH}),
    ("who ran the poll", {NAME}),
    ("what does the author think about the treaty", set()),
    ("how much gas does russia sell", {FIGURE}),  # an amount, not a sum of money
    ("by what date did putin want the treaty signed", {TIME, DEADLINE}),  # "by the end of the year" answers
    ("how soon would putin sign the treaty", {DEADLINE}),
    ("on what date was the treaty signed", {TIME, DATE}),
    ("how long was the canal", {EXTENT}),  # a length or a duration: either answers
    ("how long was brandt keeper", {EXTENT}),
])
def test_a_question_says_what_it_asks_for(question, wanted):
    assert asks(question) == wanted


def test_a_deadline_answers_only_by_when():
    deadline = "Putin proposed concluding a peace treaty by the end of the year."
    assert supplies(deadline) >= {DEADLINE} and TIME not in supplies(deadline)
    assert answers(asks("by when did putin want the treaty"), deadline)
    assert answers(asks("how soon would putin sign the treaty"), deadline)
    # When the proposal was made, the deadline does not say; a date says it, and answers "by when" too.
    assert not answers(asks("when did putin propose the treaty"), deadline)
    assert answers(asks("when did putin propose the treaty"), "He proposed it in September 2018.")
    assert answers(asks("by when did putin want the treaty"), "He wanted it signed in December 2018.")
    assert not answers(asks("by when did putin want the treaty"), "He proposed a treaty.")
    # "By" a date that nothing is to be done by says when: the cable was dead by then.
    assert TIME in supplies("By 3 September 1858 the cable was dead.")


def test_how_long_is_answered_by_a_length_or_a_duration():
    assert answers(asks("how long was the canal"), "The canal ran for 363 miles across the state.")
    assert answers(asks("how long was brandt keeper"), "Brandt kept the station from 1872 until 1899.")
    assert not answers(asks("how long was brandt keeper"), "Brandt was the first principal keeper.")
    assert satisfied(frozenset({EXTENT, FIGURE}), frozenset({DURATION, TIME, FIGURE}))
    assert not satisfied(frozenset({EXTENT}), frozenset({FIGURE}))
    # A point in time is no length of it: "how long is the erie canal" got "In October 1825."
    assert not answers(asks("how long is the erie canal"), "The canal opened in October 1825.")
    assert answers(asks("how long did the trip take"), "The trip took about eight days.")


@pytest.mark.parametrize(("text", "stated"), [
    ("He treated victims at the colliery during the epidemic of 1831–32.", {TIME}),  # years are no count
    ("London suffered epidemics in the 1860s.", {TIME}),
    ("It carries a decree issued at Memphis in 196 BC by a council of priests.", {TIME}),  # an older year, by its era
    ("Rome fell in AD 476.", {TIME}),
    ("In 1066 the Normans came.", {TIME}),  # or by its preposition
    ("They saved 1066 lives.", {FIGURE, COUNT}),
    ("She had water carried to her every day.", set()),  # a habit, not a time
    ("It was over three days later.", {FIGURE, COUNT, TIME, DURATION}),
    ("The handle was removed on 8 September.", {FIGURE, TIME, DATE, DAY}),
    ("It may be argued that the pump mattered.", set()),  # "may" the verb is no month
    ("They met in May 2018.", {TIME, DATE}),
    ("China invested US$10 billion.", {FIGURE, MONEY}),
    ("The fine was 200 pounds.", {FIGURE, MONEY}),
    # A measure counts no one: "How many crew were aboard?" is not answered by "three kilometres inland".
    ("The cesspool lay less than three feet from the well.", {FIGURE, MEASURE}),
    ("The third reason is the most uncomfortable.", set()),  # counting reasons, not a share
    ("A third of the houses drew on the pump.", {FIGURE, COUNT}),
    # A time of day is a time; a spelt number past ten is a figure, and with a unit a measure.
    ("At 9:04 that morning the ship exploded.", {FIGURE, TIME}),
    ("The talks went on into the evening.", {TIME}),
    ("It left at 6 p.m.", {FIGURE, TIME}),
    ("The price rose 3.25 percent.", {FIGURE, COUNT}),  # a decimal, not a clock
    ("A blizzard dropped about forty centimetres of snow.", {FIGURE, MEASURE}),
    ("A wall 7 metres high guarded 3 towers.", {FIGURE, COUNT, MEASURE, HEIGHT}),  # the towers are counted
    ("Hundreds of people gathered.", {FIGURE, COUNT}),
    # "One of" and "no one" count nothing; one ship is one.
    ("It is one of the most pressing Japanese concerns.", set()),
    ("No one drank from the pump.", set()),
    ("Only one ship sank.", {FIGURE, COUNT}),
    # A day of a month, a sum of money and a time of day count nothing.
    ("It began on 1 January 1967 with a budget of 2.4 million US dollars.", {FIGURE, TIME, DATE, DAY, MONEY}),
    ("The wave moved at roughly 56 kilometres per hour.", {FIGURE, MEASURE, SPEED}),
    ("It was -17 \u00b0C that night.", {FIGURE, COUNT, TEMPERATURE, TIME}),
    # How long, not when: "over the years" does not say when the dam broke; a count of years may.
    ("Over the years townspeople joked that the dam would break.", set()),
    ("For decades the club ignored the leaks.", set()),
    ("Two years later the club bought the lake.", {FIGURE, COUNT, TIME, DURATION}),
    # "Since" that gives a reason says no time; one that goes back to a time does.
    ("Between 8.5 and 9.0, estimated from the damage, since no instrument recorded it.", {FIGURE, COUNT}),
    ("The seawall has since withstood many storms.", {TIME, DURATION}),
    ("The islands have been under Russian control since then.", {TIME, DURATION}),
    # A share is no sum of money: "per cent" is not cents.
    ("The death rate fell from about 18 per cent to under 1 per cent.", {FIGURE}),
    ("A stamp cost 5 cents.", {FIGURE, MONEY}),
])
def test_a_text_says_what_it_states(text, stated):
    assert supplies(text) == stated


@pytest.mark.parametrize(("text", "stated"), [
    # A figure is a word of its own: "and" is no "an", "anti-vaccination" no "an", "inch closer" no inch.
    ("They are yellow fever, malaria, and cold feet.", set()),
    ("Vaccination provoked anti-vaccination leagues and marches.", set()),
    ("First, he aimed to inch closer to settling the dispute.", set()),
    ("The sailor was thousands of miles away.", {FIGURE, MEASURE}),
    ("A twenty-five foot wall stood there.", {FIGURE, MEASURE}),
])
def test_a_measure_is_a_figure_and_its_unit(text, stated):
    assert supplies(text) == stated


ROOT = Path(__file__).resolve().parents[2]
_TRICKY = [  # a clock, dates in digits, older years and eras, sums, ages, as the patterns allow them
    "It left at 5 a.m. and docked at 17:30.", "On 1858-09-03 the cable failed.", "Signed on 3/9.",
    "Built in 1066 and burnt in 300 BC, rebuilt in AD 79.", "It cost £5, or $3, or 40 roubles.", "Aged 45.",
    "Fourteen.", "She died in her sixties.", "He was 12 when he left.", "It was -17 \u00b0C, at 9pm.",
    "The 1850S were hard.", "In May, by the end of the year, until 2020.", "A few weeks later, since then.",
    "about forty centimetres", "No later than noon tomorrow.", "In 1831\u201332 and the 1860s.",
]


def _corpus() -> list[str]:
    """Every sentence and paragraph of the shipped text and the benchmark essays, and the tricky ones."""
    from bot.kb.text import sentences

    found = list(_TRICKY)
    for path in [*ROOT.glob("knowledge/sources/*.md"), *ROOT.glob("benchmarks/texts/*.md"),
                 *ROOT.glob("benchmarks/texts/*.txt")]:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            found += [paragraph, *sentences(paragraph)]
    return found


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return _corpus()


@pytest.mark.parametrize("pattern", list(asked._CUES), ids=lambda p: p.pattern[:30])
def test_a_pattern_is_searched_wherever_it_could_match(pattern, corpus):
    """`supplies` searches a text only for the patterns its words allow: each pattern's cues must
    allow every text it matches, or a change to a pattern without its cues loses what a text states."""
    if pattern is asked._BY_A_TIME:  # searched before each time a text gives, as a deadline is said
        matched = [text for text in corpus if any(pattern.search(text, 0, time.start())
                                                 for time in asked._TIME.finditer(text))]
    else:
        matched = [text for text in corpus if pattern.search(text)]
    assert matched, "the corpus must exercise the pattern"
    assert [text for text in matched if not asked._Cued(text).may(pattern)] == []


def test_the_shortcuts_of_supplies_change_nothing(corpus):
    for text in corpus:
        cued = asked._Cued(text)
        assert cued.yearless() == asked._YEAR.sub(" ", text)
        assert cued.may_measure() or not asked._MEASURE.search(text)
        assert not asked._PLAIN_YEARS.search(text) or asked._TIME.search(text)


def test_how_many_is_not_answered_by_a_date_a_sum_or_a_clock():
    question = asks("How many vaccinators worked in the Intensified Eradication Programme?")
    assert not answers(question, "It began on 1 January 1967 with a budget of 2.4 million US dollars a year.")
    assert not answers(question, "The office telegraphed Washington at 3:30 that afternoon.")
    assert answers(question, "Some 150,000 vaccinators searched every village.")
    assert answers(asks("how many died"), "It killed more than 5,500 Londoners on 8 September.")
    assert answers(asks("how many people lived there"), "The census counted about 37,800 residents.")


def test_a_temperature_or_a_speed_is_answered_only_in_its_units():
    assert not answers(asks("what was the temperature that day"), "On 15 January 1919 a tank of 8.7 million l burst.")
    assert answers(asks("how cold was it"), "The temperature fell to 5 degrees below zero.")
    assert answers(asks("what was the speed of the wave"), "It rushed through the streets at 56 kilometres per hour.")
    assert not answers(asks("what was the wave's speed"), "A wave of molasses up to 7.6 metres high rushed through.")


def test_a_sentence_answers_only_what_it_states_and_a_name_is_not_checked_in_one():
    assert answers(asks("how much did it cost"), "It cost £4 million.")
    assert not answers(asks("how much did it cost"), "It ran for 82 miles.")
    assert answers(asks("who designed the sewers"), "The sewers ran for 82 miles.")


@pytest.mark.parametrize(("question", "named"), [
    ("Who was the captain of the warship?", True),
    ("who was john snow", False),  # who he was, not a name
    ("so whose idea was it", True),
    ("Which company laid the cable?", True),
    ("which japanese cities did putin visit", True),  # a word may stand between "which" and the kind
    ("what newspaper ran the poll", True),
    ("Which part of the body was hurt most?", False),  # a part is no name
    ("what did the company do", False),
    ("how many people died", False),
    ("What were the names of the five men hanged?", True),  # names, not how many
    ("whats the names of the four islands", True),
    ("What's the name of the missile shield?", False),  # one thing's name: often the member's words for it
])
def test_who_and_which_company_ask_for_a_name(question, named):
    assert asks_a_name(question) is named


@pytest.mark.parametrize(("question", "role"), [
    ("What was the name of the police chief on Rodrigues who heard it?", "chief"),  # the phrase ends at "on"
    ("what was the name of susannah eley's niece", "niece"),  # after the owner
    ("who is japan's foreign minister", "minister"),
    ("Who were the three engineers appointed in 1901?", "engineers"),  # "appointed" is no part of the role
    ("so what are the names of the four islands", "islands"),
    # A title is a name: "But Semmelweis himself wrote almost nothing" does not give his book's.
    ("What was the title of Semmelweis's book?", "book"),
    ("who was john snow", None),  # who he was: no role
    ("who headed the weather bureau", None),
    ("which ministers hold consultations", None),  # which kind ("foreign and defence"), not whose name
    ("who was the last guy to get smallpox naturally", None),  # anyone: no role the text must speak of
    ("who was the first person to cross the bridge", None),
    ("what were the names of the five men hanged", "men"),  # those men, whoever they were
])
def test_the_role_whose_holder_is_named_is_the_last_word_of_its_phrase(question, role):
    assert asked_role(question) == role


@pytest.mark.parametrize(("question", "view"), [
    ("what does the russian elite think about japan", True),
    ("how does moscow feel about aegis", True),
    ("lowkey, what did the mainichi thing say abt the four islands", True),
    ("what does the author think about russia", False),  # the whole text's view
    ("what do you think is the main reason", False),  # the bot's, which small talk answers
    ("what does it say about china", False),  # the text's
    ("what did russia gain", False),
])
def test_what_someone_thinks_or_says_is_asked_as_a_view(question, view):
    assert asks_a_view(question) is view


@pytest.mark.parametrize(("sentence", "view"), [
    ("Japan's response is serving to deepen Russia's negative stance.", True),
    ("57% of respondents thought that Japan should be flexible.", True),
    ("Putin broached the idea of a treaty \u201cwithout any preconditions\u201d.", True),
    ("Japan invested US$200 million in Yamal-LNG, which pales beside China's US$10 billion.", False),
    ("Japan, eager to ensure its energy supply, invested in Yamal-LNG.", False),  # a wish is no view of anything
])
def test_a_view_is_stated_in_words_of_thinking_saying_or_standing(sentence, view):
    assert states_a_view(sentence) is view


@pytest.mark.parametrize(("text", "day"), [
    ("on 8 September 1854", True), ("On September 8th, 1900", True), ("on Saturday", True),
    ("in early September 2018", False), ("in May 2018", False),
])
def test_an_exact_date_is_a_day_of_a_month(text, day):
    assert answers(asks("on what exact date did it open"), text) is day


@pytest.mark.parametrize(("sentence", "says_a_place"), [
    ("During a plenary at the Eastern Economic Forum, Putin broached the idea.", True),
    ("He was born in York on 15 March 1813.", True),
    ("The ship sank near the harbour.", True),
    ("Putin's proposal might be aimed at placing the issue on the back burner.", False),
    ("On 15 January 1919 a tank burst.", False),  # a month is no place
    ("They met on Monday.", False),
    ("The first loaded ship left with 26,000 tonnes of maize bound for Lebanon.", True),  # a destination
    ("It was a victory for Japan.", False),  # "for" a name is no place
])
def test_where_asks_a_place_which_a_sentence_says_and_an_entry_says_its_own_way(sentence, says_a_place):
    wanted = asks("where did putin float the peace treaty")
    assert PLACE in wanted
    assert PLACE not in asks("what is the town where he was born")  # a clause, not the question
    assert PLACE not in asks("How does a forager let the other bees know where food is?")
    assert PLACE in asks("so where did abe and putin meet") and PLACE in asks("from where did the ship sail")
    assert answers(wanted, sentence) is says_a_place
    assert satisfied(wanted, supplies("Vladivostok."))  # a curator's answer is not held to a sentence's form


@pytest.mark.parametrize(("sentence", "says_when"), [
    ("When the Governor-General signs it, the bill receives the Royal assent and becomes an Act.", True),
    ("Once a bill has passed all of its stages, it is called an Act of Parliament.", True),
    ("The bill became an Act in March 1950.", True),  # a time answers too
    ("A bill that becomes an Act is printed by the Parliamentary Counsel Office.", False),
])
def test_when_as_a_rule_is_answered_by_the_occasion_and_when_it_happened_by_a_time(sentence, says_when):
    assert asks("When does a bill become an Act?") == {OCCASION}
    assert answers(asks("When does a bill become an Act?"), sentence) is says_when
    assert asks("When did the bill become an Act?") == {TIME}  # what happened once, at a time
    assert not answers(asks("When did the bill become an Act?"), "When the Governor-General signs it, it is an Act.")


@pytest.mark.parametrize(("sentence", "says_an_age"), [
    ("Snow died in London on 16 June 1858, at the age of 45, after a stroke.", True),
    ("Ptolemy V was only thirteen years old at the time.", True),
    ("Leonard Thompson, fourteen years old and weighing 65 pounds, lay dying.", True),
    ("Best won, and began work on 17 May 1921, at twenty-two.", True),
    ("She died aged 92.", True),
    ("He retired in his late sixties.", True),
    ("Hubbard's deaf daughter Mabel married Bell on 11 July 1877.", False),  # a date is no age
    ("The workshop stood at 109 Court Street in Boston.", False),  # "at" a number is no age
])
def test_an_age_at_a_moment_is_answered_only_by_an_age(sentence, says_an_age):
    wanted = asks("How old was Mabel Hubbard when she married Bell?")
    assert answers(wanted, sentence) is says_an_age
    # A curator's answer may be the age alone, but says one: "Two: first, ..." counts objectives.
    assert satisfied(wanted, supplies("45, in 1858.")) and satisfied(wanted, supplies("He was 45 when he died."))
    assert not satisfied(wanted, supplies("Two: first, to settle the dispute; second, to slow Russia down."))


@pytest.mark.parametrize(("question", "sentence", "answered"), [
    # A measure the other way is no answer: the dam's length does not say how tall it is.
    ("How tall is the Gatun dam?", "An earthen dam at Gatun, nearly a mile and a half long, made a lake.", False),
    ("How long is the Gatun dam?", "An earthen dam at Gatun, nearly a mile and a half long, made a lake.", True),
    ("How tall was the tower?", "The tower rose 300 metres above the river.", True),
    ("How deep was the harbour?", "The harbour was 12 metres across at its mouth.", False),
    ("How deep was the harbour?", "The harbour was 12 metres deep at its mouth.", True),
    ("How heavy was the stone?", "The stone is 112 centimetres tall.", False),
    ("How heavy was the stone?", "The stone weighs about 760 kilograms.", True),
    # A volume is a measure, not a count: spilled diesel counts no crew.
    ("How many crew were on the ship?", "The ship spilled some 600,000 litres of diesel.", False),
])
def test_a_measure_is_answered_only_in_the_dimension_asked(question, sentence, answered):
    assert answers(asks(question), sentence) is answered
    if MEASURE in asks(question):  # a curator's answer says it its own way
        assert satisfied(asks(question), supplies("About 30 metres."))
