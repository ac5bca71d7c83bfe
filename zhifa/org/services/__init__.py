"""Every change to organisations, accounts and roles: one function per action, each in one
transaction that also appends to the ledger (architecture invariant 2)."""
