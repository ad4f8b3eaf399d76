"""Text cleaning for harvested metadata: encodings repaired, Vietnamese normalised.

Built on ``ocr_pipeline.vietnamese`` (NFC, one tone placement, legacy-font conversion,
UTF-8-as-cp1252 repair). What this adds is harvest-specific: Latin-1 C1 controls mapped back
before repair, HTML stripped from abstracts, replacement characters refused (reported, never
stored), language codes normalised to ISO 639-1, and a warning for every repair.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from ocr_pipeline.vietnamese import (
    LegacyEncoding,
    convert_legacy,
    detect_legacy_encoding,
    normalise_text,
    repair_mojibake,
)

__all__ = [
    "CleanText",
    "clean_text",
    "detect_legacy",
    "guess_language",
    "html_to_text",
    "normalise_language",
]

_C1_TABLE: dict[int, str] = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323\u1ea0-\u1ef9]")
_VIETNAMESE_UNICODE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_LANGUAGES = {
    "vi": ("vi", "vie", "vietnamese", "tiếng việt", "tieng viet", "việt", "viet", "vn"),
    "en": ("en", "eng", "english", "tiếng anh", "tieng anh", "anh"),
    "fr": ("fr", "fra", "fre", "french", "tiếng pháp", "français"),
    "ru": ("ru", "rus", "russian", "tiếng nga"),
    "zh": ("zh", "zho", "chi", "chinese", "tiếng trung", "tiếng hoa"),
    "ja": ("ja", "jpn", "japanese", "tiếng nhật"),
    "ko": ("ko", "kor", "korean", "tiếng hàn"),
    "de": ("de", "deu", "ger", "german", "tiếng đức"),
}
_LANGUAGE_LOOKUP = {
    unicodedata.normalize("NFC", name): code for code, names in _LANGUAGES.items() for name in names
}


class CleanText(str):
    """A cleaned string that remembers which repairs were made (``.warnings``)."""

    warnings: tuple[str, ...]

    def __new__(cls, value: str, warnings: tuple[str, ...] = ()) -> CleanText:
        obj = super().__new__(cls, value)
        obj.warnings = warnings
        return obj


def clean_text(
    value: str, *, strip_html: bool = False, legacy: LegacyEncoding | None = None
) -> CleanText:
    """Repair encodings, drop replacement characters (with a warning), normalise Vietnamese.

    ``legacy`` is the record-level verdict of ``detect_legacy_encoding`` (short fields such as
    an author name are too short to judge alone); without it each field is judged by itself.
    """
    warnings: list[str] = []
    text = html_to_text(value) if strip_html else value
    if text.isascii() and text.isprintable() and "  " not in text:
        # Fast path (about half of all fields): nothing to repair, NFC or re-tone in plain
        # printable ASCII, so normalise_text would only strip the ends.
        return CleanText(text.strip())
    text = unicodedata.normalize("NFC", text)
    if any(0x80 <= ord(ch) < 0xA0 for ch in text):
        text = text.translate(_C1_TABLE)
    repaired = repair_mojibake(text)
    if repaired != text:
        warnings.append("mojibake_repaired")
        text = repaired
    if legacy is None or _VIETNAMESE_UNICODE.search(text) or text.isascii():
        legacy = detect_legacy(text)
    if legacy is not None:
        warnings.append(f"{legacy}_converted")
        text = convert_legacy(text, legacy)
    if "\ufffd" in text:
        warnings.append("replacement_character_removed")
        text = text.replace("\ufffd", "")
    return CleanText(normalise_text(text), tuple(warnings))


_NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "oo",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "uy",
    "ưa",
    "ưi",
    "ươ",
    "ưu",
    "yê",
    "iêu",
    "oai",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "uya",
    "uyê",
    "uyu",
    "ươi",
    "ươu",
    "yêu",
]
_STRICT_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    f"({'|'.join(sorted(_NUCLEI, key=len, reverse=True))})"
    r"(ng|nh|ch|[cmnpt])?$"
)


def _well_formed(word: str) -> bool:
    """Strict Vietnamese syllable check: real vowel clusters, at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in "\u0300\u0301\u0303\u0309\u0323"]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in tones))
    return bool(_STRICT_SYLLABLE.match(bare))


def _valid_syllables(text: str) -> int:
    """Well-formed minus malformed syllables among the words with marks."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    valid = sum(1 for word in words if _well_formed(word))
    return 2 * valid - len(words)


def detect_legacy(text: str) -> LegacyEncoding | None:
    """``detect_legacy_encoding``, then a tie-break: the conversion giving more well-formed
    Vietnamese syllables wins (the shared detector can mistake VNI for TCVN3 when both
    marker sets score equally, e.g. "Hoaø nhaäp xaõ hoäi")."""
    verdict = detect_legacy_encoding(text)
    if verdict is None:
        return None
    other: LegacyEncoding = "vni" if verdict == "tcvn3" else "tcvn3"
    if _valid_syllables(convert_legacy(text, other)) > _valid_syllables(
        convert_legacy(text, verdict)
    ):
        return other
    return verdict


def normalise_language(value: str) -> str:
    """ISO 639-1 code for the many spellings repositories use; "" when unknown."""
    key = unicodedata.normalize("NFC", value).strip().lower().replace("_", "-")
    if key in _LANGUAGE_LOOKUP:
        return _LANGUAGE_LOOKUP[key]
    primary = key.split("-", 1)[0]
    return _LANGUAGE_LOOKUP.get(primary, "")


def guess_language(text: str) -> str:
    """ "vi" when Vietnamese letters or marks occur, "en" for plain Latin text, else ""."""
    nfd = unicodedata.normalize("NFD", text)
    if _VIETNAMESE_LETTERS.search(text) or _VIETNAMESE_LETTERS.search(nfd):
        return "vi"
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(ch.isascii() for ch in letters):
        return "en"
    return ""


class _TextCollector(HTMLParser):
    _BLOCKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment (scripts and styles dropped); plain text passes through."""
    if "<" not in value and "&" not in value:
        return value
    if "<" not in value:
        return html.unescape(value)
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    return re.sub(r"\n\s*\n+", "\n\n", "".join(collector.parts)).strip()
