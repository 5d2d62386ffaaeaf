import json
from datetime import date

from odoo import models
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged, users
from odoo.tools import mute_logger

from .common import MsCase, po_catalog

BAD_DATE = "“%(field)s”: “%(value)s” is not a valid date (expected YYYY-MM-DD)."
BAD_DATETIME = (
    "“%(field)s”: “%(value)s” is not a valid date and time (expected "
    "YYYY-MM-DD HH:MM:SS, in UTC)."
)
BAD_SELECTION = (
    "“%(field)s”: “%(value)s” is not one of its possible values (%(values)s)."
)
BAD_NUMBER = "“%(field)s”: “%(value)s” is not a valid number."
ACRONYM_TAKEN = "Another organization already has this acronym."
NEGATIVE_REACH = "The estimated reach cannot be negative."


def spanish(source, **values):
    """What a user in es_MX reads for `source`: es_MX.po's Spanish, else es.po's."""
    text = po_catalog("es_MX").get(source) or po_catalog("es")[source]
    return text % values if values else text


class MsRpcCase(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ucez = cls._create_movement("Unión Campesina Emiliano Zapata", code="TUCEZ")
        cls.fza = cls._create_movement("Frente Zapatista de Artesanos", code="TFZA")
        cls.march = cls._create_action()
        cls.requester = cls._create_contact("Rosa Pérez Cruz")


@tagged("post_install", "-at_install", "ms_i18n", "ms_rpc")
class TestMsRpcErrors(MsRpcCase):
    """The Python twins of the table constraints, and the check of the values
    sent, refuse bad input in the caller's language before the database does
    (whose refusal Odoo reports over RPC without the caller's context, in
    English)."""

    def _spanish_env(self):
        return self.env(context=dict(self.env.context, lang="es_MX"))

    def _assert_refused(self, message, func):
        """`func` raises a ValidationError reading `message`; what it wrote in
        the cache is rolled back, as the transaction of an RPC call is."""
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            func()
        self.assertEqual(caught.exception.args[0], message)

    def test_every_table_constraint_has_its_twin(self):
        """Each constraint and unique index of the addon's models has its Python
        twin `_check_<name>`, which also runs before the INSERT."""
        for model_name, model_cls in self.env.registry.items():
            if not model_name.startswith("ms."):
                continue
            for cons in model_cls._table_objects.values():
                if not isinstance(cons, models.Constraint | models.UniqueIndex):
                    continue
                with self.subTest(model=model_name, constraint=cons.name):
                    check = getattr(model_cls, f"_check_{cons.name}", None)
                    self.assertTrue(getattr(check, "_constrains", None))

    @users("ms_operator")
    def test_duplicate_acronym(self):
        """Another organization's acronym is refused in Spanish at create (before
        the INSERT: nothing is written, the transaction stays usable) and at
        write, an archived organization's too, and two new organizations with
        the same acronym in one call."""
        Movement = self._spanish_env()["ms.movement"]
        message = spanish(ACRONYM_TAKEN)
        with self.assertRaises(ValidationError) as caught:
            Movement.create(self._movement_vals("Otra UCEZ", code="TUCEZ"))
        self.assertEqual(caught.exception.args[0], message)
        self.assertFalse(Movement.search([("name", "=", "Otra UCEZ")]))

        fza = Movement.browse(self.fza.id)
        self._assert_refused(message, lambda: fza.write({"code": "TUCEZ"}))
        self.assertEqual(fza.code, "TFZA")

        self.ucez.sudo().action_archive()
        self._assert_refused(
            message, lambda: Movement.create(self._movement_vals("X", code="TUCEZ"))
        )
        self._assert_refused(
            message,
            lambda: Movement.create(
                [
                    self._movement_vals("Colectivo Uno", code="TCOL"),
                    self._movement_vals("Colectivo Dos", code="TCOL"),
                ]
            ),
        )
        self.assertFalse(Movement.search([("code", "=", "TCOL")]))
        # organizations without an acronym are many
        Movement.create(
            [
                self._movement_vals("Sin siglas A", code=False),
                self._movement_vals("Sin siglas B", code=False),
            ]
        )

    @users("ms_operator")
    def test_duplicates_in_spanish(self):
        """Every unique constraint an Operador can hit is refused in Spanish."""
        env = self._spanish_env()
        partner = self._create_contact("Ana Ruiz Gómez")
        env["ms.cadre"].create({"partner_id": partner.id})
        foreign = self._create_foreign_org("Movimento Sem Terra")
        env["ms.international.relation"].create({"partner_id": foreign.id})
        conference = self._create_conference()
        self._add_participants(conference, partner)
        evaluation = self._create_evaluation(self.fza, env=env)
        line = evaluation.line_ids[0]
        alliance = self._create_alliance("Frente Costero", self.fza)
        cases = [
            (
                "ms.movement",
                {"name": "Otra ficha", "partner_id": self.ucez.partner_id.id},
                "This contact already has an organization file.",
            ),
            (
                "ms.cadre",
                {"partner_id": partner.id},
                "This person is already registered as a cadre.",
            ),
            (
                "ms.international.relation",
                {"partner_id": foreign.id},
                "There is already a relation with this organization.",
            ),
            (
                "ms.conference.participant",
                {"conference_id": conference.id, "partner_id": partner.id},
                "This person is already a participant of the conference.",
            ),
            (
                "ms.movement.evaluation.line",
                {"evaluation_id": evaluation.id, "indicator_id": line.indicator_id.id},
                "Each indicator is scored once per evaluation.",
            ),
            (
                "ms.alliance.member",
                {"alliance_id": alliance.id, "movement_id": self.fza.id},
                "This organization is already an active member of the alliance.",
            ),
        ]
        for model, vals, source in cases:
            with self.subTest(model=model):
                Model = env[model].sudo().with_context(active_test=False)
                count = Model.search_count([])
                with self.assertRaises(ValidationError) as caught:
                    env[model].create(vals)
                self.assertEqual(caught.exception.args[0], spanish(source))
                self.assertEqual(Model.search_count([]), count)

    @users("ms_operator")
    def test_checks_in_spanish(self):
        """Negative numbers and dates in the wrong order are refused in Spanish,
        at create and at write."""
        env = self._spanish_env()
        impact = env["ms.media.impact"].create(
            {"action_id": self.march.id, "outlet": "El Imparcial", "reach": 100}
        )
        self._assert_refused(
            spanish(NEGATIVE_REACH),
            lambda: env["ms.media.impact"].create(
                {"action_id": self.march.id, "outlet": "Radio", "reach": -1}
            ),
        )
        self._assert_refused(
            spanish(NEGATIVE_REACH), lambda: impact.write({"reach": -5})
        )
        self.assertEqual(impact.reach, 100)

        demand = self._create_demand(self.requester, env=env)
        self._assert_refused(
            spanish("The number of beneficiaries cannot be negative."),
            lambda: demand.write({"beneficiaries": -3}),
        )
        self._assert_refused(
            spanish("The authority cannot answer before the demand was filed."),
            lambda: demand.write(
                {"filing_date": date(2026, 3, 2), "response_date": date(2026, 3, 1)}
            ),
        )
        alliance = self._create_alliance("Bloque Popular")
        self._assert_refused(
            spanish("A member cannot leave an alliance before joining it."),
            lambda: env["ms.alliance.member"].create(
                {
                    "alliance_id": alliance.id,
                    "movement_id": self.ucez.id,
                    "date_joined": "2025-02-01",
                    "date_left": "2025-01-01",
                }
            ),
        )
        self._assert_refused(
            spanish("An experience cannot end before it starts."),
            lambda: env["ms.experience"].create(
                {
                    "name": "La toma de tierras",
                    "date_from": "2025-02-01",
                    "date_to": "2025-01-01",
                }
            ),
        )

    @users("ms_manager")
    def test_configuration_in_spanish(self):
        """The configuration the Administrador keeps: codes, weights, versions."""
        env = self._spanish_env()
        self._create_sector("Pescadores", "TPES", env=env).action_archive()
        cases = [
            (
                lambda: self._create_sector("Pesca", "TPES", env=env),
                "The code of a sector must be unique.",
            ),
            (
                lambda: env["ms.strategy"].create(
                    {"name": "Otra", "code": "autogestion"}
                ),
                "The code of a strategy must be unique.",
            ),
            (
                lambda: env["ms.evaluation.indicator"].create(
                    {"name": "Alegría", "weight": 0}
                ),
                "The weight of an indicator must be positive.",
            ),
        ]
        notice = self._create_notice("T-RPC-1", env=env)
        cases.append(
            (
                lambda: self._create_notice("T-RPC-1", env=env),
                "This version of the privacy notice already exists.",
            )
        )
        for func, source in cases:
            with self.subTest(source=source):
                self._assert_refused(spanish(source), func)
        # the same version of the other kind of notice is another notice
        self._create_notice(notice.version, kind="simplified", env=env)

    @users("ms_operator")
    @mute_logger("odoo.sql_db")
    def test_malformed_values(self):
        """A date, a date and time, a choice or a number the field can't read
        is refused in Spanish, naming the field and what it expects; nothing is
        written."""
        env = self._spanish_env()
        demand = self._create_demand(self.requester, env=env)
        impact_vals = {"action_id": self.march.id, "outlet": "Radio"}
        cases = [
            (
                lambda: demand.write({"filing_date": "2026-13-45"}),
                spanish(BAD_DATE, field=spanish("Filing Date"), value="2026-13-45"),
            ),
            (
                lambda: self._create_demand(
                    self.requester, env=env, filing_date="not a date"
                ),
                spanish(BAD_DATE, field=spanish("Filing Date"), value="not a date"),
            ),
            (
                lambda: demand.write({"deadline": 20260301}),
                spanish(BAD_DATE, field=spanish("Response Deadline"), value=20260301),
            ),
            (
                lambda: env["ms.action"]
                .browse(self.march.id)
                .write({"date_start": "2026-12-01T25:00"}),
                spanish(BAD_DATETIME, field=spanish("Start"), value="2026-12-01T25:00"),
            ),
            (
                lambda: env["ms.media.impact"].create({**impact_vals, "medium": "fax"}),
                spanish(
                    BAD_SELECTION,
                    field=spanish("Medium"),
                    value="fax",
                    values="Prensa, Radio, TV, Medios digitales, Redes sociales",
                ),
            ),
            (
                lambda: env["ms.media.impact"].create({**impact_vals, "reach": "mil"}),
                spanish(BAD_NUMBER, field=spanish("Estimated Reach"), value="mil"),
            ),
        ]
        demands = env["ms.demand"].search_count([])
        for func, message in cases:
            with self.subTest(message=message):
                self._assert_refused(message, func)
        self.assertEqual(env["ms.demand"].search_count([]), demands)
        self.assertFalse(demand.filing_date)
        self.assertFalse(env["ms.media.impact"].search([("outlet", "=", "Radio")]))
        # what the ORM reads is still accepted
        demand.write({"filing_date": "2026-03-02", "deadline": date(2026, 4, 1)})
        env["ms.action"].browse(self.march.id).date_start = "2025-03-08 15:30:00"


@tagged("post_install", "-at_install", "ms_i18n", "ms_rpc")
class TestMsJsonRpcErrors(HttpCase, MsRpcCase):
    """A client of /jsonrpc (execute_kw with the context lang es_MX), logged in
    as an Operador, reads Spanish errors and creates nothing."""

    PASSWORD = "Operador-RPC-2026"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_rpc = cls._create_user(
            "ms_rpc_operator",
            "movimientos_sociales.group_ms_user",
            "Raúl Remoto",
            password=cls.PASSWORD,
        )

    def _execute_kw(self, model, method, *args):
        """The error message of the call, or its result."""
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.user_rpc.id,
                    self.PASSWORD,
                    model,
                    method,
                    list(args),
                    {"context": {"lang": "es_MX"}},
                ],
            },
        }
        with mute_logger("odoo.http", "odoo.sql_db"):
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(body),
                headers={"Content-Type": "application/json"},
            )
        response.raise_for_status()
        result = response.json()
        if "error" in result:
            data = result["error"]["data"]
            self.assertEqual(data["name"], "odoo.exceptions.ValidationError")
            return data["message"]
        return result["result"]

    def test_duplicate_acronym(self):
        vals = self._movement_vals("La otra UCEZ", code="TUCEZ")
        self.assertEqual(
            self._execute_kw("ms.movement", "create", vals), spanish(ACRONYM_TAKEN)
        )
        self.assertFalse(self.env["ms.movement"].search([("name", "=", vals["name"])]))
        self.assertEqual(
            self._execute_kw("ms.movement", "write", self.fza.ids, {"code": "TUCEZ"}),
            spanish(ACRONYM_TAKEN),
        )
        self.fza.invalidate_recordset()
        self.assertEqual(self.fza.code, "TFZA")

    def test_import_over_rpc(self):
        """load(), as any import client calls it: places read as people write
        them; a row that can't be placed is named in Spanish and nothing is
        imported."""
        fields = ["name", "country_id", "state_id", "city_id"]
        result = self._execute_kw(
            "res.partner",
            "load",
            fields,
            [["Rita Remota", "México", "CDMX", "coyoacan"]],
        )
        self.assertFalse(result["messages"], result)
        self.assertEqual(
            self.env["res.partner"].browse(result["ids"]).city_id.name, "Coyoacán"
        )
        rows = [
            ["Rosa Remota", "México", "Oaxaca", "Oaxaca de Juárez"],
            ["Rubén Remoto", "México", "Oaxaca", "Tapachula"],
        ]
        result = self._execute_kw("res.partner", "load", fields, rows)
        self.assertFalse(result["ids"])
        self.assertEqual(
            [message["message"] for message in result["messages"]],
            ["Fila 2: «Tapachula» no es un municipio de Oaxaca."],
        )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Rosa Remota")]))

    def test_negative_number(self):
        vals = {"action_id": self.march.id, "outlet": "Canal 9", "reach": -10}
        self.assertEqual(
            self._execute_kw("ms.media.impact", "create", vals), spanish(NEGATIVE_REACH)
        )
        self.assertFalse(
            self.env["ms.media.impact"].search([("outlet", "=", "Canal 9")])
        )

    def test_malformed_date(self):
        category = self.env.ref("movimientos_sociales.ms_demand_category_water")
        vals = {
            "requester_id": self.requester.id,
            "state_id": self.state_oax.id,
            "category_id": category.id,
            "description": "<p>Pozo para la colonia.</p>",
            "filing_date": "2026-13-45",
        }
        count = self.env["ms.demand"].search_count([])
        self.assertEqual(
            self._execute_kw("ms.demand", "create", vals),
            spanish(BAD_DATE, field=spanish("Filing Date"), value="2026-13-45"),
        )
        self.assertEqual(self.env["ms.demand"].search_count([]), count)
        # the same values with a date it reads are saved
        vals["filing_date"] = "2026-03-02"
        self.assertIsInstance(self._execute_kw("ms.demand", "create", vals), int)
        self.assertEqual(self.env["ms.demand"].search_count([]), count + 1)


@tagged("post_install", "-at_install", "ms_rpc_errors")
class TestMsRequiredValues(MsCase):
    def test_missing_required_value_in_the_callers_language(self):
        """A required value left out is refused before the INSERT, in the
        caller's language (PostgreSQL's NOT NULL would answer in English
        after the call), and nothing is saved."""
        Sector = self.env["ms.sector"].with_user(self.user_manager)
        count = Sector.search_count([])
        with self.assertRaises(ValidationError) as caught:
            Sector.with_context(lang="en_US").create({"name": "Sin código"})
        self.assertEqual(str(caught.exception), "“Code” is required.")
        with self.assertRaises(ValidationError) as caught:
            Sector.with_context(lang="es_MX").create({"name": "Sin código"})
        self.assertEqual(str(caught.exception), "«Código» es obligatorio.")
        self.assertEqual(Sector.search_count([]), count)

    def test_values_the_column_or_the_code_cannot_take(self):
        """A timezone that doesn't exist (it would break the acta), an integer
        beyond PostgreSQL's, an infinite weight, year 9999, a required value
        emptied by a write: Spanish refusals, nothing saved."""
        env = self.env(context=dict(self.env.context, lang="es_MX"))
        operator = env["ms.session"].with_user(self.user_operator)
        start = self.now_plus(days=3)
        base = {"name": "Sesión", "date_start": start, "date_end": start}
        for vals in (
            {"date_tz": "Mars/Olympus"},
            {"date_start": "9999-12-28 10:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                operator.create({**base, **vals})
        requester = self._create_contact("Solicitante RPC", "sol.rpc@example.mx")
        demand = self._create_demand(requester, env=env)
        for vals in ({"beneficiaries": 2**31}, {"requester_id": False}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as caught:
                demand.with_user(self.user_operator).write(vals)
            self.assertNotIn("value", str(caught.exception).lower())
        self.assertTrue(demand.requester_id)
        with self.assertRaises(ValidationError):
            env["ms.evaluation.indicator"].with_user(self.user_manager).create(
                {"name": "Infinito", "weight": float("inf")}
            )
        with self.assertRaises(ValidationError):
            demand.subject = "x" * 201
