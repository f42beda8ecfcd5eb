"""`SessionFile.update_session`: the Prepare wizard's edits, in one transaction with one audit entry."""

from __future__ import annotations

from dataclasses import replace

import pytest

from phieu_desktop.domain import audit
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.session import BallotPaper, CommitteeMember, person_from_values
from phieu_desktop.store import SessionFile
from tests.conftest import make_session


def fresh(session_path, **changes) -> SessionFile:
    return SessionFile.create(session_path, make_session(**changes))


def test_update_replaces_everything_and_is_audited(session_path):
    with fresh(session_path, present=None, present_at_vote=None, issued=None, returned=None) as file:
        before = len(file.audit_entries())
        s = file.session
        persons = (person_from_values("Vũ Văn Dũng", "Giám đốc"),) + s.papers[0].persons[:2]
        new = replace(s, organization="Sở Tư pháp", summoned=40,
                      committee=(CommitteeMember("Lò Văn Sơn", "Trưởng ban"),),
                      papers=(replace(s.papers[0], title="Lãnh đạo Sở Tư pháp", persons=persons),
                              BallotPaper("truong-phong", "Trưởng phòng", "Công chức", persons[:1])))
        file.update_session(new)
        entries = file.audit_entries()
        assert len(entries) == before + 1 and entries[-1].action == audit.SESSION_UPDATED
        assert file.session == new
        assert file.verify().ok
    with SessionFile.open(session_path) as again:  # what is on disk, replayed from the log
        assert again.session == new and again.opening_report.ok
        assert again.entered("truong-phong") == 0


def test_attendance_and_counts_are_kept_from_the_file(session_file):
    s = session_file.session
    wizard_result = replace(s, present=None, present_at_vote=None,
                            papers=(replace(s.papers[0], issued=None, returned=None),
                                    BallotPaper("them", "Thêm", "Toàn thể", s.papers[0].persons[:1], 3, 3)))
    session_file.update_session(wizard_result)
    after = session_file.session
    assert (after.present, after.present_at_vote) == (25, 24)
    assert (after.papers[0].issued, after.papers[0].returned) == (24, 24)
    assert (after.papers[1].issued, after.papers[1].returned) == (None, None)
    assert session_file.verify().ok


def test_summoned_below_present_is_refused_and_nothing_changes(session_file):
    before = (session_file.session, len(session_file.audit_entries()))
    with pytest.raises(PhieuError, match="lớn hơn số người được triệu tập"):
        session_file.update_session(replace(session_file.session, summoned=20))
    assert (session_file.session, len(session_file.audit_entries())) == before


def test_invalid_session_is_refused(session_file):
    with pytest.raises(PhieuError, match="chưa có người được lấy phiếu"):
        session_file.update_session(replace(session_file.session,
                                            papers=(replace(session_file.session.papers[0], persons=()),)))
    assert session_file.verify().ok


def test_unchanged_session_writes_nothing(session_file):
    before = len(session_file.audit_entries())
    session_file.update_session(session_file.session)
    assert len(session_file.audit_entries()) == before


def test_refused_once_a_ballot_is_entered(session_file):
    session_file.add_ballot("lanh-dao", "CTL")
    with pytest.raises(PhieuError, match="Đã nhập phiếu"):
        session_file.update_session(replace(session_file.session, title="Khác"))
    assert session_file.session.title != "Khác"


def test_refused_once_locked(session_path):
    with fresh(session_path, issued=24, returned=0) as file:
        file.lock()
        with pytest.raises(PhieuError, match="khóa"):
            file.update_session(replace(file.session, title="Khác"))
        assert file.verify().ok


def test_removed_ballot_paper_leaves_the_file_verifiable(session_file):
    s = session_file.session
    two = replace(s, papers=s.papers + (BallotPaper("phu", "Phụ", "Toàn thể", s.papers[0].persons[:1]),))
    session_file.update_session(two)
    session_file.update_session(replace(two, papers=two.papers[1:]))
    assert [p.key for p in session_file.session.papers] == ["phu"]
    assert session_file.verify().ok
