"""A hand-made world for the network, connection-finder and initiative tests.

Countries AA, BB, CC; NUTS 2 regions AA11, AA12 (in AA1), BB21 (in BB2), CC11 (in CC1).
Label points are on a plain grid (lon, lat in degrees) so distances are easy to reason about.

Initiatives:
  I1 tier 1 Hydrogen   (eco E1)      rows: site AA11, site BB21, member state CC (country row),
                                            participant P-hq (AA, HQ only), P-none (no state)
  I2 tier 2 Hydrogen   (eco E1;E2)   rows: AA11 (lead), AA12, BB21
  I3 tier 2 Textile    (eco E3)      rows: AA12, CC11
  I4 tier 1 Batteries  (eco E4)      rows: site CC11
"""

from __future__ import annotations

import pandas as pd

REG = pd.DataFrame(
    [("AA", "Aland", "AA", 0, 12.0, 50.0), ("BB", "Bland", "BB", 0, 20.0, 50.0),
     ("CC", "Cland", "CC", 0, 10.0, 40.0),
     ("AA1", "A one", "AA", 1, 10.0, 50.0), ("BB2", "B two", "BB", 1, 20.0, 50.0),
     ("CC1", "C one", "CC", 1, 10.0, 40.0),
     ("AA11", "Alpha", "AA", 2, 10.0, 50.0), ("AA12", "Beta", "AA", 2, 11.0, 50.0),
     ("AA13", "Omega", "AA", 2, 12.0, 51.0),  # no participation at all
     ("BB21", "Gamma", "BB", 2, 20.0, 50.0), ("CC11", "Delta", "CC", 2, 10.0, 41.0)],
    columns=["code", "name", "country", "level", "lon", "lat"],
).set_index("code")
REG["name_national"] = REG["name"]

INI = pd.DataFrame({
    "initiative_id": ["I1", "I2", "I3", "I4"],
    "name": ["Hydrogen IPCEI", "Hydrogen valleys", "Textile cluster", "Battery IPCEI"],
    "short_name": ["H-IPCEI", "H-valleys", "Tex", "B-IPCEI"],
    "type": ["IPCEI", "S3 Partnership", "Eurocluster", "IPCEI"],
    "tier": [1, 2, 2, 1],
    "value_chain": ["Hydrogen", "Hydrogen", "Textile", "Batteries"],
    "chain_id": ["hydrogen", "hydrogen", "textile", "batteries"],
    "ecosystem_list": [("E1",), ("E1", "E2"), ("E3",), ("E4",)],
    "source_url": ["https://x/i1", "https://x/i2", "https://x/i3", "https://x/i4"],
    "ecosystems": ["E1", "E1;E2", "E3", "E4"],
    "year": [2022, 2021, None, 2023],
    "aid_eur": [1.5e9, None, None, None],
    "private_investment_eur": [None, None, None, None],
    "companies": [10, None, None, None],
    "region_count": [None, None, 4, None],
})


def _row(iid, tier, code, role, name="", basis="", cc=None, url=None):
    return {"initiative_id": iid, "tier": tier, "place_code": code,
            "place_level": (len(code) - 2) if code else pd.NA, "country_code": cc or (code[:2] if code else None),
            "participant_name": name, "role": role, "geo_basis": basis,
            "source_url": url or f"https://src/{iid}/{code or 'none'}/{name}",
            "place_name_as_in_source": "", "participant_kind": "company" if name else "", "status": "",
            "count_reported": pd.NA, "state_aid_eur": pd.NA, "as_of": "", "site_source_url": ""}


PAR = pd.DataFrame([
    _row("I1", 1, "AA11", "site", "P-site-A", "city_site"),
    _row("I1", 1, "BB21", "site", "P-site-B", "city_site"),
    _row("I1", 1, "CC", "member_state", basis="country"),
    _row("I1", 1, "AA", "participant", "P-hq", "hq_city"),
    _row("I1", 1, None, "participant", "P-none", "none"),
    _row("I2", 2, "AA11", "lead", basis="mapped_by_name"),
    _row("I2", 2, "AA12", "member", basis="mapped_by_name"),
    _row("I2", 2, "BB21", "member", basis="mapped_by_name"),
    _row("I3", 2, "AA12", "member", basis="mapped_by_name"),
    _row("I3", 2, "CC11", "member", basis="mapped_by_name"),
    _row("I4", 1, "CC11", "site", "P-bat", "city_site"),
])
PAR["place_level"] = PAR["place_level"].astype("Int64")
