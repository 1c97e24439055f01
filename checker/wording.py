"""Words for the command line and the reports, in English and French.

The engine speaks in codes; this is the one place that turns them into
sentences outside the Qt interface (which has its own translation files).
A test checks that every entry has both languages with the same placeholders.
"""

from __future__ import annotations

from checker.wording_archives import ARCHIVE_MESSAGES
from checker.wording_cli import CLI_MESSAGES
from checker.wording_errors import ERROR_MESSAGES

LANGUAGES = ("en", "fr")

MESSAGES: dict[str, tuple[str, str]] = {
    # Report headings and summary
    "title": ("Personal data exposure report", "Rapport d'exposition de vos données"),
    "generated": ("Generated {when}", "Généré le {when}"),
    "kb_line": (
        "Knowledge base {version}: {trackers} tracker SDKs from {companies} companies",
        "Base de connaissances {version} : {trackers} SDK de pistage de {companies} entreprises",
    ),
    "summary": (
        "{apps_checked} · {with_trackers} with trackers · {companies_receiving}",
        "{apps_checked} · {with_trackers} avec des traceurs · {companies_receiving}",
    ),
    "apps_checked.one": ("{count} app checked", "{count} appli vérifiée"),
    "apps_checked.other": ("{count} apps checked", "{count} applis vérifiées"),
    "companies_receiving.one": (
        "{count} company can receive data",
        "{count} entreprise peut recevoir des données",
    ),
    "companies_receiving.other": (
        "{count} companies can receive data",
        "{count} entreprises peuvent recevoir des données",
    ),
    "sdks.one": ("{count} SDK", "{count} SDK"),
    "sdks.other": ("{count} SDKs", "{count} SDK"),
    "companies.one": ("{count} company", "{count} entreprise"),
    "companies.other": ("{count} companies", "{count} entreprises"),
    "your_apps.one": ("{count} of your apps", "{count} de vos applis"),
    "your_apps.other": ("{count} of your apps", "{count} de vos applis"),
    "nothing_checked": ("No app was checked.", "Aucune appli n'a été vérifiée."),
    "app_heading": ("{name}", "{name}"),
    "package": ("Package", "Paquet"),
    "version": ("Version", "Version"),
    "version_unknown": ("unknown version", "version inconnue"),
    "platform": ("Platform", "Plateforme"),
    "read_from": ("Read from", "Lu depuis"),
    "classes_read": ("{count} classes read", "{count} classes lues"),
    "trackers_found": (
        "Tracker code inside: {sdks} from {companies}",
        "Code de pistage présent : {sdks} de {companies}",
    ),
    "trackers_none": (
        "No known tracker found in this app.",
        "Aucun traceur connu trouvé dans cette appli.",
    ),
    "part_of": ("part of {parent}", "groupe {parent}"),
    "matched_by": ("found through {evidence}", "repéré grâce à {evidence}"),
    "permissions_requested": (
        "Permissions requested ({count})",
        "Autorisations demandées ({count})",
    ),
    "permissions_none": ("No permission requested.", "Aucune autorisation demandée."),
    "companies_heading": (
        "Companies that can receive data",
        "Entreprises pouvant recevoir des données",
    ),
    "company_apps": ("{your_apps}: {apps}", "{your_apps} : {apps}"),
    "errors_heading": (
        "Files that could not be checked ({count})",
        "Fichiers non vérifiés ({count})",
    ),
    "evidence.code": (
        "Its code is in the app, so it could collect data:",
        "Son code est dans l'appli : il pourrait collecter des données :",
    ),
    "evidence.declared": (
        "The app declares that it uses it:",
        "L'appli déclare l'utiliser :",
    ),
    "evidence.observed": (
        "The app did contact its servers:",
        "L'appli a bien contacté ses serveurs :",
    ),
    "evidence.reported": (
        "The platform's own data export says the app shared your activity with it:",
        "L'export de données de la plateforme indique que l'appli lui a transmis votre activité :",
    ),
    "col_your_apps": ("Your apps", "Vos applis"),
    "col_app": ("App", "Appli"),
    "col_tracker": ("Tracker", "Traceur"),
    "col_company": ("Company", "Entreprise"),
    "col_parent": ("Parent company", "Maison mère"),
    "col_categories": ("Categories", "Catégories"),
    "col_evidence": ("Evidence", "Preuve"),
    "footer": (
        "Checked offline on this computer. Nothing was uploaded.",
        "Vérifié hors ligne sur cet ordinateur. Rien n'a été envoyé.",
    ),
    "footer_online.one": (
        "Checked on this computer. As you allowed, {count} package name was looked up in εxodus's public reports (the name only; answers are kept a week); nothing else was uploaded.",
        "Vérifié sur cet ordinateur. Comme vous l'avez autorisé, {count} nom de paquet a été cherché dans les rapports publics d'εxodus (le nom seulement ; réponses gardées une semaine) ; rien d'autre n'a été envoyé.",
    ),
    "footer_online.other": (
        "Checked on this computer. As you allowed, {count} package names were looked up in εxodus's public reports (names only; answers are kept a week); nothing else was uploaded.",
        "Vérifié sur cet ordinateur. Comme vous l'avez autorisé, {count} noms de paquets ont été cherchés dans les rapports publics d'εxodus (noms seulement ; réponses gardées une semaine) ; rien d'autre n'a été envoyé.",
    ),
    "exposures_heading": (
        "What its trackers could collect in this app",
        "Ce que ses traceurs pourraient collecter dans cette appli",
    ),
    "basis_documented": ("documented by {names}", "documenté par {names}"),
    "basis_found": (
        "a regulator found {names} collected it",
        "une autorité a constaté que {names} le collectait",
    ),
    "basis_alleged": (
        "a lawsuit alleges {names} collects it (not proven)",
        "une action en justice affirme que {names} le collecte (non prouvé)",
    ),
    "basis_reported": (
        "did share, says {names}'s own data export",
        "a bien été transmis, selon l'export de données de {names}",
    ),
    "basis_permitted": (
        "{names} could read it through {permission} ({access})",
        "{names} pourrai(en)t y accéder grâce à {permission} ({access})",
    ),
    "basis_baseline": (
        "any code inside the app gets it ({names})",
        "tout code présent dans l'appli y accède ({names})",
    ),
    "access.granted": ("allowed on your phone", "autorisée sur votre téléphone"),
    "access.requested": ("if you allowed it", "si vous l'avez autorisée"),
    "access.denied": ("not allowed on your phone", "refusée sur votre téléphone"),
    "access.used": ("the app did use it", "l'appli l'a bien utilisée"),
    "observed_heading": (
        "What your iPhone saw this app do",
        "Ce que votre iPhone a vu cette appli faire",
    ),
    "observed_access": (
        "used your {what} {times} ({first} → {last})",
        "a utilisé votre {what} {times} ({first} → {last})",
    ),
    "observed_domains": (
        "contacted {domains}, {trackers} of them run by trackers",
        "a contacté {domains}, dont {trackers} appartenant à des traceurs",
    ),
    "times.one": ("{count} time", "{count} fois"),
    "times.other": ("{count} times", "{count} fois"),
    "domains.one": ("{count} domain", "{count} domaine"),
    "domains.other": ("{count} domains", "{count} domaines"),
    "trackers_mixed": (
        "Trackers found: {sdks} from {companies}",
        "Traceurs trouvés : {sdks} de {companies}",
    ),
    "listed_only": (
        "Listed only: we have not read this app's code, so we cannot say what it carries.",
        "Seulement listée : nous n'avons pas lu le code de cette appli, nous ne pouvons pas dire ce qu'elle contient.",
    ),
    "basis_denied": (
        "{names} could read it if you allow {permission}",
        "{names} : accès possible si vous autorisez {permission}",
    ),
    "warnings_heading": ("Read in part ({count})", "Lus en partie ({count})"),
    "trackers_reported": (
        "By its own data export, {companies} received your activity from this app",
        "D'après son propre export de données, {companies} a reçu votre activité depuis"
        " cette appli",
    ),
    "installed_line": (
        "{store} records it from {first} to {last}{devices}",
        "{store} l'enregistre du {first} au {last}{devices}",
    ),
    "installed_once": (
        "{store} records it on {first}{devices}",
        "{store} l'enregistre le {first}{devices}",
    ),
    "exports_heading": (
        "What the platforms' data exports say about this app",
        "Ce que disent les exports de données des plateformes sur cette appli",
    ),
    "installed_on": (" on {devices}", " sur {devices}"),
    "reported_line": (
        "sent {events} to {company} ({first} → {last}): {kinds}",
        "a transmis {events} à {company} ({first} → {last}) : {kinds}",
    ),
    "events.one": ("{count} event", "{count} événement"),
    "events.other": ("{count} events", "{count} événements"),
    "trackers_contacted": (
        "Trackers this app contacted: {sdks} from {companies}",
        "Traceurs contactés par cette appli : {sdks} de {companies}",
    ),
    "reveals_line": ("can reveal: {facts}", "peut révéler : {facts}"),
    "blocked_line.vendor": (
        "{tracker} says it collects {types}, but this app's permissions do not allow it.",
        "{tracker} indique collecter {types}, mais les autorisations de cette appli ne le permettent pas.",
    ),
    "blocked_line.regulator": (
        "A regulator found that {tracker} collected {types}, but this app's permissions do not allow it.",
        "Une autorité a constaté que {tracker} collectait {types}, mais les autorisations de cette appli ne le permettent pas.",
    ),
    "blocked_line.lawsuit": (
        "A lawsuit alleges that {tracker} collects {types}, but this app's permissions do not allow it.",
        "Une action en justice affirme que {tracker} collecte {types}, mais les autorisations de cette appli ne le permettent pas.",
    ),
    "claim_source.vendor": (
        "What it collects, according to {link}",
        "Ce qu'il collecte, selon {link}",
    ),
    "claim_source.regulator": (
        "What it collected, according to {link}",
        "Ce qu'il collectait, selon {link}",
    ),
    "claim_source.lawsuit": (
        "What it collects, as alleged in {link} (not proven in court)",
        "Ce qu'il collecte, d'après {link} (allégations non prouvées)",
    ),
    "claim_source_url": ("{claim}: {url}", "{claim} : {url}"),
    "claim_link.vendor": ("its vendor's documentation", "la documentation de son éditeur"),
    "claim_link.regulator": ("a regulator's findings", "les constatations d'une autorité"),
    "claim_link.lawsuit": ("a lawsuit", "une action en justice"),
    "undocumented_line": (
        "{tracker}: its vendor publishes nothing we could cite about what it collects.",
        "{tracker} : son éditeur ne publie rien que nous puissions citer sur ce qu'il collecte.",
    ),
    "encrypted_note": (
        "This app's code is encrypted by the App Store, so its classes could not be read; its frameworks, "
        "settings and privacy manifests were used instead.",
        "Le code de cette appli est chiffré par l'App Store : ses classes n'ont pas pu être lues ; ses "
        "frameworks, réglages et manifestes de confidentialité ont été utilisés à la place.",
    ),
    "skadnetwork_note": (
        "It lists {count} ad networks allowed to measure its installs (SKAdNetwork), among them: {networks}.",
        "Elle déclare {count} régies autorisées à mesurer ses installations (SKAdNetwork), dont : {networks}.",
    ),
    "app_score": ("Exposure score: {score}/100", "Score d'exposition : {score}/100"),
    "overall_score": (
        "Overall exposure score: {score}/100",
        "Score d'exposition global : {score}/100",
    ),
    "data_heading": (
        "Your data, and how many groups it can reach",
        "Vos données, et combien de groupes peuvent les recevoir",
    ),
    "data_reach": ("{data}: {groups}", "{data} : {groups}"),
    "through_apps": ("through {apps}", "via {apps}"),
    "and_more": ("and {count} more", "et {count} de plus"),
    "groups.one": ("{count} group", "{count} groupe"),
    "groups.other": ("{count} groups", "{count} groupes"),
    "score_formula_short": (
        "How the score is counted: each company group × kind of data it can get adds points by "
        "severity (critical 10, high 6, medium 3, low 1), capped at 100.",
        "Calcul du score : chaque couple groupe d'entreprises × type de donnée accessible ajoute des "
        "points selon la gravité (critique 10, élevée 6, moyenne 3, faible 1), plafonné à 100.",
    ),
    "score_formula": (
        "Each distinct (company group, kind of data) that can be collected adds points by severity: "
        "critical {critical}, high {high}, medium {medium}, low {low}; half when it is only possible "
        "through the app's permissions and the vendor does not document it. Capped at 100.",
        "Chaque couple distinct (groupe d'entreprises, type de donnée) pouvant être collecté ajoute des "
        "points selon la gravité : critique {critical}, élevée {high}, moyenne {medium}, faible {low} ; "
        "moitié moins quand ce n'est possible qu'à travers les autorisations de l'appli sans que "
        "l'éditeur le documente. Plafonné à 100.",
    ),
    **CLI_MESSAGES,
    **ERROR_MESSAGES,
    **ARCHIVE_MESSAGES,
}


def say(key: str, lang: str = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` (English when unknown), with ``params`` filled in."""
    en, fr = MESSAGES[key]
    template = fr if lang == "fr" else en
    return template.format(**params) if params else template


def count(key: str, n: int, lang: str = "en") -> str:
    """``key.one`` or ``key.other`` for ``n``: French uses the singular for 0 and 1."""
    singular = n <= 1 if lang == "fr" else n == 1
    return say(f"{key}.{'one' if singular else 'other'}", lang, count=n)


def error_message(code: str, detail: str, lang: str = "en") -> str:
    """A sentence for an error code, followed by its technical detail."""
    key = f"error.{code}" if f"error.{code}" in MESSAGES else "error.error"
    head = say(key, lang)
    return f"{head}: {detail}" if detail else head
