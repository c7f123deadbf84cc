"""Readers and extractors: plain data in, typed records out. Nothing here imports Prefect."""
