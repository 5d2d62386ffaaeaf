{
    "name": "Movimientos Sociales",
    "version": "19.0.1.0.0",
    "summary": "Social movements, sectors, cadres, conferences and alliances "
    "for the Comisión de Movimientos Sociales of the Partido del Trabajo",
    "category": "Services/Social Movements",
    "author": "Comisión de Movimientos Sociales del Partido del Trabajo",
    "maintainers": ["movimientos-sociales"],
    "website": "https://www.partidodeltrabajo.org.mx",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["mail", "contacts", "calendar", "mass_mailing"],
    "data": [
        "security/ms_security.xml",
        "security/ir.model.access.csv",
        "data/ms_sector_data.xml",
        "views/ms_sector_views.xml",
        "views/res_partner_views.xml",
        "views/ms_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "movimientos_sociales/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
