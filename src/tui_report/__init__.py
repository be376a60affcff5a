"""tui-report: write, check and export 政府信息公开工作年度报告 (China's annual
government information disclosure reports) in the official format."""

__version__ = "0.1.0"
