from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail, mail_new_test_user

from .common import MsCase


@tagged("post_install", "-at_install", "ms_security", "ms_mailing")
class TestMailingMailingBoundary(MsCase, MockEmail):
    """Email marketing can't reach beyond what a mailing's author may read: the
    domain is checked when saved and when sent, the queue (superuser) evaluates
    it as the author, and who was mailed by the commission stays the
    commission's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = mail_new_test_user(
            cls.env,
            login="ms_marketer",
            groups="base.group_user,mass_mailing.group_mass_mailing_user",
            name="Marta Mercadotecnia",
            email="marketer@example.mx",
        )
        cls.operator_oax = cls._create_scoped_user(
            "ms_op_oax",
            "movimientos_sociales.group_ms_user",
            "Omar Oaxaca",
            states=cls.state_oax,
        )
        cls.sector = cls._create_sector("Pescadores", "TMMB")
        contact = cls._create_contact
        cls.fisher_oax = contact(
            "Fermín Oaxaca", "fermin@example.mx", cls.sector, state_id=cls.state_oax.id
        )
        cls.fisher_chis = contact(
            "Fabiola Chiapas",
            "fabiola@example.mx",
            cls.sector,
            state_id=cls.state_chis.id,
        )
        cls.cadres = cls._create_cadre(
            "Cuadro Uno", email="uno@example.mx"
        ) | cls._create_cadre("Cuadro Dos", email="dos@example.mx")
        cls.ordinary = contact("Cliente", "cliente@example.mx")
        cls.partner_model = cls.env["ir.model"]._get_id("res.partner")

    def _mailing_values(self, domain, **vals):
        return {
            "subject": "Boletín",
            "body_html": "<p>Hola</p>",
            "mailing_model_id": self.partner_model,
            "mailing_domain": repr(domain),
            **vals,
        }

    def _queue_and_run(self, mailing):
        """Put `mailing` in the queue and run the queue's job as Odoo's cron
        does (superuser); return the mails it created."""
        mailing.sudo().state = "in_queue"
        # the job commits its progress: not inside a test's transaction
        no_commit = patch.object(
            self.registry["ir.cron"], "_commit_progress", lambda *a, **k: 1.0
        )
        with self.mock_mail_gateway(mail_unlink_sent=False), no_commit:
            self.env["mailing.mailing"].sudo()._process_mass_mailing_queue()
        return self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])

    def test_domain_on_fields_author_cannot_read_refused_when_saved(self):
        """Finding 3: a marketing user outside the commission can't save a
        mailing that targets by the commission's fields, directly or along a
        path, nor get around it by naming someone else responsible."""
        Mailing = self.env["mailing.mailing"].with_user(self.marketer)
        admin = self.env.ref("base.user_admin")
        for domain in (
            [("ms_cadre_ids", "!=", False)],
            [("ms_sector_ids", "in", self.sector.ids)],
            [("ms_recorded", "=", True)],
            [("parent_id.ms_sector_ids", "!=", False)],
            [("ms_movement_ids.stage_id.is_linked", "=", True)],
            [("child_ids", "any", [("ms_cadre_ids", "!=", False)])],
        ):
            with self.subTest(domain=domain):
                with self.assertRaises(ValidationError):
                    Mailing.create(self._mailing_values(domain, user_id=admin.id))
        mailing = Mailing.create(self._mailing_values([("email", "!=", False)]))
        with self.assertRaises(ValidationError):
            mailing.write({"mailing_domain": repr([("ms_cadre_ids", "!=", False)])})

    def test_queue_refuses_stored_forbidden_domain(self):
        """Finding 3: a forbidden domain that got stored anyway (written by SQL,
        or the author lost the right) is refused by the queue: the mailing goes
        back to draft, no mail, no trace, no cadre listed."""
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(self._mailing_values([("email", "!=", False)]))
        )
        self.env.cr.execute(
            "UPDATE mailing_mailing SET mailing_domain = %s WHERE id = %s",
            (repr([("ms_cadre_ids", "!=", False)]), mailing.id),
        )
        mailing.invalidate_recordset()
        mails = self._queue_and_run(mailing)
        self.assertEqual(len(mails), 0)
        self.assertEqual(mailing.state, "draft")
        traces = (
            self.env["mailing.trace"]
            .sudo()
            .search([("mass_mailing_id", "=", mailing.id)])
        )
        self.assertEqual(len(traces), 0)
        self.assertEqual(len(self._mails), 0)

    def test_queue_evaluates_as_author_scope(self):
        """A state-scoped Operador's sector mailing reaches, when the queue sends
        it as superuser, only the contacts of the Operador's scope."""
        action = self.sector.with_user(self.operator_oax).action_ms_send_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(mailing.ms_domain_uid, self.operator_oax)
        mails = self._queue_and_run(mailing)
        self.assertEqual(mails.recipient_ids, self.fisher_oax)
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(mailing.state, "done")

    def test_explicit_recipients_limited_to_audience(self):
        """The public action_send_mail(res_ids) can't add recipients outside the
        mailing's audience (here: the cadres)."""
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(self._mailing_values([("id", "=", self.ordinary.id)]))
        )
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail(
                res_ids=[*self.cadres.partner_id.ids, self.ordinary.id]
            )
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(mails.recipient_ids, self.ordinary)
        other = mailing.copy()
        with self.assertRaises(UserError), self.mock_mail_gateway():
            other.action_send_mail(res_ids=self.cadres.partner_id.ids)

    def test_commission_traces_are_the_commissions(self):
        """Who was mailed by the commission (traces: addresses and contacts) is
        hidden from other email-marketing users; the author reads them."""
        action = self.sector.with_user(self.operator_oax).action_ms_send_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self._queue_and_run(mailing)
        self.assertTrue(mailing.ms_commission_mailing)
        domain = [("mass_mailing_id", "=", mailing.id)]
        Trace = self.env["mailing.trace"]
        self.assertEqual(Trace.with_user(self.marketer).search_count(domain), 0)
        self.assertEqual(Trace.with_user(self.operator_oax).search_count(domain), 1)
        self.assertEqual(Trace.with_user(self.user_coordinator).search_count(domain), 1)
        own = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(self._mailing_values([("id", "=", self.ordinary.id)]))
        )
        self._queue_and_run(own)
        self.assertEqual(
            Trace.with_user(self.marketer).search_count(
                [("mass_mailing_id", "=", own.id)]
            ),
            1,
        )

    def test_consent_applies_to_mailing_lists(self):
        """With consent required, a mailing list reaches nobody the commission
        records without consent, matched by email."""
        self.env.company.ms_require_consent = True
        mailing_list = self.env["mailing.list"].create(
            {
                "name": "Lista",
                "contact_ids": [
                    Command.create({"name": "Fermín", "email": "fermin@example.mx"}),
                    Command.create({"name": "Cliente", "email": "cliente@example.mx"}),
                ],
            }
        )
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(
                {
                    "subject": "Lista",
                    "body_html": "<p>Hola</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                    "contact_list_ids": [Command.set(mailing_list.ids)],
                }
            )
        )
        mails = self._queue_and_run(mailing)
        self.assertEqual(mails.mapped("email_to"), ["cliente@example.mx"])

    def test_author_and_flag_not_writable(self):
        """Who chose the audience and the commission's flag are recorded by
        Odoo: a client can't rewrite them to evaluate the domain as somebody
        else or to read the traces of a commission mailing."""
        action = self.sector.with_user(self.operator_oax).action_ms_send_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        admin = self.env.ref("base.user_admin")
        for user, values in (
            (self.operator_oax, {"ms_domain_uid": admin.id}),
            (self.operator_oax, {"ms_commission_mailing": False}),
            (self.marketer, {"ms_commission_mailing": False}),
        ):
            with self.subTest(user=user.login, values=values):
                with self.assertRaises(UserError):
                    mailing.with_user(user).write(values)
        self.assertEqual(mailing.ms_domain_uid, self.operator_oax)
        self.assertTrue(mailing.ms_commission_mailing)
        created = (
            self.env["mailing.mailing"]
            .with_user(self.operator_oax)
            .create(
                self._mailing_values(
                    [("email", "!=", False)],
                    ms_domain_uid=admin.id,
                    ms_commission_mailing=False,
                )
            )
        )
        self.assertEqual(created.ms_domain_uid, self.operator_oax)
        self.assertTrue(created.ms_commission_mailing)

    def test_commission_mailing_keeps_no_archives(self):
        """A copy of each email of the commission's mailings on the contacts'
        chatters would tell any employee who was mailed: never kept; and the
        audience count (which tells who the commission records) is the
        commission's."""
        action = self.sector.with_user(self.operator_oax).action_ms_send_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        mailing.with_user(self.operator_oax).write({"keep_archives": True})
        self.assertFalse(mailing.keep_archives)
        self.assertNotIn(
            "ms_audience_count",
            self.env["mailing.mailing"].with_user(self.marketer).fields_get(),
        )

    def test_marketer_sees_no_commission_data(self):
        """The outsider marketing user can't test the cadre flag directly either
        (the protection the queue used to bypass)."""
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.marketer).search_count(
                [("ms_cadre_ids", "!=", False)]
            )
