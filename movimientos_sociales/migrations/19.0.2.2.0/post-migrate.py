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

from lxml import html as lxml_html

from odoo import SUPERUSER_ID, api
from odoo.tools import is_html_empty

SUBJECT_LENGTH = 80
BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6")


def first_line(description):
    """The description's first non-empty line, as plain text (no "*bold*" or
    "[1]" link marks, a heading not run into the next paragraph)."""
    if is_html_empty(description):
        return ""
    root = lxml_html.fragment_fromstring(description, create_parent="div")
    for element in root.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return next((line for line in lines if line), "")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    # the category's name in the commission's language
    env = env(context=dict(env.context, lang=env.company.partner_id.lang))
    demands = env["ms.demand"].search([("subject", "=", False)])
    for demand in demands:
        line = first_line(demand.description)
        demand.subject = (
            shorten(line, SUBJECT_LENGTH, placeholder=" …")
            if line
            else demand.category_id.name
        )
    # reads logged before name their fields only in `name` ("Read: a, b")
    cr.execute(
        """
        UPDATE auditlog_log
           SET ms_field_names =
               replace(substr(name, strpos(name, ': ') + 2), ', ', ',')
         WHERE method = 'read'
           AND ms_field_names IS NULL
           AND strpos(name, ': ') > 0
        """
    )
    # a sector's path is no longer stored (it was in one language)
    cr.execute("ALTER TABLE ms_sector DROP COLUMN IF EXISTS complete_name")
    langs = [code for code, _name in env["res.lang"].get_installed()]
    spanish = [code for code in langs if code.startswith("es")]
    if spanish:
        env["ir.module.module"]._load_module_terms(
            ["movimientos_sociales"], spanish, overwrite=True
        )
