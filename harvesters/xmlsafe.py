"""Strict, safe XML parsing for everything harvested.

Entities are never resolved, DTDs never loaded, the network never touched, huge trees refused,
and ``recover`` never used: a truncated page must fail loudly rather than silently lose records.
Any DOCTYPE that declares entities (XXE, billion laughs) is refused outright.
"""

from __future__ import annotations

import re

from lxml import etree

from harvesters.errors import HarvestError

__all__ = ["parse_xml"]

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers are not thread-safe and keep error logs.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(body: bytes) -> etree._Element:
    """Parse ``body`` (bytes, so the XML declaration decides the encoding) or raise HarvestError."""
    if _ENTITY_DECL.search(body) or _doctype_with_external_id(body):
        raise HarvestError("xml_entities")
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise HarvestError("xml_invalid", detail=_short(str(error))) from error
    except ValueError as error:  # e.g. unsupported encoding declaration
        raise HarvestError("xml_invalid", detail=_short(str(error))) from error
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    # lxml-stubs lag lxml here: DTD.entities() and DocInfo.system_url exist since lxml 2.x/4.x.
    declares_entities = dtd is not None and bool(list(dtd.entities()))  # type: ignore[union-attr]
    if declares_entities or tree.docinfo.system_url:  # type: ignore[union-attr]
        raise HarvestError("xml_entities")
    for _entity in root.iter(etree.Entity):
        raise HarvestError("xml_entities")
    return root


def _doctype_with_external_id(body: bytes) -> bool:
    match = _DOCTYPE.search(body[:4096])
    if match is None:
        return False
    declaration = body[match.end() : match.end() + 512].split(b">", 1)[0].upper()
    return b"SYSTEM" in declaration or b"PUBLIC" in declaration


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
