"""The search fields a dataset's Solr document gets from its metadata and stored page texts.

Each page becomes one value of `vusta_pages`, prefixed by a reference ``⟦resource_id#page⟧``
that the schema hides from the index but the stored value keeps, so a page snippet always
knows where it came from. Pages live in the dataset's own document: CKAN's permission labels
filter page hits exactly like metadata hits. Texts of embargoed or restricted records are not
indexed at all, so neither a snippet nor a hit count can reveal them.
"""

from __future__ import annotations

__all__ = ["PageRef", "page_value", "parse_page_value", "search_fields", "text_is_searchable"]

import datetime
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ocr_pipeline.vietnamese import normalise_text

REF_OPEN = "\u27e6"
REF_CLOSE = "\u27e7"
_REF = re.compile(f"^{REF_OPEN}([^#{REF_CLOSE}]+)#(\\d+){REF_CLOSE} ?")
OPEN_ACCESS = frozenset({"", "open"})
# Metadata beyond titles, keywords, authors and abstracts that people type into a search box.
IDENTIFYING_FIELDS = ("doi", "issn", "isbn", "journal_title", "publisher", "code", "funding",
                      "lead_organization", "spatial_coverage", "budget_source")


class PageLike(Protocol):
    @property
    def resource_id(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class PageRef:
    resource_id: str
    page: int
    text: str


def page_value(resource_id: str, page: int, text: str) -> str:
    # Stored page texts were normalised by the OCR pipeline; NFC again is cheap insurance.
    clean = unicodedata.normalize("NFC", text).replace(REF_OPEN, " ").replace(REF_CLOSE, " ")
    return f"{REF_OPEN}{resource_id}#{page}{REF_CLOSE} {clean}"


def parse_page_value(value: str) -> PageRef | None:
    match = _REF.match(value)
    if match is None:
        return None
    return PageRef(match.group(1), int(match.group(2)), value[match.end():])


def text_is_searchable(pkg_dict: dict[str, Any], today: datetime.date) -> bool:
    """Only open records (not embargoed until a future date) have their file text indexed."""
    access = str(pkg_dict.get("access") or "").strip().lower()
    if access not in OPEN_ACCESS:
        return False
    until = str(pkg_dict.get("embargo_until") or "").strip()[:10]
    if until:
        try:
            return datetime.date.fromisoformat(until) <= today
        except ValueError:
            return False  # an unreadable embargo date is treated as an embargo
    return True


def _person_names(value: Any) -> list[str]:
    """Names from scheming's repeating subfields (list or JSON text) or a plain author string."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                return _person_names(json.loads(stripped))
            except ValueError:
                return [stripped]
        return [part.strip() for part in re.split(r"[;\n]", stripped) if part.strip()]
    if isinstance(value, dict):
        name = value.get("name")
        return [str(name)] if name else []
    if isinstance(value, list):
        return [name for item in value for name in _person_names(item)]
    return []


def _texts(values: Iterable[Any]) -> list[str]:
    found = []
    for value in values:
        if isinstance(value, list):
            found.extend(_texts(value))
        elif isinstance(value, str) and value.strip():
            found.append(normalise_text(value))
    return found


def search_fields(pkg_dict: dict[str, Any], pages: Sequence[PageLike],
                  today: datetime.date) -> dict[str, list[str]]:
    """The `vusta_*` fields for one dataset (NFC, one tone placement)."""
    english = str(pkg_dict.get("language") or "").lower().startswith("en")
    titles = _texts([pkg_dict.get("title")])
    notes = _texts([pkg_dict.get("notes")])
    title_en = _texts([pkg_dict.get("title_en")])
    notes_en = _texts([pkg_dict.get("notes_en")])
    keywords = _texts([pkg_dict.get("tags") or []])
    authors = list(dict.fromkeys(_texts(
        _person_names(pkg_dict.get(key))
        for key in ("authors", "creators", "author", "principal_investigator"))))
    # Identifiers, journal, publisher, project facts, member association and file names:
    # searchable as metadata, so the candidate query needs no catch-all field.
    organization = pkg_dict.get("organization")
    resources = pkg_dict.get("resources")
    file_names = [r.get("name") for r in resources if isinstance(r, dict)] \
        if isinstance(resources, list) else []
    other = _texts([pkg_dict.get(key) for key in IDENTIFYING_FIELDS] + file_names
                   + [organization.get("title") if isinstance(organization, dict) else None])
    fields: dict[str, list[str]] = {
        "vusta_title": titles + title_en,
        "vusta_notes": notes + notes_en,
        "vusta_keywords": keywords,
        "vusta_authors": authors,
        "vusta_title_en": title_en + (titles if english else []),
        "vusta_notes_en": notes_en + (notes if english else []),
        "vusta_meta": titles + title_en + keywords + authors + notes + notes_en + other,
    }
    if pages and text_is_searchable(pkg_dict, today):
        fields["vusta_pages"] = [page_value(page.resource_id, page.number, page.text)
                                 for page in pages if page.text.strip()]
    return {name: values for name, values in fields.items() if values}
