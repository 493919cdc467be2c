//! `leaklens._core`: the LeakLens core for Python (PyO3). The package `leaklens` re-exports
//! these functions and adds the Arrow helpers (`leaklens/__init__.py`).
//!
//! Every answer is the JSON the command line writes, built by the same core functions:
//! `check` is `leaklens check --format json`, a batch dict is one line of `check --jsonl`.

use leaklens::batch::{self, Post};
use leaklens::card::CardOptions;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde_json::Value;

/// A JSON value as Python objects (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_bound_py_any(py)?,
            (_, Some(u)) => u.into_bound_py_any(py)?,
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A Python id (str, int, float, bool, None) as JSON; anything else as its `str()`.
fn id_value(id: &Bound<'_, PyAny>) -> Value {
    if id.is_none() {
        Value::Null
    } else if let Ok(b) = id.extract::<bool>() {
        Value::Bool(b)
    } else if let Ok(i) = id.extract::<i64>() {
        Value::from(i)
    } else if let Ok(f) = id.extract::<f64>() {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    } else if let Ok(s) = id.extract::<String>() {
        Value::String(s)
    } else {
        Value::String(id.str().map(|s| s.to_string()).unwrap_or_default())
    }
}

fn check_value(
    text: &str,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
) -> Value {
    let options = CardOptions { date, url, lang };
    let report = leaklens::check_with(leaklens::knowledge(), text, &options, false);
    // through the JSON text, as the CLI prints it (`confidence` is an f32: 0.9, not 0.8999…)
    let json = serde_json::to_string(&report).expect("reports serialize");
    serde_json::from_str(&json).expect("JSON reads back")
}

/// Check one text. Returns what `leaklens check --format json` prints: the verdict, language,
/// systems, fields, evidence and, for a claim, the card. `date` (YYYY-MM-DD) helps find the
/// incident, `url` is where it was published, `lang` the card language (`en` or `hi`; by
/// default Hindi for Hindi posts, else English).
#[pyfunction]
#[pyo3(signature = (text, date=None, url=None, lang=None))]
fn check<'py>(
    py: Python<'py>,
    text: &str,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = py.detach(|| check_value(text, date, url, lang));
    to_py(py, &value)
}

/// One batch item, read while holding the GIL.
enum Item {
    Text(String),
    Post(Post),
    Bad(Value, String),
}

fn optional_str(d: &Bound<'_, PyDict>, key: &str) -> PyResult<Result<Option<String>, String>> {
    Ok(match d.get_item(key)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.extract::<String>() {
            Ok(s) => Ok(Some(s)),
            Err(_) => Err(format!("\"{key}\" must be a string")),
        },
    })
}

fn read_item(item: &Bound<'_, PyAny>) -> PyResult<Item> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(Item::Text(s.to_cow()?.into_owned()));
    }
    let Ok(d) = item.cast::<PyDict>() else {
        let kind = item.get_type().name()?.to_string();
        return Ok(Item::Bad(
            Value::Null,
            format!("expected a str or a dict, got {kind}"),
        ));
    };
    let id = d.get_item("id")?.map_or(Value::Null, |v| id_value(&v));
    let text = match d.get_item("text")? {
        None => return Ok(Item::Bad(id, "missing \"text\"".into())),
        Some(t) => match t.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => return Ok(Item::Bad(id, "\"text\" must be a string".into())),
        },
    };
    let (date, url) = match (optional_str(d, "date")?, optional_str(d, "url")?) {
        (Ok(date), Ok(url)) => (date, url),
        (Err(e), _) | (_, Err(e)) => return Ok(Item::Bad(id, e)),
    };
    Ok(Item::Post(Post {
        id,
        text,
        date,
        url,
    }))
}

fn answer(index: usize, item: &Item) -> Value {
    match item {
        Item::Text(text) => check_value(text, None, None, None),
        Item::Post(post) => batch::check_post(leaklens::knowledge(), post),
        Item::Bad(id, error) => serde_json::json!({"id": id, "index": index, "error": error}),
    }
}

/// Check many posts. Each item is a text, or a dict like a line of `leaklens check --jsonl`
/// (`id`, `text`, optional `date` and `url`). One result per item, in order: a text gets what
/// `check` returns, a dict the CLI's line. An item that cannot be checked gets
/// `{"id", "index", "error"}` in its place.
#[pyfunction]
fn check_batch<'py>(py: Python<'py>, items: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let items: Vec<Item> = items
        .try_iter()?
        .map(|item| read_item(&item?))
        .collect::<PyResult<_>>()?;
    let values: Vec<Value> = py.detach(|| {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| answer(i, item))
            .collect()
    });
    let out = PyList::empty(py);
    for v in &values {
        out.append(to_py(py, v)?)?;
    }
    Ok(out)
}

/// Optional strings from a Python sequence (None stays None).
fn opt_strings(seq: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<Option<String>>> {
    seq.try_iter()?
        .map(|v| {
            let v = v?;
            if v.is_none() {
                Ok(None)
            } else {
                v.extract::<String>()
                    .map(Some)
                    .map_err(|_| PyTypeError::new_err(format!("{name}: expected str or None")))
            }
        })
        .collect()
}

/// An optional column as long as `texts` (all None when not given).
fn column(seq: Option<&Bound<'_, PyAny>>, n: usize, name: &str) -> PyResult<Vec<Option<String>>> {
    let Some(seq) = seq.filter(|s| !s.is_none()) else {
        return Ok(vec![None; n]);
    };
    let out = opt_strings(seq, name)?;
    if out.len() != n {
        return Err(PyTypeError::new_err(format!(
            "{name} has {} values, texts has {n}",
            out.len()
        )));
    }
    Ok(out)
}

/// Columns for one checked post.
#[derive(Default)]
struct Row {
    id: Option<String>,
    date: Option<String>,
    is_claim: Option<bool>,
    confidence: Option<f64>,
    language: Option<String>,
    systems: Vec<String>,
    fields: Vec<String>,
    incident: Option<String>,
    status: Option<String>,
    claim_text: Option<String>,
    error: Option<String>,
    result: String,
}

/// The row of a post that could not be checked; `result` is the CLI's error object.
fn error_row(id: Value, date: Option<String>, result: Value) -> Row {
    Row {
        id: Some(id.to_string()),
        date,
        error: result["error"].as_str().map(str::to_owned),
        result: result.to_string(),
        ..Row::default()
    }
}

fn post_row(post: Post) -> Row {
    let line = batch::check_post(leaklens::knowledge(), &post);
    let str_at = |v: &Value| v.as_str().map(str::to_owned);
    let list = leaklens::report::strings;
    let is_claim = line["is_claim"].as_bool();
    Row {
        id: Some(post.id.to_string()),
        is_claim,
        confidence: line["confidence"].as_f64(),
        language: str_at(&line["language"]),
        systems: list(&line["systems"]),
        fields: list(&line["fields"]),
        incident: str_at(&line["card"]["incident"]["id"]),
        status: str_at(&line["card"]["status"]["id"]),
        claim_text: (is_claim == Some(true)).then_some(post.text),
        date: post.date,
        error: None,
        result: line.to_string(),
    }
}

fn rows_to_dict<'py>(py: Python<'py>, rows: Vec<Row>) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    macro_rules! col {
        ($name:ident) => {
            out.set_item(
                stringify!($name),
                rows.iter().map(|r| r.$name.clone()).collect::<Vec<_>>(),
            )?;
        };
    }
    col!(id);
    col!(date);
    col!(is_claim);
    col!(confidence);
    col!(language);
    col!(systems);
    col!(fields);
    col!(incident);
    col!(status);
    col!(claim_text);
    col!(error);
    out.set_item(
        "result",
        rows.into_iter().map(|r| r.result).collect::<Vec<_>>(),
    )?;
    Ok(out)
}

/// Check a column of texts, for columnar data (Arrow, pandas, Spark). `texts` is a sequence of
/// str (None gives an error row); `ids`, `dates` and `urls`, when given, are as long. Returns a
/// dict of equally long lists, one per column (`leaklens.RESULT_COLUMNS`): `id` (as JSON),
/// `date`, `is_claim`, `confidence`, `language`, `systems`, `fields`, `incident` and `status`
/// (ids), `claim_text` (the text, for claims), `error`, and `result`: the whole answer as the
/// CLI's JSON line. `pyarrow.RecordBatch.from_pydict` takes it.
#[pyfunction]
#[pyo3(signature = (texts, ids=None, dates=None, urls=None))]
fn check_columns<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    ids: Option<&Bound<'py, PyAny>>,
    dates: Option<&Bound<'py, PyAny>>,
    urls: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let texts = opt_strings(texts, "texts")?;
    let n = texts.len();
    let ids: Vec<Value> = match ids.filter(|i| !i.is_none()) {
        None => vec![Value::Null; n],
        Some(seq) => {
            let v: Vec<Value> = seq
                .try_iter()?
                .map(|i| i.map(|i| id_value(&i)))
                .collect::<PyResult<_>>()?;
            if v.len() != n {
                return Err(PyTypeError::new_err(format!(
                    "ids has {} values, texts has {n}",
                    v.len()
                )));
            }
            v
        }
    };
    let dates = column(dates, n, "dates")?;
    let urls = column(urls, n, "urls")?;
    let rows: Vec<Row> = py.detach(|| {
        texts
            .into_iter()
            .zip(ids)
            .zip(dates.into_iter().zip(urls))
            .map(|((text, id), (date, url))| match text {
                None => {
                    let error = serde_json::json!({"id": id, "error": "missing \"text\""});
                    error_row(id, date, error)
                }
                Some(text) => post_row(Post {
                    id,
                    text,
                    date,
                    url,
                }),
            })
            .collect()
    });
    rows_to_dict(py, rows)
}

/// Check lines of JSON Lines exactly as `leaklens check --jsonl` reads them (`numbers`: each
/// line's 1-based number in its input, for error objects). Returns the columns of
/// `check_columns`; `result` is the line the CLI writes for it, error objects included.
#[pyfunction]
fn check_lines<'py>(
    py: Python<'py>,
    lines: &Bound<'py, PyAny>,
    numbers: Vec<u64>,
) -> PyResult<Bound<'py, PyDict>> {
    let lines = opt_strings(lines, "lines")?;
    if lines.len() != numbers.len() {
        return Err(PyTypeError::new_err(format!(
            "numbers has {} values, lines has {}",
            numbers.len(),
            lines.len()
        )));
    }
    let rows: Vec<Row> = py.detach(|| {
        lines
            .into_iter()
            .zip(numbers)
            .map(|(line, number)| {
                let line = line.unwrap_or_default();
                let line = line.strip_suffix('\r').unwrap_or(&line);
                match batch::parse_line(line.as_bytes()) {
                    Ok(post) => post_row(post),
                    Err((id, error)) => {
                        let result = serde_json::json!({"id": id, "line": number, "error": error});
                        error_row(id, None, result)
                    }
                }
            })
            .collect()
    });
    rows_to_dict(py, rows)
}

/// `text` with personal identifiers (Aadhaar, phone, PAN, voter ID, passport numbers, e-mail
/// addresses) masked, as the core masks them everywhere it shows text.
#[pyfunction]
fn redact(py: Python<'_>, text: &str) -> String {
    py.detach(|| leaklens::redact(text))
}

/// The LeakLens core, compiled for Python.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_batch, m)?)?;
    m.add_function(wrap_pyfunction!(check_columns, m)?)?;
    m.add_function(wrap_pyfunction!(check_lines, m)?)?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
