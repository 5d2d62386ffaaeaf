from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import MsCase


@tagged("post_install", "-at_install", "ms_cadre")
class TestMsCadreInsertion(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement("Unión Campesina")
        cls.other_movement = cls._create_movement("Frente Juvenil")
        cls.cadre = cls._create_cadre(
            "Rosa Cuadro", cadre_vals={"committee": "Comisión Ejecutiva Estatal"}
        )
        cls.other_cadre = cls._create_cadre("Pablo Cuadro")

    @classmethod
    def _report(cls, insertion, day, env=None, **vals):
        env = env or cls.env
        return env["ms.cadre.report"].create(
            {
                "insertion_id": insertion.id,
                "date": day,
                "summary": "Assemblies held; the organization grows.",
                **vals,
            }
        )

    def test_name(self):
        """The insertion is named after its cadre and organization."""
        insertion = self._create_insertion(self.cadre, self.movement)
        self.assertEqual(insertion.name, "Rosa Cuadro → Unión Campesina")

    # Lifecycle -----------------------------------------------------------------

    def test_lifecycle(self):
        """Proposed by an operator, approved by a coordinator only, started and
        concluded with a reason that is kept."""
        operator_env = self.env(user=self.user_operator)
        insertion = self._create_insertion(
            self.cadre, self.movement, env=operator_env, start_date=date(2025, 1, 1)
        )
        self.assertEqual(insertion.state, "proposed")
        self.assertEqual(insertion.coordinator_id, self.user_coordinator)

        with self.assertRaises(AccessError):
            insertion.action_approve()
        self.assertEqual(insertion.state, "proposed")

        insertion.with_user(self.user_coordinator).action_approve()
        self.assertEqual(insertion.state, "approved")

        insertion.action_activate()
        self.assertEqual(insertion.state, "active")

        for reason in (None, "", "   "):
            with self.assertRaises(UserError):
                insertion.action_conclude(reason=reason)
        self.assertEqual(insertion.state, "active")
        self.assertFalse(insertion.end_date)

        with freeze_time("2025-06-15 18:00:00"):
            insertion.action_conclude(reason="  The organization is consolidated.  ")
        self.assertRecordValues(
            insertion,
            [
                {
                    "state": "done",
                    "state_reason": "The organization is consolidated.",
                    "end_date": date(2025, 6, 15),
                }
            ],
        )

    def test_cancel_from_live_states(self):
        """Proposed, approved and active insertions are cancelled with a reason,
        never without one."""
        for index, state in enumerate(("proposed", "approved", "active")):
            with self.subTest(state=state):
                insertion = self._create_insertion(
                    self._create_cadre(f"Cadre {index}"), self.movement, state=state
                )
                insertion = insertion.with_user(self.user_operator)
                with self.assertRaises(UserError):
                    insertion.action_cancel()
                self.assertEqual(insertion.state, state)
                insertion.action_cancel(reason="Security risk")
                self.assertEqual(insertion.state, "cancelled")
                self.assertEqual(insertion.state_reason, "Security risk")

    def test_forbidden_transitions(self):
        """Transitions out of order are refused and change nothing."""
        coordinator_env = self.env(user=self.user_coordinator)
        proposed = self._create_insertion(
            self.cadre, self.movement, env=coordinator_env
        )
        active = self._create_insertion(
            self.cadre, self.other_movement, "active", env=coordinator_env
        )
        done = self._create_insertion(
            self.other_cadre, self.movement, "done", env=coordinator_env
        )
        cancelled = self._create_insertion(
            self.other_cadre, self.other_movement, "cancelled", env=coordinator_env
        )
        checks = [
            (proposed, "action_activate", {}),
            (proposed, "action_conclude", {"reason": "Too early"}),
            (active, "action_approve", {}),
            (active, "action_activate", {}),
            (done, "action_cancel", {"reason": "Too late"}),
            (done, "action_conclude", {"reason": "Again"}),
            (cancelled, "action_cancel", {"reason": "Again"}),
            (cancelled, "action_approve", {}),
        ]
        for insertion, method, kwargs in checks:
            state = insertion.state
            with self.subTest(state=state, method=method):
                with self.assertRaises(UserError):
                    getattr(insertion, method)(**kwargs)
                self.assertEqual(insertion.state, state)

    # Constraints -----------------------------------------------------------------

    def test_end_before_start(self):
        """An insertion cannot end before it starts, on create or write."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_insertion(
                self.cadre,
                self.movement,
                start_date=date(2025, 3, 1),
                end_date=date(2025, 2, 28),
            )
        insertion = self._create_insertion(
            self.cadre,
            self.movement,
            start_date=date(2025, 3, 1),
            end_date=date(2025, 3, 1),
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            insertion.end_date = date(2025, 1, 1)

    def test_overlap(self):
        """A cadre has one live insertion at a time in an organization; other
        dates, other organizations and cancelled insertions don't block."""
        first = self._create_insertion(
            self.cadre,
            self.movement,
            start_date=date(2025, 1, 1),
            end_date=date(2025, 6, 30),
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_insertion(
                self.cadre, self.movement, start_date=date(2025, 6, 30)
            )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_insertion(
                self.cadre,
                self.movement,
                start_date=date(2024, 12, 1),
                end_date=date(2025, 1, 1),
            )
        after = self._create_insertion(
            self.cadre, self.movement, start_date=date(2025, 7, 1)
        )
        # an open-ended insertion overlaps everything after its start
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_insertion(
                self.cadre,
                self.movement,
                start_date=date(2030, 1, 1),
                end_date=date(2030, 2, 1),
            )
        # moving an existing insertion onto another is refused too
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            after.start_date = date(2025, 6, 1)
        self._create_insertion(
            self.cadre, self.other_movement, start_date=date(2025, 1, 1)
        )
        self._create_insertion(
            self.other_cadre, self.movement, start_date=date(2025, 1, 1)
        )
        first.action_cancel(reason="Replaced")
        replacement = self._create_insertion(
            self.cadre,
            self.movement,
            start_date=date(2025, 2, 1),
            end_date=date(2025, 6, 30),
        )
        self.assertEqual(replacement.state, "proposed")
        # a cancelled insertion cannot come back to life over a live one
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            first.state = "proposed"

    # Reports and their due dates ------------------------------------------------

    def test_next_report_date(self):
        """Active insertions are due a report 1, 2 or 3 months after the start or
        the last report; other states have no due date."""
        expected = {
            "monthly": date(2025, 2, 15),
            "bimonthly": date(2025, 3, 15),
            "quarterly": date(2025, 4, 15),
        }
        for index, (frequency, due) in enumerate(expected.items()):
            with self.subTest(frequency=frequency):
                insertion = self._create_insertion(
                    self._create_cadre(f"Cadre {index}"),
                    self.movement,
                    start_date=date(2025, 1, 15),
                    report_frequency=frequency,
                )
                self.assertFalse(insertion.next_report_date)
                insertion.action_approve()
                self.assertFalse(insertion.next_report_date)
                insertion.action_activate()
                self.assertEqual(insertion.next_report_date, due)

        insertion = self._create_insertion(
            self.cadre,
            self.movement,
            "active",
            start_date=date(2025, 1, 15),
            report_frequency="monthly",
        )
        self._report(insertion, date(2025, 2, 10))
        self.assertEqual(insertion.last_report_date, date(2025, 2, 10))
        self.assertEqual(insertion.next_report_date, date(2025, 3, 10))
        self._report(insertion, date(2025, 3, 5))
        self.assertEqual(insertion.next_report_date, date(2025, 4, 5))
        self.assertEqual(insertion.report_count, 2)
        insertion.report_frequency = "quarterly"
        self.assertEqual(insertion.next_report_date, date(2025, 6, 5))
        insertion.action_conclude(reason="Done")
        self.assertFalse(insertion.next_report_date)
        self.assertEqual(insertion.last_report_date, date(2025, 3, 5))

        action = insertion.action_view_reports()
        self.assertEqual(
            self.env["ms.cadre.report"].search(action["domain"]), insertion.report_ids
        )

    def test_report_overdue(self):
        """An active insertion is overdue once its report date has passed; the
        field can be searched both ways."""
        late = self._create_insertion(
            self.cadre, self.movement, "active", start_date=date(2025, 1, 15)
        )
        on_time = self._create_insertion(
            self.other_cadre, self.movement, "active", start_date=date(2025, 2, 20)
        )
        proposed = self._create_insertion(
            self.cadre, self.other_movement, start_date=date(2024, 1, 1)
        )
        insertions = late | on_time | proposed
        Insertion = self.env["ms.cadre.insertion"]
        with freeze_time("2025-03-01 18:00:00"):
            insertions.invalidate_recordset(["report_overdue"])
            self.assertEqual(insertions.mapped("report_overdue"), [True, False, False])
            self.assertEqual(
                Insertion.search(
                    [("id", "in", insertions.ids), ("report_overdue", "=", True)]
                ),
                late,
            )
            self.assertEqual(
                Insertion.search(
                    [("id", "in", insertions.ids), ("report_overdue", "=", False)]
                ),
                on_time | proposed,
            )
            self.assertEqual(
                Insertion.search(
                    [("id", "in", insertions.ids), ("report_overdue", "!=", True)]
                ),
                on_time | proposed,
            )
            self._report(late, date(2025, 3, 1))
            late.invalidate_recordset(["report_overdue"])
            self.assertFalse(late.report_overdue)
        with freeze_time("2025-02-10 18:00:00"):
            insertions.invalidate_recordset(["report_overdue"])
            self.assertFalse(any(insertions.mapped("report_overdue")))

    def _report_activities(self, insertions):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "ms.cadre.insertion"),
                ("res_id", "in", insertions.ids),
                ("activity_type_id", "=", self.activity_type_report.id),
            ]
        )

    def test_cron_report_overdue(self):
        """The daily job gives the coordinator one to-do per overdue active
        insertion, due on the missed date, never twice; filing the report marks
        it done."""
        with freeze_time("2025-03-01 12:00:00"):
            late = self._create_insertion(
                self.cadre, self.movement, "active", start_date=date(2025, 1, 15)
            )
            on_time = self._create_insertion(
                self.other_cadre, self.movement, "active", start_date=date(2025, 2, 20)
            )
            proposed = self._create_insertion(
                self.cadre, self.other_movement, start_date=date(2025, 1, 1)
            )
            approved = self._create_insertion(
                self.other_cadre,
                self.other_movement,
                "approved",
                start_date=date(2025, 1, 1),
                end_date=date(2025, 1, 31),
            )
            done = self._create_insertion(
                self.other_cadre,
                self.other_movement,
                "done",
                start_date=date(2025, 2, 1),
            )
        insertions = late | on_time | proposed | approved | done

        with freeze_time("2025-03-01 18:00:00"):
            Insertion = self.env["ms.cadre.insertion"]
            Insertion._cron_report_overdue()
            Insertion._cron_report_overdue()
            activities = self._report_activities(insertions)
            self.assertEqual(len(activities), 1)
            self.assertRecordValues(
                activities,
                [
                    {
                        "res_id": late.id,
                        "user_id": self.user_coordinator.id,
                        "date_deadline": date(2025, 2, 15),
                        "automated": True,
                    }
                ],
            )
            self.assertEqual(late.activity_ids, activities)
            self.assertFalse((insertions - late).activity_ids)

            # filing the report marks the to-do as done
            self._report(late, date(2025, 3, 1), env=self.env(user=self.user_operator))
            late.invalidate_recordset()
            self.assertFalse(late.activity_ids)
            self.assertFalse(activities.active)
            self.assertEqual(activities.date_done, date(2025, 3, 1))
            done_message = self.env["mail.message"].search(
                [
                    ("model", "=", "ms.cadre.insertion"),
                    ("res_id", "=", late.id),
                    ("mail_activity_type_id", "=", self.activity_type_report.id),
                ]
            )
            self.assertEqual(len(done_message), 1)
            self.assertEqual(late.next_report_date, date(2025, 4, 1))

            Insertion._cron_report_overdue()
            self.assertFalse(self._report_activities(insertions))

        # a month later the next report is overdue in turn
        with freeze_time("2025-04-03 18:00:00"):
            Insertion._cron_report_overdue()
            activities = self._report_activities(insertions)
            self.assertEqual(
                {activity.res_id: activity.date_deadline for activity in activities},
                {late.id: date(2025, 4, 1), on_time.id: date(2025, 3, 20)},
            )

    def test_report_constraints(self):
        """Reports go on active or concluded insertions, not before their
        start."""
        for state in ("proposed", "approved", "cancelled"):
            with self.subTest(state=state):
                insertion = self._create_insertion(
                    self._create_cadre(f"Cadre {state}"),
                    self.movement,
                    state,
                    start_date=date(2025, 1, 1),
                )
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    self._report(insertion, date(2025, 2, 1))
                self.assertFalse(insertion.report_ids)
        active = self._create_insertion(
            self.cadre, self.movement, "active", start_date=date(2025, 1, 10)
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._report(active, date(2025, 1, 9))
        report = self._report(active, date(2025, 1, 10))
        self.assertEqual(report.cadre_id, self.cadre)
        self.assertEqual(report.movement_id, self.movement)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            report.date = date(2024, 12, 31)
        active.action_conclude(reason="Done")
        self._report(active, date(2025, 2, 1), summary="Final report")
        self.assertEqual(len(active.report_ids), 2)

    # Access rights ----------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads insertions and reports but cannot create, write or
        delete them."""
        insertion = self._create_insertion(
            self.cadre, self.movement, "active", start_date=date(2025, 1, 1)
        )
        report = self._report(insertion, date(2025, 1, 20))
        insertion = insertion.with_user(self.env.user)
        report = report.with_user(self.env.user)
        self.assertEqual(insertion.cadre_id.name, "Rosa Cuadro")
        self.assertEqual(report.summary, "Assemblies held; the organization grows.")
        with self.assertRaises(AccessError):
            self._create_insertion(self.other_cadre, self.movement, env=self.env)
        with self.assertRaises(AccessError):
            insertion.write({"role": "Adviser"})
        with self.assertRaises(AccessError):
            insertion.unlink()
        with self.assertRaises(AccessError):
            self._report(insertion, date(2025, 2, 1), env=self.env)
        with self.assertRaises(AccessError):
            report.write({"summary": "Changed"})
        with self.assertRaises(AccessError):
            report.unlink()

    @users("ms_operator")
    def test_operator_creates_and_writes(self):
        """An operator creates and edits insertions and reports but cannot
        delete them."""
        insertion = self._create_insertion(
            self.cadre, self.movement, env=self.env, start_date=date(2025, 1, 1)
        )
        insertion.write({"role": "Adviser", "risk_level": "high"})
        self.assertEqual(insertion.role, "Adviser")
        self.assertEqual(insertion.create_uid, self.env.user)
        with self.assertRaises(AccessError):
            insertion.unlink()
        active = self._create_insertion(
            self.other_cadre, self.movement, "active", start_date=date(2025, 1, 1)
        )
        report = self._report(active, date(2025, 2, 1), env=self.env)
        report.write({"difficulties": "Few resources"})
        self.assertEqual(report.author_id, self.env.user)
        with self.assertRaises(AccessError):
            report.unlink()

    @users("ms_coordinator")
    def test_coordinator_deletes(self):
        """A coordinator deletes reports and insertions."""
        insertion = self._create_insertion(
            self.cadre, self.movement, "active", start_date=date(2025, 1, 1)
        )
        report = self._report(insertion, date(2025, 2, 1))
        report.with_user(self.env.user).unlink()
        self.assertFalse(report.exists())
        insertion.with_user(self.env.user).unlink()
        self.assertFalse(insertion.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read insertions or
        reports."""
        insertion = self._create_insertion(self.cadre, self.movement)
        with self.assertRaises(AccessError):
            insertion.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ms.cadre.report"].search([])
