"""OAI-PMH harvesting: a small protocol client over our guarded HTTP and strict XML layers.

Why not a kept client library: Sickle and oaipmh-scythe both parse with a module-level lxml
parser in lxml's lenient recovery mode (silently drops records from a truncated page) and bring
their own HTTP stack (plain ``requests.get`` / httpx), which would bypass our egress guard,
deadline and byte cap. Wrapping them would mean replacing both halves, so the protocol layer
(about 200 lines) is ours.
"""

from __future__ import annotations

from harvesters.oai.client import Identify, OaiClient, OaiHeader, OaiRecord, OaiSet
from harvesters.oai.window import format_datestamp, incremental_from

__all__ = [
    "Identify",
    "OaiClient",
    "OaiHeader",
    "OaiRecord",
    "OaiSet",
    "format_datestamp",
    "incremental_from",
]
