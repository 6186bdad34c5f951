from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from council.selectors import council_for_year
from members.models import Staff
from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.models import AcademicYear
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


def _paginate(request, queryset) -> dict:
    """One page of visits with their averages, the page numbers to link, and the query
    string that keeps the filters on those links."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_averages(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "page_query": f"{encoded}&" if encoded else "",
    }


def _saved_url(name, pk):
    """After a save the page tells the form script that the typed text is safe on the server."""
    return reverse(name, args=[pk]) + "?saved=1"


# ---- lists ----


def mine(request):
    """The visits the user made: this academic year unless another year or all are chosen."""
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = YearFilterForm(_current_year_unless_asked(request, school), school=school)
    year = _year_from(request, form)
    context = _paginate(request, selectors.in_year(selectors.my_observations(request.user), year))
    context.update(
        {
            "form": form,
            "year": year,
            "observations": context["page"].object_list,
            "can_record": permissions.can_record_observation(request.user),
        }
    )
    return render(request, "observations/mine.html", context)


def about_me(request):
    school_permissions.require_school_user(request.user)
    visits = selectors.with_averages(selectors.observations_about(request.user))
    staff = permissions.staff_of(request.user)
    return render(
        request,
        "observations/about_me.html",
        {
            "waiting": [v for v in visits if v.is_submitted],
            "acknowledged": [v for v in visits if v.is_acknowledged],
            "staff": staff,
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
    context = _paginate(request, selectors.for_list(visits))
    context.update(
        {
            "form": form,
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
        {"form": form, "teachers": selectors.visible_teachers(request.user, year), "year": year},
    )


def teacher_history(request, pk):
    """A teacher's visits, a page at a time, and the trend of each criterion over all their
    visits (P2.1, P2.5); a year may be chosen."""
    teacher = _get_teacher_for_user(request, pk)
    form = YearFilterForm(request.GET or None, school=request.user.school)
    year = _year_from(request, form)
    context = _paginate(request, selectors.teacher_history(request.user, teacher, year))
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
    staff = permissions.staff_of(user)
    if staff is None or not permissions.can_record_observation(user):
        raise PermissionDenied
    return staff


def _save_observation(request, form, observation=None):
    """Run the service for the button pressed; on an error the form keeps what was typed."""
    submit = request.POST.get("action") == SUBMIT
    try:
        if observation is None:
            observation = services.observation_create(
                observer=form.observer,
                criteria_set=form.criteria_set,
                scores=form.scores(),
                submit=submit,
                **form.details(),
            )
        else:
            services.observation_update(
                observation=observation, scores=form.scores(), submit=submit, **form.details()
            )
    except ValidationError as error:
        form.add_service_errors(error)
        return None
    if submit:
        messages.success(
            request,
            _("The visit is submitted: %(teacher)s can now read it.")
            % {"teacher": observation.teacher.full_name},
        )
        return redirect(_saved_url("observations:detail", observation.pk))
    messages.success(request, _("Draft saved. Only you and the deputy director see it."))
    return redirect(_saved_url("observations:edit", observation.pk))


def create(request):
    school_permissions.require_school_user(request.user)
    observer = _observer_or_403(request.user)
    school = request.user.school
    sets = list(selectors.current_criteria_sets(school))
    chosen = request.GET.get("set", "")
    criteria_set = next((s for s in sets if str(s.pk) == chosen), None)
    if criteria_set is None:
        criteria_set = services.criteria_set_default_for(school)
        if criteria_set not in sets:
            sets.append(criteria_set)
    initial = {"date": today()}
    form = ObservationForm(
        request.POST or None,
        initial=initial,
        school=school,
        observer=observer,
        criteria_set=criteria_set,
    )
    if request.method == "POST" and form.is_valid():
        response = _save_observation(request, form)
        if response:
            return response
    return render(
        request,
        "observations/form.html",
        {
            "form": form,
            "observation": None,
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
    if request.method == "POST" and form.is_valid():
        response = _save_observation(request, form, observation)
        if response:
            return response
    return render(
        request,
        "observations/form.html",
        {
            "form": form,
            "observation": observation,
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


def acknowledge(request, pk):
    """The observed teacher confirms having read the card, optionally with a response."""
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_acknowledge_observation(request.user, observation):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("observations:detail", observation.pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.observation_acknowledge(
                observation=observation,
                by=permissions.staff_of(request.user),
                response=form.cleaned_data["response"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("You have acknowledged the visit."))
            return redirect("observations:detail", observation.pk)
    return render(
        request,
        "observations/detail.html",
        _detail_context(request, observation, acknowledge_form=form),
    )


def note_add(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_add_note(request.user, observation):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("observations:detail", observation.pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.observation_note_add(
                observation=observation,
                author=permissions.staff_of(request.user),
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Note added."))
            return redirect(reverse("observations:detail", args=[observation.pk]) + "#notes")
    return render(
        request, "observations/detail.html", _detail_context(request, observation, note_form=form)
    )


def withdraw(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_withdraw_observation(request.user, observation):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("observations:detail", observation.pk)
    try:
        services.observation_withdraw(observation=observation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("observations:detail", observation.pk)
    messages.success(request, _("The visit is a draft again; the teacher no longer sees it."))
    return redirect("observations:edit", observation.pk)


def delete(request, pk):
    observation = _get_observation_for_user(request, pk)
    if not permissions.can_delete_observation(request.user, observation):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "observations/delete.html", {"observation": observation})
    try:
        services.observation_delete(observation=observation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("observations:detail", observation.pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("observations:mine")


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


def criteria_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_criteria(request.user):
        raise PermissionDenied
    form = CriteriaSetForm(request.POST or None, initial={"scale_min": 1, "scale_max": 5})
    if request.method == "POST" and form.is_valid():
        try:
            criteria_set = services.criteria_set_create(
                school=request.user.school,
                name=form.cleaned_data["name"],
                scale_min=form.cleaned_data["scale_min"],
                scale_max=form.cleaned_data["scale_max"],
                criteria=form.criteria_lines(),
                is_default=form.cleaned_data["is_default"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("Criteria set “%(name)s” created.") % {"name": criteria_set.name}
            )
            return redirect("observations:criteria_list")
    return render(request, "observations/criteria_form.html", {"form": form, "criteria_set": None})


def criteria_edit(request, pk):
    criteria_set = _get_criteria_set_for_user(request, pk)
    if not criteria_set.is_current:
        raise Http404
    initial = {
        "name": criteria_set.name,
        "scale_min": criteria_set.scale_min,
        "scale_max": criteria_set.scale_max,
        "criteria": "\n".join(c.text for c in criteria_set.criteria.order_by("order")),
        "is_default": criteria_set.is_default,
    }
    form = CriteriaSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            current = services.criteria_set_update(
                criteria_set=criteria_set,
                name=form.cleaned_data["name"],
                scale_min=form.cleaned_data["scale_min"],
                scale_max=form.cleaned_data["scale_max"],
                criteria=form.criteria_lines(),
                is_default=form.cleaned_data["is_default"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if current.pk != criteria_set.pk:
                messages.success(
                    request,
                    _(
                        "The set was already used in visits, so version %(version)s was made; "
                        "earlier visits keep the criteria they were scored on."
                    )
                    % {"version": current.version},
                )
            else:
                messages.success(request, _("Criteria set saved."))
            return redirect("observations:criteria_list")
    return render(
        request,
        "observations/criteria_form.html",
        {
            "form": form,
            "criteria_set": criteria_set,
            "in_use": services.criteria_set_in_use(criteria_set),
        },
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
            "specialists": selectors.young_specialists(school, year) if year else [],
        },
    )


def young_conclusion(request, staff_pk, year_pk):
    school_permissions.require_school_user(request.user)
    staff = get_object_or_404(Staff.objects.all(), pk=staff_pk)
    year = get_object_or_404(AcademicYear.objects.all(), pk=year_pk)
    if not permissions.can_view_young_specialists(request.user):
        raise PermissionDenied
    if not selectors.is_young_in_year(staff, year):
        raise Http404
    summary = selectors.young_specialist_year(staff, year)
    can_write = permissions.can_write_young_conclusion(request.user)
    text = (
        summary.conclusion.text if summary.conclusion else selectors.young_conclusion_draft(summary)
    )
    form = ConclusionForm(request.POST or None, initial={"text": text}) if can_write else None
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.young_specialist_conclusion_save(
                    staff=staff,
                    academic_year=year,
                    text=form.cleaned_data["text"],
                    by=permissions.staff_of(request.user),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The conclusion is saved."))
                return redirect("observations:young_conclusion", staff.pk, year.pk)
    return render(
        request,
        "observations/young_conclusion.html",
        {"summary": summary, "form": form, "text": text, "can_write": can_write},
    )


def young_conclusion_pdf(request, pk):
    """R2.18: the saved conclusion as a document signed by the council's chair (?lang=)."""
    school_permissions.require_school_user(request.user)
    conclusion = get_object_or_404(
        YoungSpecialistConclusion.objects.select_related("staff", "academic_year", "school"),
        pk=pk,
    )
    if not permissions.can_view_young_conclusion(request.user, conclusion):
        raise Http404
    summary = selectors.young_specialist_year(conclusion.staff, conclusion.academic_year)
    council = council_for_year(conclusion.academic_year)
    language = document_language(request)
    content = render_pdf(
        "observations/print/young_conclusion.html",
        {
            "school": conclusion.school,
            "summary": summary,
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
