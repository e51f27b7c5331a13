"""The plan model (dataclasses that pydantic validates) and the semantic checks run over it."""
