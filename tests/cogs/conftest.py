import pytest

from tests.discord_helpers import make_bot


@pytest.fixture
async def bot(tmp_path):
    """A bot with every cog loaded over the shipped knowledge and a store in tmp_path."""
    bot = await make_bot(tmp_path)
    yield bot
    await bot.store.close()
