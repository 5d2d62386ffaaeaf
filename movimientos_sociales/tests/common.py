from odoo.tests import common

from odoo.addons.mail.tests.common import mail_new_test_user


class MsCase(common.TransactionCase):
    """Base for the addon's tests: one user per role of the commission, plus an
    internal user outside it, and a few contacts tagged with sectors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        new_user = lambda login, groups, name: mail_new_test_user(  # noqa: E731
            cls.env,
            login=login,
            groups=groups,
            name=name,
            email=f"{login}@example.mx",
            notification_type="inbox",
            tz="America/Mexico_City",
        )
        cls.user_employee = new_user("ms_employee", "base.group_user", "Elena Empleada")
        cls.user_reader = new_user(
            "ms_reader", "movimientos_sociales.group_ms_reader", "Lucía Lectura"
        )
        cls.user_operator = new_user(
            "ms_operator", "movimientos_sociales.group_ms_user", "Óscar Operador"
        )
        cls.user_coordinator = new_user(
            "ms_coordinator",
            "movimientos_sociales.group_ms_coordinator",
            "Carmen Coordinadora",
        )
        cls.user_manager = new_user(
            "ms_manager",
            "movimientos_sociales.group_ms_manager",
            "Adrián Administrador",
        )

        cls.mx = cls.env.ref("base.mx")
        cls.state_oax = cls.env.ref("base.state_mx_oax")
        cls.state_chis = cls.env.ref("base.state_mx_chis")
        cls.sector_workers = cls.env.ref("movimientos_sociales.ms_sector_workers")
        cls.sector_peasants = cls.env.ref("movimientos_sociales.ms_sector_peasants")
        cls.sector_youth = cls.env.ref("movimientos_sociales.ms_sector_youth")
