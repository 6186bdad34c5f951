from django.shortcuts import render

from school import permissions as school_permissions
from school import selectors as calendar


def home(request):
    """The start page. A site admin without a school is pointed to the admin site."""
    user = request.user
    context = {"is_school_user": school_permissions.is_school_user(user)}
    if context["is_school_user"]:
        context.update(
            current_year=calendar.current_academic_year(user.school),
            current_quarter=calendar.current_quarter(user.school),
            role_label=user.get_role_display(),
        )
    return render(request, "reports/home.html", context)
