"""No Python warning reaches the user: not on the terminal of `phieu`, not in the window of `phieu-desktop`.

A library's warning (pyHanko's import under a newer cryptography prints `CryptographyDeprecationWarning` and a line of
its source) is English text for a developer, printed before our one Vietnamese line. Both entry points call
`silence_warnings()` first, before any library is imported (they import lazily, inside the commands). For debugging,
`PHIEU_WARNINGS=1` shows every warning once per place, deprecations included (or as `-W`/`PYTHONWARNINGS` say,
when given).
"""

from __future__ import annotations

import os
import sys
import warnings

ENVIRONMENT = "PHIEU_WARNINGS"


def warnings_wanted() -> bool:
    return os.environ.get(ENVIRONMENT, "").strip() not in ("", "0")


def silence_warnings() -> None:
    if warnings_wanted():
        if not sys.warnoptions:
            warnings.simplefilter("default")
    else:
        warnings.simplefilter("ignore")
