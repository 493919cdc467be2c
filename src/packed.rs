//! A compact, self-describing form of JSON for the data embedded at build time (the knowledge
//! base, the card strings): `build.rs` turns each JSON file into it ([`pack`]), and the core
//! reads it with serde ([`from_str`]) into the same structs the JSON fills, so that a field added
//! to a data file and its struct flows through without further code. It leaves out what JSON
//! repeats (every object key is written once, then named by number; no quotes or escapes) and
//! lets the WASM core do without a JSON parser. Text in the Indic scripts (and any other beyond
//! ASCII) takes a byte a letter instead of UTF-8's three ([`compact`]).
//!
//! Layout: [`MAGIC`]; the key count and the keys; one value. A value is `n` (null), `f`, `t`,
//! `u<digits>;` (unsigned), `i<digits>;` (negative), `d<bits>;` (any other number, as the bits
//! of an `f64`), `s<bytes>:<text>` (UTF-8), `c<bytes>:<text>` (the text compacted),
//! `a<count>:` and its items, or `o<count>:` and per entry `<key number>:` and its value.
//! Counts and numbers are decimal. A packed text without `c` strings is valid UTF-8 (what
//! tools/pack.mjs writes for the extension).

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// What a packed text starts with (a JSON text never does).
pub const MAGIC: &str = "\u{1}LLP1";

/// In compacted text: the next two bytes name the current block of 128 characters (big-endian).
const SET_BLOCK: u8 = 2;

/// A text compacted: ASCII as itself; any other character as one byte, 128 + its place in the
/// current block of 128 characters, after [`SET_BLOCK`] and the block's number when the block
/// changes. `None` for a text with [`SET_BLOCK`] in it, or one that would not get shorter.
#[cfg(not(target_arch = "wasm32"))]
pub fn compact(text: &str) -> Option<Vec<u8>> {
    encode(text).filter(|c| c.len() < text.len())
}

/// [`compact`]'s encoding, shorter or not (`None` only for a text with [`SET_BLOCK`] in it).
#[cfg(not(target_arch = "wasm32"))]
fn encode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut block = None;
    for c in text.chars() {
        let u = c as u32;
        if u == u32::from(SET_BLOCK) {
            return None;
        }
        if u < 0x80 {
            out.push(u as u8);
            continue;
        }
        if block != Some(u >> 7) {
            block = Some(u >> 7);
            out.push(SET_BLOCK);
            out.extend_from_slice(&((u >> 7) as u16).to_be_bytes());
        }
        out.push(0x80 | (u & 0x7f) as u8);
    }
    Some(out)
}

/// The text [`compact`] wrote.
fn expand(bytes: &[u8]) -> Result<String, Error> {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut block: Option<u32> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if b == SET_BLOCK {
            let hi = bytes.get(i).copied();
            let lo = bytes.get(i + 1).copied();
            let (Some(hi), Some(lo)) = (hi, lo) else {
                return Err(Error("cut short in a block".into()));
            };
            block = Some(u32::from(u16::from_be_bytes([hi, lo])));
            i += 2;
        } else if b < 0x80 {
            out.push(char::from(b));
        } else {
            let c = block
                .and_then(|k| char::from_u32(k << 7 | u32::from(b & 0x7f)))
                .ok_or_else(|| Error("not a character".into()))?;
            out.push(c);
        }
    }
    Ok(out)
}

/// Pack a JSON value (strings beyond ASCII compacted).
#[cfg(not(target_arch = "wasm32"))]
pub fn pack(json: &serde_json::Value) -> Vec<u8> {
    use serde_json::Value;
    fn keys<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| keys(i, out)),
            Value::Object(map) => {
                for (k, v) in map {
                    if !out.contains(&k.as_str()) {
                        out.push(k);
                    }
                    keys(v, out);
                }
            }
            _ => {}
        }
    }
    fn value(v: &Value, keys: &[&str], out: &mut Vec<u8>) {
        match v {
            Value::Null => out.push(b'n'),
            Value::Bool(b) => out.push(if *b { b't' } else { b'f' }),
            Value::Number(n) => out.extend(
                match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => format!("u{u};"),
                    (None, Some(i)) => format!("i{};", i.unsigned_abs()),
                    _ => format!("d{};", n.as_f64().unwrap_or(f64::NAN).to_bits()),
                }
                .bytes(),
            ),
            Value::String(s) => match compact(s) {
                Some(c) => {
                    out.extend(format!("c{}:", c.len()).bytes());
                    out.extend(c);
                }
                None => out.extend(format!("s{}:{s}", s.len()).bytes()),
            },
            Value::Array(items) => {
                out.extend(format!("a{}:", items.len()).bytes());
                items.iter().for_each(|i| value(i, keys, out));
            }
            Value::Object(map) => {
                out.extend(format!("o{}:", map.len()).bytes());
                for (k, v) in map {
                    let n = keys.iter().position(|x| x == k).expect("collected");
                    out.extend(format!("{n}:").bytes());
                    value(v, keys, out);
                }
            }
        }
    }
    let mut names = Vec::new();
    keys(json, &mut names);
    let mut out = format!("{MAGIC}{}:", names.len()).into_bytes();
    for k in &names {
        out.extend(format!("{}:{k}", k.len()).bytes());
    }
    value(json, &names, &mut out);
    out
}

/// Why a packed text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "packed data: {}", self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    #[cfg(not(target_arch = "wasm32"))]
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
    /// In the WASM core, which reads only what `build.rs` packed and checked, serde's own
    /// messages are not spelled out: formatting them would carry float printing and more into
    /// every extension download.
    #[cfg(target_arch = "wasm32")]
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Error("the data does not fit its type".into())
    }
}

/// Read a packed text (starting with [`MAGIC`]) into `T`.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    from_bytes(text.as_bytes())
}

/// Read packed bytes (starting with [`MAGIC`]) into `T`.
pub fn from_bytes<'de, T: de::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    let body = bytes
        .strip_prefix(MAGIC.as_bytes())
        .ok_or_else(|| Error("not packed data".into()))?;
    let mut d = Reader {
        text: body,
        at: 0,
        keys: Vec::new(),
    };
    for _ in 0..d.count()? {
        let n = d.count()?;
        let key = d.take(n)?;
        d.keys.push(key);
    }
    let value = T::deserialize(&mut d)?;
    if d.at != d.text.len() {
        return Err(Error(format!("trailing bytes at {}", d.at)));
    }
    Ok(value)
}

struct Reader<'de> {
    text: &'de [u8],
    at: usize,
    keys: Vec<&'de str>,
}

impl<'de> Reader<'de> {
    fn byte(&mut self) -> Result<u8, Error> {
        let b = *self
            .text
            .get(self.at)
            .ok_or_else(|| Error("cut short".into()))?;
        self.at += 1;
        Ok(b)
    }
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }
    /// Decimal digits up to `end` (consumed).
    fn number(&mut self, end: u8) -> Result<u64, Error> {
        let rest = &self.text[self.at..];
        let len = rest
            .iter()
            .position(|&b| b == end)
            .ok_or_else(|| Error("cut short in a number".into()))?;
        let digits = &rest[..len];
        if digits.is_empty() || digits.len() > 20 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(Error(format!("bad number at {}", self.at)));
        }
        self.at += len + 1;
        digits
            .iter()
            .try_fold(0u64, |n, &d| {
                n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            })
            .ok_or_else(|| Error("number out of range".into()))
    }
    fn count(&mut self) -> Result<usize, Error> {
        usize::try_from(self.number(b':')?).map_err(|_| Error("count out of range".into()))
    }
    fn bytes(&mut self, n: usize) -> Result<&'de [u8], Error> {
        let end = self.at.checked_add(n);
        let s = end
            .and_then(|end| self.text.get(self.at..end))
            .ok_or_else(|| Error(format!("cut short at {}", self.at)))?;
        self.at += n;
        Ok(s)
    }
    fn take(&mut self, n: usize) -> Result<&'de str, Error> {
        let at = self.at;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| Error(format!("bad text at {at}")))
    }
}

/// One value, or the start of an array or object (with its length).
enum Token<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'de str),
    String(String),
    Seq(usize),
    Map(usize),
}

impl<'de> Reader<'de> {
    fn token(&mut self) -> Result<Token<'de>, Error> {
        Ok(match self.byte()? {
            b'n' => Token::Null,
            b'f' => Token::Bool(false),
            b't' => Token::Bool(true),
            b'u' => Token::U64(self.number(b';')?),
            b'i' => Token::I64(
                0i64.checked_sub_unsigned(self.number(b';')?)
                    .ok_or_else(|| Error("number out of range".into()))?,
            ),
            b'd' => Token::F64(f64::from_bits(self.number(b';')?)),
            b's' => {
                let n = self.count()?;
                Token::Str(self.take(n)?)
            }
            b'c' => {
                let n = self.count()?;
                Token::String(expand(self.bytes(n)?)?)
            }
            b'a' => Token::Seq(self.count()?),
            b'o' => Token::Map(self.count()?),
            b => {
                return Err(Error(format!(
                    "unknown value {:?} at {}",
                    b as char,
                    self.at - 1
                )))
            }
        })
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // the reading is not generic, so that it is not repeated for every struct's visitor
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(b) => visitor.visit_bool(b),
            Token::U64(n) => visitor.visit_u64(n),
            Token::I64(n) => visitor.visit_i64(n),
            Token::F64(x) => visitor.visit_f64(x),
            Token::Str(s) => visitor.visit_borrowed_str(s),
            Token::String(s) => visitor.visit_string(s),
            Token::Seq(left) => visitor.visit_seq(Items { r: self, left }),
            Token::Map(left) => visitor.visit_map(Items { r: self, left }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// Enums as JSON writes unit variants: their name as a string.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Str(name) => visitor.visit_enum(name.into_deserializer()),
            _ => Err(Error("an enum other than a name".into())),
        }
    }

    // Strings, arrays and objects, which are nearly all the data, call only the visitor method
    // of their kind: a struct's visitor is not compiled for every kind of value (smaller WASM).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Str(s) => visitor.visit_borrowed_str(s),
            Token::String(s) => visitor.visit_string(s),
            _ => Err(self.expected("a string")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Seq(left) => visitor.visit_seq(Items { r: self, left }),
            _ => Err(self.expected("an array")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Map(left) => visitor.visit_map(Items { r: self, left }),
            _ => Err(self.expected("an object")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct ignored_any
    }
}

impl Reader<'_> {
    /// The error for a value of another kind than the one expected (the value just read).
    fn expected(&self, what: &str) -> Error {
        Error(format!("expected {what} before {}", self.at))
    }
}

struct Items<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.r).map(Some)
    }
}

impl<'de> MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let n = self.r.count()?;
        let key: &'de str = self
            .r
            .keys
            .get(n)
            .copied()
            .ok_or_else(|| Error(format!("unknown key number {n}")))?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.r)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Thing {
        name: String,
        n: i64,
        big: u64,
        x: f64,
        #[serde(default)]
        note: Option<String>,
        tags: Vec<String>,
        kind: Kind,
        empty: Option<u8>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Yes,
        No,
    }

    const JSON: &str = r#"{"name":"डेटा: \"leak\"","n":-5,"big":18446744073709551615,"x":0.25,
        "tags":["a","name"],"kind":"yes","empty":null}"#;

    #[test]
    fn reads_what_json_reads() {
        let v: serde_json::Value = serde_json::from_str(JSON).unwrap();
        let packed = pack(&v);
        let thing: Thing = from_bytes(&packed).unwrap();
        assert_eq!(thing, serde_json::from_str::<Thing>(JSON).unwrap());
        assert_eq!(thing.note, None);
        assert_eq!(thing.kind, Kind::Yes);
        // any value, as JSON reads it
        assert_eq!(from_bytes::<serde_json::Value>(&packed).unwrap(), v);
    }

    #[test]
    fn the_embedded_data_reads_as_its_json() {
        let files: Vec<(&str, &[u8])> = crate::embedded::KB_FILES
            .iter()
            .map(|(n, t)| (*n, t.as_bytes()))
            .collect();
        let json = crate::kb::Knowledge::parse_files(&files).unwrap();
        let packed = crate::load_knowledge().unwrap();
        assert!(crate::embedded::KB_PACKED
            .iter()
            .all(|(_, t)| t.starts_with(MAGIC.as_bytes())));
        assert_eq!(format!("{packed:?}"), format!("{json:?}"));
        // the fingerprint build.rs computed is the one of the JSON files
        let mut hash: u32 = 0x811c_9dc5;
        for (name, text) in crate::embedded::KB_FILES {
            for b in name.bytes().chain(text.bytes()) {
                hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
            }
        }
        assert_eq!(crate::knowledge_version(), format!("kb-{hash:08x}"));
        let mut card_text: crate::card::CardText =
            serde_json::from_str(include_str!("../data/card-text.json")).unwrap();
        card_text.languages =
            serde_json::from_str(include_str!("../data/card-languages.json")).unwrap();
        assert_eq!(
            format!("{:?}", crate::card::card_text()),
            format!("{card_text:?}")
        );
    }

    #[test]
    fn compacted_text_reads_back_exactly() {
        for text in [
            "डेटा लीक: 12 करोड़ लोगों का नाम, फ़ोन",
            "ডেটা ফাঁস · தரவு கசிவு · డేటా లీక్ · ಡೇಟಾ · ഡാറ്റ · ਡਾਟਾ · ଡାଟା · ડેટા",
            "ڈیٹا لیک ہوا — CoWIN 😀 \u{10FFFF}",
            "é\u{300}\u{E000}",
        ] {
            assert_eq!(expand(&encode(text).unwrap()).unwrap(), text);
            let v = serde_json::Value::String(text.into());
            assert_eq!(from_bytes::<String>(&pack(&v)).unwrap(), text);
        }
        assert!(compact("डेटा लीक: 12 करोड़ लोगों का नाम").is_some());
        // nothing to gain, or the marker byte itself: written as UTF-8
        assert_eq!(compact("CoWIN data leak"), None);
        assert_eq!(compact("é\u{300}\u{E000}"), None);
        assert_eq!(compact("डेटा \u{2}"), None);
        // damaged: a block cut short, a letter before any block, a block past Unicode
        assert!(expand(&[SET_BLOCK, 0]).is_err());
        assert!(expand(&[0x85]).is_err());
        assert!(expand(&[SET_BLOCK, 0xff, 0xff, 0x80]).is_err());
        assert!(
            expand(&[SET_BLOCK, 0x01, 0xb0, 0x80]).is_err(),
            "a surrogate"
        );
    }

    #[test]
    fn refuses_what_does_not_fit_and_damaged_input() {
        let v: serde_json::Value = serde_json::from_str(r#"{"name":"x","extra":1}"#).unwrap();
        let e = from_bytes::<Thing>(&pack(&v)).unwrap_err();
        assert!(e.0.contains("extra"), "{e}");
        assert!(from_str::<Thing>(JSON).is_err(), "JSON is not packed");
        let packed = pack(&serde_json::from_str(JSON).unwrap());
        for cut in MAGIC.len()..packed.len() {
            assert!(
                from_bytes::<serde_json::Value>(&packed[..cut]).is_err(),
                "cut at {cut}"
            );
        }
    }
}
