"""Vietnamese-aware search: index fields, query text, ranking, page snippets, suggestions.

Everything here except `solr_highlights` is pure (no CKAN import) so it is tested with strings
and reused by the benchmark, which talks to Solr directly.
"""
