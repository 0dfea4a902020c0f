import codecs

import pytest

from corpus.decoding import DecodeError, check_text, decode

TEXT = "学而时习之，不亦说乎？\n加强原创性、颠覆性科技创新。"
TRADITIONAL = "學而時習之，不亦說乎？加強原創性、顛覆性科技創新。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_it_reads_the_supported_encodings(data, encoding):
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_it_reads_gb18030_four_byte_characters():
    text = "生僻字𠀀与常用字的正文，" + "学习" * 20
    assert decode(text.encode("gb18030")).text == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"abc\x00def\x00\x01\x02", "binary"),
        (TEXT.encode("utf-16-le"), "binary"),  # UTF-16 without a BOM is full of NUL bytes
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "unsupported_encoding"),
        (TRADITIONAL.encode("big5"), "unsupported_encoding"),
        ("学びて時に之を習う、亦た説ばしからずや。".encode("shift_jis"), "unsupported_encoding"),
        ("Café crème, naïve façade, déjà vu".encode("latin-1"), "unsupported_encoding"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "unsupported_encoding"),
    ],
)
def test_it_refuses_what_it_cannot_read(data, code):
    with pytest.raises(DecodeError) as raised:
        decode(data)
    assert raised.value.code == code


def test_it_refuses_more_than_the_limit():
    with pytest.raises(DecodeError) as raised:
        decode(("字" * 100).encode("utf-8"), max_bytes=200)
    assert raised.value.code == "too_large"


def test_it_checks_pasted_text_the_same_way():
    assert check_text(TEXT) == TEXT
    for text, code in [
        ("", "empty"),
        (" \n ", "empty"),
        ("\x00\x01 \x7f", "empty"),
        ("字" * 100, "too_large"),
    ]:
        with pytest.raises(DecodeError) as raised:
            check_text(text, max_bytes=200)
        assert raised.value.code == code


def test_control_characters_are_removed_wherever_the_text_comes_from():
    """Pasted or in a file, a NUL, an escape sequence or a bidi override does not reach the
    database, a page or a terminal; tabs and line ends stay. (A pasted NUL used to refuse the
    whole text as binary while the same NUL 8 KB into a file was saved: now both lose it.)"""
    dirty = "标题\x00\n\t正文\x1b[31m红\x07字\u202e反\x85。\r\n"
    clean = "标题\n\t正文[31m红字反。\r\n"
    assert check_text(dirty) == clean
    late_nul = ("正文。" * 3000 + "\x00尾。").encode("utf-8")
    assert "\x00" not in decode(late_nul).text
    assert decode(dirty.replace("\x00", "").encode("utf-8")).text == clean
    with pytest.raises(DecodeError) as raised:
        decode(b"abc\x00def")
    assert raised.value.code == "binary"
