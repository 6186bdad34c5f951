"""Deletion guards in the model layer: whatever path a delete takes (a service, the admin,
a queryset), an approved protocol and its decisions stay (R5.3: the council keeps its
protocols). Planned meetings and the decisions of unapproved protocols may be deleted;
the deletion is recorded in their history."""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Decision, Meeting


@receiver(pre_delete, sender=Meeting, dispatch_uid="meetings_keep_held_meetings")
def keep_held_meetings(sender, instance, **kwargs):
    if instance.status != Meeting.Status.PLANNED:
        raise ProtectedError("A held or approved meeting is never deleted.", {instance})


@receiver(pre_delete, sender=Decision, dispatch_uid="meetings_keep_approved_decisions")
def keep_approved_decisions(sender, instance, **kwargs):
    if (
        Meeting.objects.with_scopes_disabled()
        .filter(pk=instance.meeting_id, status=Meeting.Status.APPROVED)
        .exists()
    ):
        raise ProtectedError("A decision of an approved protocol is never deleted.", {instance})
