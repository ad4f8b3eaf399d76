"""schema.org JSON-LD for a landing page (the template serialises it with `tojson`, which
escapes `<`, `>` and `&`, so a title cannot close the script element)."""

from __future__ import annotations

__all__ = ["schema_org"]

from typing import Any

from ckanext.vusta.catalogue.record import CitationRecord

SCHEMA_TYPES = {"journal-article": "ScholarlyArticle", "conference-paper": "ScholarlyArticle",
                "book": "Book", "book-chapter": "Chapter", "report": "Report",
                "thesis": "Thesis", "standard": "CreativeWork", "other": "CreativeWork"}


def _type(record: CitationRecord) -> str:
    if record.record_type == "publication":
        return SCHEMA_TYPES.get(record.publication_type, "CreativeWork")
    if record.record_type == "research-dataset":
        return "Dataset"
    if record.record_type == "project":
        return "ResearchProject"
    return "Dataset"


def schema_org(record: CitationRecord) -> dict[str, Any]:
    doc: dict[str, Any] = {"@context": "https://schema.org", "@type": _type(record),
                           "@id": record.url, "url": record.url, "name": record.title}
    if record.title_en:
        doc["alternateName"] = record.title_en
    if record.abstract:
        doc["description"] = record.abstract
    people = []
    for creator in record.creators:
        person: dict[str, Any] = {"@type": "Person", "name": creator.name.display,
                                  "familyName": creator.name.family,
                                  "givenName": creator.name.given}
        if creator.orcid:
            person["@id"] = f"https://orcid.org/{creator.orcid}"
        if creator.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": creator.affiliation}
        people.append(person)
    if people:
        doc["creator" if doc["@type"] == "Dataset" else "author"] = people
    if record.issued or record.year:
        doc["datePublished"] = record.issued or record.year
    if record.doi:
        doc["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI",
                             "value": record.doi, "url": f"https://doi.org/{record.doi}"}
        doc["sameAs"] = f"https://doi.org/{record.doi}"
    if record.isbn:
        doc["isbn"] = record.isbn
    if record.publisher:
        doc["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.journal_title:
        doc["isPartOf"] = {"@type": "Periodical", "name": record.journal_title,
                           **({"issn": record.issn} if record.issn else {})}
    if record.language:
        doc["inLanguage"] = record.language
    if record.keywords:
        doc["keywords"] = list(record.keywords)
    if record.license_url:
        doc["license"] = record.license_url
    doc["isAccessibleForFree"] = record.access == "open"
    return doc
