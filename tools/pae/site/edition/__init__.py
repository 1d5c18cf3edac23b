"""The site's forms (/edition/): Decap CMS, configured from the JSON Schemas, saving each
change as a merge request on the forge; locally, through decap-server on a dedicated
clone (`pae site --servir --edition`).

`fields` turns a schema into form fields, `config` writes the whole configuration,
`assets` finds the installed files that are served, `proxy` runs the local proxy.
"""
