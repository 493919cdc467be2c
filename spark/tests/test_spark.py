"""The Spark job in local mode against the command line: the same lines for the whole
development corpus (JSON Lines and Parquet input), and summaries that add up to the CLI's
verdicts. LEAKLENS_CLI names the `leaklens` binary (make test-python sets it)."""

import collections
import glob
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
CLI = os.environ.get("LEAKLENS_CLI", os.path.join(ROOT, "target", "debug", "leaklens"))

import leaklens_job  # noqa: E402

DATED = [
    {"id": "d1", "text": "CoWIN data leaked on Telegram: names, phone numbers, Aadhaar numbers out", "date": "2023-06-12"},
    {"id": "d2", "text": "CoWIN data leaked on Telegram: names, phone numbers, Aadhaar numbers out", "date": "2023-06-12T08:00:00Z"},
    {"id": 3, "text": "Lovely weather in Pune today", "date": "2023-06-12", "url": "https://x.com/a/status/3"},
]
BAD = ["not json", "", '{"id": 5}', '{"id": 6, "text": 3}']


def read_parts(folder, pattern):
    lines = []
    for part in sorted(glob.glob(os.path.join(folder, pattern))):
        with open(part, encoding="utf-8") as f:
            lines.extend(f.read().splitlines())
    return lines


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    lines = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            lines.extend(line for line in f.read().splitlines() if line.strip())
    lines += [json.dumps(p, ensure_ascii=False) for p in DATED] + BAD
    path = tmp_path_factory.mktemp("in") / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_lines(posts):
    out = subprocess.run([CLI, "check", "--jsonl", str(posts)], capture_output=True, check=True)
    return out.stdout.decode("utf-8").splitlines()


@pytest.fixture(scope="module")
def spark():
    s = leaklens_job.session("local[2]")
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def jsonl_run(spark, posts, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    # small files get one partition; split the input to exercise the numbering across several
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(64 * 1024))
    try:
        stats = leaklens_job.run(spark, str(posts), str(out))
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
    return out, stats


def test_results_are_the_cli_lines_in_order(jsonl_run, cli_lines):
    out, stats = jsonl_run
    assert stats["partitions"] > 1
    assert read_parts(os.path.join(out, "results"), "part-*") == cli_lines
    assert stats["posts"] == len(cli_lines)
    assert stats["errors"] == len(BAD)


def test_summaries_add_up_to_the_cli_verdicts(jsonl_run, cli_lines):
    out, stats = jsonl_run
    results = [json.loads(line) for line in cli_lines]
    claims = [r for r in results if r.get("is_claim")]
    assert stats["claims"] == len(claims) > 100

    expected = collections.Counter()
    for r in claims:
        card, date = r["card"], None
        post = next((p for p in DATED if p["id"] == r["id"]), None)
        date = post["date"][:10] if post else "unknown"
        incident = card["incident"]["id"] if card["incident"] else "none"
        for system in r["systems"] or ["none"]:
            expected[(date, system, incident, card["status"]["id"])] += 1
    rows = [json.loads(line) for line in read_parts(os.path.join(out, "summary", "by_day"), "part-*.json")]
    got = {(x["day"], x["system"], x["incident"], x["status"]): x["claims"] for x in rows}
    assert got == dict(expected)
    assert got[("2023-06-12", "cowin", "cowin-telegram-2023", "disputed")] == 2

    langs = [json.loads(line) for line in read_parts(os.path.join(out, "summary", "by_language"), "part-*.json")]
    by_lang = collections.Counter(r["language"] for r in results if "error" not in r)
    assert {x["language"]: x["posts"] for x in langs} == dict(by_lang)
    assert sum(x["claims"] for x in langs) == len(claims)

    top = [json.loads(line) for line in read_parts(os.path.join(out, "summary", "top_texts"), "part-*.json")]
    assert top[0]["count"] == 2 and top[0]["systems"] == ["cowin"]
    assert [t["count"] for t in top] == sorted((t["count"] for t in top), reverse=True)


def test_top_texts_are_masked(spark, tmp_path):
    text = "CoWIN data leaked on Telegram, here is one: Aadhaar 2345 6789 0124, mobile 9876543210"
    posts = tmp_path / "pii.jsonl"
    posts.write_text("\n".join(json.dumps({"id": i, "text": text}) for i in range(3)) + "\n", encoding="utf-8")
    leaklens_job.run(spark, str(posts), str(tmp_path / "out"))
    top = read_parts(str(tmp_path / "out" / "summary" / "top_texts"), "part-*.json")
    assert len(top) == 1
    assert "2345 6789" not in top[0] and "98765" not in top[0]
    assert json.loads(top[0])["text"].endswith("Aadhaar XXXX XXXX 0124, mobile XXXXXX3210")


def test_parquet_input_gives_the_same_lines(spark, posts, cli_lines, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in posts.read_text(encoding="utf-8").splitlines()[: -len(BAD)]]
    table = pa.table(
        {
            "id": [str(r["id"]) for r in rows],
            "text": [r["text"] for r in rows],
            "date": [r.get("date") for r in rows],
            "url": [r.get("url") for r in rows],
        }
    )
    pq.write_table(table, tmp_path / "posts.parquet")
    stats = leaklens_job.run(spark, str(tmp_path / "posts.parquet"), str(tmp_path / "out"), results_format="parquet")
    assert stats["posts"] == len(rows) and stats["errors"] == 0
    got = pq.read_table(tmp_path / "out" / "results").sort_by("line")
    expected = [json.loads(line) for line in cli_lines[: len(rows)]]
    for r in expected:
        r["id"] = str(r["id"])  # the Parquet ids were written as strings
    assert [json.loads(x) for x in got.column("result").to_pylist()] == expected
    assert got.column("is_claim").to_pylist() == [r["is_claim"] for r in expected]


def test_a_missing_input_is_a_clear_error(capsys):
    with pytest.raises(SystemExit):
        leaklens_job.main(["/nonexistent/posts.jsonl", "/tmp/never"])
    assert "no such file or folder" in capsys.readouterr().err
