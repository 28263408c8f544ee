import random
from collections import Counter

import pytest

from bot.kb.models import Citation, Entry
from bot.kb.quiz import BOXES, Record, accepted_answers, after, check, pick, quizzable


def entry(eid: str, answer: str, accept: tuple[str, ...] = ()) -> Entry:
    return Entry(eid, "s", ("q1", "q2", "q3"), answer, (Citation("s", 1, "x"),), accept=accept)


@pytest.mark.parametrize(
    ("reply", "accepted", "ok"),
    [
        ("Vladivostok", ["Vladivostok"], True),
        ("vladivostock", ["Vladivostok"], True),  # a small typo
        ("VLADIVOSTOK!!", ["Vladivostok"], True),  # case and punctuation
        ("it was in Vladivostok I think", ["Vladivostok"], True),  # inside a short sentence
        ("Moscow", ["Vladivostok"], False),
        ("78%", ["78%"], True),
        ("78 percent", ["78%"], True),
        ("seventy-eight percent", ["78%"], True),
        ("57%", ["56%"], False),  # alike strings, different figures
        ("the levada centre", ["Levada Center"], True),
        ("Russia", ["Russia clearly has the upper hand"], False),  # a short reply inside a long answer is not it
        # The opposite, however alike in letters: "full" where the answer says "no".
        ("Japan has full strategic autonomy", ["no strategic autonomy"], False),
        ("strategic autonomy", ["no strategic autonomy"], False),
        ("it has no strategic autonomy", ["no strategic autonomy"], True),
        ("not Vladivostok", ["Vladivostok"], False),
        ("", ["Vladivostok"], False),
        ("   ", ["x"], False),
        ("US$ 200 million", ["US$ 200 million", "200 million"], True),
        ("200m", ["200 million"], True),  # "m" is million where the answer speaks of millions
        ("200m", ["200 metres"], False),
        ("10 million", ["US$ 10 billion", "10 billion"], False),  # alike strings, a thousand times less
        ("10 trillion", ["10 billion"], False),
        ("3.2 million", ["2.3 million"], False),  # the same digits in another order
        ("2.3 billion", ["2.3 million"], False),
        ("$10bn", ["US$ 10 billion", "10 billion"], True),
        ("$10B", ["10 billion"], True),
        ("ten billion", ["10 billion"], True),
        ("2.3m", ["2.3 million"], True),
        ("5,500", ["5500"], True),
        ("400,000,000", ["400 million"], True),  # the same amount, written out
        ("two hundred million dollars", ["200 million"], True),
        ("three hundred million", ["200 million"], False),
        ("fifty-seven", ["57%"], True),  # a share said without "percent"
        ("fifty-six", ["57%"], False),
        ("400,000", ["400 million"], False),
        ("10,000,000,000", ["US$ 10 billion"], False),  # it does not say dollars
        ("3 Sept 1928", ["3 September 1928"], True),
        ("September 3rd, 1928", ["3 September 1928"], True),
        ("the 3rd of Sept. 1928", ["3 September 1928"], True),
        ("3/9/1928", ["3 September 1928"], True),  # day first, as the texts write dates
        ("9/13/1928", ["13 September 1928"], True),  # 13 cannot be a month
        ("4 September 1928", ["3 September 1928"], False),
        ("9/3/1928", ["3 September 1928"], False),
        # A year typed with two digits is the answer's year that ends so, and no other.
        ("26/6/48", ["26 June 1948"], True),
        ("20 june 48", ["20 June 1948"], True),
        ("June 20, '48", ["20 June 1948"], True),
        ("26/6/49", ["26 June 1948"], False),
        ("20 june 49", ["20 June 1948"], False),
        ("21 june 48", ["20 June 1948"], False),
    ],
)
def test_check_is_lenient_on_form_strict_on_facts(reply, accepted, ok):
    assert check(reply, accepted) is ok


@pytest.mark.parametrize(("reply", "ok"), [
    ("the EEF", True),  # another name the text's synonyms give
    ("at the eef in vladivostok", True),
    ("eastern economic forum", True),
    ("japan russia china putin abe eef", False),  # every name in the text is no answer
    ("vladivostok", False),  # right place, but not what the curator accepts
])
def test_another_name_for_the_answer_counts_with_the_texts_synonyms(kb, reply, ok):
    accepted = ["plenary", "Eastern Economic Forum"]
    assert check(reply, accepted, kb.synonyms_for("kaczmarski-2018")) is ok
    assert not check("the EEF", accepted)  # without the synonyms, only the words count


def test_a_reply_that_only_echoes_the_questions_own_name_is_not_the_answer(kb):
    entry = kb.entry("territories-names")
    synonyms, asked = kb.synonyms_for(entry.source), entry.questions[0]
    assert asked == "What does Russia call the Northern Territories?"
    assert not check("Northern Territories", accepted_answers(entry), synonyms, question=asked)
    assert check("the southern kurils", accepted_answers(entry), synonyms, question=asked)
    assert check("the EEF", ["Eastern Economic Forum"], synonyms, question="Where did Abe meet Putin?")


@pytest.mark.parametrize(("reply", "ok"), [
    ("September 2018", True), ("early september", True), ("3 Sept 2018", True),
    ("sept 2018", True), ("Sep 2018", True), ("Sept. 2018", True),  # refused, while "3 Sept 2018" was right
    # The month is right, the year is not: "September" alone was accepted inside them.
    ("September 2015", False), ("early September 2016", False), ("september 1999", False),
])
def test_a_year_in_the_reply_must_be_the_answers(reply, ok):
    answer = "In early September 2018, at the Eastern Economic Forum."
    assert check(reply, ["September 2018", "early September", "September"], answer=answer) is ok


@pytest.mark.parametrize(("reply", "ok"), [
    ("early September 2018", True), ("3 Sept 2018", True), ("beginning of september", True),
    ("late September 2018", False), ("30 September 2018", False), ("mid-september", False),
    ("end of Sept 2018", False), ("15/9/2018", False),
])
def test_a_day_or_part_of_the_month_must_fit_the_part_the_answer_gives(reply, ok):
    answer = "In early September 2018, at the Eastern Economic Forum."
    assert check(reply, ["September 2018", "early September", "September"], answer=answer) is ok
    # Of a month the answer gives no part of, any day may be meant.
    assert check("late September 2018", ["September 2018"], answer="In September 2018.")


def test_accepted_answers_prefer_the_curators_list_then_a_short_answer():
    assert accepted_answers(entry("a", "Long text.", ("78%",))) == ("78%",)
    assert accepted_answers(entry("b", "China. Moscow invited China to participate.")) == ("China",)
    assert accepted_answers(entry("c", "Yes. Russia has increased its military presence.")) == ()
    assert accepted_answers(entry("d", "It would matter much more if the Kremlin cared.")) == ()
    assert not quizzable(entry("d", "It would matter much more if the Kremlin cared."))


def test_a_yes_or_no_answer_accepts_its_polarity_beside_the_curators_list():
    agreed = entry("e", "No. Putin broached the idea unilaterally.", ("unilaterally",))
    assert accepted_answers(agreed) == ("no", "unilaterally")
    assert check("No", accepted_answers(agreed)) and check("no.", accepted_answers(agreed))
    assert check("unilaterally", accepted_answers(agreed))
    assert not check("yes", accepted_answers(agreed)) and not check("yes it was", accepted_answers(agreed))
    # A yes/no answer with nothing else to check stays out of quizzes: a coin toss is no question.
    assert accepted_answers(entry("c", "Yes. Russia has increased its military presence.")) == ()


def test_every_shipped_quiz_question_accepts_its_own_answer(kb):
    for e in kb.live_entries:
        for answer in accepted_answers(e):
            assert check(answer, accepted_answers(e)), (e.id, answer)


def test_leitner_boxes_move_up_when_right_and_back_when_wrong():
    record = after(None, True, "t1")
    assert (record.box, record.correct, record.wrong) == (2, 1, 0)
    for _ in range(10):
        record = after(record, True, "t")
    assert record.box == BOXES
    record = after(record, False, "t2")
    assert (record.box, record.wrong, record.last_seen) == (1, 1, "t2")


def test_pick_prefers_missed_entries_and_avoids_the_last_one():
    entries = [entry(f"e{i}", "China.", ("China",)) for i in range(3)]
    records = {"e0": Record(box=1, wrong=2), "e1": Record(box=5, correct=6)}  # e2 unseen
    rng = random.Random(1)
    drawn = Counter(pick(entries, records, rng=rng).id for _ in range(3000))
    assert drawn["e0"] > drawn["e2"] > drawn["e1"] > 0
    assert all(pick(entries, records, rng=rng, avoid="e0").id != "e0" for _ in range(50))
    assert pick([], {}) is None


def test_an_entry_answered_right_waits_behind_new_ones():
    entries = [entry(f"e{i}", "China.", ("China",)) for i in range(20)]
    records = {"e0": Record(box=2, correct=1)}  # answered right once; the other 19 never asked
    rng = random.Random(3)
    drawn = Counter(pick(entries, records, rng=rng).id for _ in range(4000))
    assert drawn["e0"] < min(drawn[f"e{i}"] for i in range(1, 20)) / 2


@pytest.mark.parametrize(("reply", "ok"), [
    ("38ft", True), ("38 ft.", True), ("38 feet", True),  # a unit written short is its word
    ("38 metres", False), ("38", False),  # another unit, or none, where the question does not say which
])
def test_a_unit_is_checked_however_it_is_written(reply, ok):
    assert check(reply, ["38 feet"], question="How high was the Barton Aqueduct?") is ok


@pytest.mark.parametrize(("reply", "ok"), [("51", True), ("fifty-one", True), ("52", False)])
def test_a_count_needs_no_noun_the_question_says_itself(reply, ok):
    assert check(reply, ["51 Acts"], question="How many canal Acts did Parliament pass?") is ok
    assert not check("51", ["51 Acts"], question="How many laws were passed?")  # "Acts" is then part of the answer


@pytest.mark.parametrize(("reply", "ok"), [
    ("8.5 to 9", True), ("8.5-9.0", True), ("between 8.5 and 9", True),  # the range, however written
    ("8.5", False), ("9.5", False),  # half of it, or another figure
])
def test_a_range_needs_its_figures_not_the_words_that_bound_them(reply, ok):
    assert check(reply, ["Between 8.5 and 9.0"], question="What was the magnitude of the earthquake?") is ok


def test_a_figure_with_a_thousands_comma_is_no_end_of_the_answers_first_clause():
    died = entry("f", "About 30,000 people, by modern estimates.")
    assert accepted_answers(died) == ("About 30,000 people",)
    assert check("30,000", accepted_answers(died), question="How many people died in Lisbon?")
    assert not check("30", accepted_answers(died), question="How many people died in Lisbon?")
