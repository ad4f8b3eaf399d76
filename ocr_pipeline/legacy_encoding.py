"""Repair Vietnamese text that was set in pre-Unicode fonts or decoded with the wrong codec.

Old Vietnamese documents were typeset in TCVN3 (TCVN 5712:1993 "VN3", the ABC fonts such as
``.VnTime``) or VNI fonts (``VNI-Times``).  Those fonts draw Vietnamese letters at code points that
a PDF text layer reports as Western (cp1252/Latin-1) characters, so extraction yields mojibake
such as ``Céng hßa X· héi`` (TCVN3) or ``Coäng hoøa xaõ hoäi`` (VNI).  No charset detector notices:
we recognise it from font names and character statistics, and convert it back.

The tables below were written from the published code charts: TCVN 5712:1993 VN3 (single byte per
letter; only lower-case toned letters, capitals come from separate "H" fonts such as
``.VnTimeH``) and the VNI Windows layout (a base letter followed by one or two "mark" bytes).
A separate, unrelated failure is UTF-8 bytes decoded as cp1252 (``Viá»‡t``): ``repair_mojibake``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Literal

LegacyEncoding = Literal["tcvn3", "vni"]

# --- TCVN3 (VN3): one byte per letter --------------------------------------------------------
_TCVN3_LETTERS = (
    "à µ|á ¸|ả ¶|ã ·|ạ ¹|ă ¨|ằ »|ắ ¾|ẳ ¼|ẵ ½|ặ Æ|â ©|ầ Ç|ấ Ê|ẩ È|ẫ É|ậ Ë|đ ®|"
    "è Ì|é Ð|ẻ Î|ẽ Ï|ẹ Ñ|ê ª|ề Ò|ế Õ|ể Ó|ễ Ô|ệ Ö|ì ×|í Ý|ỉ Ø|ĩ Ü|ị Þ|"
    "ò ß|ó ã|ỏ á|õ â|ọ ä|ô «|ồ å|ố è|ổ æ|ỗ ç|ộ é|ơ ¬|ờ ê|ớ í|ở ë|ỡ ì|ợ î|"
    "ù ï|ú ó|ủ ñ|ũ ò|ụ ô|ư \u00ad|ừ õ|ứ ø|ử ö|ữ ÷|ự ù|ỳ ú|ý ý|ỷ û|ỹ ü|ỵ þ|"
    "Ă ¡|Â ¢|Ê £|Ô ¤|Ơ ¥|Ư ¦|Đ §"
)
UNICODE_TO_TCVN3: Mapping[str, str] = {
    pair[0]: pair[2] for pair in _TCVN3_LETTERS.split("|")
}
TCVN3_TO_UNICODE: Mapping[str, str] = {v: k for k, v in UNICODE_TO_TCVN3.items()}

# --- VNI Windows: base letter + mark byte(s) -------------------------------------------------
# Tone marks (lower, upper): grave, acute, hook, tilde, dot below.
_VNI_TONES = {"\u0300": ("ø", "Ø"), "\u0301": ("ù", "Ù"), "\u0309": ("û", "Û"),
              "\u0303": ("õ", "Õ"), "\u0323": ("ï", "Ï")}
# Circumflex alone and fused with each tone (â, ầ, ấ, ẩ, ẫ, ậ).
_VNI_CIRCUMFLEX = {"": ("â", "Â"), "\u0300": ("à", "À"), "\u0301": ("á", "Á"),
                   "\u0309": ("å", "Å"), "\u0303": ("ã", "Ã"), "\u0323": ("ä", "Ä")}
# Breve alone and fused with each tone (ă, ằ, ắ, ẳ, ẵ, ặ).
_VNI_BREVE = {"": ("ê", "Ê"), "\u0300": ("è", "È"), "\u0301": ("é", "É"),
              "\u0309": ("ú", "Ú"), "\u0303": ("ü", "Ü"), "\u0323": ("ë", "Ë")}
# Letters drawn by a single glyph: i with tones, ơ, ư, đ; ỵ uses its own dot glyph.
_VNI_SINGLE = {"ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ơ": "ô", "ư": "ö", "đ": "ñ",
               "Ì": "Ì", "Í": "Í", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò", "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ"}
_VNI_Y_DOT = ("î", "Î")
_TONES = frozenset(_VNI_TONES)


def _vni_for_letter(letter: str) -> str:
    """VNI spelling of one precomposed Vietnamese letter (identity for anything else)."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    parts = unicodedata.normalize("NFD", letter)
    base, marks = parts[0], parts[1:]
    if not marks or base.lower() not in "aeiouy":
        return letter
    upper = 1 if base.isupper() else 0
    tone = next((m for m in marks if m in _TONES), "")
    if "\u031b" in marks:  # horn: ơ/ư take their single glyph, tone follows
        stem = _VNI_SINGLE[unicodedata.normalize("NFC", base + "\u031b")]
        return stem + (_VNI_TONES[tone][upper] if tone else "")
    if "\u0302" in marks:
        return base + _VNI_CIRCUMFLEX[tone][upper]
    if "\u0306" in marks:
        return base + _VNI_BREVE[tone][upper]
    if base.lower() == "y" and tone == "\u0323":
        return base + _VNI_Y_DOT[upper]
    if base.lower() == "i":
        return _VNI_SINGLE.get(unicodedata.normalize("NFC", base + tone), letter)
    return base + _VNI_TONES[tone][upper] if tone else letter


def _vietnamese_letters() -> Iterable[str]:
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY":
        for tone in ("", *_TONES):
            yield unicodedata.normalize("NFC", base + tone)
    yield from "đĐ"


UNICODE_TO_VNI: Mapping[str, str] = {
    ch: _vni_for_letter(ch) for ch in _vietnamese_letters() if _vni_for_letter(ch) != ch
}
# Longest sequences first so "aá" wins over a lone "a".
_VNI_SEQUENCES = sorted(((v, k) for k, v in UNICODE_TO_VNI.items()), key=lambda p: -len(p[0]))
_VNI_PATTERN = re.compile("|".join(re.escape(seq) for seq, _ in _VNI_SEQUENCES))
_VNI_DECODE: Mapping[str, str] = dict(_VNI_SEQUENCES)


def encode_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Spell Unicode Vietnamese as a legacy font shows it through cp1252 (test material, audits).

    TCVN3 has no toned capitals: capitals are folded to lower case, as typists using ``.VnTime``
    did (they switched to a ``.VnTimeH`` font to see capitals).
    """
    nfc = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        return "".join(UNICODE_TO_TCVN3.get(ch, UNICODE_TO_TCVN3.get(ch.lower(), ch)) for ch in nfc)
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in nfc)


def convert_legacy(text: str, encoding: LegacyEncoding, *, capitals_font: bool = False) -> str:
    """Turn TCVN3 or VNI mojibake back into NFC Unicode.

    ``capitals_font`` is for TCVN3 text set in an "H" font (``.VnTimeH``), whose glyphs at the
    lower-case positions are capitals.
    """
    if encoding == "tcvn3":
        out = _restore_hyphenated_u(
            unicodedata.normalize("NFC", "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text)))
        out = out.upper() if capitals_font else out
    else:
        out = _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)
    return unicodedata.normalize("NFC", out)


_HYPHEN_IN_WORD = re.compile(r"[^\W\d_]*-[^\W\d_]*(?:-[^\W\d_]*)*")


def _restore_u_in(match: re.Match[str]) -> str:
    token = match.group(0)
    parts = [part for part in token.split("-") if part]
    if not parts or all(is_vietnamese_syllable(part) for part in parts):
        return token  # a real hyphen between syllables ("lúa-tôm") or a lone dash
    candidate = token.replace("-", "ư")
    return candidate if is_vietnamese_syllable(candidate) else token


def _restore_hyphenated_u(text: str) -> str:
    """Put back TCVN3's ``ư`` where the extractor turned its byte (0xAD) into a hyphen.

    TCVN3 stores ``ư`` at 0xAD, which WinAnsi calls a (soft) hyphen; pdfium and pdfminer both
    report ``-``.  Inside a word, a hyphen that makes a valid syllable as ``ư`` (``v-ợt`` →
    ``vượt``, ``ng-ỡng`` → ``ngưỡng``) and not as two syllables is that letter.
    """
    return _HYPHEN_IN_WORD.sub(_restore_u_in, text)


# --- detection -------------------------------------------------------------------------------
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
_NUCLEUS = r"(?:[aăâeêioôơuưy]{1,3})"
_CODA = r"(?:ng|nh|ch|[cmnpt])?"
_SYLLABLE = re.compile(rf"^{_ONSET}{_NUCLEUS}{_CODA}$")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'“”‘’/\\<>=+*&%$#@|_~^`-]+")
# Letters only Vietnamese Unicode text has (outside Latin-1): their presence means "already fine".
_UNICODE_VIETNAMESE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_TCVN3_MARKERS = frozenset(TCVN3_TO_UNICODE)
_VNI_MARKERS = frozenset("".join(UNICODE_TO_VNI.values())) - frozenset("aeiouyAEIOUY")
# VNI first: "VNI-Times" would otherwise also look like a ".Vn..." name.
_ANY_MARKER = re.compile(
    "[" + re.escape("".join(sorted(_TCVN3_MARKERS | _VNI_MARKERS))) + "]"
)
_FONT_HINTS: tuple[tuple[re.Pattern[str], LegacyEncoding], ...] = (
    (re.compile(r"(^|\+)vni[-_ ]", re.IGNORECASE), "vni"),
    (re.compile(r"(^|\+)\.?vn[a-z]", re.IGNORECASE), "tcvn3"),
)


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like one Vietnamese syllable (onset, vowels, coda, ≤1 tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.match(toneless))


def _marker_pattern(markers: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(markers))) + "]")


_TCVN3_MARKER = _marker_pattern(_TCVN3_MARKERS)
_VNI_MARKER = _marker_pattern(_VNI_MARKERS)


def _score(words: list[str], marker: re.Pattern[str], encoding: LegacyEncoding) -> float:
    """Share of all words that carry this encoding's markers and convert into a syllable."""
    hits = 0
    for word in words:
        if marker.search(word):
            converted = convert_legacy(word, encoding)
            hits += is_vietnamese_syllable(converted) and not marker.search(converted)
    return hits / len(words)


def encoding_from_font_names(font_names: Iterable[str]) -> LegacyEncoding | None:
    """Legacy encoding implied by a font name (``ABCDEF+.VnTime`` → tcvn3, ``VNI-Times`` → vni)."""
    for name in font_names:
        for pattern, encoding in _FONT_HINTS:
            if pattern.search(name):
                return encoding
    return None


def is_unicode_vietnamese(text: str, words: list[str] | None = None) -> bool:
    """Text already written with Unicode Vietnamese letters (outside Latin-1) is never mojibake:
    legacy fonts only ever produce Latin-1 characters."""
    return _words_unless_unicode_vietnamese(text, words) is None


def _words_unless_unicode_vietnamese(
    text: str, words: list[str] | None = None
) -> list[str] | None:
    """``None`` for Unicode Vietnamese text (its letters outside Latin-1 number more than one in
    twenty words), else the text's words, split here unless given."""
    found = len(_UNICODE_VIETNAMESE.findall(text))
    if words is None:
        # Words need a separator between them, so n characters hold at most (n + 1) // 2: when
        # even that many words would not outnumber the letters found twenty to one, the (slower)
        # split cannot change the answer.  Real Vietnamese pages are settled here.
        if found > 0.05 * ((len(text) + 1) // 2):
            return None
        words = _WORD.findall(text)
    return None if found > len(words) * 0.05 else words


def detect_legacy_encoding(
    text: str, font_names: Iterable[str] = ()
) -> LegacyEncoding | None:
    """Guess whether ``text`` is TCVN3 or VNI mojibake; ``None`` when it looks like real text.

    Character statistics decide: in Vietnamese prose about half the syllables carry a mark, so
    mojibake has many words holding the encoding's marker characters, and converting those words
    must give well-formed syllables (German ``Größe`` or French ``été`` do not).  A matching font
    name lowers the bar, since then even a short heading counts.
    """
    marker_count = len(_ANY_MARKER.findall(text))
    if marker_count < 2:
        return None  # fast path: ordinary text has next to no candidate characters
    words = _words_unless_unicode_vietnamese(text)
    if not words:
        return None  # already Unicode Vietnamese, or no words at all
    hinted = encoding_from_font_names(font_names)
    if hinted is None and marker_count < 0.15 * len(words):
        # Fewer marker characters than the 15% of words the verdict below needs (German or
        # French prose): no encoding can qualify, so skip scoring word by word.
        return None
    scores = {
        "tcvn3": _score(words, _TCVN3_MARKER, "tcvn3"),
        "vni": _score(words, _VNI_MARKER, "vni"),
    }
    best: LegacyEncoding = "tcvn3" if scores["tcvn3"] >= scores["vni"] else "vni"
    if hinted is not None and scores[hinted] > 0:
        return hinted
    if scores[best] >= 0.15 and scores[best] * len(words) >= 3:
        return best
    return None


# --- UTF-8 read as cp1252 --------------------------------------------------------------------
_CP1252_BYTE = {bytes([b]).decode("cp1252", errors="ignore"): b for b in range(0x80, 0x100)}
_CP1252_BYTE.pop("", None)


def _chars_for_bytes(low: int, high: int) -> str:
    chars = "".join(ch for ch, b in _CP1252_BYTE.items() if low <= b <= high)
    # cp1252 leaves five bytes undefined; lenient decoders pass them through as C1 controls.
    chars += "".join(chr(b) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) if low <= b <= high)
    return f"[{re.escape(chars)}]"


# A UTF-8 lead byte seen through cp1252, then exactly the continuation bytes it announces.
_CONT = _chars_for_bytes(0x80, 0xBF)
_MOJIBAKE_RUN = re.compile(
    f"{_chars_for_bytes(0xC2, 0xDF)}{_CONT}"
    f"|{_chars_for_bytes(0xE0, 0xEF)}{_CONT}{{2}}"
    f"|{_chars_for_bytes(0xF0, 0xF4)}{_CONT}{{3}}"
)


def _to_byte(ch: str) -> int:
    return _CP1252_BYTE.get(ch, ord(ch))


def _repair_run(match: re.Match[str]) -> str:
    run = match.group(0)
    raw = bytes(_to_byte(ch) for ch in run)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return run
    # One character, and not a C1 control: anything else is not a sure repair.
    if len(decoded) != 1 or unicodedata.category(decoded) == "Cc":
        return run
    return decoded


def repair_mojibake(text: str) -> str:
    """Fix UTF-8 that was decoded as cp1252 (``Viá»‡t`` → ``Việt``), one sequence at a time.

    Only byte runs that form exactly one valid UTF-8 character are replaced, so genuine Latin-1
    text (``café``, ``Größe``) is left alone.
    """
    return _MOJIBAKE_RUN.sub(_repair_run, text)
