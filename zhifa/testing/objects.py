"""Real objects of the demo city that the route sweep puts into path parameters.

A row of the route table names its object by a label, ``"<kind>@<agency key>"`` (agency keys as in
``zhifa.org.demo``: ``scjg`` is 市市场监管局, ``dc_cgzf`` 东城区城管执法局, …). The object of an
agency is in scope for that agency's staff and its supervisors and outside it for everyone else, so
one label gives 200 for some personas and 404 for others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet

AGENCIES = {
    "scjg": "市市场监管局",
    "sthj": "市生态环境局",
    "dc_cgzf": "东城区城管执法局",
    "sfj": "市司法局",
}


def _agency(key: str) -> Any:
    from zhifa.org.models import Agency

    return Agency.objects.get(short_name=AGENCIES[key])


def _first(queryset: QuerySet, label: str) -> Model:
    obj = queryset.order_by("pk").first()
    if obj is None:
        raise LookupError(f"演示数据中没有 {label} 所需的对象")
    return obj


def _pk(obj: Model) -> dict[str, Any]:
    return {"pk": obj.pk}


def _by_agency(model_path: str, agency_path: str, **filters: Any) -> Callable[[str], dict]:
    def resolve(key: str) -> dict[str, Any]:
        from django.apps import apps

        model = apps.get_model(model_path)
        qs = model._default_manager.filter(**{agency_path: _agency(key)}, **filters)
        return _pk(_first(qs, f"{model_path}@{key}"))

    return resolve


def _user(key: str) -> dict[str, Any]:
    from zhifa.org.models import User

    return {"pk": User.objects.get(username=key).pk}


def _role(key: str) -> dict[str, Any]:
    from zhifa.org.models import Membership

    return _pk(_first(Membership.objects.filter(user__username=key), f"role@{key}"))


def _region(key: str) -> dict[str, Any]:
    return {"pk": _agency(key).region_id}


def _ledger(key: str) -> dict[str, Any]:
    from zhifa.core.models import LedgerEntry

    return {"seq": _first(LedgerEntry.objects.all(), "ledger").seq}


def _override(key: str) -> dict[str, Any]:
    from zhifa.core.models import CalendarOverride

    return _pk(_first(CalendarOverride.objects.all(), "calendar override"))


def _list_history(key: str) -> dict[str, Any]:
    from zhifa.catalog.models import ListVersion

    version = _first(ListVersion.objects.filter(agency=_agency(key)), f"list@{key}")
    return {"agency": version.agency_id, "kind": version.kind}


def _party(key: str) -> dict[str, Any]:
    """``party@bound``: the party the demo enterprise user ``qy_demo`` is bound to;
    ``party@other``: a party no account is bound to."""
    from zhifa.parties.models import Party

    parties = Party.objects.filter(accounts__user__username="qy_demo")
    if key != "bound":
        parties = Party.objects.filter(accounts__isnull=True)
    return _pk(_first(parties, f"party@{key}"))


def _literal(name: str) -> Callable[[str], dict]:
    return lambda value: {name: value}


RESOLVERS: dict[str, Callable[[str], dict[str, Any]]] = {
    "agency": lambda key: {"pk": _agency(key).pk},
    "region": _region,
    "unit": _by_agency("org.Unit", "agency"),
    "user": _user,
    "role": _role,
    "ledger": _ledger,
    "override": _override,
    "officer": _by_agency("registry.Officer", "agency", user__isnull=False),
    "certificate": _by_agency("registry.Certificate", "officer__agency"),
    "review": _by_agency("registry.CertificateReview", "certificate__officer__agency"),
    "training": _by_agency("registry.TrainingRecord", "officer__agency"),
    "exam": _by_agency("registry.ExamResult", "officer__agency"),
    "indicators": _by_agency("registry.IndicatorSet", "agency"),
    "assessment": _by_agency("registry.Assessment", "officer__agency"),
    "party": _party,
    "kind": _literal("kind"),
    "notice": _literal("year"),
    "importer": _literal("key"),
    "document_code": _literal("code"),
    "document": lambda value: {"pk": int(value)},
    "matter": _by_agency("catalog.Matter", "agency"),
    "guided_matter": _by_agency("catalog.Matter", "agency", service_guide__isnull=False),
    "checklisted_matter": _by_agency("catalog.Matter", "agency", checklist_items__isnull=False),
    "benchmark": _by_agency("catalog.DiscretionBenchmark", "matter__agency", status="published"),
    "list": _by_agency("catalog.ListVersion", "agency", published_at__isnull=False),
    "list_history": _list_history,
    "rule_list": lambda key: {"kind": "list", **RESOLVERS["list"](key)},
    "rule_benchmark": lambda key: {"kind": "benchmark", **RESOLVERS["benchmark"](key)},
    "filing": _by_agency("catalog.Filing", "agency"),
    "service_guide": _by_agency("catalog.ServiceGuide", "matter__agency"),
    "compliance": _by_agency("catalog.ComplianceGuide", "agency"),
    "inspection": _by_agency(
        "inspections.Inspection", "lead_agency", status="submitted", emergency=False
    ),
    "offer": _by_agency("inspections.JointOffer", "first__lead_agency", status="open"),
    "plan": _by_agency("inspections.InspectionPlan", "lead_agency"),
    "plan_act": lambda key: {
        **_by_agency("inspections.InspectionPlan", "lead_agency")(key),
        "step": "submit",
    },
    "draw": _by_agency("inspections.Draw", "plan__lead_agency"),
    "draw_act": lambda key: {
        **_by_agency("inspections.Draw", "plan__lead_agency")(key),
        "step": "announce",
    },
    "public_draw": _by_agency("inspections.Draw", "plan__lead_agency", announced_at__isnull=False),
}


def _visit_photo(key: str) -> dict[str, Any]:
    from zhifa.inspections.models import VisitPhoto

    qs = VisitPhoto.objects.filter(record__inspection__lead_agency=_agency(key))
    photo = _first(qs, f"visit_photo@{key}")
    return {"pk": photo.record_id, "photo": photo.pk}


def _rating_token(key: str) -> dict[str, Any]:
    """A submitted visit not rated yet: its rating link."""
    from zhifa.inspections.models import OnSiteRecord

    qs = OnSiteRecord.objects.filter(
        inspection__lead_agency=_agency(key), state="submitted", rating__isnull=True
    )
    return {"token": _first(qs, f"rating_token@{key}").rating_token}


def _review_case(key: str) -> dict[str, Any]:
    """The case (not the review: their numbers differ) of the agency's first pending legal review."""
    from zhifa.cases.models import LegalReview

    rows = LegalReview.objects.filter(case__agency=_agency(key), status="pending")
    return {"case": _first(rows, f"review_case@{key}").case_id}


RESOLVERS.update(
    {
        "record": _by_agency(
            "inspections.OnSiteRecord", "inspection__lead_agency", state="submitted"
        ),
        "open_record": _by_agency(
            "inspections.OnSiteRecord", "inspection__lead_agency", state="open"
        ),
        "approved_inspection": _by_agency(
            "inspections.Inspection", "lead_agency", status="approved", onsite_record__isnull=True
        ),
        "rating": _by_agency("inspections.Rating", "record__inspection__lead_agency"),
        "case": _by_agency("cases.Case", "agency"),
        "visit_photo": _visit_photo,
        "rating_token": _rating_token,
        "legal_review": _by_agency("cases.LegalReview", "case__agency", status="pending"),
        "case_decision": _by_agency("cases.Decision", "case__agency"),
        "review_opine": lambda key: {
            **_by_agency("cases.LegalReview", "case__agency", status="pending")(key),
            "step": "opine",
        },
        "review_case": _review_case,
    }
)


def _evidence(key: str) -> dict[str, Any]:
    from zhifa.cases.models import Evidence

    item = _first(Evidence.objects.filter(case__agency=_agency(key)), f"evidence@{key}")
    return {"case": item.case_id, "pk": item.pk}


def _documented_case(key: str) -> Any:
    """The sweep's case with an issued document (``zhifa.testing.documents``)."""
    from zhifa.cases.models import Case

    return _first(
        Case.objects.filter(agency=_agency(key), title="文书路由检查用案件"), f"case@{key}"
    )


def _issued_document(key: str) -> Any:
    from django.contrib.contenttypes.models import ContentType

    from zhifa.cases.models import Case
    from zhifa.core.models import IssuedDocument

    case = _documented_case(key)
    qs = IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
    )
    return _first(qs, f"issued_document@{key}")


RESOLVERS.update(
    {
        "evidence_case": lambda key: {"case": _evidence(key)["case"]},
        "evidence": _evidence,
        "documented_case": lambda key: _pk(_documented_case(key)),
        "case_document_kind": lambda key: {
            "pk": _documented_case(key).pk,
            "kind": "interview_record",
        },
        "issued_document": lambda key: _pk(_issued_document(key)),
        "issued_code": lambda key: {"code": _issued_document(key).display_code},
    }
)


def _appeal(key: str, **filters: Any) -> Any:
    from zhifa.cases.models import Appeal

    rows = Appeal.objects.filter(case__agency=_agency(key), **filters)
    return _first(rows, f"appeal@{key}")


def _coercive(key: str) -> Any:
    """The agency's first demo measure awaiting the head's approval (``cases.demo_coercive``)."""
    from zhifa.cases.models import CoerciveMeasure

    rows = CoerciveMeasure.objects.filter(case__agency=_agency(key), status="requested")
    return _first(rows, f"coercive@{key}")


RESOLVERS.update(
    {
        "appeal_case": lambda key: {"case": _appeal(key).case_id},
        "pending_appeal": lambda key: _pk(_appeal(key, result="")),
        "appeal_document": lambda key: _pk(_appeal(key, document__isnull=False)),
        "coercive": lambda key: _pk(_coercive(key)),
        # the measure's own case (not a case numbered like the measure)
        "coercive_case": lambda key: {"case": _coercive(key).case_id},
        "coercive_approve": lambda key: {**_pk(_coercive(key)), "step": "approve"},
        "coercive_lift": lambda key: {**_pk(_coercive(key)), "step": "lift"},
        "coercive_propose_lift": lambda key: {**_pk(_coercive(key)), "step": "propose_lift"},
    }
)


RESOLVERS.update(
    {
        "major_filing": _by_agency("cases.MajorDecisionFiling", "case__agency"),
        "major_filing_file": lambda key: {
            **_by_agency("cases.MajorDecisionFiling", "case__agency")(key),
            "step": "file",
        },
        "transfer": _by_agency("cases.Transfer", "case__agency"),
        "transfer_case": lambda key: {"case": _by_agency("cases.Case", "agency")(key)["pk"]},
        "transfer_receive": lambda key: {
            **_by_agency("cases.Transfer", "case__agency")(key),
            "step": "receive",
        },
    }
)


def _execution_case(key: str) -> Any:
    from zhifa.cases.models import Case

    rows = Case.objects.filter(agency=_agency(key), status="execution", execution__isnull=False)
    return {"case": _first(rows.order_by("pk"), f"execution_case@{key}").pk}


def _summary_case(key: str) -> Any:
    from zhifa.cases.models import Case

    rows = Case.objects.filter(agency=_agency(key), procedure="summary")
    return {"pk": _first(rows.order_by("pk"), f"summary_case@{key}").pk}


def _execution_api_case(key: str) -> Any:
    return {"pk": _execution_case(key)["case"]}


RESOLVERS.update(
    {
        "execution_case": _execution_case,
        "execution_api": _execution_api_case,
        "summary_case": _summary_case,
    }
)


def url_kwargs(label: str | None) -> dict[str, Any]:
    """The URL keyword arguments for an object label (``None``: the route takes none)."""
    if label is None:
        return {}
    kind, _, key = label.partition("@")
    return RESOLVERS[kind](key)
