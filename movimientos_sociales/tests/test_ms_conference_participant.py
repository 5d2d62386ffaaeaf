from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_conference")
class TestMsConferenceParticipant(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector_laborers = cls._create_sector("Jornaleros", "TJOR")
        cls.sector_fishers = cls._create_sector("Pescadores", "TPES")
        cls.movement = cls._create_movement(
            "Unión de Jornaleros", email="uj@example.mx"
        )
        cls.member = cls._create_contact(
            "Eva Socia", "eva@example.mx", parent_id=cls.movement.partner_id.id
        )
        cls.ana = cls._create_contact("Ana", "ana@example.mx")
        cls.beto = cls._create_contact("Beto", "beto@example.mx")
        cls.conference = cls._create_conference()

    # Attendee and RSVP ---------------------------------------------------------

    def test_attendee_linked(self):
        """Each participant is linked to their attendee of the conference's
        event, who has not answered yet."""
        participants = self._add_participants(self.conference, self.ana | self.beto)
        event = self.conference.calendar_event_id
        for participant in participants:
            with self.subTest(partner=participant.partner_id.name):
                self.assertTrue(participant.attendee_id)
                self.assertEqual(participant.attendee_id.event_id, event)
                self.assertEqual(
                    participant.attendee_id.partner_id, participant.partner_id
                )
                self.assertEqual(participant.rsvp, "needsAction")
        self.assertEqual(
            participants.attendee_id,
            event.attendee_ids.filtered(
                lambda a: a.partner_id in (self.ana | self.beto)
            ),
        )

    def test_rsvp_follows_attendee(self):
        """The RSVP is the state of the attendee, whether it is written or set
        through the invitation's accept and decline actions."""
        participant = self._add_participants(self.conference, self.ana)
        attendee = participant.attendee_id
        attendee.state = "accepted"
        self.assertEqual(participant.rsvp, "accepted")
        attendee.state = "declined"
        self.assertEqual(participant.rsvp, "declined")
        attendee.do_accept()
        self.assertEqual(participant.rsvp, "accepted")
        attendee.do_tentative()
        self.assertEqual(participant.rsvp, "tentative")
        attendee.do_decline()
        self.assertEqual(participant.rsvp, "declined")
        # stored: searchable
        self.assertEqual(
            self.env["ms.conference.participant"].search(
                [("conference_id", "=", self.conference.id), ("rsvp", "=", "declined")]
            ),
            participant,
        )

    def test_change_of_person_relinks_attendee(self):
        """Replacing the person of a participant moves the invitation: the new
        person becomes the attendee, the former one is no longer invited."""
        participant = self._add_participants(self.conference, self.ana)
        participant.attendee_id.state = "accepted"
        participant.partner_id = self.beto
        event = self.conference.calendar_event_id
        self.assertEqual(participant.attendee_id.partner_id, self.beto)
        self.assertEqual(participant.rsvp, "needsAction")
        self.assertNotIn(self.ana, event.attendee_ids.partner_id)
        self.assertIn(self.beto, event.attendee_ids.partner_id)

    # Organization and sector -------------------------------------------------

    def test_movement_from_commercial_partner(self):
        """The organization of a participant is the ms.movement of their
        commercial partner: for the organization itself and its contact people;
        none for independent people or companies without a file."""
        company = self._create_contact("Empacadora", is_company=True)
        employee = self._create_contact("Empleado", parent_id=company.id)
        participants = self._add_participants(
            self.conference,
            self.movement.partner_id | self.member | self.ana | company | employee,
        )
        self.assertEqual(
            participants.mapped(lambda p: (p.partner_id, p.movement_id)),
            [
                (self.movement.partner_id, self.movement),
                (self.member, self.movement),
                (self.ana, self.env["ms.movement"]),
                (company, self.env["ms.movement"]),
                (employee, self.env["ms.movement"]),
            ],
        )
        # when the person joins an organization later
        participant_ana = participants.filtered(lambda p: p.partner_id == self.ana)
        participant_ana.partner_id = self.member.copy({"name": "Ana Socia"})
        self.assertEqual(participant_ana.movement_id, self.movement)

    def test_sector_prefers_conference_sector(self):
        """The sector of a participant is one of the conference's sectors when
        the person belongs to it, otherwise one of the person's sectors."""
        both = self._create_contact(
            "Ambos", sectors=self.sector_laborers | self.sector_fishers
        )
        fisher = self._create_contact("Pescador", sectors=self.sector_fishers)
        nobody = self._create_contact("Sin Sector")
        self.conference.sector_ids = self.sector_fishers
        p_both, p_fisher, p_nobody = self._add_participants(
            self.conference, both | fisher | nobody
        )
        self.assertEqual(p_both.sector_id, self.sector_fishers)
        self.assertEqual(p_fisher.sector_id, self.sector_fishers)
        self.assertFalse(p_nobody.sector_id)

        conference = self._create_conference(
            "Jornaleros", sector_ids=[Command.set(self.sector_laborers.ids)]
        )
        p_both_2, p_fisher_2 = self._add_participants(conference, both | fisher)
        self.assertEqual(p_both_2.sector_id, self.sector_laborers)
        self.assertEqual(p_fisher_2.sector_id, self.sector_fishers)

        # follows the conference's sectors
        self.conference.sector_ids = self.sector_laborers
        self.assertEqual(p_both.sector_id, self.sector_laborers)

    def test_person_once_per_conference(self):
        """A person is a participant of a conference only once."""
        self._add_participants(self.conference, self.ana)
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._add_participants(self.conference, self.ana)
        # in another conference, fine
        other = self._create_conference("Otra")
        self.assertTrue(self._add_participants(other, self.ana))

    # Access rights -------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads participants but cannot add, change or remove them."""
        participant = self._add_participants(self.conference, self.ana).with_user(
            self.env.user
        )
        self.assertEqual(participant.partner_id, self.ana)
        with self.assertRaises(AccessError):
            self._add_participants(self.conference, self.beto, env=self.env)
        with self.assertRaises(AccessError):
            participant.write({"attended": True})
        with self.assertRaises(AccessError):
            participant.unlink()

    @users("ms_operator")
    def test_operator_manages_participants(self):
        """An operator adds participants, records attendance and removes them."""
        participant = self._add_participants(
            self.conference, self.ana | self.beto, env=self.env
        )
        participant.write({"attended": True})
        self.assertEqual(self.conference.attended_count, 2)
        participant[0].unlink()
        self.assertFalse(participant[0].exists())
        self.assertEqual(
            self.conference.calendar_event_id.attendee_ids.partner_id,
            self.beto | self.user_coordinator.partner_id,
        )

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read participants."""
        participant = self._add_participants(self.conference, self.ana)
        with self.assertRaises(AccessError):
            participant.with_user(self.env.user).read(["partner_id"])
        with self.assertRaises(AccessError):
            self._add_participants(self.conference, self.beto, env=self.env)

    # Many people at once -------------------------------------------------------

    @users("ms_operator")
    def test_adding_participants_writes_no_shared_row(self):
        """Adding people to a conference, marking them present and removing
        them never rewrites the conference's row nor its event's: staff
        adding people to the same conference at once don't contend (a
        serialization failure under load otherwise). The attendees and the
        event's attendee list still follow the participants."""
        conference = self.conference.with_user(self.env.user)
        conference.action_convene()
        event = conference.calendar_event_id
        queries = []
        with contextmanager(self._patchExecute)(queries):
            participants = self._add_participants(
                conference, self.ana | self.beto | self.member, env=self.env
            )
            participants[0].attended = True
            participants[2].unlink()
        updates = [q.split()[1] for q in queries if q.lstrip().startswith("UPDATE")]
        self.assertTrue(updates)  # the participants' own rows are written
        self.assertNotIn('"ms_conference"', updates)
        self.assertNotIn('"calendar_event"', updates)
        event.invalidate_recordset()
        self.assertEqual(
            event.sudo().partner_ids - self.user_coordinator.partner_id,
            self.ana | self.beto,
        )
        self.assertEqual(
            event.sudo().attendee_ids.partner_id - self.user_coordinator.partner_id,
            self.ana | self.beto,
        )
        self.assertEqual(participants[:2].attendee_id.partner_id, self.ana | self.beto)
        self.assertEqual(conference.attended_count, 1)

    def test_client_cannot_name_the_attendee(self):
        """The attendee of a participant is the addon's: one a client names
        (another event's) is ignored."""
        other = self._create_conference("Otra")
        foreign = self._add_participants(other, self.ana).attendee_id
        participant = (
            self.env["ms.conference.participant"]
            .with_user(self.user_operator)
            .create(
                {
                    "conference_id": self.conference.id,
                    "partner_id": self.ana.id,
                    "attendee_id": foreign.id,
                }
            )
        )
        self.assertNotEqual(participant.attendee_id, foreign)
        self.assertEqual(
            participant.attendee_id.event_id, self.conference.calendar_event_id
        )

    def test_attendance_final_once_closed(self):
        """A closed conference's participants and attendance are final."""
        participants = self._add_participants(self.conference, self.ana | self.beto)
        self.conference.action_convene()
        self.conference.action_mark_held()
        self.conference.minutes = "<p>Acta</p>"
        self.conference.with_user(self.user_coordinator).action_close()
        with self.assertRaisesRegex(UserError, "are final"):
            participants[0].with_user(self.user_operator).attended = True
        with self.assertRaisesRegex(UserError, "are final"):
            participants[0].with_user(self.user_operator).unlink()
        for vals in (
            {"rsvp": "declined"},
            {"sector_id": self.sector_fishers.id},
            {"movement_id": self.movement.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "are final"),
            ):
                participants[0].with_user(self.user_operator).write(vals)
        self.assertFalse(participants[0].attended)
        self.assertEqual(participants[0].rsvp, "needsAction")
        # nobody is added either, by any path
        Participant = self.env["ms.conference.participant"].with_user(
            self.user_coordinator
        )
        with self.assertRaisesRegex(UserError, "are final"):
            Participant.create(
                {"conference_id": self.conference.id, "partner_id": self.member.id}
            )
        with self.assertRaisesRegex(UserError, "are final"):
            self.conference.with_user(self.user_coordinator).write(
                {"participant_ids": [Command.create({"partner_id": self.member.id})]}
            )
        self.assertEqual(len(self.conference.participant_ids), 2)

    def test_keys_are_staff_only(self):
        """The answer link and check-in code are read by the staff who invite
        and check in, not by every reader; "walk-in" is set at the door only."""
        participant = self._add_participants(self.conference, self.ana)
        as_reader = participant.with_user(self.user_reader)
        for name in ("rsvp_url", "checkin_code", "invitation_access"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                as_reader.read([name])
        self.assertTrue(participant.with_user(self.user_operator).rsvp_url)
        with self.assertRaisesRegex(UserError, "recorded at the door"):
            participant.with_user(self.user_operator).walk_in = True
