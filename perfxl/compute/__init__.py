"""compute: see docs/architecture.md."""
