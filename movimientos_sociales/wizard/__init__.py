from . import ms_reason_wizard
from . import mail_compose_message
from . import base_partner_merge_automatic_wizard
