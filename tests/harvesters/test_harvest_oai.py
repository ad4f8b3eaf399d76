"""OAI-PMH client and oai_dc/OJS mapping against the fixture server, faults included."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from harvesters.errors import HarvestError
from harvesters.http import GuardedSession
from harvesters.oai.client import OaiClient
from harvesters.oai.mapping import map_oai_record
from harvesters.oai.ojs import galley_download_url, parse_ojs_source
from harvesters.oai.window import DAY, SECONDS, incremental_from
from harvesters.records import Record
from ocr_pipeline.vietnamese import normalise_text
from tests.fixture_server import FixtureServer
from tests.fixture_server.content import Publication

PROFILES = ("oai_dc", "ojs")


def client(server: FixtureServer, session: GuardedSession, fault: str = "") -> OaiClient:
    return OaiClient(f"{server.base_url}/oai" + (f"/fault/{fault}" if fault else ""), session)


def harvest(oai: OaiClient, **kwargs: str) -> list[Record]:
    return [map_oai_record(r, "jst", PROFILES) for r in oai.list_records(**kwargs)]


def test_identify_reports_granularity(server: FixtureServer, session: GuardedSession) -> None:
    info = client(server, session).identify()
    assert info.granularity == SECONDS
    assert info.earliest_datestamp == "2021-01-01T00:00:00Z"
    assert info.deleted_record == "persistent"
    assert "Tạp chí" in info.repository_name


def test_list_sets(server: FixtureServer, session: GuardedSession) -> None:
    sets = client(server, session).list_sets()
    assert [s.spec for s in sets] == ["journal:jst", "journal:yhoc"]


def test_full_listing_follows_tokens_and_keeps_tombstones(
    server: FixtureServer, session: GuardedSession
) -> None:
    oai = client(server, session)
    records = harvest(oai)
    assert len(records) == len(server.publications) == 250
    assert oai.pages_fetched == 3
    deleted = {r.identifier for r in records if r.deleted}
    expected = {
        f"oai:tapchi.example.vn:article/{p.number}" for p in server.publications if p.deleted
    }
    assert deleted == expected and deleted
    assert all(not r.title and r.raw for r in records if r.deleted)


def test_incremental_from_and_set(server: FixtureServer, session: GuardedSession) -> None:
    pubs = server.publications
    since = pubs[199].datestamp
    records = harvest(client(server, session), from_=since, set_spec="journal:jst")
    expected = [p for p in pubs if p.datestamp >= since and p.set_spec == "journal:jst"]
    assert [r.identifier.rsplit("/", 1)[1] for r in records] == [str(p.number) for p in expected]


def test_no_records_match_means_nothing_new(server: FixtureServer, session: GuardedSession) -> None:
    assert harvest(client(server, session), from_="2030-01-01T00:00:00Z") == []
    assert harvest(client(server, session, "no-records")) == []


def test_day_granularity_source(server: FixtureServer, session: GuardedSession) -> None:
    oai = client(server, session, "day-granularity")
    info = oai.identify()
    assert info.granularity == DAY
    watermark = datetime(2021, 1, 11, 5, 30, tzinfo=timezone.utc)
    since = incremental_from(watermark, info.granularity)
    assert since == "2021-01-10"
    records = harvest(oai, from_=since)
    assert records and all(r.datestamp >= "2021-01-10" for r in records)


def test_incremental_window_overlap() -> None:
    watermark = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert incremental_from(watermark, SECONDS, timedelta(minutes=10)) == "2024-05-01T11:50:00Z"
    assert incremental_from(None, SECONDS) is None


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        ("bad-token", "oai_bad_resumption_token"),
        ("token-loop", "resumption_loop"),
        ("truncated", "xml_invalid"),
        ("500-page-2", "http_status"),
        ("html", "unexpected_content"),
        ("xxe", "xml_entities"),
        ("billion-laughs", "xml_entities"),
        ("redirect-private", "address_refused"),
        ("redirect-metadata", "address_refused"),
    ],
)
def test_faults_fail_the_run_with_a_clear_error(
    server: FixtureServer, session: GuardedSession, fault: str, code: str
) -> None:
    seen: list[Record] = []
    with pytest.raises(HarvestError) as caught:
        for oai_record in client(server, session, fault).list_records():
            seen.append(map_oai_record(oai_record, "jst", PROFILES))
    assert caught.value.code == code
    assert caught.value.message("vi") and caught.value.message("en")


def test_too_many_pages_is_a_loop(server: FixtureServer, session: GuardedSession) -> None:
    oai = OaiClient(f"{server.base_url}/oai", session, max_pages=2)
    with pytest.raises(HarvestError) as caught:
        list(oai.list_records())
    assert caught.value.code == "resumption_loop"


def test_429_on_a_page_is_retried(server: FixtureServer, session: GuardedSession) -> None:
    assert len(harvest(client(server, session, "retry-429"))) == 250


def test_bad_verb_or_format_is_an_oai_error(server: FixtureServer, session: GuardedSession) -> None:
    with pytest.raises(HarvestError) as caught:
        list(client(server, session).list_records(metadata_prefix="marcxml"))
    assert caught.value.code == "oai_error" and "cannotDisseminateFormat" in str(caught.value)


def by_number(records: list[Record], number: int) -> Record:
    return next(r for r in records if r.identifier.endswith(f"/{number}"))


def expected_title(pub: Publication) -> str:
    return normalise_text(pub.title_vi)


def test_oai_dc_and_ojs_mapping(server: FixtureServer, session: GuardedSession) -> None:
    records = harvest(client(server, session))
    pub = server.publications[11]  # number 12: DOI, ORCID, Vietnamese
    record = by_number(records, 12)
    assert record.title.vi == expected_title(pub)
    assert record.title.en == pub.title_en
    assert record.language == "vi"
    assert record.doi == pub.doi
    assert record.issn == ("2525-2518", "1859-3100")
    assert (record.volume, record.issue, record.pages) == (
        str(pub.volume),
        str(pub.issue),
        f"{pub.first_page}-{pub.last_page}",
    )
    assert record.journal_title == "Tạp chí Khoa học và Công nghệ"
    assert record.year == pub.year
    assert record.original_url == pub.article_url
    assert [f.url for f in record.files] == [pub.galley_download_url]
    assert record.files[0].is_pdf
    assert f"orcid:{pub.orcid}" in record.identifiers  # two authors: not guessed
    assert record.publication_type == "article"
    assert record.licence == "https://creativecommons.org/licenses/by/4.0"
    assert "công nghệ thông tin" in record.keywords or record.keywords


def test_english_only_record_and_html_abstract(
    server: FixtureServer, session: GuardedSession
) -> None:
    records = harvest(client(server, session))
    english = by_number(records, 14)
    assert english.language == "en" and english.title.vi == "" and english.title.en
    marked_up = by_number(records, 51)
    assert "<" not in marked_up.abstract.en and "Bold claim" in marked_up.abstract.en


def test_decomposed_titles_become_nfc(server: FixtureServer, session: GuardedSession) -> None:
    record = by_number(harvest(client(server, session)), 13)
    assert record.title.vi == unicodedata.normalize("NFC", record.title.vi)
    assert record.title.vi == expected_title(server.publications[12])


@pytest.mark.parametrize(
    ("fault", "warning"),
    [
        ("windows-1258", None),
        ("mislabelled", "mojibake_repaired"),
        ("tcvn3", "tcvn3_converted"),
        ("vni", "vni_converted"),
    ],
)
def test_encodings_repaired_never_replacement_chars(
    server: FixtureServer, session: GuardedSession, fault: str, warning: str | None
) -> None:
    clean = {r.identifier: r for r in harvest(client(server, session))}
    for record in harvest(client(server, session, fault)):
        line = f"{record.title}{record.abstract}{record.authors}{record.keywords}"
        assert "\ufffd" not in line
        reference = clean[record.identifier]
        assert record.title.vi.lower() == reference.title.vi.lower()  # TCVN3 has no capitals
        assert [a.name.lower() for a in record.authors] == [
            a.name.lower() for a in reference.authors
        ]
        if warning and record.title.vi:
            assert f"{warning}:title.vi" in record.warnings


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        (
            "Tạp chí Khoa học; Tập 12 Số 3 (2020); 45-52",
            ("Tạp chí Khoa học", "12", "3", "2020", "45-52"),
        ),
        (
            "Journal of Science; Vol. 58 No. 1 (2020); 1-10",
            ("Journal of Science", "58", "1", "2020", "1-10"),
        ),
        ("Vol 5, No 2 (2019)", ("", "5", "2", "2019", "")),
        ("Tạp chí Y học; Tập 7 (2018); tr. 12", ("Tạp chí Y học", "7", "", "2018", "12")),
    ],
)
def test_parse_ojs_source(source: str, parts: tuple[str, ...]) -> None:
    citation = parse_ojs_source(source)
    assert (
        citation.journal_title,
        citation.volume,
        citation.issue,
        citation.year,
        citation.pages,
    ) == parts


def test_galley_view_becomes_download() -> None:
    view = "https://j.vn/index.php/jst/article/view/123/456"
    assert galley_download_url(view) == "https://j.vn/index.php/jst/article/download/123/456"
    assert galley_download_url("https://j.vn/index.php/jst/article/view/123") is None
