from django.db import models
from django.utils.translation import gettext_lazy as _

from school.tenancy import ScopedManager


class DataVersion(models.Model):
    """A token that changes whenever a school's data changes (see reports.freshness).

    The dashboards shared by a school's deputies and directors are cached under it, so a
    cached dashboard is never shown after a change. Scope 0 stands for every school (a
    change made outside any school's scope: the administration, a management command).
    Not tenant data: it holds no school's records, only a number per school.
    """

    scope = models.PositiveBigIntegerField(_("school"), primary_key=True)
    token = models.BigIntegerField(_("version"))

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return f"{self.scope}: {self.token}"


class StoredReport(models.Model):
    """A report's PDF kept while the school's data is unchanged (reports/documents.py): a
    second download is read back, not counted and rendered again. A copy of other data:
    saving it changes no data version."""

    is_stored_document = True

    school = models.ForeignKey(
        "school.School", verbose_name=_("school"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    key = models.CharField(_("key"), max_length=64)
    pdf = models.BinaryField(_("PDF"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stored report")
        verbose_name_plural = _("stored reports")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name", "language"], name="stored_report_unique_language"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"
