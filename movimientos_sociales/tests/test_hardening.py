import base64
from contextlib import closing

from markupsafe import Markup

from odoo import api
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsCase

HOSTILE = "O'Brien \"El Güero\" <script>alert('x')</script> & Co."


@tagged("post_install", "-at_install", "ms_hardening")
class TestImport(MsCase):
    """A spreadsheet of organizations with one bad row imports nothing and says
    which row is wrong and why (through base_import, as the web client does)."""

    FIELDS = ["name", "code", "email", "state_id", "country_id"]

    def _import(self, rows):
        lines = [",".join(self.FIELDS)] + [",".join(row) for row in rows]
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "ms.movement",
                "file": "\n".join(lines).encode(),
                "file_type": "text/csv",
                "file_name": "organizaciones.csv",
            }
        )
        return wizard.execute_import(
            self.FIELDS,
            self.FIELDS,
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "encoding": "utf-8",
            },
        )

    def _assert_rejected(self, rows, bad_row, text):
        before = self.env["ms.movement"].search_count([])
        result = self._import(rows)
        self.assertFalse(result["ids"], "nothing is imported")
        self.assertEqual(self.env["ms.movement"].search_count([]), before)
        messages = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(messages, result)
        self.assertIn(text, " ".join(m["message"] for m in messages))
        rows_hit = {m["rows"]["from"] for m in messages if m.get("rows")} | {
            m["record"] for m in messages if "record" in m
        }
        self.assertIn(bad_row, rows_hit, messages)

    def _good(self, n):
        return [
            f"Organización {n}",
            f"ORG{n}",
            f"org{n}@example.mx",
            "Oaxaca",
            "Mexico",
        ]

    def test_good_file_imports(self):
        result = self._import([self._good(1), self._good(2)])
        self.assertEqual(len(result["ids"]), 2, result["messages"])
        movements = self.env["ms.movement"].browse(result["ids"])
        self.assertEqual(movements.mapped("state_id"), self.state_oax)
        self.assertTrue(all(movements.partner_id.mapped("is_company")))

    def test_territory_as_people_write_it(self):
        """Through base_import too: "CDMX", "Edo. de México" and a lower-case
        unaccented name are the catalog's states; an unknown one names its row."""
        rows = [self._good(1), self._good(2), self._good(3)]
        rows[0][3], rows[1][3], rows[2][3] = "CDMX", "Edo. de México", "michoacan"
        result = self._import(rows)
        self.assertEqual(len(result["ids"]), 3, result["messages"])
        self.assertEqual(
            self.env["ms.movement"].browse(result["ids"]).mapped("state_id.code"),
            ["CMX", "MEX", "MIC"],
        )

    def test_unknown_state(self):
        bad = [*self._good(2)[:3], "Atlántida", "Mexico"]
        self._assert_rejected([self._good(1), bad, self._good(3)], 1, "Atlántida")

    def test_bad_email(self):
        bad = [*self._good(2)[:2], "no-es-un-correo", "Oaxaca", "Mexico"]
        self._assert_rejected([self._good(1), bad, self._good(3)], 1, "no-es-un-correo")

    @mute_logger("odoo.sql_db")
    def test_duplicate_code(self):
        bad = [self._good(2)[0], "ORG1", *self._good(2)[2:]]
        self._assert_rejected(
            [self._good(1), bad, self._good(3)], 1, "already has this acronym"
        )


@tagged("post_install", "-at_install", "ms_hardening")
class TestHostileText(MsCase):
    """Quotes, long texts and HTML/JS are stored as text and never executed."""

    def test_char_and_text_kept_verbatim(self):
        movement = self.env["ms.movement"].create(
            {
                "name": HOSTILE,
                "state_id": self.state_oax.id,
                "main_demands": HOSTILE * 2000,
            }
        )
        movement.invalidate_recordset()
        self.assertEqual(movement.name, HOSTILE)
        self.assertEqual(len(movement.main_demands), len(HOSTILE) * 2000)
        self.assertEqual(movement.partner_id.name, HOSTILE)

    def test_html_fields_sanitized(self):
        movement = self.env["ms.movement"].create(
            {
                "name": "Colectivo",
                "state_id": self.state_oax.id,
                "relationship_terms": "<p>Acuerdo</p><script>alert('x')</script>"
                '<img src="x" onerror="alert(1)">',
            }
        )
        terms = str(movement.relationship_terms)
        self.assertIn("<p>Acuerdo</p>", terms)
        self.assertNotIn("<script", terms)
        self.assertNotIn("onerror", terms)

    def test_chatter_message_escaped(self):
        movement = self.env["ms.movement"].create(
            {"name": "Colectivo", "state_id": self.state_oax.id}
        )
        message = movement.with_user(self.user_operator).message_post(body=HOSTILE)
        self.assertNotIn("<script>", message.body)
        self.assertIn("&lt;script&gt;", message.body)
        rich = movement.message_post(body=Markup("<p>ok</p><script>alert(1)</script>"))
        self.assertNotIn("<script", rich.body)

    def test_attachment_name_kept(self):
        attachment = self.env["ir.attachment"].create(
            {"name": HOSTILE, "datas": base64.b64encode(b"x")}
        )
        self.assertEqual(attachment.name, HOSTILE)


@tagged("post_install", "-at_install", "ms_hardening")
class TestConcurrency(MsCase):
    """Two users moving the same organization's stage at the same time: the
    second transaction hits a serialization failure and Odoo's retry (the same
    `retrying` that serves every RPC) replays it on fresh data, so both
    changes are applied and both stay in the chatter."""

    @mute_logger("odoo.sql_db")
    def test_concurrent_stage_moves(self):
        dbname = self.env.cr.dbname
        registry = self.env.registry
        first_contact = self.env.ref("movimientos_sociales.ms_link_stage_first_contact")
        linking = self.env.ref("movimientos_sociales.ms_link_stage_linking")
        with closing(db_connect(dbname).cursor()) as setup_cr:
            env0 = api.Environment(setup_cr, api.SUPERUSER_ID, {})
            movement_id = (
                env0["ms.movement"]
                .create({"name": "Concurrencia", "state_id": self.state_oax.id})
                .id
            )
            setup_cr.commit()
        try:
            with (
                closing(db_connect(dbname).cursor()) as cr1,
                closing(db_connect(dbname).cursor()) as cr2,
            ):
                env1 = api.Environment(cr1, api.SUPERUSER_ID, {})
                env2 = api.Environment(cr2, api.SUPERUSER_ID, {})
                # cr1 takes its snapshot before cr2 commits
                env1["ms.movement"].browse(movement_id).stage_id  # noqa: B018
                env2["ms.movement"].browse(movement_id).write(
                    {"stage_id": first_contact.id}
                )
                cr2.commit()
                attempts = []

                def move_to_linking():
                    attempts.append(1)
                    env1["ms.movement"].browse(movement_id).write(
                        {"stage_id": linking.id}
                    )

                retrying(move_to_linking, env1)
                cr1.commit()
                self.assertEqual(len(attempts), 2, "the first attempt was serialized")
            with closing(db_connect(dbname).cursor()) as check_cr:
                env3 = api.Environment(check_cr, api.SUPERUSER_ID, {})
                movement = env3["ms.movement"].browse(movement_id)
                self.assertEqual(movement.stage_id, linking)
                tracked = movement.message_ids.tracking_value_ids.filtered(
                    lambda t: t.field_id.name == "stage_id"
                )
                self.assertEqual(
                    set(tracked.mapped("new_value_integer")),
                    {first_contact.id, linking.id},
                )
        finally:
            with closing(db_connect(dbname).cursor()) as cleanup_cr:
                env4 = api.Environment(cleanup_cr, api.SUPERUSER_ID, {})
                movement = env4["ms.movement"].browse(movement_id)
                partner = movement.partner_id
                movement.unlink()
                partner.unlink()
                cleanup_cr.commit()
            registry.clear_cache()
