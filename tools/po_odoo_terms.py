"""Fill empty msgstr of es.po with Odoo's own Spanish for the same msgid (partner
and mail field labels that ms.movement inherits), and rebuild es_MX.po: the entries
where Odoo's Latin American Spanish (es_419) differs from the es wording kept here.

Usage: po_odoo_terms.py <odoo addons dir> <addon i18n dir>"""

import sys
from pathlib import Path

import polib

PREFERRED = ["base", "mail", "contacts", "calendar", "mass_mailing", "sms", "web"]


def odoo_terms(addons, lang):
    terms = {}
    files = [addons / m / "i18n" / f"{lang}.po" for m in PREFERRED]
    files += sorted(addons.glob(f"*/i18n/{lang}.po"))
    for path in files:
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.msgstr and "fuzzy" not in entry.flags:
                terms.setdefault(entry.msgid, entry.msgstr)
    return terms


addons, i18n = Path(sys.argv[1]), Path(sys.argv[2])
es, es_419 = odoo_terms(addons, "es"), odoo_terms(addons, "es_419")
po = polib.pofile(str(i18n / "es.po"))
for entry in po.untranslated_entries():
    if entry.msgid in es:
        entry.msgstr = es[entry.msgid]
po.save(str(i18n / "es.po"))

mx = polib.POFile()
mx.metadata = dict(po.metadata, Language="es_MX")
for entry in po:
    latin = es_419.get(entry.msgid)
    if latin and entry.msgstr == es.get(entry.msgid) and latin != entry.msgstr:
        mx.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=latin,
                occurrences=entry.occurrences,
                comment=entry.comment,
            )
        )
mx.save(str(i18n / "es_MX.po"))
print(f"{len(po.untranslated_entries())} entries of es.po left; es_MX.po: {len(mx)}")
