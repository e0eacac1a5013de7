"""Screenshots of the report in headless Chromium with the network blocked, and the
pixel checks that tell whether its map drew.

Used by tests/browser/test_report_screenshot.py and to make docs/images/report.png:

    python -m warehouse.analysis.screenshot report.html docs/images/report.png

Chromium is Debian's `chromium` (the test set-up installs it). The network is blocked
twice over: every host name resolves to nothing, and every request goes to a proxy
on a closed local port. A page that needs the network draws nothing where it needed it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--force-color-profile=srgb",
)
# No name resolves, and anything that still tries goes to a port where nothing listens.
NETWORK_BLOCK_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)
# The same, but a server of our own on this machine (JupyterLab) stays reachable.
LOOPBACK_ONLY_FLAGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--proxy-server=127.0.0.1:9",
)


class ChromiumMissingError(FileNotFoundError):
    pass


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit and Path(explicit).exists():
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(
    page: Path | str,
    png: Path,
    *,
    width: int = 1280,
    height: int = 1800,
    block_network: bool = True,
    allow_loopback: bool = False,
    budget_ms: int = 20_000,
    timeout_s: int = 180,
) -> Path:
    """Load `page` (a file, or an http://127.0.0.1 URL with `allow_loopback`) in headless
    Chromium and save the top `width` x `height` pixels."""
    chromium = find_chromium()
    if chromium is None:
        raise ChromiumMissingError("no chromium on PATH: `apt-get install -y chromium`")
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            chromium,
            *HEADLESS_FLAGS,
            *(_network_flags(block_network, allow_loopback)),
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            # Let scripts run (and any fetch fail) before the picture is taken.
            f"--virtual-time-budget={budget_ms}",
            f"--screenshot={png}",
            page if str(page).startswith("http") else Path(page).resolve().as_uri(),
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    if not png.exists():
        raise RuntimeError(
            f"chromium wrote no screenshot (exit {result.returncode}): {result.stderr[-2000:]}"
        )
    return png


def _network_flags(block_network: bool, allow_loopback: bool) -> tuple[str, ...]:
    if not block_network:
        return ()
    return LOOPBACK_ONLY_FLAGS if allow_loopback else NETWORK_BLOCK_FLAGS


# ------------------------------------------------------------------ pixels


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    pixels: bytes  # row-major, `channels` bytes per pixel, 8 bits per channel

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        offset = (y * self.width + x) * self.channels
        r, g, b = self.pixels[offset : offset + 3]
        return r, g, b


def read_png(path: Path) -> Image:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes); stdlib only."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    position, idat = 8, []
    width = height = bit_depth = color_type = interlace = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, bit_depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if bit_depth != 8 or color_type not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {bit_depth}, colour type {color_type}")
    channels = 4 if color_type == 6 else 3
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = bytearray(height * stride)
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind, line, previous, channels)
        out[row * stride : (row + 1) * stride] = line
        previous = line
    return Image(width, height, channels, bytes(out))


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    n = len(line)
    if kind == 0:
        return
    if kind == 1:  # Sub
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:  # Up
        for i in range(n):
            line[i] = (line[i] + previous[i]) & 0xFF
    elif kind == 3:  # Average
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:  # Paeth
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + predictor) & 0xFF
    else:
        raise ValueError(f"bad PNG filter type {kind}")


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


@dataclass(frozen=True)
class ColorRegion:
    pixels: int
    # left, top, right, bottom (inclusive) of the rows and columns holding at least
    # `min_run` matching pixels: stray pixels of the same colour elsewhere don't count.
    box: tuple[int, int, int, int] | None

    @property
    def box_area(self) -> int:
        if self.box is None:
            return 0
        left, top, right, bottom = self.box
        return (right - left + 1) * (bottom - top + 1)


def color_region(
    image: Image, colors: Iterable[str], tolerance: int = 6, min_run: int = 20
) -> ColorRegion:
    """How many pixels are (within `tolerance` per channel) one of `colors`, and where."""
    targets = [hex_to_rgb(c) for c in colors]
    per_row = [0] * image.height
    per_column = [0] * image.width
    step = image.channels
    pixels = image.pixels
    for y in range(image.height):
        base = y * image.width * step
        for x in range(image.width):
            offset = base + x * step
            r, g, b = pixels[offset], pixels[offset + 1], pixels[offset + 2]
            for tr, tg, tb in targets:
                if (
                    abs(r - tr) <= tolerance
                    and abs(g - tg) <= tolerance
                    and abs(b - tb) <= tolerance
                ):
                    per_row[y] += 1
                    per_column[x] += 1
                    break
    rows = [y for y, n in enumerate(per_row) if n >= min_run]
    columns = [x for x, n in enumerate(per_column) if n >= min_run]
    box = (columns[0], rows[0], columns[-1], rows[-1]) if rows and columns else None
    return ColorRegion(sum(per_row), box)


@dataclass(frozen=True)
class MapCheck:
    land: ColorRegion
    ocean: ColorRegion
    lines_in_map: int  # darker pixels (borders, coasts, markers, labels) inside the land box

    @property
    def drew(self) -> bool:
        """Land and sea both painted over a sizeable area, with lines drawn on them."""
        return (
            self.land.pixels >= 20_000
            and self.ocean.pixels >= 2_000
            and self.land.box_area >= 100_000
            and self.lines_in_map >= 200
        )


def check_map(image: Image) -> MapCheck:
    """Find the base map of the report's geo chart by its land and sea colours.

    Without its base map plotly.js draws the markers on an empty canvas: no land colour,
    no sea colour, no borders.
    """
    from warehouse.analysis.figures import LAKE_COLOR, LAND_COLOR, OCEAN_COLOR

    land = color_region(image, [LAND_COLOR])
    ocean = color_region(image, [OCEAN_COLOR, LAKE_COLOR])
    lines = 0
    if land.box:
        left, top, right, bottom = land.box
        for y in range(top, bottom + 1):
            for x in range(left, right + 1):
                r, g, b = image.rgb(x, y)
                if r + g + b < 3 * 170:
                    lines += 1
    return MapCheck(land, ocean, lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1800)
    parser.add_argument("--allow-network", action="store_true")
    args = parser.parse_args(argv)
    png = screenshot(
        args.page,
        args.png,
        width=args.width,
        height=args.height,
        block_network=not args.allow_network,
    )
    result = check_map(read_png(png))
    print(f"{png}: map drew={result.drew} ({result})")
    return 0 if result.drew else 1


if __name__ == "__main__":
    raise SystemExit(main())
