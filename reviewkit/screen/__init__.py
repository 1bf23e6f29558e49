"""reviewkit.screen"""
