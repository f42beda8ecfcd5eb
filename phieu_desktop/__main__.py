"""`phieu-desktop [FILE]`: the meeting-room window."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime

from .quiet import silence_warnings


def _report_unexpected(kind, value, tb) -> None:
    """Never a traceback for the user: write it to errors.log and say, in Vietnamese, that the ballots are safe."""
    from PySide6.QtWidgets import QApplication

    from .paths import user_data
    from .ui import dialogs

    try:
        log = user_data() / "errors.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            handle.write("".join(traceback.format_exception(kind, value, tb)))
        where = str(log)
    except OSError:
        where = "(không ghi được nhật ký lỗi)"
    if QApplication.instance() is not None:
        dialogs.error(None, "Chương trình gặp lỗi không mong đợi ({kind}). Mọi phiếu đã ghi vẫn an toàn trong tệp "
                      "phiên. Chi tiết lỗi đã được ghi vào {where}.".format(kind=kind.__name__, where=where),
                      title="Lỗi không mong đợi")


def main(argv: list[str] | None = None) -> int:
    silence_warnings()  # before Qt or any library is imported (PHIEU_WARNINGS=1 shows them)
    argv = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):  # None under pythonw without a console; cp1252 on a Windows pipe
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if argv and argv[0] in ("-h", "--help"):
        print("Cách dùng: phieu-desktop [-platform TÊN] [TỆP.phieu]")
        return 0
    qt_options: list[str] = []
    if "-platform" in argv[:-1]:  # Qt's own option (Wine ignores QT_QPA_PLATFORM from the Unix side): -platform NAME
        at = argv.index("-platform")
        qt_options, argv = argv[at:at + 2], argv[:at] + argv[at + 2:]
    smoke_seconds = None
    if argv[:1] == ["--smoke-test"]:  # packaging/smoke: open, wait, close by itself; exit 0 if the window showed
        try:
            smoke_seconds = float(argv[1])
        except (IndexError, ValueError):
            print("phieu-desktop: --smoke-test cần số giây", file=sys.stderr)
            return 2
        argv = argv[2:]
    from PySide6.QtWidgets import QApplication

    from .ui.main_window import MainWindow, configure_application

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_options])
    configure_application(app)
    sys.excepthook = _report_unexpected
    window = MainWindow()
    screen = window.screen().availableSize() if window.screen() else None
    if screen is not None and (screen.width() <= 1366 or screen.height() <= 800):
        window.showMaximized()  # a 1366×768 laptop or a projector: every pixel counts
    else:
        window.show()
    smoke = None
    if smoke_seconds is not None:
        from PySide6.QtCore import QCoreApplication

        from .ui.smoke import SmokeTest

        if QCoreApplication.translate("QLineEdit", "&Copy") != "&Sao chép":  # the bundle lost resources/translations
            print("phieu-desktop: thiếu bản dịch tiếng Việt của Qt (resources/translations/qt_vi.qm)", file=sys.stderr)
            return 4
        smoke = SmokeTest(app, window, smoke_seconds)  # started before the file opens: it may ask something
    if argv:
        window.open_file(argv[0])
    if smoke is not None and smoke.code is not None:  # it ended while a dialog of open_file was open
        return smoke.ended()
    code = app.exec()
    return smoke.ended() if smoke is not None else code


if __name__ == "__main__":
    sys.exit(main())
