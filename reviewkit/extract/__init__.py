"""reviewkit.extract"""
