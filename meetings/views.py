from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.documents import document_language, pdf_response
from school.models import AcademicYear
from school.selectors import current_academic_year, current_quarter, today

from . import documents, permissions, selectors, services, snapshot
from .forms import (
    AgendaItemForm,
    ApproveForm,
    AttachmentForm,
    AttendanceForm,
    ConfirmForm,
    DecisionCancelForm,
    DecisionCompleteForm,
    DecisionForm,
    GuestForm,
    ItemRecordForm,
    MeetingEditForm,
    MeetingPlanForm,
    RegisterFilterForm,
    contribution_formset,
)
from .models import AgendaItem, Attachment, Decision, Guest, Meeting

PAGE_SIZE = 50  # rows of the decision register on one page

# One helper per resource: scoped to the user's school (another school's object is a 404).


def _get_meeting_for_user(request, pk) -> Meeting:
    school_permissions.require_school_user(request.user)
    return get_object_or_404(selectors.meeting_for_page(), pk=pk)


def _get_item_for_user(request, pk) -> AgendaItem:
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting__council__academic_year__school", "meeting__chair", "meeting__secretary"
        ),
        pk=pk,
    )


def _get_decision_for_user(request, pk) -> Decision:
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        Decision.objects.select_related(
            "meeting__council__academic_year__school", "agenda_item", "closed_by"
        ).prefetch_related("responsible"),
        pk=pk,
    )


def _get_guest_for_user(request, pk) -> Guest:
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        Guest.objects.select_related("meeting__council__academic_year__school"), pk=pk
    )


def _get_attachment_for_user(request, pk) -> Attachment:
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        Attachment.objects.select_related("meeting__council__academic_year__school"), pk=pk
    )


def _get_year_for_user(request, pk) -> AcademicYear:
    school_permissions.require_school_user(request.user)
    return get_object_or_404(AcademicYear.objects.select_related("school"), pk=pk)


def _meeting_url(meeting, anchor=""):
    return reverse("meetings:meeting_detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _paginate(request, rows) -> dict:
    """One page of rows (?page=), the page numbers to link, and the query string that keeps
    the other filters on those links."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "page_query": f"{encoded}&" if encoded else "",
    }


def _not_held_yet(request, meeting):
    """What a form of the held meeting (attendance, heard and spoke, a decision, approval)
    shows instead while the meeting's day has not come: said first, before any form."""
    return render(request, "meetings/not_held.html", {"meeting": meeting})


def _saved(request, meeting):
    if meeting.is_approved:
        messages.success(request, _("The amendment is saved and noted in the protocol's history."))
    else:
        messages.success(request, _("Saved."))


# Meetings -----------------------------------------------------------------------------------


def meeting_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    years = list(selectors.years(school))
    year = None
    asked = request.GET.get("year", "")
    if asked.isdecimal():
        year = next((y for y in years if y.pk == int(asked)), None)
    year = year or current_academic_year(school)
    rows = selectors.cadence(year) if year else []
    current = current_quarter(school)
    warn_no_meeting = bool(
        permissions.can_plan_meeting(request.user)
        and current
        and year
        and current.academic_year_id == year.pk
        and any(r.current and not r.planned and not r.held for r in rows)
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "years": years,
            "year": year,
            "rows": rows,
            "council": selectors.council_for_year(year) if year else None,
            "can_plan": permissions.can_plan_meeting(request.user),
            "warn_no_meeting": warn_no_meeting,
            "current_quarter": current,
            "has_approved": any(m.is_approved for r in rows for m in r.meetings),
        },
    )


def meeting_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_plan_meeting(request.user):
        raise PermissionDenied
    school = request.user.school
    asked = request.GET.get("year", "")
    year = None
    if asked.isdecimal():
        year = AcademicYear.objects.filter(school=school, pk=int(asked)).first()
    year = year or current_academic_year(school)
    council = selectors.council_for_year(year) if year else None
    form = MeetingPlanForm(
        request.POST or None,
        school=school,
        initial={"date": today(), "kind": Meeting.Kind.REGULAR},
    )
    if request.method == "POST" and council is not None and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_plan(
                council=council,
                date=data["date"],
                time=data["time"],
                place=data["place"],
                kind=data["kind"],
                chair=data["chair"],
                secretary=data["secretary"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Meeting No. %(number)s is planned for %(date)s.")
                % {"number": meeting.number, "date": meeting.date.strftime("%d.%m.%Y")},
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": None, "council": council, "year": year},
    )


def meeting_detail(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    context = selectors.protocol(meeting, people=not meeting.is_approved)
    if request.user.school_id == context["school"].pk:
        # The menu names the user's school: the meeting's, already read with it.
        request.user.school = context["school"]
    # The protocol's text as it reads (its snapshot once approved), with the records it
    # was made from for the links and the decisions' state today, shown apart.
    protocol = snapshot.current(meeting, context)
    context["protocol"] = snapshot.with_records(protocol, context["items"])
    context["roster"] = protocol.roster
    context.update(_meeting_permissions(request.user, meeting))
    context["today"] = today()
    context["is_held"] = selectors.is_held(meeting)
    return render(request, "meetings/meeting_detail.html", context)


def _meeting_permissions(user, meeting):
    return {
        "can_manage": permissions.can_manage_meeting(user, meeting),
        "can_change_agenda": permissions.can_change_agenda(user, meeting),
        "can_edit_protocol": permissions.can_edit_protocol(user, meeting),
        "can_change_protocol": permissions.can_change_protocol(user, meeting),
        "can_approve": permissions.can_approve_meeting(user, meeting),
        "can_amend": permissions.can_amend_protocol(user, meeting),
        "can_remove": permissions.can_remove_meeting(user, meeting),
    }


def meeting_edit(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not (
        permissions.can_manage_meeting(request.user, meeting)
        or permissions.can_amend_protocol(request.user, meeting)
    ):
        raise PermissionDenied
    initial = {
        "date": meeting.date,
        "time": meeting.time,
        "place": meeting.place,
        "kind": meeting.kind,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
    }
    form = MeetingEditForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                date=data["date"],
                time=data["time"],
                place=data["place"],
                kind=data["kind"],
                chair=data["chair"],
                secretary=data["secretary"],
                user=request.user,
                **form.protocol_args(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


def meeting_cancel(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_remove_meeting(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(meeting)
        messages.success(request, _("The meeting is cancelled."))
        return redirect("meetings:meeting_list")
    return render(
        request,
        "meetings/confirm.html",
        {
            "meeting": meeting,
            "title": _("Cancel meeting No. %(number)s?") % {"number": meeting.number},
            "text": _("The planned meeting and its agenda are deleted."),
            "form": None,
            "button": _("Cancel the meeting"),
        },
    )


def meeting_approve(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_approve_meeting(request.user, meeting):
        raise PermissionDenied
    if not selectors.is_held(meeting):
        return _not_held_yet(request, meeting)
    people = selectors.roster(meeting)
    empty = snapshot.empty_items(meeting)
    form = ApproveForm(
        request.POST or None, meeting=meeting, has_quorum=people.has_quorum, empty_items=empty
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_approve(
                meeting=meeting,
                user=request.user,
                version=form.cleaned_data["version"],
                confirm_without_quorum=form.cleaned_data.get("confirm_without_quorum", False),
                confirm_empty_items=form.cleaned_data.get("confirm_empty_items", False),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The protocol is approved and locked."))
            return redirect(meeting)
    return render(
        request,
        "meetings/approve.html",
        {"form": form, "meeting": meeting, "roster": people, "empty_items": empty},
    )


# Attendance and guests ---------------------------------------------------------------------


def attendance_edit(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    if not selectors.is_held(meeting):
        return _not_held_yet(request, meeting)
    people = selectors.roster(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, roster=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting, marks=form.marks(), user=request.user, **form.protocol_args()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, "attendance"))
    return render(
        request,
        "meetings/attendance_form.html",
        {
            "form": form,
            "meeting": meeting,
            "roster": people,
            "live_text": _(
                "Present: %(present)s, absent: %(absent)s of %(total)s members; "
                "a quorum needs %(needed)s."
            ),
        },
    )


def guest_list(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    form = GuestForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.guest_add(
                meeting=meeting,
                name=form.cleaned_data["name"],
                position=form.cleaned_data["position"],
                user=request.user,
                **form.protocol_args(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect("meetings:guest_list", meeting.pk)
    meeting.refresh_from_db(fields=["version"])
    remove_form = ConfirmForm(meeting=meeting, submit_label=_("Remove"))
    return render(
        request,
        "meetings/guest_list.html",
        {
            "form": form,
            "meeting": meeting,
            "guests": meeting.guests.all(),
            "remove_form": remove_form,
        },
    )


def guest_remove(request, pk):
    guest = _get_guest_for_user(request, pk)
    meeting = guest.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _confirm_and_do(
        request,
        meeting,
        title=_("Remove the invited guest %(guest)s?") % {"guest": guest},
        button=_("Remove"),
        action=lambda args: services.guest_remove(guest=guest, user=request.user, **args),
        done_url=reverse("meetings:guest_list", args=[meeting.pk]),
    )


def _confirm_and_do(request, meeting, *, title, button, action, done_url, text=""):
    """A confirmation page (GET) and the action (POST) with the version and amendment reason."""
    form = ConfirmForm(request.POST or None, meeting=meeting, submit_label=button)
    if request.method == "POST" and form.is_valid():
        try:
            action(form.protocol_args())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(done_url)
    return render(
        request,
        "meetings/confirm.html",
        {"meeting": meeting, "title": title, "text": text, "form": form, "button": button},
    )


# Agenda --------------------------------------------------------------------------------------


def agenda_item_create(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_agenda(request.user, meeting):
        raise PermissionDenied
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_add(
                meeting=meeting,
                title=data["title"],
                speakers=data["speakers"],
                guest_speakers=data["guest_speakers"],
                planned_minutes=data["planned_minutes"],
                user=request.user,
                **form.protocol_args(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, "agenda"))
    return render(
        request, "meetings/agenda_item_form.html", {"form": form, "meeting": meeting, "item": None}
    )


def agenda_item_edit(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_agenda(request.user, meeting):
        raise PermissionDenied
    initial = {
        "title": item.title,
        "speakers": list(item.speakers.all()),
        "guest_speakers": item.guest_speakers,
        "planned_minutes": item.planned_minutes,
    }
    form = AgendaItemForm(
        request.POST or None, meeting=meeting, review=item.is_review, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_update(
                item=item,
                title=data.get("title", ""),
                speakers=data["speakers"],
                guest_speakers=data["guest_speakers"],
                planned_minutes=data["planned_minutes"],
                user=request.user,
                **form.protocol_args(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, f"item-{item.pk}"))
    return render(
        request, "meetings/agenda_item_form.html", {"form": form, "meeting": meeting, "item": item}
    )


def agenda_item_move(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = request.POST.get("version", "")
    try:
        services.agenda_item_move(
            item=item,
            direction=request.POST.get("direction", ""),
            user=request.user,
            version=int(version) if version.isdecimal() else -1,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_meeting_url(meeting, "agenda"))


def agenda_item_delete(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_agenda(request.user, meeting):
        raise PermissionDenied
    return _confirm_and_do(
        request,
        meeting,
        title=_("Remove the agenda item “%(title)s”?") % {"title": item.display_title},
        button=_("Remove"),
        action=lambda args: services.agenda_item_remove(item=item, user=request.user, **args),
        done_url=_meeting_url(meeting, "agenda"),
    )


def item_record(request, pk):
    """Heard and spoke on one agenda item."""
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    if not selectors.is_held(meeting):
        return _not_held_yet(request, meeting)
    initial = {
        "heard_speaker": item.heard_speaker,
        "heard_guest": item.heard_guest,
        "heard_summary": item.heard_summary,
    }
    form = ItemRecordForm(request.POST or None, meeting=meeting, initial=initial)
    formset = contribution_formset(request.POST or None, item=item, school=meeting.school)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        contributions = [
            (
                f.cleaned_data.get("speaker"),
                f.cleaned_data.get("guest", ""),
                f.cleaned_data.get("summary", ""),
            )
            for f in formset.forms
            if f.has_changed() and not f.is_blank()
        ]
        data = form.cleaned_data
        try:
            services.item_record(
                item=item,
                heard_speaker=data["heard_speaker"],
                heard_guest=data["heard_guest"],
                heard_summary=data["heard_summary"],
                contributions=contributions,
                user=request.user,
                **form.protocol_args(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, f"item-{item.pk}"))
    return render(
        request,
        "meetings/item_record_form.html",
        {"form": form, "formset": formset, "meeting": meeting, "item": item},
    )


# Decisions in the protocol --------------------------------------------------------------------


def decision_create(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    if not selectors.is_held(meeting):
        return _not_held_yet(request, meeting)
    form = DecisionForm(request.POST or None, meeting=meeting, initial={"due_date": None})
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_add(
                item=item, user=request.user, **form.service_args(), **form.protocol_args()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, f"item-{item.pk}"))
    return render(
        request,
        "meetings/decision_form.html",
        {"form": form, "meeting": meeting, "item": item, "decision": None},
    )


def decision_edit(request, pk):
    decision = _get_decision_for_user(request, pk)
    meeting = decision.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    initial = {
        "text": decision.text,
        "responsible": list(decision.responsible.all()),
        "due_date": decision.due_date,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "votes_abstained": decision.votes_abstained,
        "for_pedagogical_council": decision.for_pedagogical_council,
    }
    form = DecisionForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                decision=decision, user=request.user, **form.service_args(), **form.protocol_args()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, f"item-{decision.agenda_item_id}"))
    return render(
        request,
        "meetings/decision_form.html",
        {"form": form, "meeting": meeting, "item": decision.agenda_item, "decision": decision},
    )


def decision_delete(request, pk):
    decision = _get_decision_for_user(request, pk)
    meeting = decision.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _confirm_and_do(
        request,
        meeting,
        title=_("Remove decision %(number)s?") % {"number": decision.number},
        text=decision.text,
        button=_("Remove"),
        action=lambda args: services.decision_remove(decision=decision, user=request.user, **args),
        done_url=_meeting_url(meeting, f"item-{decision.agenda_item_id}"),
    )


# Decision control (R4.4) ------------------------------------------------------------------------


def decision_register(request):
    """The school's decisions (R4.4), of the current academic year unless another year or
    "all years" is chosen, a page at a time."""
    school_permissions.require_school_user(request.user)
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    school = request.user.school
    data = request.GET.copy()
    if "year" not in data:
        current = current_academic_year(school)
        data["year"] = str(current.pk) if current else ""
    form = RegisterFilterForm(data, school=school)
    rows = selectors.decisions(school=school, filters=form.filters())
    context = _paginate(request, rows)
    context.update(
        {"form": form, "decisions": context["page"].object_list, "today": today(), "mine": False}
    )
    return render(request, "meetings/decision_register.html", context)


def pedagogical_extract(request):
    """The extract for the pedagogical council (R2.14, R4.4): the decisions put before it,
    from the approved protocols of the year (or of the meeting) chosen in the register."""
    school_permissions.require_school_user(request.user)
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    school = request.user.school
    data = request.GET.copy()
    if "year" not in data:
        current = current_academic_year(school)
        data["year"] = str(current.pk) if current else ""
    chosen = RegisterFilterForm(data, school=school).filters()
    meeting, year = chosen.get("meeting"), chosen.get("year")
    if meeting is not None:
        year = meeting.council.academic_year
    pdf = documents.extract_pdf(
        school=school, year=year, meeting=meeting, language=document_language(request)
    )
    return pdf_response(pdf, documents.extract_filename(year=year, meeting=meeting))


def my_decisions(request):
    school_permissions.require_school_user(request.user)
    staff = selectors.staff_of_user(request.user)
    context = _paginate(request, selectors.decisions_of(staff))
    context.update(
        {
            "form": None,
            "decisions": context["page"].object_list,
            "today": today(),
            "mine": True,
            "staff": staff,
        }
    )
    return render(request, "meetings/decision_register.html", context)


def decision_detail(request, pk):
    decision = _get_decision_for_user(request, pk)
    if decision.meeting.is_planned:
        raise Http404
    user = request.user
    can_close = permissions.can_close_decision(user, decision)
    can_cancel = permissions.can_cancel_decision(user, decision)
    can_reopen = permissions.can_reopen_decision(user, decision)
    action = request.POST.get("action") if request.method == "POST" else None
    complete_form = DecisionCompleteForm(
        request.POST if action == "done" else None, initial={"done_on": today()}
    )
    cancel_form = DecisionCancelForm(request.POST if action == "cancel" else None)
    if action == "done":
        if not can_close:
            raise PermissionDenied
        if complete_form.is_valid():
            try:
                services.decision_complete(
                    decision=decision,
                    done_on=complete_form.cleaned_data["done_on"],
                    note=complete_form.cleaned_data["note"],
                    user=user,
                )
            except ValidationError as error:
                complete_form.add_service_errors(error)
            else:
                messages.success(request, _("The decision is marked done."))
                return redirect("meetings:decision_detail", decision.pk)
    elif action == "cancel":
        if not can_cancel:
            raise PermissionDenied
        if cancel_form.is_valid():
            try:
                services.decision_cancel(
                    decision=decision, reason=cancel_form.cleaned_data["reason"], user=user
                )
            except ValidationError as error:
                cancel_form.add_service_errors(error)
            else:
                messages.success(request, _("The decision is cancelled."))
                return redirect("meetings:decision_detail", decision.pk)
    elif action == "reopen":
        if not can_reopen:
            raise PermissionDenied
        services.decision_reopen(decision=decision, user=user)
        messages.success(request, _("The decision is open again."))
        return redirect("meetings:decision_detail", decision.pk)
    elif action is not None:
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "meeting": decision.meeting,
            "complete_form": complete_form,
            "cancel_form": cancel_form,
            "can_close": can_close,
            "can_cancel": can_cancel,
            "can_reopen": can_reopen,
            "today": today(),
        },
    )


# Attachments ---------------------------------------------------------------------------------------


def attachment_create(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    items = list(meeting.agenda_items.order_by("position"))
    form = AttachmentForm(request.POST or None, request.FILES or None, meeting=meeting, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                meeting=meeting,
                upload=form.cleaned_data["file"],
                agenda_item=form.chosen_item(),
                user=request.user,
                **form.protocol_args(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _saved(request, meeting)
            return redirect(_meeting_url(meeting, "attachments"))
    return render(request, "meetings/attachment_form.html", {"form": form, "meeting": meeting})


def attachment_download(request, pk):
    """Files are served only through here, to users of the school (never from MEDIA_URL)."""
    attachment = _get_attachment_for_user(request, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


def attachment_delete(request, pk):
    attachment = _get_attachment_for_user(request, pk)
    meeting = attachment.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _confirm_and_do(
        request,
        meeting,
        title=_("Remove the file %(name)s?") % {"name": attachment.original_name},
        button=_("Remove"),
        action=lambda args: services.attachment_remove(
            attachment=attachment, user=request.user, **args
        ),
        done_url=_meeting_url(meeting, "attachments"),
    )


# Documents ------------------------------------------------------------------------------------------


def protocol_pdf(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    language = document_language(request)
    pdf = documents.protocol_pdf(meeting, language=language)
    return pdf_response(pdf, meeting.pdf_filename)


def protocol_print(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    context = documents.protocol_context(snapshot.current(meeting))
    context["print_view"] = True
    return render(request, documents.PROTOCOL_TEMPLATE, context)


def protocol_archive(request, pk):
    year = _get_year_for_user(request, pk)
    language = document_language(request)
    pdf = documents.archive_pdf(year, language=language)
    return pdf_response(pdf, documents.archive_filename(year))


def meeting_calendar(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    meetings = (
        selectors.meeting_for_page(
            Meeting.objects.filter(
                council__academic_year__school=school, status=Meeting.Status.PLANNED
            )
        )
        .prefetch_related("agenda_items")
        .order_by("date", "time")
    )
    body = documents.calendar_ics(
        meetings,
        school=school,
        host=request.get_host().split(":")[0] or "kenesh",
        title_for=lambda m: _("Methodical council: meeting No. %(number)s") % {"number": m.number},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    return response
