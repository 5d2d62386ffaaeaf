from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_alliance")
class TestMsAllianceMember(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org = cls._create_movement(
            "Unión Campesina",
            ms_sector_ids=[Command.set(cls.sector_peasants.ids)],
        )
        cls.other_org = cls._create_movement(
            "Frente Juvenil", ms_sector_ids=[Command.set(cls.sector_youth.ids)]
        )
        cls.alliance = cls._create_alliance("Bloque Popular", cls.other_org)
        cls.other_alliance = cls._create_alliance("Frente por el Agua")

    @classmethod
    def _join(cls, alliance=None, movement=None, env=None, **vals):
        """A membership of `movement` (the Unión Campesina) in `alliance` (the
        Bloque Popular) since 1 February 2025, created as the superuser unless
        given another environment."""
        env = env or cls.env
        return env["ms.alliance.member"].create(
            {
                "alliance_id": (alliance or cls.alliance).id,
                "movement_id": (movement or cls.org).id,
                "date_joined": date(2025, 2, 1),
                **vals,
            }
        )

    # Uniqueness and dates -------------------------------------------------------

    def test_active_member_once(self):
        """An organization cannot be an active member of the same alliance
        twice."""
        self._join()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._join(role="observer")
                self.env.flush_all()
        self.assertEqual(self.alliance.active_member_count, 2)

    def test_rejoin_after_leaving(self):
        """An organization that left an alliance can join it again; then it
        cannot come back as active through its old membership."""
        old = self._join(date_left=date(2025, 5, 1))
        self.assertEqual(old.status, "left")
        new = self._join(date_joined=date(2025, 9, 1))
        self.env.flush_all()
        self.assertEqual(new.status, "active")
        self.assertEqual(
            self.alliance.member_ids.filtered(lambda m: m.movement_id == self.org),
            old | new,
        )
        self.assertEqual(self.alliance.active_member_count, 2)
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                old.date_left = False
                self.env.flush_all()

    def test_active_in_two_alliances(self):
        """An organization can be an active member of two alliances at once."""
        first = self._join()
        second = self._join(self.other_alliance)
        self.env.flush_all()
        self.assertEqual((first | second).mapped("status"), ["active", "active"])
        self.assertEqual(self.other_alliance.active_member_count, 1)

    def test_suspended_member_does_not_block(self):
        """Only active memberships are unique: a suspended one does not prevent
        another, active, of the same organization."""
        self._join(status="suspended")
        self.env.flush_all()
        self.assertTrue(self._join(role="observer"))
        self.env.flush_all()

    def test_cannot_leave_before_joining(self):
        """Leaving before joining is refused by the database, at creation or
        later; leaving the day of joining is fine."""
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._join(date_left=date(2025, 1, 31))
                self.env.flush_all()
        member = self._join()
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                member.date_left = date(2025, 1, 15)
                self.env.flush_all()
        member.invalidate_recordset()
        self.assertFalse(member.date_left)
        member.date_left = date(2025, 2, 1)
        self.env.flush_all()
        self.assertEqual(member.status, "left")

    # Status ---------------------------------------------------------------------

    def test_status(self):
        """A new member is active; a date left makes it left, removing the date
        makes it active again; a manual suspension stays while there is no date
        left."""
        member = self._join()
        self.assertEqual(member.status, "active")
        member.date_left = date(2025, 6, 1)
        self.assertEqual(member.status, "left")
        member.date_left = False
        self.assertEqual(member.status, "active")

        member.status = "suspended"
        member.write({"role": "convener", "date_joined": date(2025, 1, 15)})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(member.status, "suspended")

        member.date_left = date(2025, 6, 1)
        self.assertEqual(member.status, "left")
        member.date_left = False
        self.assertEqual(member.status, "active")

    def test_suspended_at_creation(self):
        """A member recorded as suspended stays suspended."""
        suspended = self._join(status="suspended")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(suspended.status, "suspended")
        self.assertEqual(self.alliance.active_member_count, 1)

    def test_date_left_wins_over_given_status(self):
        """A member with a date left has left the alliance, even when the
        status given with it (an import, an RPC call) says otherwise."""
        left = self._join(date_left=date(2025, 3, 1), status="active")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(left.status, "left")
        self.assertEqual(self.alliance.active_member_count, 1)

    def test_related_fields(self):
        """A member shows its organization's sectors and state, and its
        organization lists its memberships."""
        first = self._join(role="convener")
        second = self._join(self.other_alliance, date_left=date(2025, 4, 1))
        self.assertEqual(first.sector_ids, self.sector_peasants)
        self.assertEqual(first.state_id, self.state_oax)
        self.assertEqual(first.display_name, "Unión Campesina")
        self.assertEqual(self.org.alliance_member_ids, first | second)
        self.assertEqual(
            self.org.alliance_member_ids.alliance_id,
            self.alliance | self.other_alliance,
        )
        self.assertEqual(
            self.other_org.alliance_member_ids, self.alliance.member_ids - first
        )
        self.org.state_id = self.state_chis
        self.assertEqual(
            self.env["ms.alliance.member"].search(
                [("state_id", "=", self.state_chis.id), ("id", "in", first.ids)]
            ),
            first,
        )

    def test_deleting_organization_deletes_memberships(self):
        """Deleting an organization deletes its memberships and updates the
        alliance's counters."""
        member = self._join()
        self.assertEqual(self.alliance.active_member_count, 2)
        self.org.unlink()
        self.assertFalse(member.exists())
        self.alliance.invalidate_recordset()
        self.assertEqual(self.alliance.active_member_count, 1)
        self.assertEqual(self.alliance.sector_ids, self.sector_youth)

    # Access rights --------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads memberships but cannot add, change or remove them."""
        member = self._join().with_user(self.env.user)
        self.assertEqual(member.read(["role"])[0]["role"], "member")
        with self.assertRaises(AccessError):
            self._join(self.other_alliance, env=self.env)
        with self.assertRaises(AccessError):
            member.write({"role": "observer"})
        with self.assertRaises(AccessError):
            member.unlink()

    @users("ms_operator")
    def test_operator_manages_members(self):
        """An operator adds, edits and removes memberships."""
        member = self._join(env=self.env)
        member.write({"role": "convener", "date_left": date(2025, 7, 1)})
        self.assertEqual(member.status, "left")
        self.assertEqual(self.alliance.with_user(self.env.user).active_member_count, 1)
        member.unlink()
        self.assertFalse(member.exists())

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read memberships."""
        member = self._join()
        with self.assertRaises(AccessError):
            member.with_user(self.env.user).read(["role"])
        with self.assertRaises(AccessError):
            self._join(self.other_alliance, env=self.env)
