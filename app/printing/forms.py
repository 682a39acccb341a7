"""Build any case form by name (see catalog.FORMS): A4 portrait, Chinese, pre-filled from the CaseFile."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from app.printing import forms_apply, forms_letters, forms_review
from app.printing.casefile import CaseFile
from app.printing.catalog import FORMS, Paper
from app.printing.fonts import FontSet
from app.printing.layout import Styles, page_spec, render, styles
from app.printing.output import Document

Builder = Callable[[CaseFile, Styles, float], list[Flowable]]

BUILDERS: dict[str, Builder] = {
    "application": forms_apply.application_with_consent,
    "consent": forms_apply.consent,
    "investigation": forms_apply.investigation,
    "appraisal": forms_review.appraisal,
    "assessment": forms_review.assessment,
    "summary": forms_review.summary,
    "refusal": forms_letters.refusal,
    "stop": forms_letters.stop,
    "reduce": forms_letters.reduce,
    "confirmation": forms_letters.confirmation,
    "certificate": forms_letters.certificate,
}
assert set(BUILDERS) == set(FORMS)


def _check_text(case: CaseFile) -> str:
    people = [m.name for m in case.members] + [s.name for s in case.supporters]
    return "".join([*people, case.address, case.office.township, case.office.village, case.office.county])


def build_form(name: str, case: CaseFile, fonts: FontSet) -> Document:
    """The form ``name`` for ``case`` as a PDF (UserError when the file lacks what the form needs)."""
    spec = page_spec(Paper.A4)
    st = styles(fonts, spec)
    story = BUILDERS[name](case, st, spec.width)
    title = story[0].getPlainText() if hasattr(story[0], "getPlainText") else FORMS[name]
    return render(story, Paper.A4, fonts, title, footer=f"{case.case_number}", check_text=_check_text(case))
