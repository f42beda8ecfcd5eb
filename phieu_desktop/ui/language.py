"""Vietnamese for what Qt itself draws: dates and numbers (QLocale) and its own words (context menus, buttons)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..paths import resource

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def install_vietnamese(app: QApplication) -> bool:
    """Set the Vietnamese locale and load Qt's words; False when the translation file is missing (English stays)."""
    QLocale.setDefault(VIETNAMESE)
    if getattr(app, "_phieu_qt_words", None) is not None:
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource("translations", "qt_vi.qm"))):
        return False
    app.installTranslator(translator)
    app._phieu_qt_words = translator  # kept alive as long as the application
    return True
