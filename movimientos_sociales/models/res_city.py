import csv
import gzip
import io
import json
from pathlib import Path

from psycopg2.extras import execute_values

from odoo import api, fields, models

TERRITORY = Path(__file__).resolve().parent.parent / "data" / "territory"


def _rows(name):
    path = TERRITORY / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as data:
        return list(csv.DictReader(data))


class ResCity(models.Model):
    """Mexico's municipalities (and Mexico City's alcaldías) are Odoo's cities
    (base_address_extended), with their postal codes (OCA base_location) and
    settlements: the catalog of data/territory, loaded at install."""

    _inherit = "res.city"

    ms_code = fields.Char(
        string="INEGI Code",
        size=3,
        index="btree_not_null",
        help="The municipality's three-digit code within its state (INEGI, SAT).",
    )

    @api.model
    def _ms_load_mexico(self):
        """Load (or complete) the catalog of data/territory: 2,463
        municipalities, 32,791 postal codes and 144,129 settlements. In SQL:
        through the ORM it would take minutes. Existing Mexican cities of the
        same name and state are kept and completed; nothing is deleted."""
        cr = self.env.cr
        country = self.env.ref("base.mx")
        states = {
            state.code: state.id
            for state in self.env["res.country.state"].search(
                [("country_id", "=", country.id)]
            )
        }
        cr.execute(
            """SELECT id, state_id, lower(name->>'en_US') FROM res_city
                WHERE country_id = %s""",
            [country.id],
        )
        existing = {(state, name): city for city, state, name in cr.fetchall()}
        cities, missing = {}, []
        for row in _rows("municipalities.csv"):
            state = states[row["state_code"]]
            key = (row["state_code"], row["code"])
            city = existing.get((state, row["name"].lower()))
            if city:
                cities[key] = city
            else:
                missing.append((key, state, row["name"]))
        if missing:
            created = execute_values(
                cr._obj,
                """INSERT INTO res_city (name, state_id, country_id, ms_code,
                                         create_uid, write_uid, create_date,
                                         write_date)
                   VALUES %s RETURNING id""",
                [
                    (
                        json.dumps({"en_US": name}, ensure_ascii=False),
                        state,
                        country.id,
                        code,
                        self.env.uid,
                        self.env.uid,
                    )
                    for (_state, code), state, name in missing
                ],
                template="(%s::jsonb, %s, %s, %s, %s, %s, now() at time zone 'UTC',"
                " now() at time zone 'UTC')",
                fetch=True,
                page_size=5000,
            )
            for (key, _state, _name), (city,) in zip(missing, created, strict=True):
                cities[key] = city
        execute_values(
            cr._obj,
            """UPDATE res_city SET ms_code = data.code
                 FROM (VALUES %s) AS data (id, code)
                WHERE res_city.id = data.id AND res_city.ms_code IS DISTINCT
                      FROM data.code""",
            [(city, code) for (_state, code), city in cities.items()],
            page_size=5000,
        )
        execute_values(
            cr._obj,
            """INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
               VALUES %s ON CONFLICT (module, name) DO NOTHING""",
            [
                (
                    "movimientos_sociales",
                    f"res_city_mx_{state.lower()}_{code}",
                    "res.city",
                    city,
                    True,
                )
                for (state, code), city in cities.items()
            ],
            page_size=5000,
        )
        # postal codes and settlements: COPY to a temporary table, then one
        # INSERT each (what already exists is kept)
        cr.execute(
            """CREATE TEMPORARY TABLE ms_territory_city (state_code varchar,
                   code varchar, city_id int) ON COMMIT DROP"""
        )
        _copy(
            cr,
            "ms_territory_city",
            [(state, code, city) for (state, code), city in cities.items()],
        )
        cr.execute(
            """CREATE TEMPORARY TABLE ms_territory_zip (zip varchar,
                   state_code varchar, code varchar) ON COMMIT DROP"""
        )
        _copy_file(cr, "ms_territory_zip", "postal_codes.csv.gz")
        cr.execute(
            """INSERT INTO res_city_zip (name, city_id, create_uid, write_uid,
                                         create_date, write_date)
               SELECT zip.zip, city.city_id, %s, %s, now() at time zone 'UTC',
                      now() at time zone 'UTC'
                 FROM ms_territory_zip zip
                 JOIN ms_territory_city city USING (state_code, code)
               ON CONFLICT (name, city_id) DO NOTHING""",
            [self.env.uid, self.env.uid],
        )
        cr.execute(
            """CREATE TEMPORARY TABLE ms_territory_settlement (zip varchar,
                   name varchar) ON COMMIT DROP"""
        )
        _copy_file(cr, "ms_territory_settlement", "settlements.csv.gz")
        cr.execute(
            """INSERT INTO ms_settlement (name, zip_id)
               SELECT settlement.name, zip.id
                 FROM ms_territory_settlement settlement
                 JOIN res_city_zip zip ON zip.name = settlement.zip
                 JOIN ms_territory_city city ON city.city_id = zip.city_id
               ON CONFLICT (zip_id, name) DO NOTHING"""
        )
        cr.execute(
            """DROP TABLE ms_territory_city, ms_territory_zip,
                          ms_territory_settlement"""
        )
        self.env.invalidate_all()
        return len(cities)


def _copy(cr, table, rows):
    """COPY `rows` into the temporary `table`."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    buffer.seek(0)
    cr._obj.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv)", buffer)


def _copy_file(cr, table, name):
    """COPY the data file `name` (CSV with a header, gzip) into `table`."""
    with gzip.open(TERRITORY / name, "rt", encoding="utf-8", newline="") as data:
        cr._obj.copy_expert(
            f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", data
        )
