"""Placeholder product images for the seeded catalogue: a zellige-like star tiling in a
palette chosen from the image's name, drawn as a PNG with the standard library only."""

import hashlib
import struct
import zlib

PALETTES = [
    ((176, 78, 43), (246, 236, 214), (31, 64, 104)),  # terracotta, cream, indigo
    ((38, 93, 84), (240, 228, 200), (196, 140, 48)),  # green, sand, saffron
    ((120, 40, 52), (245, 232, 220), (44, 44, 44)),  # henna, ivory, charcoal
    ((40, 70, 120), (235, 240, 245), (200, 160, 60)),  # blue of Fès, white, brass
    ((150, 110, 70), (250, 244, 232), (90, 50, 30)),  # leather, parchment, walnut
]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def placeholder_png(name: str, size: int = 320, tile: int = 80) -> bytes:
    digest = hashlib.sha256(name.encode()).digest()
    background, star, centre = PALETTES[digest[0] % len(PALETTES)]
    half = tile / 2
    radius = tile * 0.36
    rows = []
    for y in range(size):
        row = bytearray([0])
        dy = (y % tile) - half + 0.5
        for x in range(size):
            dx = (x % tile) - half + 0.5
            rotated_x = (dx + dy) * 0.7071
            rotated_y = (dx - dy) * 0.7071
            in_star = (
                max(abs(dx), abs(dy)) <= radius or max(abs(rotated_x), abs(rotated_y)) <= radius
            )
            if dx * dx + dy * dy <= (radius * 0.45) ** 2:
                row += bytes(centre)
            elif in_star:
                row += bytes(star)
            else:
                row += bytes(background)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
