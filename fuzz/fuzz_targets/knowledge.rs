//! Any bytes as the four knowledge files (split at NUL bytes): loading gives a knowledge base
//! or a precise error, never a panic; a loaded one serves cards.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parts: Vec<String> = data
        .split(|&b| b == 0)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let names = ["sources.json", "systems.json", "incidents.json", "statuses.json"];
    let files: Vec<(&str, &str)> = names
        .iter()
        .zip(parts.iter())
        .map(|(n, p)| (*n, p.as_str()))
        .collect();
    match leaklens::kb::Knowledge::from_files(&files) {
        Ok(kb) => {
            let text = "CoWIN data leaked on Telegram: names, addresses and Aadhaar numbers";
            let _ = leaklens::check_with(&kb, text, &Default::default(), true);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
