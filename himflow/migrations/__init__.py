"""Schema migrations (Alembic) for every himflow table, on SQLite and PostgreSQL.

``himflow migrate`` (``himflow.db.migrate``) runs ``runner.upgrade``; the embedded stack runs
it at start, production runs it as a Job before a rollout (deploy/k8s/migrate-job.yaml).

    baseline.py      the schema of release 0.1.0, frozen (what revision 0001 creates)
    runner.py        upgrade in place under a lock; adopt a database made before Alembic
    env.py           Alembic's environment: the one MetaData from himflow.schema_registry
    versions/        one revision per schema change

A schema change: edit the table in its owner's module, then write the revision
(``alembic -c alembic.ini revision --autogenerate -m "..."`` from the repository root against a
database at head, then read and fix what it wrote); tests/integration/test_migrations.py fails
while the two disagree.
"""
