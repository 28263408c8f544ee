import pytest

from bot import render
from bot.cogs.quiz import QuizView
from bot.kb.quiz import accepted_answers
from tests.discord_helpers import make_interaction, make_member, sent


@pytest.fixture
def cog(bot):
    return bot.get_cog("Quiz")


async def start(bot, cog, user_id=42):
    interaction = make_interaction(bot, member=make_member(user_id=user_id))
    await cog.start.callback(cog, interaction)
    return sent(interaction)


async def test_quiz_asks_a_curated_question_with_answer_and_give_up(bot, cog):
    out = await start(bot, cog)
    view: QuizView = out["view"]
    assert out["embed"].description == view.entry.questions[0]
    assert [b.label for b in view.children] == ["Answer", "Give up"]
    click = make_interaction(bot, member=make_member(user_id=42))
    await view.answer.callback(click)
    modal = click.response.send_modal.await_args.args[0]
    loaded = bot.extensions["bot.cogs.quiz"]  # load_extension runs the module afresh
    assert isinstance(modal, loaded.AnswerModal)
    [label] = modal.children
    assert label.component is modal.reply and label.description == view.entry.questions[0][:100]


async def test_a_right_answer_moves_the_entry_up_and_cites_the_passage(bot, cog):
    view: QuizView = (await start(bot, cog))["view"]
    click = make_interaction(bot, member=make_member(user_id=42))
    await view.settle(click, accepted_answers(view.entry)[0].upper() + "!")
    embed = sent(click)["embed"]
    first = view.entry.citations[0]
    cited = bot.library.kb.passage(first.source, first.passage)
    assert embed.title == "Right!" and embed.fields[0].name == render.passage_label(cited)
    assert first.quote in embed.fields[0].value
    record = (await bot.store.quiz_records(1, 42))[view.entry.id]
    assert (record.box, record.correct) == (2, 1)
    assert all(b.disabled for b in view.children)


async def test_giving_up_reveals_and_counts_as_missed(bot, cog):
    view: QuizView = (await start(bot, cog))["view"]
    click = make_interaction(bot, member=make_member(user_id=42))
    await view.give_up.callback(click)
    assert sent(click)["embed"].title == "The answer"
    assert (await bot.store.quiz_records(1, 42))[view.entry.id].wrong == 1
    twice = make_interaction(bot, member=make_member(user_id=42))
    await view.settle(twice, "anything")
    assert "already answered" in sent(twice)["content"]


async def test_only_the_quizzed_member_may_answer(bot, cog):
    view: QuizView = (await start(bot, cog))["view"]
    other = make_interaction(bot, member=make_member(user_id=7))
    assert await view.interaction_check(other) is False
    assert "someone else's" in sent(other)["content"]


async def test_stats_and_leaderboard(bot, cog):
    for user, replies in ((42, ["wrong answer", None]), (43, [None])):
        for reply in replies:
            view: QuizView = (await start(bot, cog, user))["view"]
            await view.settle(make_interaction(bot, member=make_member(user_id=user)),
                              accepted_answers(view.entry)[0] if reply is None else reply)
    stats = make_interaction(bot, member=make_member(user_id=42))
    await cog.stats.callback(cog, stats)
    assert "1 right, 1 wrong (50%)" in sent(stats)["content"]
    board = make_interaction(bot)
    await cog.leaderboard.callback(cog, board)
    lines = sent(board)["embed"].description.splitlines()
    assert lines[0].startswith("1. <@") and len(lines) == 2


async def test_no_quiz_for_a_text_without_questions(bot, cog):
    interaction = make_interaction(bot)
    await cog.start.callback(cog, interaction, source="no-such-text")
    assert "no quiz questions" in sent(interaction)["content"]
