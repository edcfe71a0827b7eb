"""The PDF pages of one document, opened once, and crops of them: each page's characters read once
and its image rendered once (pdfplumber's page image, through pypdfium2), however many findings
point at it; a crop is cut from that image, its boxes drawn, and kept small — a grey palette PNG of
at most MAX_BYTES, shrunk until it fits.

The source is opened the way the readers open it: stat'ed against the limits first, its header
checked, its work counted against the limits (`readers.work`), and its sha256 compared with the
one the document was parsed from — a file changed since is not cut, since its places would be
another file's.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..catalog import sha256_of
from ..errors import JuesuanError
from ..limits import check_file
from ..readers import format_of, work
from ..readers.pdf import DAMAGED, check_pdf_header, pdf_error_to_read_error, quiet_pdfminer
from .search import Box, PageText

# 120 dpi shows 10.5 pt characters about 17 px high: read without zooming, small enough to embed.
RESOLUTION = 120
# The bound for one embedded image (the report stays one self-contained file).
MAX_BYTES = 60 * 1024
# A crop too large for MAX_BYTES is scaled by this factor until it fits (text stays legible to about 0.5).
SHRINK = 0.8
SMALLEST = 0.3
# Around what a crop shows, in points: a margin, room for a box's frame, and a least size, so that a
# lone figure is seen with its neighbours.
MARGIN, PAD = 12.0, 2.5
MIN_WIDTH, MIN_HEIGHT = 220.0, 48.0
# Fourteen greys (text, rulings, antialiasing) and two colours: a 4-bit palette.
GREYS = 14
COLOURS = {"stated": (205, 25, 25), "compared": (20, 90, 215)}
PALETTE_INDEX = {role: GREYS + i for i, role in enumerate(COLOURS)}


class Unavailable(Exception):
    """A page that cannot be shown: the file is gone, changed, not a PDF or past a limit (in words)."""


@dataclass
class Crop:
    """A cut of one page: `bbox` = (x0, top, x1, bottom) in PDF points from the page's top left on the
    document's page `page` (`file`'s page `file_page`), the `boxes` drawn on it, the PNG."""

    page: int
    file: str
    file_page: int
    bbox: tuple[float, float, float, float]
    boxes: list[Box]
    png: bytes
    size: tuple[int, int]
    alt: str = ""
    caption: str = ""


class Pages:
    """The pages of one document's PDF file(s); use as a context manager (the files are closed after)."""

    def __init__(self, document):
        self.document = document
        self.renders: dict[int, int] = {}  # page → times rendered (once, by design)
        self._pdfs: dict[Path, object] = {}
        self._checked: dict[Path, str] = {}  # path → "" when fit to open, else why not
        self._kinds: dict[Path, str] = {}  # path → pdf, html, text, xlsx …
        self._texts: dict[int, PageText | Unavailable] = {}
        self._images: dict[int, object] = {}

    def __enter__(self) -> Pages:
        return self

    def __exit__(self, *_) -> None:
        for pdf in self._pdfs.values():
            pdf.close()
        self._pdfs.clear()

    def source(self, page: int) -> tuple[Path | None, str, int, str]:
        """(path, file name, page within the file, sha256 it was parsed from) of a document page."""
        meta = self.document.meta
        for part in meta.get("parts") or ():
            if part["first_page"] <= page <= part["last_page"]:
                return Path(part["path"]), part["file"], page - part["first_page"] + 1, part.get("sha256", "")
        source = meta.get("source")
        return (Path(source) if source else None), Path(source or "").name, page, meta.get("sha256", "")

    def where(self, page: int) -> str:
        """A page in words: 第21页, or the file and its page for a document in several files."""
        _, name, file_page, _ = self.source(page)
        return f"{name}第{file_page}页" if self.document.meta.get("parts") else f"第{page}页"

    def is_pdf(self, page: int | None) -> bool:
        """Whether the page comes from a PDF (a workbook's sheets have numbers but no page to cut)."""
        path = self.source(page)[0] if page is not None else None
        if path is None:
            return False
        if path not in self._kinds:
            self._kinds[path] = format_of(path) or path.suffix.lower().lstrip(".")
        return self._kinds[path] == "pdf"

    def text(self, page: int) -> PageText:
        """The page's characters and rulings, read once; Unavailable says why not."""
        if page not in self._texts:
            try:
                self._texts[page] = self._read(page)
            except Unavailable as why:
                self._texts[page] = why
        found = self._texts[page]
        if isinstance(found, Unavailable):
            raise found
        return found

    def image(self, page: int):
        """The page rendered once at RESOLUTION (a PIL image), shared by every crop of it."""
        if page not in self._images:
            self.renders[page] = self.renders.get(page, 0) + 1
            from pypdfium2 import PdfiumError

            try:
                # the whole media box, whose coordinates the chars and boxes are in (page.bbox)
                image = self._page(page).to_image(resolution=RESOLUTION, force_mediabox=True)
            except (PdfiumError, *DAMAGED) as error:
                raise Unavailable(f"第{page}页无法渲染（{type(error).__name__}）") from None
            self._images[page] = image.original.convert("L")
        return self._images[page]

    def crop(self, page: int, boxes: list[Box], context: list[Box]) -> Crop:
        """A cut of the page around the boxes and their context, boxes drawn, PNG ≤ MAX_BYTES."""
        text = self.text(page)
        region = whole_lines(crop_region(text.bbox, [b.bbox for b in boxes + context]), text)
        png, size = cut(self.image(page), text.bbox, region, boxes)
        _, name, file_page, _ = self.source(page)
        return Crop(page, name, file_page, region, boxes, png, size)

    def _read(self, page: int) -> PageText:
        with work.reading(self._path(page)) as tally:
            tally.set_page(self.source(page)[2])
            try:
                with quiet_pdfminer():
                    return PageText(self._page(page), page, self.where(page))
            except DAMAGED as error:
                raise Unavailable(str(pdf_error_to_read_error(self._path(page), error))) from None
            except JuesuanError as error:
                raise Unavailable(str(error)) from None

    def _page(self, page: int):
        path = self._path(page)
        if path not in self._pdfs:
            import pdfplumber

            try:
                with quiet_pdfminer():
                    self._pdfs[path] = pdfplumber.open(path)
            except DAMAGED as error:
                raise Unavailable(str(pdf_error_to_read_error(path, error))) from None
        pdf = self._pdfs[path]
        number = self.source(page)[2]
        if not 1 <= number <= len(pdf.pages):
            raise Unavailable(f"{path.name} 无第{number}页")
        return pdf.pages[number - 1]

    def _path(self, page: int) -> Path:
        """The file of the page, checked once: present, within the limits, a PDF, and the file parsed."""
        path, name, _, sha256 = self.source(page)
        if path is None:
            raise Unavailable("文件路径未知，无法截取页面")
        if path not in self._checked:
            self._checked[path] = _unfit(path, name, sha256)
        if self._checked[path]:
            raise Unavailable(self._checked[path])
        return path


def _unfit(path: Path, name: str, sha256: str) -> str:
    """Why the file cannot be cut, in words; "" when it can."""
    try:
        check_file(path)
        check_pdf_header(path)
        digest = sha256_of(path.read_bytes())  # as `juesuan.load` computes it (check_file bounds the size)
    except JuesuanError as error:
        return f"原文件无法打开：{error}"
    except OSError as error:
        return f"原文件无法读取：{name}（{error.strerror}）"
    if sha256 and digest != sha256:
        return f"原文件 {name} 在读取后已改动（sha256 不同），不截取页面"
    return ""


def crop_region(page_bbox: tuple, boxes: list[tuple]) -> tuple[float, float, float, float]:
    """The union of the boxes with a margin, at least MIN_WIDTH × MIN_HEIGHT, inside the page."""
    px0, ptop, px1, pbottom = page_bbox
    x0 = min(b[0] for b in boxes) - MARGIN
    top = min(b[1] for b in boxes) - MARGIN
    x1 = max(b[2] for b in boxes) + MARGIN
    bottom = max(b[3] for b in boxes) + MARGIN
    x0, x1 = _widen(x0, x1, MIN_WIDTH, px0, px1)
    top, bottom = _widen(top, bottom, MIN_HEIGHT, ptop, pbottom)
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def whole_lines(region: tuple, text: PageText) -> tuple[float, float, float, float]:
    """The region's top and bottom moved to halfway between printed lines: every line whose middle
    lies inside is shown whole, the lines beside it not at all (glyph boxes are taller than the ink
    and overlap the next line's, so a cut at a box's edge shows a sliver of the neighbour)."""
    x0, top, x1, bottom = region
    middles = sorted((min(c["top"] for c in chars) + max(c["bottom"] for c in chars)) / 2
                     for chars in ([c for c in line if c["x1"] > x0 and c["x0"] < x1] for line in text.lines) if chars)
    inside = [m for m in middles if top <= m <= bottom]
    if not inside:
        return region
    above = [m for m in middles if m < inside[0]]
    below = [m for m in middles if m > inside[-1]]
    new_top = (above[-1] + inside[0]) / 2 if above else top
    new_bottom = (inside[-1] + below[0]) / 2 if below else bottom
    return (x0, round(max(new_top, text.bbox[1]), 2), x1, round(min(new_bottom, text.bbox[3]), 2))


def _widen(low: float, high: float, least: float, floor: float, ceiling: float) -> tuple[float, float]:
    """The span grown evenly to `least`, then moved (not cut) to lie within [floor, ceiling]."""
    grow = max(0.0, least - (high - low)) / 2
    low, high = low - grow, high + grow
    if low < floor:
        low, high = floor, min(ceiling, high + floor - low)
    if high > ceiling:
        low, high = max(floor, low - (high - ceiling)), ceiling
    return low, high


def cut(image, page_bbox: tuple, region: tuple, boxes: list[Box]) -> tuple[bytes, tuple[int, int]]:
    """The region of the page image as a palette PNG with the boxes drawn, shrunk until it fits
    MAX_BYTES (the largest crop the corpus needs is a third of a page)."""
    from PIL import Image

    scale = image.width / (page_bbox[2] - page_bbox[0])
    pixels = tuple(round(v) for v in _to_pixels(region, page_bbox, scale))
    piece = image.crop(pixels)
    factor = 1.0
    while True:
        size = (max(1, round(piece.width * factor)), max(1, round(piece.height * factor)))
        shown = piece if factor == 1.0 else piece.resize(size, Image.LANCZOS)
        png = _encode(shown, [(b.role, _to_pixels(_padded(b.bbox), region, scale * factor)) for b in boxes], factor)
        if len(png) <= MAX_BYTES:
            return png, size
        if factor <= SMALLEST:
            raise Unavailable(f"截图超过 {MAX_BYTES // 1024} KB，未嵌入")
        factor *= SHRINK


def _encode(grey, boxes: list[tuple[str, tuple]], factor: float) -> bytes:
    from PIL import Image, ImageDraw

    levels = grey.point(lambda v: v * GREYS // 256)
    paletted = Image.frombytes("P", levels.size, levels.tobytes())
    palette = [round(i * 255 / (GREYS - 1)) for i in range(GREYS) for _ in range(3)]
    for role in COLOURS:
        palette += list(COLOURS[role])
    paletted.putpalette(palette)
    draw = ImageDraw.Draw(paletted)
    width = max(2, round(3 * factor))
    for role, (x0, top, x1, bottom) in boxes:
        draw.rectangle([x0, top, x1, bottom], outline=PALETTE_INDEX.get(role, PALETTE_INDEX["compared"]), width=width)
    out = io.BytesIO()
    paletted.save(out, "PNG", optimize=True, bits=4)
    return out.getvalue()


def _padded(bbox: tuple) -> tuple:
    return (bbox[0] - PAD, bbox[1] - PAD, bbox[2] + PAD, bbox[3] + PAD)


def _to_pixels(bbox: tuple, origin: tuple, scale: float) -> tuple[float, float, float, float]:
    return ((bbox[0] - origin[0]) * scale, (bbox[1] - origin[1]) * scale,
            (bbox[2] - origin[0]) * scale, (bbox[3] - origin[1]) * scale)
