"""Merge <addon>.pot into es.po (and es_MX.po when present), keep translations,
drop obsolete entries, and print the msgids still untranslated."""

import sys
from pathlib import Path

import polib

i18n = Path(sys.argv[1])
pot = polib.pofile(str(next(i18n.glob("*.pot"))))
missing = 0
for name in ("es.po", "es_MX.po"):
    path = i18n / name
    if not path.exists():
        if name != "es.po":
            continue
        po = polib.POFile()
        po.metadata = dict(pot.metadata, Language="es")
    else:
        po = polib.pofile(str(path))
    po.merge(pot)
    po[:] = sorted(
        (e for e in po if not e.obsolete), key=lambda e: (e.msgid, e.msgctxt or "")
    )
    po.metadata["Language"] = name[:-3]
    if name == "es.po":
        for entry in po.untranslated_entries():
            missing += 1
            print(f"untranslated: {entry.msgid!r}")
    else:
        # es_MX.po only carries the entries whose wording differs from es.po
        po[:] = [e for e in po if e.translated()]
    po.save(str(path))
print(f"{missing} entries of es.po left to translate")
