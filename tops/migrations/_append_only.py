"""Histories and kept notices refuse UPDATE and DELETE in the database itself (PostgreSQL), so
that neither a bulk query, a cascade nor a hand-typed statement can rewrite the evidence.
TRUNCATE (what tests use to empty the database) is not affected."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION tops_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never changed or deleted (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""


def append_only(*tables):
    """A migration operation that makes each of ``tables`` append-only on PostgreSQL."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(FUNCTION, params=None)
        for table in tables:
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION tops_refuse_change()"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')

    return migrations.RunPython(forwards, backwards, elidable=False)
