"""The meeting-room window (Qt Widgets): a thin shell over the store's named operations."""
