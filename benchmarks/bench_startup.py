"""Start-up: how long a whole `phieu` process takes for the light commands, and the window until it is usable.

Run: .venv/bin/python benchmarks/bench_startup.py [--repeat 7]

Goals (issue 10): `phieu --help` and the other light commands under 0.1 s on the 2-core development machine, the
window under 0.5 s to usable. Each figure is the median of whole processes (interpreter start included), next to
the floor: `python -c pass`, the interpreter alone. The window is `phieu-desktop --smoke-test 0 demo.phieu`
offscreen: start, open the file, show the window, run the event loop once, exit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("reportlab", "openpyxl", "sqlite_utils", "pyrage", "PySide6", "PIL")


def timed(command: list[str], repeat: int, env: dict) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def heavy_modules_for_help() -> list[str]:
    """The heavy packages loaded by building the whole `phieu` parser (what --help does)."""
    code = ("import sys; from phieu_desktop.cli import build_parser; build_parser(); "
            f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.phieu"
        env["PHIEU_HOME"] = str(Path(folder) / "home")
        subprocess.run([sys.executable, "-m", "phieu_desktop.cli", "demo", str(demo)], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        cli = [sys.executable, "-m", "phieu_desktop.cli"]
        rows = [
            ("python -c pass (the floor)", [sys.executable, "-c", "pass"]),
            ("phieu --help", cli + ["--help"]),
            ("phieu verify --help", cli + ["verify", "--help"]),
            ("phieu nothing (usage error)", cli + ["nothing"]),
            ("phieu verify demo.phieu", cli + ["verify", str(demo)]),
            ("phieu results demo.phieu", cli + ["results", str(demo)]),
            ("phieu print minutes (whole)", cli + ["print", "minutes", str(demo), "-o", str(Path(folder) / "m{}.pdf")]),
            ("window: --smoke-test 0 demo.phieu", [sys.executable, "-m", "phieu_desktop", "--smoke-test", "0",
                                                    str(demo)]),
        ]
        print(f"{'whole process':40} {'median':>8} {'best':>8}   ({args.repeat} runs each)")
        for label, command in rows:
            if "m{}.pdf" in command[-1]:
                outs = [command[-1].format(i) for i in range(args.repeat)]
                times = []
                for out in outs:
                    start = time.perf_counter()
                    subprocess.run(command[:-1] + [out], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
                    times.append(time.perf_counter() - start)
                median, best = statistics.median(times), min(times)
            else:
                median, best = timed(command, args.repeat, env)
            print(f"{label:40} {median * 1000:7.0f}ms {best * 1000:7.0f}ms")
    heavy = heavy_modules_for_help()
    print(f"heavy packages imported by phieu --help: {', '.join(heavy) if heavy else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
