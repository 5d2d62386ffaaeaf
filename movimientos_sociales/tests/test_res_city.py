import importlib.util
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.movimientos_sociales.models.ms_territory import (
    find_municipality,
    find_state,
    mexican_states,
    place_key,
    state_index,
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
        states = mexican_states(self.env)
        index = state_index(states)
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
                # the same through the index an import matches its rows with
                self.assertEqual(find_state(self.env, text, states, index).code, code)
        self.assertFalse(find_state(self.env, "Texas"))
        self.assertFalse(find_state(self.env, "Texas", states, index))
        self.assertFalse(find_state(self.env, "Oaxaca (US)", states, index))
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

    def test_contacts_matched_by_city_or_postal_code(self):
        """19.0.3.0.0: Mexican contacts get the municipality their city names,
        or their postal code's; their text stays; other countries' don't."""
        Partner = self.env["res.partner"]
        by_city = Partner.create(
            {
                "name": "Pedro Ciudad",
                "country_id": self.mx.id,
                "state_id": self.state_oax.id,
                "city": "oaxaca de juarez",
            }
        )
        by_zip = Partner.create(
            {
                "name": "Paula Código",
                "country_id": self.mx.id,
                "zip": "68000",
                "city": "Centro",
            }
        )
        other_state = Partner.create(
            {
                "name": "Pablo Lejos",
                "country_id": self.mx.id,
                "state_id": self.state_chis.id,
                "zip": "68000",
            }
        )
        abroad = Partner.create(
            {
                "name": "Pilar Madrid",
                "country_id": self.env.ref("base.es").id,
                "city": "Oaxaca de Juárez",
            }
        )
        _migration().match_contacts(self.env)
        oaxaca = self.env.ref("movimientos_sociales.res_city_mx_oax_067")
        self.assertRecordValues(
            by_city | by_zip | other_state | abroad,
            [
                {
                    "city_id": oaxaca.id,
                    "city": "oaxaca de juarez",
                    "state_id": self.state_oax.id,
                },
                {"city_id": oaxaca.id, "city": "Centro", "state_id": self.state_oax.id},
                {"city_id": False, "city": False, "state_id": self.state_chis.id},
                {"city_id": False, "city": "Oaxaca de Juárez", "state_id": False},
            ],
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

    def test_catalog_changed_by_the_administrador_only(self):
        """Operador and Coordinador may edit contacts, hence Odoo's cities and
        postal codes; Mexico's are the commission's reference, changed by the
        Administrador only. Other countries' stay theirs."""
        oaxaca = self.env.ref("movimientos_sociales.res_city_mx_oax_067")
        zip_68000 = oaxaca.zip_ids.filtered(lambda code: code.name == "68000")
        for user in (self.user_operator, self.user_coordinator):
            City, Zip = self.env["res.city"].with_user(user), self.env["res.city.zip"]
            Zip = Zip.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(City.browse(oaxaca.id).name, "Oaxaca de Juárez")
                city, code = City.browse(oaxaca.id), Zip.browse(zip_68000.id)
                new_city = {
                    "name": "Nuevo",
                    "country_id": self.mx.id,
                    "state_id": self.state_oax.id,
                }
                for attempt, *args in (
                    (city.write, {"state_id": self.state_chis.id}),
                    (city.unlink,),
                    (City.create, new_city),
                    (code.unlink,),
                    (code.write, {"name": "68999"}),
                    (Zip.create, {"name": "68999", "city_id": oaxaca.id}),
                ):
                    with self.assertRaises(AccessError):
                        attempt(*args)
        madrid = (
            self.env["res.city"]
            .with_user(self.user_operator)
            .create({"name": "Madrid", "country_id": self.env.ref("base.es").id})
        )
        madrid.name = "Madrid (capital)"
        manager = self.env["res.city"].with_user(self.user_manager)
        manager.browse(oaxaca.id).zipcode = "68000"
        self.assertEqual(oaxaca.zipcode, "68000")
