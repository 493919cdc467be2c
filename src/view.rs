//! The card as a view tree: plain elements and text nodes that the extension and the checker
//! page render with `createElement` and `textContent` only (no HTML strings anywhere).

use crate::card::{card_text, Card, SourceRef};
use crate::detect::Detection;
use serde::Serialize;
use std::collections::BTreeMap;

/// A node of the view tree: an element with attributes and children, or a text.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Node {
    Element {
        tag: &'static str,
        attrs: BTreeMap<&'static str, String>,
        children: Vec<Node>,
    },
    Text {
        text: String,
    },
}

/// The tags a view may use; renderers refuse anything else.
pub const TAGS: &[&str] = &[
    "section", "header", "footer", "div", "h2", "h3", "p", "span", "strong", "time", "a", "ul",
    "ol", "li", "table", "caption", "tbody", "tr", "th", "td", "details", "summary",
];

fn el(tag: &'static str, class: &str, children: Vec<Node>) -> Node {
    let mut attrs = BTreeMap::new();
    if !class.is_empty() {
        attrs.insert("class", class.to_string());
    }
    Node::Element {
        tag,
        attrs,
        children,
    }
}

fn text(s: impl Into<String>) -> Node {
    Node::Text { text: s.into() }
}

fn with(mut node: Node, key: &'static str, value: impl Into<String>) -> Node {
    if let Node::Element { attrs, .. } = &mut node {
        attrs.insert(key, value.into());
    }
    node
}

fn link(s: &SourceRef) -> Node {
    let a = el(
        "a",
        "ll-source",
        vec![text(format!("{}, {}", s.publisher, s.date))],
    );
    let a = with(a, "href", s.url.clone());
    let a = with(a, "target", "_blank");
    with(a, "rel", "noopener noreferrer")
}

/// Knowledge text in `lang`: as it is when that is the card's language; otherwise in a span
/// that says its language, followed by a short tag in the card's language ("(in English)").
fn in_lang(content: String, lang: &str, card: &Card) -> Vec<Node> {
    if lang == card.language {
        return vec![text(content)];
    }
    let tag = card_text().word(&card.language, "in_english");
    vec![
        with(el("span", "", vec![text(content)]), "lang", lang),
        text(" "),
        el("span", "ll-in-english", vec![text(tag)]),
    ]
}

/// The full card view for a detection and its card.
pub fn card_view(card: &Card, detection: &Detection) -> Node {
    let w = |key: &str| card_text().word(&card.language, key);
    let mut body = Vec::new();

    let status = with(
        el("span", "ll-status", vec![text(card.status.label.clone())]),
        "data-status",
        card.status.id.clone(),
    );
    body.push(el(
        "header",
        "ll-header",
        vec![el("h2", "ll-title", vec![text(w("heading"))]), status],
    ));
    body.push(el(
        "p",
        "ll-status-explanation",
        vec![text(card.status.explanation.clone())],
    ));
    if let Some((now, earlier)) = card.status_history.split_last() {
        let words = card_text();
        let since = w("status_since")
            .replace("{status}", &now.label)
            .replace("{date}", &words.date(&card.language, &now.date));
        body.push(el(
            "p",
            "ll-status-since",
            vec![text(format!("{since} ")), link(&now.source)],
        ));
        if !earlier.is_empty() {
            let mut steps = vec![el(
                "strong",
                "",
                vec![text(format!("{}: ", w("status_earlier")))],
            )];
            for (n, h) in earlier.iter().enumerate() {
                if n > 0 {
                    steps.push(text("; "));
                }
                steps.push(text(format!(
                    "{} ({}) ",
                    h.label,
                    words.date(&card.language, &h.date)
                )));
                steps.push(link(&h.source));
            }
            body.push(el("p", "ll-status-earlier", steps));
        }
    }

    if card.systems.is_empty() {
        body.push(el("p", "ll-systems", vec![text(w("no_system"))]));
    }
    for s in &card.systems {
        let mut line = vec![el("strong", "", vec![text(format!("{}: ", w("systems")))])];
        if s.id == "other" {
            // outside the knowledge: the operator as the post names it, and that we know nothing
            line.push(text(format!("{} — ", s.name)));
            line.extend(in_lang(s.about.clone(), &s.lang, card));
        } else {
            line.push(text(format!("{} — {} ", s.name, w("operator"))));
            line.extend(in_lang(s.operator.clone(), &s.lang, card));
        }
        body.push(el("p", "ll-systems", line));
    }

    if let Some(notice) = &card.personal_data {
        let p = el("p", "ll-personal-data", vec![text(notice.text.clone())]);
        body.push(with(p, "role", "note"));
    }

    if !card.fields.is_empty() {
        let rows = card
            .fields
            .iter()
            .map(|f| {
                let mut note = vec![];
                if let Some(n) = &f.note {
                    let lang = f.note_lang.as_deref().unwrap_or(&card.language);
                    note.extend(in_lang(n.clone(), lang, card));
                    note.push(text(" "));
                }
                for (i, source) in f.sources.iter().enumerate() {
                    if i > 0 {
                        note.push(text("; "));
                    }
                    note.push(link(source));
                }
                el(
                    "tr",
                    "",
                    vec![
                        with(el("th", "", vec![text(f.label.clone())]), "scope", "row"),
                        with(
                            el("td", "ll-collected", vec![text(f.collected_label.clone())]),
                            "data-collected",
                            variant_name(&f.collected),
                        ),
                        el("td", "ll-note", note),
                    ],
                )
            })
            .collect();
        body.push(el(
            "table",
            "ll-fields",
            vec![
                el("caption", "", vec![text(w("claimed_fields"))]),
                el("tbody", "", rows),
            ],
        ));
    }
    if !card.other_fields.is_empty() {
        let items = card
            .other_fields
            .iter()
            .map(|f| {
                el(
                    "li",
                    "",
                    vec![text(format!("{} — {}", f.label, f.collected_label))],
                )
            })
            .collect();
        body.push(el(
            "details",
            "ll-other-fields",
            vec![
                el("summary", "", vec![text(w("other_fields"))]),
                el("ul", "", items),
            ],
        ));
    }

    match &card.incident {
        Some(i) => {
            body.push(el(
                "section",
                "ll-incident",
                vec![
                    el("h3", "", {
                        let mut h = vec![text(format!("{}: ", w("incident")))];
                        h.extend(in_lang(i.title.clone(), &i.lang, card));
                        h
                    }),
                    el("p", "", in_lang(i.summary.clone(), &i.lang, card)),
                ],
            ));
            let entries = card
                .timeline
                .iter()
                .map(|e| {
                    el(
                        "li",
                        "",
                        vec![
                            with(
                                el("time", "", vec![text(e.date.clone())]),
                                "datetime",
                                e.date.clone(),
                            ),
                            text(" "),
                            if e.lang == card.language {
                                el("strong", "", vec![text(e.actor.clone())])
                            } else {
                                with(
                                    el("strong", "", vec![text(e.actor.clone())]),
                                    "lang",
                                    &e.lang,
                                )
                            },
                            text(": "),
                        ]
                        .into_iter()
                        .chain(in_lang(e.what.clone(), &e.lang, card))
                        .chain([text(" "), link(&e.source)])
                        .collect(),
                    )
                })
                .collect();
            for c in &card.reports_differ {
                let accounts = c
                    .accounts
                    .iter()
                    .map(|a| {
                        let mut item = in_lang(a.what.clone(), &c.lang, card);
                        item.extend([text(" "), link(&a.source)]);
                        el("li", "", item)
                    })
                    .collect();
                body.push(el(
                    "section",
                    "ll-reports-differ",
                    vec![
                        el("h3", "", {
                            let mut h = vec![text(format!("{}: ", w("reports_differ")))];
                            h.extend(in_lang(c.about.clone(), &c.lang, card));
                            h
                        }),
                        el("ul", "", accounts),
                    ],
                ));
            }
            body.push(el(
                "details",
                "ll-timeline",
                vec![
                    el("summary", "", vec![text(w("timeline"))]),
                    el("ol", "", entries),
                ],
            ));
        }
        None => {
            let mut about = vec![text(format!("{} ", w("no_incident")))];
            // a system outside the knowledge has said so on its own line already
            for s in card.systems.iter().filter(|s| s.id != "other") {
                about.extend(in_lang(s.about.clone(), &s.lang, card));
                about.push(text(" "));
            }
            body.push(el("p", "ll-no-incident", about));
        }
    }

    body.push(el("p", "ll-caveat", vec![text(card.caveat.clone())]));
    body.push(el(
        "p",
        "ll-knowledge-date",
        vec![text(w("knowledge_as_of").replace(
            "{date}",
            &card_text().date(&card.language, &card.knowledge_date),
        ))],
    ));

    let why = detection
        .evidence
        .iter()
        .map(|e| {
            let kind = variant_name(&e.kind);
            with(
                el(
                    "li",
                    "",
                    vec![text(format!(
                        "{}: “{}”",
                        w(&format!("evidence_{kind}")),
                        e.text
                    ))],
                ),
                "data-kind",
                kind,
            )
        })
        .collect();
    body.push(el(
        "details",
        "ll-why",
        vec![el("summary", "", vec![text(w("why"))]), el("ul", "", why)],
    ));

    if !card.sources.is_empty() {
        let items = card
            .sources
            .iter()
            .map(|s| el("li", "", vec![link(s)]))
            .collect();
        body.push(el(
            "footer",
            "ll-sources",
            vec![el("h3", "", vec![text(w("sources"))]), el("ul", "", items)],
        ));
    }

    let root = el("section", "ll-card", body);
    let root = with(root, "role", "region");
    let root = with(root, "aria-label", w("heading"));
    with(root, "lang", card.language.clone())
}

/// The card as plain text (for copying): the view's text, one line per block element.
pub fn plain_text(node: &Node) -> String {
    fn walk(node: &Node, out: &mut String) {
        match node {
            Node::Text { text } => out.push_str(text),
            Node::Element {
                tag,
                children,
                attrs,
            } => {
                let block = !matches!(*tag, "span" | "strong" | "time" | "a");
                if *tag == "li" {
                    out.push_str("• ");
                }
                for c in children {
                    walk(c, out);
                    if *tag == "tr" {
                        out.push_str("  ");
                    }
                }
                if *tag == "a" {
                    if let Some(href) = attrs.get("href") {
                        out.push_str(&format!(" <{href}>"));
                    }
                }
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    let mut out = String::new();
    walk(node, &mut out);
    out.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A piece of the checked text: plain, or an evidence phrase of some kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub kind: Option<&'static str>,
}

/// The input split at its evidence spans, for highlighting (spans are in text order and do
/// not overlap; any that would are skipped). With `hide_personal_data`, an identifier the text
/// shows is given in its masked form.
pub fn segments<'a>(
    text: &'a str,
    detection: &'a Detection,
    hide_personal_data: bool,
) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for e in &detection.evidence {
        if e.start < at
            || e.end > text.len()
            || !text.is_char_boundary(e.start)
            || !text.is_char_boundary(e.end)
        {
            continue;
        }
        if e.start > at {
            out.push(Segment {
                text: &text[at..e.start],
                kind: None,
            });
        }
        let shown = if hide_personal_data && e.kind == crate::detect::EvidenceKind::PersonalData {
            e.text.as_str()
        } else {
            &text[e.start..e.end]
        };
        out.push(Segment {
            text: shown,
            kind: Some(kind_name(e.kind)),
        });
        at = e.end;
    }
    if at < text.len() {
        out.push(Segment {
            text: &text[at..],
            kind: None,
        });
    }
    out
}

pub fn kind_name(kind: crate::detect::EvidenceKind) -> &'static str {
    use crate::detect::EvidenceKind::*;
    match kind {
        Event => "event",
        System => "system",
        Field => "field",
        Denial => "denial",
        Hedge => "hedge",
        OtherSense => "other-sense",
        PersonalData => "personal_data",
    }
}

/// The name a unit variant has in the JSON (`"personal_data"` → `personal_data`).
fn variant_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn segments_mask_identifiers_unless_asked_not_to() {
        let text = "CoWIN leak: my Aadhaar 2345 6789 0124 and mobile 9876543210 are out";
        let d = crate::check(text);
        let hidden: String = super::segments(text, &d, true)
            .iter()
            .map(|s| s.text)
            .collect();
        assert!(!hidden.contains("2345 6789 0124"), "{hidden}");
        assert!(!hidden.contains("9876543210"), "{hidden}");
        assert!(
            hidden.contains("XXXX XXXX 0124") && hidden.contains("XXXXXX3210"),
            "{hidden}"
        );
        let shown: String = super::segments(text, &d, false)
            .iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(shown, text);
    }

    #[test]
    fn segments_cover_the_text_and_mark_evidence() {
        let text = "Big news: CoWIN data leaked, names exposed. Ministry calls it baseless.";
        let d = crate::check(text);
        let segs = super::segments(text, &d, true);
        assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), text);
        let marked: Vec<(&str, &str)> = segs
            .iter()
            .filter_map(|s| s.kind.map(|k| (k, s.text)))
            .collect();
        assert!(marked.contains(&("system", "CoWIN")), "{marked:?}");
        assert!(marked.contains(&("denial", "baseless")), "{marked:?}");
    }

    #[test]
    fn plain_text_keeps_every_line_of_the_card() {
        let text = "CoWIN data leaked on a Telegram bot: names and addresses exposed";
        let d = crate::check(text);
        let card = crate::card::build(crate::knowledge(), &d, text, &Default::default());
        let plain = super::plain_text(&super::card_view(&card, &d));
        assert!(plain.contains("Address"), "{plain}");
        assert!(plain.contains("not collected"), "{plain}");
        assert!(plain.contains(&card.caveat), "{plain}");
        assert!(plain.contains("https://"), "{plain}");
    }

    use super::*;

    fn walk<'a>(n: &'a Node, out: &mut Vec<&'a Node>) {
        out.push(n);
        if let Node::Element { children, .. } = n {
            for c in children {
                walk(c, out);
            }
        }
    }

    #[test]
    fn uses_only_allowed_tags_and_safe_links() {
        let text = "CoWIN data leaked on a Telegram bot in June 2023: names, addresses and Aadhaar numbers";
        let d = crate::check(text);
        let kb = crate::knowledge();
        let card = crate::card::build(kb, &d, text, &Default::default());
        let view = card_view(&card, &d);
        let mut nodes = vec![];
        walk(&view, &mut nodes);
        let mut links = 0;
        for n in nodes {
            if let Node::Element { tag, attrs, .. } = n {
                assert!(TAGS.contains(tag), "{tag}");
                if *tag == "a" {
                    links += 1;
                    assert!(attrs["href"].starts_with("http"));
                    assert_eq!(attrs["rel"], "noopener noreferrer");
                    assert_eq!(attrs["target"], "_blank");
                }
            }
        }
        assert!(links >= 3, "sources are linked");
    }
}
