"""reviewkit.export"""
