from odoo import api, models
from odoo.exceptions import ValidationError


class MsMunicipalityMixin(models.AbstractModel):
    """A record placed in a state and one of its municipalities
    (`state_id`, `municipality_id`): choosing the municipality sets the state,
    and a municipality of another state is refused."""

    _name = "ms.municipality.mixin"
    _description = "Social Movements Place (State and Municipality)"

    @api.onchange("municipality_id")
    def _onchange_municipality_id(self):
        if self.municipality_id.state_id:
            self.state_id = self.municipality_id.state_id

    @api.constrains("state_id", "municipality_id")
    def _check_municipality_state(self):
        check_municipality_state(self, "municipality_id")


def check_municipality_state(records, city_field):
    """Refuse a municipality (at `city_field`) of another state than the
    record's `state_id`."""
    for record in records:
        state = record[city_field].state_id
        if state and record.state_id and state != record.state_id:
            raise ValidationError(
                records.env._(
                    "%(municipality)s is a municipality of %(its_state)s, not "
                    "of %(state)s: choose one of %(state)s or change the "
                    "state.",
                    municipality=record[city_field].name,
                    its_state=state.name,
                    state=record.state_id.name,
                )
            )
