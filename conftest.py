"""pytest hooks for the addon's suite (run by `make test` through pytest-odoo).

- A skipped test fails the run: Odoo skips HttpCase/tours when Chromium or
  websocket-client is missing and would otherwise still report success.
- An ERROR logged by Odoo during a test fails that test, as Odoo's own test
  runner does (pytest-odoo bypasses that runner). `mute_logger` still works.
"""

import logging

import pytest


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        if record.name.startswith("odoo"):
            self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_odoo_errors():
    collector = _ErrorCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    if collector.records:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in collector.records)
        pytest.fail(f"Odoo logged errors during the test:\n{lines}", pytrace=False)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.section("skipped tests fail this run", sep="!", red=True)
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            terminalreporter.line(f"{report.nodeid}: {reason}", red=True)
        terminalreporter.line(
            "A missing prerequisite (Chromium, websocket-client...) must not pass "
            "silently: install it (make setup) and run again.",
            red=True,
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
