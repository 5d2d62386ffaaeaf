from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_proposal")
class TestMsProposal(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.authority = cls._create_authority("Comisión Estatal del Agua")

    @classmethod
    def _create_proposal(cls, name="Agua para Todos", state="draft", env=None, **vals):
        """A proposal brought to `state` through its lifecycle actions, run by
        the coordinator."""
        env = env or cls.env
        proposal = env["ms.proposal"].create(
            {"name": name, "authority_id": cls.authority.id, **vals}
        )
        as_coordinator = proposal.with_user(cls.user_coordinator)
        if state in ("consultation", "approved", "presented", "attended", "rejected"):
            as_coordinator.action_consult()
        if state in ("approved", "presented", "attended", "rejected"):
            as_coordinator.action_approve()
        if state in ("presented", "attended", "rejected"):
            as_coordinator.action_present()
        if state == "attended":
            as_coordinator.action_attended()
        if state == "rejected":
            as_coordinator.action_reject(reason="Out of budget.")
        return proposal

    # Lifecycle -------------------------------------------------------------------

    def test_lifecycle_attended(self):
        """Draft, in consultation, approved by a coordinator, presented to the
        authority, attended."""
        proposal = self._create_proposal().with_user(self.user_coordinator)
        self.assertEqual(proposal.state, "draft")
        proposal.action_consult()
        self.assertEqual(proposal.state, "consultation")
        proposal.action_approve()
        self.assertEqual(proposal.state, "approved")
        proposal.action_present()
        self.assertEqual(proposal.state, "presented")
        proposal.action_attended()
        self.assertRecordValues(
            proposal, [{"state": "attended", "state_reason": False}]
        )

    def test_operator_cannot_approve(self):
        """An operator puts a proposal to consultation and presents it, but
        only a coordinator approves it."""
        proposal = self._create_proposal().with_user(self.user_operator)
        proposal.action_consult()
        with self.assertRaises(AccessError):
            proposal.action_approve()
        self.assertEqual(proposal.state, "consultation")
        proposal.with_user(self.user_coordinator).action_approve()
        proposal.action_present()
        self.assertEqual(proposal.state, "presented")

    def test_reject_needs_reason(self):
        """Rejected needs a reason, kept on the record, and only a presented
        proposal can be rejected."""
        proposal = self._create_proposal(state="presented")
        for reason in (None, "", "   "):
            with self.assertRaises(UserError):
                proposal.action_reject(reason=reason)
        self.assertEqual(proposal.state, "presented")
        proposal.action_reject(reason=" The authority has no budget. ")
        self.assertRecordValues(
            proposal,
            [{"state": "rejected", "state_reason": "The authority has no budget."}],
        )
        for state in ("draft", "consultation", "approved", "attended", "rejected"):
            with self.subTest(state=state):
                other = self._create_proposal(state=state)
                with self.assertRaises(UserError):
                    other.action_reject(reason="No.")
                self.assertEqual(other.state, state)

    def test_forbidden_transitions(self):
        """A proposal cannot skip a step nor go back: approving or presenting
        a draft, marking attended an approved one, consulting twice..."""
        forbidden = {
            "draft": ("action_approve", "action_present", "action_attended"),
            "consultation": ("action_consult", "action_present", "action_attended"),
            "approved": ("action_consult", "action_approve", "action_attended"),
            "presented": ("action_consult", "action_approve", "action_present"),
            "attended": (
                "action_consult",
                "action_approve",
                "action_present",
                "action_attended",
            ),
            "rejected": ("action_consult", "action_present", "action_attended"),
        }
        for state, actions in forbidden.items():
            proposal = self._create_proposal(state=state).with_user(
                self.user_coordinator
            )
            for action in actions:
                with self.subTest(state=state, action=action):
                    with self.assertRaises(UserError):
                        getattr(proposal, action)()
                    self.assertEqual(proposal.state, state)

    # Actions of struggle -----------------------------------------------------------

    def test_actions(self):
        """A proposal counts the actions of struggle that push it, and its
        button lists them and creates new ones for it."""
        proposal = self._create_proposal()
        other = self._create_proposal("Vivienda Digna")
        self.assertEqual(proposal.action_count, 0)
        mine = self._create_action(proposal_id=proposal.id) | self._create_action(
            "Plantón", proposal_id=proposal.id
        )
        theirs = self._create_action("Mitin", proposal_id=other.id)
        self._create_action("Foro sin propuesta")
        (proposal | other).invalidate_recordset(["action_ids", "action_count"])
        self.assertEqual(proposal.action_ids, mine)
        self.assertEqual(proposal.action_count, 2)
        self.assertEqual(other.action_count, 1)

        action = proposal.action_view_actions()
        self.assertEqual(action["res_model"], "ms.action")
        found = self.env["ms.action"].search(action["domain"])
        self.assertEqual(found, mine)
        self.assertNotIn(theirs, found)
        self.assertEqual(action["context"]["default_proposal_id"], proposal.id)

    # Sanitizing --------------------------------------------------------------------

    def test_proposal_text_sanitized(self):
        """Scripts are removed from the proposal text when it is written, even
        by an administrator; the rest of the text is kept."""
        dirty = "<p>Build a well.</p><script>alert('x')</script>"
        for user in (self.user_operator, self.user_manager, self.env.user):
            with self.subTest(user=user.login):
                proposal = self._create_proposal(env=self.env(user=user))
                proposal.proposal = dirty
                self.assertIn("Build a well.", proposal.proposal)
                self.assertNotIn("<script", proposal.proposal)
                self.assertNotIn("alert", proposal.proposal)
                created = self._create_proposal(
                    "Otra", env=self.env(user=user), proposal=dirty
                )
                self.assertNotIn("<script", created.proposal)

    # Access rights -----------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads proposals but cannot create, write or delete them."""
        proposal = self._create_proposal().with_user(self.env.user)
        self.assertEqual(proposal.read(["name"])[0]["name"], "Agua para Todos")
        with self.assertRaises(AccessError):
            self._create_proposal(env=self.env)
        with self.assertRaises(AccessError):
            proposal.write({"name": "Otra"})
        with self.assertRaises(AccessError):
            proposal.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits proposals but cannot delete them."""
        proposal = self._create_proposal(env=self.env)
        proposal.write({"problem": "<p>No water since May.</p>"})
        self.assertIn("No water since May.", proposal.problem)
        with self.assertRaises(AccessError):
            proposal.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes proposals."""
        proposal = self._create_proposal(env=self.env)
        proposal.unlink()
        self.assertFalse(proposal.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read proposals."""
        proposal = self._create_proposal()
        with self.assertRaises(AccessError):
            proposal.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._create_proposal(env=self.env)
