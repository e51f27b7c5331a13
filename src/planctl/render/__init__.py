"""Renderers: turn results (diagnostics, tables, documents) into text for people or tools."""
