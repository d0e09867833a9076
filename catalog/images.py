"""Product pictures: checked like every upload, then resized once into the widths pages use."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from tops.uploads import PNG, CheckedUpload

from .models import ProductImage


def renditions(upload: CheckedUpload) -> dict[str, ContentFile]:
    """The picture at each of ProductImage.WIDTHS (never enlarged), in the upload's format."""
    with Image.open(io.BytesIO(upload.content)) as original:
        original.load()
        files = {}
        for field, width in zip(("small", "medium", "large"), ProductImage.WIDTHS, strict=True):
            picture = original.copy()
            if picture.width > width:
                height = round(picture.height * width / picture.width)
                picture = picture.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            if upload.format == PNG:
                picture.save(buffer, format="PNG", optimize=True)
            else:
                picture.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
            files[field] = ContentFile(buffer.getvalue(), name=f"{field}{upload.extension}")
        return files
