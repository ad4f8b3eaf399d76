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
# A tone on the second vowel of an open oa/oe/uy rhyme (NFC): the words holding one are the only
# ones examined closely.  A tone already on the first vowel (``hòa``) is the style we keep.  The
# scan looks for these two-letter pairs (rare) and only then widens to the word around each,
# which is far cheaper than matching a word pattern at every word of the page.
_SECOND_VOWEL_TONE = re.compile(r"[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ]")
# Ligatures expanded, and invisible format characters that break matching removed: soft
# hyphen, zero-width space/joiners, BOM, bidi marks.
_TRANSLATION = {
    **{ord(k): v for k, v in {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                              "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}.items()},
    **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f")),
}
# ``str.translate`` with a dict costs a lookup per character; most text has none of these.
_TRANSLATABLE = re.compile("[" + "".join(map(chr, sorted(_TRANSLATION))) + "]")
# Control characters except tab and newline, surrogates, private use, non-characters.
_MEANINGLESS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
    "\U000f0000-\U0010ffff]"
)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_HYPHEN_BREAK = re.compile(r"(?<=\w)[-\u2010\u00ad]\n(?=[^\W\d_])")
_LINE_END_HYPHENS = ("-\n", "\u2010\n", "\u00ad\n")


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
    pieces: list[str] = []
    done = 0  # text before this index is already in ``pieces``
    for match in _SECOND_VOWEL_TONE.finditer(text):
        if match.start() < done:
            continue  # a second pair inside a word already handled
        start, end = match.start(), match.end()
        while start > done and _is_word_letter(text[start - 1]):
            start -= 1
        while end < len(text) and _is_word_letter(text[end]):
            end += 1
        pieces += (text[done:start], _retone_word(text[start:end]))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _is_word_letter(char: str) -> bool:
    """A letter of a word as regular expressions' ``[^\\W\\d_]`` sees it (numerals included)."""
    return char.isalnum() and not char.isdecimal()


def normalise_text(text: str) -> str:
    """NFC, traditional tone placement, no control characters, tidy whitespace.

    Line breaks are kept (a single newline inside a paragraph, at most one blank line between
    paragraphs); runs of spaces and tabs become one space; lines are stripped.  Private-use code
    points and non-characters are removed too: they are glyphs without a meaning.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if _TRANSLATABLE.search(text):
        text = text.translate(_TRANSLATION)
    text = _MEANINGLESS.sub("", unicodedata.normalize("NFC", text))
    text = normalise_tone_placement(text)
    # str.split() knows the same whitespace as the regex ``\s`` and is several times faster.
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def join_hyphenated_lines(text: str) -> str:
    """Undo hyphenation at line ends (``infor-\\nmation`` → ``information``).

    Only when a letter precedes the hyphen and a letter follows on the next line; the joined
    word keeps the line break after it so line structure survives roughly.
    """
    if not any(hyphen in text for hyphen in _LINE_END_HYPHENS):
        return text  # the usual case, found without running the pattern
    return _HYPHEN_BREAK.sub("", text)


def fold_diacritics(text: str) -> str:
    """Lower-case, accent-free form for a folded index field (``Đường`` → ``duong``).

    Lossy on purpose: ``bàn bạn bản bán ban`` all become ``ban``.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).lower()
