"""19.0.3.0.0: Mexico's municipalities, postal codes and settlements (the
catalog of data/territory, which a new database gets from
data/res_city_data.xml),
and the free-text municipalities typed before it matched to it: in the
record's state, whatever the accents and case ("oaxaca de juarez" is
Oaxaca de Juárez). What matches none (or, with no state, several) stays in
"Municipality (to resolve)" for a person to choose."""

import logging
from pathlib import Path

from lxml import etree

from odoo import SUPERUSER_ID, api

from odoo.addons.movimientos_sociales.models.ms_territory import (
    find_municipality,
    municipality_index,
)

_logger = logging.getLogger(__name__)
MODELS = ("ms.movement", "ms.demand", "ms.action")
SECURITY = Path(__file__).resolve().parents[2] / "security" / "ms_security.xml"


def update_scope_rules(env):
    """The scope rules are in a noupdate block, which an update doesn't load:
    their new domains (with the user's municipalities) are written here."""
    tree = etree.parse(str(SECURITY))
    for record in tree.iterfind(".//record[@model='ir.rule']"):
        if record.get("id").endswith("_rule_scope"):
            rule = env.ref(f"movimientos_sociales.{record.get('id')}", False)
            if rule:
                domain = record.find("field[@name='domain_force']").text
                rule.domain_force = domain


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    update_scope_rules(env)
    env["res.city"]._ms_load_mexico()
    env.ref("base.mx").enforce_cities = True
    for model, (matched, left) in match_free_text(env).items():
        _logger.info(
            "%s: %s municipalities matched to the catalog, %s left to resolve",
            model,
            matched,
            left,
        )


def match_free_text(env):
    """{model: (matched, left)}: the records with a municipality typed as text
    get the catalog's municipality of that name in their state (and their
    state, when they had none and the name is unique); the text is cleared
    when it matched, kept to resolve otherwise."""
    index = municipality_index(env)
    result = {}
    for model in MODELS:
        records = (
            env[model]
            .with_context(active_test=False)
            .search([("municipality_text", "!=", False)])
        )
        matched = 0
        for record in records:
            city = find_municipality(
                env, record.municipality_text, record.state_id or None, index
            )
            if city:
                vals = {"municipality_id": city.id, "municipality_text": False}
                if not record.state_id:
                    vals["state_id"] = city.state_id.id
                record.write(vals)
                matched += 1
        result[model] = (matched, len(records) - matched)
    return result
