"""A realistic demo session (Sở Tài chính of a province after the 2025 reorganisation: two levels, tỉnh and xã; two
ballot papers), entered and locked."""

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

# Per person: (high, confidence, low, invalid) over the ballots issued by the committee; one foreign ballot ("-")
# is added to each paper. Chosen so the demo shows every band: Đặng Quốc Kỳ 17/32 low (over half),
# Đỗ Xuân Trường 21/31 low (two thirds: 63 >= 62).
COUNTS = {
    "Nguyễn Văn An": (22, 7, 2, 0),
    "Trần Thị Hường": (20, 8, 2, 1),
    "Đặng Quốc Kỳ": (5, 8, 17, 1),
    "Lê Minh Tuấn": (16, 11, 4, 0),
    "Phạm Thị Thu Hà": (19, 9, 1, 1),
    "Vũ Đức Thắng": (12, 12, 4, 2),
    "Hoàng Thị Ánh Tuyết": (21, 6, 2, 1),
    "Bùi Văn Lộc": (20, 10, 0, 0),
    "Ngô Thị Mỹ Duyên": (14, 12, 3, 1),
    "Đỗ Xuân Trường": (3, 5, 21, 1),
}


def demo_session() -> Session:
    return Session(
        regime=Regime.QD96,
        denominator=Denominator.RETURNED,
        header=Header.STATE,
        organization="Sở Tài chính tỉnh Tuyên Quang",
        parent="UBND TỈNH TUYÊN QUANG",
        title="Hội nghị lấy phiếu tín nhiệm năm 2026",
        place="Tuyên Quang",
        date=date(2026, 11, 20),
        summoned=35,
        unit_code="TQ.STC",
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


def demo_ballots(session: Session, key: str, seed: int = 2023) -> list[str]:
    """The paper's ballots: each person's column holds exactly their COUNTS, shuffled; one foreign ballot."""
    rng = random.Random(f"{seed}-{key}")
    columns = []
    for person in session.paper(key).persons:
        high, confidence, low, invalid = COUNTS[person.name]
        column = list("C" * high + "T" * confidence + "L" * low) + [rng.choice("0MX") for _ in range(invalid)]
        rng.shuffle(column)
        columns.append(column)
    ballots = ["".join(row) for row in zip(*columns)]
    ballots.insert(rng.randrange(len(ballots) + 1), "-")
    return ballots


def create_demo(path: str | Path) -> str:
    """Create, fill and lock the demo session at `path`; returns the fingerprint."""
    session = demo_session()
    with SessionFile.create(path, session) as file:
        file.record_attendance(present=33, present_at_vote=32)
        for key, issued in (("lanh-dao-so", 32), ("truong-phong", 32)):
            ballots = demo_ballots(session, key)
            file.record_counts(key, issued, len(ballots))
            file.add_ballots(key, ballots)
        return file.lock()
