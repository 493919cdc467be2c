//! Any bytes as a compiled vocabulary: loading gives a detector or a precise error, never a
//! panic; a loaded one checks texts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match leaklens::Detector::load(data.to_vec().into()) {
        Ok(detector) => {
            for text in ["CoWIN data leak: phone numbers of the people", "कोविन डेटा लीक", ""] {
                let _ = detector.check(text);
            }
        }
        Err(e) => assert!(e.starts_with("compiled vocabulary: "), "{e}"),
    }
});
