from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MsCase


@tagged("post_install", "-at_install", "ms_reason_wizard")
class TestMsReasonWizard(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement("Unión Campesina")
        cls.cadre = cls._create_cadre("Rosa Cuadro")
        cls.other_cadre = cls._create_cadre("Pablo Cuadro")

    def _wizard(self, records, action, reason, user=None):
        """The wizard as the button opens it on `records` for `action`."""
        user = user or self.user_operator
        return (
            self.env["ms.reason.wizard"]
            .with_user(user)
            .with_context(
                active_model=records._name,
                active_ids=records.ids,
                active_id=records[:1].id,
                ms_reason_action=action,
            )
            .create({"reason": reason})
        )

    def test_defaults_from_context(self):
        """The wizard takes model, records and action from the context."""
        insertion = self._create_insertion(self.cadre, self.movement)
        wizard = self._wizard(insertion, "action_cancel", "Why")
        self.assertEqual(wizard.res_model, "ms.cadre.insertion")
        self.assertEqual(wizard.res_ids, insertion.ids)
        self.assertEqual(wizard.action, "action_cancel")

    def test_cancel_with_reason(self):
        """Confirming cancels the insertions and keeps the reason."""
        insertions = self._create_insertion(
            self.cadre, self.movement
        ) | self._create_insertion(self.other_cadre, self.movement, "approved")
        wizard = self._wizard(insertions, "action_cancel", "The assembly declined.")
        result = wizard.action_confirm()
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertEqual(insertions.mapped("state"), ["cancelled", "cancelled"])
        self.assertEqual(
            insertions.mapped("state_reason"),
            ["The assembly declined.", "The assembly declined."],
        )

    def test_conclude_with_reason(self):
        """Confirming concludes an active insertion and keeps the reason."""
        insertion = self._create_insertion(
            self.cadre, self.movement, "active", start_date=date(2025, 1, 1)
        )
        self._wizard(
            insertion, "action_conclude", "Mission accomplished"
        ).action_confirm()
        self.assertEqual(insertion.state, "done")
        self.assertEqual(insertion.state_reason, "Mission accomplished")
        self.assertTrue(insertion.end_date)

    def test_blank_reason_refused(self):
        """A blank reason is refused and the insertion is unchanged."""
        insertion = self._create_insertion(self.cadre, self.movement)
        with self.assertRaises(UserError):
            self._wizard(insertion, "action_cancel", "   ").action_confirm()
        self.assertEqual(insertion.state, "proposed")
        self.assertFalse(insertion.state_reason)

    def test_only_listed_actions(self):
        """Only the methods a model lists in _ms_reason_actions can be run, even
        by a coordinator who could run the others directly."""
        insertion = self._create_insertion(self.cadre, self.movement)
        for action in (
            "unlink",
            "action_approve",
            "action_activate",
            "write",
            "_ms_check_reason",
            "does_not_exist",
        ):
            with self.subTest(action=action):
                wizard = self._wizard(
                    insertion, action, "Because", user=self.user_coordinator
                )
                with self.assertRaises(UserError):
                    wizard.action_confirm()
                self.assertTrue(insertion.exists())
                self.assertEqual(insertion.state, "proposed")
                self.assertFalse(insertion.state_reason)

    def test_unknown_model_refused(self):
        """An unknown model, or one without reason actions, is refused."""
        insertion = self._create_insertion(self.cadre, self.movement)
        wizard = self._wizard(insertion, "action_cancel", "Because")
        wizard.res_model = "no.such.model"
        with self.assertRaises(UserError):
            wizard.action_confirm()
        wizard.res_model = "res.partner"  # has no _ms_reason_actions
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(insertion.state, "proposed")
