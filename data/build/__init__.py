"""Per-source builders of the project's committed tables (run them with ``python -m data.build_tables``).

* :mod:`data.build.tier1`, :mod:`data.build.tier2` - initiatives and participation (curated tables);
* :mod:`data.build.scores` - RIS/EIS/Eurostat score tables -> ``data/derived/scores_*.csv``;
* :mod:`data.build.context` - context layers -> ``data/derived/context_*.csv``.

Every table is validated with its schema in :mod:`data.schemas` before it is written.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from data import schemas
from data.build import context, scores
from data.build.common import DERIVED_DIR, read_source, sha256, write_csv


def derived_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Score and context tables plus ``sources.csv`` built from ``<shared>/data`` (not written)."""
    rels = (*scores.SOURCE_FILES, *context.SOURCE_FILES)
    src = {rel: read_source(data_dir, rel) for rel in rels}
    out = {**scores.build(src), **context.build(src)}
    meta = []
    for outputs, metas in ((scores.OUTPUTS, scores.META), (context.OUTPUTS, context.META)):
        for key, rel in outputs.values():
            meta.append({"source": key, **metas[key], "built_from": f"shared/data/{rel}",
                         "built_from_sha256": sha256(data_dir / rel)})
    cols = ["source", "title", "edition", "unit", "licence", "attribution", "official_page", "coverage",
            "built_from", "built_from_sha256"]
    out["sources.csv"] = pd.DataFrame(meta)[cols]
    for name, df in out.items():  # validated as the loaders will read it back
        try:
            schemas.DERIVED[name].validate(pd.read_csv(io.StringIO(df.to_csv(index=False))), lazy=True)
        except Exception as exc:
            raise ValueError(f"data/derived/{name}: {exc}") from exc
    return out


def write_derived(tables: dict[str, pd.DataFrame], out_dir: Path = DERIVED_DIR) -> None:
    for name, df in tables.items():
        write_csv(df, out_dir / name)
