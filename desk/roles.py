"""The review UI's roles. A module of its own so the CLI can offer them without loading
SQLAlchemy (`himflow --help` start-up)."""

# auditor: the privacy officer, who reads the audit log (and nothing else).
ROLES = ("records-staff", "physician", "scanning-station", "auditor", "admin")
