"""The audit log: every change, and every view of a restricted or confidential record, with who, when and what.

Entries are appended, never changed or removed, each sealed with an HMAC of its fields and of the entry before it
(`chain`), so `reunite audit verify` finds an entry altered, removed or inserted behind the application's back.
Model saves and deletes are recorded by signals (`signals`); bulk writers and pages call `record` themselves.
"""
