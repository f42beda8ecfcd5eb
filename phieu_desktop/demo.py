"""A realistic demo session (Sở Tài chính, two ballot papers), entered and locked."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from .domain.regime import Denominator, Header, Regime
from .domain.session import BallotPaper, CommitteeMember, Session, person_from_values
from .store import SessionFile

LEADERS = [
    ("Nguyễn Văn An", "Giám đốc Sở Tài chính"),
    ("Trần Thị Hường", "Phó Giám đốc Sở Tài chính"),
    ("Đặng Quốc Kỳ", "Phó Giám đốc Sở Tài chính"),
    ("Lê Minh Tuấn", "Phó Giám đốc Sở Tài chính"),
]
HEADS = [
    ("Phạm Thị Thu Hà", "Chánh Văn phòng Sở"),
    ("Vũ Đức Thắng", "Chánh Thanh tra Sở"),
    ("Hoàng Thị Ánh Tuyết", "Trưởng phòng Quản lý ngân sách"),
    ("Bùi Văn Lộc", "Trưởng phòng Tài chính đầu tư"),
    ("Ngô Thị Mỹ Duyên", "Trưởng phòng Quản lý giá và công sản"),
    ("Đỗ Xuân Trường", "Trưởng phòng Tài chính doanh nghiệp"),
]

# Share of (high, confidence, low) each person tends to get, so the demo shows every band.
LEANINGS = {
    "Đặng Quốc Kỳ": (0.15, 0.30, 0.55),
    "Đỗ Xuân Trường": (0.05, 0.20, 0.75),
}


def demo_session() -> Session:
    return Session(
        regime=Regime.QD96,
        denominator=Denominator.RETURNED,
        header=Header.STATE,
        organization="Sở Tài chính tỉnh Hà Giang",
        parent="UBND TỈNH HÀ GIANG",
        title="Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ năm 2023",
        place="Hà Giang",
        date=date(2023, 9, 12),
        summoned=35,
        committee=(
            CommitteeMember("Trần Thị Bình", "Trưởng ban"),
            CommitteeMember("Lò Văn Sơn", "Ủy viên"),
            CommitteeMember("Nguyễn Thị Ngọc Ánh", "Ủy viên, Thư ký"),
        ),
        papers=(
            BallotPaper("lanh-dao-so", "Lãnh đạo Sở", "Tập thể lãnh đạo Sở, trưởng phòng và tương đương",
                        tuple(person_from_values(n, p) for n, p in LEADERS)),
            BallotPaper("truong-phong", "Trưởng phòng và tương đương", "Toàn thể công chức, viên chức của Sở",
                        tuple(person_from_values(n, p) for n, p in HEADS)),
        ),
    )


def demo_ballots(session: Session, key: str, count: int, seed: int = 2023) -> list[str]:
    """`count` plausible ballots: mostly valid, a few blank, spoilt or foreign."""
    rng = random.Random(f"{seed}-{key}")
    paper = session.paper(key)
    ballots = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.03:
            ballots.append("-")
            continue
        marks = []
        for person in paper.persons:
            high, confidence, _low = LEANINGS.get(person.name, (0.6, 0.32, 0.08))
            r = rng.random()
            if r < 0.02:
                marks.append(rng.choice("0MX"))
            elif r < 0.02 + 0.98 * high:
                marks.append("C")
            elif r < 0.02 + 0.98 * (high + confidence):
                marks.append("T")
            else:
                marks.append("L")
        ballots.append("".join(marks))
    return ballots


def create_demo(path: str | Path) -> str:
    """Create, fill and lock the demo session at `path`; returns the fingerprint."""
    session = demo_session()
    with SessionFile.create(path, session) as file:
        file.record_attendance(present=33, present_at_vote=32)
        for key, issued, returned in (("lanh-dao-so", 32, 32), ("truong-phong", 32, 31)):
            file.record_counts(key, issued, returned)
            file.add_ballots(key, demo_ballots(session, key, returned))
        return file.lock()
