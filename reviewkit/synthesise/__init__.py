"""reviewkit.synthesise"""
