import os
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ms_ui")
class TestUi(HttpCase):
    def test_menu_tour(self):
        """The app opens in Chromium from the apps menu, and its sectors list loads."""
        self.start_tour("/odoo", "movimientos_sociales_menu_tour", login="admin")

    def test_movement_tour(self):
        """Create an organization, move it along the pipeline, insert a cadre."""
        person = self.env["res.partner"].create({"name": "Rosario Ibarra"})
        self.env["ms.cadre"].create({"partner_id": person.id})
        self.start_tour("/odoo", "movimientos_sociales_movement_tour", login="admin")
        movement = self.env["ms.movement"].search(
            [("name", "=", "Colectivo Tierra y Libertad")]
        )
        self.assertEqual(
            movement.stage_id,
            self.env.ref("movimientos_sociales.ms_link_stage_linking"),
        )
        self.assertEqual(movement.state_id, self.env.ref("base.state_mx_oax"))
        self.assertTrue(movement.partner_id.is_company)
        self.assertEqual(movement.insertion_ids.cadre_id.name, "Rosario Ibarra")
        self.assertEqual(movement.insertion_ids.state, "proposed")
        self.assertEqual(movement.insertion_ids.role, "Enlace de formación")

    def test_assessment_tour(self):
        """Change an organization's assessment from its kanban card: one
        assessment, by the user, and the card's badge shows the level."""
        movement = self.env["ms.movement"].create(
            {
                "name": "Colectivo Valorado",
                "country_id": self.env.ref("base.mx").id,
                "state_id": self.env.ref("base.state_mx_oax").id,
            }
        )
        self.start_tour(
            "/odoo/ms-organizations",
            "movimientos_sociales_assessment_tour",
            login="admin",
        )
        level = self.env.ref("movimientos_sociales.ms_assessment_level_2")
        self.assertEqual(movement.ms_assessment_level_id, level)
        self.assertEqual(movement.ms_assessment_ids.level_id, level)
        self.assertEqual(
            movement.ms_assessment_ids.user_id, self.env.ref("base.user_admin")
        )

    def test_conference_tour(self):
        """Schedule a conference, add its sector's contacts, open its prefilled
        mailing to them, find it in Calendar."""
        self.env["res.partner"].create(
            {
                "name": "Julia Ecologista",
                "email": "julia@example.mx",
                "ms_sector_ids": [
                    (4, self.env.ref("movimientos_sociales.ms_sector_ecologists").id)
                ],
            }
        )
        self.start_tour("/odoo", "movimientos_sociales_conference_tour", login="admin")
        conference = self.env["ms.conference"].search(
            [("name", "=", "Conferencia Sectorial de Ecologistas")]
        )
        self.assertEqual(
            conference.sector_ids,
            self.env.ref("movimientos_sociales.ms_sector_ecologists"),
        )
        self.assertEqual(conference.calendar_event_id.name, conference.name)
        self.assertEqual(conference.calendar_event_id.start, conference.date_start)
        self.assertIn(
            "Julia Ecologista", conference.participant_ids.partner_id.mapped("name")
        )
        self.assertEqual(
            conference.mailing_ids.mailing_model_real, "ms.conference.participant"
        )
        self.assertIn("conference_id", conference.mailing_ids.mailing_domain)

    def test_conference_flow_tour(self):
        """The whole conference at the door: after scheduling it and inviting
        its sector (test_conference_tour), one invited person answers through
        their link as an anonymous visitor; staff check in two people (one a
        walk-in) on the check-in screen, hold and close the conference and read
        its closing report. The calendar mails nobody."""
        sector = self.env.ref("movimientos_sociales.ms_sector_ecologists")
        people = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "email": f"{login}@example.mx",
                    "ms_sector_ids": [(4, sector.id)],
                }
                for name, login in (
                    ("Julia Ecologista", "julia"),
                    ("Raúl Ecologista", "raul"),
                )
            ]
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=2)
        conference = self.env["ms.conference"].create(
            {
                "name": "Conferencia Ecologista en la Puerta",
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "sector_ids": [(4, sector.id)],
            }
        )
        conference.action_invite_sectors()
        mails_before = self.env["mail.mail"].sudo().search_count([])
        raul = conference.participant_ids.filtered(lambda p: p.partner_id == people[1])
        self.start_tour(
            raul.rsvp_url.removeprefix(raul.get_base_url()),
            "movimientos_sociales_rsvp_tour",
        )
        self.start_tour(
            f"/odoo/ms-conferences/{conference.id}",
            "movimientos_sociales_checkin_tour",
            login="admin",
        )
        conference.invalidate_recordset()
        self.assertEqual(raul.rsvp, "accepted")
        self.assertEqual(conference.state, "closed")
        present = conference.participant_ids.filtered("attended")
        self.assertEqual(
            sorted(present.partner_id.mapped("name")),
            ["Julia Ecologista", "Pedro Llegó Sin Invitación"],
        )
        self.assertTrue(present.filtered("walk_in").partner_id.ms_sector_ids)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before)

    def test_alliance_tour(self):
        """Create an alliance with three organizations; its sectors follow."""
        sectors = {
            "Tour Obreros": "movimientos_sociales.ms_sector_workers",
            "Tour Campesinos": "movimientos_sociales.ms_sector_peasants",
            "Tour Jóvenes": "movimientos_sociales.ms_sector_youth",
        }
        oaxaca = self.env.ref("base.state_mx_oax")
        self.env["ms.movement"].create(
            [
                {
                    "name": name,
                    "state_id": oaxaca.id,
                    "ms_sector_ids": [(6, 0, self.env.ref(xmlid).ids)],
                }
                for name, xmlid in sectors.items()
            ]
        )
        self.start_tour(
            "/odoo/action-movimientos_sociales.ms_alliance_action",
            "movimientos_sociales_alliance_tour",
            login="admin",
        )
        alliance = self.env["ms.alliance"].search(
            [("name", "=", "Bloque Popular del Tour")]
        )
        self.assertEqual(alliance.active_member_count, 3)
        self.assertEqual(
            alliance.sector_ids,
            self.env["ms.sector"].browse(
                [self.env.ref(xmlid).id for xmlid in sectors.values()]
            ),
        )

    def test_demand_tour(self):
        """Register a demand, file it; after the deadline it shows as overdue."""
        self.env["res.partner"].create({"name": "Colonia Tour"})
        authority = self.env["res.partner"].create(
            {"name": "Ayuntamiento Tour", "is_company": True, "ms_is_authority": True}
        )
        self.start_tour(
            "/odoo/action-movimientos_sociales.ms_demand_action",
            "movimientos_sociales_demand_tour",
            login="admin",
        )
        demand = self.env["ms.demand"].search([("authority_id", "=", authority.id)])
        self.assertEqual(demand.state, "filed")
        self.assertEqual(demand.filing_date, fields.Date.today())
        self.assertEqual(demand.deadline, fields.Date.today() + timedelta(days=30))
        self.assertFalse(demand.is_overdue)
        with freeze_time(demand.deadline + timedelta(days=1)):
            self.env["ms.demand"]._cron_mark_overdue()
            self.env.flush_all()
        self.assertTrue(demand.is_overdue)
        self.start_tour(
            f"/odoo/action-movimientos_sociales.ms_demand_action/{demand.id}",
            "movimientos_sociales_demand_overdue_tour",
            login="admin",
        )

    def test_click_everywhere(self):
        """Odoo's clickbot opens every menu, view and filter of the app."""
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            ".startClickEverywhere('movimientos_sociales.menu_root');",
            "odoo.isReady === true",
            login="admin",
            timeout=600,
            success_signal="clickbot test succeeded",
        )

    def test_dashboard_tour(self):
        """The app opens on the board; an upcoming conference shows at the
        user's local time (browser and user in Mexico City, UTC-6: 18:00 UTC
        reads 12:00); a state filter applies to the figures and to the list a
        figure opens."""
        Movement = self.env["ms.movement"]
        Movement.create(
            {
                "name": "Colectivo del Tablero",
                "state_id": self.env.ref("base.state_mx_oax").id,
            }
        )
        Movement.create(
            {
                "name": "Colectivo de Chiapas",
                "state_id": self.env.ref("base.state_mx_chis").id,
            }
        )
        start = (datetime.now() + timedelta(days=3)).replace(
            hour=18, minute=0, second=0, microsecond=0
        )
        mails = self.env["mail.mail"].search_count([])
        self.env["ms.conference"].create(
            {
                "name": "Conferencia del Tablero",
                "date_start": start,
                "date_end": start + timedelta(hours=2),
            }
        )
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.env.ref("base.user_admin").tz = "America/Mexico_City"
        with patch.dict(os.environ, {"TZ": "America/Mexico_City"}):
            self.start_tour(
                "/odoo", "movimientos_sociales_dashboard_tour", login="admin"
            )

    def test_coverage_tour(self):
        """Open the structure coverage from its menu: a sector's figure in
        Oaxaca, its cell's rows, a row's organization, its leadership (the
        leader marked)."""
        sector = self.env["ms.sector"].create(
            {"name": "Sector del Recorrido", "code": "T_COV_TOUR"}
        )
        _one, two = self.env["ms.movement"].create(
            [
                {
                    "name": name,
                    "state_id": self.env.ref("base.state_mx_oax").id,
                    "ms_sector_ids": [(6, 0, sector.ids)],
                }
                for name in ("Recorrido Uno", "Recorrido Dos")
            ]
        )
        leader, _member = self.env["res.partner"].create(
            [
                {"name": name, "parent_id": two.partner_id.id}
                for name in ("Dirigenta del Recorrido", "Integrante del Recorrido")
            ]
        )
        two.leader_ids = [(6, 0, leader.ids)]
        self.start_tour("/odoo", "movimientos_sociales_coverage_tour", login="admin")

    def test_organizing_tour(self):
        """As a national Operador: assess an organization from its kanban
        card, read the coverage, open a goal, open the network and, from it,
        the organization. One assessment, by the user; no mail, no activity."""
        operator = new_test_user(
            self.env,
            login="ms_tour_operator",
            groups="movimientos_sociales.group_ms_user",
            name="Olga Operadora",
            notification_type="inbox",
        )
        sector = self.env["ms.sector"].create(
            {"name": "Sector Organizado", "code": "T_ORG_TOUR"}
        )
        organized, allied = self.env["ms.movement"].create(
            [
                {
                    "name": name,
                    "state_id": self.env.ref("base.state_mx_oax").id,
                    "ms_sector_ids": [(6, 0, sector.ids)],
                }
                for name in ("Colectivo Organizado", "Colectivo Aliado")
            ]
        )
        self.env["res.partner.relation"].create(
            {
                "left_partner_id": organized.partner_id.id,
                "type_id": self.env.ref(
                    "movimientos_sociales.ms_relation_type_works_with"
                ).id,
                "right_partner_id": allied.partner_id.id,
            }
        )
        today = fields.Date.context_today(operator)
        self.env["ms.goal"].create(
            {
                "name": "Meta Organizada",
                "model_name": "ms.movement",
                "domain": f"[('ms_sector_ids', 'in', [{sector.id}])]",
                "target": 4,
                "date_start": today - timedelta(days=10),
                "deadline": today + timedelta(days=20),
                "user_id": operator.id,
            }
        )
        mails = self.env["mail.mail"].search_count([])
        activities = self.env["mail.activity"].search_count([])
        self.start_tour(
            "/odoo/ms-organizations",
            "movimientos_sociales_organizing_tour",
            login="ms_tour_operator",
        )
        level = self.env.ref("movimientos_sociales.ms_assessment_level_1")
        self.assertEqual(organized.ms_assessment_level_id, level)
        self.assertEqual(organized.ms_assessment_ids.user_id, operator)
        self.assertFalse(allied.ms_assessment_ids)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)

    def test_map_tour(self):
        """Open the map, click Oaxaca, open the organizations of one of its
        municipalities: the list holds that municipality's, not another's."""
        oaxaca = self.env.ref("base.state_mx_oax")
        self.env["ms.movement"].create(
            [
                {
                    "name": name,
                    "state_id": oaxaca.id,
                    "municipality_id": self.env.ref(
                        f"movimientos_sociales.res_city_mx_oax_{code}"
                    ).id,
                }
                for name, code in (
                    ("Colectivo del Mapa", "067"),
                    ("Colectivo de Juchitán", "043"),
                )
            ]
        )
        self.start_tour("/odoo", "movimientos_sociales_map_tour", login="admin")
