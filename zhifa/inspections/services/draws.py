"""The draw of a plan (双随机、一公开), step by step on the table ``workflows.DRAW``.

1. freeze: each stratum's pool is computed from the plan's filters (parties with a 统一社会信用代码:
   persons never enter a published pool), parties inspected for the same matter within the
   window or at their yearly cap are excluded and listed with the reason, and a 32-byte seed is
   drawn and kept encrypted; 2. announce: the pools, their SM3 and the seed's SM3 commitment become
   public; 3. draw: the seed is revealed and each stratum's k lowest rank keys are selected;
   4. inspectors: for every target the officers who may enforce on the visit day for the plan's
   matters, less recorded conflicts of interest (回避) and the team that last inspected it, are
   frozen and published with a new commitment; 5. assign: that seed is revealed and two officers
   drawn per target; 6. publish: the results are public (一公开).

Definitions: ``zhifa/inspections/draw.py``; re-check: ``scripts/recheck_draw.py``.
Sources: 国办发〔2019〕5号; 54号; seed 004; 行政处罚法 art. 42 (two officers) and art. 43 (回避).
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.core import ledger, workflow
from zhifa.core.crypto import sm3_hex
from zhifa.inspections import draw as d
from zhifa.inspections import history, plan_rules
from zhifa.inspections.models import (
    ConflictOfInterest,
    Draw,
    DrawExclusion,
    DrawPool,
    DrawStatus,
    DrawTarget,
    ExclusionReason,
    InspectionPlan,
    InspectorDraw,
)
from zhifa.inspections.models.plans import DRAWABLE
from zhifa.inspections.services import draw_results
from zhifa.org.models import Region
from zhifa.org.regioncodes import code_prefix
from zhifa.parties.models import Party
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Certificate, Officer, OfficerStatus

INSPECTORS_PER_TARGET = 2
#: The floor work adds ``matter=`` to ``can_enforce``; until then eligibility is by day only.
_CAN_ENFORCE_BY_MATTER = "matter" in inspect.signature(can_enforce).parameters


# -- pools ---------------------------------------------------------------------------------


@dataclass
class Stratified:
    """Each stratum's pool (codes, sorted) and the parties left out before ranking:
    ``(party id, code, stratum key, reason, detail)``."""

    pools: dict[str, list[str]] = field(default_factory=dict)
    excluded: list[tuple[int, str, str, str, str]] = field(default_factory=list)


def pool_base(
    region_prefixes: list[str], industries: list[str], party_kinds: list[str]
) -> QuerySet[Party]:
    """Parties with a code in the regions (by code prefix), industries (GB/T 4754 prefixes) and
    kinds given; persons (no code) never enter a published pool."""
    parties = Party.objects.exclude(uscc__isnull=True).exclude(uscc="")
    in_region = Q()
    for prefix in region_prefixes:
        in_region |= Q(code__startswith=prefix)
    parties = parties.filter(region_id__in=Region.objects.filter(in_region).values("pk"))
    if industries:
        industry = Q()
        for prefix in industries:
            industry |= Q(industry__startswith=prefix)
        parties = parties.filter(industry)
    if party_kinds:
        parties = parties.filter(kind__in=party_kinds)
    return parties.order_by()


def plan_pool_base(plan: InspectionPlan) -> QuerySet[Party]:
    """The plan's candidate parties (its regions, or the lead agency's; its industries, kinds)."""
    prefixes = [code_prefix(r.code) for r in plan.regions.all()] or [
        code_prefix(plan.lead_agency.region.code)
    ]
    return pool_base(prefixes, list(plan.industries), list(plan.party_kinds))


def stratify(
    base: QuerySet[Party],
    keys: Mapping[tuple[str, str], str],
    excluded: Mapping[int, tuple[str, str]] | None = None,
) -> Stratified:
    """Each stratum's codes, less the excluded parties, which are listed instead; sorted in Python
    (code-point order, the definition, whatever the database's collation).

    Speed (``benchmarks/draw.py``): one query per stratum on the index (risk class, credit grade,
    region, code), which answers it from the index alone, read as plain rows on a cursor (no model
    instances); the rows go into lists by C-level ``map``, with no Python loop per member unless
    some parties are excluded."""
    excluded = excluded or {}
    out = Stratified(pools={key: [] for key in keys.values()})
    columns = ("uscc", "id") if excluded else ("uscc",)
    for (risk, credit), key in keys.items():
        stratum = base.filter(risk_class=risk, credit_grade=credit).values_list(*columns)
        sql, params = stratum.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not excluded:
            out.pools[key] = list(map(itemgetter(0), rows))
            continue
        codes = out.pools[key]
        for code, party_id in rows:
            why = excluded.get(party_id)
            if why is None:
                codes.append(code)
            else:
                out.excluded.append((party_id, code, key, *why))
    pools = out.pools
    for codes in pools.values():
        codes.sort()
    out.excluded.sort(key=lambda row: row[1])
    return out


def exclusions_for(plan: InspectionPlan, today: date) -> dict[int, tuple[str, str]]:
    """Parties inspected for one of the plan's matters within the window, or at the yearly cap
    of one of the plan's agencies (54号; seed 004), with the reason."""
    window = plan_rules.recent_window_days()
    cap = plan_rules.yearly_cap()
    found: dict[int, tuple[str, str]] = {}
    matter_ids = list(plan.matters.values_list("pk", flat=True))
    since = today - timedelta(days=window)
    for party_id, detail in history.recently_inspected(matter_ids, since).items():
        found[party_id] = (ExclusionReason.RECENT, f"{window}天内已就同一事项检查：{detail}")
    agency_ids = list(plan.agencies.values_list("pk", flat=True))
    for party_id, count in history.inspections_this_year(agency_ids, today.year).items():
        if count >= cap and party_id not in found:
            found[party_id] = (
                ExclusionReason.CAP,
                f"{today.year}年已检查{count}次，达到上限{cap}次",
            )
    return found


# -- steps ---------------------------------------------------------------------------------


def plan_is_drawable(_: None, actor: Any, data: Mapping[str, Any]) -> str | None:
    plan = data.get("plan")
    if plan is None:
        return "请选择抽查计划"
    plan = InspectionPlan.objects.get(pk=plan.pk)  # its stored state, not a stale copy
    if plan.status not in DRAWABLE:
        return f"计划当前状态为{plan.get_status_display()}，报司法行政部门备案后才能抽取"
    if Draw.objects.filter(plan=plan).exists():
        return "该计划已抽取，不能再次抽取"
    if plan.period_end < timezone.localdate():
        return "计划检查期限已过"
    return None


def freeze(_: None, actor: Any, *, plan: InspectionPlan) -> Draw:
    """Freeze the pools and exclusions and commit to a fresh seed (国办发〔2019〕5号)."""
    today = timezone.localdate()
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    seed = d.new_seed()
    strata = {s.key: s for s in plan.strata.all()}
    keys = {(s.risk_class, s.credit_grade): s.key for s in strata.values()}
    result = stratify(plan_pool_base(plan), keys, exclusions_for(plan, today))
    draw = Draw.objects.create(
        plan=plan,
        status=DrawStatus.FROZEN,
        seed=d.seed_hex(seed),
        commitment=d.commitment(seed),
        frozen_at=timezone.now(),
        created_by=actor,
    )
    frozen = []
    for key, codes in result.pools.items():
        text = "\n".join(codes)  # pool hash = SM3 of exactly this text (draw.pool_hash)
        frozen.append(
            DrawPool(
                draw=draw,
                stratum=strata[key],
                key=key,
                codes=text,
                size=len(codes),
                pool_hash=d.sm3_hex(text.encode("utf-8")),
                k=d.sample_size(len(codes), strata[key].ratio),
            )
        )
    DrawPool.objects.bulk_create(frozen)
    DrawExclusion.objects.bulk_create(
        DrawExclusion(
            draw=draw, party_id=pid, code=code, stratum_key=key, reason=reason, detail=detail
        )
        for pid, code, key, reason, detail in result.excluded
    )
    return draw


def announce(draw: Draw, actor: Any) -> Draw:
    draw.status = DrawStatus.ANNOUNCED
    draw.announced_at = timezone.now()
    draw.save(update_fields=["status", "announced_at"])
    return draw


def select_targets(draw: Draw, actor: Any) -> Draw:
    """Reveal the seed and take each stratum's k lowest rank keys."""
    seed = bytes.fromhex(draw.seed)
    draw.revealed_seed = draw.seed
    draw.status = DrawStatus.DRAWN
    draw.drawn_at = timezone.now()
    draw.save(update_fields=["status", "revealed_seed", "drawn_at"])
    chosen: list[tuple[DrawPool, int, str]] = []
    for pool in draw.pools.all():
        selection = d.select(seed, pool.code_list, pool.k)
        pool.selection = "\n".join(selection)
        pool.save(update_fields=["selection"])
        chosen.extend((pool, rank, code) for rank, code in enumerate(selection, start=1))
    ids = dict(
        Party.objects.filter(uscc__in=[code for _, _, code in chosen]).values_list("uscc", "id")
    )
    DrawTarget.objects.bulk_create(
        DrawTarget(draw=draw, pool=pool, party_id=ids[code], code=code, rank=rank)
        for pool, rank, code in chosen
    )
    return draw


def eligible_officers(plan: InspectionPlan, on: date) -> dict[int, dict[str, Officer]]:
    """Agency id → (certificate number → officer) for each of the plan's agencies: its officers
    who may enforce on ``on`` the plan's matters of that agency (a joint plan: each agency sends
    its own officers for its own matters; 进一次门、查多项事)."""
    agencies = list(plan.agencies.all())
    officers = Officer.objects.filter(
        agency__in=agencies, status=OfficerStatus.ON_DUTY, in_enforcement_post=True
    ).select_related("agency", "agency__region", "agency__delegating_agency")
    matters = list(plan.matters.all())
    found: dict[int, dict[str, Officer]] = {a.pk: {} for a in agencies}
    for officer in officers:
        own = [m for m in matters if m.agency_id == officer.agency_id] or matters
        if _CAN_ENFORCE_BY_MATTER:
            checks = [can_enforce(officer, on, matter=m) for m in own]  # type: ignore[call-arg]
        else:
            checks = [can_enforce(officer, on)]
        if all(checks) and checks[0].certificate is not None:
            found[officer.agency_id][checks[0].certificate.number] = officer
    return found


def _agency_order(plan: InspectionPlan) -> list[Any]:
    """The plan's agencies, the lead agency first (the order of a target's pairs)."""
    return sorted(plan.agencies.all(), key=lambda a: (a.pk != plan.lead_agency_id, a.pk))


def freeze_inspectors(draw: Draw, actor: Any, *, visit_on: date | None = None) -> Draw:
    """Freeze each target's officer pool (one per agency of a joint plan) and commit to a new
    seed (双随机: inspectors at random; 行政处罚法 art. 43: 回避; the last team of the enterprise
    is left out)."""
    plan = draw.plan
    today = timezone.localdate()
    if visit_on is None:
        raise ValidationError({"visit_on": "请填写检查日期"})
    if visit_on < today:
        raise ValidationError({"visit_on": "检查日期不能早于今天"})
    if not plan.period_start <= visit_on <= plan.period_end:
        raise ValidationError({"visit_on": "检查日期应在计划的检查期限内"})
    eligible = eligible_officers(plan, visit_on)
    agencies = _agency_order(plan)
    joint = len(agencies) > 1
    targets = list(draw.targets.all())
    party_ids = [t.party_id for t in targets]
    conflicts: dict[int, dict[int, str]] = defaultdict(dict)
    for party_id, officer_id, reason in ConflictOfInterest.objects.filter(
        party_id__in=party_ids, is_active=True
    ).values_list("party_id", "officer_id", "reason"):
        conflicts[party_id][officer_id] = reason
    last = history.last_inspectors(party_ids)
    rows, short = [], []
    for target in targets:
        for agency in agencies:
            codes, excluded = [], []
            for number, officer in sorted(eligible[agency.pk].items()):
                if officer.pk in conflicts[target.party_id]:
                    reason = conflicts[target.party_id][officer.pk]
                    excluded.append({"code": number, "reason": f"回避：{reason}"})
                elif officer.pk in last.get(target.party_id, ()):
                    excluded.append({"code": number, "reason": "上次检查该企业的检查组成员"})
                else:
                    codes.append(number)
            if len(codes) < INSPECTORS_PER_TARGET:
                short.append(f"{target.code}（{agency.name}）" if joint else target.code)
            rows.append(
                InspectorDraw(
                    draw=draw,
                    target=target,
                    agency=agency,
                    codes="\n".join(codes),
                    pool_hash=d.pool_hash(codes),
                    k=INSPECTORS_PER_TARGET,
                    excluded=excluded,
                )
            )
    if short:
        raise ValidationError({"visit_on": f"以下对象可抽取的执法人员不足两名：{'、'.join(short)}"})
    InspectorDraw.objects.bulk_create(rows)
    seed = d.new_seed()
    draw.visit_on = visit_on
    draw.inspector_seed = d.seed_hex(seed)
    draw.inspector_commitment = d.commitment(seed)
    draw.status = DrawStatus.INSPECTORS_ANNOUNCED
    draw.save(update_fields=["visit_on", "inspector_seed", "inspector_commitment", "status"])
    return draw


def assign_inspectors(draw: Draw, actor: Any) -> Draw:
    """Reveal the inspector seed and draw two officers per target (per target and agency of a
    joint plan), each target on its own ranking (seed = SM3(seed ‖ target code)); an agency's
    pool holds only its own officers."""
    seed = bytes.fromhex(draw.inspector_seed)
    draw.inspector_revealed_seed = draw.inspector_seed
    draw.status = DrawStatus.ASSIGNED
    draw.save(update_fields=["inspector_revealed_seed", "status"])
    rows = list(draw.inspector_draws.select_related("target"))
    numbers = {n for row in rows for n in row.code_list}
    officer_of = dict(
        Certificate.objects.filter(number__in=numbers).values_list("number", "officer_id")
    )
    for row in rows:
        selection = d.select(d.target_seed(seed, row.target.code), row.code_list, row.k)
        row.selection = "\n".join(selection)
        row.save(update_fields=["selection"])
        row.officers.set([officer_of[n] for n in selection])
    return draw


def publish(draw: Draw, actor: Any) -> Draw:
    draw.status = DrawStatus.PUBLISHED
    draw.published_at = timezone.now()
    draw.save(update_fields=["status", "published_at"])
    return draw


def snapshot(draw: Draw) -> dict[str, Any]:
    """What the ledger records of a draw: its fields (the seed only by index until revealed)
    and each pool's size, hash, k and the SM3 of its selection."""
    data = ledger.snapshot(draw) or {}
    data["pools"] = {
        key: {"size": size, "pool_hash": h, "k": k, "selection_sm3": sm3_hex(sel) if sel else ""}
        for key, size, h, k, sel in draw.pools.values_list(
            "key", "size", "pool_hash", "k", "selection"
        )
    }
    return data


# -- public data ---------------------------------------------------------------------------

DEFINITION = {
    "pool_hash": 'SM3(UTF-8 codes, sorted, joined by "\\n")',
    "commitment": "SM3(seed bytes)",
    "rank_key": "SM3(seed bytes ‖ UTF-8 code)",
    "selection": "the k codes with the lowest rank keys, in rank order",
    "inspector_seed_per_target": "SM3(inspector seed bytes ‖ UTF-8 target code)",
    "inspector_pools": "one per target and agency (a joint plan: each agency's own officers), "
    "each ranked with its target's seed",
    "seed": "32 bytes, shown as 64 hex characters",
    "recheck": "python3 scripts/recheck_draw.py <this JSON or its URL>",
}


def public_data(draw: Draw) -> dict[str, Any]:
    """The draw as published: anyone recomputes the selection from this alone."""
    plan = draw.plan
    revealed = bool(draw.revealed_seed)
    data: dict[str, Any] = {
        "id": draw.pk,
        "status": draw.status,
        "status_label": draw.get_status_display(),
        "plan": {
            "id": plan.pk,
            "name": plan.name,
            "kind": plan.get_kind_display(),
            "agencies": [a.name for a in plan.agencies.all()],
            "matters": [{"code": m.code, "name": m.name} for m in plan.matters.all()],
            "period_start": plan.period_start.isoformat(),
            "period_end": plan.period_end.isoformat(),
        },
        "definition": DEFINITION,
        "commitment": draw.commitment,
        "seed": draw.revealed_seed or None,
        "announced_at": draw.announced_at.isoformat() if draw.announced_at else None,
        "drawn_at": draw.drawn_at.isoformat() if draw.drawn_at else None,
        "strata": [
            {
                "key": pool.key,
                "label": pool.stratum.label,
                "ratio": str(pool.stratum.ratio),
                "pool": pool.code_list,
                "pool_hash": pool.pool_hash,
                "k": pool.k,
                "selection": pool.selection_list if revealed else [],
            }
            for pool in draw.pools.select_related("stratum")
        ],
        "exclusions": [
            {
                "code": e.code,
                "stratum": e.stratum_key,
                "reason": e.get_reason_display(),
                "detail": e.detail,
            }
            for e in draw.exclusions.all()
        ],
        "inspector_draw": None,
        "results": draw_results.results(draw),
    }
    if draw.inspector_commitment:
        data["inspector_draw"] = {
            "visit_on": draw.visit_on.isoformat() if draw.visit_on else None,
            "commitment": draw.inspector_commitment,
            "seed": draw.inspector_revealed_seed or None,
            "targets": [
                {
                    "target": row.target.code,
                    "agency": row.agency.name if row.agency else plan.lead_agency.name,
                    "pool": row.code_list,
                    "pool_hash": row.pool_hash,
                    "k": row.k,
                    "excluded": row.excluded,
                    "selection": row.selection_list if draw.inspector_revealed_seed else [],
                }
                for row in draw.inspector_draws.select_related("target", "agency")
            ],
        }
    return data


def start_draw(actor: Any, plan: InspectionPlan) -> Draw:
    return workflow.start(Draw, "freeze", actor, agency=plan.lead_agency, plan=plan)
