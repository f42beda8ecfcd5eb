"""The Prepare wizard's flow, without Qt: pages, validity, collection, ordering, warnings."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from phieu_desktop.domain.prepare import PAGES, Page, PersonOrder, PrepareFlow, key_from_title
from phieu_desktop.domain.regime import CrossedOutRuling, Denominator, Header, Regime
from phieu_desktop.domain.session import session_problems
from tests.conftest import make_session


def filled_flow() -> PrepareFlow:
    flow = PrepareFlow(today=date(2023, 9, 12))
    flow.set_details(regime=Regime.NQ96, denominator=Denominator.ISSUED, crossed_out=CrossedOutRuling.ROW,
                     header=Header.STATE,
                     organization="HĐND tỉnh Hà Giang", parent="", title="Kỳ họp thứ 12", place="Hà Giang",
                     summoned=50)
    flow.add_member("Trần Thị Bình", "Trưởng ban")
    flow.add_member("Lò Văn Sơn", "Ủy viên")
    flow.add_paper("Chức danh do HĐND bầu", "Đại biểu HĐND tỉnh")
    flow.add_person(0, "Nguyễn Văn Bình", "Chủ tịch UBND tỉnh")
    flow.add_person(0, "Lê Thị An", "Phó Chủ tịch UBND tỉnh")
    return flow


def test_pages_in_order_and_navigation():
    flow = PrepareFlow()
    assert PAGES == (Page.REGIME, Page.HEADER, Page.SUMMONED, Page.COMMITTEE, Page.PAPERS, Page.SUMMARY)
    assert flow.page is Page.REGIME and flow.previous_page() is None
    flow.set_details(crossed_out=CrossedOutRuling.BALLOT)
    assert flow.advance() is Page.HEADER
    with pytest.raises(ValueError, match="Tên cơ quan"):
        flow.advance()  # nothing filled in
    assert flow.page is Page.HEADER
    assert flow.back() is Page.REGIME
    assert flow.back() is Page.REGIME
    assert flow.next_page(Page.SUMMARY) is None


def test_the_crossed_out_ruling_is_asked_for_a_new_session():
    """Issue 24, item 3: no silent default; the committee chooses, an existing session keeps its ruling."""
    flow = PrepareFlow()
    assert flow.crossed_out is None and not flow.can_advance(Page.REGIME)
    assert "gạch xóa họ tên người được in trên phiếu" in flow.problems(Page.REGIME)[0]
    with pytest.raises(ValueError, match="gạch xóa"):
        flow.advance()
    flow.set_details(crossed_out=CrossedOutRuling.ROW)
    assert flow.can_advance(Page.REGIME)
    assert PrepareFlow(make_session(crossed_out=CrossedOutRuling.BALLOT)).crossed_out is CrossedOutRuling.BALLOT


def test_each_page_says_what_is_missing():
    flow = PrepareFlow()
    flow.set_details(crossed_out=CrossedOutRuling.ROW)
    assert flow.can_advance(Page.REGIME)
    assert "Tên cơ quan, đơn vị, Tên hội nghị, Địa danh" in flow.problems(Page.HEADER)[0]
    assert flow.problems(Page.SUMMONED) == ["Số người được triệu tập phải lớn hơn 0."]
    assert "ít nhất một người" in flow.problems(Page.COMMITTEE)[0]
    assert "ít nhất một loại phiếu" in flow.problems(Page.PAPERS)[0]
    assert flow.problems(Page.SUMMARY)


def test_a_whole_session_collected():
    flow = filled_flow()
    for _page in PAGES[:-1]:
        flow.advance()
    assert flow.page is Page.SUMMARY and flow.can_advance()
    session = flow.result()
    assert session_problems(session) == []
    assert session.regime is Regime.NQ96 and session.denominator is Denominator.ISSUED
    assert session.date == date(2023, 9, 12) and session.summoned == 50
    paper = session.papers[0]
    assert paper.key == "chuc-danh-do-hdnd-bau" and paper.voters == "Đại biểu HĐND tỉnh"
    assert [p.name for p in paper.persons] == ["Nguyễn Văn Bình", "Lê Thị An"]
    assert session.present is None and paper.issued is None
    labels = [label for label, _value in flow.summary()]
    assert "Ban kiểm phiếu" in labels and "Phiếu “Chức danh do HĐND bầu”" in labels


def test_text_is_normalised():
    flow = filled_flow()
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị Hường ")
    flow.add_person(0, nfd, unicodedata.normalize("NFD", "Giám đốc"))
    flow.set_details(organization=unicodedata.normalize("NFD", "Sở Tài chính "))
    person = flow.result().papers[0].persons[-1]
    assert person.name == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", person.name)
    assert flow.result().organization == "Sở Tài chính"


def test_committee_needs_exactly_one_head_and_names():
    flow = filled_flow()
    flow.update_member(1, role="Trưởng ban")
    assert "đúng một Trưởng ban (hiện có 2)" in flow.problems(Page.COMMITTEE)[0]
    flow.update_member(1, role="Thư ký")
    flow.add_member("", "Ủy viên")
    assert "Thành viên thứ 3" in flow.problems(Page.COMMITTEE)[0]
    flow.remove_member(2)
    assert flow.can_advance(Page.COMMITTEE)
    assert flow.move_member(1, -1) == 0
    assert [m.name for m in flow.committee] == ["Lò Văn Sơn", "Trần Thị Bình"]
    assert flow.move_member(0, -1) == 0  # already at the top


def test_person_list_edit_move_remove():
    flow = filled_flow()
    flow.add_person(0, "Đặng Quốc Kỳ", "Giám đốc Sở")
    assert flow.move_person(0, 2, -1) == 1
    assert [p.name for p in flow.papers[0].persons] == ["Nguyễn Văn Bình", "Đặng Quốc Kỳ", "Lê Thị An"]
    assert flow.move_person(0, 2, +1) == 2  # already at the bottom
    flow.update_person(0, 1, position="Giám đốc Sở Tư pháp")
    assert flow.papers[0].persons[1].position == "Giám đốc Sở Tư pháp"
    flow.remove_person(0, 0)
    assert [p.name for p in flow.papers[0].persons] == ["Đặng Quốc Kỳ", "Lê Thị An"]


def test_duplicates_and_empty_names_are_refused():
    flow = filled_flow()
    flow.add_person(0, "Lê Thị An", "Phó Chủ tịch UBND tỉnh")
    assert "có hai lần" in flow.problems(Page.PAPERS)[0]
    flow.remove_person(0, 2)
    flow.add_person(0, "  ", "Ủy viên")
    assert "dòng 3: chưa có họ và tên" in flow.problems(Page.PAPERS)[0]


def test_sort_by_given_name_and_back_to_position():
    flow = filled_flow()
    flow.add_person(0, "Trần Văn Ơn", "Giám đốc")
    flow.add_person(0, "Đặng Quốc Kỳ", "Phó Giám đốc")
    by_position = [p.name for p in flow.papers[0].persons]
    flow.sort_persons(0, PersonOrder.GIVEN_NAME)
    assert [p.name for p in flow.papers[0].persons] == ["Lê Thị An", "Nguyễn Văn Bình", "Đặng Quốc Kỳ",
                                                         "Trần Văn Ơn"]
    flow.add_person(0, "Vũ Văn Dũng", "Chánh Văn phòng")  # joins in alphabetical place
    assert [p.name for p in flow.papers[0].persons][2] == "Vũ Văn Dũng"
    renamed = flow.update_person(0, 0, name="Lê Thị Yến")  # a corrected name moves to its alphabetical place
    assert [p.name for p in flow.papers[0].persons][-1] == "Lê Thị Yến" and flow.papers[0].persons[-1] is renamed
    flow.update_person(0, len(flow.papers[0].persons) - 1, name="Lê Thị An")
    flow.sort_persons(0, PersonOrder.LISTED)
    assert [p.name for p in flow.papers[0].persons] == by_position + ["Vũ Văn Dũng"]


def test_sort_by_rank_of_position_keeps_the_listed_order_within_a_rank():
    flow = filled_flow()  # Nguyễn Văn Bình, Chủ tịch; Lê Thị An, Phó Chủ tịch
    flow.add_person(0, "Trần Văn Ơn", "Trưởng phòng Tổ chức")
    flow.add_person(0, "Hồ Thị Ẩn", "Phó Trưởng phòng Kế toán")
    flow.add_person(0, "Đặng Quốc Kỳ", "Chánh Văn phòng")
    flow.add_person(0, "Vũ Văn Dũng", "Ủy viên UBND tỉnh")
    listed = [p.name for p in flow.papers[0].persons]
    flow.sort_persons(0, PersonOrder.RANK)
    assert [p.name for p in flow.papers[0].persons] == ["Nguyễn Văn Bình", "Lê Thị An", "Vũ Văn Dũng",
                                                         "Trần Văn Ơn", "Đặng Quốc Kỳ", "Hồ Thị Ẩn"]
    assert flow.add_person(0, "Lò Văn Sơn", "Phó Chủ tịch UBND tỉnh") == 2  # after the other deputy
    index = next(i for i, p in enumerate(flow.papers[0].persons) if p.name == "Đặng Quốc Kỳ")
    flow.update_person(0, index, position="Chuyên viên")  # a corrected position moves the person
    assert flow.papers[0].persons[-1].name == "Đặng Quốc Kỳ"
    flow.sort_persons(0, PersonOrder.GIVEN_NAME)
    assert flow.papers[0].persons[0].name == "Lê Thị An"
    flow.sort_persons(0, PersonOrder.LISTED)
    assert [p.name for p in flow.papers[0].persons] == listed + ["Lò Văn Sơn"]


def test_exemption_flags_warn_but_do_not_block():
    flow = filled_flow()
    flow.update_person(0, 1, retiring=True)
    flow.add_person(0, "Hồ Thị Ẩn", "Ủy viên", appointed_this_year=True)
    warnings = flow.warnings()
    assert any("Lê Thị An đã có thông báo nghỉ hưu" in w for w in warnings)
    assert any("Hồ Thị Ẩn được bổ nhiệm" in w for w in warnings)
    assert flow.can_advance(Page.PAPERS)
    assert PrepareFlow.person_warnings(flow.papers[0].persons[1])


def test_more_than_two_places_warns():
    flow = filled_flow()
    for title in ("Phiếu hai", "Phiếu ba"):
        flow.add_paper(title, "Toàn thể")
        flow.add_person(len(flow.papers) - 1, "Nguyễn Văn Bình", "Chủ tịch")
    assert any("ở 3 nơi" in w for w in flow.warnings())
    flow.remove_paper(2)
    assert not any("nơi" in w for w in flow.warnings())


def test_paper_keys_follow_titles_and_stay_unique():
    assert key_from_title("Lãnh đạo Sở") == "lanh-dao-so"
    assert key_from_title("Đảng ủy — Ban Thường vụ!") == "dang-uy-ban-thuong-vu"
    assert key_from_title("Lãnh đạo Sở", {"lanh-dao-so"}) == "lanh-dao-so-2"
    assert key_from_title("???") == "phieu"
    flow = filled_flow()
    flow.add_paper("Chức danh do HĐND bầu")
    assert flow.papers[1].key == "chuc-danh-do-hdnd-bau-2"
    flow.update_paper(1, title="Trưởng phòng")
    assert flow.papers[1].key == "truong-phong"


def test_editing_keeps_keys_attendance_and_counts():
    session = make_session()
    flow = PrepareFlow(session)
    assert flow.editing and flow.result() == session
    flow.update_paper(0, title="Lãnh đạo Sở (sửa)")
    flow.add_person(0, "Người Mới", "Chuyên viên")
    result = flow.result()
    assert result.papers[0].key == "lanh-dao" and result.papers[0].issued == 24
    assert result.present == 25 and result.present_at_vote == 24
    flow.set_details(summoned=20)
    assert "25 người có mặt" in flow.problems(Page.SUMMONED)[0]


# --- voter groups (thành phần ghi phiếu, issue 24 item 5): optional, defined in the flow, checked by domain.session ---

def test_groups_are_optional_and_the_first_one_takes_every_paper():
    flow = PrepareFlow()
    flow.set_details(summoned=35)
    flow.add_paper("Lãnh đạo Sở")
    assert flow.problems(Page.SUMMONED) == [] and flow.session().groups == ()
    flow.add_group("Toàn thể công chức, viên chức", 35)
    assert flow.papers[0].group == "toan-the-cong-chuc-vien-chuc"  # one group: it votes every paper
    flow.add_paper("Trưởng phòng")
    assert flow.papers[1].group == "toan-the-cong-chuc-vien-chuc"
    flow.add_group("Tập thể lãnh đạo Sở", 12)
    flow.add_paper("Kế toán trưởng")
    assert flow.papers[2].group == ""  # several groups: the user chooses
    assert "Phiếu “Kế toán trưởng”: chưa chọn thành phần ghi phiếu." in flow.problems(Page.PAPERS)
    assert "Thành phần “Tập thể lãnh đạo Sở” không ghi loại phiếu nào." in flow.problems(Page.PAPERS)
    flow.remove_group(0)  # one group left: it votes every paper again
    assert [p.group for p in flow.papers] == ["tap-the-lanh-dao-so"] * 3 and flow.problems(Page.PAPERS) == [
        "Phiếu “Lãnh đạo Sở” chưa có người được lấy phiếu.", "Phiếu “Trưởng phòng” chưa có người được lấy phiếu.",
        "Phiếu “Kế toán trưởng” chưa có người được lấy phiếu."]


def test_a_new_groups_key_follows_its_name_and_its_papers_follow_the_key():
    flow = PrepareFlow()
    flow.set_details(summoned=35)
    flow.add_paper("Lãnh đạo Sở")
    flow.add_group("", 0)
    assert flow.problems(Page.SUMMONED) == ["Thành phần ghi phiếu thứ 1: chưa nhập tên thành phần.",
                                            "Thành phần ghi phiếu thứ 1: số người được triệu tập phải lớn hơn 0."]
    flow.update_group(0, name="Tập thể lãnh đạo Sở", summoned=36)
    assert flow.papers[0].group == flow.groups[0].key == "tap-the-lanh-dao-so"
    assert flow.problems(Page.SUMMONED) == [
        "Thành phần “Tập thể lãnh đạo Sở”: số người được triệu tập (36) lớn hơn số người được triệu tập dự hội nghị "
        "(35)."]
    flow.remove_group(0)
    assert flow.groups == [] and flow.papers[0].group == ""


def test_editing_keeps_the_groups_their_keys_and_their_attendance():
    from tests.domain.test_voter_groups import two_groups

    session = two_groups()
    flow = PrepareFlow(session)
    assert flow.session().groups == session.groups
    flow.update_group(0, name="Tập thể lãnh đạo Sở")
    assert flow.groups[0].key == "lanh-dao" and flow.session().groups[0].present == 8
    assert [p.group for p in flow.session().papers] == ["lanh-dao", "toan-the"]
