"""Build the addon's catalog of Mexico's municipalities, postal codes and
settlements (colonias) from two published packages, and report what didn't
match. The addon loads the files it writes; it doesn't need these packages.

Sources (downloaded with pip, read from the wheels without installing them):
- odoo-addon-l10n-mx-catalogs 19.0.1.1.1 (OCA, AGPL-3): SAT's CFDI catalogs
  c_CodigoPostal (postal code -> state and three-digit municipality code) and
  c_Colonia (postal code -> settlement names).
- postalcodes-mexico 0.4.2 (MIT): SEPOMEX's table of settlements (2018), the
  only one with the municipalities' names; joined to SAT by postal code.

    .venv/bin/python tools/build_territory.py [--wheels DIR]
"""

import argparse
import collections
import csv
import gzip
import io
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "movimientos_sociales" / "data" / "territory"
PACKAGES = {
    "sat": "odoo-addon-l10n-mx-catalogs==19.0.1.1.1",
    "sepomex": "postalcodes-mexico==0.4.2",
}
SAT_DATA = "odoo/addons/l10n_mx_catalogs/data/l10n_mx_catalogs.{}.csv"
SEPOMEX_DB = "postalcodes_mexico/data/postalcodes.sqlite3"
# Municipalities created after SEPOMEX's 2018 table (Chiapas, decree of
# 2017-2018): SEPOMEX still gives their postal codes the municipality they were
# split from. Names from INEGI's Catálogo Único de Claves Geoestadísticas.
NAMES_AFTER_2018 = {
    ("CHP", "120"): "Capitán Luis Ángel Vidal",
    ("CHP", "121"): "Rincón Chamula San Pedro",
    ("CHP", "122"): "El Parral",
    ("CHP", "123"): "Emiliano Zapata",
    ("CHP", "124"): "Mezcalapa",
}


def clean(text):
    """One line, single spaces, NFC."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text or "").strip())


def wheel(directory, key):
    name = PACKAGES[key].split("==")[0].replace("-", "_")
    found = sorted(Path(directory).glob(f"{name}-*.whl"))
    if not found:
        subprocess.run(
            [
                sys.executable,
                *("-m", "pip", "download", "--no-deps", "-q"),
                *("-d", str(directory), PACKAGES[key]),
            ],
            check=True,
        )
        found = sorted(Path(directory).glob(f"{name}-*.whl"))
    return zipfile.ZipFile(found[-1])


def sat_rows(sat, catalog):
    with sat.open(SAT_DATA.format(catalog)) as data:
        yield from csv.DictReader(io.TextIOWrapper(data, encoding="utf-8"))


def sepomex_places(sepomex):
    """{postal code: {(state name, municipality name)}} from SEPOMEX."""
    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
        copy.write(sepomex.read(SEPOMEX_DB))
        copy.flush()
        connection = sqlite3.connect(copy.name)
        places = collections.defaultdict(set)
        for code, municipality, state in connection.execute(
            "SELECT cp, municipality, state FROM places"
        ):
            places[code].add((clean(state), clean(municipality)))
        connection.close()
    return places


def build(directory):
    sat, sepomex = wheel(directory, "sat"), wheel(directory, "sepomex")
    places = sepomex_places(sepomex)

    # SAT: postal code -> (state code, municipality code); unassigned codes
    # (no municipality) are ranges SAT reserves, not places
    postal_codes = {}
    for row in sat_rows(sat, "c_codigo_postal"):
        if row["municipality_code"]:
            postal_codes[row["code"]] = (row["state_code"], row["municipality_code"])

    # a municipality's name: the one SEPOMEX gives its postal codes
    names = collections.defaultdict(collections.Counter)
    for code, key in postal_codes.items():
        for _state, municipality in places.get(code, ()):
            names[key][municipality] += 1
    municipalities, report = {}, []
    for key in sorted(set(postal_codes.values())):
        if key in NAMES_AFTER_2018:
            report.append(
                f"municipality {key}: SEPOMEX says {names[key].most_common(1)}, "
                f"named {NAMES_AFTER_2018[key]!r} (INEGI)"
            )
            municipalities[key] = NAMES_AFTER_2018[key]
            continue
        if not names[key]:
            report.append(f"municipality {key} has no SEPOMEX name: left out")
            continue
        (name, _count), *others = names[key].most_common()
        if others:
            report.append(f"municipality {key} named {name!r}, also {others}")
        municipalities[key] = name
    unplaced = sorted(
        code
        for code, key in postal_codes.items()
        if key not in municipalities or code not in places
    )
    missing = sorted(set(places) - set(postal_codes))
    report.append(f"{len(missing)} SEPOMEX postal codes not in SAT's: {missing[:10]}")
    report.append(
        f"{len(unplaced)} SAT postal codes unknown to SEPOMEX (kept, placed by "
        f"SAT's code): {unplaced[:10]}"
    )
    postal_codes = {
        code: key for code, key in postal_codes.items() if key in municipalities
    }

    settlements = sorted(
        {
            (row["zip"], clean(row["name"]))
            for row in sat_rows(sat, "c_colonia")
            if row["zip"] in postal_codes and clean(row["name"])
        }
    )
    without = len({row[0] for row in settlements} ^ set(postal_codes))
    report.append(f"{without} postal codes without settlements")

    duplicates = collections.Counter(
        (state, name.casefold()) for (state, _code), name in municipalities.items()
    )
    for (state, name), count in duplicates.items():
        if count > 1:
            report.append(f"{count} municipalities named {name!r} in {state}")

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "municipalities.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["state_code", "code", "name"])
        for (state, code), name in sorted(municipalities.items()):
            writer.writerow([state, code, name])
    write_gzip(
        OUT / "postal_codes.csv.gz",
        ["zip", "state_code", "municipality_code"],
        sorted((code, *key) for code, key in postal_codes.items()),
    )
    write_gzip(OUT / "settlements.csv.gz", ["zip", "name"], settlements)

    per_state = collections.Counter(state for state, _code in municipalities)
    print(
        f"{len(municipalities)} municipalities in {len(per_state)} states, "
        f"{len(postal_codes)} postal codes, {len(settlements)} settlements"
    )
    print("per state: " + ", ".join(f"{k} {v}" for k, v in sorted(per_state.items())))
    print("\n".join(report))


def write_gzip(path, header, rows):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime 0: the same data gives the same bytes (no diff on a rebuild)
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out,
    ):
        out.write(text.getvalue().encode("utf-8"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheels", help="folder with the two wheels (downloaded there if missing)"
    )
    args = parser.parse_args()
    if args.wheels:
        build(args.wheels)
    else:
        with tempfile.TemporaryDirectory() as folder:
            build(folder)
