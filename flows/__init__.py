"""Orchestration: Prefect flows, storage, export and the command line. Arrows point to extractors, never back."""
