"""The store: documents, extractions and reviews in SQLite or PostgreSQL (store.database), how reviews follow
their extraction across re-extraction (store.anchors), and near-duplicate documents (store.duplicates).

Below flows/ (which fills it) and review/ (which reads and writes reviews in it); it imports neither.
"""
