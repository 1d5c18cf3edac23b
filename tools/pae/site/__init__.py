"""The team site: page builders (network + status → Markdown, SVG and iCalendar files),
their assembly with the hand-written sources of site/, and the MkDocs build.

MkDocs only builds what the builders write; every value from a record goes through
`escape`.
"""
