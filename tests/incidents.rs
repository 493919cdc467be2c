//! Incident matching over the whole knowledge: every incident is found by a text of our own that
//! names its year (no post date), the year decides between incidents of the same system, and a
//! post with neither a date, a cue nor a year stays `unverified`.

use leaklens::card::CardOptions;
use leaklens::{check_with, knowledge};
use std::collections::BTreeSet;

/// One undated text per incident, each naming the incident's year (our own wording).
const BY_YEAR: &[(&str, &str)] = &[
    ("cowin-telegram-2023", "CoWIN data leak 2023: a Telegram bot gives out Aadhaar and passport numbers of vaccinated people if you type their phone number"),
    ("cowin-darkleak-2021", "Hackers claim in 2021 that CoWIN data of 15 crore Indians, with names, phone numbers and Aadhaar numbers, is on sale on a dark web site"),
    ("cowin-covidtest-2022", "CoWIN leak in 2022? COVID test results, names and addresses of 20,000 people put up for sale on Raid Forums"),
    ("icmr-815m-2023", "Biggest ever breach: ICMR data of 81.5 crore Indians, with Aadhaar and passport details, leaked and sold in 2023"),
    ("aiims-ransomware-2022", "AIIMS Delhi servers hacked in 2022, ransomware attackers stole patient records"),
    ("aadhaar-tribune-2018", "Aadhaar data of a billion Indians leaked: in 2018 The Tribune bought access to any Aadhaar number's details for Rs 500"),
    ("epfo-seeding-2018", "EPFO data leak 2018: hackers stole Aadhaar details of PF members through the Aadhaar seeding website"),
    ("irctc-3crore-2022", "IRCTC data breach in 2022: hacker selling names, emails and phone numbers of 3 crore railway passengers"),
    ("aarogyasetu-alderson-2020", "Aarogya Setu app leaking data of 9 crore Indians, says hacker Elliot Alderson in 2020"),
    ("digilocker-otp-2020", "DigiLocker bug in 2020 let hackers bypass the OTP and get into the accounts of 3.8 crore users, their documents exposed"),
    ("aadhaar-cis-2017", "Aadhaar data leak: the Centre for Internet and Society found 13 crore Aadhaar numbers and bank account details leaked on government websites in 2017"),
    ("jharkhand-pension-2017", "Aadhaar numbers and bank account details of 14 lakh pensioners leaked from the Jharkhand pension website in 2017"),
    ("aadhaar-210-websites-2017", "Aadhaar leak: in 2017 names, addresses and Aadhaar numbers of citizens were exposed on 210 government websites"),
    ("itgrids-2019", "Aadhaar data leak in 2019: records of 7.8 crore people of Andhra Pradesh and Telangana found with IT Grids"),
    ("pmkisan-2022", "PM Kisan website leaked the Aadhaar numbers of 11 crore farmers in 2022"),
    ("epfo-uan-2022", "PF data leak 2022: EPFO records of 28 crore employees with UAN, Aadhaar and bank details exposed online"),
    ("irctc-2016", "IRCTC website hacked in 2016, personal data of 1 crore passengers stolen"),
    ("aiims-malware-2023", "AIIMS Delhi hit by malware attack in 2023, patient data at risk of being leaked"),
];

fn incident(text: &str, date: Option<&str>) -> Option<String> {
    let options = CardOptions {
        date: date.map(str::to_string),
        ..Default::default()
    };
    let report = check_with(knowledge(), text, &options, false);
    let card = report
        .card
        .unwrap_or_else(|| panic!("a claim with a card: {text}"));
    card.incident.map(|i| i.id)
}

#[test]
fn every_incident_is_matched_by_an_undated_text_naming_its_year() {
    for (id, text) in BY_YEAR {
        let i = knowledge().incidents.iter().find(|i| i.id == *id).unwrap();
        assert!(
            text.contains(&i.first_reported[..4]),
            "{id}: the text names the year"
        );
        assert_eq!(incident(text, None).as_deref(), Some(*id), "{text}");
    }
    let tested: BTreeSet<&str> = BY_YEAR.iter().map(|(id, _)| *id).collect();
    let all: BTreeSet<&str> = knowledge()
        .incidents
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(tested, all, "every incident has a text");
}

#[test]
fn the_year_decides_between_incidents_of_one_system() {
    for (text, year, id) in [
        ("AIIMS Delhi hacked in {}, patient data leaked", "2022", "aiims-ransomware-2022"),
        ("AIIMS Delhi hacked in {}, patient data leaked", "2023", "aiims-malware-2023"),
        ("IRCTC data leak {}: passenger details stolen", "2016", "irctc-2016"),
        ("IRCTC data leak {}: passenger details stolen", "2022", "irctc-3crore-2022"),
        ("EPFO data leak {}: members' Aadhaar details stolen", "2018", "epfo-seeding-2018"),
        ("EPFO data leak {}: members' Aadhaar details stolen", "2022", "epfo-uan-2022"),
        ("Aadhaar data leak {}: names and addresses exposed", "2018", "aadhaar-tribune-2018"),
        ("Aadhaar data leak {}: names and voter IDs exposed", "2019", "itgrids-2019"),
        // the same year: the claimed fields break the tie (father's name, age, gender)
        (
            "Aadhaar data leak {}: father's names, ages, gender and Aadhaar numbers of welfare beneficiaries exposed",
            "2017",
            "aadhaar-cis-2017",
        ),
        ("PM Kisan data leak {}: farmers' Aadhaar numbers exposed", "2022", "pmkisan-2022"),
    ] {
        let t = text.replace("{}", year);
        assert_eq!(incident(&t, None).as_deref(), Some(id), "{t}");
        // without the year, nothing else in these texts points to an incident
        let t = text.replace(" {}", "").replace("{}", "");
        assert_eq!(incident(&t, None), None, "{t}");
    }
}

#[test]
fn a_post_date_matches_and_a_wrong_date_does_not() {
    let text = "PM Kisan data leak: farmers' Aadhaar numbers exposed";
    assert_eq!(
        incident(text, Some("2022-06-15")).as_deref(),
        Some("pmkisan-2022")
    );
    assert_eq!(incident(text, Some("2025-01-10")), None);
    // a cue word from another time does not outweigh the post's date
    let text = "Jharkhand pension website leaked pensioners' Aadhaar numbers";
    assert_eq!(
        incident(text, Some("2017-04-24")).as_deref(),
        Some("jharkhand-pension-2017")
    );
    assert_eq!(incident(text, Some("2024-03-01")), None);
}

#[test]
fn a_word_of_the_systems_own_name_is_not_a_cue() {
    // "Jharkhand" singles out the 2017 incident among Aadhaar incidents, but a post that names
    // the Jharkhand pension site says nothing about when by naming it
    let text = "Jharkhand pension website data leaked online";
    assert_eq!(incident(text, None), None);
    let text = "Aadhaar numbers of pensioners in Jharkhand leaked online";
    assert_eq!(
        incident(text, None).as_deref(),
        Some("jharkhand-pension-2017")
    );
}
