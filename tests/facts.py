"""Facts about the committed data that tests check, kept in ONE place.

When the compilation in ../shared/data changes, rebuild (``python -m data.build_tables``, which
prints these counts) and update this file; tests compare against these numbers so that a
silent change in the build (a dropped row, a lost pass) fails loudly.
"""

INITIATIVES_BY_TIER = {1: 22, 2: 90}  # 77 in the first pass + 35 tier 2 in the second
INITIATIVES_BY_TYPE = {"IPCEI": 11, "Industrial Alliance": 11, "ESCP": 30, "Eurocluster": 22,
                       "S3 Partnership": 27, "other": 11}
PARTICIPATION_BY_TIER = {1: 531, 2: 471}  # tier 2: 281 first pass + 190 second pass
TIER1_PARTICIPANT_ROWS = 418  # 287 + 129 added + 2 extra sites from corrections
TIER1_SITE_ROWS = 141  # NUTS 2 project sites: 104 first pass, 133 after pass 2, +8 in pass 3
CORRECTIONS_APPLIED = 34
PIPELINE_NOT_APPROVED = ("ipcei_ast_candidate", "ipcei_ai_candidate", "ipcei_cic_candidate")
