"""Full text of resources: extraction jobs, stored page texts, and what the index gets of them."""
