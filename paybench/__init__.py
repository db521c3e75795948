"""Salary benchmarks, laid out by layer, lowest first. A module imports from its own layer and
the layers before it, never from one after it; domain, datasets, query and present never import
Streamlit (tests/test_structure.py enforces both).

- domain/    pure maths: offer, pay policies, statistics, city pay factors, prevailing wage;
             who may see what (access: roles and rights; privacy: real data's rules)
- datasets/  dataset files: schema, versions, file summary, sample generator, calibration
             figures, importer, normalisation, uploads, the audit log
- query/     what a view asks for and how it is answered: catalog, filter state, market cell,
             SQL runner
- present/   what a user sees and sends: formatting, charts, tables, the offer's words and
             exports, links (what they may carry, checked and read)
- app/       the Streamlit glue the pages share: session dataset, sidebar, query display,
             widgets, page helpers, the offer form, the import flow, navigation, sign-in
             and roles (auth), the admin tabs
- tools/     benchmark, load script, server harness, AppTest harness, pandas reference (drive
             the app; the app never imports them)

paths.py and sql.py (the SQL registry) are the foundation every layer may use; cli.py and
__main__.py are the command line.
"""
