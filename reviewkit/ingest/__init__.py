"""reviewkit.ingest"""
