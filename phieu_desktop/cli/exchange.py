"""The `phieu keygen`, `phieu export` and `phieu consolidate` commands (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_TEXT
from ..domain.text import checked_text
from ..exchange.passphrase import check_new_passphrase, from_environment_or_terminal

# The heavier modules (pyrage, reportlab, openpyxl, the documents) are imported by the command that needs them.

EXIT_PARTIAL = 3  # consolidate: the report was written, and some files were refused (listed on stderr)

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _refuse_existing(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=path.name))


def card_path(key_file: Path) -> Path:
    return key_file.with_name(f"{key_file.stem}-khoa-nhan.pdf")


def expand_inputs(values: list[str]) -> list[Path]:
    """Files as given, a folder as its .phieux files, a pattern expanded (`exchange.package.expand_inputs`; imported
    here, not at the top, so that `phieu --help` stays light)."""
    from ..exchange.package import expand_inputs as expand

    return expand(values)


def cmd_keygen(args: argparse.Namespace) -> int:
    key_file = Path(args.output)
    card = Path(args.card) if args.card else card_path(key_file)
    if key_file.exists() and not card.exists():  # a run killed between the key and its card
        raise PhieuError(_("Đã có tệp khóa “{key}” nhưng chưa có trang khóa nhận “{card}”: lần tạo khóa trước đã bị "
                           "ngắt giữa chừng, khóa đó chưa được gửi cho ai. Hãy xóa “{key}” rồi chạy lại lệnh.").format(
            key=key_file.name, card=card.name))
    _refuse_existing(key_file, card)
    from ..exchange.keycard import write_key_card
    from ..exchange.keys import create_key_file

    passphrase = check_new_passphrase(from_environment_or_terminal(_("Mật khẩu bảo vệ tệp khóa: "), confirm=True))
    new = create_key_file(key_file, passphrase)
    try:
        write_key_card(new.recipient, card, holder=checked_text("--holder", args.holder or "", MAX_TEXT))
    except BaseException:
        key_file.unlink(missing_ok=True)
        raise
    print(new.recipient)
    print(_("Đã tạo tệp khóa bí mật {key} (giữ kín, nhớ mật khẩu) và trang in khóa nhận {card} để gửi các đơn vị.")
          .format(key=key_file, card=card), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..exchange.export import default_export_name, export_problems, export_session
    from ..exchange.keys import recipient_from_argument
    from ..store import SessionFile

    recipients = [recipient_from_argument(value) for value in args.to or []]
    if recipients and args.passphrase:
        raise PhieuError(_("Chỉ chọn một cách mã hóa: khóa của cấp trên (--to) hoặc mật khẩu (--passphrase)."))
    if not recipients and not args.passphrase:
        raise PhieuError(_("Cần khóa nhận của cấp trên (--to age1…) hoặc --passphrase."))
    from .signing import ask_pin, key_source

    source = key_source(args)
    if args.sign and source is None:
        args.token = ""  # --sign alone: the token whose library was chosen before
        source = key_source(args)
    with SessionFile.open(Path(args.file)) as file:
        problems = export_problems(file)
        if problems:
            raise PhieuError(problems[0])
        out = Path(args.output) if args.output else file.path.parent / default_export_name(file)
        _refuse_existing(out)
        passphrase = None
        if args.passphrase:
            passphrase = check_new_passphrase(from_environment_or_terminal(
                _("Mật khẩu cho tệp gửi cấp trên: "), confirm=True))
        if source is None:
            result = export_session(file, out, recipients, passphrase)
        else:
            from ..signing.keys import open_key

            with open_key(source, ask_pin(), file.session.organization) as key:
                result = export_session(file, out, recipients, passphrase, key=key)
    signed = _(", ký số bởi {who}").format(who=result.signed_by) if result.signed_by else ""
    print(_("Đã tạo {out} (mã niêm phong {fp}{signed}).").format(out=result.path, fp=result.fingerprint,
                                                                signed=signed))
    return 0


def cmd_consolidate(args: argparse.Namespace) -> int:
    from ..exchange.consolidate import Consolidator
    from ..exchange.consolidated_report import consolidation_to_json
    from ..exchange.intake import Credentials
    from ..exchange.keys import load_identity
    from ..exchange.paper_check import apply_checks, parse_check, report_consolidation

    out = Path(args.output) if args.output else None
    if out is not None:
        if out.suffix.lower() not in (".xlsx", ".pdf", ".json"):
            raise PhieuError(_("Tệp báo cáo phải có đuôi .xlsx, .pdf hoặc .json."))
        _refuse_existing(out)
    if not args.identity and not args.passphrase:
        raise PhieuError(_("Cần tệp khóa của cấp trên (--identity) hoặc --passphrase cho tệp mã hóa bằng mật khẩu."))
    for text in args.check or []:
        parse_check(text)  # a malformed check is refused before any passphrase is asked
    identities = []
    if args.identity:
        identities.append(load_identity(Path(args.identity), from_environment_or_terminal(
            _("Mật khẩu của tệp khóa: "))))
    passphrase = from_environment_or_terminal(_("Mật khẩu của các tệp gửi lên: ")) if args.passphrase else None
    consolidator = Consolidator(Credentials(identities, passphrase))
    result = consolidator.add_files(expand_inputs(args.inputs))
    if args.check:  # the paper check, as the window does it: only units whose paper minutes matched are reported
        result = report_consolidation(result, apply_checks(consolidator, args.check).values())
    for problem in result.problems:
        print(_("phieu: TỪ CHỐI {message}").format(message=problem.message), file=sys.stderr)
    for unit in result.units:
        print(_("phieu: {source}: chữ ký số: {origin}").format(source=unit.source, origin=unit.origin),
              file=sys.stderr)
        if unit.hidden_text:  # sealed by an earlier program: accepted, the characters shown as ‹U+…› in reports
            print(_("phieu: {source}: CHÚ Ý: {n} trường có ký tự ẩn (chương trình cũ đã cho nhập), ghi rõ dạng "
                    "‹U+…› trong báo cáo: {first}").format(source=unit.source, n=len(unit.hidden_text),
                                                        first=unit.hidden_text[0]), file=sys.stderr)
    if not result.units:
        raise PhieuError(_("Không có tệp nào hợp lệ; chưa lập báo cáo."))
    if out is None or out.suffix.lower() == ".json":
        text = json.dumps(consolidation_to_json(result), ensure_ascii=False, indent=1) + "\n"
        if out is None:
            sys.stdout.write(text)
        else:
            from ..files import write_new
            write_new(out, text.encode("utf-8"))
    elif out.suffix.lower() == ".xlsx":
        from ..exchange.consolidated_xlsx import write_xlsx
        write_xlsx(result, out)
    else:
        from ..exchange.consolidated_pdf import write_pdf
        write_pdf(result, out)
    print(_("Tổng hợp {units} đơn vị; từ chối {refused} tệp.").format(
        units=len(result.units), refused=len(result.problems)) + (f" → {out}" if out else ""), file=sys.stderr)
    return EXIT_PARTIAL if result.problems else 0


def add_commands(add: Add) -> None:
    sub = add("keygen", cmd_keygen, _("cấp trên: tạo khóa nhận kết quả (tệp khóa bí mật có mật khẩu, trang in khóa "
                                      "nhận)"))
    sub.add_argument("-o", "--output", required=True, metavar="KEY", help=_("tệp khóa bí mật, ví dụ board.key"))
    sub.add_argument("--card", metavar="PDF", help=_("trang in khóa nhận (mặc định: <tên>-khoa-nhan.pdf)"))
    sub.add_argument("--holder", metavar="TÊN", help=_("tên cấp trên in trên trang khóa nhận"))

    sub = add("export", cmd_export, _("gửi cấp trên: đóng gói và mã hóa kết quả đã khóa"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--to", action="append", metavar="age1…", help=_("khóa nhận của cấp trên (hoặc tệp chứa khóa); "
                                                                      "có thể lặp lại"))
    sub.add_argument("--passphrase", action="store_true", help=_("mã hóa bằng mật khẩu (khi đơn vị chưa có khóa)"))
    sub.add_argument("-o", "--output", metavar="OUT.phieux")
    sub.add_argument("--sign", action="store_true", help=_("ký số gói bằng chứng thư số của đơn vị (ký rồi mới mã "
                                                           "hóa); nguồn khóa: --token hoặc --p12"))
    from .signing import add_key_options

    add_key_options(sub)

    sub = add("consolidate", cmd_consolidate, _("cấp trên: kiểm tra và tổng hợp các tệp gửi lên"))
    sub.add_argument("inputs", nargs="+", metavar="IN.phieux", help=_("tệp gửi lên, mẫu *.phieux hoặc thư mục"))
    sub.add_argument("--identity", metavar="KEY", help=_("tệp khóa bí mật của cấp trên"))
    sub.add_argument("--passphrase", action="store_true", help=_("các tệp được mã hóa bằng mật khẩu"))
    sub.add_argument("--check", action="append", metavar="TỆP=NHÓM", help=_(
        "đối chiếu biên bản giấy: mã niêm phong trên biên bản của tệp đó (cả mã, một nhóm như 3:A27C, hoặc A27C); "
        "có thể lặp lại. Khi có --check, tệp không được đối chiếu hoặc không khớp không vào báo cáo (như cửa sổ)"))
    target = sub.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help=_("báo cáo .xlsx, .pdf hoặc .json"))
    target.add_argument("--json", action="store_true", help=_("in kết quả tổng hợp dạng JSON"))
