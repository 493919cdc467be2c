"""`make bench` rows for scaling out: the Python package's posts/s (check_columns, one call for
the whole corpus, and check_batch with dicts), and the Spark job in local mode on 1 and on 2
cores (its check stage: number the lines, check in partitions, write results/), measured two
ways: cold (the whole job as `make spark` runs it: the JVM starts, Spark plans and compiles its
code, the Python workers start) and warm (one Spark session: the same job run twice on the
corpus, the second run timed: what each further batch of an archive costs).
The cold check stage carries a fixed cost that no number of cores shortens; the warm one is what
scales. Prints one JSON line. Usage: .venv/bin/python bench/scale.py CORPUS.jsonl
(`bench/scale.py --warm CORES CORPUS.jsonl` is the warm run, in its own process.)"""

import json
import os
import subprocess
import sys
import tempfile
import time

import leaklens

JOB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "spark")


def warm_run(cores, corpus):
    """The job's check and summaries twice in one Spark session on `cores` cores: the first run
    warms up the JVM's compiler, Spark's generated code and a Python worker per core; the
    second is timed."""
    sys.path.insert(0, JOB_DIR)
    import leaklens_job as job

    spark = job.session(f"local[{cores}]")
    spark.sparkContext.setLogLevel("ERROR")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            job.run(spark, corpus, os.path.join(tmp, "warm-up"))
            warm_up = time.perf_counter() - t
            stats = job.run(spark, corpus, os.path.join(tmp, "out"))
    finally:
        spark.stop()
    print(json.dumps({**stats, "warm_up_seconds": round(warm_up, 2)}))


if sys.argv[1] == "--warm":
    warm_run(int(sys.argv[2]), sys.argv[3])
    sys.exit(0)

corpus = sys.argv[1]
with open(corpus, encoding="utf-8") as f:
    posts = [json.loads(line) for line in f if line.strip()]
texts = [p["text"] for p in posts]
leaklens.check("warm up")


def best(fn, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


columns_s = best(lambda: leaklens.check_columns(texts, ids=[p["id"] for p in posts], dates=[p.get("date") for p in posts]))
batch_s = best(lambda: leaklens.check_batch(posts))

spark = {}
warm = {}
job = os.path.join(JOB_DIR, "leaklens_job.py")
for cores in (1, 2):
    with tempfile.TemporaryDirectory() as out:
        load = os.getloadavg()[0]
        t = time.perf_counter()
        run = subprocess.run(
            [sys.executable, job, corpus, out, "--master", f"local[{cores}]"],
            capture_output=True, text=True, check=True,
        )
        wall = time.perf_counter() - t
        stats = json.loads(run.stdout.strip().splitlines()[-1])
        spark[cores] = {**stats, "wall_seconds": round(wall, 2), "posts_per_s": stats["posts"] / stats["check_seconds"],
                        "load_before": round(load, 1)}
    load = os.getloadavg()[0]
    run = subprocess.run([sys.executable, __file__, "--warm", str(cores), corpus], capture_output=True, text=True, check=True)
    stats = json.loads(run.stdout.strip().splitlines()[-1])
    warm[cores] = {**stats, "posts_per_s": stats["posts"] / stats["check_seconds"], "load_before": round(load, 1)}

print(json.dumps({
    "posts": len(posts),
    "bytes": sum(len(t.encode("utf-8")) for t in texts),
    "python_columns_posts_per_s": len(posts) / columns_s,
    "python_batch_posts_per_s": len(posts) / batch_s,
    "spark_1": spark[1],
    "spark_2": spark[2],
    "spark_ratio": spark[2]["posts_per_s"] / spark[1]["posts_per_s"],
    "spark_warm_1": warm[1],
    "spark_warm_2": warm[2],
    "spark_warm_ratio": warm[2]["posts_per_s"] / warm[1]["posts_per_s"],
    "cores": os.cpu_count(),
}))
