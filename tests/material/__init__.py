"""Generators of test material: Vietnamese PDFs, page images (clean and degraded), legacy-font
PDFs and hostile files.  Everything is made by code at test time; nothing binary is committed."""
