"""Named mapping profiles, chained like ckanext-dcat's, and the cleanup every chain ends with.

A profile is a pure function ``(record, source) -> record`` for one source format. A source
configuration lists profile names (``["oai_dc", "ojs"]``); each refines what the previous one
built. Cleanup (encoding repair, NFC and tone placement, HTML stripped from abstracts) runs last,
so profiles can work with raw strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from harvesters.records import Author, LangText, Record
from harvesters.text import clean_text, detect_legacy, guess_language, normalise_language
from ocr_pipeline.vietnamese import LegacyEncoding

__all__ = ["Profile", "apply_profiles", "clean_record", "lang_text", "unknown_profiles"]

S = TypeVar("S")
Profile = Callable[[Record, S], Record]


def unknown_profiles(names: Iterable[str], registry: Mapping[str, object]) -> list[str]:
    return [name for name in names if name not in registry]


def apply_profiles(
    record: Record, source: S, names: Sequence[str], registry: Mapping[str, Profile[S]]
) -> Record:
    """Run the named profiles in order, then clean every text field."""
    missing = unknown_profiles(names, registry)
    if missing:
        raise ValueError(f"unknown mapping profile(s): {', '.join(missing)}")
    for name in names:
        record = registry[name](record, source)
    return clean_record(record)


def lang_text(pairs: Iterable[tuple[str, str]], default_lang: str = "") -> LangText:
    """Sort ``(text, lang-tag)`` pairs into vi/en/other; untagged text is guessed, first wins."""
    chosen: dict[str, str] = {}
    for text, tag in pairs:
        text = text.strip()
        if not text:
            continue
        code = normalise_language(tag) if tag else ""
        code = code or guess_language(text) or default_lang or "und"
        chosen.setdefault(code, text)
    other = tuple((code, text) for code, text in chosen.items() if code not in ("vi", "en"))
    return LangText(vi=chosen.get("vi", ""), en=chosen.get("en", ""), other=other)


def _clean_lang(
    value: LangText, warnings: list[str], field: str, legacy: LegacyEncoding | None
) -> LangText:
    def one(text: str, lang: str) -> str:
        cleaned = clean_text(text, strip_html=True, legacy=legacy)
        warnings.extend(f"{w}:{field}.{lang}" for w in cleaned.warnings)
        return str(cleaned)

    return LangText(
        vi=one(value.vi, "vi") if value.vi else "",
        en=one(value.en, "en") if value.en else "",
        other=tuple((code, one(text, code)) for code, text in value.other),
    )


def _record_legacy_encoding(record: Record) -> LegacyEncoding | None:
    """Judge TCVN3/VNI once over all of a record's text: one field is often too short."""
    texts = [
        record.title.vi,
        record.title.en,
        record.abstract.vi,
        record.abstract.en,
        record.journal_title,
        record.publisher,
        *record.keywords,
        *(a.name for a in record.authors),
    ]
    return detect_legacy("\n".join(t for t in texts if t))


def clean_record(record: Record) -> Record:
    """Repair and normalise every human-readable field; record what was repaired."""
    warnings: list[str] = list(record.warnings)
    legacy = _record_legacy_encoding(record)

    def one(text: str, field: str) -> str:
        if not text:
            return text
        cleaned = clean_text(text, legacy=legacy)
        warnings.extend(f"{w}:{field}" for w in cleaned.warnings)
        return str(cleaned)

    def many(values: tuple[str, ...], field: str) -> tuple[str, ...]:
        out: list[str] = []
        for value in values:
            cleaned = one(value, field)
            if cleaned and cleaned not in out:
                out.append(cleaned)
        return tuple(out)

    authors = tuple(
        Author(
            name=one(a.name, "authors"),
            orcid=a.orcid,
            affiliation=one(a.affiliation, "authors"),
        )
        for a in record.authors
    )
    cleaned = dataclasses.replace(
        record,
        title=_clean_lang(record.title, warnings, "title", legacy),
        abstract=_clean_lang(record.abstract, warnings, "abstract", legacy),
        authors=authors,
        keywords=many(record.keywords, "keywords"),
        subjects=many(record.subjects, "subjects"),
        journal_title=one(record.journal_title, "journal_title"),
        publisher=one(record.publisher, "publisher"),
        licence=one(record.licence, "licence"),
    )
    return dataclasses.replace(cleaned, warnings=tuple(dict.fromkeys(warnings)))
