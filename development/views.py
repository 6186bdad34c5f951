from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from council.selectors import council_for_year
from members.models import Staff
from members.permissions import staff_of
from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.models import AcademicYear
from school.pages import confirm_page, form_page, main_action, year_from_query
from school.selectors import academic_years, current_academic_year, today
from school.uploads import download_response

from . import permissions, selectors, services
from .forms import (
    AttestationForm,
    CategoryForm,
    CharacteristicForm,
    CourseForm,
    DocumentForm,
    ReviewForm,
    SelfEducationForm,
    SettingsForm,
)
from .models import (
    Attestation,
    AttestationDocument,
    Course,
    DevelopmentSettings,
    ProgrammeReview,
    SelfEducation,
)

# The one place each resource is fetched for a page: scoped to the user's school (else 404),
# then the reading right is checked (else 403).


def _get_for_user(request, queryset, pk, teacher_of=lambda record: record.staff):
    """A record of the user's school (else 404) about a teacher whose records the user may
    read (else 403)."""
    school_permissions.require_school_user(request.user)
    record = get_object_or_404(queryset, pk=pk)
    if not permissions.can_view_records(request.user, teacher_of(record)):
        raise PermissionDenied
    return record


def _get_staff_for_user(request, pk) -> Staff:
    return _get_for_user(
        request, Staff.objects.select_related("school"), pk, teacher_of=lambda staff: staff
    )


def _get_attestation_for_user(request, pk) -> Attestation:
    queryset = Attestation.objects.select_related("staff", "school").prefetch_related("documents")
    return _get_for_user(request, queryset, pk)


def _get_document_for_user(request, pk) -> AttestationDocument:
    queryset = AttestationDocument.objects.select_related("attestation__staff")
    return _get_for_user(request, queryset, pk, teacher_of=lambda doc: doc.attestation.staff)


def _get_course_for_user(request, pk) -> Course:
    return _get_for_user(request, Course.objects.select_related("staff"), pk)


def _get_review_for_user(request, pk) -> ProgrammeReview:
    queryset = ProgrammeReview.objects.select_related("teacher", "subject", "reviewer")
    return _get_for_user(request, queryset, pk, teacher_of=lambda review: review.teacher)


def _portfolio_url(staff, anchor=""):
    return reverse("development:portfolio", args=[staff.pk]) + (f"#{anchor}" if anchor else "")


def _portfolio_form(staff, heading, *, lead="", separator="\n") -> dict:
    """The context of a form page about one teacher: the name under the heading (then the
    page's own lead), and the way back to the teacher's portfolio."""
    return {
        "heading": heading,
        "lead": separator.join(part for part in (staff.full_name, lead) if part),
        "back_url": _portfolio_url(staff),
        "back_label": _("Back to the portfolio"),
    }


def _remove_page(request, *, action, title, message, back):
    """Remove a record after asking; back to where the user came from either way."""
    return confirm_page(
        request,
        action=action,
        done=back,
        message=message,
        title=title,
        button=_("Remove"),
        back=back,
    )


# Lists -----------------------------------------------------------------------------------------


def index(request):
    """Teachers the user may see: category, next attestation, course hours, topic."""
    school_permissions.require_school_user(request.user)
    school = request.user.school
    year = current_academic_year(school)
    return render(
        request,
        "development/index.html",
        {
            "heading": _("Portfolio by teacher"),
            "rows": selectors.teacher_rows(request.user, year=year),
            "year": year,
            "settings": DevelopmentSettings.for_school(school),
            "today": today(),
            "can_manage": permissions.can_manage_attestation(request.user),
        },
    )


def mine(request):
    school_permissions.require_school_user(request.user)
    staff = staff_of(request.user)
    if staff is None:
        raise Http404
    return redirect("development:portfolio", pk=staff.pk)


def due(request):
    """P3.5: the teachers due for attestation this academic year and the next."""
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "development/due.html",
        {
            "due": selectors.due_for_attestation(request.user),
            "settings": DevelopmentSettings.for_school(request.user.school),
            "today": today(),
            "can_manage": permissions.can_manage_attestation(request.user),
            "can_print_schedule": permissions.can_view_attestation_schedule(request.user),
        },
    )


def attestation_schedule_pdf(request, year_pk):
    """P3.5: the attestation schedule of a year, to be approved by the council (?lang=)."""
    school_permissions.require_school_user(request.user)
    year = get_object_or_404(AcademicYear.objects.select_related("school"), pk=year_pk)
    if not permissions.can_view_attestation_schedule(request.user):
        raise PermissionDenied
    council = council_for_year(year)
    language = document_language(request)
    pdf = render_pdf(
        "development/print/schedule.html",
        {
            "school": year.school,
            "year": year,
            "rows": selectors.attestation_schedule(year.school, year),
            "chair": council.chair if council else None,
            "generated_on": today(),
        },
        language=language,
    )
    return pdf_response(pdf, f"attestation-schedule-{year.start_date.year}-{language}.pdf")


def settings_edit(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_settings(request.user):
        raise PermissionDenied
    school = request.user.school
    form = SettingsForm(
        request.POST or None,
        initial=SettingsForm.initial_for(DevelopmentSettings.for_school(school)),
    )
    back = reverse("development:index")
    return form_page(
        request,
        form,
        save=lambda form: services.settings_update(school=school, **form.service_args()),
        done=back,
        message=_("The settings are saved."),
        context={
            "heading": _("Attestation and course settings"),
            "back_url": back,
            "back_label": _("Back to the teachers"),
        },
    )


# Portfolio -------------------------------------------------------------------------------------


def portfolio(request, pk):
    staff = _get_staff_for_user(request, pk)
    user = request.user
    return render(
        request,
        "development/portfolio.html",
        {
            **selectors.portfolio(user, staff),
            "today": today(),
            "can_manage": permissions.can_manage_attestation(user),
            "can_add_course": permissions.can_add_course(user, staff),
            "can_edit_self_education": permissions.can_edit_self_education(user, staff),
            "can_review": permissions.can_review_programme(user, staff),
        },
    )


def portfolio_pdf(request, pk):
    staff = _get_staff_for_user(request, pk)
    language = document_language(request)
    context = {**selectors.portfolio(request.user, staff), "school": staff.school}
    context["generated_on"] = today()
    pdf = render_pdf("development/print/portfolio.html", context, language=language)
    return pdf_response(pdf, f"portfolio-{staff.last_name}.pdf")


def category_edit(request, pk):
    staff = _get_staff_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    form = CategoryForm(request.POST or None, initial=CategoryForm.initial_for(staff))
    return form_page(
        request,
        form,
        save=lambda form: services.category_set(staff=staff, **form.service_args()),
        done=_portfolio_url(staff, "attestation"),
        message=_("The category is saved."),
        context=_portfolio_form(
            staff,
            _("Category"),
            lead=_(
                "Record the category from the teacher's file. An attestation with the "
                "commission's decision updates it by itself."
            ),
        ),
    )


# Attestation (P3.5) ----------------------------------------------------------------------------


def _attestation_url(attestation) -> str:
    return reverse("development:attestation_detail", args=[attestation.pk])


def attestation_create(request, pk):
    staff = _get_staff_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    return form_page(
        request,
        AttestationForm(request.POST or None),
        save=lambda form: services.attestation_create(staff=staff, **form.service_args()),
        done=_attestation_url,
        message=_("The attestation is recorded."),
        context=_portfolio_form(
            staff, _("New attestation"), lead=staff.get_category_display(), separator=", "
        ),
    )


def attestation_detail(request, pk):
    attestation = _get_attestation_for_user(request, pk)
    return render(
        request,
        "development/attestation_detail.html",
        {
            "attestation": attestation,
            "staff": attestation.staff,
            "documents": list(attestation.documents.all()),
            "characteristic": selectors.characteristic_of(attestation),
            "can_manage": permissions.can_manage_attestation(request.user),
        },
    )


def attestation_edit(request, pk):
    attestation = _get_attestation_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    staff = attestation.staff
    form = AttestationForm(request.POST or None, initial=AttestationForm.initial_for(attestation))
    return form_page(
        request,
        form,
        save=lambda form: services.attestation_update(
            attestation=attestation, **form.service_args()
        ),
        done=_attestation_url(attestation),
        message=_("The attestation is saved."),
        context={
            "heading": _("Attestation"),
            "lead": f"{staff.full_name}, {staff.get_category_display()}",
            "back_url": _attestation_url(attestation),
            "back_label": _("Back to the attestation"),
        },
    )


def document_create(request, pk):
    attestation = _get_attestation_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    return form_page(
        request,
        DocumentForm(request.POST or None, request.FILES or None),
        save=lambda form: services.attestation_document_add(
            attestation=attestation, upload=form.cleaned_data["file"], user=request.user
        ),
        done=_attestation_url(attestation),
        message=_("The document is uploaded."),
        context={
            "heading": _("Upload a document"),
            "lead": str(attestation),
            "back_url": _attestation_url(attestation),
            "back_label": _("Back to the attestation"),
        },
    )


def document_download(request, pk):
    """Files are served only through here, to those who may see the records."""
    document = _get_document_for_user(request, pk)
    return download_response(document.file, document.original_name)


def document_delete(request, pk):
    document = _get_document_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    return _remove_page(
        request,
        action=lambda: services.attestation_document_remove(document=document),
        title=_("Remove the document %(name)s?") % {"name": document.original_name},
        message=_("The document is removed."),
        back=_attestation_url(document.attestation),
    )


def characteristic(request, pk):
    """The council's characteristic (P3.5): the text beside the teacher's visits of the period."""
    attestation = _get_attestation_for_user(request, pk)
    can_write = permissions.can_manage_attestation(request.user)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    context = selectors.characteristic_context(request.user, attestation)
    template = "development/characteristic.html"
    if not can_write:
        return render(request, template, {**context, "form": None, "can_write": False})
    form = CharacteristicForm(
        request.POST or None, initial=CharacteristicForm.initial_for(context["characteristic"])
    )
    return form_page(
        request,
        form,
        save=lambda form: services.characteristic_save(
            attestation=attestation, by=staff_of(request.user), **form.service_args()
        ),
        done=reverse("development:characteristic", args=[attestation.pk]),
        message=_("The characteristic is saved."),
        template=template,
        context={**context, "can_write": True},
    )


def characteristic_pdf(request, pk):
    attestation = _get_attestation_for_user(request, pk)
    context = selectors.characteristic_context(request.user, attestation)
    if context["characteristic"] is None:
        raise Http404
    language = document_language(request)
    context.update(school=attestation.school, generated_on=today())
    pdf = render_pdf("development/print/characteristic.html", context, language=language)
    return pdf_response(pdf, f"characteristic-{attestation.staff.last_name}.pdf")


# Self-education (R2.7) -------------------------------------------------------------------------


def self_education(request):
    school_permissions.require_school_user(request.user)
    year = year_from_query(request)
    rows = selectors.self_education_rows(request.user, year) if year else []
    for person, _record in rows:
        person.can_edit = permissions.can_edit_self_education(request.user, person)
    return render(
        request,
        "development/self_education.html",
        {
            "heading": _("Self-education topics"),
            "rows": rows,
            "year": year,
            "years": academic_years(request.user.school),
        },
    )


def self_education_edit(request, staff_pk, year_pk):
    staff = _get_staff_for_user(request, staff_pk)
    year = get_object_or_404(AcademicYear.objects.all(), pk=year_pk)
    if not permissions.can_edit_self_education(request.user, staff):
        raise PermissionDenied
    record = SelfEducation.objects.filter(staff=staff, academic_year=year).first()
    form = SelfEducationForm(
        request.POST or None,
        initial=SelfEducationForm.initial_for(record),
        report_items=services.report_items_for(staff, year),
    )
    return form_page(
        request,
        form,
        save=lambda form: services.self_education_save(
            staff=staff, academic_year=year, **form.service_args()
        ),
        done=_portfolio_url(staff, "self-education"),
        message=_("The self-education topic is saved."),
        context=_portfolio_form(
            staff,
            _("Self-education"),
            lead=_("academic year %(year)s") % {"year": year.name},
            separator=" · ",
        ),
    )


# Courses ---------------------------------------------------------------------------------------


def course_create(request, pk):
    staff = _get_staff_for_user(request, pk)
    if not permissions.can_add_course(request.user, staff):
        raise PermissionDenied
    return form_page(
        request,
        CourseForm(request.POST or None, request.FILES or None),
        save=lambda form: services.course_create(staff=staff, **form.service_args()),
        done=_portfolio_url(staff, "courses"),
        message=_("The course is recorded."),
        template="development/course_form.html",
        context=_portfolio_form(staff, _("New course")),
    )


def course_edit(request, pk):
    course = _get_course_for_user(request, pk)
    if not permissions.can_edit_course(request.user, course):
        raise PermissionDenied
    form = CourseForm(
        request.POST or None,
        request.FILES or None,
        initial=CourseForm.initial_for(course),
        has_certificate=bool(course.certificate),
    )
    return form_page(
        request,
        form,
        save=lambda form: services.course_update(course=course, **form.service_args()),
        done=_portfolio_url(course.staff, "courses"),
        message=_("The course is saved."),
        template="development/course_form.html",
        context={**_portfolio_form(course.staff, _("Course")), "course": course},
    )


def course_delete(request, pk):
    course = _get_course_for_user(request, pk)
    if not permissions.can_edit_course(request.user, course):
        raise PermissionDenied
    return _remove_page(
        request,
        action=lambda: services.course_delete(course=course),
        title=_("Remove the course “%(title)s”?") % {"title": course.title},
        message=_("The course is removed."),
        back=_portfolio_url(course.staff, "courses"),
    )


def certificate_download(request, pk):
    course = _get_course_for_user(request, pk)
    return download_response(course.certificate, course.certificate_name)


# Working-programme reviews (R6.1) --------------------------------------------------------------


def review_list(request):
    school_permissions.require_school_user(request.user)
    open_only = request.GET.get("open") == "1"
    review_rows = list(selectors.reviews(request.user, open_only=open_only))
    for review in review_rows:
        review.open = selectors.is_open(review)
        review.can_follow_up = review.open and permissions.can_review_programme(
            request.user, review.teacher
        )
    return render(
        request,
        "development/review_list.html",
        {
            "heading": _("Working programmes"),
            "rows": review_rows,
            "open_only": open_only,
            **main_action(
                permissions.can_review_any_programme(request.user),
                "development:review_create",
                _("Record a review"),
            ),
        },
    )


def _reviewer_of(user):
    """The member of staff recording a review; a login without one cannot."""
    reviewer = staff_of(user)
    if reviewer is None:
        raise ValidationError(_("Your login is not linked to a member of staff."))
    return reviewer


def _review_page(request, form, *, follows, message):
    return form_page(
        request,
        form,
        save=lambda form: services.review_create(
            reviewer=_reviewer_of(request.user), follows=follows, **form.service_args()
        ),
        done=lambda review: _portfolio_url(review.teacher, "reviews"),
        message=message,
        template="development/review_form.html",
        context={
            "heading": _("Follow-up review") if follows else _("Working-programme review"),
            "follows": follows,
            "back_url": reverse("development:review_list"),
            "back_label": _("Back to the working programmes"),
        },
    )


def review_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_review_any_programme(request.user):
        raise PermissionDenied
    form = ReviewForm(
        request.POST or None,
        initial={"teacher": request.GET.get("teacher", "")},
        teachers=selectors.reviewable_teachers(request.user),
        school=request.user.school,
    )
    return _review_page(request, form, follows=None, message=_("The review is recorded."))


def review_follow_up(request, pk):
    """A new review of a returned programme; approving it closes the matter (R6.1)."""
    follows = _get_review_for_user(request, pk)
    if not permissions.can_review_programme(request.user, follows.teacher):
        raise PermissionDenied
    if not selectors.is_open(follows):
        raise Http404
    form = ReviewForm(
        request.POST or None,
        initial=ReviewForm.initial_for(follows),
        teachers=Staff.objects.filter(pk=follows.teacher_id),
        school=request.user.school,
        follows=follows,
    )
    return _review_page(
        request, form, follows=follows, message=_("The follow-up review is recorded.")
    )
