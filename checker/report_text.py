"""The plain-text report the command line prints, meant to be read by a person."""

from __future__ import annotations

from checker import archive_phrases, phrases
from checker.explain import score
from checker.knowledge.base import Knowledge
from checker.models import AppResult, ClaimBasis, Report
from checker.report import all_exposures, app_score, company_rollup
from checker.wording import error_message, say

_RULE = "─" * 72


def to_text(report: Report, knowledge: Knowledge, lang: str = "en") -> str:
    lines: list[str] = [say("title", lang), _RULE]
    info = report.knowledge
    lines.append(
        say("kb_line", lang, version=info.version, trackers=info.trackers, companies=info.companies)
    )
    rollup = company_rollup(report, knowledge)
    lines.append(phrases.summary(report, len(rollup), lang))
    for result in report.apps:
        lines += ["", *_app_lines(result, knowledge, lang)]
    groups = phrases.group_lines(report, knowledge, lang)
    if groups:
        lines += ["", say("groups_heading", lang), _RULE]
        for summary, detail in groups:
            lines += [f"  {summary}", f"      {detail}"]
    reach = phrases.data_reach(report, knowledge, lang)
    if reach:
        lines += ["", say("data_heading", lang), _RULE]
        lines.extend(f"  {line}" for line in reach)
        lines += [
            "",
            say("overall_score", lang, score=score(all_exposures(report))),
            say("score_formula_short", lang),
        ]
    if report.archives:
        lines += ["", say("archives_heading", lang), _RULE]
        for section in archive_phrases.sections(report.archives, knowledge, lang):
            lines += ["", *_archive_lines(section, lang)]
    if report.warnings:
        lines += ["", say("warnings_heading", lang, count=len(report.warnings)), _RULE]
        for warning in report.warnings:
            lines.append(f"  ! {phrases.shown_path(warning.path)}")
            lines.append(f"      {error_message(warning.code, warning.detail, lang)}")
    if report.errors:
        lines += ["", say("errors_heading", lang, count=len(report.errors)), _RULE]
        for error in report.errors:
            lines.append(f"  ✗ {phrases.shown_path(error.path)}")
            lines.append(f"      {error_message(error.code, error.detail, lang)}")
    lines += ["", phrases.footer(report, lang), ""]
    return "\n".join(lines)


def _app_lines(result: AppResult, knowledge: Knowledge, lang: str) -> list[str]:
    app = result.app
    lines = [f"■ {app.name or app.id}", f"  {phrases.id_and_version(result, lang)}"]
    observed = phrases.observed_lines(result, knowledge, lang)
    if observed:
        lines.append(f"  {say('observed_heading', lang)}")
        lines.extend(f"      👁 {line}" for line in observed)
    exported = phrases.export_lines(result, knowledge, lang)
    if exported:
        lines.append(f"  {say('exports_heading', lang)}")
        lines.extend(f"      ▣ {line}" for line in exported)
    if result.listed_only():
        lines.append(f"  ? {say('listed_only', lang)}")
    elif not result.hits:
        lines.append(f"  ✓ {say('trackers_none', lang)}")
    else:
        groups: dict[str, list[str]] = {}
        for hit in result.hits:
            heading = phrases.owner_heading(hit, knowledge, lang)
            categories = ", ".join(phrases.categories(hit, knowledge, lang))
            entry = f"      • {hit.tracker.name}" + (f"  ({categories})" if categories else "")
            source = phrases.claim_source(hit, lang)
            if source:
                entry += f"\n          ↳ {source}"
            groups.setdefault(heading, []).append(entry)
        lines.append(f"  ⚠ {phrases.trackers_found(result, knowledge, lang)}")
        for heading, entries in sorted(groups.items()):
            lines.append(f"    {heading}")
            lines.extend(entries)
    if result.explanations:
        lines.append(
            f"  {say('exposures_heading', lang)} · {say('app_score', lang, score=app_score(result))}"
        )
        for line in phrases.exposure_lines(result, knowledge, lang):
            lines.append(f"      ● {line.title} ({line.severity_label})")
            lines.extend(f"          {clause}" for clause in line.who)
            if line.reveals:
                lines.append(f"          {line.reveals}")
    lines.extend(f"  ℹ {note}" for note in phrases.notes(result, knowledge, lang))
    actions = phrases.action_lines(result, knowledge, lang)
    if actions:
        lines.append(f"  {say('actions_heading', lang)}")
        lines.extend(f"      → {line}" for line in actions)
    if app.permissions:
        lines.append(f"  {say('permissions_requested', lang, count=len(app.permissions))}")
        lines.extend(f"      {phrases.permission(p, knowledge, lang)}" for p in app.permissions)
    elif phrases.shows_permissions(result):
        lines.append(f"  {say('permissions_none', lang)}")
    return lines


def _archive_lines(section: archive_phrases.ArchiveSection, lang: str) -> list[str]:
    lines = [f"▣ {section.title}", f"  {section.source}", f"  {say('archive_shows', lang)}"]
    lines.append(f"      {section.shows}")
    lines.extend(f"      • {line}" for line in section.holdings)
    if section.installs:
        lines.append(f"  {section.installs_heading}")
        lines.extend(f"      {title} → {match}" for title, match in section.installs)
    if section.shared:
        lines.append(f"  {section.shared_heading}")
        lines.extend(f"      {line}" for line in section.shared)
    lines += [f"  {say('archive_reveals', lang)}", f"      {section.reveals}"]
    lines.append(f"  {say('archive_actions', lang)}")
    lines.extend(f"      → {line}" for line in section.actions)
    lines.extend(f"  ℹ {note}" for note in section.notes)
    return lines


def kb_stats_text(knowledge: Knowledge, lang: str = "en") -> str:
    stats = knowledge.stats()
    lines = [
        say("kb_stats_heading", lang, version=knowledge.info.version),
        _RULE,
        say("kb_trackers", lang, count=stats.trackers),
        say("kb_companies", lang, count=stats.companies),
        say("kb_exodus", lang, count=stats.exodus_linked),
        say("kb_android", lang, count=stats.with_android_signatures),
        say("kb_ios", lang, count=stats.with_ios_signatures),
        say("kb_domains", lang, count=stats.with_domains),
        say(
            "kb_collects",
            lang,
            count=stats.with_documented_collection,
            **{b.value: stats.collection_by_basis.get(b.value, 0) for b in ClaimBasis},
        ),
        say("kb_mappings", lang, data_types=stats.data_types, permissions=stats.permissions),
        "",
        say("kb_by_category", lang),
    ]
    if stats.overlay is not None:
        o = stats.overlay
        overlay_line = say(
            "kb_overlay",
            lang,
            count=o.trackers,
            added=o.added,
            extended=o.extended,
            when=o.imported_at[:10],
            source=o.source,
        )
        lines.insert(len(lines) - 2, overlay_line)
    lines += [
        f"  {knowledge.label('category', c, lang)}: {n}" for c, n in stats.by_category.items()
    ]
    lines += ["", say("kb_by_kind", lang)]
    lines += [
        f"  {knowledge.label('company_kind', k, lang)}: {n}"
        for k, n in stats.by_company_kind.items()
    ]
    lines += ["", say("kb_by_parent", lang)]
    for company_id, count in list(stats.by_parent.items())[:15]:
        lines.append(f"  {knowledge.companies[company_id].name}: {count}")
    return "\n".join(lines) + "\n"
