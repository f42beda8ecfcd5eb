"""Units to send up: many distinct, locked session files, and the higher level's key."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyrage import x25519

from phieu_desktop.domain.session import BallotPaper, person_from_values
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.store import SessionFile
from tests.conftest import make_session

NAMES = ["Nguyễn Văn An", "Trần Thị Hường", "Đặng Quốc Kỳ"]


def unit_ballots(persons: int, count: int, seed: str) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice("CCTTL0") for _ in range(persons)) if rng.random() > 0.05 else "-"
            for _ in range(count)]


def build_unit(path: Path, organization: str, names: list[str] | None = None, ballots: list[str] | None = None,
               lock: bool = True, **changes) -> str | None:
    """A locked session of `organization` (24 ballots returned); returns its fingerprint."""
    names = names or NAMES
    people = tuple(person_from_values(name, f"Phó Giám đốc {organization}") for name in names)
    paper = BallotPaper("lanh-dao", "Lãnh đạo", "Toàn thể công chức", people, 24, 24)
    session = make_session(organization=organization, papers=(paper,), **changes)
    with SessionFile.create(path, session) as file:
        file.add_ballots("lanh-dao", ballots or unit_ballots(len(names), 24, organization))
        return file.lock() if lock else None


def export_unit(session_path: Path, out: Path, recipient: x25519.Recipient, minutes=None) -> Path:
    with SessionFile.open(session_path) as file:
        export_session(file, out, [recipient], minutes=minutes)
    return out


@pytest.fixture(scope="session")
def board() -> x25519.Identity:
    return x25519.Identity.generate()


@pytest.fixture
def credentials(board) -> Credentials:
    return Credentials(identities=[board])


@pytest.fixture
def make_package(tmp_path, board):
    """make_package("Sở Y tế") -> path of a sealed package of that unit, encrypted to `board`."""
    def make(organization: str, names: list[str] | None = None, ballots: list[str] | None = None,
             name: str | None = None) -> Path:
        stem = name or organization.replace(" ", "_")
        session_path = tmp_path / f"{stem}.phieu"
        build_unit(session_path, organization, names, ballots)
        return export_unit(session_path, tmp_path / f"{stem}.phieux", board.to_public())
    return make
