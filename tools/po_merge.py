"""Merge <addon>.pot into es.po: keep translations, drop obsolete entries, sort,
and print the msgids still untranslated. es_MX.po (hand-written Mexican
differences) only loses the entries whose msgid is gone."""

import sys
from pathlib import Path

import polib

i18n = Path(sys.argv[1])
pot = polib.pofile(str(next(i18n.glob("*.pot"))))
path = i18n / "es.po"
po = polib.pofile(str(path)) if path.exists() else polib.POFile()
if not path.exists():
    po.metadata = dict(pot.metadata)
po.merge(pot)
po[:] = sorted(
    (e for e in po if not e.obsolete), key=lambda e: (e.msgid, e.msgctxt or "")
)
po.metadata["Language"] = "es"
po.save(str(path))
mx_path = i18n / "es_MX.po"
if mx_path.exists():
    mx = polib.pofile(str(mx_path))
    sources = {(e.msgid, e.msgctxt) for e in pot}
    mx[:] = [e for e in mx if (e.msgid, e.msgctxt) in sources]
    mx.save(str(mx_path))
for entry in po.untranslated_entries():
    print(f"untranslated: {entry.msgid!r}")
print(f"{len(po.untranslated_entries())} entries of es.po left to translate")
