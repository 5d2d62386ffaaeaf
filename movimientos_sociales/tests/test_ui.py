from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "ms_ui")
class TestUi(HttpCase):
    def test_menu_tour(self):
        """The app opens in Chromium from the apps menu, and its sectors list loads."""
        self.start_tour("/odoo", "movimientos_sociales_menu_tour", login="admin")

    def test_movement_tour(self):
        """Create an organization, move it along the pipeline, insert a cadre."""
        self.env["res.partner"].create(
            {"name": "Rosario Ibarra", "ms_is_cadre": True, "is_company": False}
        )
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
