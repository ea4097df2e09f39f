"""`python -m generator` is the `summit` command."""

import sys

from .cli import main

sys.exit(main())
