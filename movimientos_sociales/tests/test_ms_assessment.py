from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_assessment")
class TestMsAssessment(MsCase):
    """Assessments of organizations and people on the configurable scale:
    history, current level and when it changed, one-click assessing as the
    user (rights and scopes), no mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.ally = ref("movimientos_sociales.ms_assessment_level_1")
        cls.sympathetic = ref("movimientos_sociales.ms_assessment_level_2")
        cls.neutral = ref("movimientos_sociales.ms_assessment_level_3")
        cls.opposed = ref("movimientos_sociales.ms_assessment_level_5")
        cls.org_oax = cls._create_movement(
            "Unión Campesina de Oaxaca",
            ms_sector_ids=[Command.set(cls.sector_peasants.ids)],
        )
        cls.org_chis = cls._create_movement(
            "Frente Obrero de Chiapas",
            state_id=cls.state_chis.id,
            ms_sector_ids=[Command.set(cls.sector_workers.ids)],
        )
        cls.leader = cls._create_contact(
            "Margarita Líder",
            sectors=cls.sector_peasants,
            parent_id=cls.org_oax.partner_id.id,
        )
        cls.operator_oax = cls._create_scoped_user(
            "ms_operator_oax_assess",
            "movimientos_sociales.group_ms_user",
            "Omar Operador Oaxaca",
            states=cls.state_oax,
        )

    def _assess(self, record, level, date, env=None):
        env = env or record.env
        field = "movement_id" if record._name == "ms.movement" else "partner_id"
        return env["ms.assessment"].create(
            {field: record.id, "level_id": level.id, "date": date}
        )

    def test_scale_seeded(self):
        """Five levels, 1 (committed ally) to 5 (opposed), in order."""
        levels = self.env["ms.assessment.level"].search([])
        self.assertEqual(levels[:5].mapped("value"), [1, 2, 3, 4, 5])
        self.assertEqual(levels[0].name, "Committed Ally")
        self.assertEqual(levels[4].name, "Opposed")

    @users("ms_operator")
    def test_history_and_current_level(self):
        """The latest assessment (by date) gives the current level; its date is
        when the level last changed; a Coordinador deleting assessments brings
        the level back."""
        org = self.org_oax.with_env(self.env)
        first = self._assess(org, self.neutral, datetime(2026, 1, 10, 12))
        second = self._assess(org, self.ally, datetime(2026, 2, 10, 12))
        self._assess(org, self.ally, datetime(2026, 3, 10, 12))
        # an older assessment recorded later doesn't change the current level
        self._assess(org, self.opposed, datetime(2025, 12, 1, 12))
        self.assertEqual(org.ms_assessment_level_id, self.ally)
        self.assertEqual(org.ms_assessment_date, datetime(2026, 2, 10, 12))
        self.assertEqual(org.ms_assessment_count, 4)
        # newest first
        self.assertEqual(
            [assessment.level_id.value for assessment in org.ms_assessment_ids],
            [1, 1, 3, 5],
        )
        self.assertEqual(first.user_id, self.env.user)
        # Operador neither edits nor deletes the history
        with self.assertRaises(UserError):
            second.note = "Otra opinión"
        with self.assertRaises(AccessError):
            second.unlink()
        # a Coordinador deletes a mistaken assessment
        (org.ms_assessment_ids - first).filtered(
            lambda a: a.level_id == self.ally
        ).with_user(self.user_coordinator).unlink()
        self.assertEqual(org.ms_assessment_level_id, self.neutral)
        self.assertEqual(org.ms_assessment_date, datetime(2026, 1, 10, 12))
        self.assertEqual(
            self.env["ms.movement"].search(
                [
                    ("id", "in", (self.org_oax | self.org_chis).ids),
                    ("ms_assessment_level_id", "=", self.neutral.id),
                ]
            ),
            org,
        )

    def test_nobody_edits_an_assessment(self):
        assessment = self._assess(self.org_oax, self.ally, datetime(2026, 1, 1))
        for user in (self.user_coordinator, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                assessment.with_user(user).write({"level_id": self.opposed.id})

    @users("ms_operator")
    def test_one_click_as_operator(self):
        """action_ms_assess records who assessed (whatever the call says), now,
        the level and the note, on an organization and on a person."""
        org = self.org_oax.with_env(self.env)
        self.assertTrue(org.action_ms_assess(self.sympathetic.id, note="Buena fe"))
        assessment = org.ms_assessment_ids
        self.assertEqual(len(assessment), 1)
        self.assertEqual(assessment.level_id, self.sympathetic)
        self.assertEqual(assessment.note, "Buena fe")
        self.assertEqual(assessment.user_id, self.user_operator)
        self.assertEqual(org.ms_assessment_level_id, self.sympathetic)
        self.assertEqual(org.ms_assessment_date, assessment.date)

        leader = self.leader.with_env(self.env)
        leader.action_ms_assess(self.ally.id)
        self.assertEqual(leader.ms_assessment_level_id, self.ally)
        self.assertEqual(leader.ms_assessment_ids.user_id, self.user_operator)
        # "who" can't be forged
        forged = self.env["ms.assessment"].create(
            {
                "movement_id": org.id,
                "level_id": self.neutral.id,
                "user_id": self.user_manager.id,
            }
        )
        self.assertEqual(forged.user_id, self.user_operator)

    @users("ms_operator")
    def test_invalid_levels_and_subjects(self):
        org = self.org_oax.with_env(self.env)
        for level_id in (0, 999999, "3", None, True):
            with (
                self.subTest(level_id=level_id),
                self.assertRaisesRegex(UserError, "Choose a level"),
            ):
                org.action_ms_assess(level_id)
        archived = (
            self.env["ms.assessment.level"]
            .sudo()
            .create({"name": "Old level", "value": 9, "active": False})
        )
        Assessment = self.env["ms.assessment"]
        refused = [
            ("archived", lambda: org.action_ms_assess(archived.id)),
            ("is a company", lambda: org.partner_id.action_ms_assess(self.ally.id)),
            ("exactly one", lambda: Assessment.create({"level_id": self.ally.id})),
            (
                "exactly one",
                lambda: Assessment.create(
                    {
                        "movement_id": org.id,
                        "partner_id": self.leader.id,
                        "level_id": self.ally.id,
                    }
                ),
            ),
            ("future", lambda: self._assess(org, self.ally, datetime(2100, 1, 1))),
        ]
        for message, func in refused:
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                func()
        org.invalidate_recordset()
        self.assertFalse(org.ms_assessment_ids)

    def test_spanish_message(self):
        """The refusals are translatable (the caller's language)."""
        with self._patch_translations(
            "es_MX",
            {"Choose a level of the assessment scale.": "Elige un nivel."},
        ):
            org = self.org_oax.with_user(self.user_operator).with_context(lang="es_MX")
            with self.assertRaisesRegex(UserError, "Elige un nivel."):
                org.action_ms_assess(0)

    def test_scope(self):
        """A scoped Operador assesses the organizations and people of their
        scope only, and sees only their assessments."""
        operator = self.operator_oax
        self.org_oax.with_user(operator).action_ms_assess(self.ally.id)
        self.leader.with_user(operator).action_ms_assess(self.ally.id)
        with self.assertRaises(AccessError):
            self.org_chis.with_user(operator).action_ms_assess(self.ally.id)
        self.assertFalse(self.org_chis.ms_assessment_ids)
        # a person nobody recorded, of another state: assessed, they would be
        # recorded by the commission out of the user's scope
        stranger = self.env["res.partner"].create(
            {"name": "Persona de Chiapas", "state_id": self.state_chis.id}
        )
        with self.assertRaises(AccessError):
            stranger.with_user(operator).action_ms_assess(self.ally.id)
        self.assertFalse(stranger.ms_assessment_ids)
        # what they see
        self._assess(self.org_chis, self.opposed, datetime(2026, 1, 1))
        chis_person = self._create_contact(
            "Pedro Obrero",
            sectors=self.sector_workers,
            parent_id=self.org_chis.partner_id.id,
        )
        self._assess(chis_person, self.neutral, datetime(2026, 1, 1))
        mine = [
            "|",
            ("movement_id", "in", (self.org_oax | self.org_chis).ids),
            ("partner_id", "in", (self.leader | chis_person).ids),
        ]
        visible = self.env["ms.assessment"].with_user(operator).search(mine)
        self.assertEqual(
            visible, self.org_oax.ms_assessment_ids | self.leader.ms_assessment_ids
        )
        self.assertEqual(
            self.env["ms.assessment"].with_user(self.user_reader).search_count(mine),
            4,
        )

    def test_reader_cannot_assess(self):
        self._assess(self.org_oax, self.ally, datetime(2026, 1, 1))
        org = self.org_oax.with_user(self.user_reader)
        with self.assertRaises(AccessError):
            org.action_ms_assess(self.opposed.id)
        with self.assertRaises(AccessError):
            self.leader.with_user(self.user_reader).action_ms_assess(self.ally.id)
        # reads the history and the current level
        self.assertEqual(org.ms_assessment_level_id, self.ally)
        self.assertEqual(len(org.ms_assessment_ids), 1)
        self.assertEqual(self.org_oax.ms_assessment_level_id, self.ally)

    def test_employee_outside_commission_reads_nothing(self):
        """Assessments are political data: an employee outside the commission
        reads neither them, nor the scale, nor a person's current level."""
        self._assess(self.leader, self.opposed, datetime(2026, 1, 1))
        employee = self.user_employee
        with self.assertRaises(AccessError):
            self.env["ms.assessment"].with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.env["ms.assessment.level"].with_user(employee).search([])
        leader = self.leader.with_user(employee)
        self.assertEqual(leader.name, "Margarita Líder")
        for fname in ("ms_assessment_level_id", "ms_assessment_ids"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                leader.read([fname])
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(employee).search(
                [("ms_assessment_level_id", "!=", False)]
            )

    def test_assessing_sends_no_mail(self):
        """With tracking on, assessing records the level's change on the
        organization's chatter, and mails nobody (followers included)."""
        env = self.env(context=dict(self.env.context, tracking_disable=False))
        org = self.org_oax.with_env(env)
        self.env.flush_all()
        self.env.cr.flush()
        follower = self._create_contact("Seguidora Externa", "seguidora@example.mx")
        org.message_subscribe(
            partner_ids=(follower | self.user_coordinator.partner_id).ids
        )
        mails = self.env["mail.mail"].search_count([])
        messages = org.message_ids
        org.with_user(self.user_operator).action_ms_assess(self.ally.id)
        org.with_user(self.user_operator).action_ms_assess(self.opposed.id, "Rompió")
        self.leader.with_user(self.user_operator).action_ms_assess(self.neutral.id)
        env.flush_all()
        env.cr.flush()  # runs the tracking precommit
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        org.invalidate_recordset()
        new = org.message_ids - messages
        self.assertTrue(new)
        self.assertFalse(
            new.notification_ids.filtered(lambda n: n.notification_type == "email")
        )
        self.assertIn(
            "ms_assessment_level_id",
            new.tracking_value_ids.field_id.mapped("name"),
        )

    def test_views_and_graph(self):
        """A reader opens the history (list, graph, form, search) and the
        organization's and person's forms; the graph averages the level value
        by day."""
        self._assess(self.org_oax, self.neutral, datetime(2026, 1, 10, 12))
        self._assess(self.org_oax, self.ally, datetime(2026, 1, 10, 15))
        self._assess(self.org_oax, self.ally, datetime(2026, 2, 10, 12))
        Assessment = self.env["ms.assessment"].with_user(self.user_reader)
        views = Assessment.get_views(
            [(False, "list"), (False, "graph"), (False, "form"), (False, "search")]
        )
        self.assertEqual(set(views["views"]), {"list", "graph", "form", "search"})
        action = self.org_oax.with_user(self.user_reader).action_ms_view_assessments()
        groups = Assessment.formatted_read_group(
            action["domain"], ["date:day"], ["level_value:avg"]
        )
        self.assertEqual([group["level_value:avg"] for group in groups], [2.0, 1.0])
        for model in ("ms.movement", "res.partner"):
            with self.subTest(model=model):
                arch = (
                    self.env[model]
                    .with_user(self.user_reader)
                    .get_views([(False, "form"), (False, "list"), (False, "search")])[
                        "views"
                    ]["form"]["arch"]
                )
                self.assertIn('name="ms_assessment_level_id"', arch)
        partner_arch = (
            self.env["res.partner"]
            .with_user(self.user_employee)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn('name="ms_assessment', partner_arch)


@tagged("post_install", "-at_install", "ms_assessment")
class TestMsAssessmentLevelFields(MsCase):
    @users("ms_operator")
    def test_current_level_follows_the_assessments_only(self):
        """The current level can't be written by hand, on an organization or
        on a person: it is the latest assessment's."""
        movement = self._create_movement("Colectivo Valorado", env=self.env)
        level = self.env.ref("movimientos_sociales.ms_assessment_level_5")
        for record in (movement, movement.partner_id):
            with self.subTest(model=record._name), self.assertRaises(UserError):
                record.write({"ms_assessment_level_id": level.id})
        self.assertFalse(movement.ms_assessment_level_id)
