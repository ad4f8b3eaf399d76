"""Validators named in the scheming schemas (`vusta_*`): identifiers with check digits, years,
embargo dates, the OECD FOS vocabulary, NFC text, provenance kept read-only.

Messages come from `catalogue.messages` in the request's language. CKAN validates the whole
dict before anything is written, so a refused field means nothing is saved.
"""

from __future__ import annotations

__all__ = ["vusta_choices", "vusta_doi", "vusta_email", "vusta_embargo_until", "vusta_end_year",
           "vusta_fos_subjects", "vusta_isbn", "vusta_issn", "vusta_nfc", "vusta_orcid",
           "vusta_person_name",
           "vusta_provenance", "vusta_related_links", "vusta_temporal_end", "vusta_title_length",
           "vusta_url", "vusta_year"]

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz

from ckanext.scheming.validation import scheming_validator
from ckanext.vusta.catalogue import fos, identifiers
from ckanext.vusta.catalogue.messages import message
from ckanext.vusta.helpers import current_lang

TITLE_MAX_CHARS = 1000
PERSON_DETAILS = ("orcid", "affiliation")  # a row with these says something: it needs a name
YEAR_MIN = 1800
Key = tuple[Any, ...]
Validator = Callable[..., Any]


def _refuse(code: str, **values: object) -> tk.Invalid:
    return tk.Invalid(message(code, current_lang(), **values))


def _blank(value: Any) -> bool:
    return value is None or value is tk.missing or (isinstance(value, str) and not value.strip())


def vusta_nfc(value: Any) -> Any:
    """Decomposed input (macOS, Word) is stored composed, or it never matches a search."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def vusta_person_name(key: Key, data: dict[Key, Any], errors: dict[Key, list[str]],
                      context: dict[str, Any]) -> None:
    """A name is required in a person row that says anything; the spare blank rows the form
    always submits are dropped (their later validators start with ignore_missing)."""
    if not _blank(data.get(key)):
        data[key] = unicodedata.normalize("NFC", str(data[key])).strip()
        return
    row_keys = [k for k in data if len(k) == len(key) and k[:-1] == key[:-1]]
    if any(not _blank(data.get((*key[:-1], name))) for name in PERSON_DETAILS):
        errors[key].append(message("required", current_lang()))
        return
    for row_key in row_keys:
        del data[row_key]


def vusta_title_length(value: Any) -> Any:
    if isinstance(value, str) and len(value) > TITLE_MAX_CHARS:
        raise _refuse("too_long", limit=TITLE_MAX_CHARS, length=len(value))
    return value


def _identifier(normalise: Callable[[str], str]) -> Validator:
    def validate(value: Any) -> Any:
        if _blank(value):
            return ""
        try:
            return normalise(str(value))
        except identifiers.IdentifierError as error:
            raise _refuse(error.code) from None
    return validate


vusta_doi = _identifier(identifiers.normalise_doi)
vusta_issn = _identifier(identifiers.normalise_issn)
vusta_isbn = _identifier(identifiers.normalise_isbn)
vusta_orcid = _identifier(identifiers.normalise_orcid)


def vusta_year(value: Any) -> Any:
    if _blank(value):
        return ""
    high = dt.date.today().year + 5
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text) or not YEAR_MIN <= int(text) <= high:
        raise _refuse("year_invalid", low=YEAR_MIN, high=high)
    return text


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            return [str(item).strip() for item in json.loads(text) if str(item).strip()]
        except ValueError:
            pass
    return [part.strip() for part in text.split(",") if part.strip()]


def vusta_fos_subjects(value: Any) -> Any:
    if _blank(value):
        return tk.missing
    codes = list(dict.fromkeys(_as_list(value)))
    unknown = fos.unknown_codes(codes)
    if unknown:
        raise _refuse("subject_unknown", values=", ".join(unknown)[:200])
    return json.dumps(codes)


@scheming_validator  # type: ignore[untyped-decorator]  # scheming is untyped
def vusta_choices(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    allowed = {str(choice["value"]) for choice in field.get("choices", [])}

    def validate(value: Any) -> Any:
        if _blank(value):
            if field.get("required"):
                raise _refuse("required")
            return ""
        if str(value) not in allowed:
            raise _refuse("choice_unknown", value=str(value)[:100])
        return str(value)
    return validate


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _sibling(key: Key, name: str) -> Key:
    return (*key[:-1], name)


def vusta_embargo_until(key: Key, data: dict[Key, Any], errors: dict[Key, list[str]],
                        context: dict[str, Any]) -> None:
    """Required and in the future when access is `embargoed`; dropped otherwise."""
    value = data.get(key)
    if data.get(_sibling(key, "access")) != "embargoed":
        data[key] = "" if _blank(value) else value
        if _blank(value):
            return
    elif _blank(value):
        errors[key].append(message("embargo_missing", current_lang()))
        return
    date = _parse_date(value)
    if date is None:
        errors[key].append(message("date_invalid", current_lang()))
        return
    today = dt.date.today()
    if data.get(_sibling(key, "access")) == "embargoed" and date <= today:
        errors[key].append(message("embargo_past", current_lang(), today=today.isoformat()))
        return
    data[key] = date.isoformat()


def vusta_temporal_end(key: Key, data: dict[Key, Any], errors: dict[Key, list[str]],
                       context: dict[str, Any]) -> None:
    dates = {}
    for name in ("temporal_start", "temporal_end"):
        raw = data.get(_sibling(key, name))
        if _blank(raw):
            continue
        parsed = _parse_date(raw)
        if parsed is None:
            errors[_sibling(key, name)].append(message("date_invalid", current_lang()))
            return
        data[_sibling(key, name)] = parsed.isoformat()
        dates[name] = parsed
    if len(dates) == 2 and dates["temporal_end"] < dates["temporal_start"]:
        errors[key].append(message("date_order", current_lang()))


def vusta_end_year(key: Key, data: dict[Key, Any], errors: dict[Key, list[str]],
                   context: dict[str, Any]) -> None:
    start, end = data.get(_sibling(key, "start_year")), data.get(key)
    if _blank(start) or _blank(end) or errors.get(key):
        return
    if str(start).isdigit() and str(end).isdigit() and int(str(end)) < int(str(start)):
        errors[key].append(message("year_order", current_lang()))


_NAME = re.compile(r"[a-z0-9_\-]{2,100}")


def vusta_related_links(value: Any) -> Any:
    """A JSON list (from scheming_multiple_text) of DOIs, http(s) links or portal names."""
    if _blank(value):
        return value
    links = _as_list(value)
    cleaned = []
    for link in links:
        if link.startswith(("http://", "https://")) and not re.search(r"[\s<>\"']", link):
            cleaned.append(link)
            continue
        try:
            cleaned.append(identifiers.normalise_doi(link))
            continue
        except identifiers.IdentifierError:
            pass
        if _NAME.fullmatch(link):
            cleaned.append(link)
            continue
        raise _refuse("link_invalid", value=link[:100])
    return json.dumps(cleaned)


def vusta_url(value: Any) -> Any:
    if _blank(value):
        return ""
    text = str(value).strip()
    if not re.fullmatch(r"https?://[^\s<>\"']+", text):
        raise _refuse("url_invalid")
    return text


def vusta_email(value: Any) -> Any:
    if _blank(value):
        return ""
    text = str(value).strip()
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+", text):
        raise _refuse("email_invalid")
    return text


def vusta_provenance(key: Key, data: dict[Key, Any], errors: dict[Key, list[str]],
                     context: dict[str, Any]) -> None:
    """Harvest provenance is written by harvesters (sysadmin); a form edit keeps it as it was."""
    user = context.get("user")
    if user and authz.is_sysadmin(user):
        return
    package = context.get("package")
    old = (package.extras or {}).get(key[-1], "") if package is not None else ""
    data[key] = old
