"""DOI, ISSN, ISBN and ORCID: check digits verified, canonical spelling stored."""

from __future__ import annotations

import pytest

from ckanext.vusta.catalogue.identifiers import (
    IdentifierError,
    normalise_doi,
    normalise_isbn,
    normalise_issn,
    normalise_orcid,
)
from ckanext.vusta.catalogue.messages import MESSAGES, message


@pytest.mark.parametrize(("raw", "stored"), [
    ("10.1234/tlvn.2023.15", "10.1234/tlvn.2023.15"),
    ("https://doi.org/10.1000/XYZ-1", "10.1000/XYZ-1"),
    ("doi:10.48550/arXiv.2301.00001", "10.48550/arXiv.2301.00001"),
    ("  https://dx.doi.org/10.5555/12345678 ", "10.5555/12345678"),
])
def test_doi_accepted_without_resolver_prefix(raw: str, stored: str) -> None:
    assert normalise_doi(raw) == stored


@pytest.mark.parametrize("raw", ["11.1234/x", "10.12/x", "10.1234", "10.1234/",
                                 "10.1234/a b", "10.1234/<script>", "doi.org/10.1234/x", ""])
def test_doi_refused(raw: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        normalise_doi(raw)
    assert caught.value.code == "doi_invalid"


@pytest.mark.parametrize(("raw", "stored"), [
    ("0317-8471", "0317-8471"), ("03178471", "0317-8471"), ("2049-3630", "2049-3630"),
    ("0000-006x", "0000-006X"),
])
def test_issn_check_digit(raw: str, stored: str) -> None:
    assert normalise_issn(raw) == stored


@pytest.mark.parametrize("raw", ["0317-8472", "2049-3631", "1234-567", "abcd-efgh", "0000-0069"])
def test_issn_wrong_check_digit_refused(raw: str) -> None:
    with pytest.raises(IdentifierError, match="issn_invalid"):
        normalise_issn(raw)


@pytest.mark.parametrize(("raw", "stored"), [
    ("978-604-0-00000-2", "9786040000002"),
    ("978-0-306-40615-7", "9780306406157"), ("0-306-40615-2", "0306406152"),
    ("0-8044-2957-x", "080442957X"),
])
def test_isbn_10_and_13(raw: str, stored: str) -> None:
    assert normalise_isbn(raw) == stored


@pytest.mark.parametrize("raw", ["978-0-306-40615-8", "0-306-40615-3", "977-0-306-40615-7",
                                 "12345", "080442957Y"])
def test_isbn_wrong_check_digit_refused(raw: str) -> None:
    with pytest.raises(IdentifierError, match="isbn_invalid"):
        normalise_isbn(raw)


@pytest.mark.parametrize(("raw", "stored"), [
    ("0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
    ("0000-0002-1694-233x", "0000-0002-1694-233X"),
    ("0000000218250097", "0000-0002-1825-0097"),
])
def test_orcid_checksum(raw: str, stored: str) -> None:
    assert normalise_orcid(raw) == stored


@pytest.mark.parametrize("raw", ["0000-0002-1825-0098", "0000-0002-1825-009", "abcd",
                                 "0000-0002-1694-2330"])
def test_orcid_wrong_checksum_refused(raw: str) -> None:
    with pytest.raises(IdentifierError, match="orcid_invalid"):
        normalise_orcid(raw)


def test_every_message_has_vietnamese_and_english_one_liners() -> None:
    for code, (vi, en) in MESSAGES.items():
        assert vi != en, code
        assert "\n" not in vi + en
    assert message("issn_invalid", "vi").startswith("ISSN không hợp lệ")
    assert message("issn_invalid", "en").startswith("Invalid ISSN")
    assert "2030" in message("embargo_past", "en", today="2030-01-01")
