"""Controlled vocabularies for the curated tables written by ``data.build_tables``.

Plain constants only, so that the app, the checks and the tests can import them
without pandas. ``data/README.md`` documents every list below.
"""

from __future__ import annotations

# Initiative types. Tier 1 sources use IPCEI / Industrial Alliance, tier 2
# sources use S3 Partnership / Eurocluster / ESCP / other.
TYPES: tuple[str, ...] = (
    "IPCEI",
    "Industrial Alliance",
    "S3 Partnership",
    "Eurocluster",
    "ESCP",
    "other",
)

TIERS: tuple[int, ...] = (1, 2)

# The EU's 14 industrial ecosystems (2021 update of the EU industrial strategy),
# spelled exactly as in the tier 2 source column `ecosystem`.
ECOSYSTEMS: tuple[str, ...] = (
    "Aerospace & Defence",
    "Agri-food",
    "Construction",
    "Cultural & Creative Industries",
    "Digital",
    "Electronics",
    "Energy-Intensive Industries",
    "Energy-Renewables",
    "Health",
    "Mobility-Transport-Automotive",
    "Proximity, Social Economy & Civil Security",
    "Retail",
    "Textile",
    "Tourism",
)

# Separator used inside the `ecosystems` column (ecosystem names contain commas).
ECOSYSTEM_SEP = ";"

# Values of `ecosystem_basis` in data/initiatives.csv ("" = no ecosystem).
ECOSYSTEM_BASIS_SOURCE = "source"
ECOSYSTEM_BASIS_ASSIGNED = "assigned by value chain (data/vocab.py)"
ECOSYSTEM_BASES: tuple[str, ...] = (
    ECOSYSTEM_BASIS_SOURCE,
    ECOSYSTEM_BASIS_ASSIGNED,
    "",
)

# One controlled value-chain vocabulary shared by both tiers. The point of the
# app is that tier 1 (IPCEIs, alliances) and tier 2 (place-based partnerships)
# meet on these labels.
VALUE_CHAINS: tuple[str, ...] = (
    "Batteries",
    "Hydrogen",
    "Microelectronics & semiconductors",
    "Photonics & nanotech",
    "Cloud & data",
    "Cybersecurity",
    "Health & life sciences",
    "Raw materials & chemicals",
    "Circular economy & plastics",
    "Bioeconomy",
    "Energy renewables",
    "Low-carbon fuels",
    "Nuclear",
    "Mobility & automotive",
    "Aerospace & defence",
    "Advanced manufacturing",
    "Construction",
    "Textile",
    "Agri-food",
    "Tourism",
    "Cultural & creative",
    "Social economy",
    "Sport",
    "Cross-sectoral",
    "Not stated",
)

# Label for initiatives whose source states no value chain (kept explicit rather
# than guessed; the app may leave it out of value-chain pickers).
VALUE_CHAIN_NOT_STATED = "Not stated"

# Every as-written `value_chain` in tier1/initiatives.csv and
# tier2/initiatives.csv -> one controlled label of VALUE_CHAINS.
# data.build_tables fails if an as-written value is missing here.
VALUE_CHAIN_MAP: dict[str, str] = {
    # --- tier 1 (IPCEIs and industrial alliances)
    "Microelectronics": "Microelectronics & semiconductors",
    "Microelectronics and communication technologies": "Microelectronics & semiconductors",
    "Semiconductors / processors": "Microelectronics & semiconductors",
    "Batteries": "Batteries",
    "Hydrogen": "Hydrogen",
    "Hydrogen (technology: generation, fuel cells, storage/transport, mobility end-use)": "Hydrogen",
    "Hydrogen (industrial use and infrastructure)": "Hydrogen",
    "Hydrogen (infrastructure: electrolysers, pipelines, storage, port terminals)": "Hydrogen",
    "Hydrogen (mobility and transport)": "Hydrogen",
    "Cloud and edge computing": "Cloud & data",
    "Cloud and edge computing / data": "Cloud & data",
    "Health (pharmaceuticals)": "Health & life sciences",
    "Health (medical devices with digital/AI features)": "Health & life sciences",
    "Pharmaceuticals (critical medicines supply)": "Health & life sciences",
    "Raw materials (rare earths, magnets, battery materials)": "Raw materials & chemicals",
    "Plastics recycling": "Circular economy & plastics",
    "Renewable and low-carbon fuels for aviation and waterborne transport": "Low-carbon fuels",
    "Aviation (hydrogen and electric aircraft)": "Aerospace & defence",
    "Solar photovoltaics manufacturing": "Energy renewables",
    "Nuclear (small modular reactors)": "Nuclear",
    # --- tier 2 (S3 partnerships, Euroclusters, ESCPs, other)
    "Cybersecurity": "Cybersecurity",
    "Social economy enterprises and clusters": "Social economy",
    "Social economy / tech social ventures": "Social economy",
    "Tourism digitalisation and safety": "Tourism",
    "Rural, eco- and farm tourism": "Tourism",
    "Coastal and maritime tourism SMEs": "Tourism",
    "Textiles and clothing": "Textile",
    "Technical textiles for construction": "Textile",
    "Textile industry": "Textile",
    "Technical textiles": "Textile",
    "Advanced textile materials": "Textile",
    "Sport and vitality": "Sport",
    "Medical technologies": "Health & life sciences",
    "Personalised medicine": "Health & life sciences",
    "eHealth / digital health": "Health & life sciences",
    "Sustainable chemical industry": "Raw materials & chemicals",
    "Additive manufacturing / 3D printing": "Advanced manufacturing",
    "Advanced manufacturing pilot plants": "Advanced manufacturing",
    "Industry 4.0 / ICT for manufacturing": "Advanced manufacturing",
    "Digital technologies for smart manufacturing": "Advanced manufacturing",
    "Green manufacturing for industrial SMEs": "Advanced manufacturing",
    "Nanotechnology / nano-enabled products": "Photonics & nanotech",
    "Photonics / photonic integrated chips": "Photonics & nanotech",
    "Bio-based value chains": "Bioeconomy",
    "Offshore / marine energy equipment manufacturing": "Energy renewables",
    # bioenergy = renewable fuels (biofuels, biogas, solid biomass): meets the RLCF alliance
    "Biofuels, biomass, biogas": "Low-carbon fuels",
    "Solar energy (PV and CSP)": "Energy renewables",
    "Offshore wind, wave and tidal energy": "Energy renewables",
    "Offshore renewable energy": "Energy renewables",
    "Smart grids": "Energy renewables",
    "Hydrogen value chain / hydrogen valleys": "Hydrogen",
    "Agri-food digitisation and data": "Agri-food",
    "Precision agriculture technologies": "Agri-food",
    "Smart sensor systems for food industry": "Agri-food",
    "Food processing / biomass": "Agri-food",
    "Agri-food and packaging digitalisation": "Agri-food",
    "Food and packaging": "Agri-food",
    "Digital solutions for food processing": "Agri-food",
    "Consumer and end-user involvement in agri-food innovation": "Agri-food",
    "Eco-construction and energy efficiency in buildings": "Construction",
    "Architecture, engineering and construction": "Construction",
    "Circular construction": "Construction",
    "Aerospace and defence SMEs": "Aerospace & defence",
    "Naval and aero-naval defence": "Aerospace & defence",
    "Aerospace circular economy": "Aerospace & defence",
    "Creative and cultural industries": "Cultural & creative",
    "Creative and cultural industries linked with other ecosystems (notably tourism)": "Cultural & creative",
    "Microelectronics / semiconductor value chain": "Microelectronics & semiconductors",
    "Electromobility (incl. hydrogen drives)": "Mobility & automotive",
    "Automotive, land transport and mobility SMEs": "Mobility & automotive",
    "Regional innovation strategies / twin transition": "Cross-sectoral",
    "Furniture/interiors, IT and energy (cross-sectoral)": "Cross-sectoral",
    "(not stated in the source read)": VALUE_CHAIN_NOT_STATED,
    # second pass (tier2/pass2/initiatives_add.csv)
    "Advanced smart packaging materials": "Circular economy & plastics",
    "Advanced therapies / personalised medicine": "Health & life sciences",
    "Agri-food digitalisation / Industry 5.0": "Agri-food",
    "Bioproducts and medical technology manufacturing": "Health & life sciences",
    "Biotechnology applied to food; valorisation of agri-food by-products": "Agri-food",
    "Circular ingredients / agri-food side streams": "Agri-food",
    "Circular textiles (sorting, recycling, recycled-fibre materials; 5 regional ReHubs)": "Textile",
    "Cleantech SMEs (missions to China and the United States)": "Energy renewables",
    "Demand-driven co-creation of digital health solutions (healthcare organisations + IT SMEs)":
        "Health & life sciences",
    "Digital health / life sciences clusters": "Health & life sciences",
    "Food innovation / nutraceuticals (USA, Canada)": "Agri-food",
    "Food, bio/circular economy and pharma (USA)": "Agri-food",
    "Furniture, wood and habitat (internationalisation to US, Canada, Egypt, South Africa)": "Construction",
    "Geothermal energy (new governance model, social acceptance, direct uses)": "Energy renewables",
    "Hemp / bio-based value chains": "Bioeconomy",
    "Life sciences / biotech clusters": "Health & life sciences",
    "Medical devices, emergency equipment, MDR compliance": "Health & life sciences",
    "Photonics for health": "Photonics & nanotech",
    "Photonics for industrial modernisation": "Photonics & nanotech",
    "Recovery and recycling of critical raw materials from e-waste for semiconductor and microelectronics production":
        "Raw materials & chemicals",
    "Recycling of permanent magnets (rare earths)": "Raw materials & chemicals",
    "Renewable energy and environmental technologies": "Energy renewables",
    "Smart and zero-energy buildings (Smart Readiness Indicator, BIM)": "Construction",
    "Smart grids / ICT for energy": "Energy renewables",
    "Smart winery technology for SME wineries": "Agri-food",
    "Space technologies for ground applications": "Aerospace & defence",
    "Sustainable agri-food (targets Japan, South Korea, Singapore, Thailand)": "Agri-food",
    "Sustainable and smart food packaging": "Agri-food",
    "Sustainable food packaging (4R: refuse, reduce, reuse, recycle)": "Agri-food",
    "Sustainable supply of critical raw materials (REE recovery from iron-mining waste; hydrometallurgical leaching)":
        "Raw materials & chemicals",
    "Textile and advanced manufacturing (digital transformation)": "Textile",
    "Water, energy and agriculture (Kenya, Uganda, Bolivia, Peru)": "Cross-sectoral",
    "Water-energy nexus (water efficiency, smart monitoring, energy recovery from waste water)": "Energy renewables",
}

# Tier 1 sources give no ecosystem. This is the PROJECT'S OWN assignment, by
# controlled value chain (not a source fact); rows get
# ecosystem_basis = ECOSYSTEM_BASIS_ASSIGNED. None = no ecosystem fits clearly
# (same rule the tier 2 compilation used), so `ecosystems` stays blank.
# data.build_tables fails if a tier 1 value chain has no entry here.
TIER1_ECOSYSTEM_BY_VALUE_CHAIN: dict[str, tuple[str, ...] | None] = {
    "Batteries": ("Mobility-Transport-Automotive", "Energy-Renewables"),
    "Hydrogen": ("Energy-Renewables",),
    "Microelectronics & semiconductors": ("Electronics",),
    "Cloud & data": ("Digital",),
    "Health & life sciences": ("Health",),
    "Raw materials & chemicals": ("Energy-Intensive Industries",),
    "Circular economy & plastics": ("Energy-Intensive Industries",),
    "Low-carbon fuels": ("Energy-Renewables", "Mobility-Transport-Automotive"),
    "Aerospace & defence": ("Aerospace & Defence",),
    "Energy renewables": ("Energy-Renewables",),
    "Nuclear": None,
}

# Roles in data/participation.csv.
TIER1_COUNTRY_ROLES: tuple[str, ...] = (
    "member_state",
    "eea_state",
    "associated_participant_country",
    "indirect_partner_country",
    "alliance_members_count",
)
TIER1_PARTICIPANT_ROLES: tuple[str, ...] = ("site", "participant")
TIER2_ROLES: tuple[str, ...] = ("lead", "co-lead", "member")
ROLES: tuple[str, ...] = TIER1_COUNTRY_ROLES + TIER1_PARTICIPANT_ROLES + TIER2_ROLES

# `status` (tier 1 participants only: source column participation_role).
STATUSES: tuple[str, ...] = (
    "direct",
    "selected_pre_approval",
    "unclear",
    "associated_partner",
    "alliance_member",
    "indirect_partner",  # second pass: named indirect partner (CIS)
)

# `participant_kind` (tier 1 participants only, as in the source).
PARTICIPANT_KINDS: tuple[str, ...] = ("company", "research", "other")

# `geo_basis`: how the place was obtained.
GEO_BASIS_UK_MAPPED = "mapped_by_name (NUTS 2021 UK code)"
GEO_BASES: tuple[str, ...] = (
    "country",  # tier 1 country rows: the source names the country
    "city_site",  # tier 1: named town/plant tied to the project -> NUTS 2
    "region_named",  # tier 1: named region that is itself one NUTS 2 unit
    "hq_city",  # tier 1: company's home city only -> kept at country level
    "region_only",  # tier 1: area not matching one NUTS 2 unit -> country level
    "mapped_by_name",  # tier 2: NUTS code assigned by the compilers from the name
    "given_by_source",  # tier 2: code printed by the source itself
    GEO_BASIS_UK_MAPPED,  # tier 2 UK rows coded by data.build_tables
    "none",  # no location in the source
)

# NUTS levels used in `place_level` (0 = country).
PLACE_LEVELS: tuple[int, ...] = (0, 1, 2, 3)
