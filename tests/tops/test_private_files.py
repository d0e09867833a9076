"""Application documents, report evidence, purchase evidence and product pictures waiting for
their renditions share one private-file kit: the same fields, the same store, the same download
view, each saying who may read it."""

from django.apps import apps

from tops.private_files import PrivateFile
from tops.storage import private_storage


def test_every_private_file_says_who_may_read_it():
    kinds = {model._meta.label for model in apps.get_models() if issubclass(model, PrivateFile)}
    assert kinds == {
        "suppliers.ApplicationDocument",
        "reports.ReportEvidence",
        "awards.PurchaseEvidence",
        "catalog.PictureUpload",  # read by the supplier holding it on its form only
        "suppliers.ProfileChangeLogo",
    }
    for label in kinds:
        model = apps.get_model(label)
        assert model.readable_by is not PrivateFile.readable_by, label
        assert model._meta.get_field("file").storage is private_storage, label
