"""What a first-time user would notice on a screen, found without eyes: Qt's English words, text cut short
(elided labels, buttons, tabs, headers and cells: the text's width against the widget's), and two actions sharing
one Alt letter. Used by test_every_screen and by the keyboard walk-through."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from tests.ui.test_first_time import QT_ENGLISH, words_of

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _rich(label: QLabel) -> bool:
    return label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and re.search(r"<[a-zA-Z/][^>]*>", label.text()) is not None)


def cut_texts(top: QWidget) -> list[str]:
    """Every visible text that does not fit where it is drawn."""
    found = []
    for w in [top] + top.findChildren(QWidget):
        if not shown(w) or not w.isVisibleTo(top):
            continue
        fm = w.fontMetrics()
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            rect = w.contentsRect()
            if _rich(w):
                doc = QTextDocument()
                doc.setDefaultFont(w.font())
                doc.setHtml(w.text())
                doc.setDocumentMargin(0)
                if w.wordWrap():
                    doc.setTextWidth(rect.width())
                    if doc.size().height() > rect.height() + 2:
                        found.append(f"label cut (height) “{doc.toPlainText()[:60]}”")
                elif doc.idealWidth() > rect.width() + 1:
                    found.append(f"label cut “{doc.toPlainText()[:60]}”")
            elif w.wordWrap():
                needed = fm.boundingRect(QRect(0, 0, max(rect.width(), 1), 100_000),
                                         int(Qt.TextFlag.TextWordWrap | w.alignment()), _plain(w.text())).height()
                if needed > rect.height() + 2:
                    found.append(f"label cut (height {rect.height()} < {needed}) “{w.text()[:60]}”")
            else:
                widest = max(fm.horizontalAdvance(line) for line in _plain(w.text()).split("\n"))
                if widest > rect.width() + 1:
                    found.append(f"label cut ({rect.width()} < {widest}) “{w.text()[:60]}”")
        elif isinstance(w, (QPushButton, QCheckBox, QRadioButton)) and w.text():
            if w.sizeHint().width() > w.width() + 1:
                found.append(f"button cut ({w.width()} < {w.sizeHint().width()}) “{w.text()}”")
        elif isinstance(w, QGroupBox) and w.title():
            if fm.horizontalAdvance(_plain(w.title())) > w.width():
                found.append(f"group title cut “{w.title()}”")
        elif isinstance(w, QComboBox) and w.currentText() and not w.isEditable() \
                and w.objectName() != "lookInCombo":  # a folder path, shortened in the middle by Qt on purpose
            if fm.horizontalAdvance(w.currentText()) > w.width() - 28:
                found.append(f"choice cut ({w.width()}) “{w.currentText()}”")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                needed = fm.horizontalAdvance(_plain(w.tabText(i))) + 8
                if w.tabRect(i).width() < needed:
                    found.append(f"tab cut “{w.tabText(i)}”")
        elif isinstance(w, QHeaderView) and w.model() is not None and w.orientation() == Qt.Orientation.Horizontal:
            model = w.model()
            hfm = QFontMetrics(w.font())
            for section in range(model.columnCount()):
                if w.isSectionHidden(section) or w.sectionSize(section) == 0:
                    continue
                text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
                widest = max([hfm.horizontalAdvance(line) for line in text.split("\n")] + [0])
                # 3 px each side, or less where the style's own measure of the heading says it fits (Windows)
                needed = min(widest + 6, w.sectionSizeHint(section))
                if w.sectionSize(section) < needed:
                    found.append(f"column heading cut ({w.sectionSize(section)} < {needed}) “{text}”")
        elif isinstance(w, QTableView) and w.model() is not None:
            found += _cut_cells(w)
            if w.horizontalScrollBar().maximum() > 0 and w.model().rowCount() and w.model().columnCount() > 1:
                found.append(f"table wider than its view ({w.objectName() or type(w).__name__}: "
                             f"{w.horizontalHeader().length()} > {w.viewport().width()}px, a horizontal scroll bar)")
        elif isinstance(w, QListView) and w.model() is not None and w.viewMode() == QListView.ViewMode.ListMode:
            found += _cut_items(w)
    return found


def _cut_items(view: QListView) -> list[str]:
    """The rows of a list (the recent files, the steps): each text whole in its row, on as many lines as it wraps."""
    model = view.model()
    found = []
    for row in range(min(model.rowCount(view.rootIndex()), 60)):
        index = model.index(row, view.modelColumn(), view.rootIndex())
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        rect = view.visualRect(index)
        if view.isRowHidden(row) or text is None or str(text) == "" or rect.width() <= 0:
            continue
        font = model.data(index, Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font.resolve(view.font()) if isinstance(font, QFont) else view.font())
        width = rect.width() - 6
        if model.data(index, Qt.ItemDataRole.DecorationRole) is not None:
            width -= view.iconSize().width() + 4
        lines = str(text).split("\n")
        if rect.left() < 0 or rect.right() >= view.viewport().width():  # behind a horizontal scroll bar
            found.append(f"list row wider than its list (row {row + 1}, {rect.width()} > "
                         f"{view.viewport().width()}px) “{text}”")
        elif view.wordWrap():
            needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), int(Qt.TextFlag.TextWordWrap),
                                          str(text)).height()
            words = [word for line in lines for word in re.split(r"\s+|(?<=-)", line)]  # Qt breaks after a hyphen
            if needed > rect.height() + 2 or any(metrics.horizontalAdvance(word) > width for word in words):
                found.append(f"list row cut (row {row + 1}) “{text}”")
        elif (max(metrics.horizontalAdvance(line) for line in lines) > width
              or metrics.height() * len(lines) > rect.height() + 2):
            found.append(f"list row cut (row {row + 1}, {rect.width()}px) “{text}”")
    return found


def _cut_cells(view: QTableView) -> list[str]:
    model = view.model()
    found = []
    for row in range(min(model.rowCount(), 60)):
        if view.isRowHidden(row):
            continue
        for column in range(model.columnCount()):
            if view.isColumnHidden(column) or view.columnWidth(column) == 0:
                continue
            index = model.index(row, column)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if text is None or str(text) == "":
                continue
            if view.property("elidedTextInTooltip") and model.data(index, Qt.ItemDataRole.ToolTipRole) == text:
                continue  # a table that elides on purpose: the whole text is one hover away
            font = model.data(index, Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font.resolve(view.font()) if isinstance(font, QFont) else view.font())
            width = view.columnWidth(column) - 6
            if model.data(index, Qt.ItemDataRole.CheckStateRole) is not None:
                width -= 24
            lines = str(text).split("\n")
            if view.wordWrap():
                needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), int(Qt.TextFlag.TextWordWrap),
                                              str(text)).height()
                if needed > view.rowHeight(row) + 2 or any(
                        metrics.horizontalAdvance(word) > width for line in lines for word in line.split()):
                    found.append(f"cell cut (row {row + 1}) “{text}”")
            elif max(metrics.horizontalAdvance(line) for line in lines) > width:
                found.append(f"cell cut (row {row + 1}, {view.columnWidth(column)}px) “{text}”")
    return found


def english_words(top: QWidget) -> list[str]:
    return sorted({m.group(0) for text in words_of(top) for m in QT_ENGLISH.finditer(text)})


def alt_letters(top: QWidget) -> dict[str, list[str]]:
    """Alt letter -> the visible actions that answer it on this window (menu bar titles included)."""
    letters: dict[str, list[str]] = {}

    def add(text: str) -> None:
        for m in MNEMONIC.finditer(text):
            letters.setdefault(m.group(1).casefold(), []).append(text)

    for w in [top] + top.findChildren(QWidget):
        if not shown(w) or not w.isVisibleTo(top) or w.window() is not top:
            continue
        if isinstance(w, QAbstractButton) and not isinstance(w, QToolButton):
            add(w.text())
        elif isinstance(w, QLabel) and w.buddy() is not None:
            add(w.text())
        elif isinstance(w, QGroupBox):
            add(w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    add(w.tabText(i))
    if isinstance(top, QMainWindow) and top.menuBar().isVisible():
        for action in top.menuBar().actions():
            add(action.text())
    return letters


def collisions(top: QWidget) -> list[str]:
    return [f"Alt+{letter.upper()}: {' / '.join(texts)}" for letter, texts in alt_letters(top).items()
            if len(texts) > 1]


def clipped_buttons(top: QWidget) -> list[str]:
    """Buttons and boxes drawn partly outside a widget that holds them (a layout squeezed below its least height
    places them beyond its edge, where they are cut off), except inside a scrolled area, whose clipping is
    scrolling."""
    from PySide6.QtWidgets import QAbstractScrollArea

    found = []
    for button in top.findChildren(QAbstractButton):
        if not isinstance(button, (QPushButton, QCheckBox, QRadioButton)) or not shown(button) \
                or not button.isVisibleTo(top):
            continue
        rect = QRect(0, 0, button.width(), button.height())
        widget, scrolled = button, False
        while widget is not top and widget.parentWidget() is not None and not scrolled:
            rect = rect.translated(widget.pos())
            widget = widget.parentWidget()
            scrolled = isinstance(widget.parentWidget(), QAbstractScrollArea)
            if not scrolled and not QRect(0, 0, widget.width(), widget.height()).contains(rect):
                found.append(f"nút “{_plain(button.text())}” bị cắt bởi {widget.metaObject().className()} "
                             f"“{widget.objectName()}”")
                break
    return found


def screen_problems(top: QWidget, name: str) -> list[str]:
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    problems = [f"{name}: English “{w}”" for w in english_words(top)]
    problems += [f"{name}: {p}" for p in cut_texts(top)]
    problems += [f"{name}: {p}" for p in collisions(top)]
    problems += [f"{name}: {p}" for p in clipped_buttons(top)]
    return problems


__all__ = ["screen_problems"]
