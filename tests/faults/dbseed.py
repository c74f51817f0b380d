"""Migrate and seed the throwaway database of ``test_database_restart`` (run as a script).

``python -m tests.faults.dbseed N`` with DATABASE_URL set: migrates, creates an editor with
a ``review`` token, a consumer with a ``read`` token and N candidate claims, and prints
``{"editor_token", "reader_token", "claim_ids"}`` as JSON.
"""

from __future__ import annotations

import json
import sys

import django


def main(count: int) -> dict:
    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from claims import roles
    from claims.api.tokens import token_issue
    from claims.workflow import claim_create

    call_command("migrate", verbosity=0)
    editor = User.objects.create_user("restart-editor")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    consumer = User.objects.create_user("restart-reader")
    consumer.groups.add(Group.objects.get(name=roles.API_CONSUMERS))
    _, editor_token = token_issue(user=editor, scopes=("review",))
    _, reader_token = token_issue(user=consumer, scopes=("read",))
    ids = [
        claim_create(text=f"Claim {n}: the truce has held for {n + 30} years.").pk
        for n in range(count)
    ]
    return {"editor_token": editor_token, "reader_token": reader_token, "claim_ids": ids}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
