//! The reviewer's page (`leaklens kb report`): every statement in the knowledge, per system
//! and per incident, with its source (publisher, date, URL), in English, so that a reviewer can
//! hold each one against what the source says.

use crate::kb::{text_in, Collected, Knowledge};
use std::fmt::Write;

/// "Publisher, date <url>" for a source id; an unknown id is said plainly.
fn cite(kb: &Knowledge, id: &str) -> String {
    match kb.source(id) {
        Some(s) => format!("{}, {} <{}>", s.publisher, s.date, s.url),
        None => format!("unknown source {id:?}"),
    }
}

fn collected(c: Collected) -> &'static str {
    match c {
        Collected::Yes => "yes",
        Collected::Optional => "optional",
        Collected::No => "no",
        Collected::Unknown => "unknown",
    }
}

/// The whole knowledge as plain text, one statement per line, each followed by its source.
pub fn report(kb: &Knowledge) -> String {
    let mut out = String::new();
    let en = |t| text_in(t, "en");
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "LeakLens knowledge, version {}, as of {}: {} systems, {} incidents, {} sources",
        kb.version,
        kb.knowledge_date,
        kb.systems.len(),
        kb.incidents.len(),
        kb.sources.len()
    );
    for s in &kb.systems {
        let _ = writeln!(out, "\nSYSTEM {} ({})", en(&s.names), s.id);
        let _ = writeln!(out, "  run by: {}", en(&s.operator));
        let mut unknown = Vec::new();
        for (field, fact) in &s.fields {
            if fact.collected == Collected::Unknown && fact.note.is_none() {
                unknown.push(field.as_str());
                continue;
            }
            let source = fact
                .source
                .as_deref()
                .map_or("no source".to_string(), |id| cite(kb, id));
            let _ = writeln!(out, "  {field}: {} — {source}", collected(fact.collected));
            if let Some(note) = &fact.note {
                let _ = writeln!(out, "      note: {}", en(note));
            }
            for id in &fact.note_sources {
                let _ = writeln!(out, "      note source: {}", cite(kb, id));
            }
        }
        if !unknown.is_empty() {
            let _ = writeln!(out, "  unknown (no claim made): {}", unknown.join(", "));
        }
    }
    for i in &kb.incidents {
        let _ = writeln!(out, "\nINCIDENT {} — {}", i.id, en(&i.title));
        let _ = writeln!(
            out,
            "  systems: {}; status: {}; first reported {}; last update {}",
            i.systems.join(", "),
            i.status,
            i.first_reported,
            i.last_update
        );
        let _ = writeln!(out, "  claimed fields: {}", i.claimed_fields.join(", "));
        let _ = writeln!(out, "  summary: {}", en(&i.summary));
        let _ = writeln!(out, "  status history (oldest first):");
        for h in &i.status_history {
            let _ = writeln!(out, "    {} {} — {}", h.date, h.status, cite(kb, &h.source));
        }
        let _ = writeln!(out, "  timeline:");
        for e in &i.timeline {
            let _ = writeln!(
                out,
                "    {} {}: {} — {}",
                e.date,
                en(&e.actor),
                en(&e.what),
                cite(kb, &e.source)
            );
        }
        for c in &i.reports_differ {
            let _ = writeln!(out, "  reports differ: {}", en(&c.about));
            for a in &c.accounts {
                let _ = writeln!(out, "    - {} — {}", en(&a.what), cite(kb, &a.source));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_statement_appears_with_its_source() {
        let kb = crate::load_knowledge().unwrap();
        let text = report(&kb);
        assert!(text.starts_with(&format!(
            "LeakLens knowledge, version {}, as of {}",
            kb.version, kb.knowledge_date
        )));
        for i in &kb.incidents {
            assert!(text.contains(&format!("INCIDENT {} ", i.id)), "{}", i.id);
            for e in &i.timeline {
                let s = kb.source(&e.source).unwrap();
                let line = format!(
                    "{} {}: {} — {}, {} <{}>",
                    e.date,
                    text_in(&e.actor, "en"),
                    text_in(&e.what, "en"),
                    s.publisher,
                    s.date,
                    s.url
                );
                assert!(text.contains(&line), "{line}");
            }
            for h in &i.status_history {
                assert!(text.contains(&format!("{} {} — ", h.date, h.status)));
            }
        }
        for s in &kb.systems {
            for (f, fact) in &s.fields {
                if let Some(id) = &fact.source {
                    let line = format!("  {f}: {} — {}", collected(fact.collected), cite(&kb, id));
                    assert!(text.contains(&line), "{line}");
                }
            }
        }
        // every source is cited somewhere in the report
        for s in &kb.sources {
            assert!(text.contains(&format!("<{}>", s.url)), "{}", s.id);
        }
    }
}
