from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "ms_ui")
class TestUi(HttpCase):
    def test_menu_tour(self):
        """The app opens in Chromium from the apps menu, and its sectors list loads."""
        self.start_tour("/odoo", "movimientos_sociales_menu_tour", login="admin")
