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

        cls.stage_identified = cls.env.ref(
            "movimientos_sociales.ms_link_stage_identified"
        )
        cls.stage_first_contact = cls.env.ref(
            "movimientos_sociales.ms_link_stage_first_contact"
        )
        cls.stage_no_relation = cls.env.ref(
            "movimientos_sociales.ms_link_stage_no_relation"
        )
        cls.activity_type_report = cls.env.ref(
            "movimientos_sociales.mail_activity_type_cadre_report"
        )

    # Helpers: they create as the superuser unless given another environment.

    @classmethod
    def _movement_vals(cls, name, **vals):
        """Values of a Mexican organization with its state set."""
        return {
            "name": name,
            "country_id": cls.mx.id,
            "state_id": cls.state_oax.id,
            **vals,
        }

    @classmethod
    def _create_movement(cls, name, env=None, **vals):
        env = env or cls.env
        return env["ms.movement"].create(cls._movement_vals(name, **vals))

    @classmethod
    def _create_cadre(cls, name, env=None, **vals):
        env = env or cls.env
        return env["res.partner"].create({"name": name, "ms_is_cadre": True, **vals})

    @classmethod
    def _create_insertion(cls, cadre, movement, state="proposed", env=None, **vals):
        """An insertion of `cadre` in `movement`, coordinated by the coordinator,
        brought to `state` through its lifecycle actions."""
        env = env or cls.env
        insertion = env["ms.cadre.insertion"].create(
            {
                "cadre_id": cadre.id,
                "movement_id": movement.id,
                "coordinator_id": cls.user_coordinator.id,
                **vals,
            }
        )
        if state in ("approved", "active", "done"):
            insertion.action_approve()
        if state in ("active", "done"):
            insertion.action_activate()
        if state == "done":
            insertion.action_conclude(reason="Mission accomplished")
        if state == "cancelled":
            insertion.action_cancel(reason="Not the right moment")
        return insertion

    @classmethod
    def _create_evaluation(cls, movement, score=None, env=None, **vals):
        """An evaluation of `movement` with the default lines, all scored
        `score` when it is given."""
        env = env or cls.env
        evaluation = env["ms.movement.evaluation"].create(
            {"movement_id": movement.id, **vals}
        )
        if score is not None:
            evaluation.line_ids.write({"score": score})
        return evaluation
