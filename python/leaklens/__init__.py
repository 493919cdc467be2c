"""LeakLens for Python: find data-leak claims in posts, with the same answers as the CLI.

    >>> import leaklens
    >>> r = leaklens.check("CoWIN data leaked on Telegram: names, phone numbers", date="2023-06-12")
    >>> r["is_claim"], r["systems"], r["card"]["status"]["id"]

`check` returns what `leaklens check --format json` prints; `check_batch` takes texts or dicts
like the lines of `leaklens check --jsonl` and returns its lines; `check_columns` and
`check_arrow` check a column of texts at once (pandas, Arrow, Spark); `redact` masks personal
identifiers.
"""

from ._core import __version__, check, check_batch, check_columns, check_lines, redact

__all__ = [
    "__version__",
    "check",
    "check_batch",
    "check_columns",
    "check_lines",
    "check_arrow",
    "to_record_batch",
    "arrow_schema",
    "redact",
    "RESULT_COLUMNS",
]

#: The columns `check_columns` and `check_lines` return, in order.
RESULT_COLUMNS = (
    "id",
    "date",
    "is_claim",
    "confidence",
    "language",
    "systems",
    "fields",
    "incident",
    "status",
    "claim_text",
    "error",
    "result",
)


def arrow_schema():
    """The Arrow schema of `RESULT_COLUMNS` (`id` is the post's id written as JSON)."""
    import pyarrow as pa

    text = pa.string()
    types = {"is_claim": pa.bool_(), "confidence": pa.float64(), "systems": pa.list_(text), "fields": pa.list_(text)}
    return pa.schema([pa.field(name, types.get(name, text)) for name in RESULT_COLUMNS])


def to_record_batch(columns):
    """The dict of lists that `check_columns` or `check_lines` returns, as a `pyarrow.RecordBatch`."""
    import pyarrow as pa

    schema = arrow_schema()
    return pa.RecordBatch.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)


def check_arrow(batch, text="text", id="id", date="date", url="url"):
    """Check the posts of a `pyarrow.RecordBatch` or `Table`.

    Reads the column named `text` and, where present, `id`, `date` and `url` (the names can be
    changed). Returns a `pyarrow.RecordBatch` with `RESULT_COLUMNS` (`result` is the CLI's JSON
    line for the post).
    """
    names = batch.schema.names
    if text not in names:
        raise KeyError(f"no column {text!r} (columns: {', '.join(names)})")

    def col(name):
        return batch.column(name).to_pylist() if name in names else None

    return to_record_batch(check_columns(col(text), ids=col(id), dates=col(date), urls=col(url)))
