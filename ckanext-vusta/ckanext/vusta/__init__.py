"""The VUSTA portal's CKAN extension: the only package that talks to CKAN."""
