"""Facet fields computed for the index, facet labels, QR codes that decode to the address."""

from __future__ import annotations

import json

from ckanext.vusta.catalogue import facets
from ckanext.vusta.catalogue.qr import qr_code


def test_index_fields_from_validated_dict() -> None:
    fields = facets.index_fields({"subject": ["1.2", "2.7"], "year": "2023",
                                  "publication_type": "thesis", "language": "vi",
                                  "access": "open", "authors": [{"name": "Lê Minh Tuấn"}]})
    assert fields == {"vocab_subject": ["1", "1.2", "2", "2.7"], "year": "2023",
                      "publication_type": "thesis", "language": "vi", "access": "open",
                      "author": "Lê Minh Tuấn"}
    pkg = {"validated_data_dict": json.dumps({"subject": '["5.2"]', "start_year": "2021"})}
    assert facets.add_index_fields(pkg)["vocab_subject"] == ["5", "5.2"]
    assert pkg["year"] == "2021"


def test_facet_titles_and_labels_in_both_languages() -> None:
    vi = facets.facet_titles("vi")
    assert list(vi)[:3] == ["organization", "dataset_type", "publication_type"]
    assert vi["organization"] == "Hội thành viên"
    assert facets.facet_titles("en")["groups"] == "Collection"
    results = {"search_facets": {"publication_type": {"items": [
        {"name": "thesis", "display_name": "thesis", "count": 2}]},
        "organization": {"items": [{"name": "hoi-x", "display_name": "Hội X", "count": 1}]}}}
    labelled = facets.label_search_facets(results, "vi")
    assert labelled["search_facets"]["publication_type"]["items"][0]["display_name"] == (
        "Luận văn, luận án")
    assert labelled["search_facets"]["organization"]["items"][0]["display_name"] == "Hội X"
    assert facets.facet_item_label("vocab_subject", "4.1", "en") == (
        "4.1 Agriculture, forestry, and fisheries")


def test_qr_png_and_svg() -> None:
    url = "https://thuvien.vusta.vn/publication/xam-nhap-man-2023"
    png = qr_code(url, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = qr_code(url, "svg").decode()
    assert svg.startswith("<?xml") and "<svg" in svg and url in svg
