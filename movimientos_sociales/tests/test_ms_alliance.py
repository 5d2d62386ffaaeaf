from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase

# Field specification the web client sends for the list view of
# views/ms_alliance_views.xml.
LIST_SPEC = {
    "name": {},
    "alliance_type": {},
    "state_id": {"fields": {"display_name": {}}},
    "sector_ids": {"fields": {"display_name": {}, "color": {}}},
    "active_member_count": {},
    "coordinator_id": {"fields": {"display_name": {}}},
    "date_start": {},
    "date_end": {},
    "state": {},
}


@tagged("post_install", "-at_install", "ms_alliance")
class TestMsAlliance(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_sector_fixture("T_ALL")

    def _member(self, alliance, movement):
        return alliance.member_ids.filtered(lambda m: m.movement_id == movement)

    # Members and sectors ------------------------------------------------------

    def test_sectors_and_count_from_active_members(self):
        """sector_ids are the sectors of the active members' organizations and
        active_member_count counts them; left or suspended members count for
        nothing."""
        alliance = self._create_alliance(
            "Frente Costero", self.org_a | self.org_b | self.org_c
        )
        self.assertEqual(alliance.active_member_count, 3)
        self.assertEqual(alliance.sector_ids, self.s1 | self.s2 | self.s3)

        self._member(alliance, self.org_b).status = "suspended"
        self.assertEqual(alliance.active_member_count, 2)
        self.assertEqual(alliance.sector_ids, self.s1 | self.s2)

        self._member(alliance, self.org_a).date_left = date.today()
        self.assertEqual(alliance.active_member_count, 1)
        # S1 stays: org C, still active, has it too
        self.assertEqual(alliance.sector_ids, self.s1)

        self._member(alliance, self.org_b).status = "active"
        self.assertEqual(alliance.active_member_count, 2)
        self.assertEqual(alliance.sector_ids, self.s1 | self.s3)

        # the stored values are those read back from the database
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(alliance.active_member_count, 2)
        self.assertEqual(alliance.sector_ids, self.s1 | self.s3)
        self.assertEqual(
            self.env["ms.alliance"].search(
                [("sector_ids", "in", self.s2.ids), ("id", "=", alliance.id)]
            ),
            self.env["ms.alliance"],
        )

    def test_member_created_with_date_left_does_not_count(self):
        """A membership recorded with its date left counts neither as a member
        nor for the sectors."""
        alliance = self._create_alliance("Frente Costero", self.org_a)
        alliance.member_ids = [
            Command.create(
                {
                    "movement_id": self.org_b.id,
                    "date_joined": date(2024, 1, 1),
                    "date_left": date(2024, 6, 1),
                }
            )
        ]
        self.assertEqual(alliance.active_member_count, 1)
        self.assertEqual(alliance.sector_ids, self.s1 | self.s2)

    def test_sectors_follow_organization_sectors(self):
        """Changing the sectors of a member organization, from its file or its
        contact, updates the sectors of its alliances; a left member's do not
        matter."""
        alliance = self._create_alliance("Frente Costero", self.org_a | self.org_b)
        self.org_b.ms_sector_ids = [Command.link(self.s4.id)]
        self.assertEqual(alliance.sector_ids, self.s1 | self.s2 | self.s3 | self.s4)
        self.org_a.partner_id.ms_sector_ids = [Command.unlink(self.s2.id)]
        self.assertEqual(alliance.sector_ids, self.s1 | self.s3 | self.s4)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(alliance.sector_ids, self.s1 | self.s3 | self.s4)

        self._member(alliance, self.org_b).date_left = date.today()
        self.org_b.ms_sector_ids = [Command.link(self.s2.id)]
        self.assertEqual(alliance.sector_ids, self.s1)
        self.assertEqual(alliance.active_member_count, 1)

    # Lifecycle ------------------------------------------------------------------

    @users("ms_coordinator")
    def test_lifecycle(self):
        """exploration -> negotiation -> in force -> suspended (with reason) ->
        in force (reason cleared) -> dissolved (reason kept, end date today)."""
        alliance = self._create_alliance("Frente Costero", self.org_a, env=self.env)
        self.assertEqual(alliance.state, "exploration")
        self.assertEqual(alliance.coordinator_id, self.env.user)
        alliance.action_negotiate()
        self.assertEqual(alliance.state, "negotiation")
        alliance.action_in_force()
        self.assertEqual(alliance.state, "in_force")

        with self.assertRaises(UserError):
            alliance.action_suspend()
        with self.assertRaises(UserError):
            alliance.action_suspend(reason="  \n ")
        self.assertEqual(alliance.state, "in_force")
        self.assertFalse(alliance.state_reason)

        alliance.action_suspend(reason="  Repression in the region.  ")
        self.assertRecordValues(
            alliance,
            [{"state": "suspended", "state_reason": "Repression in the region."}],
        )
        alliance.action_in_force()
        self.assertRecordValues(
            alliance, [{"state": "in_force", "state_reason": False}]
        )

        with self.assertRaises(UserError):
            alliance.action_dissolve()
        self.assertFalse(alliance.date_end)
        alliance.action_dissolve(reason="The cause was won.")
        self.assertRecordValues(
            alliance,
            [
                {
                    "state": "dissolved",
                    "state_reason": "The cause was won.",
                    "date_end": fields.Date.context_today(alliance),
                }
            ],
        )

    def test_dissolve_keeps_end_date(self):
        """Dissolving keeps an end date already set."""
        alliance = self._create_alliance("Frente Costero", self.org_a, "in_force")
        alliance.date_end = date(2099, 12, 31)
        alliance.action_dissolve(reason="Merged into a wider front.")
        self.assertEqual(alliance.date_end, date(2099, 12, 31))
        self.assertEqual(alliance.state, "dissolved")

    def test_dissolve_before_start(self):
        """An alliance planned to start later can be dissolved before it
        starts, without an end date before its start."""
        start = fields.Date.add(fields.Date.context_today(self.env.user), days=30)
        alliance = self._create_alliance("Frente Costero", self.org_a, date_start=start)
        alliance.action_dissolve(reason="Never got going.")
        self.assertEqual(alliance.state, "dissolved")
        self.assertGreaterEqual(alliance.date_end, alliance.date_start)

    def test_dissolve_several(self):
        """Dissolving several alliances at once dissolves each, and each keeps
        its own end date or gets today's."""
        with_end = self._create_alliance("Frente Costero", self.org_a, "in_force")
        with_end.date_end = date(2099, 12, 31)
        without_end = self._create_alliance("Frente Urbano", self.org_b, "negotiation")
        (with_end | without_end).action_dissolve(reason="Regrouped.")
        self.assertRecordValues(
            with_end | without_end,
            [
                {"state": "dissolved", "date_end": date(2099, 12, 31)},
                {
                    "state": "dissolved",
                    "date_end": fields.Date.context_today(without_end),
                },
            ],
        )

    def test_forbidden_transitions(self):
        """Each action is refused from the states it does not start from, and
        leaves the alliance unchanged."""
        refused = {
            "exploration": ["action_in_force", "action_suspend"],
            "negotiation": ["action_negotiate", "action_suspend"],
            "in_force": ["action_negotiate", "action_in_force"],
            "suspended": ["action_negotiate", "action_suspend"],
            "dissolved": [
                "action_negotiate",
                "action_in_force",
                "action_suspend",
                "action_dissolve",
            ],
        }
        for state, actions in refused.items():
            alliance = self._create_alliance(f"Alianza {state}", self.org_a, state)
            for action in actions:
                with self.subTest(state=state, action=action):
                    method = getattr(alliance, action)
                    with self.assertRaises(UserError):
                        if action in alliance._ms_reason_actions:
                            method(reason="Because")
                        else:
                            method()
                    self.assertEqual(alliance.state, state)

    def test_mixed_states_refused(self):
        """A transition on several alliances is refused when one of them cannot
        take it, and none changes."""
        good = self._create_alliance("Frente Costero", self.org_a, "negotiation")
        bad = self._create_alliance("Frente Urbano", self.org_b)
        with self.assertRaises(UserError):
            (good | bad).action_in_force()
        self.assertEqual(good.state, "negotiation")
        self.assertEqual(bad.state, "exploration")

    def test_dates_checked(self):
        """An alliance cannot end before it starts, at creation or later; ending
        the day it starts is fine."""
        with self.assertRaisesRegex(ValidationError, "Frente Costero"):
            with self.env.cr.savepoint():
                self.env["ms.alliance"].create(
                    {
                        "name": "Frente Costero",
                        "date_start": date(2025, 3, 1),
                        "date_end": date(2025, 2, 28),
                    }
                )
        alliance = self.env["ms.alliance"].create(
            {
                "name": "Frente Urbano",
                "date_start": date(2025, 3, 1),
                "date_end": date(2025, 3, 1),
            }
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            alliance.date_start = date(2025, 3, 2)
        self.assertEqual(alliance.date_start, date(2025, 3, 1))

    # Reason wizard ----------------------------------------------------------------

    def _wizard(self, alliance, action, reason):
        return (
            self.env["ms.reason.wizard"]
            .with_user(self.user_coordinator)
            .with_context(
                active_model="ms.alliance",
                active_ids=alliance.ids,
                active_id=alliance.id,
                ms_reason_action=action,
            )
            .create({"reason": reason})
        )

    def test_reason_wizard(self):
        """The reason wizard suspends and dissolves an alliance, keeping the
        reason; a blank reason changes nothing."""
        alliance = self._create_alliance("Frente Costero", self.org_a, "in_force")
        with self.assertRaises(UserError):
            self._wizard(alliance, "action_suspend", "   ").action_confirm()
        self.assertEqual(alliance.state, "in_force")

        result = self._wizard(alliance, "action_suspend", "Elections.").action_confirm()
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertRecordValues(
            alliance, [{"state": "suspended", "state_reason": "Elections."}]
        )
        self._wizard(alliance, "action_dissolve", "Split.").action_confirm()
        self.assertRecordValues(
            alliance,
            [
                {
                    "state": "dissolved",
                    "state_reason": "Split.",
                    # today where the coordinator who dissolved it lives
                    "date_end": fields.Date.context_today(
                        alliance.with_user(self.user_coordinator)
                    ),
                }
            ],
        )

    def test_reason_wizard_only_reason_actions(self):
        """The wizard cannot run an alliance's action that takes no reason."""
        alliance = self._create_alliance("Frente Costero", self.org_a, "negotiation")
        with self.assertRaises(UserError):
            self._wizard(alliance, "action_in_force", "Because").action_confirm()
        self.assertEqual(alliance.state, "negotiation")

    # Agreements -----------------------------------------------------------------

    def test_agreements(self):
        """Agreements of the alliance are its agreement_ids, counted and listed
        by its action; those of other alliances are not."""
        alliance = self._create_alliance("Frente Costero", self.org_a)
        other = self._create_alliance("Frente Urbano", self.org_b)
        self.assertEqual(alliance.agreement_count, 0)
        agreements = self._create_agreement(
            alliance_id=alliance.id
        ) | self._create_agreement(alliance_id=alliance.id)
        foreign = self._create_agreement(alliance_id=other.id)
        (alliance | other).invalidate_recordset(["agreement_count"])
        self.assertEqual(alliance.agreement_ids, agreements)
        self.assertEqual(alliance.agreement_count, 2)
        self.assertEqual(other.agreement_count, 1)
        action = alliance.action_view_agreements()
        self.assertEqual(action["res_model"], "ms.agreement")
        found = self.env["ms.agreement"].search(action["domain"])
        self.assertEqual(found, agreements)
        self.assertNotIn(foreign, found)
        self.assertEqual(action["context"]["default_alliance_id"], alliance.id)

    def test_agreement_single_origin(self):
        """An agreement of an alliance cannot also come from a session or an
        international relation."""
        alliance = self._create_alliance("Frente Costero", self.org_a)
        session = self._create_session()
        relation = self.env["ms.international.relation"].create(
            {"partner_id": self._create_foreign_org("MST do Brasil").id}
        )
        for origin in ({"session_id": session.id}, {"relation_id": relation.id}):
            with self.subTest(origin=origin):
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    self._create_agreement(alliance_id=alliance.id, **origin)
                agreement = self._create_agreement(alliance_id=alliance.id)
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    agreement.write(origin)
        self.assertFalse(session.agreement_ids)
        self.assertFalse(relation.agreement_ids)

    # Access rights --------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads alliances but cannot create, write or delete them."""
        alliance = self._create_alliance("Frente Costero", self.org_a).with_user(
            self.env.user
        )
        self.assertEqual(alliance.read(["name"])[0]["name"], "Frente Costero")
        self.assertEqual(alliance.sector_ids, self.s1 | self.s2)
        with self.assertRaises(AccessError):
            self.env["ms.alliance"].create({"name": "Nueva"})
        with self.assertRaises(AccessError):
            alliance.write({"name": "Otra"})
        with self.assertRaises(AccessError):
            alliance.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates alliances with their members and edits them, but
        cannot delete them."""
        alliance = self._create_alliance(
            "Frente Costero", self.org_a | self.org_b, env=self.env
        )
        self.assertEqual(alliance.coordinator_id, self.env.user)
        self.assertEqual(alliance.active_member_count, 2)
        alliance.write({"alliance_type": "popular_bloc", "state_id": self.state_oax.id})
        self.assertEqual(alliance.alliance_type, "popular_bloc")
        with self.assertRaises(AccessError):
            alliance.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes an alliance, and its memberships with it."""
        alliance = self._create_alliance("Frente Costero", self.org_a, env=self.env)
        members = alliance.member_ids
        alliance.unlink()
        self.assertFalse(alliance.exists())
        self.assertFalse(members.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read alliances."""
        alliance = self._create_alliance("Frente Costero", self.org_a)
        with self.assertRaises(AccessError):
            alliance.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ms.alliance"].search([])
        with self.assertRaises(AccessError):
            self.env["ms.alliance"].create({"name": "Nueva"})

    # Performance ------------------------------------------------------------------

    def _count_web_search_read(self, alliances):
        """Number of queries of one web_search_read of the list view on
        `alliances`, as the operator, starting from an empty cache."""
        Alliance = self.env["ms.alliance"].with_user(self.user_operator)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = Alliance.web_search_read(
            [("id", "in", alliances.ids)], LIST_SPEC, limit=80
        )
        count = self.env.cr.sql_log_count - before
        self.assertEqual(result["length"], len(alliances))
        self.assertEqual({rec["id"] for rec in result["records"]}, set(alliances.ids))
        for record in result["records"]:
            self.assertEqual(record["active_member_count"], 3)
            self.assertTrue(record["sector_ids"])
        return count

    def test_list_query_count_is_constant(self):
        """Reading the list view costs the same number of queries for 5
        alliances as for 20, each with 3 members."""
        sectors = self.s1 | self.s2 | self.s3 | self.s4
        movements = self.env["ms.movement"].create(
            [
                self._movement_vals(
                    f"Org {index}",
                    ms_sector_ids=[Command.set(sectors[index % 4].ids)],
                )
                for index in range(6)
            ]
        )
        users_ = self.user_operator | self.user_coordinator | self.user_manager
        states = self.state_oax | self.state_chis
        alliances = self.env["ms.alliance"].create(
            [
                {
                    "name": f"Alianza {index:02d}",
                    "alliance_type": "sectoral" if index % 2 else "popular_bloc",
                    "coordinator_id": users_[index % 3].id,
                    "state_id": states[index % 2].id,
                    "date_start": date(2025, 1, 1 + index),
                    "date_end": date(2026, 1, 1 + index),
                    "member_ids": [
                        Command.create({"movement_id": movements[(index + k) % 6].id})
                        for k in range(3)
                    ],
                }
                for index in range(20)
            ]
        )
        small, large = alliances[:5], alliances
        # warm up the ormcaches (access rights, rules, views...)
        self._count_web_search_read(small)
        self._count_web_search_read(large)
        count_small = self._count_web_search_read(small)
        with self.assertQueryCount(count_small):
            count_large = self._count_web_search_read(large)
        self.assertEqual(
            count_small,
            count_large,
            f"{count_small} queries for 5 alliances, {count_large} for 20",
        )
