from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.pages import form_page, main_action, paginate
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


def _heading(heading, *, back, label):
    """A form page's heading and the link back to where it came from."""
    return {"heading": heading, "back_url": back, "back_label": label}


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def staff_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = StaffFilterForm(request.GET or None, school=school)
    people = selectors.staff_directory(school=school, **form.filters())
    page = paginate(request, people, per_page=PAGE_SIZE)
    return render(
        request,
        "members/staff_list.html",
        {
            "form": form,
            **page,
            "heading": _("Staff"),
            "rows": page["page"].object_list,
            "today": today(),
            **main_action(
                permissions.can_manage_staff(request.user),
                "members:staff_create",
                _("Add a staff member"),
            ),
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


def _staff_done(staff):
    return reverse("members:staff_detail", args=[staff.pk])


def staff_create(request):
    school_permissions.require_school_user(request.user)
    _require(permissions.can_manage_staff(request.user))
    school = request.user.school
    form = StaffForm(request.POST or None, school=school)
    return form_page(
        request,
        form,
        save=lambda form: services.staff_create(school=school, **form.service_args()),
        done=_staff_done,
        message=lambda staff: _("%(name)s added to the staff.") % {"name": staff},
        context=_heading(
            _("New staff member"), back=reverse("members:staff_list"), label=_("Back to the staff")
        ),
    )


def staff_edit(request, pk):
    staff = _get_staff_for_user(request, pk)
    _require(permissions.can_manage_staff(request.user))
    form = StaffForm(
        request.POST or None,
        school=staff.school,
        instance=staff,
        initial=StaffForm.initial_for(staff),
    )
    return form_page(
        request,
        form,
        save=lambda form: services.staff_update(staff=staff, **form.service_args()),
        done=_staff_done,
        message=lambda saved: _("%(name)s saved.") % {"name": saved},
        context=_heading(
            staff.full_name, back=_staff_done(staff), label=_("Back to the staff page")
        ),
    )


def subject_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    can_manage = permissions.can_manage_subjects(request.user)
    context = {"subjects": selectors.subjects(school), "can_manage": can_manage}
    if not can_manage:
        _require(request.method != "POST")
        return render(request, "members/subject_list.html", {**context, "form": None})
    return form_page(
        request,
        SubjectForm(request.POST or None),
        save=lambda form: services.subject_create(school=school, **form.service_args()),
        done=reverse("members:subject_list"),
        message=lambda subject: _("Subject “%(name)s” added.") % {"name": subject},
        template="members/subject_list.html",
        context=context,
    )


def association_list(request):
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "members/association_list.html",
        {
            "heading": _("Methodical associations"),
            "rows": selectors.associations(request.user.school),
            **main_action(
                permissions.can_manage_associations(request.user),
                "members:association_create",
                _("New association"),
            ),
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


def _association_done(association):
    return reverse("members:association_detail", args=[association.pk])


def association_create(request):
    school_permissions.require_school_user(request.user)
    _require(permissions.can_manage_associations(request.user))
    school = request.user.school
    form = AssociationForm(request.POST or None, school=school)
    return form_page(
        request,
        form,
        save=lambda form: services.association_create(school=school, **form.service_args()),
        done=_association_done,
        message=lambda association: _("Association “%(name)s” created.") % {"name": association},
        context=_heading(
            _("New methodical association"),
            back=reverse("members:association_list"),
            label=_("Back to the associations"),
        ),
    )


def association_edit(request, pk):
    association = _get_association_for_user(request, pk)
    _require(permissions.can_manage_associations(request.user))
    form = AssociationForm(
        request.POST or None,
        school=association.school,
        association=association,
        initial=AssociationForm.initial_for(association),
    )
    return form_page(
        request,
        form,
        save=lambda form: services.association_update(
            association=association, **form.service_args()
        ),
        done=_association_done,
        message=lambda saved: _("Association “%(name)s” saved.") % {"name": saved},
        context=_heading(
            association.name,
            back=_association_done(association),
            label=_("Back to the association"),
        ),
    )
