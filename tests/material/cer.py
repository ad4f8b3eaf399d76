"""Character error rate: edit distance between reference and hypothesis over reference length.

Whitespace is collapsed first (line breaks depend on layout, not on recognition) and both sides
are NFC.  The distance uses the bit-parallel algorithm of Myers/Hyyrö so long pages stay fast.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["cer", "comparable", "levenshtein"]

_SPACE = re.compile(r"\s+")


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions each cost 1)."""
    if not a:
        return len(b)
    full = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    match_bits: dict[str, int] = {}
    for index, char in enumerate(a):
        match_bits[char] = match_bits.get(char, 0) | (1 << index)
    plus, minus, score = full, 0, len(a)
    for char in b:
        eq = match_bits.get(char, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        h_plus = minus | (~(xh | plus) & full)
        h_minus = plus & xh
        if h_plus & top:
            score += 1
        elif h_minus & top:
            score -= 1
        h_plus = ((h_plus << 1) | 1) & full
        h_minus = (h_minus << 1) & full
        plus = h_minus | (~(xv | h_plus) & full)
        minus = h_plus & xv
    return score


def comparable(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = comparable(reference), comparable(hypothesis)
    return levenshtein(ref, hyp) / max(1, len(ref))
