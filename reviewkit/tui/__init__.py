"""reviewkit.tui"""
