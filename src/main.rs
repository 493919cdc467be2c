//! `leaklens` — the command line: check texts, batches of posts, validate knowledge folders,
//! and score a labelled corpus.

use leaklens::batch::{self, Post};
use leaklens::card::CardOptions;
use leaklens::kb::Knowledge;
use leaklens::{eval, Report};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
leaklens — find data-leak claims and explain them with sourced context cards

USAGE:
  leaklens check [OPTIONS] [FILE...]    check each file (or stdin) as one text
      --format text|json|claimreview    readable verdict (default), JSON with the card, or
                                        schema.org ClaimReview JSON-LD
      --date YYYY-MM-DD                 when the post was published (matches incidents)
      --url URL                         where it was published (ClaimReview appearance)
      --card-lang en|hi                 card language (default: Hindi for Hindi posts)
      --kb DIR                          knowledge folder to use instead of the embedded one
  leaklens check --jsonl [--strict] [--kb DIR] [FILE...]
                                        JSON Lines in ({\"id\",\"text\",\"date\",\"url\"} per line),
                                        one result line out per input line, same order;
                                        --strict exits 1 when a line could not be checked
  leaklens report RESULTS [--posts POSTS.jsonl] [-o report.html]
                                        draw a run as one self-contained HTML page: RESULTS
                                        is `check --jsonl` output (POSTS, the input it came
                                        from, gives dates and texts) or the Spark job's output
                                        folder or its summary/
  leaklens redact [FILE...]             the text with every identifier (Aadhaar, PAN, phone,
                                        e-mail, voter ID, passport) masked
  leaklens redact --jsonl [--strict] [FILE...]
                                        JSON Lines: every string in each line masked; a line
                                        that is not JSON gets an error object in its place
  leaklens kb check DIR                 validate a knowledge folder; prints its version and date
  leaklens kb report [DIR]              every statement with its source and date, per system
                                        and incident (the embedded knowledge without DIR)
  leaklens eval [--misses] FILE.jsonl|DIR...
                                        score the detector on a labelled corpus; a folder
                                        with sub-folders (dev/, test/) is scored part by part;
                                        --misses lists wrong answers, never the locked test's
  leaklens eval --personal-data [--misses] FILE.jsonl...
                                        score the personal-data scanner on labelled cases
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("eval") => run_eval(&args[1..]),
        Some("report") => report(&args[1..]),
        Some("redact") => redact(&args[1..]),
        Some("kb") if args.get(1).map(String::as_str) == Some("check") => kb_check(&args[2..]),
        Some("kb") if args.get(1).map(String::as_str) == Some("report") => kb_report(&args[2..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unknown command\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("leaklens: {message}");
            ExitCode::from(2)
        }
    }
}

#[derive(Default)]
struct Options {
    flags: Vec<String>,
    values: Vec<(String, String)>,
    files: Vec<String>,
}

impl Options {
    fn parse(args: &[String], flags: &[&str], valued: &[&str]) -> Result<Options, String> {
        let mut o = Options::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if flags.contains(&a.as_str()) {
                o.flags.push(a.clone());
            } else if valued.contains(&a.as_str()) {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                o.values.push((a.clone(), v.clone()));
            } else if a.starts_with("--") {
                return Err(format!("unknown option {a}\n\n{USAGE}"));
            } else {
                o.files.push(a.clone());
            }
        }
        Ok(o)
    }
    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
    fn value(&self, key: &str) -> Option<String> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

fn read_input(file: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    if file == "-" {
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("stdin: {e}"))?;
    } else {
        buf = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    }
    Ok(buf)
}

/// The knowledge to use: an override folder if given and valid; a broken one is reported and
/// the embedded knowledge keeps serving.
fn knowledge(opts: &Options) -> &'static Knowledge {
    if let Some(dir) = opts.value("--kb") {
        match Knowledge::load_dir(Path::new(&dir)) {
            Ok(kb) => return Box::leak(Box::new(kb)),
            Err(e) => eprintln!(
                "leaklens: knowledge folder {dir} not used: {e}; using the embedded knowledge"
            ),
        }
    }
    leaklens::knowledge()
}

/// Today's date (UTC), for ClaimReview's datePublished.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    leaklens::report::civil(secs.div_euclid(86_400))
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let opts = Options::parse(
        args,
        &["--jsonl", "--strict"],
        &["--format", "--date", "--url", "--card-lang", "--kb"],
    )?;
    let kb = knowledge(&opts);
    let files = if opts.files.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.files.clone()
    };
    if opts.has("--jsonl") {
        return check_jsonl(kb, &files, opts.has("--strict"));
    }
    let options = CardOptions {
        date: opts.value("--date"),
        url: opts.value("--url"),
        lang: opts.value("--card-lang"),
    };
    let format = opts.value("--format").unwrap_or_else(|| "text".into());
    if !["text", "json", "claimreview"].contains(&format.as_str()) {
        return Err(format!(
            "unknown format {format:?} (text, json or claimreview)"
        ));
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for file in &files {
        let bytes = read_input(file)?;
        let text = String::from_utf8_lossy(&bytes);
        let report = leaklens::check_with(kb, &text, &options, false);
        let written = match format.as_str() {
            "json" => write_json(&mut out, &report),
            "claimreview" => match &report.card {
                Some(card) => {
                    let review =
                        leaklens::claimreview::claim_review(card, &text, &options, &today());
                    write_json(&mut out, &review)
                }
                None => {
                    eprintln!(
                        "leaklens: {file}: no leak claim found, so there is nothing to review"
                    );
                    Ok(())
                }
            },
            _ => write_verdict(&mut out, file, &report),
        };
        quiet_on_closed_pipe(written)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A reader that stopped reading (`leaklens eval ... | head`) is not an error.
fn quiet_on_closed_pipe(result: io::Result<()>) -> Result<(), String> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

fn write_json<T: serde::Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

fn check_jsonl(kb: &Knowledge, files: &[String], strict: bool) -> Result<ExitCode, String> {
    let answer = |p: &Post| batch::check_post(kb, p);
    jsonl_files(files, strict, "checked", &|input, output| {
        batch::run(input, output, &answer)
    })
}

/// Runs `each` over every JSON Lines file (`-`: stdin) into stdout; reports the lines that
/// could not be handled and, with `strict`, exits 1 when there were any. A reader that stops
/// early is not an error.
fn jsonl_files(
    files: &[String],
    strict: bool,
    what: &str,
    each: &dyn Fn(&mut dyn BufRead, &mut dyn Write) -> io::Result<batch::Stats>,
) -> Result<ExitCode, String> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut errors = 0;
    for file in files {
        let stats = if file == "-" {
            each(&mut io::stdin().lock(), &mut out)
        } else {
            let f = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
            each(&mut BufReader::new(f), &mut out)
        };
        let stats = match stats {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => batch::Stats::default(),
            other => other.map_err(|e| format!("{file}: {e}"))?,
        };
        if stats.errors > 0 {
            eprintln!(
                "leaklens: {file}: {} of {} lines could not be {what}",
                stats.errors, stats.lines
            );
        }
        errors += stats.errors;
    }
    Ok(if strict && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_verdict(out: &mut impl Write, file: &str, report: &Report) -> io::Result<()> {
    let d = &report.detection;
    let name = if file == "-" { "stdin" } else { file };
    let verdict = if d.is_claim {
        "LEAK CLAIM"
    } else {
        "no leak claim"
    };
    writeln!(
        out,
        "{name}: {verdict} (confidence {:.2}, language {})",
        d.confidence, d.language
    )?;
    if let Some(t) = &d.truncated {
        writeln!(out, "  note: {}", t.note)?;
    }
    if !d.personal_data.is_empty() {
        let shown: Vec<String> = d
            .personal_data
            .iter()
            .map(|p| format!("{} {}", p.kind.id(), p.masked))
            .collect();
        writeln!(out, "  personal data shown: {}", shown.join(", "))?;
    }
    if let Some(card) = &report.card {
        let systems: Vec<&str> = card.systems.iter().map(|s| s.name.as_str()).collect();
        let list = |v: &[&str]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(", ")
            }
        };
        writeln!(out, "  systems: {}", list(&systems))?;
        writeln!(
            out,
            "  status:  {} — {}",
            card.status.label, card.status.explanation
        )?;
        for h in &card.status_history {
            writeln!(
                out,
                "    {} {} [{}, {}]",
                h.date, h.label, h.source.publisher, h.source.date
            )?;
        }
        if let Some(i) = &card.incident {
            writeln!(
                out,
                "  incident: {} ({} to {})",
                i.title, i.first_reported, i.last_update
            )?;
        }
        for f in &card.fields {
            let src = f
                .sources
                .first()
                .map(|s| format!(" [{}, {}]", s.publisher, s.date));
            writeln!(
                out,
                "    {:24} {}{}",
                f.label,
                f.collected_label,
                src.unwrap_or_default()
            )?;
        }
        for e in &card.timeline {
            writeln!(
                out,
                "    {} {}: {} [{}]",
                e.date, e.actor, e.what, e.source.url
            )?;
        }
        for c in &card.reports_differ {
            writeln!(out, "  reports differ: {}", c.about)?;
            for a in &c.accounts {
                writeln!(
                    out,
                    "    - {} [{}, {}]",
                    a.what, a.source.publisher, a.source.date
                )?;
            }
        }
        if let Some(notice) = &card.personal_data {
            writeln!(out, "  {}", notice.text)?;
        }
        writeln!(out, "  {}", card.caveat)?;
        writeln!(out, "  knowledge as of {}", card.knowledge_date)?;
    }
    if !d.evidence.is_empty() {
        writeln!(out, "  why:")?;
        for e in &d.evidence {
            let kind = serde_json::to_value(e.kind).expect("kind serializes");
            let id =
                e.id.as_deref()
                    .map(|i| format!(" ({i})"))
                    .unwrap_or_default();
            writeln!(
                out,
                "    {:12} \"{}\"{id} at bytes {}..{}",
                kind.as_str().unwrap_or(""),
                e.text,
                e.start,
                e.end
            )?;
        }
    }
    Ok(())
}

fn report(args: &[String]) -> Result<ExitCode, String> {
    use leaklens::report::Tally;
    let opts = Options::parse(args, &[], &["-o", "--output", "--posts"])?;
    let [input] = opts.files.as_slice() else {
        return Err(format!(
            "report needs one results file or folder\n\n{USAGE}"
        ));
    };
    let output = opts
        .value("-o")
        .or_else(|| opts.value("--output"))
        .unwrap_or_else(|| "report.html".into());
    let path = Path::new(input);
    let open = |p: &Path| std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()));
    let posts = match opts.value("--posts") {
        Some(p) => Some(Box::new(BufReader::new(open(Path::new(&p))?)) as Box<dyn io::BufRead>),
        None => None,
    };
    let tally = if path.join("summary").is_dir() {
        Tally::from_summary(&path.join("summary"))?
    } else if path.join("by_day").is_dir() {
        Tally::from_summary(path)?
    } else if path.is_dir() {
        // the Spark job's results/ folder: its part files in order
        let mut parts: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("{input}: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("part-"))
            })
            .collect();
        parts.sort();
        let mut all = Vec::new();
        for p in parts {
            open(&p)?
                .read_to_end(&mut all)
                .map_err(|e| format!("{}: {e}", p.display()))?;
        }
        Tally::from_results(&all[..], posts)?
    } else {
        Tally::from_results(BufReader::new(open(path)?), posts)?
    };
    let html = leaklens::report::render(&tally, leaklens::knowledge(), input);
    std::fs::write(&output, html).map_err(|e| format!("{output}: {e}"))?;
    eprintln!(
        "leaklens: {output}: {} posts, {} claims, {} lines not checked",
        tally.posts, tally.claims, tally.errors
    );
    Ok(ExitCode::SUCCESS)
}

fn redact(args: &[String]) -> Result<ExitCode, String> {
    let opts = Options::parse(args, &["--jsonl", "--strict"], &[])?;
    let files = if opts.files.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.files.clone()
    };
    if !opts.has("--jsonl") {
        let mut out = io::BufWriter::new(io::stdout().lock());
        for file in &files {
            let bytes = read_input(file)?;
            // not UTF-8: refuse rather than pass undecoded bytes through unmasked
            let text = String::from_utf8(bytes).map_err(|e| format!("{file}: not UTF-8: {e}"))?;
            let written = out
                .write_all(leaklens::personal_data::redact(&text).as_bytes())
                .and_then(|_| out.flush());
            quiet_on_closed_pipe(written)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    jsonl_files(
        &files,
        opts.has("--strict"),
        "redacted",
        &|input, output| batch::redact_lines(input, output),
    )
}

fn kb_check(args: &[String]) -> Result<ExitCode, String> {
    let [dir] = args else {
        return Err(format!("kb check needs one folder\n\n{USAGE}"));
    };
    match Knowledge::load_dir(Path::new(dir)) {
        Ok(kb) => {
            let entries: usize = kb.incidents.iter().map(|i| i.timeline.len()).sum();
            println!(
                "{dir}: ok (knowledge version {}, as of {}; {} sources, {} systems, {} incidents, {} timeline entries)",
                kb.version,
                kb.knowledge_date,
                kb.sources.len(),
                kb.systems.len(),
                kb.incidents.len(),
                entries
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{dir}: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

fn kb_report(args: &[String]) -> Result<ExitCode, String> {
    let kb = match args {
        [] => leaklens::knowledge().clone(),
        [dir] => match Knowledge::load_dir(Path::new(dir)) {
            Ok(kb) => kb,
            Err(e) => {
                eprintln!("{dir}: {e}");
                return Ok(ExitCode::from(1));
            }
        },
        _ => return Err(format!("kb report takes at most one folder\n\n{USAGE}")),
    };
    let mut out = io::stdout().lock();
    quiet_on_closed_pipe(write!(out, "{}", leaklens::kb_report::report(&kb)))?;
    Ok(ExitCode::SUCCESS)
}

fn run_eval(args: &[String]) -> Result<ExitCode, String> {
    let opts = Options::parse(args, &["--misses", "--personal-data"], &[])?;
    if opts.files.is_empty() {
        return Err(format!("eval needs at least one corpus file\n\n{USAGE}"));
    }
    if opts.has("--personal-data") {
        let mut cases = Vec::new();
        for file in &opts.files {
            let bytes = read_input(file)?;
            let text = String::from_utf8(bytes).map_err(|e| format!("{file}: {e}"))?;
            cases.extend(eval::parse_personal_data_cases(file, &text)?);
        }
        let report = eval::evaluate_personal_data(&cases);
        let mut out = io::stdout().lock();
        let mut written = write!(out, "{report}");
        if opts.has("--misses") {
            written = written.and_then(|_| writeln!(out, "misses:"));
            for m in &report.misses {
                written = written.and_then(|_| writeln!(out, "  {m}"));
            }
        }
        quiet_on_closed_pipe(written)?;
        return Ok(ExitCode::SUCCESS);
    }
    // files given one by one form one part; each folder gives its own parts
    let mut parts: Vec<(String, Vec<eval::Item>)> = Vec::new();
    let mut loose = Vec::new();
    for file in &opts.files {
        if Path::new(file).is_dir() {
            parts.extend(eval::load_parts(Path::new(file))?);
            continue;
        }
        let bytes = read_input(file)?;
        let text = String::from_utf8(bytes).map_err(|e| format!("{file}: {e}"))?;
        loose.extend(eval::parse_corpus(file, &text)?);
    }
    if !loose.is_empty() {
        parts.insert(0, ("files".to_string(), loose));
    }
    let mut out = io::stdout().lock();
    let mut written = Ok(());
    let several = parts.len() > 1;
    for (name, items) in &parts {
        let report = eval::evaluate(leaklens::detector(), items);
        if several {
            let title = if name == eval::LOCKED_PART {
                "locked test"
            } else {
                name
            };
            written = written.and_then(|_| writeln!(out, "== {title}"));
        }
        written = written.and_then(|_| write!(out, "{report}"));
        if opts.has("--misses") {
            if name == eval::LOCKED_PART {
                written =
                    written.and_then(|_| writeln!(out, "misses: not listed for the locked test"));
            } else {
                written = written.and_then(|_| writeln!(out, "misses:"));
                for m in &report.misses {
                    written = written.and_then(|_| writeln!(out, "  {:12} {}", m.id, m.what));
                }
            }
        }
    }
    quiet_on_closed_pipe(written)?;
    Ok(ExitCode::SUCCESS)
}
