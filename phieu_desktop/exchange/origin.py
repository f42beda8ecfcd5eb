"""Who sent a package: the unit's digital signature inside it, checked at the higher level (issue 15).

A signed package whose signature is broken, or whose manifest changed after signing, is refused. An intact
signature is reported with who signed, trusted or not, certificate valid at the signing time or not. A package
that is unsigned, or whose signature is intact but not trusted, is accepted only with the paper check (one group
of the fingerprint typed from the paper minutes), as before signatures existed, and is marked so in the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.errors import PhieuError
from ..domain.i18n import _
from .package import Package


def check_origin(package: Package, organization: str, roots: Sequence | None):
    """The SignatureCheck of a signed package (None when unsigned); PhieuError for a broken signature."""
    if package.signature is None:
        return None
    from ..signing import trust
    from ..signing.certificates import same_name
    from ..signing.cms import verify_bytes

    check = verify_bytes(package.manifest_bytes, package.signature,
                         list(roots) if roots is not None else trust.trusted_certificates())
    if not check.intact:
        raise PhieuError(_("chữ ký số của đơn vị KHÔNG hợp lệ: gói đã bị thay đổi sau khi ký"))
    if not same_name(check.certified_organization, organization):  # the certificate's O, never its CN
        raise PhieuError(_("gói ghi đơn vị “{unit}” nhưng chứng thư số ký gói cấp cho tổ chức “{signer}”").format(
            unit=organization, signer=check.certified_organization or _("(không ghi tổ chức)")))
    return check


def origin_text(check) -> str:
    """For reports and the window: who signed and how the signature stands, or that the paper check is needed."""
    if check is None:
        return _("không ký số — chỉ đối chiếu mã niêm phong trên biên bản giấy")
    who = check.person if check.person == check.organization else f"{check.person} — {check.organization}"
    return f"{who}: {check.status_text()}"


def origin_verified(check) -> bool:
    """Does the signature alone vouch for the sender (intact, trusted, certificate valid when signed)?"""
    return check is not None and check.ok
