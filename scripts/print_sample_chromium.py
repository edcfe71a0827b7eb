"""Print the bundled sample's HTML rendition to PDF with headless Chromium, as a browser would.

    python scripts/print_sample_chromium.py     # (re)writes data/raw/xinzhou-hrss-2022-chromium.pdf

Browser-printed PDFs are what many departments publish: the browser splits tables across pages
(the page's print style keeps rows whole and puts wide tables on landscape pages), its font
subsets map CJK glyphs to Kangxi radical code points (⼀ ⼈ ⽀ ⻔ …), and Noto CJK ligates "——"
into U+2E3A; pdfminer warns about each of its fonts. The committed file was
made once with Chromium 156.0.8078.114 (Debian 12 package `chromium`) and Noto Sans CJK
(Debian `fonts-noto-cjk` 1:20220127+repack1-1); another Chromium or font gives other bytes, so
the tests read the committed file and this script is only for remaking it (`make print-sample`).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "data" / "raw" / "xinzhou-hrss-2022.html"
OUT = ROOT / "data" / "raw" / "xinzhou-hrss-2022-chromium.pdf"


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found (Debian: apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: no user settings leak in
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             "--no-pdf-header-footer", f"--print-to-pdf={OUT}", PAGE.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
    version = subprocess.run([browser, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes) by {version}")


if __name__ == "__main__":
    sys.exit(main())
