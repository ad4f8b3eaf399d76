"""OAI-PMH record -> normalised Record, through a chain of named profiles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from harvesters.oai.client import OaiRecord
from harvesters.oai.dc import DcValues, dc_base, dc_identifiers, dc_values
from harvesters.oai.ojs import ojs_profile
from harvesters.profiles import Profile, apply_profiles
from harvesters.records import Record

__all__ = ["DC_PROFILES", "DEFAULT_PROFILES", "map_oai_record"]


def _oai_dc(record: Record, dc: DcValues) -> Record:
    """The base chain for any oai_dc source: fields, then identifiers."""
    return dc_identifiers(dc_base(record, dc), dc)


DC_PROFILES: Mapping[str, Profile[DcValues]] = {
    "oai_dc": _oai_dc,
    "dc_base": dc_base,
    "dc_identifiers": dc_identifiers,
    "ojs": ojs_profile,
}
DEFAULT_PROFILES = ("oai_dc",)


def map_oai_record(
    oai: OaiRecord, source_id: str, profiles: Sequence[str] = DEFAULT_PROFILES
) -> Record:
    """Tombstone for deletions; otherwise run ``profiles`` over the record's Dublin Core."""
    base = Record(
        source_id=source_id,
        identifier=oai.header.identifier,
        datestamp=oai.header.datestamp,
        deleted=oai.header.deleted,
        subjects=oai.header.set_specs,
        raw=oai.raw,
    )
    if oai.header.deleted or oai.metadata is None:
        return base
    return apply_profiles(base, dc_values(oai.metadata), profiles, DC_PROFILES)
