"""Demo content for `make run`: a member association, a collection and publications with PDFs."""
