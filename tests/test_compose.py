"""compose.yaml: PostgreSQL and two bot processes that share it and split the shards between them."""

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bot.config import is_postgres, shards_from_env

ROOT = Path(__file__).resolve().parent.parent


def services() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["services"]


def bots() -> dict:
    return {name: service for name, service in services().items() if service.get("build") == "."}


def test_postgres_is_a_service_with_a_volume_and_a_health_check():
    postgres = services()["postgres"]
    assert postgres["image"].startswith("postgres:")
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in postgres["volumes"])
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


def test_two_bot_processes_share_the_database_and_wait_for_it():
    found = bots()
    assert len(found) == 2
    databases = {service["environment"]["CITEBOT_DB"] for service in found.values()}
    assert len(databases) == 1
    [url] = databases
    assert is_postgres(url) and urlsplit(url).hostname == "postgres"
    for service in found.values():
        # The password apart from the URL, where no character needs escaping, and never a default.
        assert urlsplit(url).password is None and "POSTGRES_PASSWORD:?" in service["environment"]["PGPASSWORD"]
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["restart"] == "unless-stopped"


def test_each_process_runs_half_of_the_shards_and_together_all_of_them():
    shards = [shards_from_env(s["environment"]["CITEBOT_SHARD_COUNT"], s["environment"]["CITEBOT_SHARD_IDS"])
              for s in bots().values()]
    counts = {count for count, _ in shards}
    assert len(counts) == 1  # every process agrees on the total
    [count] = counts
    owned = [set(ids) for _, ids in shards]
    assert owned[0].isdisjoint(owned[1]) and owned[0] | owned[1] == set(range(count))
    assert len(owned[0]) == len(owned[1]) == count // 2


def test_the_image_carries_the_postgresql_driver():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "['optional-dependencies']['postgres']" in dockerfile
