"""Page snippets: the highlighting request for stored page texts, and the cut of each
highlighted page into a short snippet that knows its resource and page number.

Solr returns whole page values (one passage per page, split at our separator) with matched
words between two private-use sentinels; stored texts never contain private-use characters
(normalise_text strips them), so the sentinels cannot be forged by a document. Snippets are
HTML-escaped here and only our own <mark> tags are added.
"""

from __future__ import annotations

__all__ = [
    "META_FIELD",
    "PAGES_FIELD",
    "DatasetHighlights",
    "Highlight",
    "highlight_params",
    "highlight_request",
    "marked_phrases",
    "page_highlights",
    "parse_highlighting",
    "snippet_html",
]

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ckanext.vusta.search.document import parse_page_value

PAGES_FIELD = "vusta_pages"
META_FIELD = "vusta_meta"
PRE = "\ue000"
POST = "\ue001"
SEPARATOR = "\u2029"
SNIPPET_CHARS = 240
MAX_PAGES_ANALYSED_CHARS = 2_000_000
_MARKED = re.compile(f"{PRE}([^{POST}]*){POST}")


@dataclass(frozen=True)
class Highlight:
    resource_id: str
    page: int
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        return {"resource_id": self.resource_id, "page": self.page, "snippet": self.snippet}


def highlight_params(per_dataset: int) -> dict[str, Any]:
    """Unified highlighter over stored pages (whole values) and the small metadata field."""
    return {
        "hl": "true",
        "hl.method": "unified",
        "hl.fl": f"{PAGES_FIELD},{META_FIELD}",
        "hl.requireFieldMatch": "false",
        # Word by word from the postings' offsets: phrase-exact highlighting re-analyses
        # whole pages and costs more than the search itself.
        "hl.usePhraseHighlighter": "false",
        "hl.weightMatches": "false",
        "hl.snippets": str(per_dataset),
        "hl.tag.pre": PRE,
        "hl.tag.post": POST,
        "hl.defaultSummary": "false",
        "hl.multiValuedSeparatorChar": SEPARATOR,
        "hl.bs.type": "SEPARATOR",
        "hl.bs.separator": SEPARATOR,
        "hl.fragsize": "0",
        "hl.maxAnalyzedChars": str(MAX_PAGES_ANALYSED_CHARS),
        f"f.{META_FIELD}.hl.snippets": "1",
    }


def _window(text: str, width: int) -> str:
    """About `width` characters around the first marked word, cut at spaces."""
    first = text.find(PRE)
    if first < 0 or len(text) <= width:
        return text
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    # Never cut a mark in half: close or drop a dangling sentinel.
    piece = text[start:end]
    if piece.count(PRE) > piece.count(POST):
        piece += POST
    return ("… " if start > 0 else "") + piece + (" …" if end < len(text) else "")


def snippet_html(marked: str, width: int = SNIPPET_CHARS) -> str:
    piece = " ".join(_window(marked, width).split())
    escaped = html.escape(piece, quote=False)
    return escaped.replace(PRE, "<mark>").replace(POST, "</mark>")


def page_highlights(passages: Iterable[str], width: int = SNIPPET_CHARS) -> list[Highlight]:
    found = []
    for passage in passages:
        ref = parse_page_value(passage.strip(SEPARATOR).lstrip())
        if ref is None or PRE not in ref.text:
            continue
        found.append(Highlight(ref.resource_id, ref.page, snippet_html(ref.text, width)))
    return found


def marked_phrases(passages: Iterable[str]) -> list[str]:
    """Runs of consecutive marked words (original spelling), e.g. "chuyển đổi số"."""
    phrases: list[str] = []
    for passage in passages:
        joined = re.sub(f"{POST}(\\s+){PRE}", r"\1", passage)
        phrases.extend(" ".join(m.group(1).split()).lower() for m in _MARKED.finditer(joined))
    return [phrase for phrase in phrases if phrase]


@dataclass(frozen=True)
class DatasetHighlights:
    pages: list[Highlight]
    in_metadata: bool
    phrases: list[str]


def highlight_request(q: str, filters: list[str], rows: int,
                      per_dataset: int) -> dict[str, Any]:
    """Solr parameters of the snippet request (q is already safe text)."""
    # Only the stored fields are searched here (the ranking already happened): no phrase
    # boosts, any word enough, so the request stays cheap.
    return {"q": q, "defType": "edismax", "qf": f"{PAGES_FIELD} {META_FIELD}", "mm": "1",
            "pf": "", "pf2": "", "q.op": "OR", "fq": filters, "fl": "id,index_id",
            "rows": rows, "wt": "json", **highlight_params(per_dataset)}


def parse_highlighting(docs: list[dict[str, Any]], highlighting: dict[str, Any],
                       per_dataset: int) -> dict[str, DatasetHighlights]:
    """Solr's highlighting section (keyed by index_id) → highlights by dataset id."""
    ids = {doc["index_id"]: doc["id"] for doc in docs}
    found = {}
    for index_id, fields in highlighting.items():
        if index_id not in ids:
            continue
        pages = list(fields.get(PAGES_FIELD, []))
        meta = list(fields.get(META_FIELD, []))
        found[ids[index_id]] = DatasetHighlights(
            pages=page_highlights(pages)[:per_dataset],
            in_metadata=bool(meta),
            phrases=marked_phrases(meta + pages),
        )
    return found
