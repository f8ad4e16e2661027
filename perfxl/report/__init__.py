"""What perfxl returns: findings, per-file results, the Report and its tidy frames; renderers take these."""
