from . import ms_reason_wizard
from . import mail_compose_message
