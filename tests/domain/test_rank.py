"""The usual order of positions: heads before deputies, the body before its units, ties as listed."""

from __future__ import annotations

import pytest

from phieu_desktop.domain.rank import (
    DEPUTY,
    DEPUTY_SECRETARY,
    HEAD,
    MEMBER,
    OTHER,
    SECRETARY,
    UNIT_DEPUTY,
    UNIT_HEAD,
    position_rank,
)


@pytest.mark.parametrize("position, rank", [
    ("Bí thư Tỉnh ủy", SECRETARY),
    ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", DEPUTY_SECRETARY),  # the first title counts
    ("Giám đốc Sở Tài chính", HEAD),
    ("  chủ tịch   HĐND tỉnh", HEAD),
    ("Chánh án Tòa án nhân dân tỉnh", HEAD),
    ("Phó Giám đốc Sở", DEPUTY),
    ("Phó Chủ tịch UBND tỉnh", DEPUTY),
    ("Thứ trưởng Bộ Tài chính", DEPUTY),
    ("Ủy viên UBND tỉnh", MEMBER),
    ("Chánh Văn phòng Sở", UNIT_HEAD),
    ("Chánh Thanh tra Sở", UNIT_HEAD),
    ("Trưởng phòng Kế toán", UNIT_HEAD),
    ("Trưởng ban Pháp chế HĐND tỉnh", UNIT_HEAD),
    ("Giám đốc Trung tâm Công nghệ thông tin", UNIT_HEAD),
    ("Phó Trưởng phòng Tổ chức", UNIT_DEPUTY),
    ("Phó Chánh Văn phòng", UNIT_DEPUTY),
    ("Chuyên viên", OTHER),
    ("", OTHER),
])
def test_position_rank(position: str, rank: int):
    assert position_rank(position) == rank


def test_a_head_is_never_below_its_deputy():
    for head in ("Giám đốc", "Chủ tịch", "Trưởng phòng", "Chánh Văn phòng", "Bí thư", "Cục trưởng"):
        assert position_rank(head) < position_rank("Phó " + head), head
