"""Load time of the joined NUTS 2 model, cold and warm, against a naive baseline.

    .venv/bin/python bench/bench_model.py [--runs 5] [--calls 30]

Ours: ``data.model.region_table(2, Selection(), "rii")`` (curated tables + RIS 2023 scores + NUTS
registry, GeoParquet cache, per-process caches).
Baseline: what a first version would do on every call: read the GISCO NUTS 2 GeoJSON, the RIS
2023 CSV and the two curated CSVs with geopandas/pandas and join them naively.

cold  = a fresh Python process: imports + first load, wall time of the whole process and the
        in-process part (imports + load); median of --runs processes. "first ever" = the same
        with an empty INNOV_CACHE (builds the GeoParquet copies from the mirror's GeoJSON).
warm  = median of --calls repeated calls in one process after a first call: the join itself
        (``data.model._region_table``, the loaded tables cached, the result not), and the same
        table asked for again (``region_table`` returns the shared result: a dict lookup).
Targets: cold < 1.5 s (cache present), warm < 50 ms. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_ROOT, fmt_ms, machine, median_ms, ratio, save_results, table, time_calls

TARGET_COLD_MS = 1500
TARGET_WARM_MS = 50

OURS_SNIPPET = """
import json, time
t0 = time.perf_counter()
from data.model import Selection, region_table
t1 = time.perf_counter()
out = region_table(2, Selection(), "rii")
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "rows": len(out)}))
"""

BASELINE_SNIPPET = """
import json, time
t0 = time.perf_counter()
import geopandas, pandas
from bench.bench_model import naive_region_table
t1 = time.perf_counter()
out = naive_region_table()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "rows": len(out)}))
"""


def naive_region_table():
    """The baseline: re-read GeoJSON + CSVs and join them, every call (no cache of any kind)."""
    import geopandas as gpd
    import pandas as pd

    from data import sources

    regions = gpd.read_file(sources.fetch("nuts_rg_20m_l2"))
    ris = __import__("data.scores", fromlist=["x"]).ris2023().rename_axis("ris_code").reset_index()
    ini = pd.read_csv(REPO_ROOT / "data" / "initiatives.csv", dtype={"initiative_id": str})
    par = pd.read_csv(REPO_ROOT / "data" / "participation.csv", dtype={"place_code": str})
    par = par[par["place_level"] >= 2].assign(code=lambda d: d["place_code"].str.slice(0, 4))
    par = par.merge(ini[["initiative_id", "value_chain"]], on="initiative_id", how="left")
    counts = (par.groupby(["code", "tier"])["initiative_id"].nunique().unstack(fill_value=0)
              .rename(columns=lambda t: f"t{t}_direct"))
    out = regions.merge(ris[["ris_code", "rii", "performance_group"]], left_on="NUTS_ID", right_on="ris_code",
                        how="left")
    out = out.merge(counts, left_on="NUTS_ID", right_index=True, how="left")
    return out.set_index("NUTS_ID")


def _subprocess(snippet: str, env: dict[str, str]) -> dict:
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", snippet], cwd=REPO_ROOT, env={**os.environ, **env},
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    res = json.loads(r.stdout.strip().splitlines()[-1])
    res["wall"] = wall
    res["inproc"] = res["import"] + res["load"]
    return res


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per cold measurement")
    ap.add_argument("--calls", type=int, default=30, help="in-process calls per warm measurement")
    args = ap.parse_args()

    cache = tempfile.mkdtemp(prefix="bench-innov-cache-")
    env = {"INNOV_CACHE": cache, "INNOV_OFFLINE": "1", "PYTHONPATH": str(REPO_ROOT)}
    os.environ.update(env)
    mirror = os.environ.get("INNOV_MIRROR") or "../shared"
    print(f"bench_model: {machine()}; INNOV_CACHE={cache} (fresh), mirror {mirror}")

    first = _subprocess(OURS_SNIPPET, env)  # empty cache: builds the GeoParquet copies
    ours_cold = [_subprocess(OURS_SNIPPET, env) for _ in range(args.runs)]
    base_cold = [_subprocess(BASELINE_SNIPPET, env) for _ in range(args.runs)]

    from data.model import Selection, _region_table, region_table

    ours_warm = time_calls(lambda: _region_table(2, Selection(), "rii", None, None), args.calls)
    ours_hit = time_calls(lambda: region_table(2, Selection(), "rii"), args.calls)
    base_warm = time_calls(naive_region_table, max(5, args.calls // 3))

    rows_ours = len(region_table(2, Selection(), "rii"))
    rows_base = len(naive_region_table())
    oc, bc = _median(ours_cold, "wall"), _median(base_cold, "wall")
    ow, bw = median_ms(ours_warm), median_ms(base_warm)
    rows = [
        ["cold, process wall (cache present)", fmt_ms(oc), fmt_ms(bc), ratio(bc, oc),
         f"< {TARGET_COLD_MS} ms", "pass" if oc < TARGET_COLD_MS else "FAIL"],
        ["  of which imports", fmt_ms(_median(ours_cold, "import")), fmt_ms(_median(base_cold, "import")),
         ratio(_median(base_cold, "import"), _median(ours_cold, "import")), "", ""],
        ["  of which first load + join", fmt_ms(_median(ours_cold, "load")), fmt_ms(_median(base_cold, "load")),
         ratio(_median(base_cold, "load"), _median(ours_cold, "load")), "", ""],
        ["first ever, process wall (empty cache)", fmt_ms(first["wall"] * 1000), fmt_ms(bc),
         ratio(bc, first["wall"] * 1000), "", ""],
        ["  of which first load + join", fmt_ms(first["load"] * 1000), "", "", "", ""],
        [f"warm call, the join (median of {len(ours_warm)} / {len(base_warm)})", fmt_ms(ow), fmt_ms(bw),
         ratio(bw, ow), f"< {TARGET_WARM_MS} ms", "pass" if ow < TARGET_WARM_MS else "FAIL"],
        ["  the same table again (shared result)", fmt_ms(median_ms(ours_hit)), fmt_ms(bw),
         ratio(bw, median_ms(ours_hit)), "", ""],
    ]
    print(f"\nNUTS 2 joined model: ours {rows_ours} rows, baseline {rows_base} rows "
          f"(cold = median of {args.runs} fresh processes)\n")
    headers = ["metric", "ours", "baseline", "ratio (baseline/ours)", "target", "result"]
    print(table(headers, rows))
    print(f"\nsaved to {save_results('bench_model', headers, rows)}")


if __name__ == "__main__":
    main()
