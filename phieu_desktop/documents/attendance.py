"""The attendance lines of the minutes and the report: every line adds up (present + absent from the start =
summoned; present at the vote + absent at the vote = summoned, the latter broken down), once for the whole meeting
or once per voter group, each with its own 2/3 line."""

from __future__ import annotations

from ..domain.session import Session, attendance_breakdown, attendance_groups, quorum_met
from .common import para, vn_number


def attendance_paragraphs(session: Session, words: dict, style: str = "body_indent") -> list:
    """`words` holds "attendance" (lines formatted with summoned, present, absent, absent_from_start, left,
    present_at_vote), "absent_breakdown" (the clause that splits the absent), "quorum_met", "quorum_not_met" and,
    for sessions with voter groups, "group_heading" (with letter and name)."""
    story: list = []
    groups = attendance_groups(session)
    for index, group in enumerate(groups):
        if session.groups:
            story.append(para(words["group_heading"].format(letter="abcdefghijklmnopqrstuvwxyz"[index % 26],
                                                            name=group.name), style))
        figures = attendance_breakdown(group.summoned, group.present, group.present_at_vote)
        values = {"summoned": vn_number(group.summoned), "present": vn_number(group.present),
                  "present_at_vote": vn_number(group.present_at_vote), "absent": "—", "breakdown": ""}
        if figures is not None and figures.absent_at_vote is not None:
            values["absent"] = vn_number(figures.absent_at_vote)
            values["breakdown"] = words["absent_breakdown"].format(
                absent_from_start=vn_number(figures.absent_from_start), left=vn_number(figures.left_before_vote))
        for line in words["attendance"]:
            story.append(para("- " + line.format(**values), style))
        if "quorum_met" in words:
            story.append(para(words["quorum_met"] if quorum_met(group.summoned, group.present)
                              else words["quorum_not_met"], style))
    return story


__all__ = ["attendance_paragraphs"]
