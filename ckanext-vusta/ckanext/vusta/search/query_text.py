"""What a person typed, turned into plain words Solr can only read as words.

User text never reaches Solr as syntax: local parameters (``{!...}``), magic fields
(``_query_``), field prefixes, wildcards, ranges, boosts and operators are reduced to the
literal words they contain. Balanced double quotes survive as phrase searches. The text is
normalised exactly like indexed text (NFC, traditional tone placement).
"""

from __future__ import annotations

__all__ = ["MAX_QUERY_CHARS", "is_unaccented", "safe_query", "words"]

import re

from ocr_pipeline.vietnamese import fold_diacritics, normalise_text

MAX_QUERY_CHARS = 500
MAX_WORDS = 32
# A word: letters/digits/marks, with inner dots, hyphens or apostrophes ("e-learning", "3.5").
_WORD = re.compile(r"[^\W_]+(?:[.\-'’][^\W_]+)*")
_PHRASE = re.compile(r'"([^"]*)"')


def words(text: str) -> list[str]:
    """The literal words of `text`, normalised, in order."""
    clean = normalise_text(text[:MAX_QUERY_CHARS]).replace("_", " ")
    # Lower case: analysers lower-case anyway, and "AND"/"OR"/"NOT" stop being operators.
    return [match.group(0).lower() for match in _WORD.finditer(clean)][:MAX_WORDS]


def _escape(word: str) -> str:
    # Only "-" and "." can remain inside a word; "-" would be an operator at a word's start
    # (it cannot be there by construction), escaping keeps edismax from ever reading syntax.
    return re.sub(r"([\-.'’])", r"\\\1", word)


def safe_query(text: str) -> str:
    """Edismax-safe query: bare words, plus "phrases" when the user balanced the quotes."""
    text = text[:MAX_QUERY_CHARS]
    parts: list[str] = []
    last = 0
    quoted = text.count('"') % 2 == 0
    if quoted:
        for match in _PHRASE.finditer(text):
            parts.extend(_escape(w) for w in words(text[last:match.start()]))
            phrase = words(match.group(1))
            if len(phrase) > 1:
                parts.append('"' + " ".join(_escape(w) for w in phrase) + '"')
            else:
                parts.extend(_escape(w) for w in phrase)
            last = match.end()
    parts.extend(_escape(w) for w in words(text[last:]))
    return " ".join(parts[:MAX_WORDS])


def is_unaccented(text: str) -> bool:
    """True when the query has letters and not one Vietnamese mark."""
    plain = " ".join(words(text))
    return bool(plain) and fold_diacritics(plain) == plain.lower()
