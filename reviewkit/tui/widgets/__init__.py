"""Widgets of the screening TUI, one module per area of the screen."""
