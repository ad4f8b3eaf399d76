"""Scholarly identifiers (DOI, ISSN, ISBN, ORCID): normalised form or a refusal code.

Each checker returns the canonical spelling we store, or raises `IdentifierError` whose `code`
keys `messages.MESSAGES`; check digits are verified, not just the shape.
"""

from __future__ import annotations

__all__ = ["IdentifierError", "normalise_doi", "normalise_isbn", "normalise_issn",
           "normalise_orcid"]

import re


class IdentifierError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                 "http://dx.doi.org/", "doi:")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def normalise_doi(value: str) -> str:
    """`10.prefix/suffix` without resolver prefix; the suffix keeps its case (DOIs are
    case-insensitive, but people copy them as printed)."""
    text = value.strip()
    for prefix in _DOI_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
            break
    if not _DOI.fullmatch(text) or any(ch in text for ch in "<>\"'{}"):
        raise IdentifierError("doi_invalid")
    return text


def _compact(value: str) -> str:
    return re.sub(r"[\s\-]", "", value.strip()).upper()


def normalise_issn(value: str) -> str:
    digits = _compact(value)
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        raise IdentifierError("issn_invalid")
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        raise IdentifierError("issn_invalid")
    return f"{digits[:4]}-{digits[4:]}"


def _isbn10_ok(digits: str) -> bool:
    if not re.fullmatch(r"\d{9}[\dX]", digits):
        return False
    total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(digits))
    return total % 11 == 0


def _isbn13_ok(digits: str) -> bool:
    if not re.fullmatch(r"97[89]\d{10}", digits):
        return False
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(digits))
    return total % 10 == 0


def normalise_isbn(value: str) -> str:
    """ISBN-10 or ISBN-13, stored compact (hyphenation depends on registration groups)."""
    digits = _compact(value)
    if _isbn10_ok(digits) or _isbn13_ok(digits):
        return digits
    raise IdentifierError("isbn_invalid")


_ORCID_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")


def normalise_orcid(value: str) -> str:
    """ISO 7064 MOD 11-2 checksum; stored as the bare 0000-0000-0000-000X form."""
    text = value.strip()
    for prefix in _ORCID_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    digits = _compact(text)
    if not re.fullmatch(r"\d{15}[\dX]", digits):
        raise IdentifierError("orcid_invalid")
    total = 0
    for ch in digits[:15]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    if digits[15] != ("X" if check == 10 else str(check)):
        raise IdentifierError("orcid_invalid")
    return "-".join(digits[i:i + 4] for i in range(0, 16, 4))
