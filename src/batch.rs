//! The batch contract (`leaklens check --jsonl`): JSON Lines in, one JSON object out per input
//! line, same order. A bad line gets an error object in its place; nothing is dropped.

use crate::Detection;
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{self, BufRead, Write};

/// One input line, parsed: `{"id": ..., "text": ..., other keys optional}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: Value,
    pub text: String,
    pub date: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub lines: usize,
    pub errors: usize,
}

/// Parse one line of input; the error says what is wrong with it.
pub fn parse_line(line: &[u8]) -> Result<Post, (Value, String)> {
    let text = std::str::from_utf8(line).map_err(|e| (Value::Null, format!("not UTF-8: {e}")))?;
    if text.trim().is_empty() {
        return Err((Value::Null, "empty line".to_string()));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| (Value::Null, format!("invalid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err((Value::Null, "expected a JSON object".to_string()));
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err((id, "\"text\" must be a string".to_string())),
        None => return Err((id, "missing \"text\"".to_string())),
    };
    let string = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    Ok(Post {
        id,
        text,
        date: string("date"),
        url: string("url"),
    })
}

/// The output object for a checked post: the id first, then the detection's keys.
pub fn result_line<T: Serialize>(id: &Value, detection: &Detection, extra: &[(&str, T)]) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), id.clone());
    if let Value::Object(d) = serde_json::to_value(detection).expect("detections serialize") {
        out.extend(d);
    }
    for (k, v) in extra {
        out.insert(
            (*k).into(),
            serde_json::to_value(v).expect("extras serialize"),
        );
    }
    Value::Object(out)
}

/// What `leaklens check --jsonl` writes for a post: its id, the detection and the card. The
/// Python package and the Spark job answer with this too, so all give the same lines.
pub fn check_post(kb: &crate::kb::Knowledge, post: &Post) -> Value {
    let options = crate::card::CardOptions {
        date: post.date.clone(),
        url: post.url.clone(),
        lang: None,
    };
    let report = crate::check_with(kb, &post.text, &options, false);
    result_line(&post.id, &report.detection, &[("card", report.card)])
}

/// Read JSON Lines from `input`, write one result line per input line to `output`.
/// `answer` turns a post into its output object.
pub fn run<R: BufRead, W: Write>(
    input: R,
    output: W,
    answer: &dyn Fn(&Post) -> Value,
) -> io::Result<Stats> {
    each_line(input, output, &|line, n| match parse_line(line) {
        Ok(post) => Ok(answer(&post)),
        Err((id, error)) => Err(serde_json::json!({"id": id, "line": n, "error": error})),
    })
}

/// `leaklens redact --jsonl`: every string in each line (keys and values, at any depth)
/// with its identifiers masked, one line out per line in; a line that is not a JSON value gets
/// `{"line", "error"}` in its place, never the line itself.
pub fn redact_lines<R: BufRead, W: Write>(input: R, output: W) -> io::Result<Stats> {
    each_line(input, output, &|line, n| {
        std::str::from_utf8(line)
            .map_err(|e| format!("not UTF-8: {e}"))
            .and_then(|t| {
                serde_json::from_str::<Value>(t).map_err(|e| format!("invalid JSON: {e}"))
            })
            .map(redact_value)
            .map_err(|error| serde_json::json!({"line": n, "error": error}))
    })
}

/// What `each_line` asks of a line: its output object, or the error object in its place.
type LineAnswer<'a> = dyn Fn(&[u8], usize) -> Result<Value, Value> + 'a;

/// One output line per input line (its end of line cut off, `\n` or `\r\n`), in order;
/// `answer` gets the line and its number and gives the output object, or the error object that
/// stands in its place.
fn each_line<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    answer: &LineAnswer,
) -> io::Result<Stats> {
    let mut stats = Stats::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        stats.lines += 1;
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let value = answer(line, stats.lines).unwrap_or_else(|error| {
            stats.errors += 1;
            error
        });
        serde_json::to_writer(&mut output, &value)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(stats)
}

fn redact_value(value: Value) -> Value {
    use crate::personal_data::redact;
    match value {
        Value::String(s) => Value::String(redact(&s)),
        Value::Array(a) => Value::Array(a.into_iter().map(redact_value).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (redact(&k), redact_value(v)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_lines_keep_their_shape_and_lose_their_identifiers() {
        let input = concat!(
            "{\"id\": 1, \"text\": \"call 9876543210 now\", \"meta\": {\"by\": [\"ravi@example.in\"]}}\n",
            "{not json 9876543210\n",
            "\"just a string 2345 6789 0124\"\n",
        );
        let mut out = Vec::new();
        let stats = redact_lines(input.as_bytes(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            stats,
            Stats {
                lines: 3,
                errors: 1
            }
        );
        assert!(
            !out.contains("9876543210") && !out.contains("ravi@") && !out.contains("6789"),
            "{out}"
        );
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["id"], 1);
        assert_eq!(lines[0]["text"], "call XXXXXX3210 now");
        assert_eq!(lines[0]["meta"]["by"][0], "r*****@example.in");
        assert_eq!(lines[1]["line"], 2);
        assert_eq!(lines[2], "just a string XXXX XXXX 0124");
    }

    fn run_str(input: &str) -> (Vec<Value>, Stats) {
        let mut out = Vec::new();
        let answer = |p: &Post| result_line::<()>(&p.id, &crate::check(&p.text), &[]);
        let stats = run(input.as_bytes(), &mut out, &answer).unwrap();
        let lines = String::from_utf8(out).unwrap();
        (
            lines
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
            stats,
        )
    }

    #[test]
    fn one_output_line_per_input_line_in_order() {
        let input = concat!(
            "{\"id\": 1, \"text\": \"CoWIN data leaked on Telegram, names and phone numbers out\"}\n",
            "{\"id\": \"b\", \"text\": \"lovely weather\", \"lang\": \"en\"}\n",
            "not json\n",
            "\n",
            "{\"id\": 5}\n",
            "[1,2]\n",
            "{\"id\": 7, \"text\": 3}\r\n",
            "{\"id\": 8, \"text\": \"no newline at the end\"}"
        );
        let (out, stats) = run_str(input);
        assert_eq!(out.len(), 8);
        assert_eq!(
            stats,
            Stats {
                lines: 8,
                errors: 5
            }
        );
        assert_eq!(out[0]["id"], 1);
        assert_eq!(out[0]["is_claim"], true);
        assert_eq!(out[1]["id"], "b");
        assert_eq!(out[1]["is_claim"], false);
        assert!(out[2]["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON"));
        assert_eq!(out[2]["line"], 3);
        assert_eq!(out[3]["error"], "empty line");
        assert_eq!(out[4]["error"], "missing \"text\"");
        assert_eq!(out[4]["id"], 5);
        assert_eq!(out[5]["error"], "expected a JSON object");
        assert_eq!(out[6]["error"], "\"text\" must be a string");
        assert_eq!(out[7]["id"], 8);
    }

    #[test]
    fn invalid_utf8_is_a_line_error() {
        let mut out = Vec::new();
        let answer = |p: &Post| result_line::<()>(&p.id, &crate::check(&p.text), &[]);
        let input: &[u8] = b"{\"id\":1,\"text\":\"\xff\"}\n{\"id\":2,\"text\":\"ok\"}\n";
        let stats = run(input, &mut out, &answer).unwrap();
        assert_eq!(
            stats,
            Stats {
                lines: 2,
                errors: 1
            }
        );
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().next().unwrap().contains("not UTF-8"));
    }
}
