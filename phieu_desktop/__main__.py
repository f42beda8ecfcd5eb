"""`phieu-desktop [FILE]`: the meeting-room window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("phieu-desktop: cửa sổ chương trình chưa được xây dựng; hãy dùng lệnh `phieu`.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
