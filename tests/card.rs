//! Cards: the detection joined with the knowledge base — fields against what the system
//! collects, incident matching, the no-match case, Hindi cards, the ClaimReview export, and
//! knowledge overrides.

use leaklens::card::CardOptions;
use leaklens::kb::Collected;
use leaklens::{check_with, knowledge};

const SEED: &str = "tests/fixtures/seed-style-hi.txt";

fn opts(date: Option<&str>, lang: Option<&str>) -> CardOptions {
    CardOptions {
        date: date.map(str::to_string),
        url: None,
        lang: lang.map(str::to_string),
    }
}

#[test]
fn the_seed_style_article_gets_a_sourced_cowin_card() {
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let report = check_with(knowledge(), &text, &opts(None, Some("en")), true);
    let card = report.card.expect("a card for a claim");
    assert_eq!(card.systems[0].id, "cowin");
    let field = |id: &str| {
        card.fields
            .iter()
            .find(|f| f.field == id)
            .unwrap_or_else(|| panic!("{id} on the card: {:?}", card.fields))
    };
    for (id, collected) in [
        ("address", Collected::No),
        ("dob", Collected::No),
        ("mobile", Collected::Yes),
        ("name", Collected::Yes),
        ("aadhaar", Collected::Optional),
        ("passport", Collected::Optional),
    ] {
        assert_eq!(field(id).collected, collected, "{id}");
        assert!(field(id).claimed);
    }
    for id in ["address", "dob"] {
        let s = &field(id).sources[0];
        assert_eq!(
            s.date, "2023-06-12",
            "{id} is sourced to the ministry's June 2023 statement"
        );
        assert!(s.url.contains("hindustantimes.com"), "{}", s.url);
    }
    let incident = card.incident.expect("the June 2023 incident");
    assert_eq!(incident.id, "cowin-telegram-2023");
    assert_ne!(card.status.id, "unverified");
    let dated: std::collections::BTreeSet<_> = card
        .timeline
        .iter()
        .map(|e| (&e.source.url, &e.date))
        .collect();
    assert!(dated.len() >= 3, "at least three dated sources: {dated:?}");
    assert!(card.caveat.contains("another database"));
    assert!(report.view.is_some());
}

#[test]
fn a_2023_post_and_a_2021_post_get_different_incidents() {
    let text =
        "CoWIN data leak: names, mobile numbers and Aadhaar numbers of Indians are up for grabs";
    let r2023 = check_with(
        knowledge(),
        text,
        &opts(Some("2023-06-13T09:00:00.000Z"), None),
        false,
    );
    let r2021 = check_with(knowledge(), text, &opts(Some("2021-06-11"), None), false);
    let id = |r: &leaklens::Report| {
        r.card
            .as_ref()
            .unwrap()
            .incident
            .as_ref()
            .map(|i| i.id.clone())
    };
    assert_eq!(id(&r2023).as_deref(), Some("cowin-telegram-2023"));
    assert_eq!(id(&r2021).as_deref(), Some("cowin-darkleak-2021"));
    assert_eq!(r2021.card.unwrap().status.id, "officially_denied");
}

#[test]
fn no_matching_incident_means_unverified_with_what_is_known() {
    // a post from 2026 about CoWIN, naming no known incident
    let text = "CoWIN data leaked again: names and phone numbers of millions exposed";
    let card = check_with(knowledge(), text, &opts(Some("2026-11-20"), None), false)
        .card
        .unwrap();
    assert!(card.incident.is_none());
    assert!(card.timeline.is_empty());
    assert_eq!(card.status.id, "unverified");
    assert_eq!(card.status.label, "Unverified");
    assert!(!card.systems[0].about.is_empty());
    assert!(
        !card.other_fields.is_empty(),
        "what the system does collect"
    );
    // a system outside the knowledge base: fields are unknown, nothing invented
    let text = "Domino's India data breach: names, phone numbers and addresses of customers leaked";
    let card = check_with(knowledge(), text, &opts(None, None), false)
        .card
        .unwrap();
    assert!(card.systems.is_empty());
    assert!(card
        .fields
        .iter()
        .all(|f| f.collected == Collected::Unknown && f.sources.is_empty()));
    assert_eq!(card.status.id, "unverified");
}

#[test]
fn a_hindi_post_gets_a_hindi_card_unless_the_reader_chose_english() {
    let text = "कोविन पोर्टल का डेटा लीक, टेलीग्राम पर लोगों के नाम और पते दिख रहे हैं";
    let card = check_with(knowledge(), text, &opts(None, None), false)
        .card
        .unwrap();
    assert_eq!(card.language, "hi");
    assert_eq!(card.systems[0].name, "कोविन");
    assert!(card
        .fields
        .iter()
        .any(|f| f.label == "पता" && f.collected_label == "नहीं लिया जाता"));
    assert!(card.caveat.contains("दूसरे डेटाबेस"));
    let card = check_with(knowledge(), text, &opts(None, Some("en")), false)
        .card
        .unwrap();
    assert_eq!(card.language, "en");
    assert_eq!(card.status.label, "Disputed");
    // other languages fall back to English, with the system's name in the post's script
    let text = "கோவின் தரவு கசிவு: டெலிகிராமில் பெயர், மொபைல் எண் விவரங்கள் கசிந்தன";
    let card = check_with(knowledge(), text, &opts(None, None), false)
        .card
        .unwrap();
    assert_eq!(card.language, "en");
    assert_eq!(card.systems[0].name, "கோவின்");
}

#[test]
fn claim_review_export_has_the_schema_org_keys() {
    let text = "CoWIN data leaked on Telegram: names and passport numbers exposed";
    let options = CardOptions {
        date: Some("2023-06-12".into()),
        url: Some("https://x.com/someone/status/1".into()),
        lang: None,
    };
    let report = check_with(knowledge(), text, &options, false);
    let card = report.card.unwrap();
    let review = leaklens::claimreview::claim_review(&card, text, &options, "2026-11-29");
    assert_eq!(review["@context"], "https://schema.org");
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["claimReviewed"], text);
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
    assert_eq!(
        review["itemReviewed"]["appearance"][0]["url"],
        "https://x.com/someone/status/1"
    );
    assert_eq!(review["reviewRating"]["alternateName"], card.status.label);
    assert_eq!(review["author"]["name"], "LeakLens");
    assert_eq!(review["datePublished"], "2026-11-29");
    assert!(review["citation"].as_array().unwrap().len() >= 3);
}

#[test]
fn non_claims_get_no_card() {
    let r = check_with(
        knowledge(),
        "Download your CoWIN certificate here",
        &opts(None, None),
        true,
    );
    assert!(r.card.is_none() && r.view.is_none());
}
