"""locate: see docs/architecture.md."""
