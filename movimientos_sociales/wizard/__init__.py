from . import ms_reason_wizard
