"""LeakLens on Apache Spark: check an archive of posts in partitions with the `leaklens` Python
package, and summarize it.

    spark-submit spark/leaklens_job.py POSTS OUT [--master local[*]]

POSTS is JSON Lines (one `{"id", "text", "date", "url"}` object a line, read exactly as
`leaklens check --jsonl` reads it) or Parquet (columns `text` and optional `id`, `date`, `url`,
`lang`). Writes:
  OUT/results/   one line per post, in input order: the line `leaklens check --jsonl` writes
                 (or, with --results-format parquet, the columns of `leaklens.RESULT_COLUMNS`)
  OUT/summary/   JSON Lines: by_day/ (claims per day x system x incident x status),
                 by_language/ (posts and claims per detected language), top_texts/ (the most
                 repeated claim texts, personal data masked), totals/
Prints one JSON line with the counts and the seconds spent.
"""

import argparse
import json
import os
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

TEXT = T.StringType()
#: The rows the check yields: the input's line number (its order) and leaklens.RESULT_COLUMNS.
RESULT_SCHEMA = T.StructType(
    [T.StructField("line", T.LongType())]
    + [
        T.StructField(name, kind)
        for name, kind in [
            ("id", TEXT),
            ("date", TEXT),
            ("is_claim", T.BooleanType()),
            ("confidence", T.DoubleType()),
            ("language", TEXT),
            ("systems", T.ArrayType(TEXT)),
            ("fields", T.ArrayType(TEXT)),
            ("incident", TEXT),
            ("status", TEXT),
            ("claim_text", TEXT),
            ("error", TEXT),
            ("result", TEXT),
        ]
    ]
)


def _with_result_columns(batch, columns):
    """The input batch's `line` column followed by the checked columns, as one RecordBatch."""
    import leaklens
    import pyarrow as pa

    checked = leaklens.to_record_batch(columns)
    return pa.RecordBatch.from_arrays(
        [batch.column("line"), *checked.columns],
        names=["line", *checked.schema.names],
    )


def check_jsonl_batches(batches):
    """mapInArrow function: lines of JSON Lines (`value`, `line`) → checked rows."""
    import leaklens

    for batch in batches:
        columns = leaklens.check_lines(batch.column("value").to_pylist(), batch.column("line").to_pylist())
        yield _with_result_columns(batch, columns)


def check_post_batches(batches):
    """mapInArrow function: posts (`text`, `id`, `date`, `url`, `line`) → checked rows."""
    import leaklens

    for batch in batches:
        col = batch.column
        columns = leaklens.check_columns(
            col("text").to_pylist(),
            ids=col("id").to_pylist(),
            dates=col("date").to_pylist(),
            urls=col("url").to_pylist(),
        )
        yield _with_result_columns(batch, columns)


def numbered(df):
    """`df` with `line`: each row's 1-based position in the input, without a shuffle (the rows
    of each partition are counted first, then numbered from their partition's offset)."""
    df = df.withColumn("_part", F.spark_partition_id()).withColumn("_mono", F.monotonically_increasing_id())
    counts = dict(df.groupBy("_part").count().collect())
    offsets, total = {}, 0
    for part in sorted(counts):
        offsets[part] = total
        total += counts[part]
    if not offsets:
        return df.withColumn("line", F.lit(0).cast("long")).drop("_part", "_mono")
    table = F.create_map(*[F.lit(x) for kv in offsets.items() for x in kv])
    first_in_part = F.shiftleft(F.col("_part").cast("long"), 33)
    line = F.element_at(table, F.col("_part")) + (F.col("_mono") - first_in_part) + 1
    return df.withColumn("line", line.cast("long")).drop("_part", "_mono")


def input_format(path, fmt):
    if fmt != "auto":
        return fmt
    probe = path.rstrip("/")
    if probe.endswith(".parquet") or (os.path.isdir(probe) and any(n.endswith(".parquet") for n in os.listdir(probe))):
        return "parquet"
    return "jsonl"


def check(spark, path, fmt="auto"):
    """A DataFrame of checked posts (`RESULT_SCHEMA`), in input order within each partition."""
    if input_format(path, fmt) == "parquet":
        posts = spark.read.parquet(path)
        if "text" not in posts.columns:
            raise SystemExit(f"leaklens: {path}: no column 'text' (columns: {', '.join(posts.columns)})")
        pick = lambda name: F.col(name).cast("string") if name in posts.columns else F.lit(None).cast("string")  # noqa: E731
        ident = F.col("id") if "id" in posts.columns else F.lit(None).cast("string")
        posts = posts.select(pick("text").alias("text"), ident.alias("id"), pick("date").alias("date"), pick("url").alias("url"))
        return numbered(posts).mapInArrow(check_post_batches, RESULT_SCHEMA)
    lines = spark.read.text(path)
    return numbered(lines).mapInArrow(check_jsonl_batches, RESULT_SCHEMA)


def summaries(spark, results, top=50):
    """The summary tables: by_day, by_language, top_texts and totals (DataFrames)."""
    import leaklens

    ok = results.where(F.col("error").isNull())
    claims = ok.where(F.col("is_claim"))
    by_day = (
        claims.select(
            F.coalesce(F.substring("date", 1, 10), F.lit("unknown")).alias("day"),
            F.explode_outer("systems").alias("system"),
            F.coalesce("incident", F.lit("none")).alias("incident"),
            "status",
        )
        .fillna({"system": "none"})
        .groupBy("day", "system", "incident", "status")
        .count()
        .withColumnRenamed("count", "claims")
        .orderBy("day", "system", "incident", "status")
    )
    by_language = (
        ok.groupBy("language")
        .agg(F.count("*").alias("posts"), F.sum(F.col("is_claim").cast("long")).alias("claims"))
        .orderBy(F.desc("posts"), "language")
    )
    top_rows = (
        claims.groupBy("claim_text")
        .agg(F.count("*").alias("count"), F.first("systems").alias("systems"), F.first("status").alias("status"))
        .orderBy(F.desc("count"), "claim_text")
        .limit(top)
        .collect()
    )
    top_schema = "text string, count long, systems array<string>, status string"
    top_texts = spark.createDataFrame(
        [(leaklens.redact(r["claim_text"]), r["count"], r["systems"], r["status"]) for r in top_rows], top_schema
    )
    totals = results.agg(
        F.count("*").alias("posts"),
        F.sum(F.col("is_claim").cast("long")).alias("claims"),
        F.sum(F.col("error").isNotNull().cast("long")).alias("errors"),
    )
    return {"by_day": by_day, "by_language": by_language, "top_texts": top_texts, "totals": totals}


def run(spark, path, out, fmt="auto", results_format="jsonl", top=50):
    """Check `path`, write OUT/results and OUT/summary; returns the counts and timings."""
    started = time.perf_counter()
    results = check(spark, path, fmt).persist()
    if results_format == "parquet":
        results.write.mode("overwrite").parquet(os.path.join(out, "results"))
    else:
        results.select("result").write.mode("overwrite").text(os.path.join(out, "results"))
    checked = time.perf_counter()
    tables = summaries(spark, results, top)
    for name, df in tables.items():
        df.coalesce(1).write.mode("overwrite").json(os.path.join(out, "summary", name))
    totals = tables["totals"].first().asDict()
    results.unpersist()
    done = time.perf_counter()
    return {
        **{k: v or 0 for k, v in totals.items()},
        "check_seconds": round(checked - started, 3),
        "summary_seconds": round(done - checked, 3),
        "partitions": results.rdd.getNumPartitions(),
    }


def session(master=None):
    # the workers run this same Python (the one with the leaklens package)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("leaklens")
    if master:
        builder = builder.master(master)
    spark = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    # the workers unpickle the check functions by module name when this file is imported
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="posts: JSON Lines file or folder, or Parquet")
    p.add_argument("output", help="folder for results/ and summary/")
    p.add_argument("--master", help="Spark master, e.g. local[*] (default: spark-submit's)")
    p.add_argument("--format", choices=["auto", "jsonl", "parquet"], default="auto", help="input format")
    p.add_argument("--results-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--top", type=int, default=50, help="how many repeated claim texts to keep")
    args = p.parse_args(argv)
    if not os.path.exists(args.input) and "://" not in args.input:
        p.error(f"{args.input}: no such file or folder")
    spark = session(args.master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        stats = run(spark, args.input, args.output, args.format, args.results_format, args.top)
    finally:
        spark.stop()
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
