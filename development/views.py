from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from council.selectors import council_for_year
from members.models import Staff
from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.models import AcademicYear
from school.selectors import academic_years, current_academic_year, today

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
    CategoryRecord,
    Course,
    DevelopmentSettings,
    ProgrammeReview,
    SelfEducation,
)

# The one place each resource is fetched for a page: scoped to the user's school (else 404),
# then the reading right is checked (else 403).


def _get_staff_for_user(request, pk) -> Staff:
    school_permissions.require_school_user(request.user)
    staff = get_object_or_404(Staff.objects.select_related("school"), pk=pk)
    if not permissions.can_view_records(request.user, staff):
        raise PermissionDenied
    return staff


def _get_attestation_for_user(request, pk) -> Attestation:
    school_permissions.require_school_user(request.user)
    attestation = get_object_or_404(
        Attestation.objects.select_related("staff", "school").prefetch_related("documents"), pk=pk
    )
    if not permissions.can_view_records(request.user, attestation.staff):
        raise PermissionDenied
    return attestation


def _get_document_for_user(request, pk) -> AttestationDocument:
    school_permissions.require_school_user(request.user)
    document = get_object_or_404(
        AttestationDocument.objects.select_related("attestation__staff"), pk=pk
    )
    if not permissions.can_view_records(request.user, document.attestation.staff):
        raise PermissionDenied
    return document


def _get_course_for_user(request, pk) -> Course:
    school_permissions.require_school_user(request.user)
    course = get_object_or_404(Course.objects.select_related("staff"), pk=pk)
    if not permissions.can_view_records(request.user, course.staff):
        raise PermissionDenied
    return course


def _get_review_for_user(request, pk) -> ProgrammeReview:
    school_permissions.require_school_user(request.user)
    review = get_object_or_404(
        ProgrammeReview.objects.select_related("teacher", "subject", "reviewer"), pk=pk
    )
    if not permissions.can_view_records(request.user, review.teacher):
        raise PermissionDenied
    return review


def _portfolio_url(staff, anchor=""):
    return reverse("development:portfolio", args=[staff.pk]) + (f"#{anchor}" if anchor else "")


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
            "rows": selectors.teacher_rows(request.user, year=year),
            "year": year,
            "settings": DevelopmentSettings.for_school(school),
            "today": today(),
            "can_manage": permissions.can_manage_attestation(request.user),
        },
    )


def mine(request):
    school_permissions.require_school_user(request.user)
    staff = permissions.staff_of(request.user)
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
    current = DevelopmentSettings.for_school(school)
    form = SettingsForm(
        request.POST or None,
        initial={
            "attestation_cycle_years": current.attestation_cycle_years,
            "minimum_course_hours": current.minimum_course_hours,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(school=school, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect("development:index")
    return render(request, "development/settings_form.html", {"form": form})


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
    record = CategoryRecord.objects.filter(staff=staff).first()
    form = CategoryForm(
        request.POST or None,
        initial={"category": staff.category, "given_on": record.given_on if record else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.category_set(staff=staff, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The category is saved."))
            return redirect(_portfolio_url(staff, "attestation"))
    return render(request, "development/category_form.html", {"form": form, "staff": staff})


# Attestation (P3.5) ----------------------------------------------------------------------------


def attestation_create(request, pk):
    staff = _get_staff_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    form = AttestationForm(request.POST or None, initial={"decision": "pending"})
    if request.method == "POST" and form.is_valid():
        try:
            attestation = services.attestation_create(staff=staff, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The attestation is recorded."))
            return redirect("development:attestation_detail", pk=attestation.pk)
    return render(
        request,
        "development/attestation_form.html",
        {"form": form, "staff": staff, "attestation": None},
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
    fields = ("starts_on", "ends_on", "category", "decision", "decision_note")
    form = AttestationForm(
        request.POST or None, initial={f: getattr(attestation, f) for f in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attestation_update(attestation=attestation, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The attestation is saved."))
            return redirect("development:attestation_detail", pk=attestation.pk)
    return render(
        request,
        "development/attestation_form.html",
        {"form": form, "staff": attestation.staff, "attestation": attestation},
    )


def document_create(request, pk):
    attestation = _get_attestation_for_user(request, pk)
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attestation_document_add(
                attestation=attestation, upload=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("development:attestation_detail", pk=attestation.pk)
    return render(
        request, "development/document_form.html", {"form": form, "attestation": attestation}
    )


def document_download(request, pk):
    """Files are served only through here, to those who may see the records."""
    document = _get_document_for_user(request, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=document.original_name)


def document_delete(request, pk):
    document = _get_document_for_user(request, pk)
    attestation = document.attestation
    if not permissions.can_manage_attestation(request.user):
        raise PermissionDenied
    if request.method == "POST":
        services.attestation_document_remove(document=document)
        messages.success(request, _("The document is removed."))
        return redirect("development:attestation_detail", pk=attestation.pk)
    return render(
        request,
        "development/confirm.html",
        {
            "title": _("Remove the document %(name)s?") % {"name": document.original_name},
            "button": _("Remove"),
            "back": reverse("development:attestation_detail", args=[attestation.pk]),
        },
    )


def characteristic(request, pk):
    """The council's characteristic (P3.5): the text beside the teacher's visits of the period."""
    attestation = _get_attestation_for_user(request, pk)
    can_write = permissions.can_manage_attestation(request.user)
    context = selectors.characteristic_context(request.user, attestation)
    saved = context["characteristic"]
    form = None
    if can_write:
        form = CharacteristicForm(
            request.POST or None, initial={"text": saved.text if saved else ""}
        )
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.characteristic_save(
                    attestation=attestation,
                    text=form.cleaned_data["text"],
                    by=permissions.staff_of(request.user),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The characteristic is saved."))
                return redirect("development:characteristic", pk=attestation.pk)
    return render(
        request,
        "development/characteristic.html",
        {**context, "form": form, "can_write": can_write},
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


def _year_from_request(request) -> AcademicYear | None:
    school = request.user.school
    asked = request.GET.get("year", "")
    if asked.isdecimal():
        year = AcademicYear.objects.filter(school=school, pk=int(asked)).first()
        if year is not None:
            return year
    return current_academic_year(school)


def self_education(request):
    school_permissions.require_school_user(request.user)
    year = _year_from_request(request)
    rows = selectors.self_education_rows(request.user, year) if year else []
    for person, _record in rows:
        person.can_edit = permissions.can_edit_self_education(request.user, person)
    return render(
        request,
        "development/self_education.html",
        {
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
    initial = {}
    if record is not None:
        initial = {
            "topic": record.topic,
            "report": record.report,
            "report_item": record.report_item_id,
        }
    form = SelfEducationForm(
        request.POST or None,
        initial=initial,
        report_items=services.report_items_for(staff, year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_education_save(staff=staff, academic_year=year, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The self-education topic is saved."))
            return redirect(_portfolio_url(staff, "self-education"))
    return render(
        request,
        "development/self_education_form.html",
        {"form": form, "staff": staff, "year": year},
    )


# Courses ---------------------------------------------------------------------------------------


def course_create(request, pk):
    staff = _get_staff_for_user(request, pk)
    if not permissions.can_add_course(request.user, staff):
        raise PermissionDenied
    form = CourseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_create(staff=staff, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The course is recorded."))
            return redirect(_portfolio_url(staff, "courses"))
    return render(
        request, "development/course_form.html", {"form": form, "staff": staff, "course": None}
    )


def course_edit(request, pk):
    course = _get_course_for_user(request, pk)
    if not permissions.can_edit_course(request.user, course):
        raise PermissionDenied
    fields = ("title", "provider", "starts_on", "ends_on", "hours")
    form = CourseForm(
        request.POST or None,
        request.FILES or None,
        initial={f: getattr(course, f) for f in fields},
        has_certificate=bool(course.certificate),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(
                course=course,
                remove_certificate=form.cleaned_data.get("remove_certificate", False),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The course is saved."))
            return redirect(_portfolio_url(course.staff, "courses"))
    return render(
        request,
        "development/course_form.html",
        {"form": form, "staff": course.staff, "course": course},
    )


def course_delete(request, pk):
    course = _get_course_for_user(request, pk)
    if not permissions.can_edit_course(request.user, course):
        raise PermissionDenied
    staff = course.staff
    if request.method == "POST":
        services.course_delete(course=course)
        messages.success(request, _("The course is removed."))
        return redirect(_portfolio_url(staff, "courses"))
    return render(
        request,
        "development/confirm.html",
        {
            "title": _("Remove the course “%(title)s”?") % {"title": course.title},
            "button": _("Remove"),
            "back": _portfolio_url(staff, "courses"),
        },
    )


def certificate_download(request, pk):
    course = _get_course_for_user(request, pk)
    if not course.certificate:
        raise Http404
    try:
        handle = course.certificate.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=course.certificate_name)


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
            "reviews": review_rows,
            "open_only": open_only,
            "can_review": permissions.can_review_any_programme(request.user),
        },
    )


def _reviewable_teachers(user):
    staff = permissions.staff_of(user)
    teachers = Staff.objects.filter(school=user.school, left_on__isnull=True)
    if not school_permissions.is_deputy(user):
        teachers = teachers.filter(associations__head=staff)
    if staff is not None:
        teachers = teachers.exclude(pk=staff.pk)
    return teachers.distinct().order_by("last_name", "first_name")


def review_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_review_any_programme(request.user):
        raise PermissionDenied
    reviewer = permissions.staff_of(request.user)
    initial = {"reviewed_on": today()}
    if request.GET.get("teacher", "").isdecimal():
        initial["teacher"] = int(request.GET["teacher"])
    form = ReviewForm(
        request.POST or None,
        initial=initial,
        teachers=_reviewable_teachers(request.user),
        school=request.user.school,
    )
    if request.method == "POST" and form.is_valid():
        if reviewer is None:
            form.add_error(None, _("Your login is not linked to a member of staff."))
        else:
            try:
                review = services.review_create(reviewer=reviewer, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The review is recorded."))
                return redirect(_portfolio_url(review.teacher, "reviews"))
    return render(request, "development/review_form.html", {"form": form, "follows": None})


def review_follow_up(request, pk):
    """A new review of a returned programme; approving it closes the matter (R6.1)."""
    follows = _get_review_for_user(request, pk)
    if not permissions.can_review_programme(request.user, follows.teacher):
        raise PermissionDenied
    if not selectors.is_open(follows):
        raise Http404
    reviewer = permissions.staff_of(request.user)
    form = ReviewForm(
        request.POST or None,
        initial={
            "teacher": follows.teacher_id,
            "subject": follows.subject_id,
            "grade": follows.grade,
            "reviewed_on": today(),
            "result": ProgrammeReview.Result.APPROVED,
        },
        teachers=Staff.objects.filter(pk=follows.teacher_id),
        school=request.user.school,
        follows=follows,
    )
    if request.method == "POST" and form.is_valid():
        if reviewer is None:
            form.add_error(None, _("Your login is not linked to a member of staff."))
        else:
            try:
                services.review_create(reviewer=reviewer, follows=follows, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The follow-up review is recorded."))
                return redirect(_portfolio_url(follows.teacher, "reviews"))
    return render(request, "development/review_form.html", {"form": form, "follows": follows})
