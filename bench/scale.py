"""`make bench` rows for scaling out: the Python package's posts/s (check_columns, one call for
the whole corpus, and check_batch with dicts), and the Spark job in local mode on 1 and on 2
cores (its check stage: number the lines, check in partitions, write results/). Prints one
JSON line. Usage: .venv/bin/python bench/scale.py CORPUS.jsonl"""

import json
import os
import subprocess
import sys
import tempfile
import time

import leaklens

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
job = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "spark", "leaklens_job.py")
for cores in (1, 2):
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        run = subprocess.run(
            [sys.executable, job, corpus, out, "--master", f"local[{cores}]"],
            capture_output=True, text=True, check=True,
        )
        wall = time.perf_counter() - t
        stats = json.loads(run.stdout.strip().splitlines()[-1])
        spark[cores] = {**stats, "wall_seconds": round(wall, 2), "posts_per_s": stats["posts"] / stats["check_seconds"]}

print(json.dumps({
    "posts": len(posts),
    "bytes": sum(len(t.encode("utf-8")) for t in texts),
    "python_columns_posts_per_s": len(posts) / columns_s,
    "python_batch_posts_per_s": len(posts) / batch_s,
    "spark_1": spark[1],
    "spark_2": spark[2],
    "spark_ratio": spark[2]["posts_per_s"] / spark[1]["posts_per_s"],
}))
