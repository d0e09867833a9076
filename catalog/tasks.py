from celery import shared_task

from tops.jobs import RETRIED

from . import images


# Redelivered after a lost worker; making the renditions twice is impossible (the picture is
# settled once, under its product's lock). A database error tries again at once; any other
# error leaves the picture processing for the sweep.
@shared_task(acks_late=True, reject_on_worker_lost=True, **RETRIED)
def make_picture_renditions(image_id: int) -> str:
    """Resize one product picture into the widths pages use."""
    return images.picture_renditions_make(image_id=image_id)


@shared_task(**RETRIED)
def sweep_processing_pictures() -> int:
    """Every minute: ask again for the pictures whose task was lost."""
    return images.pictures_requeue_stuck()


@shared_task(**RETRIED)
def remove_unsent_held_pictures() -> int:
    """Every night: remove the pictures chosen on a product form that was never sent."""
    return images.held_pictures_sweep()
