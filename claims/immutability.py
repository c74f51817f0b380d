"""Guards that make history rows append-only through the app.

A model lists the fields that may still change after the row is written
(``MUTABLE_FIELDS``); any other change, and every delete, raises ``ImmutableRecordError``,
whether it comes through ``save()``, ``delete()``, ``QuerySet.update()`` or
``QuerySet.delete()``. The admin shows these rows read-only and grants no delete.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models


class ImmutableRecordError(Exception):
    """Someone tried to change or delete a row that is part of the record."""


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self) -> Any:
        raise ImmutableRecordError(f"{self.model.__name__} rows cannot be deleted.")

    def update(self, **kwargs: Any) -> int:
        _refuse_frozen(self.model, kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        _refuse_frozen(self.model, fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)


def _refuse_frozen(model: type[models.Model], field_names: Any) -> None:
    frozen = set(field_names) - set(model.MUTABLE_FIELDS)
    if frozen:
        raise ImmutableRecordError(f"{model.__name__} fields {sorted(frozen)} cannot be changed.")


class AppendOnlyModel(models.Model):
    MUTABLE_FIELDS: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self._refuse_frozen_changes(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecordError(f"{type(self).__name__} rows cannot be deleted.")

    def _refuse_frozen_changes(self, update_fields: Any) -> None:
        concrete = [f for f in self._meta.concrete_fields if not f.primary_key]
        if update_fields is not None:
            _refuse_frozen(type(self), {self._meta.get_field(n).name for n in update_fields})
            return
        stored = type(self)._base_manager.filter(pk=self.pk).values(*[f.attname for f in concrete])
        original = stored.first()
        if original is None:
            return
        changed = {
            f.name
            for f in concrete
            if f.name not in self.MUTABLE_FIELDS and getattr(self, f.attname) != original[f.attname]
        }
        if changed:
            raise ImmutableRecordError(
                f"{type(self).__name__} fields {sorted(changed)} cannot be changed."
            )
