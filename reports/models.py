from django.db import models
from django.utils.translation import gettext_lazy as _


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
