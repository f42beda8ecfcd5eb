"""Write a stand-in bcryptprimitives.dll for a Wine 8 prefix (test environment only, never shipped).

    python3 wine_bcryptprimitives.py OUT.dll

Programs built with Rust 1.78 or later (pyrage, age encryption) import `ProcessPrng` from bcryptprimitives.dll,
which every Windows since 8 has and Wine 8 lacks ("DLL load failed while importing pyrage"). This DLL holds no
code: its one export forwards `ProcessPrng` to advapi32's `SystemFunction036` (RtlGenRandom), which fills a
buffer with random bytes and returns TRUE, as ProcessPrng does. wine-check copies it into the prefix's system32.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

NAME = b"bcryptprimitives.dll\0"
EXPORT = b"ProcessPrng\0"
TARGET = b"advapi32.SystemFunction036\0"
RVA = 0x1000  # the one section, holding the export directory
FILE_ALIGN = 0x200


def export_section() -> bytes:
    """Export directory, then the address, name and ordinal tables, then the strings (forwarder included)."""
    directory_size = 40
    functions = RVA + directory_size
    names = functions + 4
    ordinals = names + 4
    strings = ordinals + 4  # 2 bytes of ordinal, 2 of padding
    name_rva = strings
    export_rva = name_rva + len(NAME)
    target_rva = export_rva + len(EXPORT)
    directory = struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, name_rva, 1, 1, 1, functions, names, ordinals)
    body = directory + struct.pack("<I", target_rva) + struct.pack("<I", export_rva) + struct.pack("<HH", 0, 0)
    return body + NAME + EXPORT + TARGET


def dll() -> bytes:
    section = export_section()
    raw_size = (len(section) + FILE_ALIGN - 1) // FILE_ALIGN * FILE_ALIGN
    dos = b"MZ" + bytes(58) + struct.pack("<I", 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x2022)  # x64; executable image, large address, DLL
    optional = struct.pack(
        "<HBBIIIIIQIIHHHHHHIIIIHHQQQQII",
        0x20B, 14, 0, 0, raw_size, 0, 0, 0,    # PE32+, no code, no entry point
        0x180000000, 0x1000, FILE_ALIGN,        # image base, section and file alignment
        6, 0, 0, 0, 6, 0, 0,                    # OS, image, subsystem versions; Win32VersionValue
        RVA + 0x1000, FILE_ALIGN, 0, 3, 0,      # size of image, of headers; checksum; console; no DLL flags
        0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
    directories = struct.pack("<II", RVA, len(section)) + bytes(8 * 15)  # only the export table
    header_section = struct.pack("<8sIIIIIIHHI", b".edata", len(section), RVA, raw_size, FILE_ALIGN, 0, 0, 0, 0,
                                 0x40000040)  # initialised data, readable
    headers = dos + b"PE\0\0" + coff + optional + directories + header_section
    return headers.ljust(FILE_ALIGN, b"\0") + section.ljust(raw_size, b"\0")


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(dll())
