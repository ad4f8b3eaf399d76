"""ckanext-harvest plugins for our four source kinds: each stage is one call into ``stages``."""

from __future__ import annotations

__all__ = ["CkanHarvester", "FeedHarvester", "ManifestHarvester", "OaiHarvester"]

from typing import Any

from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.vusta.harvest import stages
from ckanext.vusta.harvest.source_config import parse_source_config


class _VustaHarvester(HarvesterBase):  # type: ignore[misc]  # ckanext-harvest is untyped
    kind = ""
    title = ""
    description = ""

    def info(self) -> dict[str, str]:
        return {"name": f"vusta_{self.kind}", "title": self.title,
                "description": self.description}

    def validate_config(self, config: str | None) -> str | None:
        parse_source_config(config, self.kind)  # raises the user-facing message
        return config

    def gather_stage(self, harvest_job: Any) -> list[str]:
        return stages.gather(harvest_job, self.kind)

    def fetch_stage(self, harvest_object: Any) -> bool | str:
        return stages.fetch(harvest_object, self.kind)

    def import_stage(self, harvest_object: Any) -> bool | str:
        return stages.import_object(harvest_object, self.kind, self._get_user_name())


class OaiHarvester(_VustaHarvester):
    kind = "oai"
    title = "OAI-PMH (VUSTA)"
    description = "Kho OAI-PMH (OJS, DSpace): oai_dc, tập hợp, thu hoạch tăng dần."


class CkanHarvester(_VustaHarvester):
    kind = "ckan"
    title = "CKAN (VUSTA)"
    description = "Cổng CKAN khác: thu hoạch tăng dần theo metadata_modified, phát hiện xoá."


class FeedHarvester(_VustaHarvester):
    kind = "feed"
    title = "RSS/Atom, WordPress (VUSTA)"
    description = "Nguồn tin RSS/Atom, trang WordPress (REST hoặc sitemap)."


class ManifestHarvester(_VustaHarvester):
    kind = "manifest"
    title = "Bảng kê CSV/XLSX (VUSTA)"
    description = "Bảng kê một dòng mỗi ấn phẩm, có liên kết tệp."
