from datetime import date

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase

NAME_PATTERN = r"^ACU/\d{4}/\d{4}$"


@tagged("post_install", "-at_install", "ms_agreement")
class TestMsAgreement(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")
        cls.overdue_type = cls.env.ref(
            "movimientos_sociales.mail_activity_type_agreement_overdue"
        )
        cls._set_commission(
            cls.user_operator | cls.user_coordinator, coordinator=cls.user_coordinator
        )
        cls.session = cls._create_session()
        cls.conference = cls._create_conference()

    def _todos(self, agreement, user=None):
        """The open to-dos of `agreement`, of `user` if given."""
        domain = [
            ("res_model", "=", "ms.agreement"),
            ("res_id", "=", agreement.id),
            ("activity_type_id", "=", self.todo_type.id),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def _overdue_activities(self, agreements):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "ms.agreement"),
                ("res_id", "in", agreements.ids),
                ("activity_type_id", "=", self.overdue_type.id),
            ]
        )

    # Number ----------------------------------------------------------------

    @freeze_time("2025-02-01 12:00:00")
    def test_name_from_sequence(self):
        """Agreements are numbered ACU/<year>/<number>, increasingly."""
        first = self._create_agreement(session_id=self.session.id)
        second = self._create_agreement(conference_id=self.conference.id)
        for agreement in first | second:
            self.assertRegex(agreement.name, NAME_PATTERN)
            self.assertTrue(agreement.name.startswith("ACU/2025/"))
        self.assertEqual(
            int(second.name.rsplit("/", 1)[1]), int(first.name.rsplit("/", 1)[1]) + 1
        )
        self.assertEqual(self.session.agreement_ids, first)
        self.assertEqual(self.conference.agreement_ids, second)

    def test_origin_is_session_or_conference(self):
        """An agreement cannot come from a session and a conference at once."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_agreement(
                session_id=self.session.id, conference_id=self.conference.id
            )
        agreement = self._create_agreement(session_id=self.session.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            agreement.conference_id = self.conference
        # without origin, or moved from one to the other: fine
        self.assertTrue(self._create_agreement())
        agreement.write({"session_id": False, "conference_id": self.conference.id})
        self.assertEqual(agreement.conference_id, self.conference)

    # Owners' to-dos --------------------------------------------------------

    def test_owner_todos(self):
        """Each owner gets one to-do due at the deadline; an owner added later
        gets one too, and those already there get no second one."""
        agreement = self._create_agreement(
            session_id=self.session.id,
            deadline=date(2025, 5, 31),
            owner_ids=[Command.set((self.user_operator | self.user_manager).ids)],
        )
        todos = self._todos(agreement)
        self.assertEqual(len(todos), 2)
        self.assertEqual(todos.user_id, self.user_operator | self.user_manager)
        self.assertEqual(set(todos.mapped("date_deadline")), {date(2025, 5, 31)})
        self.assertIn(agreement.name, todos[0].summary)

        agreement.owner_ids = [Command.link(self.user_coordinator.id)]
        self.assertEqual(len(self._todos(agreement)), 3)
        self.assertEqual(len(self._todos(agreement, self.user_coordinator)), 1)
        self.assertEqual(
            self._todos(agreement, self.user_coordinator).date_deadline,
            date(2025, 5, 31),
        )

        # rewriting the same owners, or removing one, adds nothing
        agreement.owner_ids = [
            Command.set((self.user_operator | self.user_coordinator).ids)
        ]
        self.assertEqual(len(self._todos(agreement, self.user_operator)), 1)
        self.assertEqual(len(self._todos(agreement, self.user_coordinator)), 1)

    @freeze_time("2025-02-01 12:00:00")
    def test_owner_todo_without_deadline(self):
        """Without a deadline, the owner's to-do is due today."""
        agreement = self._create_agreement(
            owner_ids=[Command.set(self.user_operator.ids)]
        )
        self.assertEqual(self._todos(agreement).date_deadline, date(2025, 2, 1))

    # Lifecycle -------------------------------------------------------------

    def test_lifecycle_done(self):
        """Pending, in progress, fulfilled: fulfilling closes the to-dos."""
        agreement = self._create_agreement(
            deadline=date(2025, 5, 31),
            owner_ids=[Command.set((self.user_operator | self.user_manager).ids)],
        )
        self.assertEqual(agreement.state, "pending")
        agreement.action_start()
        self.assertEqual(agreement.state, "in_progress")
        self.assertEqual(len(self._todos(agreement)), 2)
        agreement.action_done()
        self.assertEqual(agreement.state, "done")
        self.assertFalse(self._todos(agreement))
        self.assertFalse(agreement.activity_ids)

        agreement.action_reopen()
        self.assertRecordValues(
            agreement, [{"state": "in_progress", "state_reason": False}]
        )

    def test_done_from_pending(self):
        """A pending agreement may be fulfilled directly."""
        agreement = self._create_agreement()
        agreement.action_done()
        self.assertEqual(agreement.state, "done")

    def test_fail_and_cancel_need_reason(self):
        """Unfulfilled and cancelled need a reason, kept on the record, and
        remove the owners' to-dos; both can be reopened."""
        for action, state in (
            ("action_fail", "failed"),
            ("action_cancel", "cancelled"),
        ):
            with self.subTest(action=action):
                agreement = self._create_agreement(
                    deadline=date(2025, 5, 31),
                    owner_ids=[Command.set(self.user_operator.ids)],
                )
                for reason in (None, "", "  "):
                    with self.assertRaises(UserError):
                        getattr(agreement, action)(reason=reason)
                self.assertEqual(agreement.state, "pending")
                self.assertEqual(len(self._todos(agreement)), 1)

                getattr(agreement, action)(reason=" The union dissolved. ")
                self.assertRecordValues(
                    agreement,
                    [{"state": state, "state_reason": "The union dissolved."}],
                )
                self.assertFalse(self._todos(agreement))

                agreement.action_reopen()
                self.assertRecordValues(
                    agreement, [{"state": "in_progress", "state_reason": False}]
                )

    def test_forbidden_transitions(self):
        """Closed agreements cannot be started or closed again; open ones
        cannot be reopened."""
        agreement = self._create_agreement()
        with self.assertRaises(UserError):
            agreement.action_reopen()
        agreement.action_start()
        with self.assertRaises(UserError):
            agreement.action_start()
        agreement.action_done()
        with self.assertRaises(UserError):
            agreement.action_start()
        with self.assertRaises(UserError):
            agreement.action_done()
        with self.assertRaises(UserError):
            agreement.action_fail(reason="No.")
        with self.assertRaises(UserError):
            agreement.action_cancel(reason="No.")
        self.assertEqual(agreement.state, "done")

    # Overdue ---------------------------------------------------------------

    def test_is_overdue(self):
        """An open agreement is overdue once its deadline has passed; closed
        ones and those without deadline never are."""
        with freeze_time("2025-03-01"):
            past = self._create_agreement(deadline=date(2025, 2, 28))
            today = self._create_agreement(deadline=date(2025, 3, 1))
            no_deadline = self._create_agreement()
            started = self._create_agreement(deadline=date(2025, 1, 15))
            started.action_start()
            self.assertTrue(past.is_overdue)
            self.assertFalse(today.is_overdue)
            self.assertFalse(no_deadline.is_overdue)
            self.assertTrue(started.is_overdue)
            past.action_done()
            self.assertFalse(past.is_overdue)
            started.deadline = date(2025, 3, 10)
            self.assertFalse(started.is_overdue)

    def test_cron_marks_overdue_and_notifies_coordinator(self):
        """The daily job flags the agreements whose deadline passed and gives
        the commission's coordinator one follow-up activity for each, once."""
        with freeze_time("2025-03-01"):
            late = self._create_agreement(deadline=date(2025, 3, 5))
            started = self._create_agreement(deadline=date(2025, 3, 6))
            started.action_start()
            on_time = self._create_agreement(deadline=date(2025, 4, 1))
            done = self._create_agreement(deadline=date(2025, 3, 5))
            done.action_done()
            cancelled = self._create_agreement(deadline=date(2025, 3, 5))
            cancelled.action_cancel(reason="Withdrawn.")
            self.env.flush_all()  # compute is_overdue on 1 March
        agreements = late | started | on_time | done | cancelled
        self.assertFalse(any(agreements.mapped("is_overdue")))

        with freeze_time("2025-03-10"):
            self.env["ms.agreement"]._cron_mark_overdue()
            self.assertEqual(agreements.filtered("is_overdue"), late | started)
            activities = self._overdue_activities(agreements)
            self.assertEqual(len(activities), 2)
            self.assertEqual(
                set(activities.mapped("res_id")), set((late | started).ids)
            )
            self.assertEqual(activities.user_id, self.user_coordinator)
            self.assertEqual(
                set(activities.mapped("date_deadline")), {date(2025, 3, 10)}
            )

            self.env["ms.agreement"]._cron_mark_overdue()
            self.assertEqual(self._overdue_activities(agreements), activities)

        with freeze_time("2025-03-11"):
            self.env["ms.agreement"]._cron_mark_overdue()
            self.assertEqual(self._overdue_activities(agreements), activities)

    def test_cron_without_coordinator(self):
        """Without a coordinator configured, the job still flags overdue
        agreements but schedules no activity."""
        self._set_commission(self.user_operator)
        with freeze_time("2025-03-01"):
            late = self._create_agreement(deadline=date(2025, 3, 5))
            self.env.flush_all()
        self.assertFalse(late.is_overdue)
        with freeze_time("2025-03-10"):
            self.env["ms.agreement"]._cron_mark_overdue()
        self.assertTrue(late.is_overdue)
        self.assertFalse(self._overdue_activities(late))

    def test_scheduled_action_runs_the_job(self):
        """The daily scheduled action, run as its user, runs the job.

        Its server action is run in the test transaction: method_direct_trigger
        would run it in a new cursor, which commits and cannot see test data."""
        cron = self.env.ref("movimientos_sociales.ir_cron_agreement_overdue")
        self.assertEqual(cron.model_id.model, "ms.agreement")
        self.assertEqual(cron.interval_type, "days")
        with freeze_time("2025-03-01"):
            late = self._create_agreement(deadline=date(2025, 3, 5))
            self.env.flush_all()
        with freeze_time("2025-03-10"):
            cron.ir_actions_server_id.with_user(cron.user_id).run()
        self.assertTrue(late.is_overdue)
        self.assertEqual(self._overdue_activities(late).user_id, self.user_coordinator)

    # Access rights ---------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads agreements but cannot create, write or delete them."""
        agreement = self._create_agreement().with_user(self.env.user)
        self.assertRegex(agreement.read(["name"])[0]["name"], NAME_PATTERN)
        with self.assertRaises(AccessError):
            self._create_agreement(env=self.env)
        with self.assertRaises(AccessError):
            agreement.write({"deadline": date(2025, 6, 1)})
        with self.assertRaises(AccessError):
            agreement.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates agreements with owners and follows them, but
        cannot delete them."""
        agreement = self._create_agreement(
            env=self.env,
            session_id=self.session.id,
            deadline=date(2025, 5, 31),
            owner_ids=[Command.set(self.user_coordinator.ids)],
        )
        self.assertRegex(agreement.name, NAME_PATTERN)
        self.assertEqual(len(self._todos(agreement, self.user_coordinator)), 1)
        agreement.action_start()
        agreement.write({"deadline": date(2025, 6, 30)})
        with self.assertRaises(AccessError):
            agreement.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes agreements."""
        agreement = self._create_agreement().with_user(self.env.user)
        agreement.unlink()
        self.assertFalse(agreement.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read agreements."""
        agreement = self._create_agreement()
        with self.assertRaises(AccessError):
            agreement.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self._create_agreement(env=self.env)

    def test_number_ranges_prepared_ahead(self):
        """This year's and next year's number ranges exist before the first
        number (two users numbering at once would otherwise both create the
        year's range, and one would get an error): numbering creates none."""
        sequence = self.env.ref("movimientos_sociales.seq_ms_agreement")
        Range = self.env["ir.sequence.date_range"]
        Range.search([("sequence_id", "=", sequence.id)]).unlink()
        self.env["ms.agreement"]._ms_prepare_number_ranges()
        self.env["ms.agreement"]._ms_prepare_number_ranges()
        year = fields.Date.context_today(sequence).year
        ranges = Range.search([("sequence_id", "=", sequence.id)], order="date_from")
        self.assertEqual(
            [(r.date_from.isoformat(), r.date_to.isoformat()) for r in ranges],
            [
                (f"{year}-01-01", f"{year}-12-31"),
                (f"{year + 1}-01-01", f"{year + 1}-12-31"),
            ],
        )
        agreement = self._create_agreement(text="<p>Numerado</p>")
        self.assertTrue(agreement.name.startswith(f"ACU/{year}/"))
        self.assertEqual(Range.search_count([("sequence_id", "=", sequence.id)]), 2)
        for code in ("ms.demand", "ms.arco.request"):
            with self.subTest(code=code):
                self.assertGreaterEqual(
                    Range.search_count([("sequence_id.code", "=", code)]), 2
                )

    def test_reminders_in_the_readers_language(self):
        """A cron runs in English: the reminders it schedules are written in
        the language of whoever receives them, dates as dd/mm/aaaa."""
        self.env["res.lang"]._activate_lang("es_MX")
        self.user_coordinator.lang = "es_MX"
        spanish = {
            "Overdue since %s": "Vencido desde %s",
            "Fulfil agreement %s": "Cumplir el acuerdo %s",
        }
        with freeze_time("2025-03-01"):
            late = self._create_agreement(deadline=date(2025, 3, 5))
            self.env.flush_all()
        with (
            self._patch_translations("es_MX", spanish),
            freeze_time("2025-03-10"),
        ):
            self.env["ms.agreement"].with_context(lang="en_US")._cron_mark_overdue()
            late.owner_ids = self.user_coordinator
        summaries = set(late.activity_ids.mapped("summary"))
        self.assertIn("Vencido desde 05/03/2025", summaries)
        self.assertIn(f"Cumplir el acuerdo {late.name}", summaries)
