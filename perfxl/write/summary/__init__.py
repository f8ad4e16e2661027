"""summary: see docs/architecture.md."""
