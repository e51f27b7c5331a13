"""Plan files on disk: reading them safely, parsing YAML with positions, git versions, atomic writes."""
