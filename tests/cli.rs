//! The `leaklens` binary: readable verdicts, the JSON Lines contract, ClaimReview export,
//! knowledge validation and broken overrides.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_leaklens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("leaklens-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "sources.json",
        "systems.json",
        "incidents.json",
        "statuses.json",
    ] {
        std::fs::copy(format!("data/kb/{f}"), dir.join(f)).unwrap();
    }
    dir
}

#[test]
fn check_prints_a_readable_verdict() {
    let o = run(
        &["check"],
        "CoWIN data leaked on Telegram: names and addresses exposed",
    );
    let out = stdout(&o);
    assert!(o.status.success());
    assert!(out.starts_with("stdin: LEAK CLAIM"), "{out}");
    assert!(out.contains("Address"), "{out}");
    assert!(out.contains("not collected"), "{out}");
    let o = run(&["check"], "lovely weather in Pune today");
    assert!(stdout(&o).contains("no leak claim"));
}

#[test]
fn jsonl_keeps_every_line_in_order_and_flags_bad_ones() {
    let input = "{\"id\":\"a\",\"text\":\"CoWIN data leaked on Telegram, names exposed\",\"date\":\"2023-06-12\"}\n\
                 this is not json\n\
                 {\"id\":\"c\",\"text\":\"nice weather\"}\n";
    let o = run(&["check", "--jsonl"], input);
    assert!(o.status.success(), "not strict: exit 0");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["card"]["incident"]["id"], "cowin-telegram-2023");
    assert_eq!(lines[0]["card"]["status"]["id"], "disputed");
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[2]["id"], "c");
    assert!(lines[2]["card"].is_null());
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 of 3 lines"));
    let o = run(&["check", "--jsonl", "--strict"], input);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn claimreview_format_is_json_ld() {
    let o = run(
        &[
            "check",
            "--format",
            "claimreview",
            "--url",
            "https://x.com/a/status/9",
            "--date",
            "2023-06-12",
        ],
        "CoWIN data leaked on Telegram: names and passport numbers exposed",
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["@type"], "ClaimReview");
    assert_eq!(
        v["itemReviewed"]["appearance"][0]["url"],
        "https://x.com/a/status/9"
    );
    assert_eq!(v["reviewRating"]["alternateName"], "Disputed");
}

#[test]
fn kb_check_validates_a_folder_precisely() {
    let dir = temp_dir("ok");
    let o = run(&["kb", "check", dir.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("ok ("));
    let kb = leaklens::knowledge();
    assert!(
        stdout(&o).contains(&format!(
            "knowledge version {}, as of {}",
            kb.version, kb.knowledge_date
        )),
        "{}",
        stdout(&o)
    );
    let systems = std::fs::read_to_string(dir.join("systems.json")).unwrap();
    std::fs::write(
        dir.join("systems.json"),
        systems.replacen("\"collected\": \"yes\"", "\"collected\": \"maybe\"", 1),
    )
    .unwrap();
    let o = run(&["kb", "check", dir.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("systems.json"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn kb_report_lists_every_statement_with_its_source() {
    let kb = leaklens::knowledge();
    let o = run(&["kb", "report"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains(&format!(
        "version {}, as of {}",
        kb.version, kb.knowledge_date
    )));
    assert_eq!(out.matches("\nINCIDENT ").count(), kb.incidents.len());
    assert_eq!(out.matches("\nSYSTEM ").count(), kb.systems.len());
    assert!(out.contains("  dob: optional — The Quint, 2021-09-26 <https://"));
    // a folder: the same report; a broken folder: the reason, exit 1
    let dir = temp_dir("report");
    let o = run(&["kb", "report", dir.to_str().unwrap()], "");
    assert_eq!(stdout(&o), out);
    std::fs::write(dir.join("statuses.json"), "{").unwrap();
    let o = run(&["kb", "report", dir.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("statuses.json"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_broken_override_keeps_the_embedded_knowledge_serving() {
    let dir = temp_dir("broken");
    std::fs::write(dir.join("incidents.json"), "{\"incidents\": [").unwrap();
    let o = run(
        &["check", "--format", "json", "--kb", dir.to_str().unwrap()],
        "CoWIN data leaked on Telegram: names and addresses exposed",
    );
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("incidents.json") && stderr.contains("embedded"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["card"]["incident"]["id"], "cowin-telegram-2023");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_leaklens"))
        .args(["check", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..20_000 {
            if writeln!(
                stdin,
                "{{\"id\":{i},\"text\":\"CoWIN data leaked, names exposed\"}}"
            )
            .is_err()
            {
                break;
            }
        }
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"is_claim\":true"));
    // the reader goes away here (stdout dropped)
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}

/// A post pasting identifiers: no output format of `check` or `redact` repeats one.
const PASTED: &str = "CoWIN data leaked!! Bot reply: Aadhaar 2345 6789 0124, mobile +91 98765 43210, \
                      PAN ABCPE1234F, email ravi.k@example.in, voter ID UTC1234567, passport J8369854";
const RAW: &[&str] = &[
    "2345 6789 0124",
    "234567890124",
    "98765 43210",
    "9876543210",
    "ABCPE1234F",
    "ravi.k@example.in",
    "UTC1234567",
    "J8369854",
];

fn assert_no_raw(out: &str) {
    for raw in RAW {
        assert!(!out.contains(raw), "{raw} in {out}");
    }
}

#[test]
fn no_format_repeats_an_identifier() {
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["check", "--format", "claimreview"],
        &["check", "--card-lang", "hi"],
    ] {
        let o = run(args, PASTED);
        assert!(o.status.success(), "{args:?}");
        assert_no_raw(&stdout(&o));
    }
    let o = run(&["check", "--format", "json"], PASTED);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let kinds: Vec<&str> = v["personal_data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["aadhaar", "mobile", "pan", "email", "voter_id", "passport"]
    );
    assert_eq!(v["personal_data"][0]["masked"], "XXXX XXXX 0124");
    assert!(v["card"]["personal_data"]["text"]
        .as_str()
        .unwrap()
        .starts_with("This post shows what look like 1 Aadhaar number, 1 PAN, 1 phone number"));
    let line = serde_json::json!({"id": 1, "text": PASTED}).to_string();
    let o = run(&["check", "--jsonl"], &line);
    assert_no_raw(&stdout(&o));
    assert!(stdout(&o).contains("\"personal_data\""));
}

#[test]
fn redact_masks_text_and_json_lines() {
    let o = run(&["redact"], PASTED);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_no_raw(&out);
    assert!(out.contains("Aadhaar XXXX XXXX 0124, mobile +91 XXXXX X3210, PAN XXXXX1234F"));
    assert!(
        out.contains("r*****@example.in") && out.contains("XXXXXX4567") && out.contains("XXXX9854")
    );
    let input = format!(
        "{}\nnot json {PASTED}\n{}\n",
        serde_json::json!({"id": "a", "text": PASTED, "author": "9876543210"}),
        serde_json::json!({"id": "b", "text": "nothing to hide"})
    );
    let o = run(&["redact", "--jsonl", "--strict"], &input);
    assert_eq!(o.status.code(), Some(1), "a bad line with --strict");
    let out = stdout(&o);
    assert_no_raw(&out);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["author"], "XXXXXX3210");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON"));
    assert_eq!(lines[2]["text"], "nothing to hide");
    let o = run(&["redact"], "");
    assert!(o.status.success() && o.stdout.is_empty());
}
