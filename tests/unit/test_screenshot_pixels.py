"""The stdlib PNG reader and the map check behind the browser test."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from warehouse.analysis import screenshot
from warehouse.analysis.figures import LAND_COLOR, OCEAN_COLOR
from warehouse.analysis.screenshot import Image, check_map, color_region, hex_to_rgb, read_png


def filtered(kind: int, line: bytes, previous: bytes, bpp: int) -> bytes:
    """The PNG filter (encoder side), to test that the reader undoes each one."""
    out = bytearray(len(line))
    for i, value in enumerate(line):
        a = line[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        if kind == 0:
            predictor = 0
        elif kind == 1:
            predictor = a
        elif kind == 2:
            predictor = b
        elif kind == 3:
            predictor = (a + b) >> 1
        else:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        out[i] = (value - predictor) & 0xFF
    return bytes(out)


def write_png(path: Path, width: int, height: int, pixels: bytes, channels: int = 4) -> Path:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    stride = width * channels
    raw, previous = bytearray(), bytes(stride)
    for row in range(height):
        line = pixels[row * stride : (row + 1) * stride]
        kind = row % 5  # every filter type in turn
        raw += bytes([kind]) + filtered(kind, line, previous, channels)
        previous = line
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw)))
        + chunk(b"IEND", b"")
    )
    return path


def test_read_png_undoes_every_filter(tmp_path: Path):
    width, height = 7, 10
    pixels = bytes(
        (x * 37 + y * 11 + c * 5) % 256
        for y in range(height)
        for x in range(width)
        for c in range(4)
    )
    image = read_png(write_png(tmp_path / "a.png", width, height, pixels))
    assert (image.width, image.height, image.channels) == (width, height, 4)
    assert image.pixels == pixels


def test_read_png_rejects_other_files(tmp_path: Path):
    (tmp_path / "x.png").write_bytes(b"GIF89a")
    with pytest.raises(ValueError, match="not a PNG"):
        read_png(tmp_path / "x.png")


def fake_map(width: int, height: int, *, with_map: bool) -> Image:
    """A white page; with_map paints land on the left, sea on the right, and a border."""
    land, sea = hex_to_rgb(LAND_COLOR), hex_to_rgb(OCEAN_COLOR)
    out = bytearray()
    for y in range(height):
        for x in range(width):
            if with_map and 50 <= y < 450 and 50 <= x < 650:
                colour = (90, 90, 90) if x == 300 else (land if x < 450 else sea)
            else:
                colour = (255, 255, 255)
            out += bytes([*colour, 255])
    return Image(width, height, 4, bytes(out))


def test_check_map_sees_a_drawn_map_and_a_blank_one():
    assert check_map(fake_map(700, 500, with_map=True)).drew
    blank = check_map(fake_map(700, 500, with_map=False))
    assert not blank.drew and blank.land.pixels == 0


def test_color_region_ignores_stray_pixels():
    image = fake_map(700, 500, with_map=True)
    region = color_region(image, [LAND_COLOR])
    assert region.box == (50, 50, 449, 449)


def test_screenshot_without_chromium_says_how_to_get_it(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(screenshot, "find_chromium", lambda: None)
    with pytest.raises(screenshot.ChromiumMissingError, match="apt-get install"):
        screenshot.screenshot(tmp_path / "page.html", tmp_path / "shot.png")
