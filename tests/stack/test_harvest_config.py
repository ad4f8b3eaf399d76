"""Pure parts of the portal-side harvest: source configuration messages, the record-to-
publication mapping, dataset names and duplicate keys (no services needed)."""

from __future__ import annotations

import pytest

from ckanext.vusta.harvest.mapping import (
    dataset_name,
    match_keys,
    publication_fields,
    publication_type,
)
from ckanext.vusta.harvest.source_config import SourceConfigError, parse_source_config
from harvesters.records import Author, LangText, Record


def test_empty_configuration_gives_safe_defaults() -> None:
    config = parse_source_config("", "oai")
    assert config.max_delete_share == 0.2
    assert config.allow_hosts == ()
    assert config.profile_chain("oai") == ("oai_dc", "ojs")
    assert config.min_interval == 0.0


def test_full_configuration_is_parsed() -> None:
    config = parse_source_config(
        '{"sets": ["journal:jst"], "metadata_prefix": "oai_dc", "profiles": ["oai_dc"],'
        ' "from_date": "2024-01-31", "rate_limit": 2, "allow_hosts": ["Repo.Hoi.VN:8080"],'
        ' "max_delete_share": 0.5, "job_timeout": 600}', "oai")
    assert config.sets == ("journal:jst",)
    assert config.from_date == "2024-01-31"
    assert config.min_interval == 0.5
    assert config.allow_hosts == ("repo.hoi.vn:8080",)
    assert config.max_delete_share == 0.5
    assert config.job_timeout == 600


@pytest.mark.parametrize(("text", "vi", "en"), [
    ("{not json", "Cấu hình không phải JSON hợp lệ", "Configuration is not valid JSON"),
    ("[1, 2]", "phải là một đối tượng JSON", "must be a JSON object"),
    ('{"set": "x"}', "Tuỳ chọn không được hỗ trợ: set", "Unsupported option: set"),
    ('{"from_date": "31/01/2024"}', "from_date phải là ngày dạng YYYY-MM-DD",
     "from_date must be a date YYYY-MM-DD"),
    ('{"max_delete_share": 1.5}', "max_delete_share phải nằm trong khoảng 0–1",
     "max_delete_share must be between 0 and 1"),
    ('{"rate_limit": "nhanh"}', "rate_limit phải là số", "rate_limit must be a number"),
    ('{"allow_hosts": ["http://x/"]}', "Máy chủ không hợp lệ", "Invalid host"),
    ('{"profiles": ["marc"]}', "Hồ sơ ánh xạ không tồn tại: marc", "Unknown mapping profile"),
    ('{"mode": "rss"}', "mode chỉ nhận: auto, wordpress, sitemap", "mode accepts only"),
])
def test_each_configuration_mistake_has_a_one_line_bilingual_message(
    text: str, vi: str, en: str,
) -> None:
    with pytest.raises(SourceConfigError) as refused:
        parse_source_config(text, "oai")
    assert vi in str(refused.value) and "\n" not in str(refused.value)
    assert en in refused.value.message("en")


def _record(**changes: object) -> Record:
    base = {"source_id": "s1", "identifier": "oai:x:1",
                "title": LangText(vi="Đánh giá chất lượng nước sông Hồng",
                               en="Water quality of the Red River"),
                "authors": (Author("Nguyễn Văn An"),), "year": 2020, "doi": "10.1/abc",
                "issn": ("2525-2518", "1859-3100"), "publication_type": "article",
                "keywords": ("chất lượng nước", "x", "a,b"), "date": "2020-03-15",
                "licence": "https://creativecommons.org/licenses/by/4.0"}
    base.update(changes)
    return Record(**base)  # type: ignore[arg-type]


def test_record_maps_to_the_publication_contract() -> None:
    fields = publication_fields(_record(), "source-id")
    assert fields["title"] == "Đánh giá chất lượng nước sông Hồng"
    assert fields["title_en"] == "Water quality of the Red River"
    assert fields["publication_type"] == "journal-article"
    assert fields["authors"] == [{"name": "Nguyễn Văn An", "orcid": "", "affiliation": ""}]
    assert fields["issn"] == "2525-2518"
    assert fields["license_id"] == "cc-by"
    assert fields["issued"] == "2020-03-15" and fields["year"] == "2020"
    assert [t["name"] for t in fields["tags"]] == ["chất lượng nước", "a b"]
    assert fields["original_identifier"] == "oai:x:1"
    assert fields["harvest_source_id"] == "source-id"
    assert publication_type("thesis") == "thesis" and publication_type("poster") == "other"


def test_dataset_name_is_readable_stable_and_distinct_per_source() -> None:
    name = dataset_name(_record())
    assert name.startswith("danh-gia-chat-luong-nuoc-song-hong-")
    assert name == dataset_name(_record())
    assert name != dataset_name(_record(source_id="s2"))


def test_match_keys_ignore_marks_case_and_language_of_the_title() -> None:
    local = match_keys(_record(title=LangText(vi="ĐÁNH GIÁ chất lượng nước, sông Hồng!")))
    english_only = match_keys(_record(title=LangText(en="Water Quality of the Red River")))
    both = match_keys(_record())
    assert set(local) & set(both) and set(english_only) & set(both)
    assert match_keys(_record(year=None)) == ()
    assert not set(match_keys(_record(year=2021))) & set(both)


def test_curated_fields_come_from_the_source_only_when_it_sends_them() -> None:
    silent = publication_fields(_record(subjects=("Thủy văn", "water")), "source-id")
    assert not {"subject", "embargo_until", "related_project", "funding"} & set(silent)
    assert silent["access"] == "open"
    told = publication_fields(_record(subjects=("1.5", "Thủy văn", "2.7"), access="embargoed",
                                      embargo_until="2031-01-01", related_project="de-tai-1",
                                      funding="NAFOSTED"), "source-id")
    assert told["subject"] == ["1.5", "2.7"]  # free-text subjects are not FOS codes
    assert (told["access"], told["embargo_until"]) == ("embargoed", "2031-01-01")
    assert (told["related_project"], told["funding"]) == ("de-tai-1", "NAFOSTED")
