from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.selectors import today

from . import permissions, selectors, services
from .forms import (
    AwardForm,
    BankFilterForm,
    EntryForm,
    ManuscriptDecisionForm,
    ManuscriptForm,
    PublicationFilterForm,
    PublicationForm,
    ReviewersForm,
    ReviewForm,
)
from .models import EntryFile, Publication

# One helper per resource: scoped to the user's school (another school's object is a 404).


def _get_entry_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(selectors.entry_detail(), pk=pk)


def _get_file_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(EntryFile.objects.select_related("entry"), pk=pk)


def _get_publication_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    return get_object_or_404(
        Publication.objects.select_related("school").prefetch_related("staff_authors"), pk=pk
    )


def _get_manuscript_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    manuscript = get_object_or_404(selectors.manuscript_detail(), pk=pk)
    if not permissions.can_view_manuscript(request.user, manuscript):
        raise PermissionDenied
    return manuscript


def _get_review_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    review = get_object_or_404(selectors.review_detail(), pk=pk)
    if not permissions.can_view_review(request.user, review):
        raise PermissionDenied
    return review


def _get_award_for_user(request, pk):
    school_permissions.require_school_user(request.user)
    award = get_object_or_404(selectors.award_detail(), pk=pk)
    if not permissions.can_view_award(request.user, award):
        raise PermissionDenied
    return award


def _serve(stored, name):
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=name)


def _confirm(request, *, title, text, back, action, done, message):
    if request.method == "POST":
        try:
            action()
        except ValidationError as error:
            for text_error in error.messages:
                messages.error(request, text_error)
            return redirect(back)
        messages.success(request, message)
        return redirect(done)
    return render(request, "experience/confirm.html", {"title": title, "text": text, "back": back})


# The bank (R2.16, P2.2, P3.3) ----------------------------------------------------------------------


def entry_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = BankFilterForm(request.GET or None, school=school)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.entries(
        school=school,
        query=filters.get("q", ""),
        subject=filters.get("subject"),
        source=filters.get("source", ""),
        tag=filters.get("tag"),
        author=filters.get("author"),
    )
    return render(
        request,
        "experience/entry_list.html",
        {
            "form": form,
            "entries": rows,
            "searched": bool(request.GET),
            "can_add": permissions.can_add_entry(request.user),
        },
    )


def _entry_args(form):
    data = form.cleaned_data
    return {
        "title": data["title"],
        "authors": list(data["authors"]),
        "subject": data["subject"],
        "grades": data["grades"],
        "source": data["source"],
        "description": data["description"],
        "tags_text": data["tags_text"],
        "upload": data.get("upload"),
    }


def entry_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_add_entry(request.user):
        raise PermissionDenied
    school = request.user.school
    can_recommend = permissions.can_recommend_entry(request.user)
    staff = permissions.staff_of(request.user)
    initial = {"authors": [staff]} if staff else {}
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        school=school,
        can_recommend=can_recommend,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                school=school,
                user=request.user,
                recommended_by=form.cleaned_data.get("recommended_by"),
                **_entry_args(form),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The experience is in the bank."))
            return redirect("experience:entry_detail", pk=entry.pk)
    return render(request, "experience/entry_form.html", {"form": form, "entry": None})


def entry_detail(request, pk):
    entry = _get_entry_for_user(request, pk)
    return render(
        request,
        "experience/entry_detail.html",
        {"entry": entry, "can_edit": permissions.can_edit_entry(request.user, entry)},
    )


def entry_edit(request, pk):
    entry = _get_entry_for_user(request, pk)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    can_recommend = permissions.can_recommend_entry(request.user)
    initial = {
        "title": entry.title,
        "authors": list(entry.authors.all()),
        "subject": entry.subject,
        "grades": entry.grades,
        "source": entry.source,
        "description": entry.description,
        "tags_text": ", ".join(t.name for t in entry.tags.all()),
        "recommended_by": entry.recommended_by,
    }
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        school=entry.school,
        can_recommend=can_recommend,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        recommended_by = (
            form.cleaned_data.get("recommended_by") if can_recommend else entry.recommended_by
        )
        try:
            services.entry_update(
                entry=entry, user=request.user, recommended_by=recommended_by, **_entry_args(form)
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("experience:entry_detail", pk=entry.pk)
    return render(request, "experience/entry_form.html", {"form": form, "entry": entry})


def entry_delete(request, pk):
    entry = _get_entry_for_user(request, pk)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    return _confirm(
        request,
        title=_("Remove the entry from the bank?"),
        text=entry.title,
        back=entry_url(entry),
        action=lambda: services.entry_delete(entry=entry),
        done="experience:entry_list",
        message=_("The entry is removed from the bank."),
    )


def entry_url(entry):
    return reverse("experience:entry_detail", args=[entry.pk])


def file_download(request, pk):
    """Files are served only through here, to users of the school (never from MEDIA_URL)."""
    attached = _get_file_for_user(request, pk)
    if not permissions.can_view_bank(request.user):
        raise PermissionDenied
    return _serve(attached.file, attached.original_name)


def file_delete(request, pk):
    attached = _get_file_for_user(request, pk)
    entry = _get_entry_for_user(request, attached.entry_id)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    return _confirm(
        request,
        title=_("Remove the file %(name)s?") % {"name": attached.original_name},
        text=entry.title,
        back=entry_url(entry),
        action=lambda: services.entry_file_remove(attached=attached),
        done=entry_url(entry),
        message=_("The file is removed."),
    )


# Publications (P3.8) -----------------------------------------------------------------------------------


def publication_list(request):
    school_permissions.require_school_user(request.user)
    school = request.user.school
    form = PublicationFilterForm(request.GET or None, school=school)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = list(
        selectors.publications(
            school=school, kind=filters.get("kind", ""), year=filters.get("year")
        )
    )
    for publication in rows:
        publication.can_edit = permissions.can_edit_publication(request.user, publication)
    return render(
        request,
        "experience/publication_list.html",
        {
            "form": form,
            "publications": rows,
            "can_add": permissions.can_add_publication(request.user),
        },
    )


def _publication_args(form):
    data = form.cleaned_data
    return {
        "title": data["title"],
        "kind": data["kind"],
        "venue": data["venue"],
        "published_on": data["published_on"],
        "staff_authors": list(data["staff_authors"]),
        "pupil_authors": data["pupil_authors"],
        "supervisor": data["supervisor"],
    }


def publication_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_add_publication(request.user):
        raise PermissionDenied
    school = request.user.school
    staff = permissions.staff_of(request.user)
    initial = {"staff_authors": [staff]} if staff else {}
    form = PublicationForm(request.POST or None, school=school, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_create(school=school, user=request.user, **_publication_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The publication is registered."))
            return redirect("experience:publication_list")
    return render(request, "experience/publication_form.html", {"form": form, "publication": None})


def publication_edit(request, pk):
    publication = _get_publication_for_user(request, pk)
    if not permissions.can_edit_publication(request.user, publication):
        raise PermissionDenied
    initial = {
        "title": publication.title,
        "kind": publication.kind,
        "venue": publication.venue,
        "published_on": publication.published_on,
        "staff_authors": list(publication.staff_authors.all()),
        "pupil_authors": publication.pupil_authors,
        "supervisor": publication.supervisor,
    }
    form = PublicationForm(request.POST or None, school=publication.school, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_update(
                publication=publication, user=request.user, **_publication_args(form)
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("experience:publication_list")
    return render(
        request, "experience/publication_form.html", {"form": form, "publication": publication}
    )


def publication_delete(request, pk):
    publication = _get_publication_for_user(request, pk)
    if not permissions.can_edit_publication(request.user, publication):
        raise PermissionDenied
    back = reverse("experience:publication_list")
    return _confirm(
        request,
        title=_("Remove the publication from the register?"),
        text=publication.title,
        back=back,
        action=lambda: services.publication_delete(publication=publication),
        done=back,
        message=_("The publication is removed from the register."),
    )


# Manuscripts and reviews (P4.5) -----------------------------------------------------------------------------


def manuscript_list(request):
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "experience/manuscript_list.html",
        {
            "manuscripts": selectors.manuscripts_for(request.user),
            "can_submit": permissions.can_submit_manuscript(request.user),
            "sees_all": school_permissions.is_administration(request.user),
        },
    )


def manuscript_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_submit_manuscript(request.user):
        raise PermissionDenied
    form = ManuscriptForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            manuscript = services.manuscript_submit(
                author=permissions.staff_of(request.user),
                user=request.user,
                title=form.cleaned_data["title"],
                abstract=form.cleaned_data["abstract"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The manuscript is submitted for review."))
            return redirect("experience:manuscript_detail", pk=manuscript.pk)
    return render(request, "experience/manuscript_form.html", {"form": form})


def manuscript_detail(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    user = request.user
    staff = permissions.staff_of(user)
    reviews = list(manuscript.reviews.all())
    return render(
        request,
        "experience/manuscript_detail.html",
        {
            "manuscript": manuscript,
            "reviews": reviews,
            "my_review": next((r for r in reviews if staff and r.reviewer_id == staff.pk), None),
            "can_assign": permissions.can_assign_reviewers(user, manuscript),
            "can_decide": permissions.can_record_manuscript_decision(user, manuscript),
            "can_remove_reviewer": school_permissions.is_deputy(user) and not manuscript.is_decided,
            "all_written": bool(reviews) and all(r.is_written for r in reviews),
        },
    )


def manuscript_file(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    return _serve(manuscript.file, manuscript.original_name)


def manuscript_reviewers(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    if not permissions.can_assign_reviewers(request.user, manuscript):
        raise PermissionDenied
    form = ReviewersForm(request.POST or None, manuscript=manuscript)
    if request.method == "POST" and form.is_valid():
        try:
            services.reviewers_assign(
                manuscript=manuscript,
                reviewers=list(form.cleaned_data["reviewers"]),
                user=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The reviewers are assigned."))
            return redirect("experience:manuscript_detail", pk=manuscript.pk)
    return render(
        request, "experience/manuscript_reviewers.html", {"form": form, "manuscript": manuscript}
    )


def manuscript_decide(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    if not permissions.can_record_manuscript_decision(request.user, manuscript):
        raise PermissionDenied
    form = ManuscriptDecisionForm(request.POST or None, manuscript=manuscript)
    if request.method == "POST" and form.is_valid():
        try:
            services.manuscript_decide(
                manuscript=manuscript,
                decision=form.cleaned_data["decision"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The council's decision is recorded."))
            return redirect("experience:manuscript_detail", pk=manuscript.pk)
    return render(
        request,
        "experience/manuscript_decide.html",
        {"form": form, "manuscript": manuscript, "reviews": list(manuscript.reviews.all())},
    )


def review_write(request, pk):
    review = _get_review_for_user(request, pk)
    if not permissions.can_write_review(request.user, review):
        raise PermissionDenied
    initial = {"verdict": review.verdict, "text": review.text} if review.is_written else {}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_write(
                review=review, verdict=form.cleaned_data["verdict"], text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The review is saved."))
            return redirect("experience:manuscript_detail", pk=review.manuscript_id)
    return render(request, "experience/review_form.html", {"form": form, "review": review})


def review_remove(request, pk):
    review = _get_review_for_user(request, pk)
    if not permissions.can_remove_reviewer(request.user, review):
        raise PermissionDenied
    back = reverse("experience:manuscript_detail", args=[review.manuscript_id])
    return _confirm(
        request,
        title=_("Remove %(name)s from the reviewers?") % {"name": review.reviewer.full_name},
        text=review.manuscript.title,
        back=back,
        action=lambda: services.reviewer_remove(review=review),
        done=back,
        message=_("The reviewer is removed."),
    )


def review_pdf(request, pk):
    review = _get_review_for_user(request, pk)
    if not review.is_written:
        raise Http404
    language = document_language(request)
    pdf = render_pdf(
        "experience/print/review.html",
        {
            "school": review.manuscript.school,
            "review": review,
            "manuscript": review.manuscript,
            "generated_on": today(),
        },
        language=language,
    )
    return pdf_response(pdf, f"review-{review.manuscript_id}-{review.pk}.pdf")


# Award recommendations (R2.13, P4.6) ---------------------------------------------------------------------------


def award_list(request):
    school_permissions.require_school_user(request.user)
    return render(
        request,
        "experience/award_list.html",
        {
            "awards": selectors.awards_for(request.user),
            "can_manage": permissions.can_manage_awards(request.user),
            "sees_all": school_permissions.is_administration(request.user),
        },
    )


def _award_args(form):
    data = form.cleaned_data
    return {
        "teacher": data["teacher"],
        "award": data["award"],
        "level": data["level"],
        "characteristic": data["characteristic"],
        "decision": data["decision"],
    }


def award_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_awards(request.user):
        raise PermissionDenied
    school = request.user.school
    form = AwardForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            award = services.award_create(school=school, user=request.user, **_award_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The award recommendation is saved."))
            return redirect("experience:award_detail", pk=award.pk)
    return render(request, "experience/award_form.html", {"form": form, "award": None})


def award_detail(request, pk):
    award = _get_award_for_user(request, pk)
    return render(
        request,
        "experience/award_detail.html",
        {"award": award, "can_manage": permissions.can_manage_awards(request.user)},
    )


def award_edit(request, pk):
    award = _get_award_for_user(request, pk)
    if not permissions.can_manage_awards(request.user):
        raise PermissionDenied
    initial = {
        "teacher": award.teacher,
        "award": award.award,
        "level": award.level,
        "characteristic": award.characteristic,
        "decision": award.decision,
    }
    form = AwardForm(request.POST or None, school=award.school, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_update(recommendation=award, **_award_args(form))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("experience:award_detail", pk=award.pk)
    return render(request, "experience/award_form.html", {"form": form, "award": award})


def award_pdf(request, pk):
    award = _get_award_for_user(request, pk)
    language = document_language(request)
    pdf = render_pdf(
        "experience/print/characteristic.html",
        {
            "school": award.school,
            "award": award,
            "generated_on": today(),
            **selectors.award_signers(award),
        },
        language=language,
    )
    return pdf_response(pdf, f"characteristic-{award.pk}.pdf")
