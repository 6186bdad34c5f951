"""Every protocol approved before snapshots existed gets one, built now (its reviewed
decisions' status as it stood on the meeting's day); the PDFs stored before are dropped,
so every language is rendered again from the snapshot and all copies agree."""

from django.db import migrations


def snapshot_approved(apps, schema_editor):
    historical_meeting = apps.get_model("meetings", "Meeting")
    apps.get_model("meetings", "ProtocolDocument").objects.all().delete()
    if not historical_meeting.objects.filter(status="approved").exists():
        return  # a new database: nothing to do (and the models below may be newer than it)
    from django_scopes import scopes_disabled

    from meetings import selectors, snapshot
    from meetings.models import Meeting, ProtocolSnapshot

    with scopes_disabled():
        for meeting in selectors.meeting_for_page(Meeting.objects.filter(status="approved")):
            if ProtocolSnapshot.objects.filter(meeting=meeting).exists():
                continue
            data = snapshot.build(meeting)
            ProtocolSnapshot.objects.create(
                meeting=meeting, version=meeting.version, data=data, digest=snapshot.digest(data)
            )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_protocol_snapshot")]

    operations = [migrations.RunPython(snapshot_approved, migrations.RunPython.noop)]
