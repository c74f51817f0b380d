from django.db import migrations

from claims.roles import REVIEWERS_PERMISSIONS, grant


def create_default_queue(apps, schema_editor):
    ReviewQueue = apps.get_model("reviewers", "ReviewQueue")
    if not ReviewQueue.objects.filter(is_default=True).exists():
        ReviewQueue.objects.get_or_create(
            slug="general",
            defaults={
                "name": "General",
                "description": "Claims no routing rule sends elsewhere.",
                "sla_hours": 48,
                "is_default": True,
            },
        )


def create_roles(apps, schema_editor):
    grant(apps, "reviewers", REVIEWERS_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("reviewers", "0001_initial"),
        ("claims", "0002_ratings_and_roles"),
    ]

    operations = [
        migrations.RunPython(create_default_queue, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
