//! `leaklens report`: one self-contained HTML page (inline SVG and CSS, no script, nothing
//! fetched) drawn from a run's results (`check --jsonl`, optionally with the posts it was made
//! from, for dates and texts) or from the Spark job's `summary/`. Claims over time per system,
//! the incidents claims point to with their status, languages, and the most repeated claim
//! texts with personal data masked. Every text from a post is escaped, never markup.

use crate::kb::{text_in, Knowledge};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::Path;

/// How many repeated claim texts the table shows.
pub const TOP_TEXTS: usize = 20;

/// One row of the table of repeated claim texts (`text` already masked).
#[derive(Debug, Clone, PartialEq)]
pub struct TopText {
    pub text: String,
    pub count: u64,
    pub systems: Vec<String>,
    pub status: String,
}

/// What the report draws: counts, whichever input they came from.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tally {
    pub posts: u64,
    pub claims: u64,
    pub errors: u64,
    /// Claims per (day `YYYY-MM-DD` or `unknown`, system, incident or `none`, status).
    pub by_day: BTreeMap<(String, String, String, String), u64>,
    /// Posts and claims per detected language.
    pub by_language: BTreeMap<String, (u64, u64)>,
    pub top_texts: Vec<TopText>,
}

fn parse(line: &str, what: &str, n: usize) -> Result<Value, String> {
    serde_json::from_str(line).map_err(|e| format!("{what} line {n}: invalid JSON: {e}"))
}

/// The strings of a JSON array (none for anything else).
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

impl Tally {
    /// Count the lines of `check --jsonl` results. `posts`, the input those results were made
    /// from (same lines, same order), gives each claim's date and text; a results line's own
    /// `date` and `text`, when it has them, are used first.
    pub fn from_results(
        results: impl BufRead,
        mut posts: Option<Box<dyn BufRead + '_>>,
    ) -> Result<Tally, String> {
        let mut t = Tally::default();
        let mut texts: HashMap<String, TopText> = HashMap::new();
        for (i, line) in results.lines().enumerate() {
            let line = line.map_err(|e| format!("results: {e}"))?;
            let post = match posts.as_mut() {
                Some(p) => {
                    let mut l = String::new();
                    if p.read_line(&mut l).map_err(|e| format!("posts: {e}"))? == 0 {
                        return Err(format!(
                            "posts end at line {i} but results go on: they do not belong together"
                        ));
                    }
                    serde_json::from_str::<Value>(l.trim_end()).unwrap_or(Value::Null)
                }
                None => Value::Null,
            };
            if line.trim().is_empty() {
                continue;
            }
            let r = parse(&line, "results", i + 1)?;
            t.posts += 1;
            if r.get("error").is_some() {
                t.errors += 1;
                continue;
            }
            let Some(is_claim) = r["is_claim"].as_bool() else {
                return Err(format!(
                    "results line {}: no \"is_claim\": not a line of `leaklens check --jsonl`",
                    i + 1
                ));
            };
            let lang = r["language"].as_str().unwrap_or("unknown").to_string();
            let entry = t.by_language.entry(lang).or_default();
            entry.0 += 1;
            if !is_claim {
                continue;
            }
            entry.1 += 1;
            t.claims += 1;
            let field = |k: &str| r[k].as_str().or_else(|| post[k].as_str());
            let day = field("date")
                .and_then(|d| d.get(..10))
                .filter(|d| crate::card::day_number(d).is_some())
                .unwrap_or("unknown")
                .to_string();
            let card = &r["card"];
            let incident = card["incident"]["id"]
                .as_str()
                .unwrap_or("none")
                .to_string();
            let status = card["status"]["id"]
                .as_str()
                .unwrap_or("unverified")
                .to_string();
            let mut systems = strings(&r["systems"]);
            if systems.is_empty() {
                systems.push("none".into());
            }
            for s in &systems {
                *t.by_day
                    .entry((day.clone(), s.clone(), incident.clone(), status.clone()))
                    .or_default() += 1;
            }
            if let Some(text) = field("text") {
                texts
                    .entry(text.to_string())
                    .or_insert_with(|| TopText {
                        text: String::new(),
                        count: 0,
                        systems: strings(&r["systems"]),
                        status: status.clone(),
                    })
                    .count += 1;
            }
        }
        let mut top: Vec<(String, TopText)> = texts.into_iter().collect();
        top.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
        t.top_texts = top
            .into_iter()
            .take(TOP_TEXTS)
            .map(|(text, mut row)| {
                row.text = crate::redact(&text);
                row
            })
            .collect();
        Ok(t)
    }

    /// Read the Spark job's `summary/` folder (`by_day/`, `by_language/`, `top_texts/`,
    /// `totals/`, each JSON Lines in part files).
    pub fn from_summary(dir: &Path) -> Result<Tally, String> {
        let rows = |name: &str| -> Result<Vec<Value>, String> {
            let sub = dir.join(name);
            let mut files: Vec<_> = std::fs::read_dir(&sub)
                .map_err(|e| format!("{}: {e}", sub.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            let mut out = Vec::new();
            for f in files {
                let text =
                    std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
                for (i, line) in text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                {
                    out.push(parse(line, &f.display().to_string(), i + 1)?);
                }
            }
            Ok(out)
        };
        let num = |v: &Value, k: &str| v[k].as_u64().unwrap_or(0);
        let s = |v: &Value, k: &str, d: &str| v[k].as_str().unwrap_or(d).to_string();
        let mut t = Tally::default();
        if let Some(totals) = rows("totals")?.first() {
            t.posts = num(totals, "posts");
            t.claims = num(totals, "claims");
            t.errors = num(totals, "errors");
        }
        for r in rows("by_day")? {
            let key = (
                s(&r, "day", "unknown"),
                s(&r, "system", "none"),
                s(&r, "incident", "none"),
                s(&r, "status", "unverified"),
            );
            *t.by_day.entry(key).or_default() += num(&r, "claims");
        }
        for r in rows("by_language")? {
            t.by_language.insert(
                s(&r, "language", "unknown"),
                (num(&r, "posts"), num(&r, "claims")),
            );
        }
        t.top_texts = rows("top_texts")?
            .iter()
            .take(TOP_TEXTS)
            .map(|r| TopText {
                text: crate::redact(r["text"].as_str().unwrap_or("")),
                count: num(r, "count"),
                systems: strings(&r["systems"]),
                status: s(r, "status", "unverified"),
            })
            .collect();
        Ok(t)
    }
}

/// Escape text for HTML and SVG (text and attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const PALETTE: [&str; 12] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939",
];

fn status_colour(status: &str) -> &'static str {
    match status {
        "confirmed" => "#b2182b",
        "under_investigation" => "#ef8a62",
        "disputed" => "#d6a01d",
        "officially_denied" => "#4393c3",
        "data_from_elsewhere" => "#5e3c99",
        _ => "#8a8a8a",
    }
}

/// A system's English name without its explanation ("ICMR", not "ICMR (Indian Council …)").
fn system_name(kb: &Knowledge, id: &str) -> String {
    let name = kb
        .system(id)
        .map_or_else(|| id.to_string(), |s| text_in(&s.names, "en").to_string());
    name.split(" (").next().unwrap_or(&name).to_string()
}

fn status_label(kb: &Knowledge, id: &str) -> String {
    kb.status(id)
        .map_or_else(|| id.to_string(), |s| text_in(&s.label, "en").to_string())
}

fn incident_title(kb: &Knowledge, id: &str) -> String {
    kb.incidents
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_string(), |i| text_in(&i.title, "en").to_string())
}

/// Claims over time, one line per system: by day when the dates span two months or less, else
/// by month.
fn time_chart(t: &Tally, kb: &Knowledge, out: &mut String) -> u64 {
    let mut undated = 0;
    let mut per_day: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for ((day, system, _, _), n) in &t.by_day {
        if day == "unknown" {
            undated += n;
        } else {
            *per_day.entry((day.as_str(), system.as_str())).or_default() += n;
        }
    }
    let days: Vec<i64> = per_day
        .keys()
        .filter_map(|(d, _)| crate::card::day_number(d))
        .collect();
    let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
        out.push_str("<p class=\"note\">No claim has a date, so there is no time line. Give the posts' dates (<code>--posts</code>, or a <code>date</code> in each line).</p>");
        return undated;
    };
    let monthly = last - first > 62;
    let bucket = |d: &str| -> String {
        if monthly {
            d[..7].to_string()
        } else {
            d.to_string()
        }
    };
    // every bucket between the first and last, so gaps show as zeros
    let mut buckets: Vec<String> = Vec::new();
    let fy = per_day.keys().next().map_or("1970-01", |k| &k.0[..7]);
    if monthly {
        let (mut y, mut m): (i64, i64) =
            (fy[..4].parse().unwrap_or(0), fy[5..7].parse().unwrap_or(1));
        let end = bucket(per_day.keys().next_back().map(|k| k.0).unwrap_or(""));
        loop {
            let b = format!("{y:04}-{m:02}");
            let stop = b >= end;
            buckets.push(b);
            if stop || buckets.len() > 600 {
                break;
            }
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    } else {
        for n in *first..=*last {
            buckets.push(civil(n));
        }
    }
    let index: HashMap<&str, usize> = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| (b.as_str(), i))
        .collect();
    let mut series: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for ((day, system), n) in &per_day {
        let b = bucket(day);
        let i = index[b.as_str()];
        series
            .entry(system)
            .or_insert_with(|| vec![0; buckets.len()])[i] += n;
    }
    let max = series
        .values()
        .flat_map(|v| v.iter())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, h, left, right, top, bottom) = (900.0, 300.0, 50.0, 160.0, 15.0, 45.0);
    let pw = w - left - right;
    let ph = h - top - bottom;
    let x = |i: usize| {
        if buckets.len() == 1 {
            left + pw / 2.0
        } else {
            left + pw * i as f64 / (buckets.len() - 1) as f64
        }
    };
    let y = |n: u64| top + ph - ph * n as f64 / max as f64;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Claims per {} and system\">",
        if monthly { "month" } else { "day" }
    );
    for k in 0..=4 {
        let n = (max as f64 * k as f64 / 4.0).round() as u64;
        let yy = y(n);
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" class=\"grid\"/><text x=\"{}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{n}</text>",
            left + pw,
            left - 6.0,
            yy + 4.0
        );
    }
    let step = (buckets.len() / 8).max(1);
    for (i, b) in buckets.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
            x(i),
            h - bottom + 18.0,
            esc(b)
        );
    }
    for (k, (system, counts)) in series.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let points: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{:.1},{:.1}", x(i), y(*n)))
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            points.join(" ")
        );
        for (i, n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{}: {} claims, {}</title></circle>",
                x(i),
                y(*n),
                esc(&buckets[i]),
                n,
                esc(&system_name(kb, system))
            );
        }
        let ly = top + 16.0 * k as f64 + 6.0;
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{:.1}\" width=\"12\" height=\"4\" fill=\"{colour}\"/><text x=\"{}\" y=\"{:.1}\" class=\"legend\">{}</text>",
            w - right + 12.0,
            ly,
            w - right + 30.0,
            ly + 5.0,
            esc(&system_name(kb, system))
        );
    }
    out.push_str("</svg>");
    undated
}

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
pub fn civil(n: i64) -> String {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    format!("{y:04}-{m:02}-{d:02}")
}

/// Horizontal bars: (label, value, colour, second value drawn inside or None).
fn bars(rows: &[(String, u64, &str, Option<u64>)], label: &str, out: &mut String) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let (w, row_h, left) = (900.0, 26.0, 430.0);
    let h = row_h * rows.len() as f64 + 10.0;
    let pw = w - left - 70.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(label)
    );
    for (i, (name, n, colour, inner)) in rows.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let bw = pw * *n as f64 / max as f64;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{:.1}\" class=\"label\" text-anchor=\"end\">{}</text><rect x=\"{left}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{}\" fill=\"{colour}\"/>",
            left - 8.0,
            y + 15.0,
            esc(name),
            y + 3.0,
            row_h - 8.0
        );
        let mut value = n.to_string();
        if let Some(m) = inner {
            let iw = pw * *m as f64 / max as f64;
            let _ = write!(
                out,
                "<rect x=\"{left}\" y=\"{:.1}\" width=\"{iw:.1}\" height=\"{}\" fill=\"#b2182b\"/>",
                y + 3.0,
                row_h - 8.0
            );
            value = format!("{m} of {n}");
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{value}</text>",
            left + bw + 6.0,
            y + 15.0
        );
    }
    out.push_str("</svg>");
}

const STYLE: &str = "body{font:15px/1.45 system-ui,'Noto Sans',sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.sub,.note{color:#555}.figures{display:flex;gap:1rem;margin:1rem 0}.figures div{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem}
.figures b{display:block;font-size:1.5rem}svg{width:100%;height:auto}
svg text{font:12px system-ui,'Noto Sans',sans-serif;fill:#333}.grid{stroke:#e3e3e3}.legend{font-size:12px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e3e3;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}.status{display:inline-block;border-radius:3px;padding:0 .4rem;color:#fff;font-size:12px;white-space:nowrap}
.key span{display:inline-block;margin-right:1rem}.key i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}";

/// The report page for `t`; `source` names the input (shown, escaped).
pub fn render(t: &Tally, kb: &Knowledge, source: &str) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>LeakLens report</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        o,
        "<h1>LeakLens report</h1><p class=\"sub\">From {}. Personal data in texts is masked.</p>",
        esc(source)
    );
    let _ = write!(
        o,
        "<div class=\"figures\"><div><b>{}</b>posts</div><div><b>{}</b>leak claims</div><div><b>{}</b>lines not checked</div></div>",
        t.posts, t.claims, t.errors
    );

    o.push_str("<h2>Claims over time, per system</h2>");
    let undated = time_chart(t, kb, &mut o);
    if undated > 0 {
        let _ = write!(
            o,
            "<p class=\"note\">{undated} claim(s) (counted once per system) have no date and are not on the time line.</p>"
        );
    }

    o.push_str("<h2>Incidents the claims point to</h2>");
    let mut incidents: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for ((_, _, incident, status), n) in &t.by_day {
        *incidents
            .entry((incident.as_str(), status.as_str()))
            .or_default() += n;
    }
    let mut rows: Vec<((&str, &str), u64)> = incidents.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if rows.is_empty() {
        o.push_str("<p class=\"note\">No claims.</p>");
    } else {
        let bars_rows: Vec<(String, u64, &str, Option<u64>)> = rows
            .iter()
            .take(12)
            .map(|((incident, status), n)| {
                let name = if *incident == "none" {
                    "No known incident matched".to_string()
                } else {
                    incident_title(kb, incident)
                };
                let name = shorten(&name, 32);
                (
                    format!("{name} · {}", status_label(kb, status)),
                    *n,
                    status_colour(status),
                    None,
                )
            })
            .collect();
        bars(&bars_rows, "Claims per incident and status", &mut o);
        o.push_str("<p class=\"key\">");
        for s in &kb.statuses {
            let _ = write!(
                o,
                "<span><i style=\"background:{}\"></i>{}</span>",
                status_colour(&s.id),
                esc(text_in(&s.label, "en"))
            );
        }
        o.push_str("</p>");
    }

    o.push_str("<h2>Languages</h2>");
    let mut langs: Vec<(&String, &(u64, u64))> = t.by_language.iter().collect();
    langs.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let lang_rows: Vec<(String, u64, &str, Option<u64>)> = langs
        .iter()
        .map(|(l, (posts, claims))| ((*l).clone(), *posts, "#c9d6e3", Some(*claims)))
        .collect();
    if lang_rows.is_empty() {
        o.push_str("<p class=\"note\">No posts.</p>");
    } else {
        bars(&lang_rows, "Posts and claims per language", &mut o);
        o.push_str("<p class=\"key\"><span><i style=\"background:#c9d6e3\"></i>posts</span><span><i style=\"background:#b2182b\"></i>of which leak claims</span></p>");
    }

    o.push_str("<h2>Most repeated claim texts</h2>");
    if t.top_texts.is_empty() {
        o.push_str("<p class=\"note\">No claim texts: give the posts (<code>--posts</code>) to see them.</p>");
    } else {
        o.push_str("<table><thead><tr><th>Times</th><th>Text (personal data masked)</th><th>Systems</th><th>Status</th></tr></thead><tbody>");
        for row in &t.top_texts {
            let systems: Vec<String> = row.systems.iter().map(|s| system_name(kb, s)).collect();
            let _ = write!(
                o,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td><span class=\"status\" style=\"background:{}\">{}</span></td></tr>",
                row.count,
                esc(&shorten(&row.text, 280)),
                esc(&systems.join(", ")),
                status_colour(&row.status),
                esc(&status_label(kb, &row.status))
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("<p class=\"note\">\"Not collected by this system\" on a card does not make a claim false; statuses come from the dated sources in LeakLens's knowledge base.</p></body></html>\n");
    o
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(results: &str, posts: Option<&'static str>) -> Tally {
        let posts = posts.map(|p| Box::new(p.as_bytes()) as Box<dyn BufRead>);
        Tally::from_results(results.as_bytes(), posts).unwrap()
    }

    #[test]
    fn counts_results_with_their_posts() {
        let results = concat!(
            r#"{"id":1,"is_claim":true,"language":"en","systems":["cowin"],"card":{"incident":{"id":"cowin-telegram-2023"},"status":{"id":"disputed"}}}"#,
            "\n",
            r#"{"id":2,"is_claim":false,"language":"hi","systems":[],"card":null}"#,
            "\n",
            r#"{"id":3,"line":3,"error":"invalid JSON"}"#,
            "\n",
            r#"{"id":4,"is_claim":true,"language":"en","systems":["cowin","aadhaar"],"card":{"incident":null,"status":{"id":"unverified"}}}"#,
            "\n"
        );
        let posts = concat!(
            r#"{"id":1,"text":"call 9876543210","date":"2023-06-12T08:00:00Z"}"#,
            "\n",
            r#"{"id":2,"text":"x"}"#,
            "\nnot json\n",
            r#"{"id":4,"text":"call 9876543210"}"#,
            "\n"
        );
        let t = tally(results, Some(posts));
        assert_eq!((t.posts, t.claims, t.errors), (4, 2, 1));
        let key = |d: &str, s: &str, i: &str, st: &str| {
            (d.to_string(), s.to_string(), i.to_string(), st.to_string())
        };
        assert_eq!(
            t.by_day[&key("2023-06-12", "cowin", "cowin-telegram-2023", "disputed")],
            1
        );
        assert_eq!(
            t.by_day[&key("unknown", "aadhaar", "none", "unverified")],
            1
        );
        assert_eq!(t.by_language["en"], (2, 2));
        assert_eq!(t.by_language["hi"], (1, 0));
        assert_eq!(t.top_texts.len(), 1);
        assert_eq!(t.top_texts[0].count, 2);
        assert_eq!(t.top_texts[0].text, "call XXXXXX3210");
    }

    #[test]
    fn posts_that_do_not_fit_the_results_are_an_error() {
        let posts = Box::new(&b"{\"id\":1}\n"[..]) as Box<dyn BufRead>;
        let err = Tally::from_results(
            &b"{\"is_claim\":false}\n{\"is_claim\":false}\n"[..],
            Some(posts),
        )
        .unwrap_err();
        assert!(err.contains("do not belong together"), "{err}");
        let err = Tally::from_results(&b"{\"text\":\"a post\"}\n"[..], None).unwrap_err();
        assert!(
            err.contains("not a line of `leaklens check --jsonl`"),
            "{err}"
        );
    }

    #[test]
    fn the_page_escapes_texts_and_fetches_nothing() {
        let mut t = Tally {
            posts: 2,
            claims: 2,
            ..Tally::default()
        };
        t.by_day.insert(
            (
                "2023-06-12".into(),
                "cowin".into(),
                "none".into(),
                "unverified".into(),
            ),
            2,
        );
        t.by_language.insert("en".into(), (2, 2));
        t.top_texts.push(TopText {
            text: "<img src=x onerror=alert(1)> CoWIN leak".into(),
            count: 2,
            systems: vec!["cowin".into()],
            status: "unverified".into(),
        });
        let html = render(&t, crate::knowledge(), "a <b>file</b>");
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; CoWIN leak"));
        assert!(html.contains("a &lt;b&gt;file&lt;/b&gt;"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(html.contains("<svg"));
    }

    #[test]
    fn days_round_trip() {
        for d in ["1970-01-01", "2021-06-12", "2024-02-29", "2023-12-31"] {
            assert_eq!(civil(crate::card::day_number(d).unwrap()), d);
        }
    }
}
