#!/usr/bin/env python3
"""Draws the package icon (128x128 PNG): a trace waterfall, spans as bars under a parent bar, on a rounded square.

Run from the repository root: python3 eng/icon/make-icon.py (writes src/Instrumentation.Generators.Package/icon.png).
Pure Python (zlib + struct), so that anyone can re-run it without extra packages.
"""
import struct
import zlib
from pathlib import Path

SIZE = 128
RADIUS = 22
BACKGROUND_TOP = (38, 50, 122)
BACKGROUND_BOTTOM = (24, 30, 78)
# (left, top, right, bottom, colour): a parent span and its children, as a trace viewer draws them.
BARS = [
    (18, 26, 110, 40, (245, 180, 60)),
    (30, 50, 74, 62, (95, 200, 235)),
    (78, 50, 104, 62, (95, 200, 235)),
    (38, 72, 66, 84, (140, 225, 140)),
    (84, 72, 100, 84, (235, 95, 95)),
    (44, 94, 60, 104, (140, 225, 140)),
]


def inside_rounded_square(x, y):
    cx = min(max(x, RADIUS), SIZE - 1 - RADIUS)
    cy = min(max(y, RADIUS), SIZE - 1 - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2


def pixel(x, y):
    if not inside_rounded_square(x, y):
        return (0, 0, 0, 0)
    for left, top, right, bottom, colour in BARS:
        if left <= x < right and top <= y < bottom:
            return colour + (255,)
    t = y / (SIZE - 1)
    return tuple(round(a + (b - a) * t) for a, b in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM)) + (255,)


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(channel for p in row for channel in p) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
target = Path(__file__).resolve().parents[2] / "src" / "Instrumentation.Generators.Package" / "icon.png"
target.write_bytes(png(SIZE, SIZE, rows))
print(f"wrote {target}")
