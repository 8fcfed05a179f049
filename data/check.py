"""Data check: ``python -m data.check``.

Prints rows per table, the join rate of every code to NUTS 2021 (older codes mapped through
geo/nuts_correspondence.csv), the unmatched codes by name, and score coverage per country.
Exits non-zero on any schema violation (pandera) or a participation join rate below 99 %.
The same functions feed the app's "Data & coverage" page.
"""

from __future__ import annotations

import sys

import pandas as pd

from data import cache, geodata, tables
from data import scores as sc

MIN_JOIN_RATE = 0.99


def _join(codes: pd.Series) -> pd.DataFrame:
    valid = geodata.all_codes()
    rows = [(c, *geodata.translate(c, valid)) for c in codes]
    return pd.DataFrame(rows, columns=["code", "nuts2021", "how"], index=codes.index)


def participation_join() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-row join of participation place codes, rows that carry no code)."""
    par = tables.participation()
    coded = par[par["place_code"].notna()]
    j = _join(coded["place_code"])
    out = coded.join(j[["nuts2021", "how"]])
    return out, par[par["place_code"].isna()]


def score_join() -> pd.DataFrame:
    """One row per score dataset: codes, joined directly, via correspondence, unmatched."""
    frames = {
        "RIS 2023": sc.ris2023().index.to_series(),
        "RIS 2019": sc.ris2019().index.to_series(),
        "EIS 2023": sc.eis2023().drop(index="EU27", errors="ignore").index.to_series(),
        "Eurostat indicators": pd.Series(sc.eurostat()["nuts2_code"].unique()),
    }
    rows = []
    for name, codes in frames.items():
        j = _join(codes.reset_index(drop=True))
        rows.append({
            "dataset": name, "codes": len(j),
            "NUTS 2021": int((j["how"] == "valid").sum()),
            "recoded": int((j["how"] == "recode").sum()),
            "split (predecessor)": int((j["how"] == "split").sum()),
            "unmatched": ", ".join(sorted(j.loc[j["how"].isin(["boundary", "unknown"]), "code"])),
        })
    return pd.DataFrame(rows)


def score_coverage_by_country(level: int = 2) -> pd.DataFrame:
    """Per country: NUTS ``level`` regions, and how many get an RIS 2023 value and how."""
    from data.model import resolved_score

    r = resolved_score("rii", level).copy()
    r["country"] = [c[:2] for c in r.index]
    r["basis"] = r["basis"].fillna("no data")
    tab = pd.crosstab(r["country"], r["basis"])
    tab.insert(0, "regions", tab.sum(axis=1))
    names = geodata.country_names()
    tab.insert(0, "name", [names.get(c, c) for c in tab.index])
    return tab


FIRST_PASS_FILES = ("tier1/participants.csv", "tier1/country_participation.csv", "tier1/initiatives.csv",
                    "tier2/initiatives.csv", "tier2/region_participation.csv")


def ipcei_coverage() -> pd.DataFrame:
    """Per IPCEI: official participant count and named direct participants (distinct name-country
    pairs) before (first-pass rows, with the second pass's role corrections) and after the second
    pass, plus rows placed at a NUTS 2 site before and after."""
    ini, par = tables.load()
    ipcei = ini[ini["type"] == "IPCEI"].set_index("initiative_id")
    rows = par[par["role"].isin(["site", "participant"]) & par["initiative_id"].isin(ipcei.index)]
    direct = rows[rows["status"] == "direct"]

    def named(df: pd.DataFrame) -> pd.Series:
        pairs = df[["initiative_id", "participant_name", "country_code"]].fillna("").drop_duplicates()
        return pairs.groupby("initiative_id").size()

    first = direct["source_file"].isin(FIRST_PASS_FILES)
    out = pd.DataFrame({
        "IPCEI": ipcei["short_name"],
        "official": ipcei["companies"],
        "named before": named(direct[first]).reindex(ipcei.index, fill_value=0),
        "named after": named(direct).reindex(ipcei.index, fill_value=0),
        "sites before": rows[rows["source_file"].isin(FIRST_PASS_FILES) & (rows["role"] == "site")
                             & ~rows["notes"].fillna("").str.contains(r"\[correction [^\]]*(?:set|add)_site")]
        .groupby("initiative_id").size().reindex(ipcei.index, fill_value=0),
        "sites after": rows[rows["role"] == "site"].groupby("initiative_id").size().reindex(ipcei.index, fill_value=0),
    })
    out["coverage after"] = [f"{a / o:.0%}" if pd.notna(o) and o else "official count unknown"
                             for a, o in zip(out["named after"], out["official"], strict=True)]
    return out.reset_index(drop=True)


def tier2_coverage() -> pd.DataFrame:
    """Per Tier 2 type: initiatives, initiatives with rows, rows and regional rows, before/after pass 2."""
    ini, par = tables.load()
    t2 = ini[ini["tier"] == 2]
    p2 = par[par["tier"] == 2].merge(t2[["initiative_id", "type"]], on="initiative_id")
    out = []
    for typ, g in t2.groupby("type"):
        rows = p2[p2["type"] == typ]
        first_i = g[g["source_file"].isin(FIRST_PASS_FILES)]
        first_r = rows[rows["source_file"].isin(FIRST_PASS_FILES)]
        out.append({
            "type": typ,
            "initiatives before": len(first_i), "initiatives after": len(g),
            "with rows before": first_r["initiative_id"].nunique(), "with rows after": rows["initiative_id"].nunique(),
            "rows before": len(first_r), "rows after": len(rows),
            "regional rows before": int((first_r["place_level"] > 0).sum()),
            "regional rows after": int((rows["place_level"] > 0).sum()),
        })
    return pd.DataFrame(out)


def unmapped() -> pd.DataFrame:
    """Initiatives whose value chain is not in data/vocab.py (kept with a blank value_chain)."""
    ini = tables.initiatives()
    bad = ini[ini["value_chain"].isna() & ini["value_chain_as_written"].notna()]
    return bad[["initiative_id", "type", "value_chain_as_written", "source_file"]].reset_index(drop=True)


def confidence_counts() -> pd.DataFrame:
    par = tables.participation()
    c = par["confidence"].fillna("not rated (first pass)")
    return pd.crosstab(c, par["tier"]).rename(columns={1: "tier 1", 2: "tier 2"})


def table_rows() -> pd.DataFrame:
    ini, par = tables.load()
    by_tier = ini.groupby("tier").size()
    return pd.DataFrame([
        {"table": "initiatives", "rows": len(ini), "tier 1": int(by_tier.get(1, 0)), "tier 2": int(by_tier.get(2, 0))},
        {"table": "participation", "rows": len(par), "tier 1": int((par["tier"] == 1).sum()),
         "tier 2": int((par["tier"] == 2).sum())},
    ])


@cache.resource
def summary_line() -> str:
    """One sentence on what the app holds, for the landing page."""
    ini, par = tables.load()
    joined, _ = participation_join()
    rate = joined["nuts2021"].notna().mean() if len(joined) else 1.0
    t1, t2 = int((ini["tier"] == 1).sum()), int((ini["tier"] == 2).sum())
    return (f"Data: {len(ini)} initiatives ({t1} Tier 1, {t2} Tier 2) and {len(par)} participation rows, "
            f"{rate:.0%} of located rows joined to NUTS 2021; scores from RIS 2023, EIS 2023, RIS 2019 "
            "and Eurostat. Details and gaps on the Data & coverage page.")


def main() -> int:
    pd.set_option("display.width", 160)
    try:
        rows = table_rows()
    except Exception as exc:  # pandera SchemaErrors and friends: report, fail
        print(f"SCHEMA VIOLATION\n{exc}")
        return 1
    print("Rows per table\n" + rows.to_string(index=False))
    joined, uncoded = participation_join()
    ok = joined["nuts2021"].notna()
    rate = ok.mean() if len(joined) else 1.0
    print(f"\nParticipation rows with a place code: {len(joined)}; joined to NUTS 2021: {int(ok.sum())} "
          f"({rate:.1%}); rows with no place in the source: {len(uncoded)}")
    print("  by how:", joined["how"].value_counts().to_dict())
    if (~ok).any():
        print("  unmatched:")
        for r in joined[~ok].itertuples():
            where = f"{r.initiative_id}, {r.source_file}:{r.source_row}"
            print(f"    {r.place_code}  {r.place_name_as_in_source}  ({where})")
    if len(uncoded):
        print("  rows with no place (by initiative):", uncoded["initiative_id"].value_counts().to_dict())
    print("\nIPCEI coverage: named direct participants (distinct name-country pairs) vs official count, "
          "before and after the second pass\n" + ipcei_coverage().to_string(index=False))
    print("\nTier 2 coverage per type, before and after the second pass\n" + tier2_coverage().to_string(index=False))
    print("\nParticipation rows by confidence\n" + confidence_counts().to_string())
    um = unmapped()
    if len(um):
        print(f"\nUNMAPPED value chains ({len(um)} initiatives kept with a blank value_chain; add to data/vocab.py)\n"
              + um.to_string(index=False))
    else:
        print("\nValue chains: every initiative maps into data/vocab.py VALUE_CHAINS")
    print("\nScore tables joined to NUTS 2021\n" + score_join().to_string(index=False))
    print("\nRIS 2023 coverage of NUTS 2 regions per country\n" + score_coverage_by_country().to_string())
    if rate < MIN_JOIN_RATE:
        print(f"\nFAIL: participation join rate {rate:.1%} < {MIN_JOIN_RATE:.0%}")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
