"""Every string our templates translate has a Vietnamese translation, and the committed
compiled catalogues match their sources."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "ckanext-vusta" / "ckanext" / "vusta"
I18N = PACKAGE / "i18n"
TEMPLATE_STRING = re.compile(r"""_\(\s*(['"])(.+?)(?<!\\)\1\s*[,)]""")


def _catalogue(lang: str) -> dict[str, str]:
    with (I18N / lang / "LC_MESSAGES" / "ckanext-vusta.po").open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def test_every_template_string_of_ours_is_translated_to_vietnamese() -> None:
    vietnamese = _catalogue("vi")
    used = {match.group(2) for path in (PACKAGE / "templates").rglob("*.html")
            for match in TEMPLATE_STRING.finditer(path.read_text("utf-8"))}
    assert used, "templates translate nothing?"
    missing = sorted(s for s in used if not vietnamese.get(s))
    assert missing == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_compiled_catalogue_matches_its_source(lang: str) -> None:
    source = _catalogue(lang)
    with (I18N / lang / "LC_MESSAGES" / "ckanext-vusta.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in source.items():
        assert compiled.gettext(msgid) == (msgstr or msgid), msgid


def test_placeholders_survive_translation() -> None:
    for msgid, msgstr in _catalogue("vi").items():
        assert set(re.findall(r"\{\w+\}", msgid)) == set(re.findall(r"\{\w+\}", msgstr)), msgid
