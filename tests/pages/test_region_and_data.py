"""AppTest: the region profile (deep link ?region=) and the Data & coverage page."""

from __future__ import annotations

import pytest

from tests.pages.support import open_app, open_popovers

pytestmark = pytest.mark.usefixtures("mirror")



def test_region_profile_deep_link_shows_scores_with_basis():
    at = open_app("pages/region_profile.py", region="AT13")
    assert any("Wien (AT13)" in h.value for h in at.header)
    scores = at.dataframe[0].value
    rii = scores.set_index("indicator").loc["Regional Innovation Index"]
    assert rii["basis"] == "parent region AT1"  # RIS 2023 publishes Austria at NUTS 1
    assert rii["edition"] == "RIS 2023"
    # RIS 2019 (partial) has no Austrian values: shown as "no data", never 0
    ris19 = scores.set_index("indicator").loc["Regional Innovation Index 2019 (partial)"]
    assert (ris19["value"], ris19["basis"]) == ("no data", "no data")


def test_region_profile_unknown_region_is_dropped_with_notice():
    at = open_app("pages/region_profile.py", region="XX99")
    assert any("region" in w.value and "Ignored" in w.value for w in at.warning)
    assert any("Choose a region" in i.value for i in at.info)


def test_region_profile_without_participation_says_absence_is_not_proof():
    at = open_app("pages/region_profile.py", region="PL91", chain="nuclear")
    assert any("not proof of absence" in i.value for i in at.info)


def test_data_page_reports_join_rate_and_sources():
    at = open_app("pages/data_coverage.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Joined to NUTS 2021"] == "100.0%"
    assert "© EuroGeographics for the administrative boundaries" in "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(("page", "params"), [
    ("pages/region_profile.py", {"region": "PL91"}),
    ("pages/data_coverage.py", {}),
    ("pages/initiative_profile.py", {"init": "ipcei_hy2tech"}),
    ("pages/value_chain_network.py", {"chain": "hydrogen"}),
    ("pages/connection_finder.py", {"region": "ES24"}),
])
def test_every_table_downloads_as_csv_and_xlsx(page, params):
    at = open_popovers(open_app(page, **params))
    tables = at.dataframe
    buttons = [b for b in at.get("download_button") if str(b.key or "").startswith("dl_")
               and not str(b.key).startswith("dl_chart_")]
    csv = [b for b in buttons if b.key.endswith("_csv")]
    xlsx = [b for b in buttons if b.key.endswith("_xlsx")]
    assert len(tables) >= 2 and len(csv) == len(xlsx) == len(tables), (page, len(tables), len(csv))
