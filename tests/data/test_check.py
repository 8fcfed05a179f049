"""data/check.py: second-pass coverage tables on the committed data (numbers in tests/facts.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from data import check
from tests import facts

REPO = Path(__file__).resolve().parents[2]


def test_ipcei_coverage_before_and_after():
    cov = check.ipcei_coverage().set_index("IPCEI")
    assert len(cov) == facts.INITIATIVES_BY_TYPE["IPCEI"]
    assert (cov["named after"] >= cov["named before"]).all()
    assert cov["sites before"].sum() == 104 and cov["sites after"].sum() == facts.TIER1_SITE_ROWS
    assert cov.loc["IPCEI Microelectronics (ME1)", "named after"] == 32  # ME1 now complete
    assert cov.loc["Med4Cure", ["named before", "named after", "official"]].tolist() == [3, 12, 13]


def test_tier2_coverage_per_type():
    cov = check.tier2_coverage().set_index("type")
    assert cov["initiatives after"].to_dict() == {k: v for k, v in facts.INITIATIVES_BY_TYPE.items()
                                                  if k in cov.index}
    assert cov["rows before"].sum() == 281 and cov["rows after"].sum() == facts.PARTICIPATION_BY_TIER[2]
    assert cov.loc["ESCP", "initiatives before"] == 9 and cov.loc["ESCP", "initiatives after"] == 30


def test_nothing_unmapped_and_confidence_counted():
    assert check.unmapped().empty
    conf = check.confidence_counts()
    assert int(conf.values.sum()) == sum(facts.PARTICIPATION_BY_TIER.values())


def test_cli_prints_second_pass_coverage():
    out = subprocess.run([sys.executable, "-m", "data.check"], cwd=REPO, capture_output=True, text=True, timeout=300)
    if "Could not load" in out.stdout + out.stderr:  # geometries needed for the join rate
        import pytest

        pytest.skip("GISCO geometries not available (mirror or cache)")
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    assert "IPCEI coverage" in out.stdout and "Tier 2 coverage per type" in out.stdout
    assert "every initiative maps" in out.stdout
