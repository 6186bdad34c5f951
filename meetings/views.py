from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.permissions import staff_of
from school import permissions as school_permissions
from school.calendar import short_date
from school.documents import document_language, pdf_response
from school.models import AcademicYear
from school.pages import confirm_page, form_page, paginate, year_from_query
from school.selectors import current_academic_year, current_quarter, today
from school.uploads import download_response

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


def _saved_message(meeting) -> str:
    if meeting.is_approved:
        return _("The amendment is saved and noted in the protocol's history.")
    return _("Saved.")


FORM_TEMPLATE = "meetings/form_page.html"


def _meeting_form(
    request,
    meeting,
    form,
    *,
    save,
    done,
    heading,
    needs_held=False,
    message=None,
    template=FORM_TEMPLATE,
    **context,
):
    """A form of one meeting (the meeting named above it, a link back to it), through the one
    form page. ``needs_held``: attendance, heard and spoke, a decision and approval are
    recorded once the meeting's day has come; until then the page says so instead."""
    if needs_held and not selectors.is_held(meeting):
        return render(request, "meetings/not_held.html", {"meeting": meeting})
    return form_page(
        request,
        form,
        save=save,
        done=done,
        message=message or _saved_message(meeting),
        template=template,
        context={"meeting": meeting, "heading": heading, **context},
    )


def _confirm(request, meeting, *, title, action, done, text=""):
    """A removal from the protocol: confirmed with its version (and the amendment reason once
    the protocol is approved)."""
    button = _("Remove")
    return confirm_page(
        request,
        action=lambda form: action(user=request.user, **form.service_args()),
        done=done,
        message=_saved_message(meeting),
        title=title,
        text=text,
        button=button,
        back=_meeting_url(meeting),
        form=ConfirmForm(request.POST or None, meeting=meeting, submit_label=button),
        template="meetings/confirm.html",
        context={"meeting": meeting, "back_label": _("Back to the meeting")},
    )


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
    year = year_from_query(request)
    council = selectors.council_for_year(year) if year else None
    no_council = _(
        "The council of this academic year has not been formed yet: a meeting cannot be planned."
    )

    def save(form):
        if council is None:
            raise ValidationError(no_council)
        return services.meeting_plan(council=council, user=request.user, **form.service_args())

    initial = {"date": today(), "kind": Meeting.Kind.REGULAR}
    return form_page(
        request,
        MeetingPlanForm(request.POST or None, school=request.user.school, initial=initial),
        save=save,
        done=lambda meeting: meeting.get_absolute_url(),
        message=lambda meeting: (
            _("Meeting No. %(number)s is planned for %(date)s.")
            % {"number": meeting.number, "date": short_date(meeting.date)}
        ),
        template="meetings/meeting_form.html",
        context={"heading": _("Plan a meeting"), "council": council, "year": year},
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
    context["is_held"] = selectors.is_held(meeting)
    return render(request, "meetings/meeting_detail.html", context)


def _meeting_permissions(user, meeting):
    return {
        "can_manage": permissions.can_manage_meeting(user, meeting),
        "can_change_agenda": permissions.can_change_agenda(user, meeting),
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
    form = MeetingEditForm(
        request.POST or None, meeting=meeting, initial=MeetingEditForm.initial_for(meeting)
    )
    return _meeting_form(
        request,
        meeting,
        form,
        save=lambda form: services.meeting_update(
            meeting=meeting, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting),
        heading=_("Meeting No. %(number)s") % {"number": meeting.number},
        template="meetings/meeting_form.html",
    )


def meeting_cancel(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_remove_meeting(request.user, meeting):
        raise PermissionDenied
    return confirm_page(
        request,
        action=lambda: services.meeting_cancel(meeting=meeting),
        done=reverse("meetings:meeting_list"),
        message=_("The meeting is cancelled."),
        title=_("Cancel meeting No. %(number)s?") % {"number": meeting.number},
        text=_("The planned meeting and its agenda are deleted."),
        button=_("Cancel the meeting"),
        back=_meeting_url(meeting),
    )


def meeting_approve(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_approve_meeting(request.user, meeting):
        raise PermissionDenied
    people, empty = selectors.roster(meeting), snapshot.empty_items(meeting)
    form = ApproveForm(
        request.POST or None, meeting=meeting, has_quorum=people.has_quorum, empty_items=empty
    )
    return _meeting_form(
        request,
        meeting,
        form,
        save=lambda form: services.meeting_approve(
            meeting=meeting, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting),
        message=_("The protocol is approved and locked."),
        heading=_("Approve protocol No. %(number)s") % {"number": meeting.number},
        needs_held=True,
        template="meetings/approve.html",
        roster=people,
        empty_items=empty,
    )


# Attendance and guests ---------------------------------------------------------------------


def attendance_edit(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    people = selectors.roster(meeting)
    return _meeting_form(
        request,
        meeting,
        AttendanceForm(request.POST or None, meeting=meeting, roster=people),
        save=lambda form: services.attendance_record(
            meeting=meeting, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting, "attendance"),
        heading=_("Attendance"),
        needs_held=True,
        template="meetings/attendance_form.html",
        roster=people,
        live_text=_(
            "Present: %(present)s, absent: %(absent)s of %(total)s members; "
            "a quorum needs %(needed)s."
        ),
    )


def guest_list(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _meeting_form(
        request,
        meeting,
        GuestForm(request.POST or None, meeting=meeting),
        save=lambda form: services.guest_add(
            meeting=meeting, user=request.user, **form.service_args()
        ),
        done=reverse("meetings:guest_list", args=[meeting.pk]),
        heading=_("Invited guests"),
        template="meetings/guest_list.html",
        guests=meeting.guests.all(),
    )


def guest_remove(request, pk):
    guest = _get_guest_for_user(request, pk)
    meeting = guest.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _confirm(
        request,
        meeting,
        title=_("Remove the invited guest %(guest)s?") % {"guest": guest},
        action=lambda **args: services.guest_remove(guest=guest, **args),
        done=reverse("meetings:guest_list", args=[meeting.pk]),
    )


# Agenda --------------------------------------------------------------------------------------


def agenda_item_create(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_agenda(request.user, meeting):
        raise PermissionDenied
    return _meeting_form(
        request,
        meeting,
        AgendaItemForm(request.POST or None, meeting=meeting),
        save=lambda form: services.agenda_item_add(
            meeting=meeting, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting, "agenda"),
        heading=_("New agenda item"),
    )


def agenda_item_edit(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_agenda(request.user, meeting):
        raise PermissionDenied
    form = AgendaItemForm(
        request.POST or None,
        meeting=meeting,
        review=item.is_review,
        initial=AgendaItemForm.initial_for(item),
    )
    return _meeting_form(
        request,
        meeting,
        form,
        save=lambda form: services.agenda_item_update(
            item=item, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting, f"item-{item.pk}"),
        heading=item.display_title,
    )


@require_POST
def agenda_item_move(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
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
    return _confirm(
        request,
        meeting,
        title=_("Remove the agenda item “%(title)s”?") % {"title": item.display_title},
        action=lambda **args: services.agenda_item_remove(item=item, **args),
        done=_meeting_url(meeting, "agenda"),
    )


def item_record(request, pk):
    """Heard and spoke on one agenda item."""
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    form = ItemRecordForm(request.POST or None, item=item, initial=ItemRecordForm.initial_for(item))
    return _meeting_form(
        request,
        meeting,
        form,
        save=lambda form: services.item_record(item=item, user=request.user, **form.service_args()),
        done=_meeting_url(meeting, f"item-{item.pk}"),
        heading=f"{item.position}. {item.display_title}",
        needs_held=True,
    )


# Decisions in the protocol --------------------------------------------------------------------


def decision_create(request, pk):
    item = _get_item_for_user(request, pk)
    meeting = item.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _meeting_form(
        request,
        meeting,
        DecisionForm(request.POST or None, meeting=meeting),
        save=lambda form: services.decision_add(
            item=item, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting, f"item-{item.pk}"),
        heading=_("New decision"),
        lead=f"{item.position}. {item.display_title}",
        needs_held=True,
    )


def decision_edit(request, pk):
    decision = _get_decision_for_user(request, pk)
    meeting, item = decision.meeting, decision.agenda_item
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    form = DecisionForm(
        request.POST or None, meeting=meeting, initial=DecisionForm.initial_for(decision)
    )
    return _meeting_form(
        request,
        meeting,
        form,
        save=lambda form: services.decision_update(
            decision=decision, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting, f"item-{item.pk}"),
        heading=_("Decision %(number)s") % {"number": decision.number},
        lead=f"{item.position}. {item.display_title}",
    )


def decision_delete(request, pk):
    decision = _get_decision_for_user(request, pk)
    meeting = decision.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _confirm(
        request,
        meeting,
        title=_("Remove decision %(number)s?") % {"number": decision.number},
        text=decision.text,
        action=lambda **args: services.decision_remove(decision=decision, **args),
        done=_meeting_url(meeting, f"item-{decision.agenda_item_id}"),
    )


# Decision control (R4.4) ------------------------------------------------------------------------


def _register_filters(request) -> RegisterFilterForm:
    """The register's filters as asked (?year=…), the current year unless another (or "all
    years") is chosen."""
    school = request.user.school
    data = request.GET.copy()
    if "year" not in data:
        current = current_academic_year(school)
        data["year"] = str(current.pk) if current else ""
    return RegisterFilterForm(data, school=school)


def _register_page(request, rows, **context):
    page = paginate(request, rows, per_page=PAGE_SIZE)
    page.update({"decisions": page["page"].object_list, **context})
    return render(request, "meetings/decision_register.html", page)


def decision_register(request):
    """The school's decisions (R4.4), of the current academic year unless another year or
    "all years" is chosen, a page at a time."""
    school_permissions.require_school_user(request.user)
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    form = _register_filters(request)
    rows = selectors.decisions(school=request.user.school, filters=form.filters())
    return _register_page(request, rows, form=form, mine=False)


def pedagogical_extract(request):
    """The extract for the pedagogical council (R2.14, R4.4): the decisions put before it,
    from the approved protocols of the year (or of the meeting) chosen in the register."""
    school_permissions.require_school_user(request.user)
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    chosen = _register_filters(request).filters()
    meeting, year = chosen.get("meeting"), chosen.get("year")
    if meeting is not None:
        year = meeting.council.academic_year
    pdf = documents.extract_pdf(
        school=request.user.school, year=year, meeting=meeting, language=document_language(request)
    )
    return pdf_response(pdf, documents.extract_filename(year=year, meeting=meeting))


def my_decisions(request):
    school_permissions.require_school_user(request.user)
    staff = staff_of(request.user)
    return _register_page(request, selectors.decisions_of(staff), form=None, mine=True, staff=staff)


def _get_held_decision_for_user(request, pk) -> Decision:
    """A decision of a held meeting (a planned meeting's decisions are not controlled yet)."""
    decision = _get_decision_for_user(request, pk)
    if decision.meeting.is_planned:
        raise Http404
    return decision


def decision_detail(request, pk):
    decision = _get_held_decision_for_user(request, pk)
    user = request.user
    can_close = permissions.can_close_decision(user, decision)
    can_cancel = permissions.can_cancel_decision(user, decision)
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "meeting": decision.meeting,
            "complete_form": DecisionCompleteForm(initial={"done_on": today()})
            if can_close
            else None,
            "cancel_form": DecisionCancelForm() if can_cancel else None,
            "can_reopen": permissions.can_reopen_decision(user, decision),
        },
    )


def _decision_form(request, decision, form, *, save, message, heading):
    """Marking a decision done or cancelling it: its own page, back to the decision."""
    url = reverse("meetings:decision_detail", args=[decision.pk])
    return form_page(
        request,
        form,
        save=save,
        done=url,
        message=message,
        template=FORM_TEMPLATE,
        context={
            "meeting": decision.meeting,
            "heading": heading,
            "lead": f"{decision.code}. {decision.text}",
            "back_url": url,
            "back_label": _("Decision %(code)s") % {"code": decision.code},
        },
    )


def decision_complete(request, pk):
    decision = _get_held_decision_for_user(request, pk)
    if not permissions.can_close_decision(request.user, decision):
        raise PermissionDenied
    return _decision_form(
        request,
        decision,
        DecisionCompleteForm(request.POST or None, initial={"done_on": today()}),
        save=lambda form: services.decision_complete(
            decision=decision, user=request.user, **form.service_args()
        ),
        message=_("The decision is marked done."),
        heading=_("Mark as done"),
    )


def decision_cancel(request, pk):
    decision = _get_held_decision_for_user(request, pk)
    if not permissions.can_cancel_decision(request.user, decision):
        raise PermissionDenied
    return _decision_form(
        request,
        decision,
        DecisionCancelForm(request.POST or None),
        save=lambda form: services.decision_cancel(
            decision=decision, user=request.user, **form.service_args()
        ),
        message=_("The decision is cancelled."),
        heading=_("Cancel the decision"),
    )


@require_POST
def decision_reopen(request, pk):
    decision = _get_held_decision_for_user(request, pk)
    if not permissions.can_reopen_decision(request.user, decision):
        raise PermissionDenied
    services.decision_reopen(decision=decision, user=request.user)
    messages.success(request, _("The decision is open again."))
    return redirect("meetings:decision_detail", decision.pk)


# Attachments ---------------------------------------------------------------------------------------


def attachment_create(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    items = list(meeting.agenda_items.order_by("position"))
    form = AttachmentForm(request.POST or None, request.FILES or None, meeting=meeting, items=items)
    return _meeting_form(
        request,
        meeting,
        form,
        save=lambda form: services.attachment_add(
            meeting=meeting, user=request.user, **form.service_args()
        ),
        done=_meeting_url(meeting, "attachments"),
        heading=_("Attach a file"),
    )


def attachment_download(request, pk):
    """Files are served only through here, to users of the school (never from MEDIA_URL)."""
    attachment = _get_attachment_for_user(request, pk)
    return download_response(attachment.file, attachment.original_name)


def attachment_delete(request, pk):
    attachment = _get_attachment_for_user(request, pk)
    meeting = attachment.meeting
    if not permissions.can_change_protocol(request.user, meeting):
        raise PermissionDenied
    return _confirm(
        request,
        meeting,
        title=_("Remove the file %(name)s?") % {"name": attachment.original_name},
        action=lambda **args: services.attachment_remove(attachment=attachment, **args),
        done=_meeting_url(meeting, "attachments"),
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
