"""reviewkit.store"""
