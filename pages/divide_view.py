"""Divide: does EU industrial-innovation support follow innovation performance?

Thin page: the sections live in :mod:`components.divide_sections`; every figure comes from
``data/`` and every caption is computed there.
"""

from components import divide_sections as sections

page = sections.intro(sections.page_context())
sections.by_group(page)
sections.by_context(page)
sections.countries(page)
sections.regions(page)
sections.concentrated(page)
gap_lists = sections.gap_lists(page)
sections.barrier_divide(page)
sections.peer_comparison(page, gap_lists)
