"""A supplier's media kit for the city's promotion material (參.二(二)8): the full-resolution
pictures of its public products, its logo and its profile text, in one zip for staff."""

import tempfile
import zipfile

from django.utils import translation

from suppliers.models import Supplier
from tops.private_files import private_file_open

from .models import Product, ProductImage


def media_kit_zip(supplier: Supplier):
    """A temporary file holding the zip, positioned at its start (written to disk past a few
    megabytes: the pictures are large)."""
    kit = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    with zipfile.ZipFile(kit, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("profile.txt", _profile_text(supplier))
        if supplier.logo:
            with supplier.logo.open("rb") as logo:
                archive.writestr(f"logo{_extension(supplier.logo.name)}", logo.read())
        products = (
            Product.objects.public()
            .filter(supplier=supplier)
            .select_related("published")
            .order_by("pk")
        )
        for product in products:
            folder = f"{product.pk}-{product.published.name}"
            pictures = product.published.images.filter(state=ProductImage.State.READY)
            for number, image in enumerate(pictures.order_by("position"), start=1):
                # Pictures made before originals were kept have their largest width only.
                file = image.original or image.large
                opener = private_file_open(file) if image.original else file.open("rb")
                with opener as opened:
                    archive.writestr(f"{folder}/{number}{_extension(file.name)}", opened.read())
            archive.writestr(f"{folder}/description.txt", _product_text(product))
    kit.seek(0)
    return kit


def _extension(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""


def _profile_text(supplier: Supplier) -> str:
    with translation.override("zh-hant"):
        group = str(supplier.get_size_group_display())
    lines = [
        supplier.name,
        f"統一編號 {supplier.organisation.tax_id}",
        group,
        supplier.website,
        "",
        supplier.introduction,
    ]
    return "\n".join(line for line in lines if line is not None) + "\n"


def _product_text(product) -> str:
    version = product.published
    with translation.override("zh-hant"):
        pavilion = str(product.pavilion.name)
    pictures = version.images.filter(state=ProductImage.State.READY).order_by("position")
    lines = [version.name, pavilion, version.summary, "", version.description, ""]
    lines += [f"{number}: {image.alt_text}" for number, image in enumerate(pictures, start=1)]
    return "\n".join(lines) + "\n"
