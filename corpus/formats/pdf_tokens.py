"""PDF content-stream tokens and stream filters, read in C-speed steps.

pdfminer.six's PSBaseParser reads a content stream byte by byte in Python; that was most
of the cost of reading a page. Here one regular expression cuts a whole stream into
tokens (`tokens`), literal strings are unescaped by Python's codec where PDF and Python
escapes agree (`unescape`), and ASCII85, which reportlab wraps every page in, is decoded
with big-integer arithmetic instead of a loop over five-character groups (`ascii85`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

# One token after any whitespace: a bare word (number or operator), a name, a literal
# string without nested parentheses, a literal that has them (read by read_literal),
# a hex string, an opening or closing bracket, or a comment (all groups empty).
TOKEN = re.compile(
    rb"\s*(?:([^\s()<>\[\]{}/%]+)|(/[^\s()<>\[\]{}/%]*)|(\((?:[^\\()]+|\\.)*\))|(\()"
    rb"|(<[0-9A-Fa-f\s]*>)|(<<|\[)|(>>|\])|%[^\r\n]*|[)}{])",
    re.DOTALL,
)
NESTED = itemgetter(3)  # the group of a literal string with nested parentheses
NUMBER_START = frozenset(b"+-.0123456789")
LITERAL_PIECE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n?|\n)|(.))|([()])", re.DOTALL)
LITERAL_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
# Escapes that Python's unicode_escape codec reads as PDF does (\ddd \n \r \t \b \f \\).
ODD_ESCAPE = re.compile(rb"\\[^0-7nrtbf\\]")
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
INLINE_IMAGE_END = re.compile(rb"\sEI(?=\s|$)")
WHITESPACE = re.compile(rb"\s+")
FILTERS = {"FlateDecode": "flate", "Fl": "flate", "ASCII85Decode": "a85", "A85": "a85"}
ASCII85_DIGITS = bytes(range(33, 118))
ASCII85_VALUES = bytes((code - 33) % 256 for code in range(256))


def ascii85(data: bytes) -> bytes:
    """ASCII85 (PDF 32000-1, 7.4.3) decoded in C-speed steps: base64.a85decode loops in
    Python over every five characters, which made it the slowest part of reading a page
    reportlab wrote. Each of the five digit positions of all groups at once becomes one
    big integer (a digit per 32-bit word); Horner's rule over the five gives every group's
    word, which cannot carry into the next for valid data."""
    if (end := data.find(b"~>")) != -1:
        data = data[:end]
    data = WHITESPACE.sub(b"", data.removeprefix(b"<~")).replace(b"z", b"!!!!!")
    if data.translate(None, ASCII85_DIGITS):
        raise ValueError("not ASCII85")
    padding = -len(data) % 5
    data += b"u" * padding
    digits = data.translate(ASCII85_VALUES)
    words = bytearray(len(data) // 5 * 4)
    value = 0
    for position in range(5):
        words[3::4] = digits[position::5]
        value = value * 85 + int.from_bytes(words, "big")
    out = value.to_bytes(len(words), "big")
    return out[: len(out) - padding]


def unescape(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw
    # The token pattern leaves no unescaped parenthesis in `raw`, so every "\(" here is
    # an escape, and the C codec can do the rest unless an escape reads differently there.
    escaped = raw.replace(b"\\(", b"(").replace(b"\\)", b")")
    # Escapes read left to right, so dropping the escaped backslashes first leaves only
    # backslashes that start an escape.
    if not ODD_ESCAPE.search(escaped.replace(b"\\\\", b"")):
        try:
            return escaped.decode("unicode_escape").encode("latin-1")
        except (UnicodeDecodeError, UnicodeEncodeError):
            pass  # an octal escape over \377: the slow way wraps it as PDF says
    return read_literal(raw + b")", 0)[0]


def read_literal(data: bytes, pos: int) -> tuple[bytes, int]:
    """A literal string from just after its "(" to its matching ")", escape by escape."""
    out = bytearray()
    depth = 0
    for piece in LITERAL_PIECE.finditer(data, pos):
        out += data[pos : piece.start()]
        pos = piece.end()
        octal, _newline, other, paren = piece.groups()
        if paren == b")" and depth == 0:
            return bytes(out), pos
        if paren:
            depth += 1 if paren == b"(" else -1
            out += paren
        elif octal:
            out.append(int(octal, 8) & 0xFF)
        elif other:
            out += LITERAL_ESCAPES.get(other, other)
    return bytes(out + data[pos:]), len(data)


def tokens(data: bytes) -> Iterator[tuple[bytes, ...]] | list[tuple[bytes, ...]]:
    """All tokens at once when the stream allows (the usual case), else one at a time,
    skipping inline image data and reading nested literals on the way."""
    found = TOKEN.findall(data)
    if b"ID" not in data and not any(map(NESTED, found)):
        return found
    return tokens_slowly(data)


def tokens_slowly(data: bytes) -> Iterator[tuple[bytes, ...]]:
    pos, end = 0, len(data)
    while pos < end:
        token = TOKEN.match(data, pos)
        if token is None:
            pos += 1  # a byte no token starts with
            continue
        pos = token.end()
        groups = token.groups()
        if groups[3]:
            # Handed on raw, parentheses and all, like any other literal: unescape()
            # reads it (its slow path keeps count of the nesting).
            start = token.start(4)
            _, pos = read_literal(data, pos)
            yield (b"", b"", data[start:pos], b"", b"", b"", b"")
            continue
        yield groups
        if groups[0] == b"ID":
            image_end = INLINE_IMAGE_END.search(data, pos)
            pos = image_end.end() if image_end else end


def name(raw: bytes) -> str:
    if b"#" in raw:
        raw = NAME_ESCAPE.sub(lambda hit: bytes([int(hit[1], 16)]), raw)
    return raw[1:].decode("latin-1")


def hex_string(token: bytes) -> bytes:
    """<48656C6C6F> to its bytes; a missing last digit is a zero (PDF 32000-1, 7.3.4.3)."""
    digits = WHITESPACE.sub(b"", token[1:-1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
