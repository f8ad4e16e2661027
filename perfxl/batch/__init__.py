"""Many files at once: discovery, tasks for worker processes, the on-disk spool of results, the audit loop."""
