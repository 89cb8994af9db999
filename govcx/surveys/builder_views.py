"""The survey builder: edit the draft's pages, questions, languages and translations.

Every screen works without JavaScript: each change is a plain form post that the editing
functions check (locked A-11 parts, valid rules) before the draft is saved.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govcx.accounts.access import access_object
from govcx.accounts.models import User
from govcx.accounts.roles import Perm
from govcx.accounts.rules import HasPerm, access
from govcx.surveys import editing
from govcx.surveys.definition import iter_questions, questions_by_key, texts
from govcx.surveys.editing import EditError
from govcx.surveys.forms import (
    LanguagesForm,
    PageForm,
    QuestionForm,
    TextsForm,
    TranslationForm,
    earlier_questions,
)
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.services import draft_save
from govcx.surveys.vocabulary import SURVEY_LANGUAGES, QuestionType

EDIT = HasPerm(Perm.MANAGE_SURVEYS)


def _draft(request: HttpRequest, pk: int) -> tuple[Survey, SurveyVersion]:
    survey = access_object(
        request.user, Perm.MANAGE_SURVEYS, Survey.objects.select_related("organization"), pk=pk
    )
    version = survey.versions.filter(state=SurveyVersion.State.DRAFT).first()
    if version is None:
        raise Http404("This survey has no draft to edit.")
    return survey, version


def _save(request: HttpRequest, survey: Survey, definition: dict[str, Any], change: str) -> None:
    assert isinstance(request.user, User)  # noqa: S101 - the access rule guarantees it
    draft_save(
        survey=survey, definition=definition, by=request.user, change=change, request=request
    )


def _report(request: HttpRequest, error: EditError) -> None:
    messages.error(request, " ".join([str(error), *error.problems]))


@access(EDIT)
def outline(request: HttpRequest, pk: int) -> HttpResponse:
    survey, version = _draft(request, pk)
    return render(
        request,
        "surveys/outline.html",
        {"survey": survey, "version": version, "question_types": QuestionType.choices},
    )


@access(EDIT)
@require_POST
def outline_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Move or delete a question, or add or delete a page."""
    survey, version = _draft(request, pk)
    definition = version.definition
    action, key = request.POST.get("action", ""), request.POST.get("key", "")
    try:
        if action in ("up", "down"):
            changed = editing.question_move(definition, key=key, offset=-1 if action == "up" else 1)
        elif action == "delete_question":
            changed = editing.question_delete(definition, key=key)
        elif action == "add_page":
            number = len(definition["pages"]) + 1
            while any(p["key"] == f"page_{number}" for p in definition["pages"]):
                number += 1
            changed = editing.page_add(definition, key=f"page_{number}", title=None)
        elif action == "delete_page":
            changed = editing.page_delete(definition, key=key)
        else:
            raise EditError(_("Unknown change."))
        _save(request, survey, changed, f"{action} {key}".strip())
    except EditError as error:
        _report(request, error)
    return redirect("surveys:outline", pk=pk)


@access(EDIT)
def question_edit(request: HttpRequest, pk: int, key: str | None = None) -> HttpResponse:
    survey, version = _draft(request, pk)
    definition = version.definition
    existing = questions_by_key(definition).get(key) if key else None
    if key and existing is None:
        raise Http404("No such question.")
    page_key = (
        request.GET.get("page") or _page_of(definition, key) or definition["pages"][-1]["key"]
    )
    form = QuestionForm(
        request.POST or None,
        initial=_initial(existing, request),
        locked=bool(existing and existing.get("locked")),
    )
    form.set_condition_choices(earlier_questions(definition, key), (existing or {}).get("show_if"))
    if request.method == "POST" and form.is_valid():
        try:
            question = form.question(existing)
            changed = editing.question_save(
                definition, page_key=page_key, question=question, original_key=key
            )
            _save(request, survey, changed, f"question {question['key']}")
        except ValidationError as error:
            form.add_error(None, error)
        except EditError as error:
            for problem in [str(error), *error.problems]:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Question saved."))
            return redirect("surveys:outline", pk=pk)
    return render(
        request,
        "surveys/question_form.html",
        {"survey": survey, "form": form, "question": existing, "page_key": page_key},
    )


def _page_of(definition: dict[str, Any], key: str | None) -> str | None:
    for page, question in iter_questions(definition):
        if question["key"] == key:
            return str(page["key"])
    return None


def _initial(question: dict[str, Any] | None, request: HttpRequest) -> dict[str, Any]:
    if question is None:
        return {"type": request.GET.get("type", "single_choice")}
    return {
        "key": question["key"],
        "type": question["type"],
        "text": question.get("text", {}).get("en", ""),
        "help": question.get("help", {}).get("en", ""),
        "required": question.get("required", False),
        "measure": question.get("measure", ""),
        "segment": question.get("segment", False),
        "options": "\n".join(
            f"{o['value']} | {o['label'].get('en', '')}" for o in question.get("options", [])
        ),
        "other": question.get("other", False),
        "max_length": question.get("max_length"),
        "min": question.get("min"),
        "max": question.get("max"),
    }


@access(EDIT)
def page_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    survey, version = _draft(request, pk)
    definition = version.definition
    page = next((p for p in definition["pages"] if p["key"] == key), None)
    if page is None:
        raise Http404("No such page.")
    first_question = page["questions"][0]["key"]
    form = PageForm(
        request.POST or None, initial={"title": (page.get("title") or {}).get("en", "")}
    )
    form.set_condition_choices(earlier_questions(definition, first_question), page.get("show_if"))
    if request.method == "POST" and form.is_valid():
        try:
            title = form.cleaned_data["title"].strip()
            changed = editing.page_save(
                definition,
                key=key,
                title={**(page.get("title") or {}), "en": title} if title else None,
                show_if=form.condition(),
            )
            _save(request, survey, changed, f"page {key}")
        except ValidationError as error:
            form.add_error(None, error)
        except EditError as error:
            for problem in [str(error), *error.problems]:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Page saved."))
            return redirect("surveys:outline", pk=pk)
    return render(request, "surveys/page_form.html", {"survey": survey, "form": form, "page": page})


@access(EDIT)
def texts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey, version = _draft(request, pk)
    form = TextsForm.for_definition(version.definition, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        privacy = (
            {
                name: data[name]
                for name in ("authority", "purpose", "routine_uses", "disclosure", "sorn")
            }
            if data["has_privacy"]
            else None
        )
        try:
            changed = editing.texts_save(version.definition, english=data, privacy=privacy)
            _save(request, survey, changed, "texts")
        except EditError as error:
            for problem in [str(error), *error.problems]:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Texts saved."))
            return redirect("surveys:outline", pk=pk)
    return render(request, "surveys/texts.html", {"survey": survey, "form": form})


@access(EDIT)
def languages(request: HttpRequest, pk: int) -> HttpResponse:
    survey, version = _draft(request, pk)
    form = LanguagesForm(request.POST or None, initial={"languages": version.languages[1:]})
    if request.method == "POST" and form.is_valid():
        try:
            changed = editing.languages_save(
                version.definition, languages=form.cleaned_data["languages"]
            )
            _save(request, survey, changed, "languages")
        except EditError as error:
            _report(request, error)
        else:
            messages.success(request, _("Languages saved."))
            return redirect("surveys:outline", pk=pk)
    return render(request, "surveys/languages.html", {"survey": survey, "form": form})


@access(EDIT)
def translations(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    survey, version = _draft(request, pk)
    if language not in dict(SURVEY_LANGUAGES) or language not in version.languages:
        raise Http404("The survey is not offered in that language.")
    slots = [s for s in texts(version.definition) if s[2].get("en", "").strip()]
    form = TranslationForm(request.POST or None, slots=slots, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            changed = editing.translations_save(
                version.definition, language=language, values=form.cleaned_data
            )
            _save(request, survey, changed, f"translations {language}")
        except EditError as error:
            _report(request, error)
        else:
            messages.success(request, _("Translations saved."))
            return redirect("surveys:outline", pk=pk)
    missing = sum(1 for _slot, _where, text in slots if not text.get(language, "").strip())
    return render(
        request,
        "surveys/translations.html",
        {
            "survey": survey,
            "form": form,
            "language": language,
            "language_name": dict(SURVEY_LANGUAGES)[language],
            "missing": missing,
        },
    )
