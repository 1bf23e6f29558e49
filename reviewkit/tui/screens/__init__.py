"""Full screens of the screening TUI."""
