"""P7: importing organizations and their contact people from one XLSX through
Odoo's import (base_import), as the web client does (run through `odoo-bin shell`
by tools/bench_import.sh, each mode in its own process: a cold cache, and a peak
RSS that is this import's).

MS_BENCH_MODE:
  prepare  in the template database (ms_bench_import): the national Operador
           ms_bench_import_operator (group_ms_user, created once), and the XLSX
           (cached under .local/bench-import/): MS_BENCH_ORGS organizations
           (10,000), each with 2 contact people as one2many sub-rows (the first
           on the organization's row, as Odoo exports them), Spanish names,
           states and municipalities as people write them, some postal codes
           typed as numbers ("1000" for 01000). Prints PREPARE {json}.
  ours     the file imported into ms.movement (organizations) as the Operador:
           base_import.import created, the file set, parse_preview, then
           execute_import batch after batch (the client's options: limit 2,000
           rows, skip = the last nextrow, tracking_disable), committed after
           each batch as the client's separate requests are. Then checks it.
  plain    the same rows into res.partner: the organizations as companies (the
           file's "Es empresa" column), the same people as child_ids, the same
           columns where contacts have them (the acronym as the reference).

ours and plain run only in a copy of the template (ms_bench_import_run*), which
tools/bench_import.sh drops after each run: runs are independent and nothing is
left behind. MS_BENCH_PROFILE=1 profiles the batches (cProfile) into
.local/bench-import/<mode>-<orgs>.prof and prints the top functions.
Prints one line: IMPORT {json}."""

import cProfile
import io
import json
import os
import pstats
import random
import re
import resource
import sys
import time
import unicodedata
from pathlib import Path

ORGS = int(os.environ.get("MS_BENCH_ORGS", "10000"))
PEOPLE_PER_ORG = 2
BATCH = 2000  # the web client's default (base_import/static/src/import_model.js)
LOGIN = "ms_bench_import_operator"
TEMPLATE_DB = "ms_bench_import"
VERSION = 1  # of the generated file: a new one is written when this changes
CACHE = Path(os.environ.get("MS_BENCH_CACHE", ".local/bench-import")).resolve()
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADERS = [
    "Nombre",
    "Sigla",
    "Tipo",
    "Sectores",
    "Ámbito",
    "Miembros estimados",
    "Calle",
    "Código postal",
    "Municipio",
    "Estado",
    "Correo electrónico",
    "Teléfono",
    "Es empresa",
    "Contactos/Nombre",
    "Contactos/Correo electrónico",
    "Contactos/Teléfono",
    "Contactos/Puesto",
]
PEOPLE_COLUMNS = 4  # the last columns: the contact people
FIELDS = {
    "ours": [
        "name",
        "code",
        "kind_id",
        "ms_sector_ids",
        "scope",
        "member_estimate",
        "street",
        "zip",
        "municipality_id",
        "state_id",
        "email",
        "phone",
        False,  # "Es empresa": an organization's contact is one anyway
        "child_ids/name",
        "child_ids/email",
        "child_ids/phone",
        "child_ids/function",
    ],
    "plain": [
        "name",
        "ref",
        False,  # no kind on a contact
        "ms_sector_ids",
        False,  # no scope
        False,  # no estimated members
        "street",
        "zip",
        "city_id",
        "state_id",
        "email",
        "phone",
        "is_company",
        "child_ids/name",
        "child_ids/email",
        "child_ids/phone",
        "child_ids/function",
    ],
}
MODELS = {"ours": "ms.movement", "plain": "res.partner"}

FIRST_NAMES = (
    "María Guadalupe Juana Margarita Verónica Leticia Rosa Alejandra Patricia "
    "Elena Teresa Gabriela Adriana Claudia Silvia Norma Araceli Yolanda Josefina "
    "Carmen José Juan Miguel Francisco Jesús Pedro Antonio Alejandro Manuel "
    "Ricardo Fernando Roberto Javier Raúl Arturo Eduardo Sergio Daniel Rafael "
    "Hugo Benito Emiliano Lázaro Rigoberta Citlali Xóchitl Itzel Cuauhtémoc"
).split()
SURNAMES = (
    "Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez "
    "Cruz Flores Gómez Morales Vázquez Reyes Jiménez Torres Díaz Gutiérrez Ruiz "
    "Mendoza Aguilar Ortiz Moreno Castillo Romero Álvarez Méndez Chávez Rivera "
    "Juárez Ramos Domínguez Herrera Medina Castro Vargas Guzmán Velázquez Rojas "
    "Santiago Luna Cortés Mejía Bautista Zapata Villa Matus Toledo Santos"
).split()
ORG_HEADS = (
    "Unión",
    "Frente",
    "Coordinadora",
    "Colectivo",
    "Asamblea",
    "Movimiento",
    "Red",
    "Sindicato",
    "Consejo",
    "Cooperativa",
    "Comité",
    "Alianza",
)
ORG_WHO = (
    "Campesina",
    "Popular",
    "de Comuneros",
    "de Mujeres",
    "Obrera",
    "Indígena",
    "de Colonos",
    "Magisterial",
    "Juvenil",
    "de Trabajadores del Campo",
    "de Pescadores",
    "de Artesanos",
    "Estudiantil",
    "de Jornaleros",
    "en Defensa del Agua",
    "por la Vivienda",
)
ORG_HOW = ("Independiente", "Democrática", "Revolucionaria", "Unida", "Autónoma", "")
FUNCTIONS = (
    "Secretaria general",
    "Secretario general",
    "Vocera",
    "Vocero",
    "Tesorera",
    "Tesorero",
    "Presidenta",
    "Presidente",
    "Secretaria de actas",
    "Enlace",
)
STREETS = (
    "Hidalgo",
    "Morelos",
    "Juárez",
    "Independencia",
    "Reforma",
    "5 de Mayo",
    "Allende",
    "Guerrero",
    "Zaragoza",
    "Madero",
)
# How people write some states (the import reads them, ms_territory.STATE_ALIASES)
STATE_WRITTEN = {
    "CMX": ("CDMX", "Ciudad de México", "DF"),
    "MEX": ("Edo. de México", "Estado de México", "Edomex"),
    "MIC": ("Michoacán", "Michoacan de Ocampo"),
    "VER": ("Veracruz", "Veracruz de Ignacio de la Llave"),
    "COA": ("Coahuila", "Coahuila de Zaragoza"),
    "NLE": ("Nuevo León", "NL"),
    "ROO": ("Quintana Roo", "Q. Roo"),
}


def ascii_key(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


def slug(text):
    return re.sub(r"[^a-z0-9]+", ".", ascii_key(text).lower()).strip(".")


def rss_now_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def rss_peak_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def paths(orgs):
    stem = CACHE / f"orgs-{orgs}-v{VERSION}"
    return stem.with_suffix(".xlsx"), stem.with_suffix(".json")


# --- prepare (template database) ---------------------------------------------


def operator(env):
    """The national Operador who imports (created once, in the template)."""
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    user = Users.search([("login", "=", LOGIN)])
    if not user:
        user = Users.create(
            {
                "name": "Bench Import Operador",
                "login": LOGIN,
                "lang": "es_MX"
                if env["res.lang"]._lang_get("es_MX")
                else env.lang or "en_US",
                "tz": "America/Mexico_City",
                "ms_scope": "national",
                "group_ids": [
                    (6, 0, [env.ref("movimientos_sociales.group_ms_user").id])
                ],
            }
        )
    return user


def catalog(env, lang):
    """What the file names, read from the database: Mexico's municipalities
    whose name is unique in their state, postal codes of one municipality only,
    states, sectors, kinds and scopes in the user's language."""
    env.cr.execute(
        """SELECT city.id, city.state_id, city.name->>'en_US', state.code
             FROM res_city city
             JOIN res_country country ON country.id = city.country_id
             JOIN res_country_state state ON state.id = city.state_id
            WHERE country.code = 'MX' ORDER BY city.id"""
    )
    rows = env.cr.fetchall()
    seen = {}
    for city_id, state_id, name, _code in rows:
        seen.setdefault((state_id, ascii_key(name).casefold()), []).append(city_id)
    munis = [
        row for row in rows if len(seen[row[1], ascii_key(row[2]).casefold()]) == 1
    ]
    env.cr.execute(
        """SELECT min(z.city_id), z.name FROM res_city_zip z
             JOIN res_city city ON city.id = z.city_id
             JOIN res_country country ON country.id = city.country_id
            WHERE country.code = 'MX' GROUP BY z.name HAVING count(*) = 1"""
    )
    zips = {}
    for city_id, code in env.cr.fetchall():
        zips.setdefault(city_id, []).append(code)
    lenv = env(context=dict(env.context, lang=lang))
    states = {
        state.id: state.name
        for state in lenv["res.country.state"].search([("country_id.code", "=", "MX")])
    }
    scope = lenv["ms.movement"]._fields["scope"]
    return {
        "munis": munis,
        "zips": zips,
        "states": states,
        "sectors": lenv["ms.sector"].search([]).mapped("name"),
        "kinds": lenv["ms.movement.kind"].search([]).mapped("name"),
        "scopes": [label for _v, label in scope._description_selection(lenv)],
    }


def generate(env, orgs, lang):
    """The XLSX and its sidecar (what the import must give: each organization's
    state and municipality, each person's organization)."""
    import xlsxwriter

    rng = random.Random(17)
    data = catalog(env, lang)
    xlsx_path, json_path = paths(orgs)
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = book.add_worksheet("Organizaciones")
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header)
    expected = {"organizations": {}, "people": {}}
    row = 1
    for number in range(1, orgs + 1):
        city_id, state_id, muni, state_code = rng.choice(data["munis"])
        state = data["states"][state_id]
        roll = rng.random()
        if state_code in STATE_WRITTEN and roll < 0.6:
            state = rng.choice(STATE_WRITTEN[state_code])
        elif roll < 0.2:
            state = ascii_key(state).lower()
        if rng.random() < 0.2:
            muni = ascii_key(muni).lower()
        name = " ".join(
            part
            for part in (
                rng.choice(ORG_HEADS),
                rng.choice(ORG_WHO),
                rng.choice(ORG_HOW),
                f"de {muni.title() if muni.islower() else muni}",
            )
            if part
        )
        initials = "".join(
            word[0] for word in ascii_key(name).split() if word[0].isupper()
        )
        code = f"{initials}-{number}"
        zip_codes = data["zips"].get(city_id)
        zip_code = rng.choice(zip_codes) if zip_codes and rng.random() < 0.5 else None
        org = [
            name,
            code,
            rng.choice(data["kinds"]),
            ",".join(rng.sample(data["sectors"], rng.choice((1, 1, 2)))),
            rng.choice(data["scopes"]),
            rng.randrange(15, 5000),
            f"{rng.choice(STREETS)} {rng.randrange(1, 400)}",
            int(zip_code) if zip_code else "",  # as a number: "1000" for 01000
            muni,
            state,
            f"contacto.{slug(code)}@organizaciones.example.mx",
            f"+52 {rng.randrange(200, 999)} {rng.randrange(100, 999)} "
            f"{rng.randrange(1000, 9999)}",
            "1",
        ]
        expected["organizations"][code] = [state_id, city_id]
        for person in range(PEOPLE_PER_ORG):
            first = rng.choice(FIRST_NAMES)
            last = rng.sample(SURNAMES, 2)
            email = (
                f"{slug(first)}.{slug(last[0])}.{number}{'abcdefgh'[person]}"
                "@correo.example.mx"
            )
            people = [
                f"{first} {last[0]} {last[1]}",
                email,
                f"+52 1 {rng.randrange(200, 999)} {rng.randrange(100, 999)} "
                f"{rng.randrange(1000, 9999)}",
                rng.choice(FUNCTIONS),
            ]
            cells = (org if person == 0 else [""] * len(org)) + people
            for col, value in enumerate(cells):
                if isinstance(value, int):
                    sheet.write_number(row, col, value)
                elif value:
                    sheet.write_string(row, col, value)
            expected["people"][email] = code
            row += 1
    book.close()
    json_path.write_text(json.dumps(expected))
    return row - 1


def prepare(env):
    start = time.perf_counter()
    user = operator(env)
    env.cr.commit()
    xlsx_path, json_path = paths(ORGS)
    built = not (xlsx_path.exists() and json_path.exists())
    if built:
        rows = generate(env, ORGS, user.lang)
    else:
        rows = ORGS * PEOPLE_PER_ORG
    print(
        "PREPARE "
        + json.dumps(
            {
                "orgs": ORGS,
                "people": ORGS * PEOPLE_PER_ORG,
                "rows": rows,
                "file": str(xlsx_path),
                "file_kib": round(xlsx_path.stat().st_size / 1024),
                "built": built,
                "seconds": round(time.perf_counter() - start, 1),
                "user": LOGIN,
                "lang": user.lang,
            }
        )
    )


# --- ours / plain (a copy of the template) ------------------------------------


def client_options():
    """The options the web client sends (import_model.js: importOptionsValues,
    its CSV formatting options, the fields to handle)."""
    return {
        "encoding": "",
        "separator": "",
        "quoting": '"',
        "date_format": "",
        "datetime_format": "",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "advanced": True,
        "has_headers": True,
        "keep_matches": False,
        "limit": BATCH,
        "sheets": [],
        "sheet": "",
        "skip": 0,
        "tracking_disable": True,
        "import_skip_records": [],
        "import_set_empty_fields": [],
        "fallback_values": {},
        "name_create_enabled_fields": {},
    }


def import_file(env, mode, user, content, profile):
    """The client's calls, each its own transaction: create, set the file,
    parse_preview, then execute_import until nextrow is 0."""
    context = dict(user.context_get(), uid=user.id)
    uenv = env(user=user.id, su=False, context=context)
    out = {"batches": [], "messages": []}
    start = time.perf_counter()
    record = uenv["base_import.import"].create({"res_model": MODELS[mode]})
    record.write(
        {
            "file": content,
            "file_name": f"organizaciones-{ORGS}.xlsx",
            "file_type": XLSX_TYPE,
        }
    )
    env.cr.commit()
    options = client_options()
    preview = record.parse_preview(dict(options))
    env.cr.commit()
    out["preview_s"] = round(time.perf_counter() - start, 2)
    if preview.get("error"):
        raise RuntimeError(preview["error"])
    options.update(preview["options"])  # the sheet chosen, as the client keeps it
    out["num_rows"], out["batched"] = preview["num_rows"], preview["batch"]
    out["auto_matched"] = sum(
        1 for found in (preview.get("matches") or {}).values() if found
    )
    fields = FIELDS[mode]
    columns = [header.strip().lower() for header in preview["headers"]]
    # the client's totalSteps: the file's rows (num_rows) over the batch size
    total_steps = -(-out["num_rows"] // BATCH) if preview["batch"] else 1
    imported = []
    profiler = cProfile.Profile() if profile else None
    env.invalidate_all()
    start_q, start = env.cr.sql_log_count, time.perf_counter()
    for _step in range(total_steps):
        batch_start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = record.with_context(
            tracking_disable=options["tracking_disable"]
        ).execute_import(fields, columns, dict(options))
        env.cr.commit()  # the request ends
        if profiler:
            profiler.disable()
        env.invalidate_all()
        imported += result.get("ids") or []
        out["messages"] += [m.get("message") for m in result.get("messages") or []]
        out["batches"].append(round(time.perf_counter() - batch_start, 2))
        if not result.get("nextrow") or result.get("messages"):
            break
        options["skip"] = result["nextrow"]
    out["seconds"] = round(time.perf_counter() - start, 2)
    out["queries"] = env.cr.sql_log_count - start_q
    out["records_imported"] = len(imported)
    out["resume_needed"] = bool(result.get("nextrow")) and not result.get("messages")
    if profiler:
        dump = CACHE / f"{mode}-{ORGS}.prof"
        profiler.dump_stats(str(dump))
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(60)
        (CACHE / f"{mode}-{ORGS}.txt").write_text(text.getvalue())
        out["profile"] = str(dump)
    return out


def check(env, mode, expected):
    """The organizations, their territory, and each person's organization, as
    the file says (in SQL, as superuser)."""
    codes = list(expected["organizations"])
    if mode == "ours":
        env.cr.execute(
            """SELECT m.code, m.state_id, m.municipality_id, m.partner_id
                 FROM ms_movement m WHERE m.code = ANY(%s)""",
            [codes],
        )
    else:
        env.cr.execute(
            """SELECT p.ref, p.state_id, p.city_id, p.id FROM res_partner p
                WHERE p.ref = ANY(%s) AND p.is_company""",
            [codes],
        )
    orgs = env.cr.fetchall()
    by_partner = {partner: code for code, _s, _c, partner in orgs}
    wrong_place = sum(
        1
        for code, state, city, _p in orgs
        if expected["organizations"][code] != [state, city]
    )
    env.cr.execute(
        "SELECT email, parent_id FROM res_partner WHERE email = ANY(%s)",
        [list(expected["people"])],
    )
    people = env.cr.fetchall()
    wrong_parent = sum(
        1
        for email, parent in people
        if by_partner.get(parent) != expected["people"][email]
    )
    result = {
        "organizations": len(orgs),
        "people": len(people),
        "wrong_place": wrong_place,
        "wrong_parent": wrong_parent,
    }
    result["ok"] = (
        len(orgs) == len(codes)
        and len(people) == len(expected["people"])
        and not wrong_place
        and not wrong_parent
    )
    return result


def run(env, mode):
    if env.cr.dbname == TEMPLATE_DB or not env.cr.dbname.startswith(TEMPLATE_DB):
        raise SystemExit(
            f"{mode} runs in a copy of {TEMPLATE_DB}, not in {env.cr.dbname}"
        )
    xlsx_path, json_path = paths(ORGS)
    expected = json.loads(json_path.read_text())
    user = env["res.users"].search([("login", "=", LOGIN)])
    content = xlsx_path.read_bytes()
    rss_before, peak_before = rss_now_mib(), rss_peak_mib()
    out = {"mode": mode, "orgs": ORGS, "people": len(expected["people"]), "user": LOGIN}
    out.update(
        import_file(env, mode, user, content, os.environ.get("MS_BENCH_PROFILE") == "1")
    )
    records = ORGS + len(expected["people"])
    out["records_per_s"] = round(records / out["seconds"], 1)
    out["rows_per_s"] = round((out["num_rows"] - 1) / out["seconds"], 1)
    out["queries_per_record"] = round(out["queries"] / records, 2)
    out["rss_before_mib"], out["peak_before_mib"] = rss_before, peak_before
    out["rss_after_mib"], out["peak_rss_mib"] = rss_now_mib(), rss_peak_mib()
    out["check"] = check(env, mode, expected)
    out["ok"] = out["check"]["ok"] and not out["messages"]
    out["messages"] = out["messages"][:5]
    print("IMPORT " + json.dumps(out))


mode = os.environ.get("MS_BENCH_MODE", "ours")
if mode == "prepare":
    prepare(env)  # noqa: F821 (odoo shell)
else:
    run(env, mode)  # noqa: F821
sys.stdout.flush()
