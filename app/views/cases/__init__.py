"""Screens of the procedure: the workbench, the case list and workspace, notices, approvals."""
