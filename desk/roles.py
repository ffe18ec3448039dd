"""The review UI's roles. A module of its own so the CLI can offer them without loading
SQLAlchemy (`himflow --help` start-up)."""

# auditor: the privacy officer, who reads the audit log (and nothing else).
# release-of-information: works requests for records and alone may release packets.
ROLES = ("records-staff", "physician", "scanning-station", "auditor", "admin", "release-of-information")

# Where each role lands after sign-in, and when sent to a page its role may not open.
HOME_BY_ROLE = {
    "records-staff": "/queue",
    "admin": "/queue",
    "physician": "/signatures",
    "scanning-station": "/upload",
    "auditor": "/audit",
    "release-of-information": "/roi",
}
