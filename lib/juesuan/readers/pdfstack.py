"""Guards installed into the PDF stack (pdfminer, under pdfplumber), where a crafted file would
otherwise cost unbounded work. Each hook changes nothing for a well-formed file — the facts of the
corpus are the same with and without them — and counts into `readers.work` while a tally is open:

* a chain of indirect references that returns to itself (`1 0 obj 1 0 R`, or two objects naming
  each other) ends in a PDFValueError instead of pdfminer's endless loop;
* Flate and LZW streams are inflated at most up to what the inflated_mb / page_stream_mb limits
  leave, so a 1 MB stream that inflates to 1 GB is refused after the limit, not after the gigabyte;
* every decoded stream, every character and every path drawn counts towards the limits.
"""
from __future__ import annotations

import zlib
from io import BytesIO

from pdfminer import converter, lzw, pdftypes
from pdfminer.pdfexceptions import PDFValueError

from . import work

# A reference chain longer than this is no PDF's (real ones are one or two links long).
MAX_CHAIN = 256


def _resolve(self, default=None):
    """PDFObjRef.resolve, following a chain of references to its end, refusing a cycle."""
    seen = {self.objid}
    ref = self
    while True:
        try:
            found = ref.doc.getobj(ref.objid)
        except pdftypes.PDFObjectNotFound:
            return default
        if not isinstance(found, pdftypes.PDFObjRef):
            return found
        if found.objid in seen or len(seen) > MAX_CHAIN:
            raise PDFValueError(f"object {self.objid} is a circular chain of references")
        seen.add(found.objid)
        ref = found


def _room() -> int | None:
    tally = work.tally()
    if tally is None:
        return None
    rooms = [room for room in (tally.room("inflated_mb"), tally.room("page_stream_mb")) if room is not None]
    return min(rooms) if rooms else None


def _over(size: int) -> None:
    """Count `size` decoded bytes; a limit it passes raises LimitError."""
    work.add("inflated_mb", size)
    work.add("page_stream_mb", size)


class _Inflater:
    """zlib.decompressobj whose output stops one byte past the room left (pdfminer feeds a damaged
    stream to one byte by byte)."""

    def __init__(self, *args):
        self._inner = zlib.decompressobj(*args)
        self._made = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = _room()
        if room is None:
            return self._inner.decompress(data, max_length)
        out = self._inner.decompress(data, room - self._made)
        self._made += len(out)
        if self._made >= room:
            _over(self._made)
        return out

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _BoundedZlib:
    """What pdfminer.pdftypes uses of the zlib module, with inflation bounded by the limits."""

    error = zlib.error
    decompressobj = _Inflater

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        room = _room()
        if room is None:
            return zlib.decompress(data, *args)
        inflater = zlib.decompressobj(*args)
        out = inflater.decompress(data, room)
        if len(out) >= room:
            _over(len(out))
        if not inflater.eof:  # as zlib.decompress says of a stream that stops short
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _lzwdecode(data: bytes) -> bytes:
    room = _room()
    chunks, made = [], 0
    for chunk in lzw.LZWDecoder(BytesIO(data)).run():
        chunks.append(chunk)
        made += len(chunk)
        if room is not None and made >= room:
            _over(made)
    return b"".join(chunks)


_decode = pdftypes.PDFStream.decode


def _counted_decode(self) -> None:
    _decode(self)
    if self.data is not None:
        _over(len(self.data))


_render_char = converter.PDFLayoutAnalyzer.render_char
_paint_path = converter.PDFLayoutAnalyzer.paint_path


def _counted_char(self, *args, **kwargs):
    work.add("page_chars", 1)
    return _render_char(self, *args, **kwargs)


def _counted_path(self, *args, **kwargs):
    work.add("page_paths", 1)
    return _paint_path(self, *args, **kwargs)


def install() -> None:
    """Put the hooks in place (once; idempotent)."""
    pdftypes.PDFObjRef.resolve = _resolve
    pdftypes.zlib = _BoundedZlib
    pdftypes.lzwdecode = _lzwdecode
    pdftypes.PDFStream.decode = _counted_decode
    converter.PDFLayoutAnalyzer.render_char = _counted_char
    converter.PDFLayoutAnalyzer.paint_path = _counted_path
