"""What a certificate says, in plain terms: organisation (O), person (CN), validity; and the unit check."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..domain.errors import PhieuError
from ..domain.i18n import _

VIETNAM = timezone(timedelta(hours=7), "ICT")  # Vietnam keeps +07:00 all year (no daylight saving)


@dataclass(frozen=True)
class CertificateInfo:
    organization: str  # O, or CN when the certificate has no O (an agency certificate)
    person: str  # CN
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    certified_organization: str = ""  # the subject's O exactly ("" without one): the only field that says whose

    def valid_at(self, moment: datetime) -> bool:
        return self.not_before <= moment <= self.not_after


def _attribute(name, key: str) -> str:
    try:
        value = name.native.get(key)
    except (AttributeError, ValueError):
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return unicodedata.normalize("NFC", str(value or ""))


def describe(cert) -> CertificateInfo:
    """`cert` is an asn1crypto x509.Certificate (what pyHanko and the CMS code handle)."""
    subject = cert.subject
    person = _attribute(subject, "common_name")
    certified = _attribute(subject, "organization_name")
    organization = certified or person
    issuer = _attribute(cert.issuer, "common_name") or _attribute(cert.issuer, "organization_name")
    validity = cert["tbs_certificate"]["validity"]
    return CertificateInfo(organization=organization, person=person, issuer=issuer,
                           serial=format(cert.serial_number, "X"),
                           not_before=validity["not_before"].native, not_after=validity["not_after"].native,
                           certified_organization=certified)


def same_name(a: str, b: str) -> bool:
    """Names compared the way people read them: NFC, case, runs of spaces."""
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()
    return bool(norm(a)) and norm(a) == norm(b)


def belongs_to(info: CertificateInfo, organization: str) -> bool:
    """Is the certificate the unit's or a person's of the unit? Its O must be the unit: never its CN (anyone can
    have a certificate whose CN reads like another agency) nor a person's name."""
    return same_name(info.certified_organization, organization)


def check_usable(info: CertificateInfo, organization: str | None, now: datetime | None = None) -> None:
    """Refuse an expired / not yet valid certificate, or one of another organisation (nothing is signed)."""
    now = now or datetime.now(timezone.utc)
    if now > info.not_after:
        raise PhieuError(_("Chứng thư số của “{who}” đã hết hạn ngày {day}; không ký.").format(
            who=info.person, day=info.not_after.astimezone(VIETNAM).strftime("%d/%m/%Y")))
    if now < info.not_before:
        raise PhieuError(_("Chứng thư số của “{who}” chưa có hiệu lực (từ ngày {day}); không ký.").format(
            who=info.person, day=info.not_before.astimezone(VIETNAM).strftime("%d/%m/%Y")))
    if organization is not None and not belongs_to(info, organization):
        raise PhieuError(_("Chứng thư số cấp cho “{cert}”, không phải đơn vị “{unit}”; không ký.").format(
            cert=info.certified_organization or info.person, unit=organization))


def iso_time(moment: datetime) -> str:
    """ISO 8601 in Vietnam time, to the second: 2023-09-12T16:05:09+07:00."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")
