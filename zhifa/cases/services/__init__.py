"""The cases app's services: one function per action, each in one transaction with its ledger entry
(through the workflow tables in ``zhifa.cases.workflows``)."""
