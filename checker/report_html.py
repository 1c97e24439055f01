"""A single self-contained HTML report: no scripts, no external resources, every name escaped."""

from __future__ import annotations

from html import escape

from checker import phrases
from checker.knowledge.base import Knowledge
from checker.models import AppResult, Report
from checker.report import company_rollup
from checker.wording import error_message, say

_STYLE = """
:root{--ink:#1d2433;--muted:#5b6577;--line:#dde2ea;--warn:#b4232c;--ok:#1b7a3d;--chip:#eef1f6}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);margin:0 auto;max-width:920px;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid var(--line)}
.muted{color:var(--muted)}.summary{font-size:17px;margin:12px 0}
.app{border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:14px 0;break-inside:avoid}
.app h3{margin:0;font-size:18px}.id{font-family:ui-monospace,monospace;font-size:13px;color:var(--muted)}
.bad{color:var(--warn);font-weight:600}.good{color:var(--ok);font-weight:600}
ul{margin:6px 0;padding-left:20px}.chip{background:var(--chip);border-radius:10px;padding:1px 8px;
font-size:12px;margin-left:6px}details{margin-top:8px}code{font-size:12px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px;border-bottom:1px solid var(--line)}
@media print{body{padding:0}details{display:block}}
"""


def to_html(report: Report, knowledge: Knowledge, lang: str = "en") -> str:
    e = escape
    info = report.knowledge
    rollup = company_rollup(report, knowledge)
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{e(say('title', lang))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(say('title', lang))}</h1>",
        f'<p class="muted">{e(say("generated", lang, when=report.generated_at))} · '
        f"{e(say('kb_line', lang, version=info.version, trackers=info.trackers, companies=info.companies))}</p>",
    ]
    parts.append(f'<p class="summary">{e(phrases.summary(report, len(rollup), lang))}</p>')
    if rollup:
        parts.append(f"<h2>{e(say('companies_heading', lang))}</h2><table>")
        parts.append(
            f"<tr><th>{e(say('col_company', lang))}</th><th>{e(say('col_parent', lang))}</th>"
            f"<th>{e(say('col_your_apps', lang))}</th></tr>"
        )
        for entry in rollup:
            parent = entry.parent.name if entry.parent else ""
            parts.append(
                f"<tr><td>{e(entry.company.name)}</td><td>{e(parent)}</td>"
                f"<td>{e(phrases.company_apps(entry.apps, lang))}</td></tr>"
            )
        parts.append("</table>")
    for result in report.apps:
        parts.append(_app_html(result, knowledge, lang))
    if report.errors:
        parts.append(f"<h2>{e(say('errors_heading', lang, count=len(report.errors)))}</h2><ul>")
        for error in report.errors:
            message = error_message(error.code, error.detail, lang)
            path = phrases.shown_path(error.path)
            parts.append(f'<li><span class="id">{e(path)}</span><br>{e(message)}</li>')
        parts.append("</ul>")
    parts.append(f'<p class="muted">{e(say("footer", lang))}</p></body></html>\n')
    return "".join(parts)


def _app_html(result: AppResult, knowledge: Knowledge, lang: str) -> str:
    e = escape
    app = result.app
    version = app.version or say("version_unknown", lang)
    out = [
        '<section class="app">',
        f"<h3>{e(app.name or app.id)}</h3>",
        f'<div class="id">{e(app.id)} · {e(version)}</div>',
    ]
    if result.hits:
        headline = phrases.trackers_found(result, lang)
        out.append(f'<p class="bad">{e(headline)}</p><ul>')
        for hit in result.hits:
            company = phrases.owner_heading(hit, knowledge, lang)
            chips = "".join(
                f'<span class="chip">{e(label)}</span>'
                for label in phrases.categories(hit, knowledge, lang)
            )
            samples = ", ".join(ev.detail for ev in hit.evidence)
            out.append(
                f"<li><strong>{e(hit.tracker.name)}</strong>{chips}<br>"
                f'<span class="muted">{e(company)}</span><br>'
                f'<span class="muted">{e(say("evidence_code", lang))}: <code>{e(samples)}</code></span></li>'
            )
        out.append("</ul>")
    else:
        out.append(f'<p class="good">{e(say("trackers_none", lang))}</p>')
    if app.permissions:
        out.append(
            f"<details><summary>{e(say('permissions_requested', lang, count=len(app.permissions)))}</summary><ul>"
        )
        out.extend(f"<li>{e(phrases.permission(p, knowledge, lang))}</li>" for p in app.permissions)
        out.append("</ul></details>")
    out.append("</section>")
    return "".join(out)
