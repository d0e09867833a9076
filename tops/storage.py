"""The private store for documents: apart from public media, never served by URL alone."""

from django.core.files.storage import storages
from django.utils.functional import LazyObject, empty


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]

    def reset(self):
        self._wrapped = empty


private_storage = _PrivateStorage()


def get_private_storage():
    """For ``FileField(storage=...)``: resolved on use, so that a change of settings applies."""
    return private_storage
