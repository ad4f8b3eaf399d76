"""The scholarly catalogue's pure logic: identifiers, vocabulary, citations, meta tags, JSON-LD.

Nothing in this package imports CKAN, so every rule can be tested with plain values; the
CKAN-facing validators, actions, helpers and views wrap these functions.
"""
