"""``Rating.description``: what each step of the scale means, for readers and the API's
``/api/v1/ratings/``; filled for the default scale (0002) where the newsroom has written
nothing."""

from django.db import migrations, models

DEFAULT_DESCRIPTIONS = {
    "false": "The claim is wrong: the evidence contradicts it.",
    "mostly_false": (
        "The claim has an element of truth, but the evidence contradicts its main point."
    ),
    "mixed": (
        "The claim is partly right and partly wrong, or leaves out details that change its meaning."
    ),
    "mostly_true": "The claim is right in its main point but needs a correction in detail.",
    "true": "The claim is right: the evidence supports it, and nothing important is missing.",
    "misleading": (
        "The facts may be right, but the claim uses them to give a wrong impression "
        "(left-out context, a wrong comparison). Off the numeric scale."
    ),
    "unverifiable": (
        "The evidence available can neither confirm nor refute the claim. Off the numeric scale."
    ),
}


def fill_descriptions(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for slug, description in DEFAULT_DESCRIPTIONS.items():
        Rating.objects.filter(slug=slug, description="").update(description=description)


class Migration(migrations.Migration):
    dependencies = [("claims", "0019_webhook_subscription_token")]

    operations = [
        migrations.AddField(
            model_name="rating",
            name="description",
            field=models.TextField(
                blank=True,
                help_text="What the rating means, in plain words, for readers and the API.",
            ),
        ),
        migrations.RunPython(fill_descriptions, migrations.RunPython.noop),
    ]
