"""A single self-contained HTML report: no scripts, no external resources, every name escaped.

Readable on a phone and printable: one column, system fonts, sections that do
not break across pages, details that print open.
"""

from __future__ import annotations

from html import escape as e

from checker import archive_phrases, phrases
from checker.explain import score
from checker.knowledge.base import Knowledge
from checker.models import AppResult, Report, TrackerHit
from checker.report import all_exposures, app_score, company_rollup, score_formula
from checker.wording import error_message, say

_STYLE = """
:root{--ink:#1d2433;--muted:#5b6577;--line:#dde2ea;--bad:#b4232c;--ok:#1b7a3d;--chip:#eef1f6;
--high:#b4232c;--medium:#b86e00;--low:#5b6577;--critical:#7a0f16}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);margin:0 auto;max-width:920px;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid var(--line)}
h3{margin:0;font-size:18px}.muted{color:var(--muted)}.small{font-size:13px}
.hero{display:flex;gap:20px;align-items:center;margin:16px 0;padding:14px 18px;border-radius:12px;background:var(--chip)}
.score{font-size:44px;font-weight:700;line-height:1}.score small{font-size:16px;color:var(--muted)}
.app{border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:14px 0;break-inside:avoid}
.id{font-family:ui-monospace,monospace;font-size:13px;color:var(--muted)}
.bad{color:var(--bad);font-weight:600}.good{color:var(--ok);font-weight:600}
ul{margin:6px 0;padding-left:20px}li{margin:3px 0}
.chip{background:var(--chip);border-radius:10px;padding:1px 8px;font-size:12px;margin-left:6px;white-space:nowrap}
.sev{font-size:12px;font-weight:600;margin-left:6px}.sev-critical{color:var(--critical)}.sev-high{color:var(--high)}
.sev-medium{color:var(--medium)}.sev-low{color:var(--low)}
details{margin-top:8px}summary{cursor:pointer;font-weight:600}code{font-size:12px;overflow-wrap:anywhere}
.action{margin:4px 0}
body,li,p,div{overflow-wrap:anywhere}
@media (max-width:600px){body{padding:14px}.hero{flex-direction:column;align-items:flex-start;gap:8px}}
@media print{body{padding:0}details>*{display:block}.hero{background:none;border:1px solid var(--line)}}
"""


def to_html(report: Report, knowledge: Knowledge, lang: str = "en") -> str:
    info = report.knowledge
    title = say("title", lang)
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="muted small">{e(say("generated", lang, when=report.generated_at))} · '
        f"{e(say('kb_line', lang, version=info.version, trackers=info.trackers, companies=info.companies))}</p>",
        _hero(report, knowledge, lang),
    ]
    groups = phrases.group_lines(report, knowledge, lang)
    if groups:
        parts.append(f"<h2>{e(say('groups_heading', lang))}</h2><ul>")
        parts += [
            f"<li><strong>{e(summary)}</strong><br><span class='muted'>{e(detail)}</span></li>"
            for summary, detail in groups
        ]
        parts.append("</ul>")
    reach = phrases.data_reach(report, knowledge, lang)
    if reach:
        parts.append(f"<h2>{e(say('data_heading', lang))}</h2><ul>")
        parts += [f"<li>{e(line)}</li>" for line in reach]
        parts.append("</ul>")
    parts += [app_section_html(result, knowledge, lang) for result in report.apps]
    if report.archives:
        parts.append(f"<h2>{e(say('archives_heading', lang))}</h2>")
        parts += [
            archive_section_html(section, lang)
            for section in archive_phrases.sections(report.archives, knowledge, lang)
        ]
    if report.errors:
        parts.append(f"<h2>{e(say('errors_heading', lang, count=len(report.errors)))}</h2><ul>")
        for error in report.errors:
            message = error_message(error.code, error.detail, lang)
            parts.append(
                f'<li><span class="id">{e(phrases.shown_path(error.path))}</span><br>{e(message)}</li>'
            )
        parts.append("</ul>")
    parts.append(f'<p class="muted small">{e(phrases.footer(report, lang))}</p></body></html>\n')
    return "".join(parts)


def _hero(report: Report, knowledge: Knowledge, lang: str) -> str:
    overall = score(all_exposures(report))
    summary = phrases.summary(report, len(company_rollup(report, knowledge)), lang)
    return (
        f'<div class="hero"><div class="score" aria-label="{e(say("score_heading", lang))}">{overall}<small>/100</small></div>'
        f"<div><strong>{e(summary)}</strong><br><span class='muted small'>{e(score_formula(lang))}</span></div></div>"
    )


def _claim_source(hit: TrackerHit, lang: str) -> str:
    """Where the tracker's `collects` list comes from, as a link the reader can follow."""
    parts = phrases.claim_source_parts(hit, lang)
    if parts is None:
        return ""
    sentence, words, url = parts
    link = f'<a href="{e(url)}">{e(words)}</a>'
    line = e(sentence).replace(phrases.LINK_SLOT, link)  # escaping leaves the braces alone
    return f'<br><span class="muted small">{line}</span>'


def app_section_html(result: AppResult, knowledge: Knowledge, lang: str) -> str:
    app = result.app
    out = [
        '<section class="app">',
        f"<h3>{e(app.name or app.id)}</h3>",
        f'<div class="id">{e(phrases.id_and_version(result, lang))}</div>',
    ]
    for heading, found in (
        ("observed_heading", phrases.observed_lines(result, knowledge, lang)),
        ("exports_heading", phrases.export_lines(result, knowledge, lang)),
    ):
        if found:
            out.append(f"<p><strong>{e(say(heading, lang))}</strong></p><ul>")
            out += [f"<li>{e(line)}</li>" for line in found]
            out.append("</ul>")
    if not result.hits:
        key = "listed_only" if result.listed_only() else "trackers_none"
        out.append(
            f'<p class="{"muted" if key == "listed_only" else "good"}">{e(say(key, lang))}</p>'
        )
        out += [
            f'<p class="muted small">ℹ {e(note)}</p>'
            for note in phrases.notes(result, knowledge, lang)
        ]
        out.append("</section>")
        return "".join(out)
    out.append(
        f'<p class="bad">{e(phrases.trackers_found(result, knowledge, lang))} · {e(say("app_score", lang, score=app_score(result)))}</p><ul>'
    )
    for hit in result.hits:
        chips = "".join(
            f' <span class="chip">{e(label)}</span>'
            for label in phrases.categories(hit, knowledge, lang)
        )
        evidence = "".join(
            f'<br><span class="muted small">{e(say(f"evidence.{kind}", lang))} <code>{e(details)}</code></span>'
            for kind, details in phrases.evidence_by_kind(hit)
        )
        out.append(
            f"<li><strong>{e(hit.tracker.name)}</strong>{chips}<br>"
            f'<span class="muted">{e(phrases.owner_heading(hit, knowledge, lang))}</span>{evidence}'
            f"{_claim_source(hit, lang)}</li>"
        )
    out.append("</ul>")
    lines = phrases.exposure_lines(result, knowledge, lang)
    if lines:
        out.append(f"<details open><summary>{e(say('exposures_heading', lang))}</summary><ul>")
        for line in lines:
            level = line.severity.name.lower()
            who = "<br>".join(e(clause) for clause in line.who)
            reveals = f"<br><em>{e(line.reveals)}</em>" if line.reveals else ""
            out.append(f'<li><strong>{e(line.title)}</strong> <span class="sev sev-{level}">· {e(line.severity_label)}</span><br>'
                       f'<span class="small">{who}{reveals}</span></li>')  # fmt: skip
        out.append("</ul></details>")
    out += [
        f'<p class="muted small">ℹ {e(note)}</p>' for note in phrases.notes(result, knowledge, lang)
    ]
    actions = phrases.action_lines(result, knowledge, lang)
    if actions:
        out.append(f"<details open><summary>{e(say('actions_heading', lang))}</summary>")
        out += [f'<p class="action">→ {e(line)}</p>' for line in actions]
        out.append("</details>")
    if app.permissions:
        out.append(
            f"<details><summary>{e(say('permissions_requested', lang, count=len(app.permissions)))}</summary><ul>"
        )
        out.extend(f"<li>{e(phrases.permission(p, knowledge, lang))}</li>" for p in app.permissions)
        out.append("</ul></details>")
    out.append("</section>")
    return "".join(out)


def archives_html(report: Report, knowledge: Knowledge, lang: str) -> str:
    """Every archive's section, for the app's Data exports tab."""
    return "".join(
        archive_section_html(section, lang, letter_link=f"letter:{findings.company_id}")
        for findings, section in zip(
            report.archives,
            archive_phrases.sections(report.archives, knowledge, lang, in_app=True),
            strict=True,
        )
    )


def archive_section_html(
    section: archive_phrases.ArchiveSection, lang: str, letter_link: str = ""
) -> str:
    """One archive; with ``letter_link`` its last action is a link the app turns into a letter."""
    out = [
        '<section class="app">',
        f"<h3>{e(section.title)}</h3>",
        f'<div class="id">{e(section.source)}</div>',
        f"<p>{e(section.shows)}</p><ul>",
        *(f"<li>{e(line)}</li>" for line in section.holdings),
        "</ul>",
    ]
    if section.installs:
        out.append(f"<details><summary>{e(section.installs_heading)}</summary><ul>")
        out += [
            f'<li>{e(title)}<br><span class="muted small">→ {e(match)}</span></li>'
            for title, match in section.installs
        ]
        out.append("</ul></details>")
    if section.shared:
        out.append(f"<details open><summary>{e(section.shared_heading)}</summary><ul>")
        out += [f"<li>{e(line)}</li>" for line in section.shared]
        out.append("</ul></details>")
    out.append(f"<p><strong>{e(say('archive_reveals', lang))}</strong><br>{e(section.reveals)}</p>")
    out.append(f"<details open><summary>{e(say('archive_actions', lang))}</summary>")
    for index, line in enumerate(section.actions):
        text = e(line)
        if letter_link and index == len(section.actions) - 1:
            text = f'<a href="{e(letter_link)}">{text}</a>'
        out.append(f'<p class="action">→ {text}</p>')
    out.append("</details>")
    out += [f'<p class="muted small">ℹ {e(note)}</p>' for note in section.notes]
    out.append("</section>")
    return "".join(out)
