"""data/context_groups.py on hand-made context frames: bands, widening, partial lists stay unknown."""

from __future__ import annotations

import pandas as pd

from data import context_groups as cg


def test_gdp_bands_and_unknowns():
    t = pd.DataFrame({"country": ["XA", "XA", "XA", "XB"]}, index=["XA11", "XA12", "XA13", "XB11"])
    gdp = pd.DataFrame({"code": ["XA11", "XA12", "XA13", "XB11"], "value_pct_eu27": [74.9, 75.0, 100.0, 50.0],
                        "nuts2021_valid": [True, True, True, False], "year": 2023, "edition": "E"})
    band = cg.gdp_band(t, gdp)
    assert list(band[:3]) == list(cg.GDP_BANDS)  # 75 and 100 open the upper band
    assert pd.isna(band["XB11"])  # a code not valid in NUTS 2021 is unknown, not a band
    assert "known for 3 of 4 regions" in cg.caption_gdp(t, band, gdp)


def test_widening_and_partial_lists():
    wid = pd.DataFrame({"country": ["XA"], "category": ["widening"], "edition": ["HE"]})
    t = pd.DataFrame({"country": ["XA", "XB"]}, index=["XA11", "XB11"])
    assert list(cg.widening_status(t, wid)) == ["Widening country", "Not a widening country"]
    riv = pd.DataFrame({"code": ["XA1"], "category": ["RIV label"], "edition": ["RIV"], "source_url": ["https://x"]})
    riv.attrs["coverage"] = "partial: 1 of 151"
    out = pd.DataFrame({"code": ["XC11"], "category": ["outermost"], "edition": ["349"]})
    out.attrs["coverage"] = "complete: 9 regions"
    facts = cg.region_facts("XA11", "XA", {"widening": wid, "riv": riv, "outermost": out}).set_index("context")
    assert facts.at["Horizon Europe widening country", "value"] == "widening"
    assert facts.at["Regional Innovation Valley", "value"] == "RIV label (recorded for XA1)"
    assert facts.at["Outermost region", "value"] == "no"  # complete list: absence is a no
    facts = cg.region_facts("XB11", "XB", {"riv": riv}).set_index("context")
    assert facts.at["Regional Innovation Valley", "value"] == "not in the compiled list (unknown)"
