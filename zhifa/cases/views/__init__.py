"""The cases' pages (mounted at /cases/)."""
