"""phieu-desktop: lấy phiếu tín nhiệm ngoại tuyến (offline confidence votes)."""

__version__ = "0.1.0"
