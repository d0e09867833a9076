"""Product pictures. The request checks an upload from its header only and keeps it in the
private store; a worker then decodes it, under the same pixel limit, into the widths pages use.
Until then the picture is processing, and only a ready picture is shown.

A lost task does not leave a picture processing: the sweep asks again after ``STUCK_AFTER``,
and a picture whose work never ends (a worker killed each time) fails after ``MAX_ATTEMPTS``.
"""

import datetime
import io
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from tops.private_files import private_file_open, private_file_store
from tops.uploads import PNG, CheckedUpload, open_image

from .models import PictureUpload, Product, ProductImage

logger = logging.getLogger(__name__)

RENDITIONS = ("small", "medium", "large")
STUCK_AFTER = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 3
# Pictures chosen on a product form wait this long for the form to be sent; an account holds
# at most as many as three full forms.
HELD_FOR = datetime.timedelta(days=1)
MAX_HELD = 24


def renditions(data: bytes) -> dict[str, ContentFile]:
    """The picture at each of ProductImage.WIDTHS (never enlarged) and at full resolution
    ("original"), in its own format, without metadata. Raises ValidationError when it cannot
    be decoded within the pixel limit."""
    picture, fmt = open_image(data)
    if picture.mode in ("1", "P"):
        picture = picture.convert("RGB")  # resampled smoothly, not pixel by pixel
    files = {"original": _encoded(picture, fmt, "original", quality=92)}
    # Largest first, each from the one before: a big picture is resampled once.
    for field, width in reversed(list(zip(RENDITIONS, ProductImage.WIDTHS, strict=True))):
        if picture.width > width:
            height = max(1, round(picture.height * width / picture.width))
            picture = picture.resize((width, height), Image.Resampling.LANCZOS)
        files[field] = _encoded(picture, fmt, field)
    return files


def _encoded(picture, fmt: str, name: str, quality: int = 85) -> ContentFile:
    buffer = io.BytesIO()
    if fmt == PNG:
        picture.save(buffer, format="PNG", optimize=True)
        extension = ".png"
    else:
        picture.convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True)
        extension = ".jpg"
    return ContentFile(buffer.getvalue(), name=f"{name}{extension}")


def picture_hold(*, by, upload: CheckedUpload) -> PictureUpload:
    """Keep a picture chosen on the product form for the account that chose it, until the form
    is sent without errors. An account holds at most ``MAX_HELD`` such pictures: the oldest
    goes when one more comes."""
    with transaction.atomic():
        held = private_file_store(PictureUpload(held_by=by), upload, stem="picture")
        held.save()
        newest_first = PictureUpload.objects.filter(held_by=by).order_by("-uploaded_at", "-pk")
        beyond = list(newest_first.values_list("pk", flat=True)[MAX_HELD:])
        PictureUpload.objects.filter(pk__in=beyond).delete()
    return held


def held_pictures_sweep(now: datetime.datetime | None = None) -> int:
    """Remove the pictures held on a form that was never sent, a day after they were chosen."""
    now = now or timezone.now()
    deleted, _ = PictureUpload.objects.filter(
        held_by__isnull=False, uploaded_at__lt=now - HELD_FOR
    ).delete()
    return deleted


def picture_store(image: ProductImage, upload: CheckedUpload | PictureUpload) -> ProductImage:
    """Keep a new picture's upload privately (or take the one held on the form) and leave the
    picture processing; a worker is asked for its renditions once the transaction commits.
    The caller saves ``image``."""
    if isinstance(upload, PictureUpload):
        stored = upload
        stored.held_by = None
    else:
        stored = private_file_store(PictureUpload(), upload, stem="picture")
    stored.save()
    image.upload, image.state, image.queued_at = (
        stored,
        ProductImage.State.PROCESSING,
        timezone.now(),
    )
    return image


def picture_carry_over(image: ProductImage, existing: ProductImage) -> ProductImage:
    """A picture of the last version kept in a new one: the same files, or the same upload
    still waiting for its worker (whose renditions then serve both)."""
    image.state, image.upload_id = existing.state, existing.upload_id
    image.queued_at = timezone.now() if existing.state == ProductImage.State.PROCESSING else None
    for field in (*RENDITIONS, "original"):
        setattr(image, field, getattr(existing, field).name)
    return image


def hand_to_worker(image_id: int) -> None:
    """Ask a worker for a picture's renditions. A broker that is down costs only time: the
    sweep asks again."""
    from .tasks import make_picture_renditions

    try:
        make_picture_renditions.delay(image_id)
    except Exception:
        logger.warning("picture %s waits: handing it to a worker failed", image_id, exc_info=True)


def queue_on_commit(image: ProductImage) -> None:
    if image.state == ProductImage.State.PROCESSING:
        transaction.on_commit(lambda: hand_to_worker(image.pk))


def picture_renditions_make(*, image_id: int) -> str:
    """Make a processing picture's renditions, once: the picture and every picture sharing its
    upload become ready, or failed when the upload cannot be decoded; the upload is then
    deleted. A picture already settled is left as it is. Returns the picture's state."""
    with transaction.atomic():
        image = ProductImage.objects.select_for_update().filter(pk=image_id).first()
        if image is None or image.state != ProductImage.State.PROCESSING:
            return image.state if image else "gone"
        exhausted = image.attempts >= MAX_ATTEMPTS
        if not exhausted:
            # Counted before the work, so that a picture that kills its worker each time ends.
            image.attempts += 1
            image.queued_at = timezone.now()
            image.save(update_fields=["attempts", "queued_at"])
            upload = PictureUpload.objects.get(pk=image.upload_id)
    if exhausted:
        logger.error("picture %s failed: not finished in %s attempts", image_id, MAX_ATTEMPTS)
        return _settle(image_id, files=None)
    try:
        with private_file_open(upload.file) as opened:
            data = opened.read()
    except FileNotFoundError:
        # Settled meanwhile by the task of a picture sharing the upload, which deleted it?
        state = ProductImage.objects.filter(pk=image_id).values_list("state", flat=True).first()
        if state != ProductImage.State.PROCESSING:
            return state or "gone"
        raise  # the picture stays processing: the sweep asks again, up to MAX_ATTEMPTS
    try:
        files = renditions(data)
    except SoftTimeLimitExceeded:
        raise  # the picture stays processing; the sweep asks again
    except Exception as error:
        # A damaged file that passed the header check (or one Pillow cannot read): the
        # supplier is asked to upload it again. The worker carries on.
        logger.warning("picture %s could not be processed: %r", image_id, error)
        files = None
    return _settle(image_id, files=files)


def _settle(image_id: int, *, files: dict[str, ContentFile] | None) -> str:
    with transaction.atomic():
        # The product's row first, as an edit that carries the picture over takes it: the edit
        # then sees the picture settled, or its copy is settled here with it.
        product_id = ProductImage.objects.filter(pk=image_id).values("version__product_id")
        Product.objects.select_for_update().filter(pk__in=product_id).first()
        image = ProductImage.objects.select_for_update().filter(pk=image_id).first()
        if image is None or image.state != ProductImage.State.PROCESSING:
            return image.state if image else "gone"
        sharing = ProductImage.objects.select_for_update().filter(
            upload_id=image.upload_id, state=ProductImage.State.PROCESSING
        )
        if files is None:
            state, fields = ProductImage.State.FAILED, {}
        else:
            for field, file in files.items():
                getattr(image, field).save(file.name, file, save=False)
            state, fields = ProductImage.State.READY, {"original": image.original.name}
            for field in RENDITIONS:
                fields[field] = getattr(image, field).name
                for side in ("width", "height"):
                    fields[f"{field}_{side}"] = getattr(image, f"{field}_{side}")
        sharing.update(state=state, upload=None, queued_at=None, **fields)
        # Its file leaves once this commits.
        PictureUpload.objects.filter(pk=image.upload_id).delete()
        return state


def version_pictures_make(*, version) -> None:
    """Make a version's processing pictures in this process, as a worker would: for the demo
    data, which lists its products at once."""
    for image_id in version.images.filter(state=ProductImage.State.PROCESSING).values_list(
        "pk", flat=True
    ):
        picture_renditions_make(image_id=image_id)


def pictures_requeue_stuck(now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Ask again for the renditions of pictures processing for longer than ``STUCK_AFTER``:
    their task was lost (the broker was down, or restarted without its queue)."""
    now = now or timezone.now()
    with transaction.atomic():
        stuck = list(
            ProductImage.objects.filter(
                state=ProductImage.State.PROCESSING, queued_at__lt=now - STUCK_AFTER
            )
            .select_for_update(skip_locked=True)
            .order_by("queued_at")
            .values_list("pk", flat=True)[:limit]
        )
        ProductImage.objects.filter(pk__in=stuck).update(queued_at=now)
    for image_id in stuck:
        hand_to_worker(image_id)
    if stuck:
        logger.info("pictures handed to a worker again: %s", len(stuck))
    return len(stuck)
