"""The plan model (pydantic) and the semantic checks run over it."""
