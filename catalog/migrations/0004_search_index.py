from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS catalog_product_search_bigrams "
    "ON catalog_product USING gin (string_to_array(search_bigrams, ' ')) "
    # Entries go straight into the index rather than a pending list, so that the planner
    # costs searches right after products are listed.
    "WITH (fastupdate = off)"
)
DROP = "DROP INDEX IF EXISTS catalog_product_search_bigrams"


def create_index(apps, schema_editor):
    # Only PostgreSQL has inverted indexes; elsewhere search scans the text.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_search_terms")]

    operations = [migrations.RunPython(create_index, drop_index)]
