"""Publisher names stored before ingestion cleaned ``og:site_name``: as plain text.

Only outlets holding markup or an entity ("<", "&") are read and written: one scan of the
table, and updates for the few rows concerned. The cleaning is
``claims.ingestion.html.plain_text`` as of this migration, copied so that a later change
there cannot change what this migration did. Reversing leaves the text as it is.
"""

import html
import re

from django.db import migrations
from django.db.models import Q
from django.utils.html import strip_tags

MAX_CHARS = 120
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


def plain_text(value: str) -> str:
    for _ in range(3):
        plain = html.unescape(strip_tags(_SCRIPT_OR_STYLE.sub(" ", value)))
        if plain == value:
            break
        value = plain
    return " ".join(value.split())[:MAX_CHARS].rstrip()


def clean_outlets(apps, schema_editor):
    Article = apps.get_model("claims", "Article")
    marked = Article.objects.filter(Q(outlet__contains="<") | Q(outlet__contains="&"))
    for pk, outlet in marked.values_list("pk", "outlet").iterator(chunk_size=500):
        cleaned = plain_text(outlet)
        if cleaned != outlet:
            Article.objects.filter(pk=pk).update(outlet=cleaned)


class Migration(migrations.Migration):
    dependencies = [("claims", "0017_claim_removed_tombstone")]

    operations = [migrations.RunPython(clean_outlets, migrations.RunPython.noop)]
