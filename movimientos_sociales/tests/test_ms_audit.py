from ast import literal_eval
from contextlib import closing
from unittest.mock import patch

import psycopg2

from odoo import api, fields, sql_db
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.movimientos_sociales.models.auditlog_log import MEMO

from .common import MsCase

CADRE_FIELDS = ("partner_id", "date_since", "training_level", "committee")


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
            "Camila Cuadro", email="camila@example.mx", cadre_vals={"committee": "CEE"}
        )
        cls.not_cadre = cls._create_contact("Nora Civil", "nora@example.mx")
        cls.insertion = cls._create_insertion(cls.cadre, cls.movement, role="Enlace")

    def _later_request(self, seconds=120):
        """What follows is another request, `seconds` later: this transaction's
        entries are closed (as at a commit) and that much older."""
        self.env.flush_all()
        self.env.cr.cache.pop(MEMO, None)
        self.env.cr.execute(
            "UPDATE auditlog_log SET create_date = create_date - make_interval("
            "secs => %s)",
            [seconds],
        )
        self.env.invalidate_all()

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
        self._assert_trail(movement, user, "municipality_text", "Juchitán de Zaragoza")

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
        consent = self._create_consent(self.cadre.partner_id, env=self.env(user=user))
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
        self.movement.with_user(self.user_operator).municipality_text = "Tlacolula"
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

    def _cadre_read_logs(self, user, model="ms.cadre"):
        return self._audit_logs(model, method="read", user=user)

    def test_cadre_read_logged(self):
        """Reading a cadre file as a Lectura user logs a read by that user, on
        that cadre, naming the fields read."""
        reader = self.user_reader
        values = self.cadre.with_user(reader).read(["committee"])
        self.assertEqual(values[0]["committee"], "CEE")
        log = self._cadre_read_logs(reader)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.method, "read")
        self.assertEqual(log.model_id.model, "ms.cadre")
        self.assertEqual(log.res_id, self.cadre.id)
        self.assertIn(self.cadre.id, literal_eval(log.res_ids))
        self.assertIn("committee", log.name)
        for fname in CADRE_FIELDS:
            with self.subTest(field=fname):
                self._later_request()
                before = len(self._cadre_read_logs(reader))
                self.cadre.with_user(reader).read([fname])
                self.assertEqual(len(self._cadre_read_logs(reader)), before + 1)

    def test_cadre_read_paths_logged(self):
        """Every RPC path that returns cadre data writes one read line: the
        list (web_search_read with a domain), the form (web_read), the external
        API (search_read), the export, the name search of a many2one, and every
        grouping (list, kanban, pivot, graph)."""
        reader = self.user_reader
        reader.group_ids += self.env.ref("base.group_allow_export")
        Cadre = self.env["ms.cadre"].with_user(reader)
        domain = [("committee", "=", "CEE")]
        paths = {
            "web_search_read": lambda: Cadre.web_search_read(
                domain, {"name": {}, "committee": {}}
            ),
            "web_read": lambda: self.cadre.with_user(reader).web_read(
                {"name": {}, "committee": {}}
            ),
            "search_read": lambda: Cadre.search_read(domain, ["name", "committee"]),
            "export_data": lambda: Cadre.search(domain).export_data(
                ["name", "committee"]
            ),
            "name_search": lambda: Cadre.name_search("Camila"),
            "formatted_read_group": lambda: Cadre.formatted_read_group(
                [], ["committee", "name"], ["__count"]
            ),
            "web_read_group": lambda: Cadre.web_read_group(
                [], ["committee"], ["__count"]
            ),
            "read_group": lambda: Cadre.read_group([], ["committee"], ["committee"]),
            "formatted_read_grouping_sets": lambda: (
                Cadre.formatted_read_grouping_sets(
                    [], [["committee"], ["training_level"]], ["__count"]
                )
            ),
        }
        for path, call in paths.items():
            with self.subTest(path=path):
                self._later_request()
                before = len(self._cadre_read_logs(reader))
                self.assertTrue(call())
                logs = self._cadre_read_logs(reader)
                self.assertGreater(len(logs), before)
                self.assertIn(self.cadre.id, literal_eval(logs[0].res_ids))

    # Reads served read-only (a replica) ----------------------------------------

    def _committed_reads(self, cadre, after_id):
        """The read entries on `cadre` committed since `after_id`, seen by a
        connection of their own (the test's transaction can't see them)."""
        with closing(self.registry.cursor()) as cr:
            cr.execute(
                """SELECT user_id, res_ids, ms_field_names FROM auditlog_log
                    WHERE id > %s AND method = 'read' AND res_id = %s
                      AND model_id = (SELECT id FROM ir_model WHERE model = 'ms.cadre')
                    ORDER BY id""",
                [after_id, cadre.id],
            )
            return cr.fetchall()

    def _read_only_env(self, user):
        """An environment on a real read-only connection, as Odoo serves a
        read on a replica: it sees only committed data (the demo's cadres and
        users), and writing fails."""
        cr = sql_db.db_connect(self.env.cr.dbname, readonly=True).cursor()
        self.addCleanup(cr.close)
        self.assertTrue(cr.readonly)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction),
        ):
            cr.execute("UPDATE res_users SET share = share WHERE id = %s", [user.id])
        cr.rollback()
        return api.Environment(cr, user.id, {})

    def _last_log_id(self):
        with closing(self.registry.cursor()) as cr:
            cr.execute("SELECT coalesce(max(id), 0) FROM auditlog_log")
            last = cr.fetchone()[0]

        def remove_committed():
            with self.registry.cursor() as cr:  # committed when it closes
                cr.execute("DELETE FROM auditlog_log WHERE id > %s", [last])

        self.addCleanup(remove_committed)
        return last

    def test_read_served_read_only_logged_on_the_primary(self):
        """A cadre read served read-only keeps its audit: the entries of the
        request (its search on committee, then its read) wait until the flush
        that ends the request, then are written together, committed by a
        transaction of their own before the answer leaves: one entry, by that
        user, on that cadre, naming the field."""
        cadre = self.env.ref("movimientos_sociales.cadre_alejandro")
        admin = self.env.ref("base.user_admin")
        last = self._last_log_id()
        env = self._read_only_env(admin)
        rows = env["ms.cadre"].search_read(
            [("id", "=", cadre.id), ("committee", "!=", False)], ["committee"]
        )
        self.assertEqual([row["id"] for row in rows], cadre.ids)
        self.assertEqual(self._committed_reads(cadre, last), [])  # not yet
        env.cr.flush()  # what odoo.service.model.retrying does before answering
        self.assertEqual(
            self._committed_reads(cadre, last),
            [(admin.id, str(cadre.ids), "committee")],
        )
        env.cr.flush()  # written once
        self.assertEqual(len(self._committed_reads(cadre, last)), 1)

    def test_read_served_read_only_fails_without_its_audit(self):
        """When the entry can't be written on the primary, the request fails
        with ReadOnlySqlTransaction (Odoo then serves it read/write, where the
        entry is written with the read) and nothing is committed."""
        cadre = self.env.ref("movimientos_sociales.cadre_alejandro")
        admin = self.env.ref("base.user_admin")
        last = self._last_log_id()
        env = self._read_only_env(admin)
        env["ms.cadre"].browse(cadre.id).read(["committee"])
        primary_down = psycopg2.OperationalError("connection refused")
        with (
            patch.object(type(self.registry), "cursor", side_effect=primary_down),
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction),
        ):
            env.cr.flush()
        self.assertEqual(self._committed_reads(cadre, last), [])

    def test_insertion_and_report_groupings_logged(self):
        """Insertions and reports grouped by cadre, organization or role (the
        whole map of who is inserted where) are logged."""
        reader = self.user_reader
        for model, groupby in (
            ("ms.cadre.insertion", ["cadre_id", "movement_id", "role"]),
            ("ms.cadre.report", ["cadre_id", "movement_id"]),
        ):
            with self.subTest(model=model):
                before = len(self._cadre_read_logs(reader, model))
                self.env[model].with_user(reader).formatted_read_group(
                    [], groupby, ["__count"]
                )
                self.assertEqual(len(self._cadre_read_logs(reader, model)), before + 1)

    def test_insertions_spreadsheet_logged(self):
        """The insertions XLSX (who is inserted where) is a read: logged."""
        reader = self.user_reader
        self.env["ir.actions.report"].with_user(reader)._render_xlsx(
            "movimientos_sociales.ms_xlsx_cadre_insertions", self.insertion.ids, {}
        )
        log = self._cadre_read_logs(reader, "ms.cadre.insertion")
        self.assertEqual(len(log), 1)
        self.assertEqual(literal_eval(log.res_ids), self.insertion.ids)

    def test_access_file_logged(self):
        """The ARCO access file reads the person's cadre file, insertions and
        reports (as superuser): the officer's read is logged on each."""
        coordinator = self.user_coordinator
        request = self._create_arco(self.cadre.partner_id, "access")
        request.with_user(coordinator).action_generate_access_file()
        for model, record in (
            ("ms.cadre", self.cadre),
            ("ms.cadre.insertion", self.insertion),
        ):
            with self.subTest(model=model):
                log = self._cadre_read_logs(coordinator, model)
                self.assertEqual(len(log), 1)
                self.assertIn(record.id, literal_eval(log.res_ids))

    def test_copy_data_and_chatter_logged(self):
        """copy_data returns every value of the cadre (a read) and the cadre's
        chatter is part of it: both logged (in one entry, in one request)."""
        reader = self.user_reader
        self.cadre.with_user(reader).copy_data()
        log = self._cadre_read_logs(reader)
        self.assertEqual(len(log), 1)
        self.assertIn("committee", log.ms_field_names.split(","))
        self.env["ms.cadre"].with_user(reader)._get_thread_with_access(
            self.cadre.id, mode="read"
        )
        self.assertEqual(self._cadre_read_logs(reader), log)
        self.assertIn("message_ids", log.ms_field_names.split(","))

    def test_grouping_through_a_path_logged_on_the_cadres(self):
        """Insertions grouped by their cadre's party data read the cadres: the
        read is logged on the cadres, naming the fields."""
        reader = self.user_reader
        self.env["ms.cadre.insertion"].with_user(reader).formatted_read_group(
            [], ["cadre_id.committee", "cadre_id.training_level"], ["__count"]
        )
        log = self._cadre_read_logs(reader)
        self.assertEqual(len(log), 1)
        self.assertIn(self.cadre.id, literal_eval(log.res_ids))
        self.assertIn("committee", log.name)
        self.assertEqual(log.ms_field_names, "committee,training_level")

    def test_grouping_without_cadres_not_logged(self):
        """A grouping that returns no cadre logs nothing."""
        self.env["ms.cadre"].with_user(self.user_reader).formatted_read_group(
            [("committee", "=", "nadie")], ["committee"], ["__count"]
        )
        self.assertFalse(self._cadre_read_logs(self.user_reader))

    # How the trail reads ------------------------------------------------------------

    def test_trail_in_the_readers_language(self):
        """The log stores technical names and shows the operation, the model
        and the fields in the language of who reads it."""
        # The operations' Spanish comes from es.po (loaded once the .pot lists
        # them); the fields' and models' Spanish is the addon's own.
        for code, spanish in (("read", "Consulta"), ("write", "Modificación")):
            self.env.ref(
                f"movimientos_sociales.selection__auditlog_log__ms_operation__{code}"
            ).update_field_translations("name", {"es_MX": spanish})
        self.cadre.with_user(self.user_reader).read(["committee"])
        self.movement.with_user(self.user_operator).municipality_text = "Tlacolula"
        read = self._cadre_read_logs(self.user_reader)
        write = self._audit_logs("ms.movement", self.movement.id, "write")
        self.assertEqual(read.ms_field_names, "committee")
        self.assertEqual(
            self._line(write, "municipality_text").field_name, "municipality_text"
        )
        self.assertEqual((read.ms_operation, write.ms_operation), ("read", "write"))
        for lang, expected in (
            (
                "en_US",
                (
                    "Read",
                    "Changed",
                    "Party Cadre",
                    "Party Body",
                    "Municipality (to Resolve)",
                ),
            ),
            (
                "es_MX",
                (
                    "Consulta",
                    "Modificación",
                    "Cuadro del partido",
                    "Instancia partidaria",
                    "Municipio (por resolver)",
                ),
            ),
        ):
            with self.subTest(lang=lang):
                env = self.env(user=self.user_manager, context={"lang": lang})
                Log = env["auditlog.log"]
                operations = dict(
                    Log._fields["ms_operation"]._description_selection(env)
                )
                read_es, write_es = read.with_env(env), write.with_env(env)
                self.assertEqual(
                    (
                        operations["read"],
                        operations["write"],
                        read_es.model_id.display_name,
                        read_es.ms_field_labels,
                        write_es.ms_field_labels,
                    ),
                    expected,
                )
                self.assertEqual(
                    self._line(write_es, "municipality_text").ms_field_label,
                    expected[4],
                )

    def test_one_read_entry_per_request(self):
        """A list that searches and reads the same cadres, read again, writes
        one entry naming every field; other records get their own."""
        reader = self.user_reader
        Cadre = self.env["ms.cadre"].with_user(reader)
        other = self._create_cadre("Otro Cuadro", cadre_vals={"committee": "CEN"})
        spec = {"name": {}, "committee": {}}
        Cadre.web_search_read([("committee", "=", "CEE")], spec)
        Cadre.web_search_read([("committee", "=", "CEE")], spec)
        self.cadre.with_user(reader).read(["date_since"])
        log = self._cadre_read_logs(reader)
        self.assertEqual(len(log), 1)
        self.assertEqual(literal_eval(log.res_ids), self.cadre.ids)
        self.assertEqual(log.ms_field_names, "committee,date_since,name")
        other.with_user(reader).read(["committee"])
        self.assertEqual(len(self._cadre_read_logs(reader)), 2)
        # another user's read is theirs
        self.cadre.with_user(self.user_operator).read(["committee"])
        self.assertEqual(len(self._cadre_read_logs(self.user_operator)), 1)

    def test_repeated_read_within_a_minute(self):
        """Another request reading the same fields of the same cadre within a
        minute (the form, then its reload) adds nothing; a read of other
        fields is logged, without touching the earlier entry; after a minute
        the same read is logged again."""
        reader = self.cadre.with_user(self.user_reader)
        reader.read(["committee", "name"])
        first = self._cadre_read_logs(self.user_reader)
        self._later_request(seconds=30)
        reader.read(["committee"])
        self.assertEqual(self._cadre_read_logs(self.user_reader), first)
        reader.read(["training_level"])
        logs = self._cadre_read_logs(self.user_reader)
        self.assertEqual(len(logs), 2)
        self.assertEqual(first.ms_field_names, "committee,name")
        self.assertEqual(logs[0].ms_field_names, "training_level")
        self._later_request(seconds=61)
        reader.read(["committee"])
        self.assertEqual(len(self._cadre_read_logs(self.user_reader)), 3)

    def test_changes_merged_per_request(self):
        """Several writes of the same record by the same user in one request
        are one entry: a field changed twice keeps its first old value and its
        last new value. A change in another request is an entry of its own,
        even a second later; each export is logged."""
        user = self.user_operator
        movement = self.movement.with_user(user)
        movement.municipality_text = "Mitla"
        movement.write({"municipality_text": "Tlacolula", "member_estimate": 300})
        log = self._audit_logs("ms.movement", movement.id, "write")
        self.assertEqual(len(log), 1)
        line = self._line(log, "municipality_text")
        self.assertFalse(line.old_value_text)
        self.assertEqual(line.new_value_text, "Tlacolula")
        self.assertEqual(self._line(log, "member_estimate").new_value_text, "300")
        self._later_request(seconds=1)
        movement.municipality_text = "Zaachila"
        self.assertEqual(len(self._audit_logs("ms.movement", movement.id, "write")), 2)
        user.group_ids += self.env.ref("base.group_allow_export")
        for _attempt in range(2):
            movement.export_data(["name"])
        self.assertEqual(
            len(self._audit_logs("ms.movement", method="export_data", user=user)), 2
        )

    # Who reads the trail ---------------------------------------------------------

    def test_only_manager_reads_audit_log(self):
        """Among the commission's groups, only Administrador reads the audit
        trail; nobody of them can alter it."""
        self.cadre.with_user(self.user_reader).read(["committee"])
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


@tagged("post_install", "-at_install", "ms_security", "ms_audit")
class TestMsAuditWebClient(HttpCase, MsCase):
    """The web client's read routes are read-only in Odoo 19: a cadre list read
    through them is answered and logged."""

    PASSWORD = "Lectura-Audit-2026"

    def test_cadre_list_through_the_read_only_route_logged(self):
        """web_search_read on /web/dataset/call_kw (read-only, on a replica
        when there is one) as a Lectura user: the cadre comes back, and one
        read entry by that user names the fields."""
        reader = self._create_user(
            "ms_audit_web_reader",
            "movimientos_sociales.group_ms_reader",
            "Lorena Lectora",
            password=self.PASSWORD,
        )
        cadre = self._create_cadre("Camila Web", cadre_vals={"committee": "CEE"})
        self.authenticate(reader.login, self.PASSWORD)
        with mute_logger("odoo.http"):  # served again read/write in tests
            result = self.make_jsonrpc_request(
                "/web/dataset/call_kw/ms.cadre/web_search_read",
                {
                    "model": "ms.cadre",
                    "method": "web_search_read",
                    "args": [],
                    "kwargs": {
                        "domain": [("id", "=", cadre.id)],
                        "specification": {"name": {}, "committee": {}},
                    },
                },
            )
        self.assertEqual(
            [(row["id"], row["committee"]) for row in result["records"]],
            [(cadre.id, "CEE")],
        )
        logs = self._audit_logs("ms.cadre", cadre.id, "read", reader)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.ms_field_names, "committee,name")
