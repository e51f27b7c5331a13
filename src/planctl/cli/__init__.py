"""The command line: thin typer commands over `planctl.api` and `planctl.render`."""
