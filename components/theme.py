"""The one place for colours, map styles, fonts and display labels.

Map, legend and charts all read their palettes here, so a category has the same colour
everywhere. This module is dependency-free (constants and tiny functions only), which is why
the view-model in ``data/`` may import it too: a class's colour travels with the class, so the
map and the legend can never disagree.

Categorical palettes follow Okabe-Ito (colour-blind safe); numeric classes use ColorBrewer's
YlGnBu ramp; "no data" is grey with a dashed outline and never a colour of a scale.
"""

from __future__ import annotations

# --- base palette (Okabe & Ito 2008) -----------------------------------------------------------
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "vermillion": "#D55E00",
    "yellow": "#F0E442",
}

# --- categories --------------------------------------------------------------------------------
OUTSIDE_SCOPE_COLOUR = "#ececec"  # regions drawn for context, not counted
PROFILE_COLOURS = {  # the tier profile of a region (data.model.PROFILE_CLASSES), map and charts
    "Both tiers": OKABE_ITO["green"],
    "Tier 1 only": OKABE_ITO["blue"],
    "Tier 2 only": OKABE_ITO["orange"],
    "Via parent region only": OKABE_ITO["purple"],  # links recorded for a larger region only
    "National-level only": "#A6B8CC",
    "Associated only": "#D9D2E9",  # associated / indirect / EEA roles only: never membership
    "No link recorded": "#F4F1EA",
    "Outside the scope": OUTSIDE_SCOPE_COLOUR,  # data.scope.OUTSIDE: drawn, not counted
}
# The Divide page's profile counts regional links only, so its last class merges the map's
# "National-level only" and "No link recorded" (to be unified with the map's five classes).
DIVIDE_PROFILE_COLOURS = {**{k: v for k, v in PROFILE_COLOURS.items() if k.startswith(("Both", "Tier "))},
                          "Neither tier": OKABE_ITO["vermillion"]}
TIER_COLOURS = {"Tier 1": OKABE_ITO["blue"], "Tier 2": OKABE_ITO["orange"]}
# Scoreboard order and hues: blues for leaders/strong, yellow to orange for moderate/emerging.
GROUP_COLOURS = {
    "Innovation Leader": "#1f4e8c",
    "Strong Innovator": "#6fa8dc",
    "Moderate Innovator": "#f6c343",
    "Emerging Innovator": "#e06c1f",
}
PARTICIPATION_COLOURS = {  # link kinds in participation charts
    "t1_regional": OKABE_ITO["blue"],
    "t1_national": OKABE_ITO["sky"],
    "t2_regional": OKABE_ITO["vermillion"],
    "t2_national": OKABE_ITO["orange"],
}
SCORE_BAR = OKABE_ITO["green"]

# --- special classes ---------------------------------------------------------------------------
NO_DATA_COLOUR = "#c8c8c8"
ZERO_COLOUR = "#f4f1ea"  # a count of zero: "none recorded", distinct from no data
NUMERIC_RAMP = "YlGnBu_09"  # branca.colormap.linear name

# --- map strokes -------------------------------------------------------------------------------
STROKE = "#4d4d4d"
STROKE_NO_DATA = "#777777"
DASH_NO_DATA = "3 3"
STROKE_WIDTH = 0.6
FILL_OPACITY = 0.9
HIGHLIGHT = {"weight": 2.5, "color": "#000000"}
CONTEXT_STYLE = {"fillColor": OUTSIDE_SCOPE_COLOUR, "fillOpacity": 1, "color": "#b0b0b0", "weight": 0.5}
LEGEND_BORDER = "1px solid #555"
LEGEND_BORDER_NO_DATA = "1px dashed #555"
MUTED_TEXT = "#555"

# --- type ----------------------------------------------------------------------------------------
CHART_FONT = 15
CHART_TITLE = 18

# --- labels ----------------------------------------------------------------------------------------
LEVEL_NAMES = {0: "countries (NUTS 0)", 1: "NUTS 1 regions", 2: "NUTS 2 regions", 3: "NUTS 3 regions"}


def ramp(n: int) -> list[str]:
    """``n`` distinct colours of the numeric ramp, light to dark, never the no-data or zero colour."""
    if n <= 0:
        return []
    import branca.colormap as bcm

    cm = getattr(bcm.linear, NUMERIC_RAMP)
    if n == 1:
        return [cm.rgb_hex_str(cm.vmin + 0.6 * (cm.vmax - cm.vmin))]
    return [cm.rgb_hex_str(cm.vmin + (0.12 + 0.88 * i / (n - 1)) * (cm.vmax - cm.vmin)) for i in range(n)]

# --- presentation mode (?present=1): high contrast on a projector ------------------------------
# Same hues as the map's classes, darker and more saturated, light classes kept clearly apart
# from the page background; numeric classes take the dark end of the ramp.
HIGH_CONTRAST_PROFILE = {
    "Both tiers": "#00664A",
    "Tier 1 only": "#004F80",
    "Tier 2 only": "#D98200",
    "Via parent region only": "#B0508A",
    "National-level only": "#8197B3",
    "Associated only": "#BFB2DB",
    "No link recorded": "#FFFFFF",
}
HIGH_CONTRAST_GROUPS = {
    "Innovation Leader": "#0B2E5C",
    "Strong Innovator": "#3D7CC4",
    "Moderate Innovator": "#F2B000",
    "Emerging Innovator": "#C04A00",
}
HIGH_CONTRAST_NO_DATA = "#9A9A9A"
PRESENT_FONT_PX = 19  # base font size in presentation mode
PRESENT_MAP_HEIGHT = 500  # px: with the compact header and a story caption, fits 1280x720


def high_contrast_ramp(n: int) -> list[str]:
    """``n`` colours of the numeric ramp's darker two thirds (light classes wash out on projectors)."""
    if n <= 0:
        return []
    import branca.colormap as bcm

    cm = getattr(bcm.linear, NUMERIC_RAMP)
    lo, hi = 0.3, 1.0
    if n == 1:
        return [cm.rgb_hex_str(cm.vmin + 0.7 * (cm.vmax - cm.vmin))]
    return [cm.rgb_hex_str(cm.vmin + (lo + (hi - lo) * i / (n - 1)) * (cm.vmax - cm.vmin)) for i in range(n)]
