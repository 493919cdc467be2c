//! The detector's behaviour through the public API: languages, hard negatives, systems and
//! fields, evidence offsets, the seed article, and the development corpus targets.

use leaklens::eval::{evaluate, load_corpus_dir};
use leaklens::{check, detector, EvidenceKind};

fn claim(text: &str) -> leaklens::Detection {
    let d = check(text);
    assert!(d.is_claim, "expected a claim: {text}\n{d:#?}");
    d
}

fn not_claim(text: &str) {
    let d = check(text);
    assert!(!d.is_claim, "expected no claim: {text}\n{d:#?}");
}

/// One leak claim about CoWIN and one harmless mention of CoWIN in each language.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("en",
     "Breaking: CoWIN data leaked on a Telegram bot, names and mobile numbers of vaccinated people exposed",
     "Download your CoWIN vaccination certificate using your registered mobile number"),
    ("hi",
     "कोविन पोर्टल का डेटा लीक, टेलीग्राम बॉट पर लोगों के नाम और मोबाइल नंबर दिख रहे हैं",
     "कोविन पोर्टल से अपना वैक्सीन सर्टिफिकेट ऐसे डाउनलोड करें"),
    ("hi-Latn",
     "Cowin ka data leak ho gaya hai, sabka naam aur mobile number Telegram pe mil raha hai",
     "Cowin se vaccine certificate download karna hai to apna mobile number daalo"),
    ("bn",
     "কোউইন পোর্টালের তথ্য ফাঁস, টেলিগ্রামে মিলছে নাম ও মোবাইল নম্বর",
     "কোউইন পোর্টাল থেকে কীভাবে টিকার সার্টিফিকেট ডাউনলোড করবেন"),
    ("ta",
     "கோவின் தரவு கசிவு: டெலிகிராமில் பெயர், மொபைல் எண் விவரங்கள் கசிந்தன",
     "கோவின் இணையதளத்தில் தடுப்பூசி சான்றிதழ் பதிவிறக்கம் செய்வது எப்படி"),
    ("te",
     "కోవిన్ డేటా లీక్: టెలిగ్రామ్‌లో పేర్లు, మొబైల్ నంబర్లు బయటకు వచ్చాయి",
     "కోవిన్ పోర్టల్ నుంచి వ్యాక్సిన్ సర్టిఫికెట్ ఎలా డౌన్‌లోడ్ చేయాలి"),
    ("ml",
     "കോവിൻ ഡാറ്റ ചോർന്നു; ടെലഗ്രാമിൽ പേരും മൊബൈൽ നമ്പറും ലഭ്യം",
     "കോവിൻ പോർട്ടലിൽ നിന്ന് വാക്സിൻ സർട്ടിഫിക്കറ്റ് ഡൗൺലോഡ് ചെയ്യുന്നത് എങ്ങനെ"),
    ("mr",
     "कोविन पोर्टलचा डेटा लीक झाला, टेलिग्रामवर नाव आणि मोबाईल नंबर उपलब्ध आहेत",
     "कोविन पोर्टलवरून लसीकरण प्रमाणपत्र कसे डाउनलोड करायचे ते जाणून घ्या"),
    ("gu",
     "કોવિન પોર્ટલનો ડેટા લીક, ટેલિગ્રામ પર નામ અને મોબાઇલ નંબર ઉપલબ્ધ",
     "કોવિન પોર્ટલ પરથી રસીનું પ્રમાણપત્ર કેવી રીતે ડાઉનલોડ કરવું"),
    ("kn",
     "ಕೋವಿನ್ ಡೇಟಾ ಸೋರಿಕೆ: ಟೆಲಿಗ್ರಾಮ್‌ನಲ್ಲಿ ಹೆಸರು, ಮೊಬೈಲ್ ಸಂಖ್ಯೆ ಲಭ್ಯ",
     "ಕೋವಿನ್ ಪೋರ್ಟಲ್‌ನಿಂದ ಲಸಿಕೆ ಪ್ರಮಾಣಪತ್ರ ಡೌನ್‌ಲೋಡ್ ಮಾಡುವುದು ಹೇಗೆ"),
    ("pa",
     "ਕੋਵਿਨ ਪੋਰਟਲ ਦਾ ਡਾਟਾ ਲੀਕ, ਟੈਲੀਗ੍ਰਾਮ ਉੱਤੇ ਨਾਮ ਅਤੇ ਮੋਬਾਈਲ ਨੰਬਰ ਮਿਲ ਰਹੇ ਹਨ",
     "ਕੋਵਿਨ ਪੋਰਟਲ ਤੋਂ ਵੈਕਸੀਨ ਸਰਟੀਫਿਕੇਟ ਕਿਵੇਂ ਡਾਊਨਲੋਡ ਕਰੀਏ"),
    ("or",
     "କୋୱିନ ଡାଟା ଲିକ୍: ଟେଲିଗ୍ରାମରେ ନାମ ଓ ମୋବାଇଲ ନମ୍ବର ଉପଲବ୍ଧ",
     "କୋୱିନ ପୋର୍ଟାଲରୁ ଟିକା ସାର୍ଟିଫିକେଟ କିପରି ଡାଉନଲୋଡ କରିବେ"),
    ("ur",
     "کوون پورٹل کا ڈیٹا لیک، ٹیلی گرام پر لوگوں کے نام اور موبائل نمبر دستیاب",
     "کوون پورٹل سے ویکسین سرٹیفکیٹ ڈاؤن لوڈ کرنے کا طریقہ"),
];

#[test]
fn each_language_claim_and_harmless_mention() {
    for (lang, leak, harmless) in LANGUAGES {
        let d = claim(leak);
        assert_eq!(d.language, *lang, "language of {leak}");
        assert_eq!(d.systems, vec!["cowin"], "systems of {leak}");
        assert!(
            d.fields.contains(&"name".to_string()),
            "name in {leak}: {:?}",
            d.fields
        );
        assert!(
            d.fields.contains(&"mobile".to_string()),
            "mobile in {leak}: {:?}",
            d.fields
        );
        not_claim(harmless);
        assert_eq!(check(harmless).language, *lang, "language of {harmless}");
    }
}

#[test]
fn other_senses_of_leak_are_not_claims() {
    not_claim("NEET question paper leaked hours before the exam, CBI arrests two");
    not_claim("Gas leak at a chemical plant in Visakhapatnam, residents evacuated");
    not_claim("The trailer of the new Salman Khan film leaked online a day early");
    not_claim("पेपर लीक के बाद भर्ती परीक्षा रद्द, छात्रों में नाराजगी");
    not_claim("পরীক্ষার আগেই প্রশ্নপত্র ফাঁস, বাতিল হল পরীক্ষা");
    not_claim("Water pipeline leak floods the underpass near the station");
}

#[test]
fn denials_without_an_allegation_are_not_claims() {
    not_claim("CoWIN data is completely safe and secure, says the Health Ministry");
    not_claim("There has been no breach of the CoWIN portal, the ministry said on Monday");
    not_claim("कोविन पोर्टल पूरी तरह सुरक्षित है, कोई डेटा लीक नहीं हुआ: स्वास्थ्य मंत्रालय");
}

#[test]
fn warnings_and_advice_are_not_claims() {
    not_claim("Your Aadhaar details could be misused if you share OTPs with strangers");
    not_claim("How to protect your Aadhaar data: lock your biometrics on the UIDAI website");
}

#[test]
fn an_allegation_reported_with_a_denial_is_a_claim() {
    let d = claim(
        "Opposition leaders say a Telegram bot leaked CoWIN users' Aadhaar and passport numbers; \
         the Health Ministry called the reports baseless and mischievous.",
    );
    assert_eq!(d.systems, vec!["cowin"]);
    assert!(d.evidence.iter().any(|e| e.kind == EvidenceKind::Denial));
    assert!(d.fields.contains(&"passport".to_string()));
}

#[test]
fn fields_said_not_to_have_leaked_are_excluded() {
    let d = claim("Domino's India data breach: names, phone numbers and addresses leaked, no financial data was exposed");
    assert!(d.fields.contains(&"mobile".to_string()), "{:?}", d.fields);
    assert!(!d.fields.contains(&"bank".to_string()), "{:?}", d.fields);
    assert_eq!(d.systems, vec!["other"]);
    // negation covers a list of fields
    let d = claim("A pharmacy chain's customer database with names and email addresses was leaked online. It does not include passwords or bank details.");
    assert!(d.fields.contains(&"email".to_string()), "{:?}", d.fields);
    assert!(
        !d.fields.contains(&"password".to_string()),
        "{:?}",
        d.fields
    );
    assert!(!d.fields.contains(&"bank".to_string()), "{:?}", d.fields);
    let d = claim(
        "हैकर का दावा: लाखों ग्राहकों के नाम और मोबाइल नंबर लीक हुए, पर बैंक खाते की जानकारी लीक नहीं हुई",
    );
    assert!(d.fields.contains(&"mobile".to_string()), "{:?}", d.fields);
    assert!(!d.fields.contains(&"bank".to_string()), "{:?}", d.fields);
}

#[test]
fn aadhaar_beside_another_system_is_a_field() {
    let d = claim("CoWIN leak: Aadhaar, PAN and passport details of ministers are out on Telegram");
    assert_eq!(d.systems, vec!["cowin"]);
    assert!(d.fields.contains(&"aadhaar".to_string()));
    let d = claim("Aadhaar data of 80 crore Indians leaked, says a hacker");
    assert_eq!(d.systems, vec!["aadhaar"]);
}

#[test]
fn an_aadhaar_number_is_a_field_and_the_aadhaar_card_the_system() {
    let d = claim("आधार नंबर लीक: झारखंड के लाखों पेंशनधारकों के आधार नंबर इंटरनेट पर खुले पड़े");
    assert!(d.systems.is_empty(), "{:?}", d.systems);
    assert_eq!(d.fields, vec!["aadhaar"]);
    let d = claim("Aadhaar card details of lakhs of people leaked on a Telegram channel");
    assert_eq!(d.systems, vec!["aadhaar"]);
    // glued into one word, the number is still the field
    let d = claim("ഒരു വെബ്സൈറ്റിൽ നിന്ന് ആധാർനമ്പറുകളും മൊബൈൽ നമ്പറുകളും ചോർന്നു");
    assert!(d.fields.contains(&"aadhaar".to_string()), "{:?}", d.fields);
    assert!(
        !d.systems.contains(&"aadhaar".to_string()),
        "{:?}",
        d.systems
    );
}

#[test]
fn a_number_typed_in_to_look_someone_up_is_not_a_leaked_field() {
    let d = claim(
        "On the Telegram bot, upon entering a registered mobile number it returned the name, \
         gender and vaccination centre from CoWIN",
    );
    assert!(!d.fields.contains(&"mobile".to_string()), "{:?}", d.fields);
    assert!(d.fields.contains(&"name".to_string()), "{:?}", d.fields);
    let d = claim("टेलीग्राम बॉट पर मोबाइल नंबर डाला जाता तो कोविन से नाम और जन्म का वर्ष लीक हो जाता");
    assert!(!d.fields.contains(&"mobile".to_string()), "{:?}", d.fields);
    assert!(d.fields.contains(&"name".to_string()), "{:?}", d.fields);
}

#[test]
fn a_question_answered_by_a_denial_is_no_claim() {
    not_claim(
        "Is Aadhaar data leaking? The minister told Parliament that no data has leaked from UIDAI.",
    );
    // a question left unanswered still alleges
    claim("Aadhaar data leaked again? A website shows name, address and photo for any Aadhaar number.");
}

#[test]
fn a_possibility_is_no_claim() {
    not_claim("एम्स के सर्वर से करोड़ों मरीजों के डाटा चोरी की संभावना है");
    not_claim("ਏਮਜ਼ ਦੇ ਸਰਵਰ ਤੋਂ ਮਰੀਜ਼ਾਂ ਦਾ ਡਾਟਾ ਚੋਰੀ ਹੋਣ ਦੀ ਸੰਭਾਵਨਾ ਹੈ");
}

#[test]
fn names_take_the_case_endings_of_the_language_around_them() {
    // "ICMRના" is ICMR with the Gujarati genitive; "ના" glued to it is no negation
    let d = claim("ICMRના ડેટાબેઝમાંથી 81 કરોડ લોકોનો ડેટા લીક થયો");
    assert_eq!(d.systems, vec!["icmr"]);
    let d = claim("Jioના લાખો ગ્રાહકોના નામ અને ઇમેલ ઓનલાઈન લીક થયા");
    assert_eq!(d.systems, vec!["other"]);
    assert_eq!(d.operator.as_deref(), Some("Jio"));
}

#[test]
fn a_public_body_described_rather_than_named_is_the_operator() {
    let d = claim("झारखंड के समाज कल्याण विभाग की वेबसाइट पर लाखों पेंशनधारकों के आधार नंबर सार्वजनिक हो गए");
    assert_eq!(d.systems, vec!["other"]);
    assert_eq!(d.fields, vec!["aadhaar"]);
    assert_eq!(d.operator.as_deref(), Some("समाज कल्याण विभाग"));
    let evidence = d.evidence.iter().find(|e| e.kind == EvidenceKind::System);
    assert_eq!(evidence.map(|e| e.text.as_str()), Some("समाज कल्याण विभाग"));
}

#[test]
fn a_platform_beside_a_known_system_is_context() {
    let d = claim(
        "Users on Twitter say CoWIN data of lakhs of people, with names and phone numbers, \
         leaked on a Telegram bot",
    );
    assert_eq!(d.systems, vec!["cowin"]);
    assert_eq!(d.operator, None);
}

#[test]
fn a_naming_construction_is_not_the_name_field() {
    let d = check("হ্যাকার দল ShinyHunters নামের একটি গ্রুপ সার্ভারে সাইবার হামলা চালিয়েছে");
    assert!(!d.fields.contains(&"name".to_string()), "{:?}", d.fields);
    assert!(!d.is_claim, "{d:#?}");
}

#[test]
fn normalization_sees_through_spelling_and_invisible_characters() {
    for text in [
        "Co-WIN data leak exposes names and phone numbers",
        "Co\u{200B}WIN data leak exposes names and phone numbers",
        "COWIN DATA LEAK exposes names and phone numbers",
        "कोविन का डाटा लीक",
        "कोविन का डेटा लीक",
    ] {
        assert_eq!(claim(text).systems, vec!["cowin"], "{text}");
    }
}

#[test]
fn the_seed_style_article_is_a_cowin_claim_with_its_fields() {
    // our own Hindi news text in the style of the June 2023 reports (tests/fixtures)
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let d = claim(&text);
    assert_eq!(d.systems, vec!["cowin"]);
    assert_eq!(d.language, "hi");
    for f in ["name", "address", "dob", "mobile", "aadhaar", "passport"] {
        assert!(
            d.fields.contains(&f.to_string()),
            "{f} missing: {:?}",
            d.fields
        );
    }
}

const SEED: &str = "tests/fixtures/seed-style-hi.txt";

fn corpus() -> Vec<leaklens::eval::Item> {
    load_corpus_dir(std::path::Path::new("tests/corpus")).unwrap()
}

#[test]
fn evidence_offsets_slice_the_input_exactly() {
    let mut extra = vec![
        "🚨 CO\u{200B}WIN — DATA LEAK 🔥 names & phone numbers".to_string(),
        "ক\u{09C7}\u{09BE}উইন তথ্য ফাঁস".to_string(),
        "ചോര്\u{200D}ന്നു: കോവിൻ ഡാറ്റ".to_string(),
    ];
    extra.extend(corpus().into_iter().map(|i| i.text));
    for text in &extra {
        for e in check(text).evidence {
            if e.kind == leaklens::EvidenceKind::PersonalData {
                // an identifier is given masked, never as written
                assert_ne!(&text[e.start..e.end], e.text, "{text}");
                continue;
            }
            assert_eq!(&text[e.start..e.end], e.text, "{text}");
            let utf16: Vec<u16> = text.encode_utf16().collect();
            let slice = String::from_utf16(&utf16[e.start_utf16..e.end_utf16]).unwrap();
            assert_eq!(slice, e.text);
        }
    }
}

/// The detector's targets on the development corpus: claim precision 0.95 and recall 0.92,
/// F1 0.85 in every language, system F1 0.90, field F1 0.85.
#[test]
fn the_development_corpus_meets_its_targets() {
    let items = corpus();
    assert!(items.len() >= 450, "corpus has {} items", items.len());
    let r = evaluate(detector(), &items);
    assert!(r.claims.precision() >= 0.95, "{r}");
    assert!(r.claims.recall() >= 0.92, "{r}");
    assert!(r.systems.f1() >= 0.90, "{r}");
    assert!(r.fields.f1() >= 0.85, "{r}");
    for (lang, (n, c)) in &r.per_language {
        assert!(*n >= 20, "{lang} has {n} items");
        assert!(c.f1() >= 0.85, "{lang}: F1 {:.3}\n{r}", c.f1());
    }
    assert_eq!(r.per_language.len(), 13, "{r}");
}

#[test]
fn the_vocabulary_compiled_at_build_time_matches_the_lexicons_compiled_now() {
    // build.rs compiles data/lexicon into the embedded vocabulary; compiling the same files at
    // run time gives the same table and the same detections
    let lexicons = leaklens::lexicons().unwrap();
    assert_eq!(lexicons.len(), 13);
    let fresh = leaklens::Detector::new(&lexicons);
    for item in corpus() {
        assert_eq!(
            fresh.check(&item.text),
            detector().check(&item.text),
            "{}",
            item.id
        );
    }
    let compiled = leaklens::matcher::compile(&lexicons);
    assert!(leaklens::matcher::Matcher::load(compiled.into()).is_ok());
}
