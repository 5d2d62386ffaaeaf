"""19.0.2.0.0: the cadre columns left on res_partner are dropped: party data
must not linger where the contact's rules, exports and anonymization don't
reach it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE res_partner
            DROP COLUMN IF EXISTS ms_is_cadre,
            DROP COLUMN IF EXISTS ms_cadre_since,
            DROP COLUMN IF EXISTS ms_cadre_training_level,
            DROP COLUMN IF EXISTS ms_cadre_committee
        """
    )
