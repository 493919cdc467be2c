#!/usr/bin/env python3
"""Reads wasm-pack.toml, the WASM packages' build settings, for scripts/build-core.sh and the
Makefile.

    wasm_pack_settings.py PACKAGE          shell assignments: OUT, FEATURES, TARGET, PANIC, WASM_OPT
    wasm_pack_settings.py PACKAGE out_dir  one setting, as plain text
"""
import shlex
import sys
import tomllib
from pathlib import Path

FILE = Path(__file__).resolve().parent.parent / "wasm-pack.toml"
KEYS = {"out_dir", "features", "target", "panic", "wasm_opt"}


def settings(name):
    with FILE.open("rb") as f:
        config = tomllib.load(f)
    packages = config.get("package", {})
    if name not in packages:
        sys.exit(f"wasm-pack.toml: no [package.{name}] (have: {', '.join(packages) or 'none'})")
    merged = {**config.get("defaults", {}), **packages[name]}
    unknown = set(merged) - KEYS
    missing = KEYS - set(merged)
    if unknown or missing:
        sys.exit(f"wasm-pack.toml: [package.{name}]: unknown {sorted(unknown)}, missing {sorted(missing)}")
    return merged


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    s = settings(argv[1])
    if len(argv) == 3:
        value = s.get(argv[2])
        if value is None:
            sys.exit(f"wasm-pack.toml: no setting {argv[2]!r}")
        print(" ".join(value) if isinstance(value, list) else value)
        return
    print(f"OUT={shlex.quote(s['out_dir'])}")
    print(f"FEATURES={shlex.quote(','.join(s['features']))}")
    print(f"TARGET={shlex.quote(s['target'])}")
    print(f"PANIC={shlex.quote(s['panic'])}")
    print(f"WASM_OPT=({' '.join(shlex.quote(f) for f in s['wasm_opt'])})")


if __name__ == "__main__":
    main(sys.argv)
