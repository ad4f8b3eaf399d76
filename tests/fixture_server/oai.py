"""OAI-PMH 2.0 responses (oai_dc, OJS-like) with the fault modes harvesting must survive."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ocr_pipeline.vietnamese import encode_legacy
from tests.fixture_server.content import Publication

__all__ = ["OAI_FAULTS", "OaiReply", "oai_reply"]

OAI_FAULTS = frozenset(
    {
        "500-page-2",
        "bad-token",
        "token-loop",
        "truncated",
        "html",
        "xxe",
        "billion-laughs",
        "windows-1258",
        "mislabelled",
        "tcvn3",
        "vni",
        "no-records",
        "day-granularity",
        "retry-429",
        "redirect-private",
        "redirect-metadata",
    }
)
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
XML_TYPE = "text/xml; charset=utf-8"
HEAD = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<responseDate>2024-05-01T00:00:00Z</responseDate>"
)


@dataclass(frozen=True)
class OaiReply:
    status: int
    headers: Mapping[str, str]
    body: bytes


def _xml(inner: str, request_attrs: str, encoding: str = "utf-8") -> str:
    request = f"<request{request_attrs}>BASE</request>"
    return HEAD.format(encoding=encoding) + f"{request}{inner}</OAI-PMH>"


def _to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed base letters, tone marks as combining bytes."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _error(code: str, text: str) -> str:
    return f'<error code="{code}">{escape(text)}</error>'


def _dc_record(pub: Publication, fault: str) -> str:
    header = (
        f"<identifier>oai:tapchi.example.vn:article/{pub.number}</identifier>"
        f"<datestamp>{pub.datestamp}</datestamp><setSpec>{pub.set_spec}</setSpec>"
    )
    if pub.deleted:
        return f'<record><header status="deleted">{header}</header></record>'

    def text(value: str) -> str:
        if fault in ("tcvn3", "vni"):
            return escape(encode_legacy(value, "tcvn3" if fault == "tcvn3" else "vni"))
        return escape(value)

    fields: list[str] = []
    if not pub.english_only:
        fields.append(f'<dc:title xml:lang="vi-VN">{text(pub.title_vi)}</dc:title>')
    fields.append(f'<dc:title xml:lang="en-US">{escape(pub.title_en)}</dc:title>')
    for author in pub.authors:
        fields.append(f"<dc:creator>{text(author)}</dc:creator>")
    if not pub.english_only:
        fields.append(f'<dc:subject xml:lang="vi-VN">{text(pub.keywords_vi)}</dc:subject>')
        fields.append(f'<dc:description xml:lang="vi-VN">{text(pub.abstract_vi)}</dc:description>')
    fields.append(f'<dc:subject xml:lang="en-US">{escape(pub.keywords_en)}</dc:subject>')
    abstract_en = pub.abstract_en
    if pub.number % 50 == 1:  # OJS abstracts often carry HTML markup
        abstract_en = f"<p>{abstract_en} <strong>Bold</strong> claim.</p>"
    fields.append(f'<dc:description xml:lang="en-US">{escape(abstract_en)}</dc:description>')
    fields.append(
        '<dc:publisher xml:lang="vi-VN">'
        f"{text('Viện Hàn lâm Khoa học và Công nghệ Việt Nam')}</dc:publisher>"
    )
    fields.append(f"<dc:date>{pub.year}-{1 + pub.number % 12:02d}-15</dc:date>")
    fields.append("<dc:type>info:eu-repo/semantics/article</dc:type>")
    fields.append("<dc:type>info:eu-repo/semantics/publishedVersion</dc:type>")
    fields.append("<dc:format>application/pdf</dc:format>")
    fields.append(f"<dc:identifier>{pub.article_url}</dc:identifier>")
    if pub.doi:
        fields.append(f"<dc:identifier>{pub.doi}</dc:identifier>")
    pages = f"{pub.first_page}-{pub.last_page}"
    if not pub.english_only:
        issue_vi = f"Tập {pub.volume} Số {pub.issue} ({pub.year})"
        source_vi = f"Tạp chí Khoa học và Công nghệ; {issue_vi}; "
        fields.append(f'<dc:source xml:lang="vi-VN">{text(source_vi + pages)}</dc:source>')
    issue_en = f"Vol. {pub.volume} No. {pub.issue} ({pub.year})"
    source_en = f"Journal of Science and Technology; {issue_en}; "
    fields.append(f'<dc:source xml:lang="en-US">{escape(source_en + pages)}</dc:source>')
    fields.append("<dc:source>2525-2518</dc:source><dc:source>1859-3100</dc:source>")
    fields.append(f"<dc:language>{escape(pub.language)}</dc:language>")
    fields.append(f"<dc:relation>{pub.galley_view_url}</dc:relation>")
    if pub.orcid:
        fields.append(f"<dc:relation>https://orcid.org/{pub.orcid}</dc:relation>")
    fields.append(f'<dc:rights xml:lang="vi-VN">{text("Bản quyền")} (c) {pub.year}</dc:rights>')
    fields.append("<dc:rights>https://creativecommons.org/licenses/by/4.0</dc:rights>")
    metadata = (
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">' + "".join(fields) + "</oai_dc:dc>"
    )
    return f"<record><header>{header}</header><metadata>{metadata}</metadata></record>"


def _bound(value: str, granularity_day: bool, end: bool) -> str:
    if len(value) == 10 and not granularity_day:
        return value  # a day argument is always legal
    if len(value) == 10:
        return value + ("T23:59:59Z" if end else "T00:00:00Z")
    return value


def _identify(fault: str) -> str:
    granularity = "YYYY-MM-DD" if fault == "day-granularity" else "YYYY-MM-DDThh:mm:ssZ"
    earliest = "2021-01-01" if fault == "day-granularity" else "2021-01-01T00:00:00Z"
    return (
        "<Identify><repositoryName>Tạp chí Khoa học và Công nghệ (máy chủ thử)</repositoryName>"
        "<baseURL>BASE</baseURL><protocolVersion>2.0</protocolVersion>"
        "<adminEmail>admin@example.vn</adminEmail>"
        f"<earliestDatestamp>{earliest}</earliestDatestamp>"
        f"<deletedRecord>persistent</deletedRecord><granularity>{granularity}</granularity>"
        "</Identify>"
    )


def _list_sets() -> str:
    return (
        "<ListSets><set><setSpec>journal:jst</setSpec>"
        "<setName>Khoa học và Công nghệ</setName></set>"
        "<set><setSpec>journal:yhoc</setSpec><setName>Y học</setName></set></ListSets>"
    )


def _select(
    pubs: tuple[Publication, ...], params: Mapping[str, str], fault: str
) -> tuple[list[Publication], str | None]:
    day = fault == "day-granularity"
    for key in ("from", "until"):
        if day and len(params.get(key, "")) > 10:
            return [], _error("badArgument", f"{key} finer than the repository granularity")
    low = _bound(params.get("from", ""), day, end=False)
    high = _bound(params.get("until", ""), day, end=True)
    spec = params.get("set", "")
    chosen = []
    for pub in pubs:
        stamp = pub.datestamp[:10] if day else pub.datestamp
        if (low and stamp < low[: len(stamp)]) or (high and stamp > high[: len(stamp)]):
            continue
        if spec and pub.set_spec != spec and not pub.set_spec.startswith(spec + ":"):
            continue
        chosen.append(pub)
    return chosen, None


def _list_records(
    pubs: tuple[Publication, ...], params: Mapping[str, str], fault: str, page_size: int
) -> tuple[str, int]:
    """Return (inner XML, page index). Tokens are "offset|from|until|set"."""
    token = params.get("resumptionToken")
    if token is not None:
        parts = token.split("|") if token != "loop" else ["0", "", "", ""]
        if len(parts) != 4 or not parts[0].isdigit():
            return _error("badResumptionToken", "unknown token"), -1
        offset = int(parts[0])
        params = {"from": parts[1], "until": parts[2], "set": parts[3]}
    else:
        if params.get("metadataPrefix") != "oai_dc":
            return _error("cannotDisseminateFormat", "only oai_dc"), 0
        offset = 0
    page = offset // page_size
    if fault == "bad-token" and page >= 1:
        return _error("badResumptionToken", "token expired"), page
    if fault == "no-records":
        return _error("noRecordsMatch", "nothing changed"), page
    chosen, problem = _select(pubs, params, fault)
    if problem:
        return problem, page
    if not chosen:
        return _error("noRecordsMatch", "no records"), page
    batch = chosen[offset : offset + page_size]
    body = "".join(_dc_record(pub, fault) for pub in batch)
    next_offset = offset + page_size
    attrs = f' completeListSize="{len(chosen)}" cursor="{offset}"'
    if fault == "token-loop":
        body += f"<resumptionToken{attrs}>loop</resumptionToken>"
    elif next_offset < len(chosen):
        raw = "|".join(
            (
                str(next_offset),
                params.get("from", ""),
                params.get("until", ""),
                params.get("set", ""),
            )
        )
        body += f"<resumptionToken{attrs}>{escape(raw)}</resumptionToken>"
    else:
        body += f"<resumptionToken{attrs}/>"
    return f"<ListRecords>{body}</ListRecords>", page


def oai_reply(
    pubs: tuple[Publication, ...],
    params: Mapping[str, str],
    fault: str,
    page_size: int,
    base_url: str,
) -> OaiReply:
    verb = params.get("verb", "")
    if fault == "html":
        page = b"<!DOCTYPE html><html><head><title>Login</title></head><body>Sign in</body></html>"
        return OaiReply(200, {"Content-Type": XML_TYPE}, page)
    if fault == "500-page-2" and params.get("resumptionToken", "").startswith(f"{page_size}|"):
        return OaiReply(500, {"Content-Type": "text/plain"}, b"Internal Server Error")
    if fault == "xxe":
        body = (
            b'<?xml version="1.0"?>\n<!DOCTYPE OAI-PMH [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            b"<Identify><repositoryName>&xxe;</repositoryName></Identify></OAI-PMH>"
        )
        return OaiReply(200, {"Content-Type": XML_TYPE}, body)
    if fault == "billion-laughs":
        entities = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
            for n in range(1, 10)
        )
        body = (
            f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{entities}]>'
            '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><Identify>'
            "<repositoryName>&lol9;</repositoryName></Identify></OAI-PMH>"
        ).encode()
        return OaiReply(200, {"Content-Type": XML_TYPE}, body)
    attrs = f" verb={quoteattr(verb)}" if verb else ""
    page_index = 0
    if verb == "Identify":
        inner = _identify(fault)
    elif verb == "ListSets":
        inner = _list_sets()
    elif verb == "ListRecords":
        inner, page_index = _list_records(pubs, params, fault, page_size)
    else:
        inner = _error("badVerb", f"illegal verb {verb!r}")
    if fault == "windows-1258":
        text = _xml(inner, attrs, "windows-1258").replace("BASE", base_url)
        return OaiReply(200, {"Content-Type": "text/xml; charset=windows-1258"}, _to_cp1258(text))
    if fault == "mislabelled":
        # UTF-8 bytes under a declaration claiming Latin-1: classic mojibake generator.
        text = _xml(inner, attrs, "ISO-8859-1").replace("BASE", base_url)
        return OaiReply(200, {"Content-Type": "text/xml; charset=iso-8859-1"}, text.encode())
    body_bytes = _xml(inner, attrs).replace("BASE", base_url).encode()
    if fault == "truncated" and page_index >= 1:
        body_bytes = body_bytes[: len(body_bytes) // 2]
    return OaiReply(200, {"Content-Type": XML_TYPE}, body_bytes)
