from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.permissions import staff_of
from school import permissions as school_permissions
from school.documents import document_language, pdf_response, render_pdf
from school.pages import confirm_page, form_page, main_action
from school.selectors import today
from school.uploads import download_response

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

# One helper per resource: scoped to the user's school (another school's object is a 404),
# and, where only some of the school may see it, refused to the others.


def _fetch(request, rows, pk, can_view=None):
    school_permissions.require_school_user(request.user)
    found = get_object_or_404(rows, pk=pk)
    if can_view is not None and not can_view(request.user, found):
        raise PermissionDenied
    return found


def _get_entry_for_user(request, pk):
    return _fetch(request, selectors.entry_detail(), pk)


def _get_file_for_user(request, pk):
    return _fetch(request, EntryFile.objects.select_related("entry"), pk)


def _get_publication_for_user(request, pk):
    rows = Publication.objects.select_related("school").prefetch_related("staff_authors")
    return _fetch(request, rows, pk)


def _get_manuscript_for_user(request, pk):
    return _fetch(request, selectors.manuscript_detail(), pk, permissions.can_view_manuscript)


def _get_review_for_user(request, pk):
    return _fetch(request, selectors.review_detail(), pk, permissions.can_view_review)


def _get_award_for_user(request, pk):
    return _fetch(request, selectors.award_detail(), pk, permissions.can_view_award)


def entry_url(entry):
    return reverse("experience:entry_detail", args=[entry.pk])


def manuscript_url(manuscript):
    return reverse("experience:manuscript_detail", args=[manuscript.pk])


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


def entry_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_add_entry(request.user):
        raise PermissionDenied
    school = request.user.school
    staff = staff_of(request.user)
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        school=school,
        can_recommend=permissions.can_recommend_entry(request.user),
        initial={"authors": [staff]} if staff else {},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.entry_create(school=school, user=request.user, **f.service_args()),
        done=entry_url,
        message=_("The experience is in the bank."),
        context={
            "heading": _("Add an experience to the bank"),
            "back_url": reverse("experience:entry_list"),
        },
    )


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
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        school=entry.school,
        can_recommend=permissions.can_recommend_entry(request.user),
        initial=EntryForm.initial_for(entry),
    )
    # Only the deputy links the council's decision: for others the link stays as it is.
    return form_page(
        request,
        form,
        save=lambda f: services.entry_update(
            entry=entry,
            user=request.user,
            **{"recommended_by": entry.recommended_by, **f.service_args()},
        ),
        done=entry_url(entry),
        message=_("Saved."),
        context={"heading": _("Edit the experience"), "back_url": entry_url(entry)},
    )


def entry_delete(request, pk):
    entry = _get_entry_for_user(request, pk)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    return confirm_page(
        request,
        title=_("Remove the entry from the bank?"),
        text=entry.title,
        back=entry_url(entry),
        action=lambda: services.entry_delete(entry=entry),
        done="experience:entry_list",
        message=_("The entry is removed from the bank."),
    )


def file_download(request, pk):
    """Files are served only through here, to users of the school (never from MEDIA_URL)."""
    attached = _get_file_for_user(request, pk)
    if not permissions.can_view_bank(request.user):
        raise PermissionDenied
    return download_response(attached.file, attached.original_name)


def file_delete(request, pk):
    attached = _get_file_for_user(request, pk)
    entry = _get_entry_for_user(request, attached.entry_id)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    return confirm_page(
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
    can_add = permissions.can_add_publication(request.user)
    return render(
        request,
        "experience/publication_list.html",
        {
            "heading": _("Publications of teachers and pupils"),
            "rows": rows,
            "form": form,
            **main_action(can_add, "experience:publication_create", _("Register a publication")),
        },
    )


def _publication_page(request, form, *, save, message, heading, publication=None):
    return form_page(
        request,
        form,
        save=save,
        done=reverse("experience:publication_list"),
        message=message,
        template="experience/publication_form.html",
        context={
            "heading": heading,
            "back_url": reverse("experience:publication_list"),
            "back_label": _("Publications"),
            "publication": publication,
        },
    )


def publication_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_add_publication(request.user):
        raise PermissionDenied
    school = request.user.school
    staff = staff_of(request.user)
    initial = {"staff_authors": [staff]} if staff else {}
    form = PublicationForm(request.POST or None, school=school, initial=initial)
    return _publication_page(
        request,
        form,
        save=lambda f: services.publication_create(
            school=school, user=request.user, **f.service_args()
        ),
        message=_("The publication is registered."),
        heading=_("Register a publication"),
    )


def publication_edit(request, pk):
    publication = _get_publication_for_user(request, pk)
    if not permissions.can_edit_publication(request.user, publication):
        raise PermissionDenied
    form = PublicationForm(
        request.POST or None,
        school=publication.school,
        initial=PublicationForm.initial_for(publication),
    )
    return _publication_page(
        request,
        form,
        save=lambda f: services.publication_update(
            publication=publication, user=request.user, **f.service_args()
        ),
        message=_("Saved."),
        heading=_("Edit the publication"),
        publication=publication,
    )


def publication_delete(request, pk):
    publication = _get_publication_for_user(request, pk)
    if not permissions.can_edit_publication(request.user, publication):
        raise PermissionDenied
    back = reverse("experience:publication_list")
    return confirm_page(
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
    can_submit = permissions.can_submit_manuscript(request.user)
    return render(
        request,
        "experience/manuscript_list.html",
        {
            "heading": _("Manuscripts of methodical booklets"),
            "rows": selectors.manuscripts_for(request.user),
            **main_action(can_submit, "experience:manuscript_create", _("Submit a manuscript")),
            "sees_all": school_permissions.is_administration(request.user),
        },
    )


def manuscript_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_submit_manuscript(request.user):
        raise PermissionDenied
    form = ManuscriptForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda f: services.manuscript_submit(
            author=staff_of(request.user), user=request.user, **f.service_args()
        ),
        done=manuscript_url,
        message=_("The manuscript is submitted for review."),
        context={
            "heading": _("Submit a manuscript"),
            "back_url": reverse("experience:manuscript_list"),
            "back_label": _("Manuscripts"),
            "lead": _(
                "The deputy director assigns reviewers; after the reviews the methodical "
                "council decides whether to recommend the booklet for publication."
            ),
        },
    )


def manuscript_detail(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    user = request.user
    staff = staff_of(user)
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
            "can_remove_reviewer": permissions.can_assign_reviewers(user, manuscript),
            "all_written": bool(reviews) and all(r.is_written for r in reviews),
        },
    )


def manuscript_file(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    return download_response(manuscript.file, manuscript.original_name)


def _manuscript_context(manuscript, heading, **more):
    """A manuscript's form page: a link back to it and the heading."""
    return {
        "heading": heading,
        "back_url": manuscript_url(manuscript),
        "back_label": manuscript.title,
        "manuscript": manuscript,
        **more,
    }


def manuscript_reviewers(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    if not permissions.can_assign_reviewers(request.user, manuscript):
        raise PermissionDenied
    form = ReviewersForm(request.POST or None, manuscript=manuscript)
    return form_page(
        request,
        form,
        save=lambda f: services.reviewers_assign(
            manuscript=manuscript, user=request.user, **f.service_args()
        ),
        done=manuscript_url(manuscript),
        message=_("The reviewers are assigned."),
        context=_manuscript_context(
            manuscript,
            _("Assign reviewers"),
            lead=_("Author: %(name)s.") % {"name": manuscript.author.full_name},
        ),
    )


def manuscript_decide(request, pk):
    manuscript = _get_manuscript_for_user(request, pk)
    if not permissions.can_record_manuscript_decision(request.user, manuscript):
        raise PermissionDenied
    form = ManuscriptDecisionForm(request.POST or None, manuscript=manuscript)
    return form_page(
        request,
        form,
        save=lambda f: services.manuscript_decide(manuscript=manuscript, **f.service_args()),
        done=manuscript_url(manuscript),
        message=_("The council's decision is recorded."),
        template="experience/manuscript_decide.html",
        context=_manuscript_context(
            manuscript,
            _("Record the council's decision"),
            reviews=list(manuscript.reviews.all()),
        ),
    )


def review_write(request, pk):
    review = _get_review_for_user(request, pk)
    if not permissions.can_write_review(request.user, review):
        raise PermissionDenied
    manuscript = review.manuscript
    form = ReviewForm(request.POST or None, initial=ReviewForm.initial_for(review))
    return form_page(
        request,
        form,
        save=lambda f: services.review_write(review=review, **f.service_args()),
        done=manuscript_url(manuscript),
        message=_("The review is saved."),
        template="experience/review_form.html",
        context=_manuscript_context(manuscript, _("Review of the manuscript")),
    )


def review_remove(request, pk):
    review = _get_review_for_user(request, pk)
    if not permissions.can_remove_reviewer(request.user, review):
        raise PermissionDenied
    back = reverse("experience:manuscript_detail", args=[review.manuscript_id])
    return confirm_page(
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
    can_manage = permissions.can_manage_awards(request.user)
    return render(
        request,
        "experience/award_list.html",
        {
            "heading": _("Award recommendations"),
            "rows": selectors.awards_for(request.user),
            **main_action(can_manage, "experience:award_create", _("Recommend a teacher")),
            "sees_all": school_permissions.is_administration(request.user),
        },
    )


def _award_page(request, form, *, save, message, heading):
    return form_page(
        request,
        form,
        save=save,
        done=lambda award: reverse("experience:award_detail", args=[award.pk]),
        message=message,
        context={
            "heading": heading,
            "back_url": reverse("experience:award_list"),
            "back_label": _("Award recommendations"),
        },
    )


def award_create(request):
    school_permissions.require_school_user(request.user)
    if not permissions.can_manage_awards(request.user):
        raise PermissionDenied
    school = request.user.school
    return _award_page(
        request,
        AwardForm(request.POST or None, school=school),
        save=lambda f: services.award_create(school=school, user=request.user, **f.service_args()),
        message=_("The award recommendation is saved."),
        heading=_("Recommend a teacher for an award"),
    )


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
    form = AwardForm(
        request.POST or None, school=award.school, initial=AwardForm.initial_for(award)
    )
    return _award_page(
        request,
        form,
        save=lambda f: services.award_update(recommendation=award, **f.service_args()),
        message=_("Saved."),
        heading=_("Edit the award recommendation"),
    )


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
