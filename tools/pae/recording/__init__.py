"""Writing what happened into the dossiers: one function per event (`events`), a week of
attendance (`attendance`), new dossiers (`new`, `importer`), all through one safe
transaction (`transaction`) — shared by the commands and the site's forms."""
