"""Copied by packaging/windows/wine-check to lib\\sitecustomize.py of the copy installed in its Wine prefix, before
the test suite runs there (never part of the installer). Python imports it at start in every process, the tests'
subprocesses included: stand-ins for two things every Windows since 8 has and Wine 8 lacks, where the missing
function makes Wine abort the process instead of failing the call.
"""

import _winapi
import sys

# shutil.copy2 calls CopyFile2 (kernel32, Windows 8+): without it shutil copies the file itself.
if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2

# platform.system() and friends query WMI (propsys.VariantToString is unimplemented in Wine 8): without _wmi,
# `platform` reads sys.getwindowsversion() instead.
sys.modules.setdefault("_wmi", None)
