"""PDF/A-2b for every PDF the program writes: embedded fonts only, XMP metadata, an sRGB output intent.

reportlab starts every page in Helvetica (a standard font it never embeds); the canvas made here starts in the
embedded Liberation Serif instead. The catalog gets the XMP packet (title, author, dates and producer the same as
in the document information) and the output intent with the sRGB profile bundled in resources/color.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP, PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdfdoc_format
from reportlab.pdfgen.canvas import Canvas

from ..paths import resource

SRGB = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    return resource("color", "sRGB.icc").read_bytes()


def _xmp(info, stamp: datetime) -> str:
    when = stamp.strftime("%Y-%m-%dT%H:%M:%S") + "Z"
    title, author, subject = (escape(str(v)) for v in (info.title, info.author, info.subject))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{escape(str(info.creator))}</xmp:CreatorTool>
<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{escape(str(info.producer))}</pdf:Producer><pdf:Keywords>{escape(str(info.keywords))}</pdf:Keywords>
<pdf:Trapped>{escape(str(info.trapped))}</pdf:Trapped>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


class _Metadata(XMP):
    """The XMP stream, unfiltered as PDF/A asks (reportlab would write an empty /Filter array)."""

    def format(self, document):
        content = document.encrypt.encode(self.makeContent(document))
        dictionary = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML"), "Length": len(content)})
        return pdfdoc_format(dictionary, document) + b"\nstream\n" + pdfdoc_format(content, document) + b"endstream\n"


def make_archival(canvas: Canvas) -> Canvas:
    """Add the XMP packet and the sRGB output intent to `canvas`'s document (before it is saved)."""
    doc = canvas._doc
    # Every date in the file (Info and XMP) from one instant, in UTC, so that the two agree.
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    doc.info._dateFormatter = lambda yyyy, mm, dd, hh, m, s: stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    metadata = _Metadata(creator=lambda document: _xmp(document.info, stamp).encode("utf-8"))
    catalog = doc.Catalog
    catalog.Metadata = metadata
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary({"Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
                            "OutputConditionIdentifier": PDFString(SRGB), "Info": PDFString(SRGB),
                            "RegistryName": PDFString("http://www.color.org"),
                            "DestOutputProfile": doc.Reference(profile)})
    catalog.OutputIntents = PDFArray([intent])
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    return canvas


class ArchivalCanvas(Canvas):
    """A canvas that starts in the embedded font and writes PDF/A-2b (use as `canvasmaker` or directly)."""

    def __init__(self, *args, **kwargs) -> None:
        from .fonts import FONT, register_fonts

        register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT  # Platypus passes None
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 12
        kwargs.setdefault("pdfVersion", (1, 7))
        kwargs.setdefault("lang", "vi-VN")
        super().__init__(*args, **kwargs)
        make_archival(self)


__all__ = ["ArchivalCanvas", "make_archival", "srgb_profile"]
