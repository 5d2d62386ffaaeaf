"""Screenshots for docs/ of the main screens, from the demo database (es_MX) as
the demo admin, in headless Chromium driven over the DevTools protocol: the
board, the map (and Oaxaca's municipalities), the structure coverage, the
network of alliances, an organization, a conference, a
citizen demand, a session's acta, and
one XLSX report rendered as a page.

Usage (with `make run` serving the demo database):
    .venv/bin/python tools/screenshots.py [http://127.0.0.1:8069]"""

import base64
import json
import sys
import tempfile
import time
import xmlrpc.client
from pathlib import Path

import chromium  # tools/chromium.py

ROOT = Path(__file__).resolve().parent.parent
URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069"
DATABASE = sys.argv[2] if len(sys.argv) > 2 else "movimientos_sociales"


class Browser(chromium.Browser):
    """The browser in the demo admin's timezone, as a user in Mexico."""

    def __init__(self):
        super().__init__(env={"TZ": "America/Mexico_City"}, timeout=30)

    def goto(self, url, wait=3.0):
        self.call("Page.navigate", url=url)
        time.sleep(wait)

    def wait_for(self, selector, timeout=90):
        """Until `selector` shows (the first load compiles Odoo's assets)."""
        deadline = time.time() + timeout
        check = f"!!document.querySelector({json.dumps(selector)})"
        while time.time() < deadline:
            if self.js(check).get("result", {}).get("value"):
                time.sleep(1.5)  # let the view finish rendering
                return
            time.sleep(0.5)
        raise RuntimeError(f"{selector} did not show in {timeout} s")

    def js(self, expression):
        return self.call("Runtime.evaluate", expression=expression, awaitPromise=True)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        print("wrote", path)


def xlsx_to_html(xlsx_path):
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx_path).active
    rows = []
    for row in sheet.iter_rows(max_row=30, values_only=True):
        cells = "".join(
            f"<td>{'' if v is None else (v.date() if hasattr(v, 'date') else v)}</td>"
            for v in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        "<html><body style='font-family:sans-serif;font-size:12px'>"
        "<table border=1 cellspacing=0 cellpadding=3>"
        + "".join(rows)
        + "</table></body></html>"
    )


def first_id(model, domain, order):
    """A demo record to show, found over XML-RPC as admin."""
    common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common")
    uid = common.authenticate(DATABASE, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/object")
    ids = models.execute_kw(
        DATABASE, uid, "admin", model, "search", [domain], {"order": order, "limit": 1}
    )
    return ids[0]


# (file, what, window action, model, domain of the record shown, order)
SCREENS = [
    (
        "organization.png",
        "an organization",
        "movimientos_sociales.ms_movement_action",
        "ms.movement",
        [("insertion_ids", "!=", False)],
        "id",
    ),
    (
        "conference.png",
        "a conference",
        "movimientos_sociales.ms_conference_action",
        "ms.conference",
        [("participant_ids", "!=", False)],
        "date_start desc",
    ),
    (
        "demand.png",
        "a citizen demand",
        "movimientos_sociales.ms_demand_action",
        "ms.demand",
        [("authority_id", "!=", False)],
        "id",
    ),
]


def main():
    browser = Browser()
    try:
        browser.call("Page.enable")
        browser.goto(f"{URL}/web/login")
        browser.js(
            "document.querySelector('input[name=login]').value='admin';"
            "document.querySelector('input[name=password]').value='admin';"
            "document.querySelector('form.oe_login_form').submit();"
        )
        time.sleep(4)
        browser.goto(f"{URL}/odoo/ms-board", wait=1)
        browser.wait_for(".o_ms_dashboard .o_ms_kpi")
        browser.screenshot(ROOT / "docs" / "board.png")
        browser.goto(f"{URL}/odoo/ms-map", wait=1)
        browser.wait_for(".o_ms_map_svg path[data-code=oax]")
        browser.screenshot(ROOT / "docs" / "map.png")
        browser.js(
            "document.querySelector('.o_ms_map_svg path[data-code=oax]')"
            ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
        )
        browser.wait_for(".o_ms_map table")
        browser.screenshot(ROOT / "docs" / "map_oaxaca.png")
        browser.goto(f"{URL}/odoo/ms-coverage", wait=1)
        browser.wait_for(".o_pivot .o_pivot_cell_value")
        browser.screenshot(ROOT / "docs" / "coverage.png")
        browser.goto(f"{URL}/odoo/ms-network", wait=1)
        browser.wait_for(".o_ms_network[data-node-count]", timeout=120)
        time.sleep(1)
        browser.screenshot(ROOT / "docs" / "network.png")
        for name, _what, action, model, domain, order in SCREENS:
            record = first_id(model, domain, order)
            browser.goto(f"{URL}/odoo/action-{action}/{record}", wait=1)
            browser.wait_for(".o_form_view .o_form_sheet")
            browser.screenshot(ROOT / "docs" / name)
        session = first_id("ms.session", [("agreement_ids", "!=", False)], "id")
        browser.goto(
            f"{URL}/report/html/movimientos_sociales.ms_session_minutes/{session}",
            wait=1,
        )
        browser.wait_for(".page")
        browser.screenshot(ROOT / "docs" / "acta.png")
        xlsx = Path(tempfile.gettempdir()) / "ms_demands.xlsx"
        if xlsx.exists():
            html = Path(tempfile.gettempdir()) / "ms_demands.html"
            html.write_text(xlsx_to_html(xlsx), encoding="utf-8")
            browser.goto(f"file://{html}", wait=1)
            browser.screenshot(ROOT / "docs" / "report_gestiones_xlsx.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
