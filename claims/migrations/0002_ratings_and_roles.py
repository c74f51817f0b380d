from django.db import migrations

from claims.roles import CLAIMS_PERMISSIONS, grant

DEFAULT_RATINGS = [
    # slug, label, ClaimReview alternateName, value, order
    ("false", "False", "False", 1, 10),
    ("mostly_false", "Mostly false", "Mostly false", 2, 20),
    ("mixed", "Mixed", "Half true", 3, 30),
    ("mostly_true", "Mostly true", "Mostly true", 4, 40),
    ("true", "True", "True", 5, 50),
    ("misleading", "Misleading", "Misleading", None, 60),
    ("unverifiable", "Unverifiable", "Unverifiable", None, 70),
]


def seed_ratings(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for slug, label, alternate, value, order in DEFAULT_RATINGS:
        Rating.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "alternate_name": alternate, "value": value, "order": order},
        )


def create_roles(apps, schema_editor):
    grant(apps, "claims", CLAIMS_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed_ratings, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
