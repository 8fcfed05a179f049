"""Stories: guided sequences of map views with captions computed from the data.

The stories live in ``data/stories.toml`` (editable without code, see its header). Each step is
a view (a URL query) plus a caption template whose numbers are ``{placeholders}`` filled from
the step's map view by :func:`facts`, so a caption never states a number the data does not
show. A story can also be built from a list of links ("make a story from these links"): the
steps' queries are packed into one URL parameter (:func:`pack` / :func:`unpack`).

Pure functions; no Streamlit.
"""

from __future__ import annotations

import base64
import binascii
import string
import tomllib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pandas as pd

from data import cache

FILE = Path(__file__).with_name("stories.toml")
LINKS = "links"  # story id of a story built from links
MAX_STEPS = 12
MAX_QUERY = 1500
LINK_CAPTION = ("{regions} {level_name} shown. {with_tier1} ({share_tier1}) have a Tier 1 regional link, "
                "{with_tier2} ({share_tier2}) a Tier 2 regional link.")
GROUP_KEYS = {"leader": "Innovation Leader", "strong": "Strong Innovator", "moderate": "Moderate Innovator",
              "emerging": "Emerging Innovator"}


@dataclass(frozen=True)
class Step:
    title: str
    view: str  # query string without "?"
    caption: str  # template with {placeholders}


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    claim: str
    steps: tuple[Step, ...]


class StoryFileError(ValueError):
    """stories.toml is not valid (named, with the story and the field)."""


def parse_file(text: str) -> dict[str, Story]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StoryFileError(f"{FILE.name}: not valid TOML ({exc})") from exc
    out: dict[str, Story] = {}
    for i, s in enumerate(doc.get("story", []), start=1):
        sid = str(s.get("id", "")).strip().lower()
        if not sid or sid == LINKS or not sid.replace("-", "").isalnum():
            raise StoryFileError(f"{FILE.name}: story {i} needs an id of letters, digits and dashes")
        steps = []
        for j, st in enumerate(s.get("step", []), start=1):
            for key in ("title", "view", "caption"):
                if not isinstance(st.get(key), str):
                    raise StoryFileError(f"{FILE.name}: story “{sid}” step {j} has no {key}")
            steps.append(Step(st["title"], st["view"].lstrip("?"), st["caption"]))
        if not steps or len(steps) > MAX_STEPS:
            raise StoryFileError(f"{FILE.name}: story “{sid}” needs 1 to {MAX_STEPS} steps")
        out[sid] = Story(sid, str(s.get("title", sid)), str(s.get("claim", "")), tuple(steps))
    return out


@cache.resource
def load() -> dict[str, Story]:
    return parse_file(FILE.read_text(encoding="utf-8"))


def ids() -> frozenset[str]:
    try:
        return frozenset(load())
    except (OSError, StoryFileError):
        return frozenset()


def query_params(view: str) -> dict[str, list[str]]:
    """A step's query -> params as Streamlit gives them (name -> list of values)."""
    out: dict[str, list[str]] = {}
    for k, v in parse_qsl(view.lstrip("?"), keep_blank_values=True):
        out.setdefault(k, []).append(v)
    return out


# --- stories built from links -------------------------------------------------------------------


def pack(queries: list[str]) -> str:
    """Step queries -> one URL-safe token (zlib + base64url, no padding)."""
    raw = "\n".join(q.lstrip("?") for q in queries[:MAX_STEPS]).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def unpack(token: str) -> list[str]:
    """The token of :func:`pack` -> step queries; [] for anything that is not one."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        d = zlib.decompressobj()
        text = d.decompress(raw, MAX_STEPS * MAX_QUERY)
        if d.unconsumed_tail or not d.eof:  # too big, or not a complete zlib stream
            return []
        queries = text.decode("utf-8").split("\n")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        return []
    if not 1 <= len(queries) <= MAX_STEPS or any(len(q) > MAX_QUERY for q in queries):
        return []
    return queries


def link_queries(text: str) -> tuple[list[str], list[str]]:
    """Pasted links, one per line (full URLs or ``?query``) -> (queries, notes on skipped lines)."""
    queries, notes = [], []
    for n, line in enumerate((ln.strip() for ln in text.splitlines()), start=1):
        if not line:
            continue
        q = line[1:] if line.startswith("?") else urlsplit(line).query
        if not q and "=" in line and "/" not in line:
            q = line
        if len(q) > MAX_QUERY:
            notes.append(f"Line {n}: link too long, skipped.")
            continue
        queries.append(q)
    if len(queries) > MAX_STEPS:
        notes.append(f"Kept the first {MAX_STEPS} links of {len(queries)}.")
        queries = queries[:MAX_STEPS]
    return queries, notes


def links_story(token: str) -> Story | None:
    queries = unpack(token)
    if not queries:
        return None
    steps = tuple(Step(f"View {i}", q, LINK_CAPTION) for i, q in enumerate(queries, start=1))
    return Story(LINKS, "Story from links", "", steps)


def get(story_id: str | None, links: str | None = None) -> Story | None:
    if story_id == LINKS:
        return links_story(links or "")
    try:
        return load().get(story_id or "")
    except (OSError, StoryFileError):
        return None


# --- captions -----------------------------------------------------------------------------------


def _pct(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "n/a"


def _top(t: pd.DataFrame, col: str, n: int = 3) -> str:
    s = t[t[col] > 0].sort_values([col, "name"], ascending=[False, True]).head(n)
    if s.empty:
        return "none"
    return ", ".join(f"{name} ({int(v)})" for name, v in zip(s["name"], s[col], strict=True))


def facts(view, level: int, country_names: Mapping[str, str] | None = None,
          initiatives: int | None = None) -> dict[str, str]:
    """Numbers and names a caption may use, computed from a map view's table."""
    from components.theme import LEVEL_NAMES

    t = view.table
    if "in_scope" in t:  # regions drawn for context only are not counted
        t = t[t["in_scope"].astype(bool)]
    n = len(t)
    t1 = t["t1_regional"] > 0
    t2 = t["t2_regional"] > 0
    reg = t1 | t2
    anyl = (t["t1_any"] + t["t2_any"]) > 0
    names = country_names or {}
    shown_countries = sorted(set(t["country"]))
    f: dict[str, object] = {
        "regions": n, "level_name": LEVEL_NAMES[level],
        "with_tier1": int(t1.sum()), "share_tier1": _pct(int(t1.sum()), n),
        "with_tier2": int(t2.sum()), "share_tier2": _pct(int(t2.sum()), n),
        "with_regional": int(reg.sum()), "share_regional": _pct(int(reg.sum()), n),
        "with_none_regional": int((~reg).sum()), "share_none_regional": _pct(int((~reg).sum()), n),
        "with_any": int(anyl.sum()),
        "countries": len(shown_countries),
        "country_names": _and([names.get(c, c) for c in shown_countries]),
        "countries_regional": t.loc[reg, "country"].nunique(),
        "countries_any": t.loc[anyl, "country"].nunique(),
        "top_tier1": _top(t, "t1_regional"), "top_tier2": _top(t, "t2_regional"),
        "top_regional": _top(t.assign(_r=t["t1_regional"] + t["t2_regional"]), "_r"),
        "metric_title": view.title, "coverage": view.coverage,
        "initiatives": initiatives if initiatives is not None else "n/a",
    }
    grp = t["ris_group"] if "ris_group" in t else pd.Series(index=t.index, dtype=object)
    for key, label in GROUP_KEYS.items():
        m = grp == label
        f[f"n_{key}"] = int(m.sum())
        f[f"t1_share_{key}"] = _pct(int((t1 & m).sum()), int(m.sum()))
    return {k: f"{v:,}" if isinstance(v, int) else str(v) for k, v in f.items()}


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    if len(items) > 6:
        return f"{len(items)} countries"
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Facts(dict):
    def __missing__(self, key: str) -> str:
        return f"{{unknown: {key}}}"


def caption(template: str, values: Mapping[str, str]) -> str:
    """Fill a caption template; an unknown placeholder shows as ``{unknown: name}``, never raises."""
    try:
        return string.Formatter().vformat(template, (), _Facts(values))
    except (ValueError, IndexError, KeyError, AttributeError) as exc:
        return f"{template} (caption template error: {exc})"


def placeholders(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}
