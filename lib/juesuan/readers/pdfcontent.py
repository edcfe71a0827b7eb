"""A page's objects as pdfplumber's dicts, read by a leaner pass over its content streams.

pdfplumber builds a page's objects by running pdfminer's interpreter with a layout device, then
turning every layout object into a dict. Two parts of that cost most and add nothing here:
pdfminer's byte-by-byte tokenizer (a state machine with a Python call per byte run) and, for every
character, an LTChar object that pdfplumber then copies attribute by attribute into a dict.
`page_objects` keeps pdfminer for everything that gives a figure its meaning — the operators, the
graphics and text state, fonts, widths, ToUnicode maps, paths, images — and replaces only:

* the tokenizer, by one compiled expression matched token by token (`LeanInterpreter.run`),
  giving the tokens pdfminer's PSBaseParser gives, in the same stack discipline (arrays, dicts,
  inline images);
* the char object, by the dict pdfplumber would have made of it, with the same arithmetic in the
  same order (`LeanDevice.render_char`), so every coordinate is the same float.

Rulings, curves and images still go through pdfminer's layout objects and pdfplumber's
`process_object` (a few hundred per page). The work limits hold as before: streams are decoded by
the same hooks (`readers.pdfstack`), and chars and paths count towards page_chars and page_paths.
`tests/test_fast_reader.py` checks that every PDF of the corpus gives the same blocks and facts
either way. Known departures, met in no PDF of the corpus: a literal string or inline image
running on from one content stream into the next; a backslash-CR-LF that pdfminer's 4 KB read
buffer splits; and a page's streams are all decoded before the first runs, so a damaged later one
fails the page before, not after, the earlier ones are drawn (the document is refused either way).
"""
from __future__ import annotations

import re
from unicodedata import normalize as normalize_unicode

from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import LITERALS_ASCII85_DECODE, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
from pdfminer.psexceptions import PSSyntaxError
from pdfminer.psparser import KWD, LIT, PSLiteral, literal_name
from pdfminer.utils import choplist
from pdfplumber.page import PDFPageAggregatorWithMarkedContent, fix_fontname_bytes

from . import work

# One token of a content stream, after any whitespace: the alternatives of PSBaseParser._parse_main
# and the states it enters. A literal string without escapes or nested parentheses is read here;
# any other goes to `read_string`. A hex string ends before the first other byte, which is not
# consumed; one that runs to the end of the data gives no token (as pdfminer's at EOF).
TOKEN = re.compile(
    rb"""\s*(?:
      (?P<number>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)
    | (?P<keyword>[A-Za-z][^#/%\[\]()<>{}\s]*)
    | /(?P<name>(?:[^#/%\[\]()<>{}\s]|\#[0-9a-fA-F]{0,2})*)
    | \((?P<string>[^()\\]*)\)
    | (?P<open>\()
    | (?P<dict><<)
    | (?P<enddict>>>)
    | <(?P<hex>[0-9a-fA-F\s]*)(?=[^0-9a-fA-F\s])
    | (?P<unended><[0-9a-fA-F\s]*\Z)
    | (?P<skip>%[^\r\n]*|>|\x00)
    | (?P<other>\S)
    )""",
    re.DOTALL | re.VERBOSE,
)
NAME_HEX = re.compile(rb"#([0-9a-fA-F]{0,2})")
END_STRING = re.compile(rb"[()\\]")
SPACES = re.compile(rb"\s")
HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.DOTALL)
OCTAL = b"01234567"
ESCAPES = {ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("f"): 12, ord("r"): 13, ord("("): 40, ord(")"): 41, ord("\\"): 92}
WHITESPACE = b" \t\n\r\x0b\x0c"  # bytes.isspace()
EOL_AT_END = re.compile(rb"(\x0d\x0a|[\x0d\x0a])$")

# Keywords that open and close an array, a procedure and an inline image's dict (PSStackParser's types).
OPENS = {b"[": "a", b"{": "p", b"BI": "inline"}
CLOSES = {b"]": "a", b"}": "p"}


# Per interpreter class: keyword → (its do_ function, number of operands), None for an unknown one.
OPERATORS: dict[type, dict[bytes, tuple | None]] = {}


class EndOfContent(Exception):
    """The data ends inside an inline image: pdfminer stops the page there."""


def page_objects(page) -> dict[str, list[dict]]:
    """`page.objects` of a pdfplumber page, the same dicts for chars, rulings, curves and images,
    without LTChar objects and pdfminer's tokenizer."""
    device = LeanDevice(page, page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    LeanInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    work.add("page_chars", device.counted)
    objects: dict[str, list[dict]] = {}
    for obj in page.iter_layout_objects(device.get_result()._objs):
        objects.setdefault(obj["object_type"], []).append(obj)
    if device.chars:
        objects["char"] = device.chars
    return objects


class LeanDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, whose chars are dicts made at once (what `Page.process_object`
    makes of an LTChar) instead of layout objects."""

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.unicode_norm = page.pdf.unicode_norm
        self.chars: list[dict] = []
        # chars are counted here and handed to the tally once the page is read, or as soon as
        # they pass the page_chars limit (a call per char would cost a tenth of the pass)
        tally = work.tally()
        limit = tally.limits.page_chars if tally is not None else 0
        self.room = limit - tally.counts["page_chars"] if limit else float("inf")
        self.counted = 0

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        """LTChar.__init__ and Page.process_object for one char: the same operations in the same
        order (apply_matrix_rect written out), so every coordinate is the same float."""
        self.counted += 1
        if self.counted > self.room:
            work.add("page_chars", self.counted)  # over the limit: raises
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        if self.unicode_norm is not None:
            text = normalize_unicode(self.unicode_norm, text)
        adv = font.char_width(cid) * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            left, lower, right, upper = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            left, lower, right, upper = (0, descent + rise, adv, descent + rise + fontsize)
        a, b, c, d, e, f = matrix
        xs = (a * left + c * lower + e, a * right + c * lower + e, a * right + c * upper + e, a * left + c * upper + e)
        ys = (b * left + d * lower + f, b * right + d * lower + f, b * right + d * upper + f, b * left + d * upper + f)
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        width, height = x1 - x0, y1 - y0
        top = (self.page_height - y1) + self.mb_top
        if self.mb_x0 != 0:
            x0, x1 = x0 + self.mb_x0, x1 + self.mb_x0
        self.chars.append({
            "object_type": "char", "page_number": self.pageno, "text": text,
            "fontname": fix_fontname_bytes(font.fontname) if isinstance(font.fontname, bytes) else font.fontname,
            "adv": adv, "upright": a * d * scaling > 0 and b * c <= 0, "matrix": matrix,
            "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": width, "height": height,
            "size": width if vertical else height,
            "top": top, "bottom": (self.page_height - y0) + self.mb_top, "doctop": self.doctop + top,
        })
        return adv


class LeanInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter reading its content streams with `TOKEN` instead of PSBaseParser."""

    def execute(self, streams) -> None:
        valid = []
        self.stream_ids.clear()
        for obj in streams:  # as PDFPageInterpreter.execute: a stream running into itself is skipped
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                continue
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        # pdfminer ends a token at a stream's end as if whitespace followed
        data = b"\n".join(stream.get_data() or b"" for stream in valid)
        try:
            self.run(data)
        except EndOfContent:
            pass

    def run(self, data: bytes) -> None:
        """Tokens → operands on the stack and operators executed, as PSStackParser.nextobject and
        PDFPageInterpreter.execute do it."""
        context: list[tuple[str, list]] = []  # open arrays, dicts, procs and inline-image dicts
        items: list | None = None  # the innermost open one's items
        pos, end = 0, len(data)
        match = TOKEN.match
        stack = self.argstack
        while pos < end:
            found = match(data, pos)
            if found is None:
                break
            pos = found.end()
            kind = found.lastgroup
            if kind == "number":
                text = found.group(kind)
                try:
                    value = float(text) if b"." in text else int(text)
                except ValueError:
                    continue
            elif kind == "keyword" or kind == "other":
                text = found.group(kind)
                if text == b"true" or text == b"false":
                    value = text == b"true"
                elif text in OPENS:
                    context.append((OPENS[text], items))
                    items = []
                    continue
                elif text in CLOSES:
                    if not context or context[-1][0] != CLOSES[text]:
                        continue
                    value, items = items, context.pop()[1]
                elif text == b"ID":
                    if not context or context[-1][0] != "inline":
                        continue
                    objs, items = items, context.pop()[1]
                    if len(objs) % 2:
                        continue
                    stream, pos, ascii85 = inline_image(data, found.start(kind), objs)
                    context.clear()  # pdfminer's seek to the data resets its stack
                    items = None
                    stack.append(stream)
                    if not ascii85:  # else the stream's own EI follows
                        self.operate(b"EI")
                    continue
                elif items is not None:
                    items.append(KWD(text))
                    continue
                else:
                    self.operate(text)
                    continue
            elif kind == "name":
                value = name_literal(found.group(kind))
            elif kind == "string":
                value = found.group(kind)
            elif kind == "open":
                value, pos = read_string(data, pos)
                if value is None:
                    break
            elif kind == "hex":
                value = hex_string(found.group(kind))
            elif kind == "dict":
                context.append(("d", items))
                items = []
                continue
            elif kind == "enddict":
                if not context or context[-1][0] != "d":
                    continue
                objs, items = items, context.pop()[1]
                if len(objs) % 2:
                    raise PSSyntaxError(f"Invalid dictionary construct: {objs!r}")
                value = {literal_name(k): v for (k, v) in choplist(2, objs) if v is not None}
            elif kind == "unended":
                break
            else:  # a comment, a lone ">", a NUL
                continue
            if items is not None:
                items.append(value)
            else:
                stack.append(value)  # PDFPageInterpreter.push

    def pop(self, n: int) -> list:
        """PDFPageInterpreter.pop, taking the operands off the stack in place: it would make a new
        list (as do_scn and do_SCN pop), and `run` pushes onto the one it holds."""
        if n == 0:
            return []
        stack = self.argstack
        taken = stack[-n:]
        del stack[-n:]
        return taken

    def operate(self, keyword: bytes) -> None:
        """Run an operator on its operands, as PDFPageInterpreter.execute does (an unknown one
        leaves them on the stack; too few operands skip it, and are gone)."""
        operators = OPERATORS.setdefault(type(self), {})
        found = operators.get(keyword, False)
        if found is False:
            name = keyword.decode("utf-8", "ignore").replace("*", "_a").replace('"', "_w").replace("'", "_q")
            function = getattr(type(self), "do_" + name, None)
            found = operators[keyword] = None if function is None else (function, function.__code__.co_argcount - 1)
        if found is None:
            return
        function, count = found
        if count:
            args = self.pop(count)
            if len(args) == count:
                function(self, *args)
        else:
            function(self)


def name_literal(raw: bytes):
    """A name token's PSLiteral: #xx escapes decoded (a # without hex digits dropped), as
    PSBaseParser._parse_literal does."""
    if b"#" in raw:
        raw = NAME_HEX.sub(lambda pair: bytes((int(pair.group(1), 16),)) if pair.group(1) else b"", raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def hex_string(digits: bytes) -> bytes:
    """A hex string's bytes as PSBaseParser._parse_hexstring makes them: whitespace dropped, then
    pairs of digits, and a last odd digit taken alone (<414> is b"A\\x04", not b"A@")."""
    if len(digits) % 2 == 0 and not SPACES.search(digits):
        return bytes.fromhex(digits.decode("ascii"))
    return HEX_PAIR.sub(lambda pair: bytes((int(pair.group(0), 16),)), SPACES.sub(b"", digits))


def read_string(data: bytes, pos: int) -> tuple[bytes | None, int]:
    """A literal string with escapes or nested parentheses, from just after its "(": its bytes and
    the position after its ")", or None when the data ends first. PSBaseParser._parse_string and
    _parse_string_1: up to three octal digits, the escapes of ESCAPES, a backslash before an end of
    line (CR, LF or CRLF) joins lines, and a backslash before any other byte drops both."""
    out = bytearray()
    depth = 1
    end = len(data)
    while True:
        found = END_STRING.search(data, pos)
        if found is None:
            return None, end
        at = found.start()
        out += data[pos:at]
        byte = data[at]
        pos = at + 1
        if byte == 0x5C:  # backslash
            digits = 0
            while pos + digits < end and digits < 3 and data[pos + digits] in OCTAL:
                digits += 1
            if digits:
                code = int(data[pos:pos + digits], 8)
                if code >= 256:
                    raise AssertionError(f"Invalid octal {data[pos:pos + digits]!r} ({code})")
                out.append(code)
                pos += digits
                continue
            if pos >= end:
                return None, end
            escaped = data[pos]
            if escaped in ESCAPES:
                out.append(ESCAPES[escaped])
            elif escaped == 0x0D and data[pos + 1:pos + 2] == b"\n":
                pos += 1
            pos += 1
        elif byte == 0x28:  # (
            depth += 1
            out.append(byte)
        else:
            depth -= 1
            if not depth:
                return bytes(out), pos
            out.append(byte)


def inline_image(data: bytes, at: int, objs: list) -> tuple[PDFStream, int, bool]:
    """The inline image whose ID keyword starts at `at`: its stream (dict from `objs`), the
    position after its data and whether it is ASCII85 (its EI keyword still to come), found as PDFContentParser.get_inline_data finds it (the data starts
    three bytes after ID and ends at EI and one whitespace byte, or at ~> for ASCII85)."""
    spec = {literal_name(k): resolve1(v) for (k, v) in choplist(2, objs)}
    target = b"EI"
    filters = spec.get("F")
    if filters is not None:
        if isinstance(filters, PSLiteral):
            filters = [filters]
        if filters[0] in LITERALS_ASCII85_DECODE:
            target = b"~>"
    start = pos = at + 3
    matched = 0
    end = len(data)
    while matched <= len(target):
        if pos >= end:
            raise EndOfContent
        if matched:
            byte = data[pos]
            pos += 1
            if (matched >= len(target) and byte in WHITESPACE) or (matched < len(target) and byte == target[matched]):
                matched += 1
            else:
                matched = 0
        else:
            found = data.find(target[:1], pos)
            if found < 0:
                raise EndOfContent
            pos, matched = found + 1, 1
    raw = EOL_AT_END.sub(b"", data[start:pos][: -(len(target) + 1)])
    if target != b"EI":
        raw += target
    return PDFStream(spec, raw), pos, target != b"EI"
