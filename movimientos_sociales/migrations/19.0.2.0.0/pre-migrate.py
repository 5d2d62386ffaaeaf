"""19.0.2.0.0: party cadres leave the contacts for their own model, ms.cadre.

Before the models load: create ms_cadre from the cadre columns of res_partner
(one row per cadre, and per person with an insertion), and point insertions and
their reports at those rows, so that the new foreign keys hold."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    _reload_rules(cr, ["ms_conference_participant_rule_scope"])
    cr.execute(
        """
        CREATE TABLE IF NOT EXISTS ms_cadre (
            id SERIAL PRIMARY KEY,
            partner_id INTEGER NOT NULL,
            name VARCHAR,
            active BOOLEAN,
            date_since DATE,
            training_level VARCHAR,
            committee VARCHAR,
            user_id INTEGER,
            create_uid INTEGER,
            create_date TIMESTAMP,
            write_uid INTEGER,
            write_date TIMESTAMP
        )
        """
    )
    cr.execute(
        """
        INSERT INTO ms_cadre (partner_id, name, active, date_since, training_level,
                              committee, create_uid, create_date, write_uid,
                              write_date)
        SELECT p.id, p.name, p.active, p.ms_cadre_since, p.ms_cadre_training_level,
               p.ms_cadre_committee, p.create_uid, p.create_date, p.write_uid,
               p.write_date
          FROM res_partner p
         WHERE (p.ms_is_cadre
                OR p.id IN (SELECT cadre_id FROM ms_cadre_insertion))
           AND NOT EXISTS (SELECT 1 FROM ms_cadre c WHERE c.partner_id = p.id)
        """
    )
    _logger.info("ms.cadre: %s cadres moved out of res.partner", cr.rowcount)
    # Demo databases: the demo cadre records (cadre_<x> for the person p_<x>)
    # are these rows, not new ones.
    cr.execute(
        """
        INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
        SELECT d.module, 'cadre_' || substr(d.name, 3), 'ms.cadre', c.id, TRUE
          FROM ms_cadre c
          JOIN ir_model_data d
            ON d.model = 'res.partner' AND d.res_id = c.partner_id
           AND d.module = 'movimientos_sociales' AND d.name LIKE 'p\\_%%'
        ON CONFLICT DO NOTHING
        """
    )
    for table in ("ms_cadre_insertion", "ms_cadre_report"):
        cr.execute(
            f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_cadre_id_fkey"
        )
        cr.execute(
            f"""
            UPDATE {table} t
               SET cadre_id = c.id
              FROM ms_cadre c
             WHERE c.partner_id = t.cadre_id
            """
        )


def _reload_rules(cr, names):
    """Rules live in noupdate data: drop those whose domain this release
    changes, so that the update loads them again."""
    cr.execute(
        """
        DELETE FROM ir_rule WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'movimientos_sociales' AND model = 'ir.rule'
               AND name IN %s)
        """,
        (tuple(names),),
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'movimientos_sociales' AND model = 'ir.rule'
           AND name IN %s
        """,
        (tuple(names),),
    )
