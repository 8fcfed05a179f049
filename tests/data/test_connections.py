"""data/connections.py on the hand-made world of fixtures_network (distances computed by hand)."""

from __future__ import annotations

import pytest

from data import connections as C
from tests.data.fixtures_network import INI, PAR, REG


def find(code: str):
    return C.find(code, INI, PAR, REG)


def test_haversine_by_hand():
    # 10 degrees of longitude at 50 N: 2 R asin(cos 50 * sin 5) = 714.2 km
    assert C.haversine_km(10, 50, 20, 50) == pytest.approx(714.2, abs=0.1)
    assert C.haversine_km(10, 50, 12, 50) == pytest.approx(142.9, abs=0.1)


def test_tier1_initiatives_in_the_chains_of_the_tier2_memberships():
    c = find("AA11")
    assert list(c.memberships["initiative_id"]) == ["I2"]  # lead of the hydrogen valleys
    assert list(c.tier1["initiative_id"]) == ["I1"]  # hydrogen; not I4 (batteries)
    assert c.tier1.at[0, "this region's link"] == "in the region"  # AA11 already hosts a site
    assert c.tier1.at[0, "via Tier 2"] == "H-valleys"
    assert c.tier1.at[0, "named participants"] == 4  # P-site-A, P-hq, P-site-B, P-none: 4 named


def test_nearest_same_country_first_then_distance_unlocated_last():
    near = find("AA11").nearest
    assert list(near["participant"]) == ["P-site-A", "P-hq", "P-site-B", "P-none"]
    assert list(near["distance_km"].fillna(-1)) == [0, 143, 714, -1]
    assert list(near["located at"]) == ["region", "country only", "region", "not located"]


def test_nearest_from_the_other_side():
    near = find("BB21").nearest
    # same country (0 km), then AA's country point (8 degrees, 571 km) before the AA11 site (714 km)
    assert list(near["participant"]) == ["P-site-B", "P-hq", "P-site-A", "P-none"]


def test_partner_regions_already_in_the_tier1_initiative():
    p = find("AA11").partners
    # I2 partners of AA11: AA12 (no I1 site), BB21 (I1 site of P-site-B)
    assert p[["initiative", "partner region", "via Tier 2", "Tier 1 participant(s) there"]].values.tolist() == [
        ["H-IPCEI", "Gamma (BB21)", "H-valleys", "P-site-B"]]
    assert p.at[0, "Tier 2 source"].startswith("https://src/I2/BB21")
    assert p.at[0, "Tier 1 source"].startswith("https://src/I1/BB21")


def test_nuts1_region_collects_the_memberships_of_its_regions():
    c = find("AA1")
    assert set(c.memberships["initiative_id"]) == {"I2", "I3"}
    assert list(c.tier1["initiative_id"]) == ["I1"]  # textile has no tier 1 initiative
    assert list(c.partners["partner region"]) == ["Gamma (BB21)"]  # its own regions are not partners


def test_region_without_a_matching_tier1_chain():
    c = find("CC11")
    assert list(c.memberships["initiative_id"]) == ["I3"]
    assert c.tier1.empty and c.nearest.empty and c.partners.empty


def test_region_without_any_tier2_membership():
    c = find("AA13")
    assert c.memberships.empty and c.tier1.empty and c.nearest.empty and c.partners.empty
