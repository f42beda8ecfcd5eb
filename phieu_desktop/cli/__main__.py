"""`python -m phieu_desktop.cli`: the `phieu` command."""

import sys

from . import main

sys.exit(main())
