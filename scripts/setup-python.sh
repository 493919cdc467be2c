#!/usr/bin/env bash
# The Python side: a virtual environment in .venv/ (python3 -m venv) with the pinned tools of
# python/requirements.txt (maturin, pytest, pyarrow, PySpark 4), and Java 17 for Spark (apt's
# openjdk-17-jre-headless where no Java 17 or later is found). Idempotent and quiet when done;
# the packages stay cached in .venv/ (a stamp records which requirements it holds).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
say() { echo "setup-python: $*"; }

. scripts/apt.sh

# 1. Java 17+ for Spark
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  apt_need openjdk-17-jre-headless
fi

# 2. the virtual environment (Debian's python3 needs python3-venv for it)
if [ ! -x .venv/bin/python ]; then
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt_need "python3-venv"
  fi
  say "python3 -m venv .venv"
  python3 -m venv .venv
fi

# 3. the pinned packages
stamp=.venv/.leaklens-requirements
if [ ! -f "$stamp" ] || ! cmp -s python/requirements.txt "$stamp"; then
  say "pip install -r python/requirements.txt (PySpark is about 430 MB, once)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r python/requirements.txt
  cp python/requirements.txt "$stamp"
fi
