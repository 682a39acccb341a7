"""Use cases of the procedure: steps, decisions, notices, the workspace and the county's review."""
