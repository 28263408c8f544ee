import pytest
import yaml

from bot.kb import check_knowledge
from bot.kb.models import Citation, Prompt
from bot.prompting import PENDING_PER_MEMBER, export_yaml, next_prompt, server_prompts, vet_suggestion


def test_rotation_has_no_repeats_until_every_prompt_is_used(kb):
    prompts = server_prompts(kb, [], None)
    posted: dict[str, int] = {}
    seen = []
    for _ in range(len(prompts)):
        chosen = next_prompt(prompts, posted)
        posted[chosen.id] = posted.get(chosen.id, 0) + 1
        seen.append(chosen.id)
    assert sorted(seen) == sorted(p.id for p in prompts)
    assert next_prompt(prompts, posted).id == prompts[0].id  # a new round begins
    newcomer = Prompt("custom-1", "kaczmarski-2018", "New?", ())
    assert next_prompt([*prompts, newcomer], posted).id == "custom-1"  # unused ones first
    assert next_prompt([], {}) is None


def test_server_texts_limit_the_prompts(kb):
    assert server_prompts(kb, [], ["other-text"]) == []
    assert len(server_prompts(kb, [], None)) == len(kb.prompts)


GOOD = "Would a joint development zone make a settlement of the island dispute more likely?"


@pytest.mark.parametrize(
    ("text", "passage", "pending", "says"),
    [
        (GOOD, 6, 0, None),
        ("Why?", None, 0, "too short"),
        ("x" * 600, None, 0, "too long"),
        ("1234567890 !!!! ?????", None, 0, "needs words"),
        (GOOD, 99, 0, "passages 1 to 15"),
        (GOOD, None, PENDING_PER_MEMBER, "already have"),
        ("Russia clearly has the upper hand. Do you agree? List what each side can offer or withhold.", None, 0,
         "very like an existing prompt"),
    ],
)
def test_suggestions_are_vetted_with_a_reason(kb, text, passage, pending, says):
    existing = [p.text for p in kb.prompts]
    reason = vet_suggestion(text, kb=kb, source="kaczmarski-2018", passage=passage, existing=existing,
                            pending_by_member=pending)
    assert (reason is None) if says is None else (says in reason)


@pytest.mark.parametrize(("text", "says"), [
    ("@everyone what do you all think about the Kuril islands dispute?", "mentions"),
    ("<@123456789012345678> should Japan give up the islands for a treaty?", "mentions"),
    ("<@&42> should Japan give up the islands for a treaty?", "mentions"),
    ("https://spam.example.com buy cheap followers now", "link"),
    ("xxxxxxxxxxxxxxxxxxxxxxxx", "at least 3 different"),
    ("lol lol lol lol lol lol lol", "at least 3 different"),
    ("Is it " + "a" * 400 + "?", "400 letters long"),
])
def test_pings_links_and_non_words_are_no_prompt(kb, text, says):
    reason = vet_suggestion(text, kb=kb, source="kaczmarski-2018", passage=None, existing=[], pending_by_member=0)
    assert reason is not None and says in reason
    # The text's own names are words of a prompt, though English has no use for them.
    assert vet_suggestion("Kaczmarski, Vostok-2018 and Yamal?", kb=kb, source="kaczmarski-2018", passage=None,
                          existing=[], pending_by_member=0) is None


def test_a_suggestion_like_one_waiting_or_turned_down_says_which(kb):
    def vet(**lists):
        return vet_suggestion(GOOD, kb=kb, source="kaczmarski-2018", passage=None, existing=[], pending_by_member=0,
                              **lists)

    assert "a suggestion already waiting" in vet(waiting=[GOOD.lower()])
    assert "the moderators turned down" in vet(rejected=[GOOD + "!"])
    assert vet(waiting=["What did Putin propose?"], rejected=["Is Abe a good negotiator?"]) is None


def test_export_is_a_valid_prompts_file(kb, tmp_path):
    import shutil

    from bot.config import default_knowledge_dir

    custom = [Prompt("custom-1", "kaczmarski-2018", "Is Aegis Ashore worth the diplomatic cost?",
                     (Citation("kaczmarski-2018", 11),)),
              Prompt("custom-2", "kaczmarski-2018", "What would you ask Putin?", ())]
    text = export_yaml(custom, guild_id=42, kb=kb)
    data = yaml.safe_load(text)
    assert [p["id"] for p in data["prompts"]] == ["server-42-1", "server-42-2"]
    assert data["prompts"][1]["draft"] is True
    quote = data["prompts"][0]["cite"][0]["quote"]
    assert quote and quote in kb.passage("kaczmarski-2018", 11).text
    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    (root / "prompts" / "server-42.yaml").write_text(text, encoding="utf-8")
    loaded, problems = check_knowledge(root)
    assert loaded is not None, [str(p) for p in problems]
    assert "server-42-1" in {p.id for p in loaded.prompts}


def test_an_exported_prompt_keeps_the_number_prompts_list_shows(kb):
    custom = [Prompt("custom-3", "kaczmarski-2018", "Is Aegis Ashore worth it?", (Citation("kaczmarski-2018", 11),)),
              Prompt("custom-7", "kaczmarski-2018", "What would you ask Putin?", (Citation("kaczmarski-2018", 8),))]
    data = yaml.safe_load(export_yaml(custom, guild_id=42, kb=kb))
    assert [p["id"] for p in data["prompts"]] == ["server-42-3", "server-42-7"]


def test_export_marks_a_prompt_whose_passage_is_gone_as_a_draft(kb):
    gone = len(kb.sources["kaczmarski-2018"].passages) + 5
    text = export_yaml([Prompt("custom-1", "kaczmarski-2018", "Is this still right?",
                               (Citation("kaczmarski-2018", gone),))], guild_id=7, kb=kb)
    [item] = yaml.safe_load(text)["prompts"]
    assert item["draft"] is True and "quote" not in item["cite"][0]
    assert "1 citation(s) name a passage the text does not have" in text
