"""The Python package against the command line: the same answers, on the whole development
corpus. LEAKLENS_CLI names the `leaklens` binary (make test-python sets it)."""

import glob
import json
import os
import subprocess

import pytest

import leaklens

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("LEAKLENS_CLI", os.path.join(ROOT, "target", "debug", "leaklens"))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "*.jsonl")))
CLAIM = "CoWIN data leaked on Telegram: names, phone numbers and Aadhaar numbers of vaccinated people out"
HINDI = "कोविन का डेटा लीक हो गया, टेलीग्राम बॉट पर नाम, मोबाइल नंबर और आधार नंबर मिल रहे हैं"


def cli(*args, stdin=None):
    out = subprocess.run([CLI, *args], input=stdin, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def corpus_lines():
    lines = []
    for path in CORPUS:
        with open(path, encoding="utf-8") as f:
            lines.extend(line for line in f.read().splitlines() if line.strip())
    return lines


@pytest.fixture(scope="module")
def corpus():
    lines = corpus_lines()
    assert len(lines) >= 400, "the development corpus is there"
    return lines


@pytest.fixture(scope="module")
def cli_corpus(corpus):
    out = cli("check", "--jsonl", stdin=("\n".join(corpus) + "\n").encode("utf-8"))
    return out.splitlines()


@pytest.mark.parametrize(
    "text,options",
    [
        (CLAIM, {}),
        (CLAIM, {"date": "2023-06-12", "url": "https://x.com/a/status/1"}),
        (CLAIM, {"lang": "hi"}),
        (HINDI, {"date": "2023-06-12"}),
        (HINDI, {"lang": "en"}),
        ("Lovely weather in Pune today", {}),
        ("", {}),
    ],
)
def test_check_is_the_cli_json(tmp_path, text, options):
    post = tmp_path / "post.txt"
    post.write_text(text, encoding="utf-8")
    flags = {"date": "--date", "url": "--url", "lang": "--card-lang"}
    args = ["check", "--format", "json"]
    for key, value in options.items():
        args += [flags[key], value]
    expected = json.loads(cli(*args, str(post)))
    assert leaklens.check(text, **options) == expected


def test_check_finds_the_claim_and_its_incident():
    r = leaklens.check(CLAIM, date="2023-06-12")
    assert r["is_claim"] is True
    assert r["systems"] == ["cowin"]
    assert r["card"]["incident"]["id"] == "cowin-telegram-2023"
    assert leaklens.check("Lovely weather in Pune today")["card"] is None


def test_check_batch_matches_the_cli_on_the_whole_corpus(corpus, cli_corpus):
    ours = leaklens.check_batch([json.loads(line) for line in corpus])
    theirs = [json.loads(line) for line in cli_corpus]
    assert len(ours) == len(theirs) == len(corpus)
    claims = 0
    for mine, cli_line in zip(ours, theirs):
        assert mine == cli_line, mine.get("id")
        claims += mine["is_claim"]
    assert 150 < claims < len(corpus), "both verdicts occur"


def test_check_columns_gives_the_cli_lines_byte_for_byte(corpus, cli_corpus):
    posts = [json.loads(line) for line in corpus]
    cols = leaklens.check_columns(
        [p["text"] for p in posts],
        ids=[p["id"] for p in posts],
        dates=[p.get("date") for p in posts],
        urls=[p.get("url") for p in posts],
    )
    assert set(cols) == set(leaklens.RESULT_COLUMNS)
    assert all(len(v) == len(posts) for v in cols.values())
    assert cols["result"] == cli_corpus
    for i, line in enumerate(cli_corpus):
        expected = json.loads(line)
        assert cols["is_claim"][i] == expected["is_claim"]
        assert cols["language"][i] == expected["language"]
        assert cols["systems"][i] == expected["systems"]
        card = expected["card"]
        assert cols["status"][i] == (card["status"]["id"] if card else None)
        assert cols["incident"][i] == (card["incident"]["id"] if card and card["incident"] else None)


def test_text_items_and_bad_items_in_a_batch():
    out = leaklens.check_batch(
        [CLAIM, {"id": 7, "text": CLAIM, "date": "2023-06-12"}, {"id": "x"}, {"id": 9, "text": 3}, 42, {"text": "ok", "date": 5}]
    )
    assert len(out) == 6
    assert out[0] == leaklens.check(CLAIM)
    assert out[1]["id"] == 7 and out[1]["card"]["incident"]["id"] == "cowin-telegram-2023"
    assert out[2] == {"id": "x", "index": 2, "error": 'missing "text"'}
    assert out[3] == {"id": 9, "index": 3, "error": '"text" must be a string'}
    assert out[4]["index"] == 4 and "got int" in out[4]["error"]
    assert out[5]["error"] == '"date" must be a string'
    assert leaklens.check_batch(iter([])) == []


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(TypeError):
        leaklens.check(None)
    with pytest.raises(TypeError):
        leaklens.check_batch(5)
    with pytest.raises(TypeError, match="dates has 1 values, texts has 2"):
        leaklens.check_columns(["a", "b"], dates=["2023-01-01"])
    with pytest.raises(TypeError, match="texts: expected str or None"):
        leaklens.check_columns(["a", 5])


def test_a_missing_text_in_a_column_is_an_error_row():
    cols = leaklens.check_columns([None, CLAIM], ids=["a", "b"])
    assert cols["error"] == ['missing "text"', None]
    assert cols["is_claim"] == [None, True]
    assert json.loads(cols["result"][0]) == {"id": "a", "error": 'missing "text"'}


def test_check_lines_reads_lines_as_the_cli_does(corpus, cli_corpus):
    bad = ["not json", "", '{"id": 5}', "[1,2]", '{"id": 7, "text": 3}\r', '{"id": 8, "text": "CoWIN leak: names out"}\r']
    lines = corpus + bad
    cols = leaklens.check_lines(lines, list(range(1, len(lines) + 1)))
    expected = cli("check", "--jsonl", stdin=("\n".join(lines) + "\n").encode("utf-8")).splitlines()
    assert expected[: len(corpus)] == cli_corpus
    assert cols["result"] == expected
    assert cols["error"][len(corpus)].startswith("invalid JSON")
    assert json.loads(cols["result"][len(corpus) + 2]) == {"id": 5, "line": len(corpus) + 3, "error": 'missing "text"'}
    with pytest.raises(TypeError, match="numbers has 1 values, lines has 2"):
        leaklens.check_lines(["a", "b"], [1])


def test_check_arrow_keeps_the_input_columns():
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"id": [1, 2], "text": [CLAIM, "Lovely weather"], "date": ["2023-06-12", None]})
    out = leaklens.check_arrow(table)
    assert tuple(out.schema.names) == leaklens.RESULT_COLUMNS
    assert out.column("id").to_pylist() == ["1", "2"]
    assert out.column("claim_text").to_pylist() == [CLAIM, None]
    assert out.column("is_claim").to_pylist() == [True, False]
    assert out.column("incident").to_pylist() == ["cowin-telegram-2023", None]
    assert json.loads(out.column("result")[0].as_py())["id"] == 1
    with pytest.raises(KeyError, match="no column 'body'"):
        leaklens.check_arrow(table, text="body")


def test_redact_masks_identifiers_and_keeps_the_rest():
    text = "Aadhaar 2345 6789 0124, phone 9876543210, PAN ABCPE1234F, mail ravi.k@example.in"
    masked = leaklens.redact(text)
    for raw in ("2345 6789", "98765", "ABCPE", "ravi.k"):
        assert raw not in masked
    assert masked.startswith("Aadhaar XXXX XXXX 0124, phone ")
    assert "@example.in" in masked
    assert leaklens.redact("no identifiers here") == "no identifiers here"
