"""Use cases of the household file: the registry, editing a file, its scans and home visits."""
