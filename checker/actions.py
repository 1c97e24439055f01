"""What a person can do about an app's exposures, as codes with parameters (the UI words them)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from checker.knowledge.base import Knowledge
from checker.models import Access, AppResult, Basis, Platform, Severity


class ActionKind(StrEnum):
    REVOKE_PERMISSION = "revoke_permission"
    REVOKE_PERMISSION_APPLE = "revoke_permission_apple"
    RESET_ADVERTISING_ID = "reset_advertising_id"
    LIMIT_TRACKING = "limit_tracking"
    UNINSTALL_OR_REPLACE = "uninstall_or_replace"
    DATA_REQUEST = "data_request"
    OPT_OUT = "opt_out"


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    app: str = ""  # the app's name (or id)
    permission: str = ""
    company_id: str = ""
    url: str = ""


def actions_for(result: AppResult, knowledge: Knowledge) -> list[Action]:
    app = result.app
    name = app.name or app.id
    exposures = [e for h in result.explanations for e in h.exposures]
    actions: list[Action] = []
    permissions = {
        e.permission: None
        for e in exposures
        if e.permission
        and e.basis is not Basis.BASELINE
        and e.access is not Access.DENIED
        and e.severity >= Severity.MEDIUM
    }
    revoke = (
        ActionKind.REVOKE_PERMISSION
        if app.platform is Platform.ANDROID
        else ActionKind.REVOKE_PERMISSION_APPLE
    )
    actions += [Action(revoke, app=name, permission=p) for p in permissions if p]
    if any(e.data_type == "advertising_id" for e in exposures):
        kind = (
            ActionKind.RESET_ADVERTISING_ID
            if app.platform is Platform.ANDROID
            else ActionKind.LIMIT_TRACKING
        )
        actions.append(Action(kind, app=name))
    if any(
        "advertising" in h.tracker.categories or "location" in h.tracker.categories
        for h in result.hits
    ):
        actions.append(Action(ActionKind.UNINSTALL_OR_REPLACE, app=name))
    groups = dict.fromkeys(e.parent_id or e.company_id for e in exposures)
    for group in groups:
        company = knowledge.companies.get(group)
        if company is None:
            continue
        if company.data_request:
            actions.append(
                Action(
                    ActionKind.DATA_REQUEST, app=name, company_id=group, url=company.data_request
                )
            )
        if company.opt_out:
            actions.append(
                Action(ActionKind.OPT_OUT, app=name, company_id=group, url=company.opt_out)
            )
    return actions
