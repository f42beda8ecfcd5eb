"""`phieu sign`, `phieu verify-pdf`, `phieu trust add|list|remove`, and the key options `phieu export --sign` shares."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _

PIN_ENV = "PHIEU_PIN"  # for scripts and tests; the window and the terminal ask each time

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_key_options(sub: argparse.ArgumentParser) -> None:
    """--token [LIB] | --p12 FILE, and --token-label: where the key comes from."""
    sub.add_argument("--token", nargs="?", const="", metavar="LIB", help=_(
        "ký bằng USB token; LIB: thư viện PKCS#11 của thiết bị (.dll/.so), nhớ cho lần sau"))
    sub.add_argument("--token-label", metavar="NHÃN", help=_("nhãn thiết bị, khi cắm nhiều USB token"))
    sub.add_argument("--p12", metavar="FILE", help=_("ký bằng tệp chứng thư số .p12/.pfx"))


def ask_pin() -> str:
    """PHIEU_PIN if set, else the terminal (masked); never stored, never written to a log."""
    value = os.environ.get(PIN_ENV)
    if value is not None:
        if not value:
            raise PhieuError(_("Biến môi trường {env} đang để trống.").format(env=PIN_ENV))
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise PhieuError(_("Cần mã PIN: hãy chạy lệnh trong cửa sổ dòng lệnh hoặc đặt biến môi trường {env}.")
                         .format(env=PIN_ENV))
    try:
        value = getpass.getpass(_("Mã PIN của thiết bị ký số: "))
    except EOFError:
        value = ""
    if not value:
        raise PhieuError(_("Chưa nhập mã PIN."))
    return value


def key_source(args: argparse.Namespace):
    """The KeySource named on the command line; None when neither --token nor --p12 is given."""
    from ..signing.keys import FileSource, TokenSource
    from ..signing.libraries import candidates, remember_library, remembered_library

    if args.token is not None and args.p12:
        raise PhieuError(_("Chỉ chọn một nguồn khóa: --token hoặc --p12."))
    if args.p12:
        return FileSource(Path(args.p12))
    if args.token is None:
        return None
    if args.token:
        library = Path(args.token)
        if not library.is_file():
            raise PhieuError(_("Không tìm thấy thư viện của thiết bị ký số “{path}”.").format(path=library))
        remember_library(library)
    else:
        library = remembered_library()
        if library is None:
            found = candidates()
            if len(found) != 1:
                listed = "; ".join(str(c.path) for c in found) or _("không thấy thư viện nào")
                raise PhieuError(_("Hãy chỉ rõ thư viện PKCS#11 của USB token: --token ĐƯỜNG_DẪN (tìm thấy: "
                                   "{found}).").format(found=listed))
            library = found[0].path
            remember_library(library)
    return TokenSource(library, args.token_label)


def _organization(args: argparse.Namespace) -> str | None:
    if args.session:
        from ..store import SessionFile

        with SessionFile.open(Path(args.session)) as file:
            return file.session.organization
    if args.organization:
        return args.organization
    if args.any_organization:
        return None
    raise PhieuError(_("Cần --session FILE.phieu (hoặc --organization “Tên cơ quan”) để kiểm tra chứng thư số "
                       "đúng là của đơn vị."))


def cmd_sign(args: argparse.Namespace) -> int:
    from ..signing.appearance import Appearance
    from ..signing.keys import open_key
    from ..signing.pdf import sign_pdf

    source = key_source(args)
    if source is None:
        raise PhieuError(_("Cần nguồn khóa: --token [THƯ_VIỆN] hoặc --p12 TỆP."))
    src = Path(args.file)
    out = Path(args.output) if args.output else src.with_name(f"{src.stem}-da-ky{src.suffix}")
    if out.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=out.name))
    organization = _organization(args)
    appearance = Appearance(seal_image=Path(args.seal) if args.seal else None,
                            signature_image=Path(args.signature_image) if args.signature_image else None)
    with open_key(source, ask_pin(), organization) as key:
        check = sign_pdf(src, out, key, appearance)
    print(_("Đã ký {out}: {who} ({org}).").format(out=out, who=check.person, org=check.organization))
    return 0


def cmd_verify_pdf(args: argparse.Namespace) -> int:
    from ..signing import trust
    from ..signing.certificates import iso_time
    from ..signing.pdf import verify_pdf

    roots = trust.trusted_certificates([Path(p) for p in args.trust or []])
    checks = verify_pdf(Path(args.file), roots)
    if not checks:
        raise PhieuError(_("“{name}” không có chữ ký số nào.").format(name=Path(args.file).name))
    for n, check in enumerate(checks, start=1):
        when = iso_time(check.signed_at) if check.signed_at else "?"
        print(_("Chữ ký {n}: {person} — {org}; ký lúc {when}; {status}").format(
            n=n, person=check.person, org=check.organization, when=when, status=check.status_text()))
    bad = [n for n, c in enumerate(checks, start=1) if not c.ok]
    if bad:
        raise PhieuError(_("KHÔNG ĐẠT: chữ ký số {numbers} không hợp lệ hoặc không được tin cậy.").format(
            numbers=", ".join(map(str, bad))))
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    from ..signing import trust

    if args.action == "add":
        if not args.target:
            raise PhieuError(_("Cần tệp chứng thư gốc: phieu trust add ROOT.cer"))
        root = trust.add(Path(args.target))
        print(_("Đã tin cậy chứng thư gốc “{subject}” (dấu vân tay {fp}).").format(subject=root.subject,
                                                                               fp=root.short))
    elif args.action == "remove":
        if not args.target:
            raise PhieuError(_("Cần dấu vân tay của chứng thư gốc (xem: phieu trust list)."))
        root = trust.remove(args.target)
        print(_("Đã bỏ chứng thư gốc “{subject}”.").format(subject=root.subject))
    else:
        roots = trust.roots()
        for root in roots:
            print(f"{root.short}\t{root.not_after.date().isoformat()}\t{root.subject}")
        if not roots:
            print(_("Chưa tin cậy chứng thư gốc nào (phieu trust add ROOT.cer)."), file=sys.stderr)
    return 0


def add_commands(add: Add) -> None:
    sub = add("sign", cmd_sign, _("ký số một tệp PDF (PAdES) bằng USB token hoặc tệp .p12"))
    sub.add_argument("file", metavar="FILE.pdf")
    sub.add_argument("-o", "--output", metavar="OUT.pdf", help=_("mặc định: <tên>-da-ky.pdf"))
    add_key_options(sub)
    unit = sub.add_mutually_exclusive_group()
    unit.add_argument("--session", metavar="FILE.phieu", help=_("phiên của đơn vị: chứng thư phải của đơn vị này"))
    unit.add_argument("--organization", metavar="TÊN", help=_("tên cơ quan phải ghi trong chứng thư số"))
    unit.add_argument("--any-organization", action="store_true", help=_("không kiểm tra tên cơ quan"))
    sub.add_argument("--seal", metavar="DẤU.png", help=_("hình con dấu (màu đỏ, nền trong suốt)"))
    sub.add_argument("--signature-image", metavar="CHỮ_KÝ.png", help=_("hình chữ ký (màu xanh, nền trong suốt)"))

    sub = add("verify-pdf", cmd_verify_pdf, _("kiểm tra mọi chữ ký số của một tệp PDF"))
    sub.add_argument("file", metavar="FILE.pdf")
    sub.add_argument("--trust", action="append", metavar="ROOT.cer", help=_("tin cậy thêm chứng thư gốc này"))

    sub = add("trust", cmd_trust, _("cấp trên: danh sách chứng thư gốc được tin cậy"))
    sub.add_argument("action", choices=("add", "list", "remove"))
    sub.add_argument("target", nargs="?", metavar="ROOT.cer|DẤU_VÂN_TAY")
