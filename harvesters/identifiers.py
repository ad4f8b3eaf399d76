"""Find and validate DOIs, ISSNs, ISBNs and ORCID iDs inside free-text metadata.

Repositories put them anywhere (``dc:identifier``, ``dc:source``, ``dc:relation``), in URL or
bare form; checksums keep page ranges and phone numbers from passing as ISSNs or ORCIDs.
"""

from __future__ import annotations

import re

__all__ = ["find_doi", "find_isbns", "find_issns", "find_orcids", "is_valid_issn"]

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_ISSN = re.compile(r"(?<![\d-])(\d{4})-?(\d{3}[\dXx])(?![\d-])")
_ORCID = re.compile(r"(?<![\d-])(\d{4}-\d{4}-\d{4}-\d{3}[\dX])(?![\d-])")
_ISBN = re.compile(
    r"(?<![\d-])((?:97[89][- ]?)?\d{1,5}[- ]?\d{1,7}[- ]?\d{1,7}[- ]?[\dXx])(?![\d-])"
)


def find_doi(text: str) -> str:
    """The first DOI in ``text``, lower-cased, without resolver prefix or trailing punctuation."""
    match = _DOI.search(text)
    if not match:
        return ""
    return match.group(1).rstrip(".,;)]").lower()


def is_valid_issn(digits: str) -> bool:
    digits = digits.replace("-", "").upper()
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def find_issns(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for first, second in _ISSN.findall(text):
        issn = f"{first}-{second.upper()}"
        if is_valid_issn(issn) and issn not in found:
            found.append(issn)
    return tuple(found)


def _orcid_ok(orcid: str) -> bool:
    digits = orcid.replace("-", "")
    total = 0
    for d in digits[:-1]:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def find_orcids(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for orcid in _ORCID.findall(text.upper()):
        if _orcid_ok(orcid) and orcid not in found:
            found.append(orcid)
    return tuple(found)


def _isbn_ok(digits: str) -> bool:
    if len(digits) == 10:
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def find_isbns(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for candidate in _ISBN.findall(text):
        digits = re.sub(r"[- ]", "", candidate).upper()
        if _isbn_ok(digits) and digits not in found:
            found.append(digits)
    return tuple(found)
