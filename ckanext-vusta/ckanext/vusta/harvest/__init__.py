"""Harvest plugins that wrap the pure ``harvesters`` package (OAI-PMH, CKAN, feeds, manifests).

Stages stay short: listing and mapping come from ``harvesters``; this package only decides what
a record means for the portal (create, update, withdraw, restore, link a duplicate) and writes
it through CKAN's actions so indexing, permissions and the full-text queue all follow.
"""
