"""decode_upload, content_hash and check_size: untrusted uploads become clean text or a
clear refusal."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.ingestion.text import (
    BinaryContent,
    ContentTooLarge,
    EmptyContent,
    UndecodableText,
    UploadError,
    check_size,
    content_hash,
    decode_upload,
)


def test_decodes_utf8():
    assert decode_upload("Caf\u00e9 \u2014 45 %".encode()) == "Caf\u00e9 \u2014 45 %"


def test_normalizes_newlines():
    assert decode_upload(b"one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_strips_the_utf8_bom():
    assert decode_upload(codecs.BOM_UTF8 + b"hello") == "hello"


def test_normalizes_to_nfc():
    decomposed = "Cafe\u0301".encode()
    assert decode_upload(decomposed) == "Caf\u00e9"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_decodes_utf16_and_utf32_with_a_bom(encoding):
    assert decode_upload("Bonjour \u00e0 tous".encode(encoding)) == "Bonjour \u00e0 tous"


def test_uses_the_declared_charset():
    assert (
        decode_upload("Caf\u00e9".encode("latin-1"), declared_charset="ISO-8859-1") == "Caf\u00e9"
    )


def test_an_unknown_declared_charset_falls_back_to_utf8():
    assert decode_upload(b"plain", declared_charset="no-such-charset") == "plain"


def test_non_utf8_without_a_declared_charset_is_refused():
    with pytest.raises(UndecodableText, match="not valid utf-8"):
        decode_upload("Caf\u00e9".encode("latin-1"))


def test_bytes_invalid_in_the_declared_charset_are_refused():
    with pytest.raises(UndecodableText, match="ascii"):
        decode_upload("Caf\u00e9".encode(), declared_charset="ascii")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data, kind):
    with pytest.raises(BinaryContent, match=kind):
        decode_upload(data)


def test_nul_bytes_are_refused():
    with pytest.raises(BinaryContent, match="NUL"):
        decode_upload(b"looks like text\x00but is not")


def test_many_control_characters_are_refused():
    with pytest.raises(BinaryContent, match="control"):
        decode_upload(b"text" + b"\x01\x02\x03\x1b" * 50)


def test_a_stray_control_character_is_dropped():
    assert decode_upload(b"It said \x1bhello.") == "It said hello."


def test_form_feeds_become_newlines():
    assert decode_upload(b"page one\x0cpage two") == "page one\npage two"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", codecs.BOM_UTF8])
def test_empty_content_is_refused(data):
    with pytest.raises(EmptyContent):
        decode_upload(data)


def test_content_over_the_cap_is_refused(settings):
    settings.INGEST_MAX_BYTES = 2048
    decode_upload(b"a" * 2048)
    with pytest.raises(ContentTooLarge, match="limit"):
        decode_upload(b"a" * 2049)


def test_check_size_accepts_bytes_text_and_counts(settings):
    settings.INGEST_MAX_BYTES = 4
    check_size(b"abcd")
    check_size("abcd")
    check_size(4)
    for too_big in (b"abcde", "\u00e9\u00e9\u00e9", 5):  # three e-acute are six UTF-8 bytes
        with pytest.raises(ContentTooLarge):
            check_size(too_big)
    check_size(b"abcdefgh", limit=8)


def test_errors_carry_a_code_and_message():
    with pytest.raises(UploadError) as caught:
        decode_upload(b"%PDF-1.4")
    assert caught.value.code == "binary"
    assert "Upload HTML or plain text" in caught.value.message


def test_content_hash_ignores_whitespace_differences():
    assert content_hash("One  two\r\nthree\n") == content_hash("One two three")
    assert content_hash("Para one.\n\nPara two.") == content_hash("Para one. Para two.")


def test_content_hash_sees_real_changes():
    assert content_hash("45 percent") != content_hash("46 percent")


def test_content_hash_is_nfc_insensitive():
    assert content_hash("Cafe\u0301") == content_hash("Caf\u00e9")


def test_content_hash_is_sha256_hex():
    digest = content_hash("x")
    assert len(digest) == 64
    assert int(digest, 16) >= 0


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin-1", "bogus", "utf-16"]))
def test_arbitrary_bytes_decode_or_are_refused_cleanly(data, charset):
    try:
        text = decode_upload(data, declared_charset=charset)
    except UploadError as exc:
        assert exc.message
        return
    assert "\x00" not in text
    assert "\r" not in text
    assert not text.startswith("\ufeff")
    assert text.strip()


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_decoding_utf8_text_is_stable(text):
    try:
        once = decode_upload(text.encode("utf-8", "surrogatepass"))
    except UploadError:
        return
    assert decode_upload(once.encode()) == once
