"""Deletion guard in the model layer: only a draft visit can be deleted, whatever path the
delete takes; the deletion is recorded in the visit's history."""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Observation


@receiver(pre_delete, sender=Observation, dispatch_uid="observations_keep_submitted_visits")
def keep_submitted_visits(sender, instance, **kwargs):
    if instance.status != Observation.Status.DRAFT:
        raise ProtectedError("A submitted or acknowledged visit is never deleted.", {instance})
