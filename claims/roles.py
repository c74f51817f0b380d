"""The desk's roles as Django groups, and the permissions each one holds.

Used by data migrations (with the historical models) and by the demo loader.
"""

FACT_CHECKERS = "fact-checkers"
EDITORS = "editors"
API_CONSUMERS = "api-consumers"

_READ_RECORD = [
    "view_article",
    "view_claim",
    "view_sourcelink",
    "view_verdict",
    "view_citation",
    "view_claimevent",
    "view_rating",
]

CLAIMS_PERMISSIONS = {
    FACT_CHECKERS: [
        *_READ_RECORD,
        "add_article",
        "triage_claim",
        "review_claim",
        "view_unpublished",
    ],
    EDITORS: [
        *_READ_RECORD,
        "add_article",
        "triage_claim",
        "review_claim",
        "view_unpublished",
        "assign_claim",
        "approve_verdict",
        "reopen_claim",
    ],
    # Consumers read published verdicts through the API; selectors do the filtering.
    API_CONSUMERS: ["view_rating"],
}

REVIEWERS_PERMISSIONS = {
    FACT_CHECKERS: ["view_reviewqueue", "view_queueentry", "view_assignment"],
    EDITORS: [
        "view_reviewqueue",
        "change_reviewqueue",
        "view_queueentry",
        "view_assignment",
    ],
    API_CONSUMERS: [],
}


def grant(apps, app_label: str, table: dict[str, list[str]]) -> None:
    """Create the groups if needed and give them ``app_label``'s permissions from ``table``."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in table.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found for {group_name}: {sorted(missing)}")
        group.permissions.add(*perms)
