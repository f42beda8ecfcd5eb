"""What the higher level's two windows (consolidation, board) build alike: a row of action buttons, read-only tables."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView


def action_button(layout, name: str, text: str, slot) -> QPushButton:
    """A button added to `layout` that calls `slot()` (without Qt's `checked` argument)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    layout.addWidget(button)
    return button


def read_only_table(name: str, model) -> QTableView:
    """A table over `model`: one row selected at a time, nothing edited in place, columns sized to their contents."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


__all__ = ["action_button", "read_only_table"]
