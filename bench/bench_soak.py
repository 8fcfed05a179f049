"""Soak: N protocol-level sessions clicking through filters and pages for M minutes.

One `streamlit run app.py` on 127.0.0.1 (INNOV_OFFLINE=1, fresh cache); each session is a
websocket client (tests/e2e/protocol.py) that opens a random page, then loops: change a filter
(countries, value chains, map level / metric), switch page, now and then start over as a new
visitor. Prints: interactions, errors (a run not finishing cleanly), exceptions (tracebacks on the
page), st.error messages, server RSS after the first minute and at the end (growth %), p95
interaction time in the first and the last minute (ratio), machine load. Targets: 0 errors, 0
exceptions, RSS growth <= 20 %, last-minute p95 <= 1.5x the first. A session clicks every 2-8 s
(``--think``); with 0.5-2 s, 20 sessions ask 2 shared cores for more runs than they can serve,
and the queue (not a leak) makes the p95 grow.

    .venv/bin/python bench/bench_soak.py                    # 20 sessions, 5 minutes
    .venv/bin/python bench/bench_soak.py --sessions 5 --minutes 1
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time

from _common import REPO_ROOT, machine

from bench.bench_workshop import RssSampler, _cpu_ticks, _pids_listening_on
from tests.e2e.protocol import Session
from tests.e2e.server import streamlit_server
from tests.fuzz.strategies import pages

FILTERS = ("Countries", "Value chains")  # multiselects in the shared filter bar
VIEW = ("Regions", "Map shows")  # map view settings


def _steal(ticks: list[tuple[float, int, int]], start: float, end: float) -> int | None:
    """Share of CPU time the hypervisor took from this VM between two moments (/proc/stat samples)."""
    inside = [t for t in ticks if start <= t[0] <= end]
    if len(inside) < 2:
        return None
    (_, s0, t0), (_, s1, t1) = inside[0], inside[-1]
    return round(100 * (s1 - s0) / max(1, t1 - t0))


def p95(xs: list[float]) -> float | None:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else (max(xs) if xs else None)


def current_widgets(s: Session) -> dict[str, object]:
    out = {}
    for el in s.elements:
        et = el.WhichOneof("type")
        w = getattr(el, et, None)
        if getattr(w, "label", "") and hasattr(w, "options"):
            out[w.label] = w
    return out


async def visitor(base: str, rng: random.Random, until: float, log: list[dict], paths: list[str],
                  think: tuple[float, float]) -> None:
    while time.monotonic() < until:
        async with Session(base, page=rng.choice(paths), timeout=120) as s:
            r = await s.run()
            log.append({"t": time.monotonic(), "what": "open", "s": r.seconds, "errors": r.errors,
                        "exc": r.exceptions, "err": r.error_texts, "path": s.page_name, "query": s.query})
            for _ in range(rng.randint(4, 10)):
                if time.monotonic() >= until or r.status.startswith("closed"):
                    break
                widgets = current_widgets(s)
                live = {w.id for w in widgets.values()}  # like a browser: only widgets on the page
                s.widget_states = {k: v for k, v in s.widget_states.items() if k in live}
                move = rng.random()
                if move < 0.25:  # switch page, keeping the session (as the sidebar does)
                    s.page_script_hash, s.page_name = "", rng.choice(paths)
                    what, r = "page", await s.run()
                else:
                    names = [n for n in (*FILTERS, *VIEW) if n in widgets]
                    if not names:
                        continue
                    name = rng.choice(names)
                    opts = list(widgets[name].options)
                    if type(widgets[name]).__name__ == "MultiSelect":
                        value = rng.sample(opts, k=min(len(opts), rng.randint(0, 2)))
                    elif type(widgets[name]).__name__ == "ButtonGroup":  # segmented control: the label
                        value = [rng.choice(opts).content]
                    else:
                        value = rng.choice(opts)
                    what, r = f"set {name}", await s.set_widget(name, value)
                log.append({"t": time.monotonic(), "what": what, "s": r.seconds, "errors": r.errors,
                            "exc": r.exceptions, "err": r.error_texts, "path": s.page_name,
                            "query": r.query_string})
                await asyncio.sleep(rng.uniform(*think))  # a person reading


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--think", default="2,8", help="seconds between a session's clicks: min,max (uniform)")
    a = ap.parse_args()
    paths = [p["path"] for p in pages()]
    env = {"INNOV_OFFLINE": "1", "INNOV_CACHE": tempfile.mkdtemp(prefix="soak-cache-")}
    log_path = REPO_ROOT / "bench" / "results" / "soak_server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"soak: {a.sessions} sessions x {a.minutes} min on {machine()}; load {os.getloadavg()}", flush=True)
    with streamlit_server("app.py", env=env, log_path=log_path, timeout=120) as base:
        pids = _pids_listening_on(base.rsplit(":", 1)[1])

        async def warm_up() -> float:  # every page once, not counted (first loads, caches)
            t = time.perf_counter()
            for path in paths:
                async with Session(base, page=path, timeout=300) as s:
                    await s.run()
            return time.perf_counter() - t

        print(f"warm-up (every page once): {asyncio.run(warm_up()):.1f} s", flush=True)
        log: list[dict] = []
        rss: list[tuple[float, int]] = []
        ticks: list[tuple[float, int, int]] = []

        async def sample(until: float) -> None:
            while time.monotonic() < until:
                rss.append((time.monotonic(), sum(RssSampler.rss(q) for p in pids for q in RssSampler._tree(p))))
                ticks.append((time.monotonic(), *_cpu_ticks()))
                await asyncio.sleep(5)

        async def run() -> float:
            t0 = time.monotonic()
            until = t0 + a.minutes * 60
            rng = random.Random(a.seed)
            think = tuple(float(x) for x in a.think.split(","))
            await asyncio.gather(sample(until), *(visitor(base, random.Random(rng.random()), until, log, paths,
                                                          think) for _ in range(a.sessions)))
            return t0

        t0 = asyncio.run(run())
    first = [e["s"] for e in log if e["t"] - t0 <= 60]
    last = [e["s"] for e in log if e["t"] - t0 >= a.minutes * 60 - 60]
    after_1 = next((v for t, v in rss if t - t0 >= 60), None)
    end = rss[-1][1] if rss else None
    growth = (end - after_1) / after_1 * 100 if after_1 and end else None
    res = {
        "sessions": a.sessions, "minutes": a.minutes, "interactions": len(log),
        "errors": sum(e["errors"] for e in log), "exceptions": sum(len(e["exc"]) for e in log),
        "error_messages": sum(len(e["err"]) for e in log),
        "rss_after_1min_mb": after_1 / 1e6 if after_1 else None, "rss_end_mb": end / 1e6 if end else None,
        "rss_peak_mb": max(v for _, v in rss) / 1e6 if rss else None, "rss_growth_pct": growth,
        "p95_first_min_s": p95(first), "p95_last_min_s": p95(last),
        "p50_all_s": statistics.median(e["s"] for e in log) if log else None,
        "load_after": os.getloadavg(),
    }
    res["p95_ratio"] = (res["p95_last_min_s"] / res["p95_first_min_s"]
                        if res["p95_first_min_s"] and res["p95_last_min_s"] else None)
    minutes = range(int(a.minutes + 0.999))
    res["p95_per_minute_s"] = [p95([e["s"] for e in log if m * 60 <= e["t"] - t0 < (m + 1) * 60]) for m in minutes]
    res["rss_per_minute_mb"] = [next((v / 1e6 for t, v in rss if t - t0 >= m * 60), None) for m in minutes]
    res["cpu_steal_per_minute_pct"] = [_steal(ticks, t0 + m * 60, t0 + (m + 1) * 60) for m in minutes]
    samples = [x for e in log for x in e["exc"] + e["err"]][:5]
    for k, v in res.items():
        if isinstance(v, list) and v and all(isinstance(x, float) for x in v):
            v = ", ".join(f"{x:.2f}" for x in v)
        print(f"{k:>20}: {v:.2f}" if isinstance(v, float) else f"{k:>20}: {v}")
    ok = (res["errors"] == 0 and res["exceptions"] == 0 and growth is not None and growth <= 20
          and res["p95_ratio"] is not None and res["p95_ratio"] <= 1.5)
    print(f"{'verdict':>20}: {'pass' if ok else 'FAIL'}" + (f"; first problems: {samples}" if samples else ""))
    out = REPO_ROOT / "bench" / "results" / "bench_soak.json"
    out.write_text(json.dumps({**res, "log": log}, indent=1, default=str))


if __name__ == "__main__":
    main()
