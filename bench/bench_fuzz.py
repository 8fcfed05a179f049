"""Long URL fuzz: the CI fuzz's properties on many more hostile query strings.

Two levels, the same strategies and checks as tests/fuzz and tests/e2e/test_url_protocol_fuzz.py:

* state: components.state.parse_full / encode on generated query strings (the real allow-list);
* protocol: one `streamlit run app.py` on 127.0.0.1 (INNOV_OFFLINE=1), a new websocket session per
  case on a page of app.py (round robin), ``--concurrency`` sessions at a time.

Prints cases, failures (with the first few), exceptions and run times; writes
bench/results/bench_fuzz.json.

    .venv/bin/python bench/bench_fuzz.py                      # 10,000 state + 1,000 protocol cases
    .venv/bin/python bench/bench_fuzz.py --state 20000 --protocol 0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time

from _common import REPO_ROOT, machine
from hypothesis import HealthCheck, Phase, given, settings

from components import state as S
from tests.e2e.server import streamlit_server
from tests.e2e.test_url_protocol_fuzz import deep_link, warm
from tests.fuzz import strategies as F
from tests.fuzz.test_url_state_fuzz import check

QUIET = dict(deadline=None, database=None, phases=[Phase.generate],
             suppress_health_check=list(HealthCheck))


def generate(n: int, allowed: S.Allowed) -> list[str]:
    out: list[str] = []

    @settings(max_examples=n, **QUIET)
    @given(pairs=F.query_pairs(F.vocabulary(allowed)))
    def draw(pairs):
        out.append(F.query_string(pairs))

    draw()
    return out


def state_level(qs: list[str], allowed: S.Allowed) -> dict:
    failures = []
    t0 = time.perf_counter()
    for q in qs:
        try:
            check(F.as_params(q), allowed)
        except Exception as exc:  # collect, do not stop
            failures.append(f"{q[:120]!r}: {type(exc).__name__}: {str(exc)[:200]}")
    return {"cases": len(qs), "failures": len(failures), "first_failures": failures[:5],
            "seconds": time.perf_counter() - t0}


def protocol_level(qs: list[str], concurrency: int) -> dict:
    paths = [p["path"] for p in F.pages()]
    env = {"INNOV_OFFLINE": "1", "INNOV_CACHE": tempfile.mkdtemp(prefix="fuzz-cache-")}
    log = REPO_ROOT / "bench" / "results" / "fuzz_server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    failures: list[str] = []
    with streamlit_server("app.py", env=env, log_path=log, timeout=120) as base:
        warm(base)

        async def run() -> None:
            sem = asyncio.Semaphore(concurrency)

            async def one(i: int, q: str) -> None:
                async with sem:
                    t = time.perf_counter()
                    path = paths[i % len(paths)]
                    try:
                        problems = await deep_link(base, path, q)
                    except Exception as exc:
                        problems = [f"client: {type(exc).__name__}: {exc}"]
                    times.append(time.perf_counter() - t)
                    if problems:
                        failures.append(f"/{path}?{q[:120]}: {problems[:2]}")
                    if (i + 1) % 100 == 0:
                        print(f"  protocol {i + 1}/{len(qs)}, failures {len(failures)}", flush=True)

            await asyncio.gather(*(one(i, q) for i, q in enumerate(qs)))

        t0 = time.perf_counter()
        asyncio.run(run())
        wall = time.perf_counter() - t0
    exc = sum("exception" in f for f in failures)
    return {"cases": len(qs), "failures": len(failures), "with_exception": exc, "first_failures": failures[:5],
            "seconds": wall, "p50_s": statistics.median(times) if times else None,
            "p95_s": statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else None, "pages": paths}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--state", type=int, default=10_000, help="state-level cases")
    ap.add_argument("--protocol", type=int, default=1_000, help="protocol-level cases (0: skip)")
    ap.add_argument("--concurrency", type=int, default=4)
    a = ap.parse_args()
    os.environ.setdefault("INNOV_OFFLINE", "1")
    allowed = S.default_allowed()
    print(f"fuzz on {machine()}; load {os.getloadavg()}", flush=True)
    res = {}
    if a.state:
        res["state"] = state_level(generate(a.state, allowed), allowed)
        print("state:", json.dumps(res["state"], indent=1), flush=True)
    if a.protocol:
        res["protocol"] = protocol_level(generate(a.protocol, allowed), a.concurrency)
        print("protocol:", json.dumps(res["protocol"], indent=1), flush=True)
    res["total_cases"] = sum(r["cases"] for r in res.values() if isinstance(r, dict))
    res["total_failures"] = sum(r["failures"] for r in res.values() if isinstance(r, dict))
    res["load_after"] = os.getloadavg()
    print(f"total: {res['total_cases']} cases, {res['total_failures']} failures; load {res['load_after']}")
    (REPO_ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (REPO_ROOT / "bench" / "results" / "bench_fuzz.json").write_text(json.dumps(res, indent=2, default=str))


if __name__ == "__main__":
    main()
