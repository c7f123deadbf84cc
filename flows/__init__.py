"""Orchestration: Prefect flows, storage, export and the command line. Arrows point to extractors, never back.

Prefect reads its settings when it is first imported, and every entry point (the CLI, the `serve` runner, the flow
runs it starts, the review app, the tests) imports this package first: so Prefect is configured here, once.
"""

from flows.prefect_env import configure_prefect_environment

configure_prefect_environment()
