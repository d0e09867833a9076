from django.db import migrations

# The folded name, for the names equal to a query or starting with it (the first ranks of a
# search), and its English line (after the newline) for the English names equal to a query.
# text_pattern_ops: a prefix LIKE uses the index whatever the database's collation.
CREATE = [
    "CREATE INDEX IF NOT EXISTS catalog_product_search_name "
    "ON catalog_product (search_name text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_product_search_name_en "
    "ON catalog_product ((split_part(search_name, E'\\n', 2)) text_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS catalog_product_search_name",
    "DROP INDEX IF EXISTS catalog_product_search_name_en",
]


def create_indexes(apps, schema_editor):
    # Only PostgreSQL ranks a search from its indexes; elsewhere every match is ranked.
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_english_name_and_summary")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
