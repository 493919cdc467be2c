//! The knowledge's sources, checked the way a reviewer would: each URL is on its publisher's own
//! host, a date written in the URL is the source's date, and no URL carries tracking parameters.

use leaklens::knowledge;

/// Each publisher (the name before any " (…)") and the exact hosts it publishes on. A new
/// publisher is added here after checking its host by hand.
const PUBLISHERS: &[(&str, &[&str])] = &[
    ("10TV", &["10tv.in"]),
    ("Aaj Tak", &["aajtak.in"]),
    ("Aaj Tak Bangla", &["bangla.aajtak.in"]),
    ("Business Standard", &["www.business-standard.com"]),
    ("Business Today", &["www.businesstoday.in"]),
    ("CAclubindia", &["www.caclubindia.com"]),
    ("DNA", &["www.dnaindia.com"]),
    (
        "Deccan Chronicle",
        &["deccanchronicle.com", "www.deccanchronicle.com"],
    ),
    ("Deccan Herald", &["www.deccanherald.com"]),
    ("ETV Bharat", &["etvbharat.com", "www.etvbharat.com"]),
    ("Free Press Journal", &["www.freepressjournal.in"]),
    ("Gadgets 360", &["gadgets.ndtv.com", "gadgets360.com"]),
    (
        "Government of India, Aarogya Setu privacy policy",
        &["web.swaraksha.gov.in"],
    ),
    (
        "Hindustan Times",
        &["www.hindustantimes.com", "m.hindustantimes.com"],
    ),
    ("India TV", &["www.indiatvnews.com"]),
    ("India Today", &["www.indiatoday.in"]),
    ("Jagran English", &["english.jagran.com"]),
    ("LatestLY", &["www.latestly.com"]),
    ("Live Hindustan", &["www.livehindustan.com"]),
    ("MediaNama", &["www.medianama.com"]),
    ("Mid-day", &["mid-day.com", "www.mid-day.com"]),
    ("Mint", &["www.livemint.com"]),
    ("Moneycontrol", &["www.moneycontrol.com"]),
    ("NDTV", &["www.ndtv.com"]),
    ("National Informatics Centre", &["informatics.nic.in"]),
    ("News18", &["www.news18.com"]),
    ("NewsBytes", &["www.newsbytesapp.com"]),
    (
        "Press Information Bureau, Ministry of Health and Family Welfare",
        &["pib.gov.in"],
    ),
    (
        "Punjab Kesari",
        &["m.punjabkesari.in", "www.punjabkesari.in"],
    ),
    ("Scroll", &["scroll.in"]),
    ("The Hans India", &["www.thehansindia.com"]),
    ("The Hindu", &["www.thehindu.com"]),
    ("The Hindu BusinessLine", &["www.thehindubusinessline.com"]),
    (
        "The Indian Express",
        &["indianexpress.com", "www.indianexpress.com"],
    ),
    ("The New Indian Express", &["www.newindianexpress.com"]),
    ("The Quint", &["www.thequint.com", "thequint.com"]),
    ("The Tribune", &["www.tribuneindia.com"]),
    ("WION", &["www.wionews.com"]),
];

/// Query keys that only track readers.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src", "igshid", "si",
];

fn host(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or_else(|| panic!("not an http(s) URL: {url}"));
    rest.split(['/', '?', '#']).next().unwrap_or("")
}

fn publisher_name(publisher: &str) -> &str {
    publisher.split(" (").next().unwrap_or(publisher)
}

/// The URL a source names: for an Internet Archive copy, the archived page's URL.
fn original(url: &str) -> &str {
    if host(url) == "web.archive.org" {
        let after = url.split("/web/").nth(1).expect("archive URL");
        let start = after.find("http").expect("archived URL");
        // the archive keeps "https:/" with one slash
        &after[start..]
    } else {
        url
    }
}

fn host_of_original(url: &str) -> String {
    let o = original(url);
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("https:/"))
        .or_else(|| o.strip_prefix("http://"))
        .or_else(|| o.strip_prefix("http:/"))
        .unwrap_or(o);
    rest.split(['/', '?', '#']).next().unwrap_or("").to_string()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The date written into a URL, as `YYYY-MM-DD` or `YYYY-MM`: `/2020/jun/04/`,
/// `/2017/04/23/`, `/2017/05/`, `-2023-06-22`, and an archive's `/web/20200411…/`.
fn date_in_url(url: &str) -> Option<String> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if host(url) == "web.archive.org" {
        let stamp = url.split("/web/").nth(1)?.get(..8)?;
        return digits(stamp, 8)
            .then(|| format!("{}-{}-{}", &stamp[..4], &stamp[4..6], &stamp[6..]));
    }
    let path: Vec<&str> = url.split('/').skip(3).collect();
    for w in 0..path.len() {
        let year = path[w];
        if !digits(year, 4) || !(1990..=2100).contains(&year.parse::<u32>().ok()?) {
            continue;
        }
        let Some(month) = path.get(w + 1) else {
            continue;
        };
        let m = if digits(month, 2) {
            month.to_string()
        } else if let Some(i) = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(month)) {
            format!("{:02}", i + 1)
        } else {
            continue;
        };
        // a day only when another path segment follows it
        return match path.get(w + 2) {
            Some(day) if digits(day, 2) && w + 3 < path.len() => Some(format!("{year}-{m}-{day}")),
            _ => Some(format!("{year}-{m}")),
        };
    }
    // "-YYYY-MM-DD" in the last path segment (with anything after the day but a digit)
    let last = url
        .split(['?', '#'])
        .next()?
        .rsplit('/')
        .find(|s| !s.is_empty())?;
    let bytes = last.as_bytes();
    for i in 0..bytes.len() {
        let tail = &last[i..];
        if tail.len() >= 11
            && tail.starts_with('-')
            && digits(&tail[1..5], 4)
            && &tail[5..6] == "-"
            && digits(&tail[6..8], 2)
            && &tail[8..9] == "-"
            && tail.get(9..11).is_some_and(|d| digits(d, 2))
            && !tail[11..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(tail[1..11].to_string());
        }
    }
    None
}

#[test]
fn each_source_url_is_on_its_publishers_own_host() {
    let mut wrong = Vec::new();
    for s in &knowledge().sources {
        let name = publisher_name(&s.publisher);
        let Some((_, hosts)) = PUBLISHERS.iter().find(|(p, _)| *p == name) else {
            wrong.push(format!(
                "{}: publisher {:?} is not in the host table",
                s.id, name
            ));
            continue;
        };
        let h = host_of_original(&s.url);
        if !hosts.contains(&h.as_str()) {
            wrong.push(format!("{}: {h} is not a host of {name} ({hosts:?})", s.id));
        }
        if host(&s.url) == "web.archive.org" && !s.publisher.contains("Internet Archive") {
            wrong.push(format!(
                "{}: an archive copy must say so in its publisher",
                s.id
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_date_inside_a_url_is_the_sources_date() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for s in &knowledge().sources {
        let Some(d) = date_in_url(&s.url) else {
            continue;
        };
        checked += 1;
        // a full date in the URL must be the source's date; a month must be its month
        let agrees = if d.len() == 10 {
            s.date == d
        } else {
            s.date.starts_with(&d)
        };
        if !agrees {
            wrong.push(format!("{}: URL says {d}, source says {}", s.id, s.date));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked >= 20, "only {checked} URLs carry a date");
}

#[test]
fn no_url_carries_tracking_parameters() {
    for s in &knowledge().sources {
        let Some((_, query)) = s.url.split_once('?') else {
            continue;
        };
        for pair in query.split('&') {
            let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
            assert!(
                !key.starts_with("utm_") && !TRACKING.contains(&key.as_str()),
                "{}: tracking parameter {key:?} in {}",
                s.id,
                s.url
            );
        }
    }
}

#[test]
fn the_url_checks_catch_what_they_are_for() {
    assert_eq!(
        date_in_url("https://www.newindianexpress.com/x/2020/jun/04/slug-2151973.html").as_deref(),
        Some("2020-06-04")
    );
    assert_eq!(
        date_in_url("https://thequint.com/india/2017/04/23/slug").as_deref(),
        Some("2017-04-23")
    );
    assert_eq!(
        date_in_url("https://www.medianama.com/2022/08/223-slug/").as_deref(),
        Some("2022-08")
    );
    assert_eq!(
        date_in_url("https://aajtak.in/a/story/slug-ttec-1720485-2023-06-22").as_deref(),
        Some("2023-06-22")
    );
    assert_eq!(
        date_in_url("https://web.archive.org/web/20200411075844/https:/web.swaraksha.gov.in/p/")
            .as_deref(),
        Some("2020-04-11")
    );
    assert_eq!(
        date_in_url("https://www.ndtv.com/india-news/slug-4099693"),
        None
    );
    assert_eq!(
        host_of_original(
            "https://web.archive.org/web/20200411075844/https:/web.swaraksha.gov.in/p/"
        ),
        "web.swaraksha.gov.in"
    );
    assert_eq!(
        host("https://bsppd.business-standard.com/amp/article/x.html"),
        "bsppd.business-standard.com"
    );
    let bs = PUBLISHERS
        .iter()
        .find(|(p, _)| *p == "Business Standard")
        .unwrap();
    assert!(!bs.1.contains(&"bsppd.business-standard.com"));
}
