"""Entry point for ``python -m harvesters``."""

from __future__ import annotations

import sys

from harvesters.cli import main

sys.exit(main())
