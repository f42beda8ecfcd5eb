"""Shared fixtures: a fresh session file per test; Qt runs offscreen (set before Qt is imported)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from phieu_desktop.domain.regime import Header, Regime  # noqa: E402
from phieu_desktop.domain.session import BallotPaper, CommitteeMember, Session, person_from_values  # noqa: E402
from phieu_desktop.store import SessionFile  # noqa: E402

DATA = Path(__file__).parent / "data"


def make_session(regime: Regime = Regime.QD96, persons: int = 3, summoned: int = 30, present: int | None = 25,
                 present_at_vote: int | None = 24, issued: int | None = 24, returned: int | None = 24,
                 **changes) -> Session:
    """A small, valid session with one ballot paper; keyword arguments override Session fields."""
    names = ["Nguyễn Thị Hường", "Đặng Quốc Kỳ", "Trần Văn Ơn", "Lê Thị Ưng", "Phạm Bá Dũng", "Hồ Thị Ngọc Ẩn"]
    people = tuple(person_from_values(names[i % len(names)] + (f" {i // len(names)}" if i >= len(names) else ""),
                                      f"Chức vụ {i + 1}") for i in range(persons))
    fields = dict(
        regime=regime, header=Header.STATE, organization="Sở Tài chính tỉnh Hà Giang", parent="UBND TỈNH HÀ GIANG",
        title="Hội nghị lấy phiếu tín nhiệm năm 2023", place="Hà Giang", date=date(2023, 9, 12), summoned=summoned,
        present=present, present_at_vote=present_at_vote,
        committee=(CommitteeMember("Trần Thị Bình", "Trưởng ban"), CommitteeMember("Lò Văn Sơn", "Ủy viên")),
        papers=(BallotPaper("lanh-dao", "Lãnh đạo Sở", "Toàn thể công chức", people, issued, returned),),
    )
    fields.update(changes)
    return Session(**fields)


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return tmp_path / "phien.phieu"


@pytest.fixture
def session_file(session_path: Path):
    """An open, unlocked session file with attendance and counts recorded, no ballot yet."""
    file = SessionFile.create(session_path, make_session())
    yield file
    file.close()
