"""Shared by the migrations that move a model from one app to another."""


def move_content_types(from_app: str, to_app: str, models: list[str]):
    """A RunPython step: the moved models keep their content types, so the permissions the
    staff roles were granted on them stay granted."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=to_app, model=model).exists():
                ContentType.objects.filter(app_label=from_app, model=model).update(
                    app_label=to_app
                )

    return move
