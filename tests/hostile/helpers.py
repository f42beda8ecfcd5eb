"""Shared by the hostile-input suite: running the `phieu` command in a child process, and the per-door tally."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from phieu_desktop.domain import limits
from phieu_desktop.domain.regime import Header, Regime
from phieu_desktop.domain.session import BallotPaper, CommitteeMember, Session, person_from_values

TALLY = Path(os.environ.get("PHIEU_HOSTILE_TALLY", Path(__file__).parent / ".tally.jsonl"))


def record(door: str, tried: int, wrongly_accepted: int) -> None:
    """One line per test of how many hostile inputs a door was given and how many it wrongly accepted."""
    with open(TALLY, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"door": door, "tried": tried, "wrong": wrongly_accepted}) + "\n")


class Door:
    """What one test gave a door: `tried` hostile inputs; each proven handled (`held`) or counted wrong (`broke`)."""

    def __init__(self, tried: int) -> None:
        self.tried, self.right, self.wrong = tried, 0, 0

    def held(self, n: int = 1) -> None:
        self.right += n

    def broke(self, n: int = 1) -> None:
        self.wrong += n

    def check(self, handled: bool) -> bool:
        """Count one input from what the program did; returns `handled` (assert it afterwards)."""
        self.held() if handled else self.broke()
        return handled


@contextlib.contextmanager
def door(name: str, tried: int):
    """Record a door's line whatever happens: an assertion that fails inside counts every input not yet proven
    handled as wrongly accepted, so the tally can show a failure (never a literal 0 written after the asserts)."""
    counted = Door(tried)
    try:
        yield counted
    except BaseException:
        record(name, tried, max(counted.wrong, tried - counted.right))
        raise
    record(name, tried, max(counted.wrong, tried - counted.right))


def tally() -> dict[str, tuple[int, int]]:
    tried, wrong = Counter(), Counter()
    if TALLY.exists():
        for line in TALLY.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            tried[item["door"]] += item["tried"]
            wrong[item["door"]] += item["wrong"]
    return {door: (tried[door], wrong[door]) for door in sorted(tried)}


def phieu(*args: str, cwd: Path, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`phieu …` in a child process (exit code, stdout and stderr as a user sees them)."""
    return subprocess.run([sys.executable, "-m", "phieu_desktop.cli", *map(str, args)], cwd=cwd, text=True,
                          capture_output=True, input=stdin, env={**os.environ, "PYTHONIOENCODING": "utf-8",
                                                                  **(env or {})}, timeout=300)


def assert_refused(run: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 1, exactly one line on stderr, in Vietnamese, no traceback, naming what is given in `words`."""
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr[-2000:]
    line = lines[0]
    assert line.startswith("phieu: ") and "Traceback" not in run.stderr
    assert "lỗi không mong đợi" not in line, line
    assert any(ch in line for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), line  # Vietnamese
    for word in words:
        assert word in line, (word, line)
    return line


def session_at_the_limits() -> Session:
    """Every size at its limit at once: the most papers, the most persons, the longest texts."""
    def text(n: int, seed: str) -> str:
        word = seed * 20
        return (" ".join([word] * (n // (len(word) + 1) + 1)))[:n - 1].strip() + "x"

    def long_name(i: int) -> str:  # one unbroken word as long as allowed: the hardest case for a table cell
        return (f"Nguyễn{i}" + "Ư" * limits.MAX_NAME)[: limits.MAX_NAME]

    papers = []
    for p in range(limits.MAX_PAPERS):
        count = limits.MAX_PERSONS if p == 0 else 2
        persons = tuple(person_from_values(long_name(i), text(limits.MAX_POSITION,
                                                              "Phó Giám đốc Sở ")[:limits.MAX_POSITION - len(str(i))]
                                          + str(i))
                        for i in range(count))
        papers.append(BallotPaper(f"phieu-{p}", text(limits.MAX_TEXT, f"Lãnh đạo {p} "), text(limits.MAX_TEXT,
                                                                                              "Cán bộ "),
                                  persons, 3, 3))
    committee = tuple(CommitteeMember(long_name(i), text(limits.MAX_TEXT,
                                                         "Ủy viên ")) for i in range(limits.MAX_COMMITTEE))
    committee = (CommitteeMember(committee[0].name, "Trưởng ban"),) + committee[1:]
    from datetime import date

    return Session(regime=Regime.QD96, header=Header.STATE, organization=text(limits.MAX_TEXT, "Sở Tài chính "),
                   parent=text(limits.MAX_TEXT, "UBND TỈNH "), title=text(limits.MAX_TEXT, "Hội nghị "),
                   place=text(limits.MAX_TEXT, "Hà Giang "), date=date(2023, 9, 12), summoned=limits.MAX_PEOPLE,
                   present=limits.MAX_PEOPLE, present_at_vote=limits.MAX_PEOPLE, committee=committee,
                   papers=tuple(papers))


class Run:
    """What a `phieu` run left: exit code, stdout, stderr (same fields as subprocess.CompletedProcess)."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def phieu_here(*args: object) -> Run:
    """`phieu …` in this process (fast; for the many generated inputs). Paths must be absolute."""
    import contextlib
    import io

    from phieu_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse: a malformed command line
            code = exit_.code
    return Run(code, out.getvalue(), err.getvalue())


# Characters no field may hold: C0/C1 controls that are not white space, format characters (bidi, zero width,
# BOM), private use, non-characters.
FORBIDDEN = sorted({chr(c) for c in list(range(0, 32)) + [0x7F] + list(range(0x80, 0xA0))
                    if not chr(c).isspace()}
                   | set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                         "\ufeff\u00ad\u2060\ue000\uf8ff\ufffe\uffff\ufdd0"))


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (every non-printable character escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(f"\\u{ord(ch):04X}")
    return '"' + "".join(out) + '"'
