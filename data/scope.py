"""Which countries an analysis covers: the EU27 by default, optionally every NUTS country.

Tier 1 instruments are EU state aid and EU alliances, so the divide is measured on the EU
member states. Regions of other NUTS countries (EEA/EFTA and candidate countries) are drawn as
"Outside the scope", a neutral class of their own, and never counted, unless the user widens
the scope (``scope=all`` in the URL).
"""

from __future__ import annotations

import pandas as pd

# The 27 EU member states since 1 February 2020, as NUTS country codes (Greece is EL).
EU27 = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")
SCOPES = {"eu": "EU27 member states", "all": "EU27 + EEA/EFTA and candidate countries (all NUTS countries)"}
OUTSIDE = "Outside the scope"


def in_scope(countries: pd.Series, scope: str = "eu") -> pd.Series:
    """True where a region's country is covered by ``scope``."""
    if scope == "all":
        return pd.Series(True, index=countries.index)
    return countries.isin(EU27)


def split(table: pd.DataFrame, scope: str = "eu") -> tuple[pd.DataFrame, pd.Series]:
    """(regions in scope, count of out-of-scope regions per country) of a region table."""
    m = table["in_scope"] if "in_scope" in table else in_scope(table["country"], scope)
    return table[m], table.loc[~m, "country"].value_counts().sort_index()


def scope_text(scope: str) -> str:
    return SCOPES.get(scope, SCOPES["eu"])
