"""reviewkit.search"""
