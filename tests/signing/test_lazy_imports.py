"""An office without a token counts and prints: nothing of the signing libraries is loaded on that path."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pyhanko", "pkcs11", "pyhanko_certvalidator", "asn1crypto")


def test_counting_and_printing_load_no_signing_library(tmp_path):
    code = f"""
import sys
from phieu_desktop.cli import main
from phieu_desktop.exchange import export, intake, consolidate  # the export code too, until it signs
assert main(["demo", r"{tmp_path / 'demo.phieu'}"]) == 0
assert main(["verify", r"{tmp_path / 'demo.phieu'}"]) == 0
assert main(["print", "minutes", r"{tmp_path / 'demo.phieu'}", "-o", r"{tmp_path / 'bb.pdf'}"]) == 0
print(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
