"""Screenshots of every rendered report page, wide and narrow, with headless Chromium.

    python scripts/screenshots.py reports            # (make screenshots renders the pages first)
    python scripts/screenshots.py reports --height 4000

Finds every page in the folder (`index.html`, `<doc>/NN-topic.html`, the trends and peers pages) and
writes `<dir>/screenshots/<doc>/<page>-<width>.png` at 1280 px (a desktop window) and 390 px (a
phone) wide, printing each file it wrote. A shot is the top `--height` pixels of the page as laid out
in a window that tall (Chromium's `--screenshot` takes the window, not the whole page). Needs
Chromium and Noto CJK (Debian: apt-get install chromium fonts-noto-cjk).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WIDTHS = (1280, 390)


def pages_of(reports: Path) -> list[Path]:
    """Every HTML page below `reports`, the screenshots folder left out."""
    shots = reports / "screenshots"
    return sorted(p for p in reports.rglob("*.html") if shots not in p.parents)


def shot_path(reports: Path, page: Path, width: int) -> Path:
    doc = page.parent.relative_to(reports)  # "." for the index
    return reports / "screenshots" / doc / f"{page.stem}-{width}.png"


def shoot(browser: str, page: Path, out: Path, width: int, height: int, profile: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--user-data-dir={profile}", f"--window-size={width},{height}", f"--screenshot={out}",
         page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, help="the folder juesuan report wrote (-o)")
    parser.add_argument("--height", type=int, default=3000, help="window height in px (default 3000)")
    args = parser.parse_args(argv)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("screenshots: chromium not found (Debian: apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    pages = pages_of(args.reports)
    if not pages:
        print(f"screenshots: no HTML page in {args.reports} (juesuan report … -o {args.reports} first)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: no user settings leak in
        for page in pages:
            for width in WIDTHS:
                out = shot_path(args.reports, page, width)
                shoot(browser, page, out, width, args.height, profile)
                print(out)
    print(f"screenshots: {len(pages) * len(WIDTHS)} PNGs of {len(pages)} pages in {args.reports / 'screenshots'}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
