from . import ms_sector_relation_report
