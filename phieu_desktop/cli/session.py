"""The session verbs of `phieu`: new, attendance, counts, enter, check, differences, rule, ballots, correct, remove,
lock, results, verify, log, status, demo (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..domain.errors import PhieuError
from ..domain.i18n import _

if TYPE_CHECKING:
    from ..domain.tally import PersonResult, SessionResult
    from ..store import SessionFile

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _open(path: str) -> SessionFile:
    from ..store import SessionFile

    return SessionFile.open(Path(path))


def _warn_if_changed(file: SessionFile) -> None:
    """What `ballots`, `status` and `differences` list from a file changed outside the program is not the count:
    say so first (stderr, one line), as `verify` would."""
    report = file.opening_report
    if not report.ok:
        print(_("phieu: CẢNH BÁO: tệp đã bị thay đổi ngoài chương trình ({problem}); nội dung dưới đây không đáng "
                "tin, hãy chạy “phieu verify”.").format(problem=report.problems[0]), file=sys.stderr)


def cmd_new(args: argparse.Namespace) -> int:
    from ..domain.limits import MAX_SPEC_BYTES
    from ..files import read_input

    spec_path = Path(args.spec)
    try:
        text = read_input(spec_path, MAX_SPEC_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        message = _("Tệp đặc tả “{name}” phải được lưu với bảng mã UTF-8.")
        raise PhieuError(message.format(name=spec_path.name)) from None
    from ..domain.spec import parse_spec
    from ..store import SessionFile

    session = parse_spec(text)
    SessionFile.create(Path(args.file), session).close()
    print(_("Đã tạo {file}").format(file=args.file))
    return 0


def cmd_attendance(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        if args.group is not None:
            file.record_group_attendance(args.group, args.present, args.present_at_vote)
        else:
            file.record_attendance(args.present, args.present_at_vote)
    return 0


def cmd_counts(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        file.record_counts(args.ballot, args.issued, args.returned)
    return 0


def cmd_enter(args: argparse.Namespace) -> int:
    data = _read_csv(args.csv or args.readings)
    with _open(args.file) as file:
        if args.readings:
            from ..scanning import enter_readings

            numbers = enter_readings(file, args.ballot, _readings(data, args.readings))
        else:
            numbers = file.add_ballots_csv(args.ballot, data)
        print(_("Đã nhập {count} phiếu ({key}: {entered}/{returned}).").format(
            count=len(numbers), key=args.ballot, entered=file.entered(args.ballot),
            returned=file.session.paper(args.ballot).returned))
    return 0


def _readings(data: bytes, name: str) -> dict:
    from ..scanning import load_readings

    return load_readings(data, Path(name).name)


def _read_csv(name: str) -> bytes:
    from ..domain.limits import MAX_BALLOTS_CSV_BYTES
    from ..files import read_input

    return read_input(name, MAX_BALLOTS_CSV_BYTES)


def cmd_check(args: argparse.Namespace) -> int:
    """The verification pass: a second committee member's entry of the same stack, in the same order."""
    data = _read_csv(args.csv or args.readings)
    with _open(args.file) as file:
        if args.readings:
            from ..scanning import check_readings

            numbers = check_readings(file, args.ballot, _readings(data, args.readings))
        else:
            numbers = file.add_checks_csv(args.ballot, data)
        differing = [d.number for d in file.differences(args.ballot)]
    print(_("Đã nhập lại {count} phiếu (số {first}–{last}); {n} phiếu hai lần nhập khác nhau{numbers}.").format(
        count=len(numbers), first=numbers[0], last=numbers[-1], n=len(differing),
        numbers=(": " + ", ".join(map(str, differing))) if differing else ""))
    return 0


def cmd_differences(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        _warn_if_changed(file)
        found = {paper.key: file.differences(paper.key) for paper in file.session.papers}
    if args.json:
        json.dump({key: [{"number": d.number, "first": d.first, "second": d.second,
                          "persons": [i + 1 for i in d.persons]} for d in items] for key, items in found.items()},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for key, items in found.items():
        for d in items:
            print(f"{key}\t{d.number}\t{d.first}\t{d.second}")
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        ruled = file.rule_difference(args.ballot, args.number, args.choice, args.reason, args.marks)
    print(_("Phiếu số {number}: Ban kiểm phiếu quyết định {marks}.").format(number=args.number, marks=ruled))
    return 0


def cmd_ballots(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        _warn_if_changed(file)
        ballots = file.ballots(args.ballot)
    if args.json:
        json.dump([{"number": number, "marks": marks} for number, marks in ballots], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for number, marks in ballots:
            print(f"{number}\t{marks}")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        marks = file.correct_ballot(args.ballot, args.number, args.marks, args.reason)
    print(_("Đã sửa phiếu số {number}: {marks}.").format(number=args.number, marks=marks))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        file.remove_ballot(args.ballot, args.number, args.reason)
    print(_("Đã hủy phiếu số {number} (vẫn còn trong nhật ký).").format(number=args.number))
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        fingerprint = file.lock()
    print(_("Đã khóa và niêm phong. Mã niêm phong: {fingerprint}").format(fingerprint=fingerprint))
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        result = file.results()
    if args.json:
        from ..domain.tally import result_to_json

        json.dump(result_to_json(result), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_results(result, fractions=args.fractions))
    return 0


def format_results(result: SessionResult, fractions: bool = False) -> str:
    """A plain-text table for the terminal; `fractions` adds the exact share after each percentage (25/47)."""
    labels = {level.key: level.label for level in result.regime.levels}
    lines = []
    for group in result.groups:  # voter groups: each one's attendance and its own 2/3
        lines.append(_("Thành phần “{name}” ({key}): triệu tập {summoned}, có mặt {present}, có mặt khi bỏ phiếu "
                       "{at_vote}; {quorum}").format(
            name=group.name, key=group.key, summoned=group.summoned, present=_number(group.present),
            at_vote=_number(group.present_at_vote),
            quorum=_("đủ 2/3") if group.quorum_met else _("chưa đủ 2/3")))
    for paper in result.papers:
        line = _("{title} ({key}): phát ra {issued}, thu về {returned}, đã nhập {entered}; {basis}: {value}")
        lines.append(line.format(
            title=paper.title, key=paper.key, issued=_number(paper.issued), returned=_number(paper.returned),
            entered=paper.entered, basis=paper.basis.label, value=_number(paper.denominator)))
        for person in paper.persons:
            shares = "  ".join(f"{labels[key]} {count} ({_share(person, key, fractions)})"
                               for key, count in person.counts.items())
            band = f"  [{person.band.label}]" if person.band.label else ""
            lines.append("  " + _("{order:>2}. {name}: hợp lệ {valid}, không hợp lệ {invalid}; {shares}{band}").format(
                order=person.order, name=person.name, valid=person.valid, invalid=person.invalid, shares=shares,
                band=band))
    state = _("đã khóa, mã niêm phong {fp}").format(fp=result.fingerprint) if result.locked else _("chưa khóa")
    lines.append(_("Trạng thái: {state}").format(state=state))
    return "\n".join(lines) + "\n"


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def _share(person: PersonResult, key: str, fractions: bool) -> str:
    percent = person.percent(key)
    if percent is None:
        return "—%"
    return f"{percent}% = {person.share(key)}" if fractions else f"{percent}%"


def cmd_verify(args: argparse.Namespace) -> int:
    with _open(args.file) as file:
        report = file.verify()
    if not report.ok:
        raise PhieuError(_("KHÔNG KHỚP: {problems}").format(problems="; ".join(report.problems)))
    if args.expect and (report.fingerprint or "").upper() != args.expect.strip().upper():
        raise PhieuError(_("KHÔNG KHỚP: mã niêm phong của tệp là {actual}, không phải {expected}").format(
            actual=report.fingerprint or _("(chưa khóa)"), expected=args.expect))
    if report.locked:
        from ..domain.seal import seal_coverage

        print(_("OK {fingerprint}").format(fingerprint=report.fingerprint))
        print(seal_coverage(report.seal_version or 1))  # the first line stays "OK <fingerprint>" (contract)
    else:
        print(_("OK (chưa khóa)"))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """The audit log, entry by entry; `--jsonl`: one canonical JSON object per entry with every field its hash
    covers (docs/recount.md), for a recount by another program."""
    from ..domain.seal import canonical_bytes

    with _open(args.file) as file:  # a file that fails verify can still be read: that is what an auditor wants
        entries = file.audit_entries()
    for entry in entries:
        if args.jsonl:
            line = canonical_bytes({"seq": entry.seq, "at": entry.at, "action": entry.action, "detail": entry.detail,
                                    "prev_hash": entry.prev_hash, "hash": entry.hash}).decode("utf-8")
        else:
            line = "\t".join((str(entry.seq), entry.at, entry.action,
                              canonical_bytes(entry.detail).decode("utf-8"), entry.hash[:16]))
        sys.stdout.write(line + "\n")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Where the committee stands: each step done or not, where work resumes, what still blocks entry and the lock."""
    from ..domain.progress import Step, resume_step, step_done

    with _open(args.file) as file:
        _warn_if_changed(file)
        progress = file.progress()
        blockers = {p.key: file.entry_blocker(p.key) for p in file.session.papers}
        lock = [] if file.locked else file.lock_blockers()
    resume = resume_step(progress)
    if args.json:
        json.dump({"steps": {step.name.lower(): step_done(progress, step) for step in Step},
                   "resume": resume.name.lower(), "locked": progress.locked,
                   "entered": dict(progress.entered), "checked": dict(progress.checked),
                   "entry_blockers": blockers, "lock_blockers": lock}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for step in Step:
        mark = "✓" if step_done(progress, step) else ("▶" if step is resume else " ")
        print(f"{mark} {step + 1}. {step.label}")
    for paper in progress.session.papers:
        print(_("Phiếu “{title}” ({key}): đã nhập {entered}/{returned}; {state}").format(
            title=paper.title, key=paper.key, entered=progress.entered[paper.key],
            returned=_number(paper.returned), state=blockers[paper.key] or _("đang nhập được")))
    for blocker in lock:
        print(_("Chưa khóa được: {reason}").format(reason=blocker))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import create_demo

    fingerprint = create_demo(Path(args.file))
    print(_("Đã tạo phiên mẫu {file}, mã niêm phong {fingerprint}").format(file=args.file, fingerprint=fingerprint))
    return 0


def _paper_help() -> str:
    """`--paper KEY` names a kind of ballot paper (docs/glossary.md); `--ballot KEY`, its older name, stays accepted."""
    return _("mã loại phiếu (--ballot: tên cũ, vẫn dùng được)")


def add_commands(add: Add) -> None:
    sub = add("new", cmd_new, _("tạo phiên từ tệp đặc tả (không ghi đè)"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--spec", required=True, metavar="SPEC.toml")

    sub = add("attendance", cmd_attendance, _("ghi số người có mặt"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--present", type=int, required=True)
    sub.add_argument("--present-at-vote", type=int, required=True)
    sub.add_argument("--group", metavar="KEY", help=_("mã thành phần ghi phiếu (hội nghị chia thành phần): ghi số "
                                                     "người có mặt của thành phần đó, với tỷ lệ 2/3 riêng"))

    sub = add("counts", cmd_counts, _("ghi số phiếu phát ra và thu về của một loại phiếu"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    sub.add_argument("--issued", type=int, required=True)
    sub.add_argument("--returned", type=int, required=True)

    sub = add("enter", cmd_enter, _("nhập phiếu từ tệp CSV (cột marks) hoặc từ kết quả đọc phiếu đã xác nhận"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    source = sub.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", metavar="BALLOTS.csv")
    source.add_argument("--readings", metavar="READINGS.json",
                        help=_("tệp do phieu scan ghi, mọi phiếu đã được người đối chiếu (\"confirmed\": true)"))

    sub = add("check", cmd_check, _("kiểm tra lại: nhập lần hai cùng xấp phiếu (tệp CSV hoặc kết quả quét đã xác "
                                    "nhận), theo đúng thứ tự"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    source = sub.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", metavar="BALLOTS.csv")
    source.add_argument("--readings", metavar="READINGS.json",
                        help=_("tệp do phieu scan ghi khi quét lại xấp phiếu, mọi phiếu đã được người đối chiếu"))

    sub = add("differences", cmd_differences, _("liệt kê các phiếu hai lần nhập khác nhau"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--json", action="store_true")

    sub = add("rule", cmd_rule, _("Ban kiểm phiếu quyết định một phiếu hai lần nhập khác nhau"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    sub.add_argument("--number", type=int, required=True, metavar="N")
    sub.add_argument("--choice", required=True, choices=("first", "second", "other"))
    sub.add_argument("--marks", metavar="MÃ", help=_("giá trị đúng, khi --choice other"))
    sub.add_argument("--reason", required=True, metavar="LÝ_DO")

    sub = add("ballots", cmd_ballots, _("liệt kê các phiếu đã nhập của một loại phiếu, theo số thứ tự"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    sub.add_argument("--json", action="store_true")

    sub = add("correct", cmd_correct, _("sửa một phiếu đã nhập (trước khi khóa), có lý do"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    sub.add_argument("--number", type=int, required=True, metavar="N")
    sub.add_argument("--marks", required=True, metavar="MÃ", help=_("mã đúng của cả phiếu, ví dụ CTL0 hoặc -"))
    sub.add_argument("--reason", required=True, metavar="LÝ_DO")

    sub = add("remove", cmd_remove, _("hủy một phiếu đã nhập (trước khi khóa), có lý do"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY", help=_paper_help())
    sub.add_argument("--number", type=int, required=True, metavar="N")
    sub.add_argument("--reason", required=True, metavar="LÝ_DO")

    sub = add("lock", cmd_lock, _("khóa và niêm phong kết quả"))
    sub.add_argument("file", metavar="FILE")

    sub = add("results", cmd_results, _("in kết quả"))
    sub.add_argument("file", metavar="FILE")
    shape = sub.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true")
    shape.add_argument("--fractions", action="store_true",
                       help=_("ghi thêm phân số đúng sau mỗi tỷ lệ %% (ví dụ 25/47)"))

    sub = add("verify", cmd_verify, _("kiểm tra nhật ký và niêm phong"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--expect", metavar="MÃ", help=_("mã niêm phong in trên biên bản, để đối chiếu"))

    sub = add("log", cmd_log, _("in nhật ký, mỗi mục một dòng (số thứ tự, thời điểm, loại, nội dung, mã băm)"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--jsonl", action="store_true",
                     help=_("mỗi mục một đối tượng JSON đủ mọi trường mà mã băm bao gồm, để kiểm tra lại bằng chương "
                            "trình khác (docs/recount.md)"))

    sub = add("status", cmd_status, _("các bước đã xong, bước tiếp theo, điều còn chặn nhập phiếu và khóa"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--json", action="store_true")

    sub = add("demo", cmd_demo, _("tạo một phiên mẫu đã nhập và khóa"))
    sub.add_argument("file", metavar="FILE")
