from . import ms_sector
from . import res_partner
