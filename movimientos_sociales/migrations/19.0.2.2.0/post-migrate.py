"""19.0.2.2.0: citizen demands have a subject, which names them with their
folio ("GES/2026/00001 — Agua potable para la colonia Reforma"). The form
requires it; the demands registered before get the first line of their
description, or their category of need when it is empty. (Their new response
figures, days elapsed and awaiting response, are computed by Odoo when it adds
the columns.)

The Spanish was rewritten in context (issue 14: statuses agree with their
document, "Estado (entidad federativa)" vs "Estatus", no terms borrowed from
other modules): an update keeps the translations a database already has, so
this one reloads the addon's own terms over them."""

from textwrap import shorten

from odoo import SUPERUSER_ID, api
from odoo.tools import html2plaintext

SUBJECT_LENGTH = 80


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    # the category's name in the commission's language
    env = env(context=dict(env.context, lang=env.company.partner_id.lang))
    demands = env["ms.demand"].search([("subject", "=", False)])
    for demand in demands:
        text = html2plaintext(demand.description or "").strip()
        first_line = text.splitlines()[0].strip() if text else ""
        demand.subject = (
            shorten(first_line, SUBJECT_LENGTH, placeholder=" …")
            if first_line
            else demand.category_id.name
        )
    langs = [code for code, _name in env["res.lang"].get_installed()]
    spanish = [code for code in langs if code.startswith("es")]
    if spanish:
        env["ir.module.module"]._load_module_terms(
            ["movimientos_sociales"], spanish, overwrite=True
        )
