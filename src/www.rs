//! The checker page (`www/`), driven from Rust with web-sys and gloo: a live check as you type
//! (debounced with gloo's timers), the card rendered from the core's view tree, the text with
//! its evidence highlighted, examples, a share link in the URL fragment, ClaimReview export and
//! copying the card as text. Page text only ever reaches the DOM as text nodes.

use crate::card::CardOptions;
use crate::view::{self, Node};
use gloo::events::EventListener;
use gloo::file::{Blob, ObjectUrl};
use gloo::timers::callback::Timeout;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlAnchorElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
    ShadowRootInit, ShadowRootMode,
};

/// How long typing must pause before the text is checked again.
const DEBOUNCE_MS: u32 = 150;

#[derive(Debug, Deserialize)]
struct Examples {
    examples: Vec<Example>,
}

#[derive(Debug, Deserialize)]
struct Example {
    id: String,
    label: BTreeMap<String, String>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

fn examples() -> Examples {
    serde_json::from_str(include_str!("../data/examples.json"))
        .expect("data/examples.json is valid")
}

/// The evidence kinds with their legend labels.
const LEGEND: [(&str, &str); 7] = [
    ("event", "leak or exposure"),
    ("system", "system"),
    ("field", "personal data"),
    ("denial", "denial"),
    ("hedge", "hedge or advice"),
    ("other-sense", "another sense of “leak”"),
    ("personal_data", "an identifier the text shows"),
];

struct App {
    doc: Document,
    text: HtmlTextAreaElement,
    date: HtmlInputElement,
    url: HtmlInputElement,
    lang: HtmlSelectElement,
    examples: HtmlSelectElement,
    verdict: Element,
    marked: Element,
    card_slot: Element,
    share_out: HtmlInputElement,
    hide_personal_data: HtmlInputElement,
    action_status: Element,
    pending: RefCell<Option<Timeout>>,
    download: RefCell<Option<ObjectUrl>>,
    example_list: Vec<Example>,
}

fn by_id<T: JsCast>(doc: &Document, id: &str) -> Result<T, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("#{id} missing")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} has the wrong type")))
}

fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Ok(e)
}

/// Build DOM from a view node: allowlisted tags and attributes, text as text nodes, links
/// that open in a new tab without an opener.
pub fn render(doc: &Document, node: &Node) -> Result<web_sys::Node, JsValue> {
    match node {
        Node::Text { text } => Ok(doc.create_text_node(text).into()),
        Node::Element {
            tag,
            attrs,
            children,
        } => {
            if !view::TAGS.contains(tag) {
                return Ok(doc.create_text_node("").into());
            }
            let e = doc.create_element(tag)?;
            for (k, v) in attrs {
                if *k == "href" && !v.starts_with("https://") && !v.starts_with("http://") {
                    continue;
                }
                e.set_attribute(k, v)?;
            }
            if *tag == "a" {
                e.set_attribute("target", "_blank")?;
                e.set_attribute("rel", "noopener noreferrer")?;
            }
            for c in children {
                e.append_child(&render(doc, c)?)?;
            }
            Ok(e.into())
        }
    }
}

impl App {
    fn options(&self) -> CardOptions {
        let some = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_string());
        CardOptions {
            date: some(self.date.value()),
            url: some(self.url.value()),
            lang: Some(self.lang.value())
                .filter(|l| crate::card::CARD_LANGUAGES.contains(&l.as_str())),
        }
    }

    fn report(&self) -> crate::Report {
        crate::check_with(
            crate::knowledge(),
            &self.text.value(),
            &self.options(),
            true,
        )
    }

    /// Check the text now and show the verdict, the highlighted text and the card.
    fn update(&self) -> Result<(), JsValue> {
        let text = self.text.value();
        let report = self.report();
        let d = &report.detection;
        let verdict = if text.trim().is_empty() {
            String::new()
        } else if d.is_claim {
            let names: Vec<&str> = report
                .card
                .as_ref()
                .map(|c| c.systems.iter().map(|s| s.name.as_str()).collect())
                .unwrap_or_default();
            let about = if names.is_empty() {
                "personal data".to_string()
            } else {
                names.join(", ")
            };
            format!("Leak claim about {about} (confidence {:.2}).", d.confidence)
        } else {
            "No data-leak claim found in this text.".to_string()
        };
        self.verdict.set_text_content(Some(&verdict));
        if let Some(t) = &d.truncated {
            self.verdict
                .append_child(&self.doc.create_text_node(&format!(" Note: {}.", t.note)))?;
        }

        self.marked.set_text_content(None);
        for seg in view::segments(&text, d, self.hide_personal_data.checked()) {
            let node: web_sys::Node = match seg.kind {
                Some(kind) => {
                    let m = el(&self.doc, "mark", &format!("ev ev-{kind}"), Some(seg.text))?;
                    m.set_attribute("title", kind)?;
                    m.into()
                }
                None => self.doc.create_text_node(seg.text).into(),
            };
            self.marked.append_child(&node)?;
        }

        self.card_slot.set_text_content(None);
        if let (Some(card), Some(view)) = (&report.card, &report.view) {
            let host = el(&self.doc, "div", "card-host", None)?;
            host.set_attribute("data-leaklens", "card")?;
            host.set_attribute("data-systems", &d.systems.join(" "))?;
            host.set_attribute("data-status", &card.status.id)?;
            let dark = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            host.set_attribute("data-theme", if dark { "dark" } else { "light" })?;
            let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
            let style = self.doc.create_element("link")?;
            style.set_attribute("rel", "stylesheet")?;
            style.set_attribute("href", "card.css")?;
            root.append_child(&style)?;
            root.append_child(&render(&self.doc, view)?)?;
            self.card_slot.append_child(&host)?;
        }
        Ok(())
    }

    fn schedule(app: &Rc<App>) {
        let next = Rc::clone(app);
        let timeout = Timeout::new(DEBOUNCE_MS, move || {
            let _ = next.update();
        });
        // replacing the pending timeout cancels it (gloo's Timeout cancels on drop)
        app.pending.replace(Some(timeout));
    }

    /// The text as it may leave the page: with identifiers masked unless the reader turned
    /// "Hide personal data" off.
    fn shareable_text(&self) -> String {
        let text = self.text.value();
        if self.hide_personal_data.checked() {
            crate::personal_data::redact(&text)
        } else {
            text
        }
    }

    /// The current text, date, URL and card language in the URL fragment.
    fn share_link(&self) -> Result<String, JsValue> {
        let location = self.doc.location().ok_or("no location")?;
        let mut parts = vec![format!(
            "text={}",
            js_sys::encode_uri_component(&self.shareable_text())
        )];
        let opts = self.options();
        for (k, v) in [("date", opts.date), ("url", opts.url), ("lang", opts.lang)] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", js_sys::encode_uri_component(&v)));
            }
        }
        let base = location.href()?;
        let base = base.split('#').next().unwrap_or("").to_string();
        Ok(format!("{base}#{}", parts.join("&")))
    }

    /// Restore text, date, URL and language from the URL fragment.
    fn restore(&self) -> Result<bool, JsValue> {
        let hash = self.doc.location().ok_or("no location")?.hash()?;
        let hash = hash.trim_start_matches('#');
        if hash.is_empty() {
            return Ok(false);
        }
        let mut found = false;
        for pair in hash.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v: String = js_sys::decode_uri_component(v)
                .map(String::from)
                .unwrap_or_default();
            match k {
                "text" => {
                    self.text.set_value(&v);
                    found = true;
                }
                "date" => self.date.set_value(&v),
                "url" => self.url.set_value(&v),
                "lang" if crate::card::CARD_LANGUAGES.contains(&v.as_str()) => {
                    self.lang.set_value(&v)
                }
                _ => {}
            }
        }
        Ok(found)
    }

    fn say(&self, message: &str) {
        self.action_status.set_text_content(Some(message));
    }

    fn copy(self: &Rc<Self>, text: String, done: &'static str) {
        let clipboard = web_sys::window()
            .map(|w| {
                js_sys::Reflect::get(&w.navigator(), &"clipboard".into())
                    .unwrap_or(JsValue::UNDEFINED)
            })
            .filter(|c| !c.is_undefined());
        let write = clipboard.as_ref().and_then(|c| {
            js_sys::Reflect::get(c, &"writeText".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        });
        match (clipboard, write) {
            (Some(c), Some(f)) => match f.call1(&c, &JsValue::from_str(&text)) {
                Ok(p) => {
                    let ok = Rc::clone(self);
                    let fail = Rc::clone(self);
                    let on_ok = Closure::once_into_js(move |_: JsValue| ok.say(done));
                    let on_err = Closure::once_into_js(move |_: JsValue| {
                        fail.say("Could not copy: the browser did not allow it.")
                    });
                    let then = js_sys::Reflect::get(&p, &"then".into())
                        .ok()
                        .and_then(|t| t.dyn_into::<js_sys::Function>().ok());
                    if let Some(then) = then {
                        let _ = then.call2(&p, &on_ok, &on_err);
                    }
                }
                Err(_) => self.say("Could not copy: the browser did not allow it."),
            },
            _ => self.say("Copying is not available here; select the text and copy it."),
        }
    }

    fn export(&self) -> Result<(), JsValue> {
        let report = self.report();
        let Some(card) = &report.card else {
            self.say("There is no claim to export.");
            return Ok(());
        };
        let today: String = js_sys::Date::new_0().to_iso_string().into();
        let review = crate::claimreview::claim_review(
            card,
            &self.shareable_text(),
            &self.options(),
            &today[..10],
        );
        let json =
            serde_json::to_string_pretty(&review).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let blob = Blob::new_with_options(json.as_str(), Some("application/ld+json"));
        let url = ObjectUrl::from(blob);
        let a: HtmlAnchorElement = self.doc.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download("leaklens-claimreview.json");
        a.click();
        self.download.replace(Some(url));
        self.say("ClaimReview JSON-LD downloaded.");
        Ok(())
    }
}

/// Wire up the checker page. Called once by `www/app.js` after the module is loaded.
#[wasm_bindgen(js_name = runChecker)]
pub fn run_checker() -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let app = Rc::new(App {
        text: by_id(&doc, "text")?,
        date: by_id(&doc, "date")?,
        url: by_id(&doc, "url")?,
        lang: by_id(&doc, "lang")?,
        examples: by_id(&doc, "examples")?,
        verdict: by_id(&doc, "verdict")?,
        marked: by_id(&doc, "marked")?,
        card_slot: by_id(&doc, "card-slot")?,
        share_out: by_id(&doc, "share-link")?,
        hide_personal_data: by_id(&doc, "hide-personal-data")?,
        action_status: by_id(&doc, "action-status")?,
        pending: RefCell::new(None),
        download: RefCell::new(None),
        example_list: examples().examples,
        doc: doc.clone(),
    });

    for ex in &app.example_list {
        let o = el(
            &doc,
            "option",
            "",
            Some(ex.label.get("en").map_or("", String::as_str)),
        )?;
        o.set_attribute("value", &ex.id)?;
        app.examples.append_child(&o)?;
    }
    let legend = by_id::<Element>(&doc, "legend")?;
    for (kind, label) in LEGEND {
        let item = el(&doc, "li", "", None)?;
        let mark = el(&doc, "mark", &format!("ev ev-{kind}"), Some(label))?;
        item.append_child(&mark)?;
        legend.append_child(&item)?;
    }

    let mut listeners = Vec::new();
    let a = Rc::clone(&app);
    listeners.push(EventListener::new(&app.text, "input", move |_| {
        App::schedule(&a)
    }));
    for target in [
        app.date.unchecked_ref::<web_sys::EventTarget>(),
        app.url.as_ref(),
        app.lang.as_ref(),
        app.hide_personal_data.as_ref(),
    ] {
        let a = Rc::clone(&app);
        listeners.push(EventListener::new(target, "input", move |_| {
            let _ = a.update();
        }));
    }
    let a = Rc::clone(&app);
    listeners.push(EventListener::new(&app.examples, "change", move |_| {
        let chosen = a.examples.value();
        if let Some(ex) = a.example_list.iter().find(|e| e.id == chosen) {
            a.text.set_value(&ex.text);
            a.date.set_value(ex.date.as_deref().unwrap_or(""));
            a.url.set_value(ex.url.as_deref().unwrap_or(""));
            let _ = a.update();
        }
    }));
    let a = Rc::clone(&app);
    let button: Element = by_id(&doc, "share")?;
    listeners.push(EventListener::new(&button, "click", move |_| {
        if let Ok(link) = a.share_link() {
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&link));
            }
            a.share_out.set_value(&link);
            a.share_out.set_hidden(false);
            a.copy(
                link,
                "Share link copied. The text travels in the link itself, never to a server.",
            );
        }
    }));
    let a = Rc::clone(&app);
    let button: Element = by_id(&doc, "export")?;
    listeners.push(EventListener::new(&button, "click", move |_| {
        let _ = a.export();
    }));
    let a = Rc::clone(&app);
    let button: Element = by_id(&doc, "copy")?;
    listeners.push(EventListener::new(&button, "click", move |_| {
        match a.report().view {
            Some(v) => a.copy(view::plain_text(&v), "Card copied as text."),
            None => a.say("There is no card to copy."),
        }
    }));
    let a = Rc::clone(&app);
    let window = web_sys::window().ok_or("no window")?;
    listeners.push(EventListener::new(&window, "hashchange", move |_| {
        if a.restore().unwrap_or(false) {
            let _ = a.update();
        }
    }));
    // the page lives as long as its listeners
    std::mem::forget(listeners);

    app.restore()?;
    app.update()?;
    doc.body()
        .ok_or("no body")?
        .set_attribute("data-ready", "1")?;
    Ok(())
}
