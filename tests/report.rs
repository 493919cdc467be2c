//! `leaklens report`: a self-contained page from a run's results (with its posts) or from the
//! Spark job's summary folder; personal data masked, nothing fetched, bad input refused clearly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CLAIM: &str = "CoWIN data leaked on Telegram: names, phone numbers and Aadhaar numbers out";

fn leaklens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leaklens"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("leaklens-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_report_from_results_and_their_posts() {
    let dir = temp("results");
    let pii = format!("{CLAIM}. Proof: Aadhaar 2345 6789 0124, mobile 9876543210");
    let posts = [
        serde_json::json!({"id": 1, "text": pii, "date": "2023-06-12"}),
        serde_json::json!({"id": 2, "text": pii, "date": "2023-06-14T10:00:00Z"}),
        serde_json::json!({"id": 3, "text": "Lovely weather in Pune today", "date": "2023-06-14"}),
        serde_json::json!({"id": 4, "text": "AIIMS server hacked, patients' records stolen", "date": "2022-12-01"}),
    ];
    let mut lines: Vec<String> = posts.iter().map(|p| p.to_string()).collect();
    lines.push("not json".into());
    let posts_file = dir.join("posts.jsonl");
    std::fs::write(&posts_file, lines.join("\n") + "\n").unwrap();
    let checked = leaklens(&["check", "--jsonl", s(&posts_file)]);
    let results = dir.join("results.jsonl");
    std::fs::write(&results, &checked.stdout).unwrap();
    let html_file = dir.join("report.html");
    let out = leaklens(&[
        "report",
        s(&results),
        "--posts",
        s(&posts_file),
        "-o",
        s(&html_file),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 posts, 3 claims, 1 lines not checked"));
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert!(html.contains("<b>5</b>posts") && html.contains("<b>3</b>leak claims"));
    // the repeated text, counted twice, masked
    assert!(html.contains("<td class=\"n\">2</td>"));
    assert!(html.contains("XXXX XXXX 0124") && html.contains("XXXXXX3210"));
    assert!(!html.contains("2345 6789") && !html.contains("98765"));
    // the time line by day (June 2023 and December 2022 span more than two months: by month)
    assert!(html.contains(">2023-06<") && html.contains(">2022-12<"));
    assert!(html.contains("Telegram bot said to return CoW… · Disputed"));
    assert!(html.contains("<svg") && !html.contains("<script"));
    assert!(!html.contains("http:") && !html.contains("https:") && !html.contains("src="));
}

#[test]
fn a_report_from_the_spark_summary() {
    let dir = temp("summary");
    let write = |sub: &str, body: &str| {
        let d = dir.join("summary").join(sub);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("part-00000-x.json"), body).unwrap();
        std::fs::write(d.join("_SUCCESS"), "").unwrap();
    };
    write("totals", "{\"posts\":1000,\"claims\":420,\"errors\":7}\n");
    write(
        "by_day",
        "{\"day\":\"2023-06-12\",\"system\":\"cowin\",\"incident\":\"cowin-telegram-2023\",\"status\":\"disputed\",\"claims\":300}\n{\"day\":\"2023-06-13\",\"system\":\"aadhaar\",\"incident\":\"none\",\"status\":\"unverified\",\"claims\":120}\n",
    );
    write(
        "by_language",
        "{\"language\":\"hi\",\"posts\":600,\"claims\":300}\n{\"language\":\"ta\",\"posts\":400,\"claims\":120}\n",
    );
    write(
        "top_texts",
        "{\"text\":\"CoWIN leak, call 9876543210\",\"count\":40,\"systems\":[\"cowin\"],\"status\":\"disputed\"}\n",
    );
    let html_file = dir.join("r.html");
    let out = leaklens(&["report", s(&dir), "-o", s(&html_file)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert!(html.contains("<b>1000</b>posts") && html.contains("<b>7</b>lines not checked"));
    assert!(
        html.contains(">2023-06-12<") && html.contains(">2023-06-13<"),
        "by day"
    );
    assert!(html.contains("300 of 600") && html.contains("120 of 400"));
    assert!(html.contains("CoWIN leak, call XXXXXX3210") && !html.contains("9876543210"));
    // the summary folder itself works too
    let out = leaklens(&["report", s(&dir.join("summary")), "-o", s(&html_file)]);
    assert!(out.status.success());
}

#[test]
fn bad_input_is_refused_with_the_reason() {
    let dir = temp("bad");
    let out = leaklens(&[
        "report",
        "/nonexistent/results.jsonl",
        "-o",
        s(&dir.join("r.html")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/results.jsonl"));
    let posts = dir.join("posts.jsonl");
    std::fs::write(&posts, "{\"id\":1,\"text\":\"a post, not a result\"}\n").unwrap();
    let out = leaklens(&["report", s(&posts), "-o", s(&dir.join("r.html"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a line of `leaklens check --jsonl`"));
    assert!(!dir.join("r.html").exists(), "nothing written");
}
