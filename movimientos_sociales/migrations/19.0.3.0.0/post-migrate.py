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
    zip_code,
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
    result = match_free_text(env)
    result["res.partner"] = match_contacts(env)
    for model, (matched, left) in result.items():
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


def match_contacts(env):
    """(matched, left): Mexican contacts without a municipality get the one
    their city names in their state, or else their postal code's (when it is
    of their state, or they have none); their city and postal code stay as
    typed. A person
    blocked by ARCO is left as kept."""
    index = municipality_index(env)
    Partner = env["res.partner"].with_context(active_test=False)
    partners = Partner.search(
        [
            ("city_id", "=", False),
            ("ms_blocked", "=", False),
            "|",
            ("country_id.code", "=", "MX"),
            ("state_id.country_id.code", "=", "MX"),
            "|",
            ("city", "!=", False),
            ("zip", "!=", False),
        ]
    )
    matched = 0
    for partner in partners:
        state = partner.state_id or None
        # a city's name only within its state ("Centro" is a neighbourhood
        # here and a municipality of Tabasco)
        city = state and find_municipality(env, partner.city, state, index)
        if not city and zip_code(partner.zip):
            location = Partner._ms_zip_location(zip_code(partner.zip))
            if location and (not state or location.city_id.state_id == state):
                city = location.city_id
        if city:
            vals = {"city_id": city.id}
            if not state:
                vals["state_id"] = city.state_id.id
            partner.write(vals)
            matched += 1
    return matched, len(partners) - matched
