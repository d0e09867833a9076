"""The apps depend one way (README, "Architecture"). import-linter checks the imports; a
foreign key names its target as a string, so the models' relations are checked here."""

import configparser
from pathlib import Path

from django.apps import apps

CONTRACTS = Path(__file__).resolve().parents[2] / ".importlinter"


def _layer_of_each_app() -> dict[str, int]:
    """Each app's floor in the layers contract: 0 for the bottom one."""
    config = configparser.ConfigParser()
    config.read(CONTRACTS)
    lines = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return {
        app.strip(): floor for floor, line in enumerate(reversed(lines)) for app in line.split("|")
    }


def test_every_app_of_the_portal_has_a_floor():
    ranks = _layer_of_each_app()
    portal_apps = {
        config.label for config in apps.get_app_configs() if "site-packages" not in config.path
    }
    assert portal_apps == set(ranks)


def test_no_relation_points_to_a_higher_or_sibling_app():
    ranks = _layer_of_each_app()
    upward = []
    for model in apps.get_models():
        source = model._meta.app_label
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            if getattr(field, "swappable_setting", None) == "AUTH_USER_MODEL":
                # Who did something: named through the setting, as Django's own apps do.
                continue
            target = field.related_model._meta.app_label
            if source not in ranks or target == source or target not in ranks:
                continue
            if ranks[target] >= ranks[source]:
                upward.append(
                    f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                )
    assert upward == []
