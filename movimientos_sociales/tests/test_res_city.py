import importlib.util
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.movimientos_sociales.models.ms_territory import (
    find_municipality,
    find_state,
    place_key,
)

from .common import MsCase

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "migrations"
    / "19.0.3.0.0"
    / "post-migrate.py"
)


def _migration():
    spec = importlib.util.spec_from_file_location("ms_post_migrate_3", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "ms_territory")
class TestResCity(MsCase):
    """Mexico's municipalities as res.city (data/territory, loaded at install),
    with their postal codes (res.city.zip) and settlements (ms.settlement)."""

    def _count_by_state(self, codes):
        groups = self.env["res.city"]._read_group(
            [("country_id", "=", self.mx.id), ("ms_code", "!=", False)],
            ["state_id"],
            ["__count"],
        )
        counts = {state.code: count for state, count in groups}
        return {code: counts.get(code) for code in codes}

    def test_catalog_loaded(self):
        self.assertEqual(
            self._count_by_state(["OAX", "PUE", "TLA", "CMX", "BCS", "VER"]),
            {"OAX": 570, "PUE": 217, "TLA": 60, "CMX": 16, "BCS": 5, "VER": 212},
        )
        City = self.env["res.city"]
        self.assertEqual(
            City.search_count(
                [("country_id", "=", self.mx.id), ("ms_code", "!=", False)]
            ),
            2463,
        )
        oaxaca = self.env.ref("movimientos_sociales.res_city_mx_oax_067")
        self.assertRecordValues(
            oaxaca,
            [
                {
                    "name": "Oaxaca de Juárez",
                    "ms_code": "067",
                    "state_id": self.state_oax.id,
                }
            ],
        )
        alcaldias = City.search([("state_id.code", "=", "CMX")]).mapped("name")
        self.assertIn("Coyoacán", alcaldias)
        self.assertIn("Cuauhtémoc", alcaldias)
        # Chiapas' municipalities of 2017-2018, named after INEGI
        self.assertEqual(
            self.env.ref("movimientos_sociales.res_city_mx_chp_124").name, "Mezcalapa"
        )
        zips = self.env["res.city.zip"].search([("name", "=", "68000")])
        self.assertEqual(zips.city_id, oaxaca)
        self.assertIn(
            "Oaxaca",
            self.env["ms.settlement"].search([("zip_id", "=", zips.id)]).mapped("name"),
        )
        self.assertEqual(
            self.env["res.city.zip"].search_count(
                [("city_id.country_id", "=", self.mx.id)]
            ),
            32791,
        )

    def test_loader_adds_what_is_missing(self):
        """The loader completes the catalog and duplicates nothing: a
        municipality deleted (with its postal codes and settlements) comes
        back with its identifier; a second run adds nothing."""
        tlaxco = self.env.ref("movimientos_sociales.res_city_mx_tla_034")
        zips = tlaxco.zip_ids
        zip_names = sorted(zips.mapped("name"))
        settlements = self.env["ms.settlement"].search_count(
            [("zip_id", "in", zips.ids)]
        )
        self.assertTrue(zips and settlements)
        tlaxco.unlink()
        self.assertEqual(self._count_by_state(["TLA"]), {"TLA": 59})
        self.env["res.city"]._ms_load_mexico()
        self.env["res.city"]._ms_load_mexico()
        again = self.env.ref("movimientos_sociales.res_city_mx_tla_034")
        self.assertEqual(again.name, "Tlaxco")
        self.assertEqual(self._count_by_state(["TLA"]), {"TLA": 60})
        self.assertEqual(sorted(again.zip_ids.mapped("name")), zip_names)
        self.assertEqual(
            self.env["ms.settlement"].search_count(
                [("zip_id", "in", again.zip_ids.ids)]
            ),
            settlements,
        )

    def test_names_as_people_write_them(self):
        self.assertEqual(place_key("  Edo. de  MÉXICO "), "edo de mexico")
        for text, code in (
            ("Edo. de México", "MEX"),
            ("Estado de México", "MEX"),
            ("México", "MEX"),
            ("CDMX", "CMX"),
            ("Ciudad de Mexico", "CMX"),
            ("D.F.", "CMX"),
            ("oaxaca", "OAX"),
            ("Veracruz de Ignacio de la Llave", "VER"),
            ("Michoacán de Ocampo", "MIC"),
            ("NLE", "NLE"),
        ):
            with self.subTest(text=text):
                self.assertEqual(find_state(self.env, text).code, code)
        self.assertFalse(find_state(self.env, "Texas"))
        oaxaca = self.env.ref("movimientos_sociales.res_city_mx_oax_067")
        self.assertEqual(find_municipality(self.env, "OAXACA DE JUAREZ"), oaxaca)
        self.assertEqual(
            find_municipality(self.env, "oaxaca de juárez", self.state_oax), oaxaca
        )
        self.assertFalse(
            find_municipality(self.env, "Oaxaca de Juárez", self.state_chis)
        )
        # "Benito Juárez" is a municipality of several states: its state decides
        self.assertFalse(find_municipality(self.env, "Benito Juárez"))
        self.assertEqual(
            find_municipality(
                self.env, "benito juarez", self.env.ref("base.state_mx_q_roo")
            ).ms_code,
            "005",
        )

    def test_free_text_migration(self):
        """19.0.3.0.0: municipalities typed as text get the catalog's, whatever
        the accents and case, in the record's state; what matches none stays
        to be resolved by a person."""
        state_jal = self.env.ref("base.state_mx_jal")
        matched = self._create_movement(
            "Unión de Colonos",
            state_id=self.state_oax.id,
            municipality_text="oaxaca de juarez",
        )
        unmatched = self._create_movement(
            "Movimiento por la Vivienda",
            state_id=state_jal.id,
            municipality_text="Tlaquepaque",
        )
        elsewhere = self._create_movement(
            "Frente del Istmo",
            state_id=self.state_chis.id,
            municipality_text="Oaxaca de Juárez",
        )
        demand = self._create_demand(
            matched.partner_id, municipality_text="Santa Lucía del Camino"
        )
        action = self._create_action(
            "Marcha", state_id=False, municipality_text="Tlaxcala"
        )
        self.assertFalse(demand.municipality_id)
        result = _migration().match_free_text(self.env)
        # (the demo's two unmatched organizations are left too)
        self.assertGreaterEqual(result["ms.movement"][0], 1)
        self.assertGreaterEqual(result["ms.movement"][1], 2)
        self.assertRecordValues(
            matched | unmatched | elsewhere,
            [
                {
                    "municipality_id": self.env.ref(
                        "movimientos_sociales.res_city_mx_oax_067"
                    ).id,
                    "municipality_text": False,
                },
                {"municipality_id": False, "municipality_text": "Tlaquepaque"},
                {"municipality_id": False, "municipality_text": "Oaxaca de Juárez"},
            ],
        )
        self.assertEqual(matched.partner_id.city_id.name, "Oaxaca de Juárez")
        self.assertEqual(demand.municipality_id.name, "Santa Lucía del Camino")
        self.assertFalse(demand.municipality_text)
        # no state, a unique name: municipality and state
        self.assertEqual(action.municipality_id.name, "Tlaxcala")
        self.assertEqual(action.state_id.code, "TLA")
        # the unmatched are found by the filter of the lists
        self.assertIn(
            unmatched,
            self.env["ms.movement"].search([("municipality_text", "!=", False)]),
        )

    def test_contact_sectors_by_municipality(self):
        """A contact's municipality for scopes is its organization's."""
        movement = self._create_movement(
            "Colectivo Centro",
            municipality_id=self.env.ref("movimientos_sociales.res_city_mx_oax_067").id,
        )
        person = self._create_contact(
            "Ana Centro", "ana.centro@example.mx", parent_id=movement.partner_id.id
        )
        self.assertEqual(person.ms_scope_city_id.name, "Oaxaca de Juárez")
        # (a contact person takes the organization's address, as in Odoo)
        self.assertEqual(person.city_id, movement.municipality_id)
