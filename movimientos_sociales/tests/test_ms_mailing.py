from ast import literal_eval

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged, users
from odoo.tools import email_normalize

from odoo.addons.mail.tests.common import MockEmail

from .common import MsCase

# Resolving ('ms_sector_ids', 'child_of', ids) when the recipients are searched:
# checking the sectors, and reading their parent_path.
CHILD_OF_QUERIES = 2


@tagged("post_install", "-at_install", "ms_mailing")
class TestMsMailing(MsCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Blacklist = cls.env["mail.blacklist"]
        cls.sector_laborers = cls._create_sector("Jornaleros", "TJOR")
        cls.sector_rural = cls._create_sector(
            "Jornaleros Rurales", "TJRU", parent_id=cls.sector_laborers.id
        )
        cls.sector_fishers = cls._create_sector("Pescadores", "TPES")

        # Jornaleros: two addresses, one of them twice, a blacklisted address,
        # an address whose blacklist entry was archived, and no address
        laborers = cls.sector_laborers
        cls.ana = cls._create_contact("Ana", "ana@example.mx", laborers)
        cls.ana_again = cls._create_contact(
            "Ana (trabajo)", '"Ana J." <ANA@example.mx>', laborers
        )
        cls.beto = cls._create_contact("Beto", "beto@example.mx", laborers)
        cls.blocked = cls._create_contact("Bloqueado", "bloqueado@example.mx", laborers)
        cls.unblocked = cls._create_contact(
            "Readmitida", "readmitida@example.mx", laborers
        )
        cls.no_email = cls._create_contact("Sin Correo", sectors=laborers)
        cls.rural = cls._create_contact("Rural", "rural@example.mx", cls.sector_rural)
        Blacklist._add("bloqueado@example.mx")
        Blacklist._add("readmitida@example.mx").active = False

        # Pescadores
        cls.fisher = cls._create_contact(
            "Pesca", "pesca@example.mx", cls.sector_fishers
        )
        cls.fisher_no_email = cls._create_contact(
            "Pesca Sin Correo", sectors=cls.sector_fishers
        )

        # Organizations and their people
        cls.union = cls._create_movement("Unión de Jornaleros", email="uj@example.mx")
        cls.union_member = cls._create_contact(
            "Eva Socia", "eva@example.mx", parent_id=cls.union.partner_id.id
        )
        cls.union_member_no_email = cls._create_contact(
            "Socio Sin Correo", parent_id=cls.union.partner_id.id
        )
        cls.coop = cls._create_movement("Cooperativa del Mar", email="coop@example.mx")
        cls.coop_member = cls._create_contact(
            "Raúl Cooperativista", "raul@example.mx", parent_id=cls.coop.partner_id.id
        )
        cls.front = cls._create_movement("Frente Juvenil", email="fj@example.mx")
        cls.front_member = cls._create_contact(
            "Joven", "joven@example.mx", parent_id=cls.front.partner_id.id
        )

    def _mailing(self, action):
        """The mailing opened by an action_ms_send_mailing action."""
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual(action["res_model"], "mailing.mailing")
        self.assertEqual(action["view_mode"], "form")
        return self.env["mailing.mailing"].browse(action["res_id"])

    def _targets(self, mailing):
        """Partners selected by the domain stored on the mailing, and those
        Odoo's email marketing will send to."""
        partners = self.env["res.partner"].search(literal_eval(mailing.mailing_domain))
        self.assertEqual(set(mailing._get_recipients()), set(partners.ids))
        return partners

    # Conference ----------------------------------------------------------------

    def _participant_targets(self, mailing):
        """People of the participants selected by the mailing's stored domain,
        and those Odoo's email marketing will send to."""
        participants = self.env["ms.conference.participant"].search(
            literal_eval(mailing.mailing_domain)
        )
        self.assertEqual(set(mailing._get_recipients()), set(participants.ids))
        return participants.partner_id

    @users("ms_operator")
    def test_conference_mailing(self):
        """Inviting by email creates a mailing on the conference's participants
        (one row per person invited), prefilled with its name, place, agenda,
        and each participant's answer link and check-in code; it reaches those
        with an email who haven't declined."""
        conference = self._create_conference(
            "Encuentro de Pescadores & Jornaleros",
            env=self.env,
            location="Puerto Escondido",
            agenda="<p>Water rights</p>",
            sector_ids=[Command.set(self.sector_fishers.ids)],
            movement_ids=[Command.set(self.union.ids)],
        )
        conference.action_invite_sectors()
        mailing = self._mailing(conference.action_ms_send_mailing())
        self.assertRecordValues(
            mailing,
            [
                {
                    "mailing_type": "mail",
                    "mailing_model_real": "ms.conference.participant",
                    "ms_conference_id": conference.id,
                    "subject": "Invitation: Encuentro de Pescadores & Jornaleros",
                }
            ],
        )
        for body in (mailing.body_html, mailing.body_arch):
            self.assertIn("Encuentro de Pescadores &amp; Jornaleros", body)
            self.assertIn("Puerto Escondido", body)
            self.assertIn("Water rights", body)
            self.assertIn('t-out="object.invitation_when"', body)
            self.assertIn('t-out="object.invitation_access"', body)
            self.assertIn("o_mail_snippet_general", body)
        self.assertEqual(
            self._participant_targets(mailing),
            self.fisher | self.union.partner_id | self.union_member,
        )
        # a participant who declined is no longer invited
        declined = conference.participant_ids.filtered(
            lambda p: p.partner_id == self.fisher
        )
        declined.sudo().attendee_id.state = "declined"
        self.assertEqual(
            self._participant_targets(mailing),
            self.union.partner_id | self.union_member,
        )
        self.assertEqual(conference.mailing_ids, mailing)
        self.assertEqual(conference.mailing_count, 1)
        action = conference.action_view_mailings()
        self.assertEqual(self.env["mailing.mailing"].search(action["domain"]), mailing)

    def test_conference_mailing_sectors_or_organizations(self):
        """ "Add sector contacts" takes the people of the sectors, sub-sectors
        included; for organizations, the organizations and their people; the
        invitation then reaches those with an email."""
        by_sector = self._create_conference(
            sector_ids=[Command.set((self.sector_fishers | self.sector_laborers).ids)]
        )
        by_sector.action_invite_sectors()
        self.assertEqual(
            by_sector.participant_ids.partner_id,
            self.fisher
            | self.fisher_no_email
            | self.ana
            | self.ana_again
            | self.beto
            | self.blocked
            | self.unblocked
            | self.no_email
            | self.rural,
        )
        self.assertEqual(
            self._participant_targets(
                self._mailing(by_sector.action_ms_send_mailing())
            ),
            self.fisher
            | self.ana
            | self.ana_again
            | self.beto
            | self.blocked
            | self.unblocked
            | self.rural,
        )
        by_organization = self._create_conference(
            movement_ids=[Command.set((self.union | self.coop).ids)]
        )
        by_organization.action_invite_sectors()
        self.assertEqual(
            self._participant_targets(
                self._mailing(by_organization.action_ms_send_mailing())
            ),
            self.union.partner_id
            | self.union_member
            | self.coop.partner_id
            | self.coop_member,
        )

    def test_conference_mailing_needs_participants(self):
        """A conference without participants cannot be mailed, nor can sector
        contacts be added to one without sectors nor organizations."""
        conference = self._create_conference()
        count = self.env["mailing.mailing"].search_count([])
        with self.assertRaisesRegex(UserError, "has no participants yet"):
            conference.action_ms_send_mailing()
        with self.assertRaisesRegex(UserError, "Choose the sectors or organizations"):
            conference.action_invite_sectors()
        self.assertEqual(self.env["mailing.mailing"].search_count([]), count)

    @users("ms_operator")
    def test_send_conference_invitation(self):
        """The invitation is sent once per participant address that is not
        blacklisted and has not declined, with their own answer link and
        check-in code; the calendar sends nothing."""
        conference = self._create_conference(
            "Conferencia de Jornaleros",
            env=self.env,
            date_start=self.now_plus(days=20),
            date_end=self.now_plus(days=20, hours=3),
            sector_ids=[Command.set(self.sector_laborers.ids)],
        )
        with self.mock_mail_gateway(mail_unlink_sent=False):
            conference.action_invite_sectors()
            conference.action_convene()
            mailing = self._mailing(conference.action_ms_send_mailing())
            mailing.action_send_mail()
        participants = conference.participant_ids
        links = {p.rsvp_url: p for p in participants}
        sent_to = [
            email_normalize(to) for sent in self._mails for to in sent["email_to"]
        ]
        # ana@ is two participants sharing an address: each gets their own
        # answer link; bloqueado@ is blacklisted, sin correo has no address
        self.assertEqual(
            sorted(sent_to),
            [
                "ana@example.mx",
                "ana@example.mx",
                "beto@example.mx",
                "readmitida@example.mx",
                "rural@example.mx",
            ],
        )
        self.assertEqual(len(self._new_mails), 5)
        self.assertFalse(
            self._new_mails.filtered(lambda m: m.model == "calendar.event"),
        )
        answered = self.env["ms.conference.participant"]
        for sent in self._mails:
            participant = next(p for url, p in links.items() if url in sent["body"])
            self.assertEqual(
                email_normalize(sent["email_to"][0]), participant.email_normalized
            )
            answered |= participant
            self.assertIn(participant.checkin_code, sent["body"])
            self.assertNotIn("UTC", sent["body"])
        self.assertEqual(len(answered), 5)

    # Sector and organizations ------------------------------------------------

    @users("ms_operator")
    def test_sector_mailing_includes_subsectors(self):
        """Emailing a sector reaches its people with an email, those of its
        sub-sectors included."""
        sector = self.sector_laborers.with_user(self.env.user)
        mailing = self._mailing(sector.action_ms_send_mailing())
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.subject, "To the Jornaleros sector")
        self.assertFalse(mailing.ms_conference_id)
        self.assertEqual(
            self._targets(mailing),
            self.ana
            | self.ana_again
            | self.beto
            | self.blocked
            | self.unblocked
            | self.rural,
        )

    @users("ms_operator")
    def test_movement_server_action(self):
        """The "Send Email" action on a selection of organizations mails them
        and their contact people with an email, and no other organization."""
        action = self.env.ref("movimientos_sociales.ms_movement_action_send_mailing")
        movements = (self.union | self.coop).with_user(self.env.user)
        result = action.with_context(
            active_model="ms.movement",
            active_ids=movements.ids,
            active_id=movements[0].id,
        ).run()
        mailing = self._mailing(result)
        expected = (
            self.union.partner_id
            | self.union_member
            | self.coop.partner_id
            | self.coop_member
        )
        self.assertEqual(self._targets(mailing), expected)
        self.assertIn("Unión de Jornaleros", mailing.subject)
        self.assertIn("Cooperativa del Mar", mailing.subject)

        # the same from the records' method
        mailing = self._mailing(movements.action_ms_send_mailing())
        self.assertEqual(self._targets(mailing), expected)

    # Audience ------------------------------------------------------------------

    def test_audience_count(self):
        """The audience counts the distinct addresses of the target, without the
        actively blacklisted ones: ana@ twice counts once, bloqueado@ is out,
        readmitida@ (archived entry) is in, contacts without email are out."""
        self.env.flush_all()  # see test_audience_count_sees_pending_changes
        Partner = self.env["res.partner"]
        domain = self.sector_laborers._ms_mailing_partner_domain()
        # ana, beto, readmitida, rural
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 4)
        # the same, worked out from the partners
        partners = Partner.search([*domain, ("email", "!=", False)])
        emails = {
            partner.email_normalized
            for partner in partners
            if partner.email_normalized and not partner.is_blacklisted
        }
        self.assertEqual(
            emails,
            {
                "ana@example.mx",
                "beto@example.mx",
                "readmitida@example.mx",
                "rural@example.mx",
            },
        )
        self.assertEqual(self.sector_laborers.mailing_audience_count, 4)
        self.assertEqual(self.sector_fishers.mailing_audience_count, 1)

        mailing = self._mailing(self.sector_laborers.action_ms_send_mailing())
        self.assertEqual(mailing.ms_audience_count, 4)

        conference = self._create_conference(
            sector_ids=[Command.set((self.sector_laborers | self.sector_fishers).ids)],
            movement_ids=[Command.set(self.union.ids)],
        )
        conference.action_invite_sectors()
        # ana, beto, readmitida, rural (sub-sector), pesca, uj, eva
        self.assertEqual(conference.mailing_audience_count, 7)
        mailing = self._mailing(conference.action_ms_send_mailing())
        self.assertEqual(mailing.ms_audience_count, 7)

    def test_audience_count_follows_blacklist(self):
        """Blacklisting an address removes it from the audience; archiving the
        blacklist entry brings it back."""
        Partner = self.env["res.partner"]
        domain = self.sector_laborers._ms_mailing_partner_domain()
        self.env.flush_all()
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 4)
        entry = self.env["mail.blacklist"]._add("ana@example.mx")
        self.env.flush_all()
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 3)
        entry.active = False
        self.env.flush_all()
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 4)

    def test_audience_count_on_other_models(self):
        """A mailing on another model has no partner audience."""
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Contacts",
                "mailing_model_id": self.env["ir.model"]._get_id("mailing.contact"),
                "mailing_domain": "[]",
            }
        )
        self.assertEqual(mailing.ms_audience_count, 0)

    def test_audience_count_sees_pending_changes(self):
        """The audience counts changes not yet written to the database: a new
        contact, a new blacklist entry, a changed address."""
        Partner = self.env["res.partner"]
        domain = self.sector_fishers._ms_mailing_partner_domain()
        self.env.flush_all()
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 1)
        self._create_contact("Nuevo", "nuevo@example.mx", self.sector_fishers)
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 2)
        self.env["mail.blacklist"]._add("nuevo@example.mx")
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 1)
        self.fisher_no_email.email = "ahora@example.mx"
        self.assertEqual(Partner._ms_mailing_audience_count(domain), 2)

    def test_audience_query_count_is_constant(self):
        """Counting the audience of a sector costs the same number of queries
        with 5 contacts as with 50."""
        small = self._create_sector("Pequeño", "TSMA")
        large = self._create_sector("Grande", "TLAR")
        for sector, size in ((small, 5), (large, 50)):
            self.env["res.partner"].create(
                [
                    {
                        "name": f"{sector.code} {index}",
                        "email": f"{sector.code.lower()}{index}@example.mx",
                        "ms_sector_ids": [Command.set(sector.ids)],
                    }
                    for index in range(size)
                ]
            )
        Partner = self.env["res.partner"]

        def count(sector):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            audience = Partner._ms_mailing_audience_count(
                sector._ms_mailing_partner_domain()
            )
            sector_audience = sector.mailing_audience_count
            self.assertEqual(audience, sector_audience)
            return self.env.cr.sql_log_count - before, audience

        count(small)  # warm up
        queries_small, audience_small = count(small)
        with self.assertQueryCount(queries_small):
            queries_large, audience_large = count(large)
        self.assertEqual((audience_small, audience_large), (5, 50))
        self.assertEqual(queries_small, queries_large)

    # Sending -------------------------------------------------------------------

    @users("ms_operator")
    def test_send_sector_mailing(self):
        """Sending the sector mailing emails each address once, skips the
        blacklisted one (a cancelled trace records it) and emails the address
        whose blacklist entry is archived."""
        sector = self.sector_laborers.with_user(self.env.user)
        mailing = self._mailing(sector.action_ms_send_mailing())
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail()
        self.assertEqual(mailing.state, "done")

        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(len(mails), 4)
        recipients = mails.recipient_ids
        self.assertEqual(len(recipients), 4)
        self.assertEqual(
            recipients - (self.ana | self.ana_again),
            self.beto | self.unblocked | self.rural,
        )
        self.assertEqual(len(recipients & (self.ana | self.ana_again)), 1)
        self.assertNotIn(self.blocked, recipients)
        self.assertNotIn(self.no_email, recipients)
        self.assertEqual(
            {email_normalize(to) for sent in self._mails for to in sent["email_to"]},
            {
                "ana@example.mx",
                "beto@example.mx",
                "readmitida@example.mx",
                "rural@example.mx",
            },
        )

        traces = (
            self.env["mailing.trace"]
            .sudo()
            .search([("mass_mailing_id", "=", mailing.id)])
        )
        by_partner = {trace.res_id: trace for trace in traces}
        self.assertEqual(
            set(by_partner),
            set(
                (
                    self.ana
                    | self.ana_again
                    | self.beto
                    | self.blocked
                    | self.unblocked
                    | self.rural
                ).ids
            ),
        )
        blocked_trace = by_partner[self.blocked.id]
        self.assertEqual(blocked_trace.trace_status, "cancel")
        self.assertEqual(blocked_trace.failure_type, "mail_bl")
        self.assertFalse(blocked_trace.mail_mail_id)
        duplicate = (self.ana | self.ana_again) - recipients
        self.assertEqual(by_partner[duplicate.id].trace_status, "cancel")
        self.assertEqual(by_partner[duplicate.id].failure_type, "mail_dup")
        for partner in recipients:
            self.assertEqual(by_partner[partner.id].trace_status, "sent")
        self.assertEqual(mailing.ms_audience_count, len(mails))

    def _send_query_count(self, mailing):
        """Queries of sending `mailing`, from an empty cache, through a mocked
        SMTP server (in test mode, Odoo would skip the sending itself); sent
        emails are deleted, as the mailing does not keep archives."""
        self.env.flush_all()
        self.env.invalidate_all()
        with self.mock_mail_gateway(mail_unlink_sent=True):
            before = self.env.cr.sql_log_count
            mailing.action_send_mail()
            self.env.flush_all()
            count = self.env.cr.sql_log_count - before
        self.assertEqual(len(self._mails), len(self._targets(mailing)))
        return count

    def test_send_query_count_sector_vs_plain_domain(self):
        """Sending a sector mailing costs, per recipient, the same queries as the
        same mailing on a plain list of the same partners, and in all at most
        the two queries that resolve the sector's hierarchy (child_of) more."""
        counts = {}
        for size in (10, 20):
            sector = self._create_sector(f"Envío {size}", f"TENV{size}")
            partners = self.env["res.partner"].create(
                [
                    {
                        "name": f"Destinataria {size}-{index:02d}",
                        "email": f"dest{size}.{index}@example.mx",
                        "ms_sector_ids": [Command.set(sector.ids)],
                    }
                    for index in range(size)
                ]
            )

            def sector_mailing(sector=sector):
                return self._mailing(sector.action_ms_send_mailing())

            def plain_mailing(partners=partners):
                mailing = sector_mailing()
                mailing.mailing_domain = repr([("id", "in", partners.ids)])
                return mailing

            # warm up the caches of both paths
            self._send_query_count(sector_mailing())
            self._send_query_count(plain_mailing())

            sector_sent, plain_sent = sector_mailing(), plain_mailing()
            self.assertEqual(self._targets(sector_sent), partners)
            self.assertEqual(self._targets(plain_sent), partners)
            self.assertFalse(sector_sent.keep_archives)
            counts[size] = (
                self._send_query_count(sector_sent),
                self._send_query_count(plain_sent),
            )
            for mailing in (sector_sent, plain_sent):
                traces = self.env["mailing.trace"].search(
                    [("mass_mailing_id", "=", mailing.id)]
                )
                self.assertEqual(set(traces.mapped("res_id")), set(partners.ids))
                self.assertEqual(set(traces.mapped("trace_status")), {"sent"})

        (sector_10, plain_10), (sector_20, plain_20) = counts[10], counts[20]
        message = (
            f"sector mailing: {sector_10} queries for 10 recipients, {sector_20} "
            f"for 20; plain mailing: {plain_10} for 10, {plain_20} for 20"
        )
        self.assertEqual(sector_20 - sector_10, plain_20 - plain_10, message)
        self.assertLessEqual(sector_20, plain_20 + CHILD_OF_QUERIES, message)
