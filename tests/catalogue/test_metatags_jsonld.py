"""Google Scholar's Highwire rules and schema.org JSON-LD."""

from __future__ import annotations

from ckanext.vusta.catalogue.jsonld import schema_org
from ckanext.vusta.catalogue.metatags import highwire_tags
from tests.catalogue.records import URL, record

PDF = "https://thuvien.vusta.vn/dataset/x/resource/1/download/bai-bao.pdf"


def _names(tags: list[tuple[str, str]]) -> list[str]:
    return [name for name, _ in tags]


def test_scholar_required_tags_one_author_each() -> None:
    tags = highwire_tags(record(), [PDF])
    names = _names(tags)
    assert names[0] == "citation_title"
    assert names.count("citation_author") == 3
    assert ("citation_author", "Nguyễn, Thị Hương") in tags
    assert ("citation_publication_date", "2023/06/15") in tags
    assert ("citation_journal_title", "Tạp chí Khoa học Thủy lợi") in tags
    assert ("citation_firstpage", "45") in tags and ("citation_lastpage", "60") in tags
    assert ("citation_pdf_url", PDF) in tags
    assert all(value for _, value in tags)


def test_pdf_url_only_for_open_access() -> None:
    for access in ("embargoed", "restricted"):
        assert "citation_pdf_url" not in _names(highwire_tags(record(access=access), [PDF]))


def test_no_tags_without_scholar_required_fields() -> None:
    assert highwire_tags(record(authors=[]), [PDF]) == []
    assert highwire_tags(record(year="", issued=""), [PDF]) == []


def test_report_and_thesis_use_institution_tags() -> None:
    report = _names(highwire_tags(record(publication_type="report"), []))
    assert "citation_technical_report_institution" in report
    assert "citation_journal_title" not in report
    thesis = _names(highwire_tags(record(publication_type="thesis"), []))
    assert "citation_dissertation_institution" in thesis


def test_schema_org_article_and_dataset() -> None:
    doc = schema_org(record())
    assert doc["@type"] == "ScholarlyArticle"
    assert doc["@id"] == URL
    assert doc["author"][0]["@id"] == "https://orcid.org/0000-0002-1825-0097"
    assert doc["author"][0]["familyName"] == "Nguyễn"
    assert doc["identifier"]["value"] == "10.1234/tlvn.2023.15"
    assert doc["isPartOf"]["issn"] == "0317-8471"
    assert doc["isAccessibleForFree"] is True
    dataset = schema_org(record(type="research-dataset"))
    assert dataset["@type"] == "Dataset" and "creator" in dataset
    assert schema_org(record(type="project"))["@type"] == "ResearchProject"
