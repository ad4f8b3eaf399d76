"""The local stack (no Docker engine here): services, CKAN config and processes."""
