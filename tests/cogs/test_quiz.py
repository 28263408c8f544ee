"""Quiz commands called directly; the buttons and the answer form are played in tests/scenarios."""

import pytest

from bot.kb.quiz import accepted_answers, after, check
from bot.store import now
from tests.discord_helpers import buttons, make_interaction, make_member, sent


@pytest.fixture
def cog(bot):
    return bot.get_cog("Quiz")


async def start(bot, cog, user_id=42):
    interaction = make_interaction(bot, member=make_member(user_id=user_id))
    await cog.start.callback(cog, interaction)
    return sent(interaction)


async def test_quiz_asks_a_curated_question_with_answer_and_give_up(bot, cog):
    out = await start(bot, cog)
    answer, give_up = out["view"].children
    entry = bot.library.kb.entry(answer.entry_id)
    assert out["embed"].description == entry.questions[0]
    assert [b.label for b in buttons(out["view"])] == ["Answer", "Give up"]
    assert answer.member_id == give_up.member_id == 42


async def test_stats_and_leaderboard(bot, cog):
    for user, right in ((42, False), (42, True), (43, True)):
        entry = bot.library.kb.entry((await start(bot, cog, user))["view"].children[0].entry_id)
        reply = accepted_answers(entry)[0] if right else "wrong answer"
        records = await bot.store.quiz_records(1, user)
        record = after(records.get(entry.id), check(reply, accepted_answers(entry)), now())
        await bot.store.save_quiz(1, user, entry.id, record)
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
