from ast import literal_eval

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MsCase

CADRE_FIELDS = (
    "ms_is_cadre",
    "ms_cadre_since",
    "ms_cadre_training_level",
    "ms_cadre_committee",
    "ms_insertion_ids",
)


@tagged("post_install", "-at_install", "ms_security", "ms_audit")
class TestMsAudit(MsCase):
    """Audit trail (OCA auditlog): changes to organizations, insertions and
    consents, reads of insertions and of the cadre fields of contacts, and who
    may read the trail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls._create_movement("Unión de Colonos del Valle")
        cls.cadre = cls._create_cadre(
            "Camila Cuadro", email="camila@example.mx", ms_cadre_committee="CEE"
        )
        cls.not_cadre = cls._create_contact("Nora Civil", "nora@example.mx")
        cls.insertion = cls._create_insertion(cls.cadre, cls.movement, role="Enlace")

    def _line(self, log, field_name):
        lines = log.line_ids.filtered(lambda line: line.field_name == field_name)
        self.assertEqual(len(lines), 1, f"one line for {field_name} in {log.name}")
        return lines

    def _assert_trail(self, record, user, field_name, new_value):
        """`record` was created, then `field_name` written to `new_value`, then
        deleted, by `user`: one log of each, on the right model and record."""
        model, res_id = record._name, record.id
        create = self._audit_logs(model, res_id, "create")
        self.assertEqual(len(create), 1)
        self.assertEqual(create.user_id, user)
        self.assertEqual(create.model_id.model, model)
        self.assertEqual(create.log_type, "full")

        record.with_user(user).write({field_name: new_value})
        write = self._audit_logs(model, res_id, "write")
        self.assertEqual(len(write), 1)
        self.assertEqual(write.user_id, user)
        self.assertEqual(self._line(write, field_name).new_value_text, new_value)

        record.with_user(user).unlink()
        unlink = self._audit_logs(model, res_id, "unlink")
        self.assertEqual(len(unlink), 1)
        self.assertEqual(unlink.user_id, user)
        self.assertEqual(
            set(self._audit_logs(model, res_id).mapped("method")),
            {"create", "write", "unlink"},
        )

    # Changes -------------------------------------------------------------------

    def test_movement_changes_logged(self):
        """Creating, editing and deleting an organization are logged with the
        user who did it."""
        user = self.user_coordinator
        movement = self._create_movement("Frente Juvenil", env=self.env(user=user))
        self._assert_trail(movement, user, "municipality", "Juchitán de Zaragoza")

    def test_insertion_changes_logged(self):
        """Creating, editing and deleting a cadre insertion are logged with the
        user who did it."""
        user = self.user_coordinator
        other = self._create_movement("Frente Juvenil")
        insertion = self._create_insertion(self.cadre, other, env=self.env(user=user))
        self._assert_trail(insertion, user, "role", "Secretaría de Organización")

    def test_consent_changes_logged(self):
        """Recording, editing and deleting a consent are logged with the user
        who did it."""
        user = self.user_coordinator
        consent = self._create_consent(self.cadre, env=self.env(user=user))
        self.assertEqual(
            self._line(
                self._audit_logs("ms.consent", consent.id, "create"), "purpose"
            ).new_value,
            "mass_communications",
        )
        consent.with_user(user).action_revoke()
        write = self._audit_logs("ms.consent", consent.id, "write")
        self.assertEqual(write.user_id, user)
        self.assertEqual(
            self._line(write, "date_revoked").new_value_text,
            str(fields.Date.context_today(consent)),
        )
        consent.with_user(user).unlink()
        self.assertEqual(
            self._audit_logs("ms.consent", consent.id, "unlink").user_id, user
        )

    def test_operator_changes_logged_as_operator(self):
        """An Operador's edit of an organization is logged under the Operador,
        not under the superuser."""
        self.movement.with_user(self.user_operator).municipality = "Tlacolula"
        log = self._audit_logs("ms.movement", self.movement.id, "write")
        self.assertEqual(log.user_id, self.user_operator)

    # Reads ---------------------------------------------------------------------

    def test_insertion_read_logged(self):
        """Reading a cadre insertion is logged with the reader and the field
        read."""
        self.assertFalse(self._audit_logs("ms.cadre.insertion", method="read"))
        self.insertion.with_user(self.user_operator).read(["role"])
        logs = self._audit_logs("ms.cadre.insertion", method="read")
        self.assertTrue(logs)
        self.assertEqual(logs.user_id, self.user_operator)
        self.assertEqual(set(logs.mapped("res_id")), {self.insertion.id})
        for log in logs:
            self.assertTrue(
                "role" in log.name or "role" in log.line_ids.mapped("field_name"),
                f"the field read is named in the log {log.name}",
            )

    def test_insertion_list_read_logged(self):
        """Opening the list of insertions in the web client (web_search_read)
        logs a read by the user."""
        self.env["ms.cadre.insertion"].with_user(self.user_reader).web_search_read(
            [("id", "=", self.insertion.id)], {"role": {}}
        )
        self.assertTrue(
            self._audit_logs(
                "ms.cadre.insertion", self.insertion.id, "read", self.user_reader
            )
        )

    def _cadre_read_logs(self, user):
        return self._audit_logs("res.partner", method="read", user=user)

    def test_cadre_fields_read_logged(self):
        """Reading the cadre fields of a cadre as a Lectura user logs a read by
        that user, on that contact, naming the fields read."""
        reader = self.user_reader
        values = self.cadre.with_user(reader).read(["ms_is_cadre"])
        self.assertTrue(values[0]["ms_is_cadre"])
        log = self._cadre_read_logs(reader)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.method, "read")
        self.assertEqual(log.user_id, reader)
        self.assertEqual(log.model_id.model, "res.partner")
        self.assertEqual(log.res_id, self.cadre.id)
        self.assertIn(self.cadre.id, literal_eval(log.res_ids))
        self.assertIn("ms_is_cadre", log.name)

        for fname in CADRE_FIELDS[1:]:
            with self.subTest(field=fname):
                before = len(self._cadre_read_logs(reader))
                self.cadre.with_user(reader).read([fname])
                self.assertEqual(len(self._cadre_read_logs(reader)), before + 1)

    def test_other_fields_read_not_logged(self):
        """Reading only the name and email of a cadre logs nothing."""
        values = self.cadre.with_user(self.user_reader).read(["name", "email"])
        self.assertEqual(values[0]["email"], "camila@example.mx")
        self.assertFalse(self._cadre_read_logs(self.user_reader))

    def test_non_cadre_read_not_logged(self):
        """Reading the cadre fields of a contact who is not a cadre logs
        nothing."""
        self.not_cadre.with_user(self.user_reader).read(list(CADRE_FIELDS))
        self.assertFalse(self._cadre_read_logs(self.user_reader))

    def test_mixed_read_logs_cadres_only(self):
        """Reading cadre fields of several contacts logs one read naming only
        the cadres among them."""
        other_cadre = self._create_cadre("Cecilio Cuadro")
        partners = self.not_cadre | self.cadre | other_cadre
        partners.with_user(self.user_reader).read(["ms_cadre_committee"])
        log = self._cadre_read_logs(self.user_reader)
        self.assertEqual(len(log), 1)
        self.assertEqual(
            sorted(literal_eval(log.res_ids)), sorted((self.cadre | other_cadre).ids)
        )

    def test_form_read_logged(self):
        """Opening a cadre's form in the web client (web_read of the cadre
        fields) is logged."""
        self.cadre.with_user(self.user_reader).web_read(
            {"name": {}, "ms_is_cadre": {}, "ms_cadre_committee": {}}
        )
        self.assertEqual(len(self._cadre_read_logs(self.user_reader)), 1)

    def test_search_read_logged(self):
        """Reading cadre fields through search_read (the RPC and external API
        path) is logged as well."""
        rows = (
            self.env["res.partner"]
            .with_user(self.user_reader)
            .search_read(
                [("id", "=", self.cadre.id)],
                ["name", "ms_is_cadre", "ms_cadre_committee"],
            )
        )
        self.assertEqual(rows[0]["ms_cadre_committee"], "CEE")
        log = self._cadre_read_logs(self.user_reader)
        self.assertEqual(len(log), 1)
        self.assertIn(self.cadre.id, literal_eval(log.res_ids))

    # Who reads the trail ---------------------------------------------------------

    def test_only_manager_reads_audit_log(self):
        """Among the commission's groups, only Administrador reads the audit
        trail; nobody of them can alter it."""
        self.cadre.with_user(self.user_reader).read(["ms_is_cadre"])
        log = self._cadre_read_logs(self.user_reader)
        self.assertTrue(log)
        for user in (
            self.user_employee,
            self.user_reader,
            self.user_operator,
            self.user_coordinator,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["auditlog.log"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["auditlog.log.line"].with_user(user).search([])
        Log = self.env["auditlog.log"].with_user(self.user_manager)
        self.assertIn(log, Log.search([("method", "=", "read")]))
        self.assertEqual(Log.browse(log.id).user_id, self.user_reader)
        self.assertTrue(self.user_manager.has_group("auditlog.group_auditlog_user"))
        self.assertFalse(self.user_manager.has_group("auditlog.group_auditlog_manager"))
        with self.assertRaises(AccessError):
            Log.browse(log.id).unlink()
        with self.assertRaises(AccessError):
            Log.browse(log.id).write({"method": "create"})
