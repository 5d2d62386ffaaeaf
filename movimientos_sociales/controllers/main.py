from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class MsConferenceController(http.Controller):
    """The page of an invitation's personal link: the participant confirms or
    declines without an account. The token is the only key; the page shows
    the conference and the participant's own answer, nobody else's."""

    @http.route(
        "/ms/rsvp/<int:participant_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def ms_rsvp(self, participant_id, token, answer=None, **kwargs):
        participant = request.env["ms.conference.participant"]._ms_from_token(
            participant_id, token
        )
        if not participant:
            raise NotFound()
        lang = self._ms_lang(participant)
        participant = participant.with_context(lang=lang)
        request.update_context(lang=lang)
        error = False
        if request.httprequest.method == "POST":
            try:
                participant._ms_answer(answer)
            except UserError as exc:
                error = exc.args[0]
        conference = participant.conference_id
        return request.render(
            "movimientos_sociales.ms_rsvp_page",
            {
                "participant": participant,
                "conference": conference,
                "when": conference._ms_when(),
                "open": conference.state in ("draft", "convened"),
                "answered": request.httprequest.method == "POST" and not error,
                "error": error,
                "lang": lang,
            },
        )

    def _ms_lang(self, participant):
        """The participant's language if installed, else the company's, else
        Spanish (Mexico)."""
        installed = {code for code, _name in request.env["res.lang"].get_installed()}
        for lang in (
            participant.partner_id.lang,
            participant.conference_id.create_uid.lang,
            "es_MX",
            "es_419",
            "es_ES",
        ):
            if lang in installed:
                return lang
        return "en_US"
