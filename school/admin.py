from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AcademicYear, Quarter, School, User


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ru", "name_en", "city"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("School"), {"fields": ("school", "role")}),)
    list_display = ["username", "first_name", "last_name", "school", "role", "is_active"]
    list_filter = ["school", "role", "is_active", "is_superuser"]


class QuarterInline(admin.TabularInline):
    model = Quarter
    extra = 0


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "school", "start_date", "end_date"]
    inlines = [QuarterInline]
