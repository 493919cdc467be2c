//! schema.org ClaimReview JSON-LD for a card: what the post claims, the status as the rating's
//! alternateName, the sources as citations.

use crate::card::{Card, CardOptions};
use serde_json::{json, Value};

/// The claim as reviewed: the text's first sentence, at most 280 characters, with any
/// identifier it shows masked.
fn claim_reviewed(text: &str) -> String {
    let text = crate::personal_data::redact(text);
    let first = text
        .split(['\n', '।', '!', '?'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let mut out: String = first.chars().take(280).collect();
    if out.len() < first.len() {
        out.push('…');
    }
    out
}

/// ClaimReview JSON-LD. `reviewed_on` is the review date (`YYYY-MM-DD`).
pub fn claim_review(card: &Card, text: &str, options: &CardOptions, reviewed_on: &str) -> Value {
    let mut claim = json!({
        "@type": "Claim",
        "about": card.systems.iter().map(|s| json!({"@type": "Thing", "name": s.name})).collect::<Vec<_>>(),
    });
    if let Some(url) = &options.url {
        claim["appearance"] = json!([{"@type": "CreativeWork", "url": url}]);
    }
    if let Some(date) = &options.date {
        claim["datePublished"] = json!(date.get(..10).unwrap_or(date));
    }
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim_reviewed(text),
        "itemReviewed": claim,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": card.status.label,
            "ratingExplanation": card.status.explanation,
        },
        "author": {"@type": "Organization", "name": "LeakLens"},
        "datePublished": reviewed_on,
        "inLanguage": card.language,
        "reviewBody": card.caveat,
        "citation": card.sources.iter().map(|s| json!({
            "@type": "CreativeWork",
            "url": s.url,
            "publisher": {"@type": "Organization", "name": s.publisher},
            "datePublished": s.date,
        })).collect::<Vec<_>>(),
    })
}
