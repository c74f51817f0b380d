"""QueueEntry.waiting: True exactly while the claim is queued, with partial take-next indexes.

Entries stay after their claim is taken (one per claim), so the take-next order walked the
entries of claims long in review or published. The flag is set from the claim's status
here, then kept in step by reviewers.sync on every transition.
"""

from django.db import migrations, models


def set_waiting(apps, schema_editor):
    QueueEntry = apps.get_model("reviewers", "QueueEntry")
    # The field was added with True everywhere: clear it where the claim is not queued.
    QueueEntry.objects.exclude(claim__status="queued").update(waiting=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reviewers", "0003_routing_rules_and_priority"),
    ]

    operations = [
        migrations.AddField(
            model_name="queueentry",
            name="waiting",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(set_waiting, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(
            model_name="queueentry",
            name="queueentry_take_next",
        ),
        migrations.AddIndex(
            model_name="queueentry",
            index=models.Index(
                condition=models.Q(("waiting", True)),
                fields=["priority_at", "id"],
                name="queueentry_waiting_priority",
            ),
        ),
        migrations.AddIndex(
            model_name="queueentry",
            index=models.Index(
                condition=models.Q(("waiting", True)),
                fields=["queue", "priority_at", "id"],
                name="queueentry_take_next",
            ),
        ),
    ]
