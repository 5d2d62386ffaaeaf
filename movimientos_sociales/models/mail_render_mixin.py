from odoo import models


class MailRenderMixin(models.AbstractModel):
    _inherit = "mail.render.mixin"

    def _shorten_links(self, html, link_tracker_vals, blacklist=None, base_url=None):
        # A conference invitation's personal answer link goes to the participant
        # as it is: not through a tracked redirect that would log each click
        # (time, address, country) of a person's political activity, nor store
        # every personal token in the link trackers.
        return super()._shorten_links(
            html,
            link_tracker_vals,
            blacklist=[*(blacklist or []), "/ms/rsvp"],
            base_url=base_url,
        )
