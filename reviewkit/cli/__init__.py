"""reviewkit.cli"""
