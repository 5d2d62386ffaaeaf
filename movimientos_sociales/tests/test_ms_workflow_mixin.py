import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_security")
class TestMsWorkflowMixin(MsCase):
    """Decision fields (state, approval, validation, block and retention dates,
    consent history) change only through the transition methods, on every
    model and through every write path a client has."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement("Unión de Pueblos")
        cls.cadre = cls._create_cadre("Ramón Cuadro")
        cls.person = cls._create_contact("Rosa Persona", "rosa@example.mx")
        cls.authority = cls._create_authority("Ayuntamiento de Oaxaca")

    def _factories(self):
        """One record of each model that moves through states, and the lowest
        role that may edit it."""
        operator, coordinator = self.user_operator, self.user_coordinator
        kind = self.env.ref("movimientos_sociales.ms_action_kind_march")
        return {
            "ms.cadre.insertion": (
                lambda: self._create_insertion(self.cadre, self.movement),
                operator,
            ),
            "ms.movement.evaluation": (
                lambda: self._create_evaluation(self.movement, score=3),
                operator,
            ),
            "ms.conference": (lambda: self._create_conference(), operator),
            "ms.session": (lambda: self._create_session(), operator),
            "ms.agreement": (lambda: self._create_agreement(), operator),
            "ms.alliance": (
                lambda: self._create_alliance("Frente", self.movement),
                operator,
            ),
            "ms.experience": (
                lambda: self.env["ms.experience"].create({"name": "Cooperativa"}),
                operator,
            ),
            "ms.proposal": (
                lambda: self.env["ms.proposal"].create(
                    {"name": "Agua", "authority_id": self.authority.id}
                ),
                operator,
            ),
            "ms.action": (
                lambda: self._create_action(kind_id=kind.id),
                operator,
            ),
            "ms.demand": (lambda: self._create_demand(self.person), operator),
            "ms.consent": (lambda: self._create_consent(self.person), operator),
            "ms.arco.request": (
                lambda: self._create_arco(self.person, "cancellation"),
                coordinator,
            ),
        }

    @staticmethod
    def _other_value(record, name):
        """A value of field `name` different from the one `record` has."""
        field = record._fields[name]
        if field.type == "selection":
            values = [key for key, _label in field._description_selection(record.env)]
            return next(value for value in values if value != record[name])
        if field.type == "date":
            return date(2000, 1, 1)
        if field.type == "binary":
            return base64.b64encode(b"=HYPERLINK(1)")
        if field.type == "many2one":
            return (
                record.env[field.comodel_name]
                .search([("id", "!=", record[name].id)], limit=1)
                .id
            )
        return "x"

    def test_every_state_model_is_guarded(self):
        """Every ms.* model with a state has `state` among its decision fields,
        and has a case below: a new state field can't slip."""
        mixin = type(self.env["ms.workflow.mixin"])
        stateful = {
            name
            for name in self.env.registry
            if name.startswith("ms.")
            and not self.env[name]._abstract
            and self.env[name]._fields.get("state")
            and self.env[name]._fields["state"].type == "selection"
        }
        guarded = {
            name
            for name in self.env.registry
            if name.startswith("ms.")
            and not self.env[name]._abstract
            and issubclass(type(self.env[name]), mixin)
        }
        self.assertLessEqual(stateful, guarded)
        for name in stateful:
            self.assertIn("state", self.env[name]._ms_decision_fields, name)
        self.assertEqual(guarded, set(self._factories()))

    def test_decision_fields_refused_in_write(self):
        """Each decision field of each model is refused in a plain write, by
        `write` and by the web client's `web_save`, as the lowest role that may
        edit the record."""
        for model, (factory, user) in self._factories().items():
            record = factory()
            for name in record._ms_decision_fields:
                with self.subTest(model=model, field=name):
                    value = self._other_value(record, name)
                    as_user = record.with_user(user)
                    with self.assertRaises(UserError):
                        as_user.write({name: value})
                    with self.assertRaises(UserError):
                        as_user.web_save({name: value}, {})
                    record.invalidate_recordset()
                    self.assertNotEqual(record[name], value)

    def test_decision_fields_refused_in_create(self):
        """A record can't be created already decided (e.g. approved)."""
        for model, (factory, user) in self._factories().items():
            template = factory()
            values = template.copy_data()[0]
            for name in ("state",) if "state" in template._fields else ():
                with self.subTest(model=model, field=name):
                    other = self._other_value(template, name)
                    with self.assertRaises(UserError):
                        self.env[model].with_user(user).create({**values, name: other})

    def test_default_value_and_unchanged_value_accepted(self):
        """A client that sends the default on create, or the current value on
        write, is not refused: nothing is decided."""
        conference = self._create_conference(env=self.env(user=self.user_operator))
        conference.write({"state": "draft", "name": "Conferencia Obrera"})
        self.assertEqual(conference.name, "Conferencia Obrera")
        created = (
            self.env["ms.conference"]
            .with_user(self.user_operator)
            .create(
                {
                    "name": "Otra",
                    "state": "draft",
                    "date_start": conference.date_start,
                    "date_end": conference.date_end,
                }
            )
        )
        self.assertEqual(created.state, "draft")

    # The findings, one by one, as the lowest role that tried them -------------

    def test_operator_cannot_approve_insertion_by_write(self):
        insertion = self._create_insertion(self.cadre, self.movement)
        with self.assertRaises(UserError):
            insertion.with_user(self.user_operator).write({"state": "approved"})
        self.assertEqual(insertion.state, "proposed")

    def test_operator_cannot_validate_evaluation_by_write(self):
        evaluation = self._create_evaluation(self.movement, score=4)
        with self.assertRaises(UserError):
            evaluation.with_user(self.user_operator).write({"state": "validated"})
        self.assertEqual(evaluation.state, "draft")
        self.assertFalse(self.movement.last_evaluation_date)

    def test_operator_cannot_close_conference_by_write(self):
        conference = self._create_conference()
        conference.action_convene()
        conference.action_mark_held()
        with self.assertRaises(UserError):
            conference.with_user(self.user_operator).write({"state": "closed"})
        self.assertEqual(conference.state, "held")

    def test_operator_cannot_put_alliance_in_force_by_write(self):
        alliance = self._create_alliance("Frente Amplio", self.movement, "negotiation")
        with self.assertRaises(UserError):
            alliance.with_user(self.user_operator).write({"state": "in_force"})
        self.assertEqual(alliance.state, "negotiation")

    def test_operator_cannot_approve_minutes_by_write(self):
        session = self._create_session(minutes="<p>Acta</p>")
        session.action_mark_held()
        with self.assertRaises(UserError):
            session.with_user(self.user_operator).write({"state": "approved"})
        self.assertEqual(session.state, "held")

    def test_import_cannot_set_state(self):
        """The import (`load`) writes through create: a decided record is
        refused, nothing is imported."""
        Alliance = self.env["ms.alliance"].with_user(self.user_operator)
        with mute_logger("odoo.sql_db"):
            result = Alliance.load(
                ["name", "date_start", "state"],
                [["Frente Importado", "2025-01-01", "in_force"]],
            )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertFalse(
            self.env["ms.alliance"].search([("name", "=", "Frente Importado")])
        )

    def test_coordinator_cannot_fake_a_block(self):
        """Writing a cancellation to 'blocked' with an old block date is refused,
        so the daily job can't anonymize a person who was never blocked."""
        request = self._create_arco(self.person, "cancellation")
        as_coordinator = request.with_user(self.user_coordinator)
        for values in (
            {"state": "blocked", "date_blocked": "2000-01-01"},
            {"date_blocked": "2000-01-01"},
            {"state": "blocked"},
        ):
            with self.assertRaises(UserError):
                as_coordinator.write(values)
        self.env["ms.arco.request"]._cron_anonymize()
        self.assertEqual(request.state, "received")
        self.assertEqual(self.person.name, "Rosa Persona")
        self.assertTrue(self.person.active)

    def test_coordinator_cannot_switch_person_of_blocked_request(self):
        """Once registered, whose request it is and which right can't change:
        otherwise the anonymization of a blocked request would hit someone else."""
        request = self._create_arco(self.person, "cancellation")
        other = self._create_contact("Otra Persona", "otra@example.mx")
        as_coordinator = request.with_user(self.user_coordinator)
        with self.assertRaises(UserError):
            as_coordinator.write({"partner_id": other.id})
        with self.assertRaises(UserError):
            as_coordinator.write({"request_type": "access"})
        self.assertEqual(request.partner_id, self.person)

    def test_operator_cannot_unrevoke_or_backdate_consent(self):
        consent = self._create_consent(self.person)
        as_operator = consent.with_user(self.user_operator)
        as_operator.action_revoke()
        self.assertFalse(consent.is_valid)
        with self.assertRaises(UserError):
            as_operator.write({"date_revoked": False})
        with self.assertRaises(UserError):
            as_operator.write({"date_given": "2000-01-01"})
        with self.assertRaises(UserError):
            as_operator.write({"purpose": "contact"})
        self.assertFalse(consent.is_valid)
        self.assertEqual(consent.purpose, "mass_communications")

    def test_transitions_still_work_for_their_roles(self):
        """The guard doesn't stand in the way of the buttons."""
        insertion = self._create_insertion(self.cadre, self.movement)
        insertion.with_user(self.user_coordinator).action_approve()
        insertion.with_user(self.user_operator).action_activate()
        self.assertEqual(insertion.state, "active")
        consent = self._create_consent(self.person)
        consent.with_user(self.user_operator).action_revoke(reason="Lo pidió")
        self.assertEqual(consent.state_reason, "Lo pidió")
