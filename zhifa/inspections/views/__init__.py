"""The inspections app's pages."""
