"""Vietnamese text normalisation shared by the OCR pipeline and the harvesters.

Search only works if every string that reaches the index and every query are spelt the same way:
NFC, one tone-mark placement, no stray control characters, tidy whitespace.  This module is pure
(no I/O, no third-party imports) so ``harvesters/`` can import it without pulling in PDF tooling.

Tone placement.  Vietnamese has two conventions for the open rhymes ``oa``, ``oe`` and ``uy``:
the traditional one puts the mark on the first vowel (``hòa``, ``khỏe``, ``thúy``), the "new"
one (Bộ Giáo dục 1984) on the second (``hoà``, ``khoẻ``, ``thuý``).  We choose the TRADITIONAL
placement (``hòa``, ``khỏe``, ``thúy``): it is what Unikey and most keyboards type by default, so
most existing text and most users' queries already use it and need no rewrite.  Both styles agree
everywhere else (``hoàng``, ``thuyết``, ``quý``, ``giá``), which the rule below leaves untouched.
"""

from __future__ import annotations

import re
import unicodedata

from ocr_pipeline.legacy_encoding import (
    LegacyEncoding,
    convert_legacy,
    detect_legacy_encoding,
    encode_legacy,
    encoding_from_font_names,
    is_vietnamese_syllable,
    repair_mojibake,
)

__all__ = [
    "LegacyEncoding",
    "convert_legacy",
    "detect_legacy_encoding",
    "encode_legacy",
    "encoding_from_font_names",
    "fold_diacritics",
    "is_vietnamese_syllable",
    "join_hyphenated_lines",
    "normalise_text",
    "normalise_tone_placement",
    "repair_mojibake",
]

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Onsets that can precede the rhymes oa/oe/uy; "qu" and "gi" are excluded because there the
# u/i belongs to the onset ("quý", "giá") and the mark already sits where both styles put it.
_OPEN_RHYME = re.compile(
    r"^(ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnprstvx])?(o[\u0300\u0301\u0303\u0309\u0323]?a|"
    r"o[\u0300\u0301\u0303\u0309\u0323]?e|u[\u0300\u0301\u0303\u0309\u0323]?y)"
    r"[\u0300\u0301\u0303\u0309\u0323]?$",
    re.IGNORECASE,
)
# Words that might hold a toned open oa/oe/uy rhyme (NFC); only these are examined closely.
# Matching starts only at a word's first letter: a miss there is a miss for the whole word, and
# trying every later position made this scan quadratic in the word length.
_RETONE_CANDIDATE = re.compile(
    r"(?<![^\W\d_])[^\W\d_]*(?:o[àáảãạèéẻẽẹ]|[òóỏõọ][ae]|u[ỳýỷỹỵ]|[ùúủũụ]y)[^\W\d_]*",
    re.IGNORECASE,
)
# Ligatures expanded, and invisible format characters that break matching removed: soft
# hyphen, zero-width space/joiners, BOM, bidi marks.
_TRANSLATION = {
    **{ord(k): v for k, v in {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                              "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}.items()},
    **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f")),
}
# Control characters except tab and newline, surrogates, private use, non-characters.
_MEANINGLESS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
    "\U000f0000-\U0010ffff]"
)
_HSPACE = re.compile(r"[^\S\n]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_HYPHEN_BREAK = re.compile(r"(\w)[-\u2010\u00ad]\n(?=[^\W\d_])", re.UNICODE)


def _retone_word(word: str) -> str:
    """Move the tone of an open ``oa``/``oe``/``uy`` rhyme onto its first vowel."""
    decomposed = unicodedata.normalize("NFD", word)
    if sum(ch in _TONE_MARKS for ch in decomposed) != 1:
        return word
    match = _OPEN_RHYME.match(decomposed)
    if match is None:
        return word
    rhyme = match.group(2)
    tone = next(ch for ch in decomposed if ch in _TONE_MARKS)
    bare = rhyme.replace(tone, "")
    moved = bare[0] + tone + bare[1:]
    start = match.start(2)
    rebuilt = decomposed[:start] + moved
    return unicodedata.normalize("NFC", rebuilt)


def normalise_tone_placement(text: str) -> str:
    """Rewrite ``hoà``/``khoẻ``/``thuý`` as ``hòa``/``khỏe``/``thúy``; all else unchanged."""
    return _RETONE_CANDIDATE.sub(lambda m: _retone_word(m.group(0)), text)


def normalise_text(text: str) -> str:
    """NFC, traditional tone placement, no control characters, tidy whitespace.

    Line breaks are kept (a single newline inside a paragraph, at most one blank line between
    paragraphs); runs of spaces and tabs become one space; lines are stripped.  Private-use code
    points and non-characters are removed too: they are glyphs without a meaning.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _MEANINGLESS.sub("", unicodedata.normalize("NFC", text.translate(_TRANSLATION)))
    text = normalise_tone_placement(text)
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def join_hyphenated_lines(text: str) -> str:
    """Undo hyphenation at line ends (``infor-\\nmation`` → ``information``).

    Only when a letter precedes the hyphen and a letter follows on the next line; the joined
    word keeps the line break after it so line structure survives roughly.
    """
    return _HYPHEN_BREAK.sub(r"\1", text)


def fold_diacritics(text: str) -> str:
    """Lower-case, accent-free form for a folded index field (``Đường`` → ``duong``).

    Lossy on purpose: ``bàn bạn bản bán ban`` all become ``ban``.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).lower()
