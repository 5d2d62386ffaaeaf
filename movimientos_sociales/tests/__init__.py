from . import test_ms_sector
from . import test_res_partner
from . import test_ui
from . import test_security
