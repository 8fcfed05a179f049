"""Search across regions (every NUTS level), countries, initiatives and named participants.

Pure functions over frames. :func:`build_index` turns the NUTS registry and the curated tables
into one row per findable thing; :func:`search` matches a query accent- and case-insensitively
on partial words (every word typed must begin a word of the name, code or id); and
:func:`close_matches` offers the nearest entries for a code or id that matched nothing (for the
"not found" messages of deep links).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

from data import cache

KINDS = ("country", "region", "initiative", "participant")  # also the tie-break order
COLUMNS = ["kind", "id", "label", "detail", "text"]
# letters that do not decompose into a base letter + accent under NFKD
_EXTRA_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
                             "ı": "i", "ħ": "h", "ŧ": "t"})
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: object) -> str:
    """Lower case without accents: 'Île-de-France' -> 'ile-de-france', 'Łódzkie' -> 'lodzkie'."""
    if not isinstance(text, str):
        return ""
    t = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLD))
    return "".join(c for c in t if not unicodedata.combining(c)).translate(_EXTRA_FOLD)


def words(text: object) -> list[str]:
    return _WORD.findall(fold(text))


def _split_names(name: object) -> list[str]:
    return [n.strip() for n in str(name).split(";") if n.strip()] if isinstance(name, str) else []


def build_index(registry: pd.DataFrame, initiatives: pd.DataFrame, participation: pd.DataFrame) -> pd.DataFrame:
    """One row per findable thing: kind, id (NUTS code or initiative id), label, detail, text.

    ``registry``: NUTS units indexed by code with name, name_national, country, level.
    ``initiatives``: initiative_id, name, short_name, type, tier. ``participation``:
    initiative_id, participant_name, country_code. ``text`` is what the query is matched on
    (folded): names in Latin script and the national language, code or id.
    """
    rows = []
    for code, r in registry.iterrows():
        kind = "country" if r["level"] == 0 else "region"
        national = r.get("name_national", "")
        alt = f" · {national}" if isinstance(national, str) and national and national != r["name"] else ""
        detail = "country" if kind == "country" else f"NUTS {r['level']} region in {r['country']}"
        rows.append((kind, code, f"{r['name']} ({code})", detail + alt, f"{r['name']} {national} {code}"))
    short = dict(zip(initiatives["initiative_id"], initiatives["short_name"], strict=True))
    for r in initiatives.itertuples():
        rows.append(("initiative", r.initiative_id, r.short_name, f"{r.type} · Tier {r.tier}",
                     f"{r.short_name} {r.name} {r.initiative_id} {r.type}"))
    named = participation[participation["participant_name"].fillna("") != ""]
    seen = set()
    for r in named.itertuples():
        for name in _split_names(r.participant_name):
            key = (fold(name), r.initiative_id)
            if key in seen or r.initiative_id not in short:
                continue
            seen.add(key)
            cc = r.country_code if isinstance(r.country_code, str) and r.country_code else "country not stated"
            rows.append(("participant", r.initiative_id, name, f"in {short[r.initiative_id]} · {cc}", name))
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["text"] = out["text"].map(fold)
    return out


def _rank(entry_text: str, label: str, entry_id: str, q: str, q_words: list[str]) -> int | None:
    """0 exact code/id, 1 exact name, 2 name starts with the query, 3 every word matched; None: no match."""
    if q == fold(entry_id):
        return 0
    lab = fold(label)
    if lab == q or lab.split(" (")[0] == q:
        return 1
    target = _WORD.findall(entry_text)
    if not all(any(t.startswith(w) for t in target) for w in q_words):
        return None
    return 2 if lab.startswith(q) else 3


def search(index: pd.DataFrame, query: str, limit: int = 10) -> pd.DataFrame:
    """Entries matching ``query`` (accent/case-insensitive, partial words), best first.

    Order: exact code or id, exact name, name beginning with the query, other matches; within
    that by kind (country, region, initiative, participant), then shorter labels first.
    """
    q = " ".join(words(query))
    q_words = q.split()
    if not q_words:
        return index.iloc[0:0].assign(rank=pd.Series(dtype=int))
    ranks = [_rank(t, lab, i, q, q_words) for t, lab, i in zip(index["text"], index["label"], index["id"],
                                                                 strict=True)]
    out = index.assign(rank=ranks).dropna(subset=["rank"])
    out = out.assign(rank=out["rank"].astype(int), _k=out["kind"].map(KINDS.index), _n=out["label"].str.len())
    out = out.sort_values(["rank", "_k", "_n", "label"], kind="stable").drop(columns=["_k", "_n"])
    return out.head(limit).reset_index(drop=True)


def close_matches(index: pd.DataFrame, raw: str, kinds: tuple[str, ...] = KINDS, n: int = 5) -> pd.DataFrame:
    """Entries of ``kinds`` nearest to an unknown code, id or name: partial-word matches first,
    then the most similar ids and names (difflib ratio >= 0.5)."""
    pool = index[index["kind"].isin(kinds)]
    hits = search(pool, raw, limit=n)
    q = fold(raw).strip()
    keys = {}
    for pos, (i, lab) in enumerate(zip(pool["id"], pool["label"], strict=True)):
        keys.setdefault(fold(i), pos)
        keys.setdefault(fold(lab).split(" (")[0], pos)
    near = difflib.get_close_matches(q, list(keys), n=n * 2, cutoff=0.5)
    extra = pool.iloc[[keys[k] for k in near]]
    out = pd.concat([hits.drop(columns="rank"), extra]).drop_duplicates(["kind", "id", "label"])
    return out.head(n).reset_index(drop=True)


@cache.resource
def default_index() -> pd.DataFrame:
    from data import geodata, tables

    return build_index(geodata.registry(), tables.initiatives(), tables.participation())
