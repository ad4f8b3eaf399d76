"""Installs the portal's three Python packages in one `pip install -e .`.

- ckanext.vusta (from ckanext-vusta/): the thin CKAN 2.12 extension
- harvesters: pure-Python harvesting of member associations' repositories
- ocr_pipeline: pure-Python per-page text extraction and Vietnamese OCR
"""
from setuptools import find_namespace_packages, find_packages, setup

CKANEXT_DIR = "ckanext-vusta"

setup(
    name="vusta-portal",
    version="0.1.0",
    description="VUSTA digital library and open research data portal",
    python_requires=">=3.10,<3.13",
    packages=(
        find_packages(include=["harvesters", "harvesters.*", "ocr_pipeline", "ocr_pipeline.*"])
        + find_namespace_packages(where=CKANEXT_DIR, include=["ckanext.vusta", "ckanext.vusta.*"])
    ),
    package_dir={"ckanext": f"{CKANEXT_DIR}/ckanext"},
    include_package_data=True,
    package_data={
        "ckanext.vusta": [
            "config_declaration.yaml",
            "templates/**/*",
            "public/**/*",
            "assets/**/*",
            "i18n/**/*",
            "schemas/**/*",
            "migration/**/*",
            "demo/*.json",
        ],
        "harvesters": ["templates/*.csv", "templates/*.xlsx", "py.typed"],
        "ocr_pipeline": ["py.typed"],
    },
    install_requires=[
        "requests>=2.32,<3",
        "urllib3>=2.0,<3",
        "pysolr>=3.9",
        "pdfminer.six>=20231228",
        "pypdfium2>=4.30",
        "pillow>=10.0",
        "numpy>=1.26",
        "lxml>=5.0,<7",
        "openpyxl>=3.1,<4",
        "fpdf2>=2.7",
        "segno>=1.6,<2",
    ],
    entry_points={
        "ckan.plugins": [
            "vusta = ckanext.vusta.plugin:VustaPlugin",
            "vusta_dcat = ckanext.vusta.plugin_dcat:VustaDcatPlugin",
            "vusta_oai_harvester = ckanext.vusta.harvest.plugins:OaiHarvester",
            "vusta_ckan_harvester = ckanext.vusta.harvest.plugins:CkanHarvester",
            "vusta_feed_harvester = ckanext.vusta.harvest.plugins:FeedHarvester",
            "vusta_manifest_harvester = ckanext.vusta.harvest.plugins:ManifestHarvester",
        ],
    },
)
