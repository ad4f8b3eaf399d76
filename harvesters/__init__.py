"""Pure-Python harvesters for VUSTA member sources (OAI-PMH, CKAN API, feeds, manifests).

Nothing here imports CKAN: the portal's harvest plugins wrap these functions, and the CLI
(``python -m harvesters``) lets a librarian try a source without a portal.
"""

from __future__ import annotations

__all__: list[str] = []
