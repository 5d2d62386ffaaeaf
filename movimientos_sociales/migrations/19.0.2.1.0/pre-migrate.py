"""19.0.2.1.0: the rule on calendar attendees becomes one rule (two rules of
different groups added up, so an organizer saw every attendee whatever their
scope). Rules are noupdate data: drop them so the update loads them again."""

RULES = ("calendar_attendee_rule_ms_private", "calendar_attendee_rule_ms_commission")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_rule WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'movimientos_sociales' AND model = 'ir.rule'
               AND name IN %s)
        """,
        (RULES,),
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'movimientos_sociales' AND model = 'ir.rule'
           AND name IN %s
        """,
        (RULES,),
    )
