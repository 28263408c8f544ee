"""A small run of benchmarks/shards.py: two bot processes on four shards over one PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_two_processes_answer_every_question_and_post_each_prompt_once(pg_url):
    base = os.environ["CITEBOT_TEST_PG"]  # pg_url skips when there is no server; the script makes its own schema
    run = subprocess.run([sys.executable, "benchmarks/shards.py", "--servers", "40", "--rate", "20", "--seconds", "2",
                          "--database", base], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "40 servers over 4 shards in 2 processes" in run.stdout
    assert "40 sent, 40 answered, 0 lost" in run.stdout
    assert "40 of 40 servers got exactly one prompt message" in run.stdout
    assert "posted after restart: 0" in run.stdout and run.stdout.rstrip().endswith("OK")
