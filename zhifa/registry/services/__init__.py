"""Every change to the registry: one function per action, validated, in one transaction with its
ledger entry. Agency information administrators keep the registry; supervisors may act on
certificates of agencies in their region."""
