#!/usr/bin/env python3
"""Draws the extension icons (a lens ring with a dot) as PNGs with the standard library only.
Run once when the design changes: python3 tools/make-icons.py extension/icons"""
import struct, sys, zlib
from pathlib import Path

def png(size, ring=(201, 154, 46, 255)):
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            d = ((x - c) ** 2 + (y - c) ** 2) ** 0.5 / (size / 2)
            if 0.62 <= d <= 0.92:
                row += bytes(ring)                     # amber ring (grey: neutral)
            elif d < 0.3:
                row += bytes((28, 28, 28, 255))        # dark centre
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")

out = Path(sys.argv[1] if len(sys.argv) > 1 else "extension/icons")
out.mkdir(parents=True, exist_ok=True)
for size in (16, 48, 128):
    (out / f"{size}.png").write_bytes(png(size))
# the neutral icon: a page without cards
for size in (16, 48):
    (out / f"neutral-{size}.png").write_bytes(png(size, ring=(128, 128, 128, 255)))
