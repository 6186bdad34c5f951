from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.selectors import council_for_year
from members.models import Staff
from members.permissions import staff_of
from school import permissions as school_permissions
from school.calendar import short_date
from school.documents import document_language, pdf_response, render_pdf
from school.models import AcademicYear
from school.pages import confirm_page, form_page, main_action, paginate
from school.selectors import current_academic_year, today

from . import permissions, selectors, services
from .forms import (
    SUBMIT,
    AcknowledgeForm,
    BrowseFilterForm,
    ConclusionForm,
    CriteriaSetForm,
    NoteForm,
    ObservationForm,
    YearFilterForm,
)
from .models import CriteriaSet, Observation, Purpose, YoungSpecialistConclusion

PAGE_SIZE = 50


def _get_observation_for_user(request, pk) -> Observation:
    """The one place a visit is fetched for a page: another school's visit, or one the user
    may not see, answers 404 (a colleague does not learn that the visit exists)."""
    school_permissions.require_school_user(request.user)
    try:
        observation = selectors.observation_for_page(pk)
    except Observation.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view_observation(request.user, observation):
        raise Http404
    return observation


def _get_teacher_for_user(request, pk) -> Staff:
    school_permissions.require_school_user(request.user)
    teacher = get_object_or_404(Staff.objects.all(), pk=pk)
    if not permissions.can_view_teacher_history(request.user, teacher):
        raise PermissionDenied
    return teacher


def _get_criteria_set_for_user(request, pk) -> CriteriaSet:
    school_permissions.require_school_user(request.user)
    criteria_set = get_object_or_404(CriteriaSet.objects.all(), pk=pk)
    if not permissions.can_manage_criteria(request.user):
        raise PermissionDenied
    return criteria_set


def _get_young_specialist_for_user(request, staff_pk, year_pk) -> tuple[Staff, AcademicYear]:
    """A young specialist of a year (R2.18), for the administration."""
    school_permissions.require_school_user(request.user)
    staff = get_object_or_404(Staff.objects.all(), pk=staff_pk)
    year = get_object_or_404(AcademicYear.objects.all(), pk=year_pk)
    if not permissions.can_view_young_specialists(request.user):
        raise PermissionDenied
    if not selectors.is_young_in_year(staff, year):
        raise Http404
    return staff, year


def _get_conclusion_for_user(request, pk) -> YoungSpecialistConclusion:
    """A saved conclusion: a colleague who may not read it is not told it exists."""
    school_permissions.require_school_user(request.user)
    conclusion = get_object_or_404(
        YoungSpecialistConclusion.objects.select_related("staff", "academic_year", "school"),
        pk=pk,
    )
    if not permissions.can_view_young_conclusion(request.user, conclusion):
        raise Http404
    return conclusion


def _year_from(request, form):
    if form.is_valid():
        return form.cleaned_data.get("year")
    return None


def _current_year_unless_asked(request, school):
    """The query of a visit list, showing the current academic year unless the query names
    a year or all years (an empty year)."""
    data = request.GET.copy()
    if "year" not in data:
        current = current_academic_year(school)
        data["year"] = str(current.pk) if current else ""
    return data


def _visits_page(request, visits) -> dict:
    """One page of visits (school.pages.paginate), each with its average score."""
    context = paginate(request, visits, per_page=PAGE_SIZE)
    context["page"].object_list = selectors.with_averages(context["page"].object_list)
    return context


def _saved_url(name, pk):
    """After a save the page tells the form script that the typed text is safe on the server."""
    return reverse(name, args=[pk]) + "?saved=1"


def _detail_url(observation, anchor=""):
    return reverse("observations:detail", args=[observation.pk]) + (f"#{anchor}" if anchor else "")


# ---- lists ----


def mine(request):
    """The visits the user made: this academic year unless another year or all are chosen."""
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = YearFilterForm(_current_year_unless_asked(request, school), school=school)
    year = _year_from(request, form)
    context = _visits_page(
        request, selectors.in_year(selectors.my_observations(request.user), year)
    )
    context.update(
        {
            "form": form,
            "year": year,
            "heading": _("My visits"),
            "rows": context["page"].object_list,
            **main_action(
                permissions.can_record_observation(request.user),
                "observations:create",
                _("Record a visit"),
            ),
        }
    )
    return render(request, "observations/mine.html", context)


def about_me(request):
    school_permissions.require_school_user(request.user)
    visits = selectors.with_averages(selectors.observations_about(request.user))
    return render(
        request,
        "observations/about_me.html",
        {
            "waiting": [v for v in visits if v.is_submitted],
            "acknowledged": [v for v in visits if v.is_acknowledged],
            "staff": staff_of(request.user),
        },
    )


def browse(request):
    """All visits the user may see, by association, purpose, year (the current one unless
    another or all are chosen) and state."""
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = BrowseFilterForm(_current_year_unless_asked(request, school), school=school)
    form.is_valid()  # a wrong choice is shown on its field; the valid ones still apply
    filters = form.cleaned_data
    visits = selectors.browse_visits(
        request.user,
        association=filters.get("association"),
        purpose=filters.get("purpose", ""),
        year=filters.get("year"),
        status=filters.get("status", ""),
    )
    counts = selectors.purpose_counts(visits)
    context = _visits_page(request, selectors.for_list(visits))
    context.update(
        {
            "form": form,
            "heading": _("Lesson visits"),
            "rows": context["page"].object_list,
            "purpose_counts": [(label, counts.get(value, 0)) for value, label in Purpose.choices],
            "association_counts": selectors.association_counts(request.user, visits),
            "total": sum(counts.values()),
        }
    )
    return render(request, "observations/browse.html", context)


def teachers(request):
    school_permissions.require_school_user(request.user)
    form = YearFilterForm(request.GET or None, school=request.user.school)
    year = _year_from(request, form)
    return render(
        request,
        "observations/teachers.html",
        {
            "form": form,
            "heading": _("Visits by teacher"),
            "rows": selectors.visible_teachers(request.user, year),
            "year": year,
        },
    )


def teacher_history(request, pk):
    """A teacher's visits, a page at a time, and the trend of each criterion over all their
    visits (P2.1, P2.5); a year may be chosen."""
    teacher = _get_teacher_for_user(request, pk)
    form = YearFilterForm(request.GET or None, school=request.user.school)
    year = _year_from(request, form)
    context = _visits_page(request, selectors.teacher_history(request.user, teacher, year))
    context.update(
        {
            "teacher": teacher,
            "form": form,
            "year": year,
            "visits": context["page"].object_list,
            "trends": selectors.teacher_trends(request.user, teacher, year),
        }
    )
    return render(request, "observations/teacher_history.html", context)


# ---- one visit ----


def _observer_or_403(user):
    staff = staff_of(user)
    if staff is None or not permissions.can_record_observation(user):
        raise PermissionDenied
    return staff


def _visit_form_page(request, form, *, observation=None, context):
    """The visit form on the one form page: the button pressed saves a draft or submits;
    on an error the form keeps what was typed (and the browser keeps its copy)."""
    submit = request.POST.get("action") == SUBMIT

    def save(form):
        if observation is None:
            return services.observation_create(
                observer=form.observer,
                criteria_set=form.criteria_set,
                scores=form.scores(),
                submit=submit,
                **form.service_args(),
            )
        services.observation_update(
            observation=observation, scores=form.scores(), submit=submit, **form.service_args()
        )
        return observation

    def message(visit):
        if submit:
            return _("The visit is submitted: %(teacher)s can now read it.") % {
                "teacher": visit.teacher.full_name
            }
        return _("Draft saved. Only you and the deputy director see it.")

    return form_page(
        request,
        form,
        save=save,
        done=lambda visit: _saved_url(
            "observations:detail" if submit else "observations:edit", visit.pk
        ),
        message=message,
        template="observations/form.html",
        context=context,
    )


def _chosen_criteria_set(request, school):
    """The current criteria sets to choose from and the one chosen (?set=), else the default."""
    sets = list(selectors.current_criteria_sets(school))
    chosen = request.GET.get("set", "")
    criteria_set = next((s for s in sets if str(s.pk) == chosen), None)
    if criteria_set is None:
        criteria_set = services.criteria_set_default_for(school)
        if criteria_set not in sets:
            sets.append(criteria_set)
    return sets, criteria_set


def create(request):
    school_permissions.require_school_user(request.user)
    observer = _observer_or_403(request.user)
    school = request.user.school
    sets, criteria_set = _chosen_criteria_set(request, school)
    form = ObservationForm(
        request.POST or None, school=school, observer=observer, criteria_set=criteria_set
    )
    return _visit_form_page(
        request,
        form,
        context={
            "heading": _("Record a visit"),
            "back_url": reverse("observations:mine"),
            "back_label": _("Back to my visits"),
            "criteria_sets": sets,
            "criteria_set": criteria_set,
            "draft_key": f"kenesh-visit-new-{request.user.pk}",
        },
    )


def edit(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_edit_observation(request.user, observation):
        raise PermissionDenied
    form = ObservationForm(
        request.POST or None,
        initial=ObservationForm.initial_for(observation),
        school=request.user.school,
        observer=observation.observer,
        criteria_set=observation.criteria_set,
    )
    return _visit_form_page(
        request,
        form,
        observation=observation,
        context={
            "heading": _("Edit the visit"),
            "back_url": _detail_url(observation),
            "back_label": _("Back to the visit"),
            "criteria_set": observation.criteria_set,
            "draft_key": f"kenesh-visit-{observation.pk}-{request.user.pk}",
            "saved": request.method == "GET" and request.GET.get("saved") == "1",
            "new_key": f"kenesh-visit-new-{request.user.pk}",
        },
    )


def _detail_context(request, observation, **extra):
    user = request.user
    scores = {s.criterion_id: s for s in observation.scores.all()}
    rows = [(c, scores.get(c.pk)) for c in observation.criteria_set.criteria.all()]
    context = {
        "observation": observation,
        "rows": rows,
        "average": selectors.average_score(observation),
        "can_edit": permissions.can_edit_observation(user, observation),
        "can_delete": permissions.can_delete_observation(user, observation),
        "can_withdraw": permissions.can_withdraw_observation(user, observation),
        "can_acknowledge": permissions.can_acknowledge_observation(user, observation),
        "can_add_note": permissions.can_add_note(user, observation),
        "can_view_history": permissions.can_view_teacher_history(user, observation.teacher),
        "saved": request.method == "GET" and request.GET.get("saved") == "1",
        "clear_keys": [
            f"kenesh-visit-{observation.pk}-{user.pk}",
            f"kenesh-visit-new-{user.pk}",
        ],
    }
    if context["can_acknowledge"]:
        context.setdefault("acknowledge_form", AcknowledgeForm())
    if context["can_add_note"]:
        context.setdefault("note_form", NoteForm())
    context.update(extra)
    return context


def detail(request, pk):
    observation = _get_observation_for_user(request, pk)
    return render(request, "observations/detail.html", _detail_context(request, observation))


def _card_form_page(request, observation, form, *, form_name, save, done, message):
    """A form posted from the visit card: on an error the card is shown with it."""
    return form_page(
        request,
        form,
        save=save,
        done=done,
        message=message,
        template="observations/detail.html",
        context=_detail_context(request, observation, **{form_name: form}),
    )


@require_POST
def acknowledge(request, pk):
    """The observed teacher confirms having read the card, optionally with a response."""
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_acknowledge_observation(request.user, observation):
        raise PermissionDenied
    return _card_form_page(
        request,
        observation,
        AcknowledgeForm(request.POST),
        form_name="acknowledge_form",
        save=lambda form: services.observation_acknowledge(
            observation=observation, by=staff_of(request.user), **form.service_args()
        ),
        done=_detail_url(observation),
        message=_("You have acknowledged the visit."),
    )


@require_POST
def note_add(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_add_note(request.user, observation):
        raise PermissionDenied
    return _card_form_page(
        request,
        observation,
        NoteForm(request.POST),
        form_name="note_form",
        save=lambda form: services.observation_note_add(
            observation=observation, author=staff_of(request.user), **form.service_args()
        ),
        done=_detail_url(observation, "notes"),
        message=_("Note added."),
    )


@require_POST
def withdraw(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_withdraw_observation(request.user, observation):
        raise PermissionDenied
    try:
        services.observation_withdraw(observation=observation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(observation))
    messages.success(request, _("The visit is a draft again; the teacher no longer sees it."))
    return redirect("observations:edit", observation.pk)


def delete(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_delete_observation(request.user, observation):
        raise PermissionDenied
    return confirm_page(
        request,
        action=lambda: services.observation_delete(observation=observation),
        done=reverse("observations:mine"),
        message=_("The draft is deleted."),
        title=_("Delete the draft"),
        text=_("Delete the draft of your visit to %(teacher)s on %(day)s? This cannot be undone.")
        % {"teacher": observation.teacher.full_name, "day": short_date(observation.date)},
        button=_("Delete"),
        back=_detail_url(observation),
    )


def pdf(request, pk):
    """The visit card as PDF, in the language asked for with ?lang=."""
    observation = _get_observation_for_user(request, pk)
    scores = {s.criterion_id: s for s in observation.scores.all()}
    language = document_language(request)
    content = render_pdf(
        "observations/print/card.html",
        {
            "school": observation.school,
            "observation": observation,
            "rows": [(c, scores.get(c.pk)) for c in observation.criteria_set.criteria.all()],
            "average": selectors.average_score(observation),
            "generated_on": today(),
            "is_draft": observation.is_draft,
        },
        language=language,
    )
    filename = f"visit-{observation.date:%Y-%m-%d}-{observation.teacher.last_name}-{language}.pdf"
    return pdf_response(content, filename)


# ---- criteria sets (P2.4) ----


def criteria_list(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_criteria(request.user):
        raise PermissionDenied
    sets = selectors.criteria_sets(request.user.school)
    return render(
        request,
        "observations/criteria_list.html",
        {
            "current_sets": [s for s in sets if s.is_current],
            "old_sets": [s for s in sets if not s.is_current],
        },
    )


def _criteria_page(heading, **context) -> dict:
    back = reverse("observations:criteria_list")
    return {"heading": heading, "back_url": back, "back_label": _("Criteria sets"), **context}


def criteria_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_criteria(request.user):
        raise PermissionDenied
    return form_page(
        request,
        CriteriaSetForm(request.POST or None),
        save=lambda form: services.criteria_set_create(
            school=request.user.school, **form.service_args()
        ),
        done=reverse("observations:criteria_list"),
        message=lambda criteria_set: (
            _("Criteria set “%(name)s” created.") % {"name": criteria_set.name}
        ),
        template="observations/criteria_form.html",
        context=_criteria_page(_("New criteria set")),
    )


def criteria_edit(request, pk):
    criteria_set = _get_criteria_set_for_user(request, pk)
    if not criteria_set.is_current:
        raise Http404

    def message(current):
        if current.pk == criteria_set.pk:
            return _("Criteria set saved.")
        return _(
            "The set was already used in visits, so version %(version)s was made; "
            "earlier visits keep the criteria they were scored on."
        ) % {"version": current.version}

    return form_page(
        request,
        CriteriaSetForm(request.POST or None, initial=CriteriaSetForm.initial_for(criteria_set)),
        save=lambda form: services.criteria_set_update(
            criteria_set=criteria_set, **form.service_args()
        ),
        done=reverse("observations:criteria_list"),
        message=message,
        template="observations/criteria_form.html",
        context=_criteria_page(
            criteria_set.name, in_use=services.criteria_set_in_use(criteria_set)
        ),
    )


# ---- young specialists (R2.18) ----


def young_specialists(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_view_young_specialists(request.user):
        raise PermissionDenied
    school = request.user.school
    current = current_academic_year(school)
    form = YearFilterForm(
        request.GET or None,
        school=school,
        required=True,
        initial={"year": current.pk if current else None},
    )
    year = _year_from(request, form) or current
    return render(
        request,
        "observations/young_specialists.html",
        {
            "form": form,
            "year": year,
            "heading": _("Young specialists"),
            "rows": selectors.young_specialists(school, year) if year else [],
        },
    )


def young_conclusion(request, staff_pk, year_pk):
    """R2.18: the year's visits beside the conclusion, which the deputy completes and saves."""
    staff, year = _get_young_specialist_for_user(request, staff_pk, year_pk)
    can_write = permissions.can_write_young_conclusion(request.user)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    summary = selectors.young_specialist_year(staff, year)
    template = "observations/young_conclusion.html"
    if not can_write:
        return render(request, template, {"summary": summary, "form": None, "can_write": False})
    return form_page(
        request,
        ConclusionForm(request.POST or None, initial=ConclusionForm.initial_for(summary)),
        save=lambda form: services.young_specialist_conclusion_save(
            staff=staff, academic_year=year, by=staff_of(request.user), **form.service_args()
        ),
        done=reverse("observations:young_conclusion", args=[staff.pk, year.pk]),
        message=_("The conclusion is saved."),
        template=template,
        context={"summary": summary, "can_write": True},
    )


def young_conclusion_pdf(request, pk):
    """R2.18: the saved conclusion as a document signed by the council's chair (?lang=)."""
    conclusion = _get_conclusion_for_user(request, pk)
    council = council_for_year(conclusion.academic_year)
    language = document_language(request)
    content = render_pdf(
        "observations/print/young_conclusion.html",
        {
            "school": conclusion.school,
            "summary": selectors.young_specialist_year(conclusion.staff, conclusion.academic_year),
            "conclusion": conclusion,
            "chair": council.chair if council else None,
            "generated_on": today(),
        },
        language=language,
    )
    filename = (
        f"young-specialist-{conclusion.staff.last_name}-"
        f"{conclusion.academic_year.start_date.year}-{language}.pdf"
    )
    return pdf_response(content, filename)
