"""One module per `pae` command: a plain `run()` returning an exit code."""
