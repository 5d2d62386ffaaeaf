import re

from odoo.tests import BaseCase, TransactionCase, tagged

from .common import po_catalog

# docs/GLOSSARY.md: source string -> the only Spanish it has, in es and es_MX
GLOSSARY = {
    "Agreement": "Acuerdo",
    "Agreements": "Acuerdos",
    "Owners": "Responsables",
    "Deadline": "Fecha límite",
    "Overdue": "Vencido",
    "Minutes": "Acta",
    "Agenda": "Orden del día",
    "Quorum": "Quórum",
    "Resolutions": "Resolutivos",
    "Session": "Sesión",
    "Conference": "Conferencia",
    "Participant": "Participante",
    "Participants": "Participantes",
    "Invited": "Invitado(a)",
    "Confirmed": "Confirmó",
    "Declined": "No asistirá",
    "Attended": "Asistió",
    "Walk-in": "Registro en sitio",
    "Check-in": "Registro de asistencia",
    "Turnout": "Convocatoria y asistencia",
    "Closing Report": "Informe de cierre",
    "Attendance Sheet": "Lista de asistencia",
    "Votes For": "Votos a favor",
    "Votes Against": "Votos en contra",
    "Abstentions": "Abstenciones",
    "Reopen Minutes": "Reabrir acta",
    "Alliance": "Alianza",
    "Joined": "Ingreso",
    "Left": "Salida",
    "Cadre": "Cuadro",
    "Training Level": "Nivel de formación política",
    "Report Frequency": "Periodicidad de informes",
    "March": "Marcha",
    "Rally": "Mitin",
    "Sit-in": "Plantón",
    "Citizen Demand": "Gestión ciudadana",
    "Status": "Estatus",
    "State (federal entity)": "Estado (entidad federativa)",
    "Scope": "Alcance",
    "Board": "Tablero",
    "Consent": "Consentimiento",
    "Privacy Notice": "Aviso de privacidad",
    "Score": "Puntuación",
    "Indicator": "Indicador",
    "Reports": "Informes",
    "Current": "Vigente",
    "Void": "Sin efecto",
    "Approved": "Aprobada",
    "Cancelled": "Cancelada",
    "Others (%s)": "Otros (%s)",
    "National": "Nacional",
    "Municipality (to Resolve)": "Municipio (por resolver)",
    "Settlement (colonia)": "Colonia",
    "Postal Code": "Código postal",
    "Map": "Mapa",
    "Scope Municipalities": "Municipios del alcance",
}
# Words that are wrong wherever they appear in the addon's Spanish
FORBIDDEN = (
    "Contrato",
    "Convenio",
    "Propietario",
    "Propietarios",
    "Debido",
    "Minutos",
    "Bloqueando",
    "Izquierda",
    "Unido",
    "Reporte de frecuencia",
    "Marzo",
    "Panel",
    "De retraso",
)


@tagged("post_install", "-at_install", "ms_i18n")
class TestI18n(BaseCase):
    """The commission's words, as docs/GLOSSARY.md settles them."""

    def _entries(self, lang):
        return po_catalog(lang)

    def test_glossary_terms_in_es(self):
        es = self._entries("es")
        missing = [source for source in GLOSSARY if source not in es]
        self.assertLessEqual(len(missing), 5, f"glossary terms not used: {missing}")
        for source, spanish in GLOSSARY.items():
            if source in es:
                with self.subTest(source=source):
                    self.assertEqual(es[source], spanish)

    def test_es_mx_does_not_change_domain_terms(self):
        """es_MX.po holds only Mexican usage that differs, never a domain term
        nor a word the glossary refuses."""
        es, es_mx = self._entries("es"), self._entries("es_MX")
        for source, spanish in es_mx.items():
            with self.subTest(source=source):
                self.assertNotIn(source, GLOSSARY)
                self.assertNotEqual(spanish, es.get(source), "a useless override")
                self.assertIn(source, es, "es_MX translates what es doesn't have")

    def test_no_refused_word(self):
        for lang in ("es", "es_MX"):
            for source, spanish in self._entries(lang).items():
                for word in FORBIDDEN:
                    with self.subTest(lang=lang, source=source[:60], word=word):
                        self.assertIsNone(
                            re.search(rf"\b{re.escape(word)}\b", spanish),
                            f"{lang}: {source!r} -> {spanish!r}",
                        )


@tagged("post_install", "-at_install", "ms_i18n")
class TestDependencyTerms(TransactionCase):
    def test_dependencies_records_read_in_spanish(self):
        """The user form's section of the OCA anonymization module (which ships
        no Spanish) reads in Spanish: i18n_extra/es.po."""
        privilege = self.env.ref(
            "privacy_partner_to_be_forgotten.group_privilege_partner_anonymize"
        ).with_context(lang="es_MX")
        self.assertEqual(privilege.name, "Anonimizar contactos")
        self.assertEqual(
            self.env.ref("privacy_partner_to_be_forgotten.action_partner_anonymize")
            .with_context(lang="es_MX")
            .name,
            "Anonimizar (derecho de cancelación)",
        )


@tagged("post_install", "-at_install", "ms_i18n")
class TestCreationMessages(TransactionCase):
    def test_creation_message_agrees_with_the_document(self):
        """The chatter says "Alianza creada", "Sesión convocada": each document
        of the addon says how it was created in its own words, translated
        (Odoo's "%s creado" would not agree with a feminine document)."""
        es = po_catalog("es")
        messages = {}
        for name in self.env.registry.descendants(["mail.thread"], "_inherit"):
            if name.startswith("ms.") and name != "ms.conference.participant":
                messages[name] = self.env[name].new({})._creation_message()
        self.assertGreaterEqual(len(messages), 17)
        for name, message in messages.items():
            with self.subTest(model=name):
                self.assertTrue(es.get(message), f"{message!r} untranslated")
        self.assertEqual(es[messages["ms.alliance"]], "Alianza creada")
        self.assertEqual(es[messages["ms.session"]], "Sesión convocada")

    def test_creation_message_without_a_language(self):
        """A call that carries no language (module install, demo data, an RPC
        client that sends no context) writes the message in the user's."""
        user = self.env["res.users"].create(
            {
                "name": "Usuaria Sin Contexto",
                "login": "ms_sin_contexto",
                "lang": "es_MX",
                "group_ids": [
                    (4, self.env.ref("movimientos_sociales.group_ms_user").id)
                ],
            }
        )
        alliance = self.env["ms.alliance"].with_user(user).with_context(lang=None)
        self.assertEqual(alliance.new({})._creation_message(), "Alianza creada")
        self.assertEqual(
            alliance.with_context(lang="en_US").new({})._creation_message(),
            "Alliance created",
        )
