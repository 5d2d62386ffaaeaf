from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import MsCase

FOLIO_PATTERN = r"^GES/\d{4}/\d{5}$"
CLOSED_STATES = ("resolved", "rejected", "withdrawn")


@tagged("post_install", "-at_install", "ms_demand")
class TestMsDemand(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overdue_type = cls.env.ref(
            "movimientos_sociales.mail_activity_type_demand_overdue"
        )
        cls.authority = cls._create_authority("Comisión Estatal del Agua")
        cls.other_authority = cls._create_authority("Secretaría de Salud")
        cls.movement = cls._create_movement("Colonos Unidos")
        cls.requester = cls._create_contact(
            "María Colona", parent_id=cls.movement.partner_id.id
        )
        cls.neighbour = cls._create_contact("Juan Vecino")
        cls.env.company.write(
            {
                "ms_demand_days_municipal": 30,
                "ms_demand_days_state": 30,
                "ms_demand_days_federal": 30,
            }
        )

    @classmethod
    def _demand(cls, state="received", env=None, **vals):
        """A demand of the requester to the authority, brought to `state`
        through its lifecycle actions."""
        vals.setdefault("authority_id", cls.authority.id)
        vals.setdefault("user_id", cls.user_operator.id)
        demand = cls._create_demand(cls.requester, env=env, **vals)
        if state in ("filed", "in_process", "resolved", "rejected"):
            demand.action_file()
        if state in ("in_process", "resolved", "rejected"):
            demand.action_in_process()
        if state == "resolved":
            demand.action_resolve()
        if state == "rejected":
            demand.action_reject(reason="Not their competence.")
        if state == "withdrawn":
            demand.action_withdraw(reason="Solved by the neighbours.")
        return demand

    def _overdue_activities(self, demands):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "ms.demand"),
                ("res_id", "in", demands.ids),
                ("activity_type_id", "=", self.overdue_type.id),
            ]
        )

    # Folio -----------------------------------------------------------------------

    @freeze_time("2025-02-01 12:00:00")
    def test_folio_from_sequence(self):
        """Demands get a folio GES/<year>/<five digits>, increasing by one."""
        first = self._demand()
        second = self._demand()
        for demand in first | second:
            self.assertRegex(demand.name, FOLIO_PATTERN)
            self.assertTrue(demand.name.startswith("GES/2025/"))
        self.assertEqual(
            int(second.name.rsplit("/", 1)[1]), int(first.name.rsplit("/", 1)[1]) + 1
        )
        copy = first.copy()
        self.assertRegex(copy.name, FOLIO_PATTERN)
        self.assertNotIn(copy.name, (first.name, second.name))

    # Deadline --------------------------------------------------------------------

    def test_deadline_per_level(self):
        """The response deadline is the filing date plus the company's days for
        the level of government; 30 days when the setting is empty."""
        self.env.company.write(
            {
                "ms_demand_days_municipal": 10,
                "ms_demand_days_state": 15,
                "ms_demand_days_federal": 45,
            }
        )
        expected = {
            "municipal": date(2025, 3, 11),
            "state": date(2025, 3, 16),
            "federal": date(2025, 4, 15),
        }
        for level, deadline in expected.items():
            with self.subTest(level=level):
                demand = self._demand(
                    government_level=level, filing_date=date(2025, 3, 1)
                )
                self.assertEqual(demand.deadline, deadline)
        self.env.company.ms_demand_days_state = 0
        demand = self._demand(government_level="state", filing_date=date(2025, 3, 1))
        self.assertEqual(demand.deadline, date(2025, 3, 31))

    def test_deadline_default_level(self):
        """A new demand is municipal, and the default setting gives 30 days."""
        company = self.env["res.company"].create({"name": "Otra Comisión"})
        self.assertEqual(company.ms_demand_days_municipal, 30)
        self.assertEqual(company.ms_demand_days_state, 30)
        self.assertEqual(company.ms_demand_days_federal, 30)
        demand = self._demand(filing_date=date(2025, 1, 31))
        self.assertEqual(demand.government_level, "municipal")
        self.assertEqual(demand.deadline, date(2025, 3, 2))

    def test_deadline_recomputed(self):
        """Changing the level or the filing date recomputes the deadline; no
        filing date, no deadline."""
        self.env.company.write(
            {"ms_demand_days_municipal": 10, "ms_demand_days_federal": 45}
        )
        demand = self._demand()
        self.assertFalse(demand.filing_date)
        self.assertFalse(demand.deadline)
        demand.filing_date = date(2025, 3, 1)
        self.assertEqual(demand.deadline, date(2025, 3, 11))
        demand.government_level = "federal"
        self.assertEqual(demand.deadline, date(2025, 4, 15))
        demand.filing_date = date(2025, 3, 5)
        self.assertEqual(demand.deadline, date(2025, 4, 19))
        demand.filing_date = False
        self.assertFalse(demand.deadline)

    def test_deadline_set_by_hand(self):
        """A deadline written by hand is kept over other changes, until the
        filing date or the level changes; given on creation, it wins over the
        computed one."""
        demand = self._demand(filing_date=date(2025, 3, 1))
        self.assertEqual(demand.deadline, date(2025, 3, 31))
        demand.deadline = date(2025, 3, 10)
        demand.write({"user_id": self.user_coordinator.id, "beneficiaries": 80})
        self.env.flush_all()
        demand.invalidate_recordset()
        self.assertEqual(demand.deadline, date(2025, 3, 10))
        demand.government_level = "state"
        self.assertEqual(demand.deadline, date(2025, 3, 31))
        demand.deadline = date(2025, 5, 1)
        demand.filing_date = date(2025, 3, 2)
        self.assertEqual(demand.deadline, date(2025, 4, 1))
        created = self._demand(filing_date=date(2025, 3, 1), deadline=date(2025, 3, 20))
        self.assertEqual(created.deadline, date(2025, 3, 20))

    def test_deadline_set_by_hand_kept_when_filed(self):
        """Filing a demand whose filing date was set by hand changes neither
        that date nor a deadline written by hand."""
        demand = self._demand(filing_date=date(2025, 3, 1))
        demand.deadline = date(2025, 3, 10)
        demand.action_file()
        self.assertRecordValues(
            demand,
            [
                {
                    "state": "filed",
                    "filing_date": date(2025, 3, 1),
                    "deadline": date(2025, 3, 10),
                }
            ],
        )

    # Filing ----------------------------------------------------------------------

    @freeze_time("2025-03-01 12:00:00")
    def test_file_requires_authority(self):
        """A demand cannot be filed without the authority it is filed with."""
        demand = self._demand(authority_id=False)
        with self.assertRaises(UserError):
            demand.action_file()
        self.assertRecordValues(
            demand, [{"state": "received", "filing_date": False, "deadline": False}]
        )
        demand.authority_id = self.authority
        demand.action_file()
        self.assertEqual(demand.state, "filed")

    @freeze_time("2025-03-01 12:00:00")
    def test_file_sets_filing_date(self):
        """Filing dates the demand today, unless a filing date was set by
        hand, which is kept."""
        demand = self._demand()
        demand.action_file()
        self.assertRecordValues(
            demand,
            [
                {
                    "state": "filed",
                    "filing_date": date(2025, 3, 1),
                    "deadline": date(2025, 3, 31),
                }
            ],
        )
        by_hand = self._demand(filing_date=date(2025, 2, 20))
        by_hand.action_file()
        self.assertRecordValues(
            by_hand,
            [
                {
                    "state": "filed",
                    "filing_date": date(2025, 2, 20),
                    "deadline": date(2025, 3, 22),
                }
            ],
        )

    # Lifecycle -------------------------------------------------------------------

    def test_lifecycle_resolved(self):
        """Received, filed, in process, resolved: resolving dates the response
        today and counts the days since filing."""
        with freeze_time("2025-03-01"):
            demand = self._demand()
            self.assertEqual(demand.state, "received")
            demand.action_file()
            self.assertEqual(demand.state, "filed")
            demand.action_in_process()
            self.assertEqual(demand.state, "in_process")
        with freeze_time("2025-03-26"):
            demand.action_resolve()
        self.assertRecordValues(
            demand,
            [
                {
                    "state": "resolved",
                    "response_date": date(2025, 3, 26),
                    "resolution_days": 25,
                    "state_reason": False,
                }
            ],
        )

    @freeze_time("2025-03-26")
    def test_resolve_keeps_response_date(self):
        """A response date entered by hand is kept when resolving, and a filed
        demand may be resolved without going through "in process"."""
        demand = self._demand(filing_date=date(2025, 3, 1))
        demand.action_file()
        self.assertEqual(demand.resolution_days, 0)
        demand.response_date = date(2025, 3, 11)
        self.assertEqual(demand.resolution_days, 10)
        demand.action_resolve()
        self.assertRecordValues(
            demand,
            [
                {
                    "state": "resolved",
                    "response_date": date(2025, 3, 11),
                    "resolution_days": 10,
                }
            ],
        )

    @freeze_time("2025-03-26")
    def test_reject_and_withdraw_need_reason(self):
        """Rejected and withdrawn need a reason, kept on the record, and date
        the response; a received demand may be withdrawn but not rejected."""
        for action, state, from_state in (
            ("action_reject", "rejected", "filed"),
            ("action_reject", "rejected", "in_process"),
            ("action_withdraw", "withdrawn", "received"),
            ("action_withdraw", "withdrawn", "filed"),
            ("action_withdraw", "withdrawn", "in_process"),
        ):
            with self.subTest(action=action, from_state=from_state):
                demand = self._demand(state=from_state)
                for reason in (None, "", "  "):
                    with self.assertRaises(UserError):
                        getattr(demand, action)(reason=reason)
                self.assertEqual(demand.state, from_state)
                getattr(demand, action)(reason=" Not their competence. ")
                self.assertRecordValues(
                    demand,
                    [
                        {
                            "state": state,
                            "state_reason": "Not their competence.",
                            "response_date": date(2025, 3, 26),
                        }
                    ],
                )

    def test_forbidden_transitions(self):
        """A demand cannot skip a step nor move once closed: resolving or
        rejecting a received one, filing twice, and so on."""
        forbidden = {
            "received": (
                "action_in_process",
                "action_resolve",
                "action_reject",
            ),
            "filed": ("action_file",),
            "in_process": ("action_file", "action_in_process"),
        }
        for state in CLOSED_STATES:
            forbidden[state] = (
                "action_file",
                "action_in_process",
                "action_resolve",
                "action_reject",
                "action_withdraw",
            )
        for state, actions in forbidden.items():
            demand = self._demand(state=state)
            for action in actions:
                with self.subTest(state=state, action=action):
                    with self.assertRaises(UserError):
                        if action in ("action_reject", "action_withdraw"):
                            getattr(demand, action)(reason="Why not.")
                        else:
                            getattr(demand, action)()
                    self.assertEqual(demand.state, state)

    # Constraints -----------------------------------------------------------------

    def test_response_after_filing(self):
        """The authority cannot answer before the demand was filed; the same
        day is fine."""
        demand = self._demand(filing_date=date(2025, 3, 1))
        demand.response_date = date(2025, 3, 1)
        demand.flush_recordset()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                demand.response_date = date(2025, 2, 28)
                demand.flush_recordset()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._demand(
                    filing_date=date(2025, 3, 1), response_date=date(2025, 2, 1)
                ).flush_recordset()

    def test_beneficiaries_positive(self):
        """The number of beneficiaries cannot be negative."""
        demand = self._demand(beneficiaries=0)
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                demand.beneficiaries = -1
                demand.flush_recordset()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._demand(beneficiaries=-5).flush_recordset()

    # Organization ----------------------------------------------------------------

    def test_movement_from_requester(self):
        """The organization of a demand is the one of its requester's company
        (or of the requester itself); a requester outside any organization
        leaves it empty."""
        demand = self._demand()
        self.assertEqual(demand.movement_id, self.movement)
        self.assertEqual(
            self._create_demand(self.movement.partner_id).movement_id, self.movement
        )
        demand.requester_id = self.neighbour
        self.assertFalse(demand.movement_id)
        other_movement = self._create_movement("Frente Vecinal")
        demand.requester_id = self._create_contact(
            "Pedro Vecino", parent_id=other_movement.partner_id.id
        )
        self.assertEqual(demand.movement_id, other_movement)

    @users("ms_operator")
    def test_form_fills_territory_from_organization(self):
        """In the form, choosing the organization fills the demand's state and
        municipality, and its sector when the organization has only one: the
        demand saves without typing them again. A sector already chosen is
        kept; the state stays editable."""
        movement = self._create_movement(
            "Frente de Colonos del Istmo",
            state_id=self.state_chis.id,
            municipality_id=self._municipality("CHP", "Tapachula").id,
            ms_sector_ids=[Command.set(self.sector_workers.ids)],
        )
        form = Form(self.env["ms.demand"])
        form.requester_id = self.neighbour
        self.assertFalse(form.movement_id)
        form.movement_id = movement
        self.assertEqual(form.state_id, self.state_chis)
        self.assertEqual(form.municipality_id.name, "Tapachula")
        self.assertEqual(form.sector_id, self.sector_workers)
        form.subject = "Agua potable para la colonia Reforma"
        form.category_id = self.env.ref("movimientos_sociales.ms_demand_category_water")
        form.description = "<p>Drinking water for the neighbourhood.</p>"
        demand = form.save()
        self.assertRecordValues(
            demand,
            [
                {
                    "movement_id": movement.id,
                    "state_id": self.state_chis.id,
                    "municipality_id": self._municipality("CHP", "Tapachula").id,
                    "sector_id": self.sector_workers.id,
                }
            ],
        )
        # several sectors: none is guessed; a chosen sector and state are kept
        movement.ms_sector_ids = [Command.link(self.sector_youth.id)]
        form = Form(self.env["ms.demand"])
        form.requester_id = self.neighbour
        form.sector_id = self.sector_peasants
        form.movement_id = movement
        self.assertEqual(form.sector_id, self.sector_peasants)
        form.state_id = self.state_oax
        form.municipality_id = self._municipality(
            "OAX", "Heroica Ciudad de Juchitán de Zaragoza"
        )
        self.assertEqual(form.state_id, self.state_oax)
        self.assertFalse(
            Form(self.env["ms.demand"]).sector_id, "no organization, no sector"
        )

    @users("ms_operator")
    def test_subject_required_in_form(self):
        """The form asks for the subject; it names the demand with its folio,
        wherever the demand is shown or searched."""
        form = Form(self.env["ms.demand"])
        form.requester_id = self.requester
        form.category_id = self.env.ref("movimientos_sociales.ms_demand_category_water")
        form.description = "<p>Drinking water for the neighbourhood.</p>"
        self.assertEqual(form.state_id, self.state_oax, "from the organization")
        with self.assertRaisesRegex(AssertionError, "subject"):
            form.save()
        form.subject = "Agua potable para la colonia Reforma"
        demand = form.save()
        self.assertRegex(demand.name, FOLIO_PATTERN)
        self.assertEqual(
            demand.display_name, f"{demand.name} — Agua potable para la colonia Reforma"
        )
        found = self.env["ms.demand"].name_search("colonia Reforma")
        self.assertEqual([id_ for id_, _name in found], demand.ids)
        without = self._demand(env=self.env)
        self.assertEqual(without.display_name, without.name)

    # Response time ---------------------------------------------------------------

    def test_days_elapsed_counts_unanswered(self):
        """Days Elapsed counts from filing to the answer or, while the
        authority has not answered, to today; the daily job adds the days of
        those still waiting. Awaiting Response counts them."""
        with freeze_time("2025-03-01"):
            waiting = self._demand(state="filed", filing_date=date(2025, 2, 1))
            answered = self._demand(state="filed", filing_date=date(2025, 2, 1))
            answered.response_date = date(2025, 2, 11)
            received = self._demand(filing_date=date(2025, 2, 1))
            self.assertRecordValues(
                waiting | answered | received,
                [
                    {"elapsed_days": 28, "awaiting_response": 1, "resolution_days": 0},
                    {"elapsed_days": 10, "awaiting_response": 0, "resolution_days": 10},
                    {"elapsed_days": 0, "awaiting_response": 0, "resolution_days": 0},
                ],
            )
            self.env.flush_all()
        with freeze_time("2025-03-11"):
            self.env["ms.demand"]._cron_mark_overdue()
            self.assertEqual(waiting.elapsed_days, 38)
            self.assertEqual(answered.elapsed_days, 10)
            waiting.action_resolve()
            self.assertRecordValues(
                waiting, [{"elapsed_days": 38, "awaiting_response": 0}]
            )

    def test_response_time_report_includes_unanswered(self):
        """The response-time report (action and its graph) takes every demand
        filed with an authority: one that never answers shows with its days
        waiting instead of dropping out. The average resolution time counts
        only answered demands, not the others as 0 days."""
        action = self.env.ref("movimientos_sociales.ms_demand_action_resolution")
        with freeze_time("2025-03-01"):
            self._demand(
                state="filed", filing_date=date(2025, 2, 1)
            ).response_date = date(2025, 2, 11)
            self._demand(
                state="filed", filing_date=date(2025, 2, 1)
            ).response_date = date(2025, 2, 21)
            self._demand(
                state="filed",
                authority_id=self.other_authority.id,
                filing_date=date(2025, 1, 30),
            )
            self._demand(authority_id=self.other_authority.id)  # not filed yet
            domain = [
                *safe_eval(action.domain),
                ("authority_id", "in", (self.authority | self.other_authority).ids),
            ]
            groups = self.env["ms.demand"]._read_group(
                domain,
                ["authority_id"],
                ["elapsed_days:avg", "awaiting_response:sum", "__count"],
            )
        by_authority = {authority: rest for authority, *rest in groups}
        self.assertEqual(by_authority[self.authority], [15.0, 0, 2])
        self.assertEqual(by_authority[self.other_authority], [30.0, 1, 1])
        graph = self.env.ref("movimientos_sociales.ms_demand_view_graph_elapsed")
        self.assertIn(graph, action.view_ids.view_id)
        self.assertIn('name="elapsed_days" type="measure"', graph.arch)
        means = dict(
            self.env["ms.demand"]._read_group(
                [("authority_id", "=", self.other_authority.id)],
                ["authority_id"],
                ["resolution_days:avg"],
            )
        )
        self.assertFalse(means[self.other_authority], "no answer, no mean")

    # Overdue ---------------------------------------------------------------------

    def test_is_overdue(self):
        """An open demand is overdue once its deadline has passed; the deadline
        day itself is not late, and closed demands never are."""
        with freeze_time("2025-03-01"):
            late = self._demand(filing_date=date(2025, 1, 1))  # deadline 31 Jan
            due_today = self._demand(filing_date=date(2025, 1, 30))  # 1 Mar
            no_deadline = self._demand()
            filed = self._demand(state="filed", filing_date=date(2025, 1, 15))
            self.assertTrue(late.is_overdue)
            self.assertFalse(due_today.is_overdue)
            self.assertFalse(no_deadline.is_overdue)
            self.assertTrue(filed.is_overdue)
            filed.action_resolve()
            self.assertFalse(filed.is_overdue)
            late.deadline = date(2025, 3, 10)
            self.assertFalse(late.is_overdue)

    def test_cron_marks_overdue(self):
        """The daily job flags the open demands whose deadline passed and gives
        their responsible exactly one activity each, never twice; closed ones
        get none, and closing a demand removes its activity."""
        self.env.company.ms_demand_days_federal = 90
        with freeze_time("2025-01-10"):
            received = self._demand(filing_date=date(2025, 1, 5))
            filed = self._demand(state="filed", user_id=self.user_coordinator.id)
            in_process = self._demand(state="in_process")
            on_time = self._demand(state="filed", government_level="federal")
            no_deadline = self._demand()
            closed = self.env["ms.demand"]
            for state in CLOSED_STATES:
                closed |= self._demand(state=state, filing_date=date(2025, 1, 5))
            self.env.flush_all()  # compute is_overdue on 10 January
        open_late = received | filed | in_process
        demands = open_late | on_time | no_deadline | closed
        self.assertFalse(any(demands.mapped("is_overdue")))

        with freeze_time("2025-02-20"):
            self.env["ms.demand"]._cron_mark_overdue()
            self.assertEqual(demands.filtered("is_overdue"), open_late)
            activities = self._overdue_activities(demands)
            self.assertEqual(len(activities), 3)
            for demand in open_late:
                activity = self._overdue_activities(demand)
                self.assertEqual(len(activity), 1)
                self.assertEqual(activity.user_id, demand.user_id)
                self.assertEqual(activity.date_deadline, date(2025, 2, 20))
                self.assertIn(self.authority.name, activity.summary)
            self.assertEqual(
                self._overdue_activities(filed).user_id, self.user_coordinator
            )

            self.env["ms.demand"]._cron_mark_overdue()
            self.assertEqual(self._overdue_activities(demands), activities)

        with freeze_time("2025-02-21"):
            self.env["ms.demand"]._cron_mark_overdue()
            self.assertEqual(self._overdue_activities(demands), activities)

            in_process.action_resolve()
            received.action_withdraw(reason="Solved.")
            filed.action_reject(reason="Not their competence.")
            self.assertFalse(self._overdue_activities(open_late))
            self.assertFalse(any(open_late.mapped("is_overdue")))
            self.env["ms.demand"]._cron_mark_overdue()
            self.assertFalse(self._overdue_activities(demands))

    def test_scheduled_action_runs_the_job(self):
        """The daily scheduled action, run as its user, runs the job.

        Its server action is run in the test transaction: method_direct_trigger
        would run it in a new cursor, which commits and cannot see test data."""
        cron = self.env.ref("movimientos_sociales.ir_cron_demand_overdue")
        self.assertEqual(cron.model_id.model, "ms.demand")
        self.assertEqual(cron.interval_type, "days")
        with freeze_time("2025-01-10"):
            late = self._demand(state="filed")
            self.env.flush_all()
        with freeze_time("2025-02-20"):
            cron.ir_actions_server_id.with_user(cron.user_id).run()
        self.assertTrue(late.is_overdue)
        self.assertEqual(self._overdue_activities(late).user_id, self.user_operator)

    # Reporting -------------------------------------------------------------------

    def test_mean_resolution_time_by_authority(self):
        """Averaging the resolution days of answered demands by authority gives
        each authority's mean time to answer."""
        for authority, filing, response in (
            (self.authority, date(2025, 1, 1), date(2025, 1, 11)),  # 10 days
            (self.authority, date(2025, 1, 1), date(2025, 1, 21)),  # 20 days
            (self.authority, date(2025, 2, 1), date(2025, 2, 4)),  # 3 days
            (self.other_authority, date(2025, 1, 1), date(2025, 1, 8)),  # 7 days
            (self.other_authority, date(2025, 1, 1), False),  # unanswered
        ):
            self._demand(
                authority_id=authority.id, filing_date=filing, response_date=response
            )
        authorities = self.authority | self.other_authority
        groups = self.env["ms.demand"]._read_group(
            [("response_date", "!=", False), ("authority_id", "in", authorities.ids)],
            ["authority_id"],
            ["resolution_days:avg"],
        )
        means = dict(groups)
        self.assertEqual(set(means), set(authorities))
        self.assertAlmostEqual(means[self.authority], 11.0)
        self.assertAlmostEqual(means[self.other_authority], 7.0)

    # Access rights ---------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads demands but cannot create, write or delete them."""
        demand = self._demand().with_user(self.env.user)
        self.assertRegex(demand.read(["name"])[0]["name"], FOLIO_PATTERN)
        with self.assertRaises(AccessError):
            self._demand(env=self.env)
        with self.assertRaises(AccessError):
            demand.write({"beneficiaries": 40})
        with self.assertRaises(AccessError):
            demand.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates, edits and files demands, being their default
        responsible, but cannot delete them."""
        demand = self._create_demand(
            self.requester, env=self.env, authority_id=self.authority.id
        )
        self.assertRegex(demand.name, FOLIO_PATTERN)
        self.assertEqual(demand.user_id, self.env.user)
        self.assertEqual(demand.movement_id, self.movement)
        demand.write({"beneficiaries": 40})
        demand.action_file()
        self.assertEqual(demand.state, "filed")
        with self.assertRaises(AccessError):
            demand.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes demands."""
        demand = self._demand(env=self.env)
        demand.unlink()
        self.assertFalse(demand.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read demands."""
        demand = self._demand()
        with self.assertRaises(AccessError):
            demand.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._demand(env=self.env)


@tagged("post_install", "-at_install", "ms_demand")
class TestMsDemandCategory(MsCase):
    """Categories of need are configuration: read by the commission, changed
    by its administrators only."""

    def test_default_categories(self):
        """The addon ships the usual categories of need, water first."""
        water = self.env.ref("movimientos_sociales.ms_demand_category_water")
        other = self.env.ref("movimientos_sociales.ms_demand_category_other")
        categories = self.env["ms.demand.category"].search([])
        self.assertIn(water, categories)
        self.assertLess(list(categories).index(water), list(categories).index(other))

    def test_access(self):
        """Readers, operators and coordinators read categories but cannot
        create, write or delete them; administrators can; employees cannot read
        them."""
        category = self.env["ms.demand.category"].create({"name": "Transporte"})
        for user in (self.user_reader, self.user_operator, self.user_coordinator):
            with self.subTest(user=user.login):
                as_user = category.with_user(user)
                self.assertEqual(as_user.read(["name"])[0]["name"], "Transporte")
                with self.assertRaises(AccessError):
                    as_user.create({"name": "Cultura"})
                with self.assertRaises(AccessError):
                    as_user.write({"name": "Transporte Público"})
                with self.assertRaises(AccessError):
                    as_user.unlink()
        with self.assertRaises(AccessError):
            category.with_user(self.user_employee).read(["name"])
        as_manager = category.with_user(self.user_manager)
        new = as_manager.create({"name": "Cultura"})
        as_manager.write({"name": "Transporte Público"})
        self.assertEqual(category.name, "Transporte Público")
        (as_manager | new).unlink()
        self.assertFalse((category | new).exists())

    @users("ms_operator")
    def test_organization_of_another_state_takes_its_place(self):
        """Moving a demand to an organization of another state takes that
        organization's state and municipality, even none, never a municipality
        of the old state."""
        oaxaca = self._create_movement(
            "Colonos de Oaxaca",
            municipality_id=self._municipality("OAX", "Oaxaca de Juárez").id,
        )
        chiapas = self._create_movement(
            "Colonos de Chiapas", state_id=self.state_chis.id
        )
        demand = self._create_demand(oaxaca.partner_id, movement_id=oaxaca.id)
        self.assertEqual(demand.municipality_id.name, "Oaxaca de Juárez")
        demand.movement_id = chiapas
        self.assertEqual(demand.state_id, self.state_chis)
        self.assertFalse(demand.municipality_id)
