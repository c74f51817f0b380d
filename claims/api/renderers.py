"""JSON-LD (``application/ld+json``) for schema.org output."""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
