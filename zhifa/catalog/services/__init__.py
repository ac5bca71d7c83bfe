"""Every change to the catalogue: validated, one transaction, one ledger entry."""
