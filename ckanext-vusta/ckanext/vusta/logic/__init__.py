"""Actions, auth functions and validation schemas of the VUSTA extension."""
