from odoo.tests import tagged

from .common import MsCase


@tagged("post_install", "-at_install", "ms_security")
class TestSecurity(MsCase):
    def test_groups_are_cumulative(self):
        """Each role implies the previous: Lectura < Operador < Coordinador < Admin."""
        chain = [
            "movimientos_sociales.group_ms_reader",
            "movimientos_sociales.group_ms_user",
            "movimientos_sociales.group_ms_coordinator",
            "movimientos_sociales.group_ms_manager",
        ]
        users = [
            self.user_reader,
            self.user_operator,
            self.user_coordinator,
            self.user_manager,
        ]
        for rank, user in enumerate(users):
            for level, xmlid in enumerate(chain):
                self.assertEqual(
                    user.has_group(xmlid), level <= rank, f"{user.login} / {xmlid}"
                )
        self.assertFalse(self.user_employee.has_group(chain[0]))

    def test_admin_is_administrator(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("movimientos_sociales.group_ms_manager"))

    def test_privilege(self):
        privilege = self.env.ref(
            "movimientos_sociales.res_groups_privilege_movimientos_sociales"
        )
        self.assertEqual(
            privilege.group_ids.sorted("sequence").mapped("name"),
            ["Reader", "Operator", "Coordinator", "Administrator"],
        )
