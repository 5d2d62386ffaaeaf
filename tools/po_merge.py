"""Merge <addon>.pot into es.po: keep translations, drop obsolete entries, sort,
and print the msgids still untranslated. The catalog's municipality names are
left out of both. es_MX.po (hand-written Mexican
differences) only loses the entries whose msgid is gone."""

import sys
from pathlib import Path

import polib

i18n = Path(sys.argv[1])
pot_path = next(i18n.glob("*.pot"))
pot = polib.pofile(str(pot_path))
# Mexico's municipalities (data/territory) are proper names: not translated,
# and 2,463 of them would drown the addon's own terms
pot[:] = [
    e
    for e in pot
    if not all(place.startswith("model:res.city,name:") for place, _ in e.occurrences)
]
pot.save(str(pot_path))
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
