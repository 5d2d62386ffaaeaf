from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import MsCase


@tagged("post_install", "-at_install", "ms_action")
class TestMsMediaImpact(MsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._create_action()
        cls.other_action = cls._create_action("Plantón en Palacio")

    @classmethod
    def _impact(cls, action, outlet, reach, day=date(2025, 3, 9), env=None, **vals):
        env = env or cls.env
        return env["ms.media.impact"].create(
            {
                "action_id": action.id,
                "outlet": outlet,
                "reach": reach,
                "date": day,
                **vals,
            }
        )

    # Totals on the action --------------------------------------------------------

    def test_media_totals(self):
        """An action counts its appearances in the media and adds up their
        reach; the totals follow a change of reach, a new appearance and a
        deleted one, and other actions' appearances do not count."""
        self.assertRecordValues(self.action, [{"media_count": 0, "media_reach": 0}])
        press = self._impact(self.action, "El Imparcial", 12000, medium="press")
        radio = self._impact(self.action, "Radio Jën Poj", 3500, medium="radio")
        self._impact(self.other_action, "Noticias Oaxaca", 800)
        self.assertRecordValues(
            self.action | self.other_action,
            [
                {"media_count": 2, "media_reach": 15500},
                {"media_count": 1, "media_reach": 800},
            ],
        )
        radio.reach = 4000
        self.assertRecordValues(self.action, [{"media_count": 2, "media_reach": 16000}])
        self._impact(self.action, "@frente_oax", 0, medium="social")
        self.assertRecordValues(self.action, [{"media_count": 3, "media_reach": 16000}])
        press.unlink()
        self.assertRecordValues(self.action, [{"media_count": 2, "media_reach": 4000}])
        # as stored in the database
        self.env.flush_all()
        self.action.invalidate_recordset()
        self.assertRecordValues(self.action, [{"media_count": 2, "media_reach": 4000}])

    def test_media_totals_moved_impact(self):
        """Moving an appearance to another action moves its reach too."""
        impact = self._impact(self.action, "El Imparcial", 12000)
        impact.action_id = self.other_action
        self.assertRecordValues(
            self.action | self.other_action,
            [
                {"media_count": 0, "media_reach": 0},
                {"media_count": 1, "media_reach": 12000},
            ],
        )

    def test_media_totals_in_constant_queries(self):
        """Computing the totals of N actions costs the same number of queries
        for 3 actions as for 15."""
        actions = self.env["ms.action"]
        for index in range(15):
            actions |= self._create_action(f"Acción {index:02d}")
        for index, action in enumerate(actions):
            for k in range(index % 3 + 1):
                self._impact(action, f"Medio {k}", 100 * (index + 1))
        Action = self.env["ms.action"]
        fields_ = [Action._fields["media_count"], Action._fields["media_reach"]]

        def count(records):
            """Queries to recompute and store the totals of `records`."""
            self.env.flush_all()
            self.env.invalidate_all()
            for field in fields_:
                self.env.add_to_compute(field, records)
            before = self.env.cr.sql_log_count
            records.mapped("media_reach")
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small, large = actions[:3], actions
        count(small)  # warm up the caches
        queries_small = count(small)
        with self.assertQueryCount(queries_small):
            queries_large = count(large)
        self.assertEqual(queries_small, queries_large)
        self.assertEqual(
            large.mapped("media_count"), [index % 3 + 1 for index in range(15)]
        )
        self.assertEqual(
            large.mapped("media_reach"),
            [100 * (index + 1) * (index % 3 + 1) for index in range(15)],
        )

    def test_negative_reach_refused(self):
        """The estimated reach cannot be negative."""
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._impact(self.action, "El Imparcial", -1).flush_recordset()
        impact = self._impact(self.action, "El Imparcial", 10)
        with self.assertRaises(ValidationError):
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                impact.reach = -10
                impact.flush_recordset()

    def test_deleted_with_action(self):
        """Deleting an action deletes its appearances in the media."""
        impact = self._impact(self.action, "El Imparcial", 12000)
        self.action.unlink()
        self.assertFalse(impact.exists())

    def test_totals_per_month(self):
        """Grouping the appearances by month gives their number and their
        summed reach for each month."""
        actions = self.action | self.other_action
        self._impact(self.action, "El Imparcial", 1000, date(2025, 3, 9))
        self._impact(self.action, "Radio Jën Poj", 500, date(2025, 3, 31))
        self._impact(self.other_action, "Noticias Oaxaca", 250, date(2025, 3, 1))
        self._impact(self.other_action, "El Universal", 4000, date(2025, 4, 2))
        self._impact(self.action, "Canal 9", 70, date(2025, 6, 30))
        groups = self.env["ms.media.impact"]._read_group(
            [("action_id", "in", actions.ids)],
            ["date:month"],
            ["reach:sum", "__count"],
        )
        self.assertEqual(
            groups,
            [
                (date(2025, 3, 1), 1750, 3),
                (date(2025, 4, 1), 4000, 1),
                (date(2025, 6, 1), 70, 1),
            ],
        )

    # Access rights ---------------------------------------------------------------

    @users("ms_reader")
    def test_reader_reads_only(self):
        """A reader reads appearances but cannot create, write or delete them."""
        impact = self._impact(self.action, "El Imparcial", 10).with_user(self.env.user)
        self.assertEqual(impact.read(["outlet"])[0]["outlet"], "El Imparcial")
        with self.assertRaises(AccessError):
            self._impact(self.action, "Radio", 5, env=self.env)
        with self.assertRaises(AccessError):
            impact.write({"reach": 20})
        with self.assertRaises(AccessError):
            impact.unlink()

    @users("ms_operator")
    def test_operator_manages(self):
        """An operator creates, edits and deletes appearances, and the totals
        of the action follow."""
        action = self.action.with_user(self.env.user)
        impact = self._impact(action, "El Imparcial", 10, env=self.env)
        impact.write({"reach": 20, "tone": "favorable"})
        self.assertEqual(action.media_reach, 20)
        impact.unlink()
        self.assertFalse(impact.exists())
        self.assertRecordValues(action, [{"media_count": 0, "media_reach": 0}])

    @users("ms_employee")
    def test_employee_has_no_access(self):
        """An internal user outside the commission cannot read appearances."""
        impact = self._impact(self.action, "El Imparcial", 10)
        with self.assertRaises(AccessError):
            impact.with_user(self.env.user).read(["outlet"])
        with self.assertRaises(AccessError):
            self._impact(self.action, "Radio", 5, env=self.env)
