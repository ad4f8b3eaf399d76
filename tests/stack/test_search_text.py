"""The pure parts of search, tested with strings: query text can never carry Solr syntax,
page values keep their reference, snippets are escaped and cut around the marks, the
"did you mean" choice, the exact-spelling boost, the embargo rule."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from ckanext.vusta.search.document import page_value, parse_page_value, text_is_searchable
from ckanext.vusta.search.highlight import POST, PRE, marked_phrases, page_highlights
from ckanext.vusta.search.query_text import is_unaccented, safe_query
from ckanext.vusta.search.ranking import exact_spelling_boost, rank_free_text
from ckanext.vusta.search.suggest import suggestion
from ckanext.vusta.search.suggestion_memory import SuggestionMemory

SYNTAX = set('{}[]()!:^~*?\\/&|+"')


@pytest.mark.parametrize(("typed", "expected"), [
    ("{!lucene}*:*", "lucene"),
    ('_query_:"{!dismax v=$x}"', 'query "dismax v x"'),
    ("title:sao AND NOT la", "title sao and not la"),
    ("[* TO *] OR id:*", "to or id"),
    ("((sao la", "sao la"),
    ("e-learning 3.5", "e\\-learning 3\\.5"),
    ("Hoà Bình", "hòa bình"),
    ("", ""),
])
def test_safe_query_keeps_only_words(typed: str, expected: str) -> None:
    assert safe_query(typed) == expected


def test_balanced_quotes_stay_phrases_and_nothing_else_is_syntax() -> None:
    assert safe_query('"chuyển đổi số" Hà Nội') == '"chuyển đổi số" hà nội'
    assert safe_query('"sao la') == "sao la"
    for hostile in ('"a" {!x} "b:c"', '*:* "x', "a^3 b~2 -c +d", "\\\\\\", "(" * 500):
        query = safe_query(hostile)
        assert not (set(query.replace('"', "")) & SYNTAX - {"\\"}), query
    assert len(safe_query("word " * 1000).split()) == 32


def test_nfd_queries_become_nfc() -> None:
    assert safe_query(unicodedata.normalize("NFD", "Đỗ Thị Thúy")) == "đỗ thị thúy"
    assert is_unaccented("chuyen doi so") and not is_unaccented("chuyển đổi số")


def test_page_value_round_trip_and_reference_cannot_be_forged() -> None:
    value = page_value("res-1", 7, "Trang có ⟦giả#9⟧ ký hiệu.")
    ref = parse_page_value(value)
    assert ref is not None and (ref.resource_id, ref.page) == ("res-1", 7)
    assert "⟦" not in ref.text


def test_snippets_are_escaped_cut_around_marks_and_keep_page() -> None:
    text = "x " * 400 + f"<b>{PRE}voọc{POST} {PRE}mông{POST}</b> trắng" + " y" * 400
    [highlight] = page_highlights([page_value("r", 3, "ignored")[:9] + " " + text])
    assert highlight.page == 3
    assert "&lt;b&gt;<mark>voọc</mark> <mark>mông</mark>&lt;/b&gt;" in highlight.snippet
    assert len(highlight.snippet) < 400 and highlight.snippet.startswith("…")


def test_marked_phrases_join_adjacent_marks() -> None:
    passage = f"{PRE}Chuyển{POST} {PRE}đổi{POST} {PRE}số{POST} và {PRE}chuyên{POST} đề"
    assert marked_phrases([passage]) == ["chuyển đổi số", "chuyên"]


def test_suggestion_needs_a_dominant_accented_spelling() -> None:
    assert suggestion("chuyen doi so", ["chuyển đổi số"] * 2 + ["chuyên đội sở"]) == \
        "chuyển đổi số"
    assert suggestion("chuyen doi so", ["chuyển đổi số", "chuyên đội sở"]) is None
    assert suggestion("chuyển đổi số", ["chuyển đổi số"] * 3) is None
    assert suggestion("machine learning", ["machine learning"] * 3) is None


def test_exact_spelling_boost_checks_pairs_only_for_marked_text() -> None:
    boost = exact_spelling_boost("chuyển đổi số")
    assert boost is not None
    assert "termfreq(vusta_pairs,'chuyển đổi')" in boost and "'đổi số'" in boost
    assert exact_spelling_boost("chuyen doi so") is None
    assert exact_spelling_boost("{!x}'") is None


def test_free_text_package_search_is_ranked_and_fielded_left_alone() -> None:
    ranked = rank_free_text({"q": "Hoà Bình"})
    assert ranked["defType"] == "edismax" and ranked["q"] == "Hòa Bình"
    assert "boost" in ranked
    assert "qf" not in rank_free_text({"q": "name:abc"})
    assert rank_free_text({"q": "x", "qf": "title"})["qf"] == "title"


def test_embargoed_and_restricted_text_is_not_indexed() -> None:
    today = datetime.date(2026, 12, 4)
    assert text_is_searchable({}, today)
    assert text_is_searchable({"access": "open"}, today)
    assert not text_is_searchable({"access": "restricted"}, today)
    assert not text_is_searchable({"access": "embargoed", "embargo_until": "2027-01-01"}, today)
    assert text_is_searchable({"access": "", "embargo_until": "2026-12-01"}, today)
    assert not text_is_searchable({"embargo_until": "not a date"}, today)


def test_suggestion_memory_forgets_after_its_time_and_beyond_its_size() -> None:
    now = [0.0]
    memory = SuggestionMemory(ttl_seconds=60, capacity=2, clock=lambda: now[0])
    memory.remember("a", "chuyển đổi số")
    memory.remember("b", "bản đồ")
    assert memory.recall("a") == "chuyển đổi số"
    memory.remember("c", "hồ chứa")  # "b" is now the least recently used
    assert memory.recall("b") is None
    assert memory.recall("c") == "hồ chứa"
    memory.remember("c", None)  # no spelling any more: nothing remembered
    assert memory.recall("c") is None
    now[0] = 61.0
    assert memory.recall("a") is None
