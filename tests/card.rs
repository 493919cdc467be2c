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
        ("dob", Collected::Optional),
        ("mobile", Collected::Yes),
        ("name", Collected::Yes),
        ("aadhaar", Collected::Optional),
        ("passport", Collected::Optional),
    ] {
        assert_eq!(field(id).collected, collected, "{id}");
        assert!(field(id).claimed);
    }
    let s = &field("address").sources[0];
    assert_eq!(
        s.date, "2023-06-12",
        "address is sourced to the ministry's June 2023 statement"
    );
    assert!(s.url.contains("hindustantimes.com"), "{}", s.url);
    // a full date of birth: optional for travellers since September 2021, with the note and
    // both sources (the travel change, and the ministry on the year of birth)
    let dob = field("dob");
    assert!(dob.note.as_deref().unwrap().contains("September 2021"));
    let dates: Vec<&str> = dob.sources.iter().map(|s| s.date.as_str()).collect();
    assert_eq!(dates, ["2021-09-26", "2023-06-12"]);
    assert!(dob.sources[0].url.contains("thequint.com"));
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
    // the status over time, oldest first, ending in the current status
    let steps: Vec<(&str, &str)> = card
        .status_history
        .iter()
        .map(|h| (h.status.as_str(), h.date.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("unverified", "2023-06-12"),
            ("officially_denied", "2023-06-12"),
            ("disputed", "2023-06-22")
        ]
    );
    assert_eq!(card.status.id, "disputed");
    // where reports differ, both sides with their sources
    let differ = &card.reports_differ[0];
    let publishers: Vec<&str> = differ
        .accounts
        .iter()
        .map(|a| a.source.publisher.as_str())
        .collect();
    assert_eq!(publishers, ["Aaj Tak", "Hindustan Times"]);
    assert_eq!(card.knowledge_date, knowledge().knowledge_date);
    let view = leaklens::view::plain_text(&report.view.expect("a view"));
    for shown in [
        "Disputed since 22 June 2023",
        "Earlier: Unverified (12 June 2023)",
        "Officially denied (12 June 2023)",
        "Reports differ: Whose health-worker login was reportedly used",
        "Knowledge as of 29 November 2026",
    ] {
        assert!(view.contains(shown), "{shown:?} in\n{view}");
    }
}

#[test]
fn status_and_knowledge_dates_are_written_out_in_the_card_language() {
    let text = "कोविन डेटा लीक: टेलीग्राम बॉट पर लोगों के आधार और पासपोर्ट नंबर";
    let report = check_with(knowledge(), text, &opts(None, None), true);
    let view = leaklens::view::plain_text(&report.view.unwrap());
    assert!(view.contains("22 जून 2023 से विवादित"), "{view}");
    assert!(view.contains("29 नवंबर 2026 तक की जानकारी"), "{view}");
    assert!(view.contains("रिपोर्टें अलग-अलग हैं"), "{view}");
    let words = leaklens::card::card_text();
    assert_eq!(words.date("en", "2020-06"), "June 2020");
    assert_eq!(words.date("en", "2023-06-02"), "2 June 2023");
    assert_eq!(words.date("hi", "2023-12-18"), "18 दिसंबर 2023");
    assert_eq!(words.date("en", "n.d."), "n.d.");
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
    // shown as the post names it, with nothing known about it
    assert_eq!(card.systems.len(), 1);
    assert_eq!(card.systems[0].id, "other");
    assert_eq!(card.systems[0].name, "Domino's India");
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
    // every other language gets its own card too (tests/i18n.rs checks all 13), with the
    // system's name in the post's script; the reader's choice of English still wins
    let text = "கோவின் தரவு கசிவு: டெலிகிராமில் பெயர், மொபைல் எண் விவரங்கள் கசிந்தன";
    let card = check_with(knowledge(), text, &opts(None, None), false)
        .card
        .unwrap();
    assert_eq!(card.language, "ta");
    assert_eq!(card.systems[0].name, "கோவின்");
    let card = check_with(knowledge(), text, &opts(None, Some("en")), false)
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

#[test]
fn a_system_outside_the_knowledge_is_named_as_the_post_writes_it() {
    let text = "Star Health customers' names, phone numbers and medical reports were leaked \
                through Telegram chatbots, a researcher says";
    let report = check_with(knowledge(), text, &opts(None, Some("en")), true);
    assert_eq!(report.detection.systems, vec!["other"]);
    assert_eq!(report.detection.operator.as_deref(), Some("Star Health"));
    let card = report.card.expect("a card for a claim");
    assert_eq!(card.systems.len(), 1);
    let s = &card.systems[0];
    assert_eq!((s.id.as_str(), s.name.as_str()), ("other", "Star Health"));
    assert!(
        s.about.contains("not in LeakLens's knowledge"),
        "{}",
        s.about
    );
    // no knowledge, so nothing is said to be collected or not
    assert!(card
        .fields
        .iter()
        .all(|f| f.collected == Collected::Unknown));
    let view = serde_json::to_string(&report.view).unwrap();
    assert!(
        view.contains(r#"{"text":"Star Health — "},{"text":"not in LeakLens's knowledge"#),
        "{view}"
    );
    // the Hindi card says the same in Hindi
    let hi = check_with(knowledge(), text, &opts(None, Some("hi")), false);
    assert!(hi.card.unwrap().systems[0]
        .about
        .contains("ज्ञान-आधार में नहीं"));
    // a text without a system names no operator
    assert_eq!(
        leaklens::check("Names and phone numbers of lakhs leaked online").operator,
        None
    );
}
