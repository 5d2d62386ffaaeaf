from . import ms_sector_relation_report
from . import ms_arco_access_xlsx
