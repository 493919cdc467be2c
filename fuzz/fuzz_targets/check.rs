//! Any text: `check` and the card never panic, evidence lies on character boundaries and
//! slices the input to the phrase it reports, in UTF-8 and in UTF-16.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = leaklens::check_with(leaklens::knowledge(), &text, &Default::default(), true);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    for e in &report.detection.evidence {
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert_eq!(&text[e.start..e.end], e.text);
        assert_eq!(String::from_utf16(&utf16[e.start_utf16..e.end_utf16]).unwrap(), e.text);
    }
    if let Some(view) = &report.view {
        let _ = leaklens::view::plain_text(view);
    }
});
