from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from unittest.mock import patch

import polib

from odoo import Command
from odoo.tests import common
from odoo.tools.translate import code_translations

from odoo.addons.mail.tests.common import mail_new_test_user

MODULE = "movimientos_sociales"
I18N = Path(__file__).parent.parent / "i18n"


@cache
def po_catalog(lang):
    """{source: translation} of the addon's i18n/<lang>.po, as shipped ("" for
    an entry not translated yet)."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(I18N / f"{lang}.po"))
        if not entry.obsolete
    }


class MsCase(common.TransactionCase):
    """Base for the addon's tests: one user per role of the commission, plus an
    internal user outside it, and a few contacts tagged with sectors."""

    @staticmethod
    def now_plus(days=0, hours=0):
        """A moment relative to now, to the second: Odoo treats future events
        differently (it mails their attendees)."""
        return datetime.now().replace(microsecond=0) + timedelta(days=days, hours=hours)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # On by default; the tests about consent turn it on themselves
        cls.env.company.ms_require_consent = False
        new_user = cls._create_user
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
    def _create_user(cls, login, groups, name, **vals):
        """A user of `groups`, in Mexico City, notified in Odoo (unless told)."""
        vals.setdefault("notification_type", "inbox")
        return mail_new_test_user(
            cls.env,
            login=login,
            groups=groups,
            name=name,
            email=f"{login}@example.mx",
            tz="America/Mexico_City",
            **vals,
        )

    @classmethod
    def _create_scoped_user(
        cls, login, groups, name, states=None, sectors=None, cities=None
    ):
        """A user of `groups` whose scope is restricted to `states`, `sectors`
        and municipalities (`cities`)."""
        return cls._create_user(
            login,
            groups,
            name,
            ms_scope="restricted",
            ms_scope_state_ids=[Command.set(states.ids if states else [])],
            ms_scope_sector_ids=[Command.set(sectors.ids if sectors else [])],
            ms_scope_city_ids=[Command.set(cities.ids if cities else [])],
        )

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
    def _municipality(cls, state_code, name):
        """A municipality of the catalog (data/territory)."""
        city = cls.env["res.city"].search(
            [
                ("country_id.code", "=", "MX"),
                ("state_id.code", "=", state_code),
                ("name", "=", name),
            ]
        )
        city.ensure_one()
        return city

    @classmethod
    def _create_movement(cls, name, env=None, **vals):
        env = env or cls.env
        return env["ms.movement"].create(cls._movement_vals(name, **vals))

    @classmethod
    def _create_cadre(cls, name, env=None, cadre_vals=None, **vals):
        """A person (`vals`) and their cadre file (ms.cadre, `cadre_vals`)."""
        env = env or cls.env
        partner = env["res.partner"].create({"name": name, **vals})
        return env["ms.cadre"].create({"partner_id": partner.id, **(cadre_vals or {})})

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

    # Conferences, sessions, agreements and mailings -----------------------------

    @classmethod
    def _create_sector(cls, name, code, env=None, **vals):
        """A sector of the tests' own, so that demo contacts stay out of it."""
        env = env or cls.env
        return env["ms.sector"].create({"name": name, "code": code, **vals})

    @classmethod
    def _create_contact(cls, name, email=False, sectors=None, env=None, **vals):
        """A person (or company, with is_company=True) tagged with `sectors`."""
        env = env or cls.env
        if sectors is not None:
            vals["ms_sector_ids"] = [Command.set(sectors.ids)]
        return env["res.partner"].create({"name": name, "email": email, **vals})

    @classmethod
    def _create_conference(cls, name="Conferencia Campesina", env=None, **vals):
        """A conference on 10 March 2025, 16:00-19:00 UTC, organized by the
        coordinator."""
        env = env or cls.env
        return env["ms.conference"].create(
            {
                "name": name,
                "date_start": datetime(2025, 3, 10, 16, 0),
                "date_end": datetime(2025, 3, 10, 19, 0),
                "organizer_id": cls.user_coordinator.id,
                **vals,
            }
        )

    @classmethod
    def _add_participants(cls, conference, partners, env=None):
        env = env or cls.env
        return env["ms.conference.participant"].create(
            [
                {"conference_id": conference.id, "partner_id": partner.id}
                for partner in partners
            ]
        )

    @classmethod
    def _create_session(cls, name="Sesión Ordinaria", env=None, **vals):
        """A session on 12 March 2025, 17:00-19:00 UTC."""
        env = env or cls.env
        return env["ms.session"].create(
            {
                "name": name,
                "date_start": datetime(2025, 3, 12, 17, 0),
                "date_end": datetime(2025, 3, 12, 19, 0),
                **vals,
            }
        )

    @classmethod
    def _create_agreement(cls, env=None, **vals):
        env = env or cls.env
        return env["ms.agreement"].create(
            {"text": "<p>Accompany the assembly of the union.</p>", **vals}
        )

    @classmethod
    def _set_commission(cls, members=None, coordinator=None):
        """Configure the commission of the current company: its members (users)
        and its coordinator."""
        cls.env.company.write(
            {
                "ms_commission_member_ids": [
                    Command.set(members.ids if members is not None else [])
                ],
                "ms_coordinator_id": coordinator.id if coordinator else False,
            }
        )

    @contextmanager
    def _patch_translations(self, lang, translations):
        """Make the addon's Python strings `translations` ({source: value})
        available in `lang`, whatever the state of the .po files."""
        current = code_translations.get_python_translations(MODULE, lang)
        with patch.dict(
            code_translations.python_translations,
            {(MODULE, lang): {**current, **translations}},
        ):
            yield

    # Alliances and international relations ---------------------------------------

    @classmethod
    def _create_alliance(
        cls, name, movements=None, state="exploration", env=None, **vals
    ):
        """An alliance started on 1 January 2025 with `movements` as active
        members, brought to `state` through its lifecycle actions."""
        env = env or cls.env
        alliance = env["ms.alliance"].create(
            {
                "name": name,
                "date_start": "2025-01-01",
                "member_ids": [
                    Command.create({"movement_id": movement.id})
                    for movement in movements or []
                ],
                **vals,
            }
        )
        if state in ("negotiation", "in_force", "suspended"):
            alliance.action_negotiate()
        if state in ("in_force", "suspended"):
            alliance.action_in_force()
        if state == "suspended":
            alliance.action_suspend(reason="The assembly paused it.")
        if state == "dissolved":
            alliance.action_dissolve(reason="The cause was won.")
        return alliance

    @classmethod
    def _create_foreign_org(cls, name, country_xmlid="base.br", env=None, **vals):
        """A company contact abroad, in the country `country_xmlid`."""
        env = env or cls.env
        return env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "country_id": cls.env.ref(country_xmlid).id,
                **vals,
            }
        )

    # Struggle and gestión social --------------------------------------------------

    @classmethod
    def _create_authority(cls, name, env=None, **vals):
        """A government office, to which citizen demands are addressed."""
        env = env or cls.env
        return env["res.partner"].create(
            {"name": name, "is_company": True, "ms_is_authority": True, **vals}
        )

    @classmethod
    def _create_action(cls, name="Marcha por el Agua", env=None, **vals):
        """A march in Oaxaca on 8 March 2025, 15:00-18:00 UTC."""
        env = env or cls.env
        return env["ms.action"].create(
            {
                "name": name,
                "kind_id": cls.env.ref("movimientos_sociales.ms_action_kind_march").id,
                "date_start": datetime(2025, 3, 8, 15, 0),
                "date_end": datetime(2025, 3, 8, 18, 0),
                "state_id": cls.state_oax.id,
                **vals,
            }
        )

    @classmethod
    def _create_demand(cls, requester, env=None, **vals):
        """A received demand of `requester` for water, in Oaxaca."""
        env = env or cls.env
        category = cls.env.ref("movimientos_sociales.ms_demand_category_water")
        return env["ms.demand"].create(
            {
                "requester_id": requester.id,
                "state_id": cls.state_oax.id,
                "category_id": category.id,
                "description": "<p>Drinking water for the neighbourhood.</p>",
                **vals,
            }
        )

    # Personal data: privacy notices, consents, ARCO requests, audit trail --------

    @classmethod
    def _create_notice(cls, version="T-2026-1", env=None, **vals):
        """A full privacy notice `version`, published today unless told."""
        env = env or cls.env
        return env["ms.privacy.notice"].create(
            {"version": version, "text": "<p>Aviso de privacidad.</p>", **vals}
        )

    @classmethod
    def _create_consent(cls, partner, purpose="mass_communications", env=None, **vals):
        """A consent of `partner` for `purpose`, given today on paper."""
        env = env or cls.env
        return env["ms.consent"].create(
            {"partner_id": partner.id, "purpose": purpose, **vals}
        )

    @classmethod
    def _create_arco(cls, partner, request_type="access", env=None, **vals):
        """An ARCO request of `partner`, received today."""
        env = env or cls.env
        return env["ms.arco.request"].create(
            {"partner_id": partner.id, "request_type": request_type, **vals}
        )

    def _audit_logs(self, model, res_id=None, method=None, user=None):
        """The auditlog.log entries on `model` (and `res_id`), by `method` and
        `user` when given, read as the superuser."""
        domain = [("model_id", "=", self.env["ir.model"]._get_id(model))]
        if res_id is not None:
            domain.append(("res_id", "=", res_id))
        if method:
            domain.append(("method", "=", method))
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["auditlog.log"].sudo().search(domain)

    @classmethod
    def _create_sector_fixture(cls, prefix):
        """Four sectors s1..s4 and three organizations: org_a (s1, s2), org_b (s3),
        org_c (s1); used by the alliance and sector-relation tests."""
        cls.s1 = cls._create_sector("Pescadores", f"{prefix}_S1")
        cls.s2 = cls._create_sector("Jornaleros", f"{prefix}_S2")
        cls.s3 = cls._create_sector("Colonos", f"{prefix}_S3")
        cls.s4 = cls._create_sector("Artesanas", f"{prefix}_S4")
        cls.org_a = cls._create_movement(
            "Cooperativa Pesquera", ms_sector_ids=[Command.set((cls.s1 | cls.s2).ids)]
        )
        cls.org_b = cls._create_movement(
            "Unión de Colonos", ms_sector_ids=[Command.set(cls.s3.ids)]
        )
        cls.org_c = cls._create_movement(
            "Red de Pescadoras", ms_sector_ids=[Command.set(cls.s1.ids)]
        )
