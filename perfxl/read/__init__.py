"""read: see docs/architecture.md."""
