from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.selectors import today

from . import permissions, selectors, services
from .forms import AssociationForm, StaffFilterForm, StaffForm, SubjectForm
from .models import MethodicalAssociation, Staff

PAGE_SIZE = 25


def _get_staff_for_user(request, pk):
    """The one place a person is fetched for a page: scoped to the user's school (else 404)."""
    school_permissions.require_school_user(request.user)
    return get_object_or_404(Staff.objects.select_related("user"), pk=pk)


def _get_association_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(MethodicalAssociation.objects.select_related("head"), pk=pk)


def staff_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = StaffFilterForm(request.GET or None, school=school)
    people = selectors.staff_directory(school=school, **form.filters())
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/staff_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": today(),
            "can_manage": permissions.can_manage_staff(request.user),
        },
    )


def staff_detail(request, pk):
    staff = _get_staff_for_user(request, pk)
    return render(
        request,
        "members/staff_detail.html",
        {
            "staff": staff,
            "profile": selectors.staff_profile(staff),
            "today": today(),
            "can_manage": permissions.can_manage_staff(request.user),
            "can_view_portfolio": permissions.can_view_personal_records(request.user, staff),
        },
    )


def staff_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_staff(request.user):
        raise PermissionDenied
    school = request.user.school
    form = StaffForm(request.POST or None, school=school, instance=Staff(school=school))
    if request.method == "POST" and form.is_valid():
        try:
            staff = services.staff_create(school=school, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s added to the staff.") % {"name": staff})
            return redirect("members:staff_detail", pk=staff.pk)
    return render(request, "members/staff_form.html", {"form": form, "staff": None})


def staff_edit(request, pk):
    staff = _get_staff_for_user(request, pk)
    if not permissions.can_manage_staff(request.user):
        raise PermissionDenied
    form = StaffForm(request.POST or None, school=staff.school, instance=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_update(staff=staff, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": staff})
            return redirect("members:staff_detail", pk=staff.pk)
    return render(request, "members/staff_form.html", {"form": form, "staff": staff})


def subject_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    can_manage = permissions.can_manage_subjects(request.user)
    form = SubjectForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                subject = services.subject_create(school=school, name=form.cleaned_data["name"])
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Subject “%(name)s” added.") % {"name": subject})
                return redirect("members:subject_list")
    return render(
        request,
        "members/subject_list.html",
        {"subjects": selectors.subjects(school), "form": form, "can_manage": can_manage},
    )


def association_list(request):
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "members/association_list.html",
        {
            "associations": selectors.associations(request.user.school),
            "can_manage": permissions.can_manage_associations(request.user),
        },
    )


def association_detail(request, pk):
    association = _get_association_for_user(request, pk)
    return render(
        request,
        "members/association_detail.html",
        {
            "association": association,
            "detail": selectors.association_detail(association),
            "today": today(),
            "can_manage": permissions.can_manage_associations(request.user),
        },
    )


def association_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_associations(request.user):
        raise PermissionDenied
    school = request.user.school
    form = AssociationForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            association = services.association_create(school=school, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Association “%(name)s” created.") % {"name": association})
            return redirect("members:association_detail", pk=association.pk)
    return render(request, "members/association_form.html", {"form": form, "association": None})


def association_edit(request, pk):
    association = _get_association_for_user(request, pk)
    if not permissions.can_manage_associations(request.user):
        raise PermissionDenied
    form = AssociationForm(request.POST or None, school=association.school, association=association)
    if request.method == "POST" and form.is_valid():
        try:
            services.association_update(association=association, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Association “%(name)s” saved.") % {"name": association})
            return redirect("members:association_detail", pk=association.pk)
    return render(
        request, "members/association_form.html", {"form": form, "association": association}
    )
