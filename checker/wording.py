"""Words for the command line and the reports, in English and French.

The engine speaks in codes; this is the one place that turns them into
sentences outside the Qt interface (which has its own translation files).
A test checks that every entry has both languages with the same placeholders.
"""

from __future__ import annotations

from checker.wording_archives import ARCHIVE_MESSAGES

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
    # Progress and command line
    "progress": ("[{done}/{total}] {path}", "[{done}/{total}] {path}"),
    "cancelled": ("Cancelled.", "Annulé."),
    "written": ("Report written to {path}", "Rapport écrit dans {path}"),
    "cannot_write": ("Cannot write {path}: {reason}", "Impossible d'écrire {path} : {reason}"),
    "no_gui": (
        "The desktop window is not available in this build; use the 'scan' command.",
        "La fenêtre de l'application n'est pas disponible ; utilisez la commande « scan ».",
    ),
    "kb_stats_heading": ("Knowledge base {version}", "Base de connaissances {version}"),
    "kb_trackers": ("Tracker SDKs: {count}", "SDK de pistage : {count}"),
    "kb_companies": ("Companies: {count}", "Entreprises : {count}"),
    "kb_exodus": ("Linked to the εxodus list: {count}", "Reliés à la liste εxodus : {count}"),
    "kb_android": (
        "With Android code signatures: {count}",
        "Avec signatures de code Android : {count}",
    ),
    "kb_domains": ("With network domains: {count}", "Avec domaines réseau : {count}"),
    "kb_collects": (
        "With documented data collection: {count} (vendor {vendor}, regulator {regulator}, lawsuit {lawsuit})",
        "Avec collecte de données documentée : {count} (éditeur {vendor}, autorité {regulator}, action en justice {lawsuit})",
    ),
    "kb_mappings": (
        "Data types: {data_types} · Android permissions mapped: {permissions}",
        "Types de données : {data_types} · Autorisations Android décrites : {permissions}",
    ),
    "kb_by_category": ("By category", "Par catégorie"),
    "kb_by_kind": ("Companies by kind", "Entreprises par type"),
    "kb_by_parent": (
        "Tracker SDKs by parent company (top 15)",
        "SDK par maison mère (15 premières)",
    ),
    "kb_ios": ("With iOS signatures: {count}", "Avec signatures iOS : {count}"),
    "kb_overlay": (
        "Imported εxodus list: {count} trackers ({added} new, {extended} with extra signatures), "
        "imported {when} from {source}",
        "Liste εxodus importée : {count} traceurs ({added} nouveaux, {extended} avec des signatures "
        "en plus), importée le {when} depuis {source}",
    ),
    "kb_imported": (
        "Imported {count} trackers from {source}: {added} new, {extended} known ones with extra signatures.",
        "{count} traceurs importés depuis {source} : {added} nouveaux, {extended} déjà connus avec des "
        "signatures en plus.",
    ),
    "kb_reset": (
        "The imported list is gone: back to the bundled knowledge base.",
        "La liste importée est supprimée : retour à la base de connaissances d'origine.",
    ),
    "kb_reset_nothing": (
        "No imported list: the bundled knowledge base is in use.",
        "Aucune liste importée : la base de connaissances d'origine est utilisée.",
    ),
    "kb_update_ask": (
        "Download the current tracker list from {url}? Nothing about you or your apps is sent. [y/N]",
        "Télécharger la liste actuelle des traceurs depuis {url} ? Rien sur vous ni sur vos applis "
        "n'est envoyé. [o/N]",
    ),
    "kb_update_off": (
        "Online updates are off. Allow them with: kb update --consent yes",
        "Les mises à jour en ligne sont désactivées. Autorisez-les avec : kb update --consent yes",
    ),
    "lookup_ask": (
        "Ask εxodus (reports.exodus-privacy.eu.org) about listed apps we have not scanned? Only their package "
        "names are sent. [y/N]",
        "Interroger εxodus (reports.exodus-privacy.eu.org) sur les applis listées que nous n'avons pas analysées ? "
        "Seuls leurs noms de paquet sont envoyés. [o/N]",
    ),
    "lookup_off": (
        "Online look-ups are off. Allow them with: scan LIST --lookup --consent yes",
        "Les recherches en ligne sont désactivées. Autorisez-les avec : scan LISTE --lookup --consent yes",
    ),
    "token_prompt": ("εxodus API token: ", "Jeton de l'API εxodus : "),
    "token_stored": ("The token is stored in {where}.", "Le jeton est enregistré dans {where}."),
    "token_absent": ("No token is stored.", "Aucun jeton n'est enregistré."),
    "token_cleared": ("The token was removed from {where}.", "Le jeton a été supprimé de {where}."),
    "token_none_keyring": (
        "No system keyring is available, so the token cannot be stored safely; this feature stays off.",
        "Aucun trousseau système n'est disponible : le jeton ne peut pas être enregistré en sécurité, "
        "cette fonction reste désactivée.",
    ),
    "store_recovered": (
        "Your history database was damaged; it was moved to {path} and a fresh one was started.",
        "Votre base d'historique était endommagée ; elle a été déplacée vers {path} et une nouvelle a été créée.",
    ),
    "history_saved": (
        "Saved to history as scan #{scan_id}.",
        "Enregistré dans l'historique : analyse n°{scan_id}.",
    ),
    "history_empty": ("No scan saved yet.", "Aucune analyse enregistrée pour l'instant."),
    "history_line": (
        "#{id}  {when}  {apps} apps · {trackers} trackers · score {score}  ({inputs})",
        "n°{id}  {when}  {apps} applis · {trackers} traceurs · score {score}  ({inputs})",
    ),
    "history_unknown": ("There is no scan #{scan_id}.", "Il n'y a pas d'analyse n°{scan_id}."),
    "history_deleted": (
        "{count} scan(s) deleted for good.",
        "{count} analyse(s) supprimée(s) définitivement.",
    ),
    "diff_heading": (
        "From scan #{older} to scan #{newer} (score {before} → {after}):",
        "De l'analyse n°{older} à l'analyse n°{newer} (score {before} → {after}) :",
    ),
    "diff_none": ("Nothing changed.", "Rien n'a changé."),
    "diff_app_added": ("new app: {app}", "nouvelle appli : {app}"),
    "diff_app_removed": ("app gone: {app}", "appli disparue : {app}"),
    "diff_trackers_appeared": (
        "{app}: new trackers {trackers}",
        "{app} : nouveaux traceurs {trackers}",
    ),
    "diff_trackers_gone": (
        "{app}: trackers gone {trackers}",
        "{app} : traceurs disparus {trackers}",
    ),
    "diff_company_new": (
        "new company receiving data: {company}",
        "nouvelle entreprise destinataire : {company}",
    ),
    "diff_company_gone": (
        "company no longer receiving data: {company}",
        "entreprise qui ne reçoit plus de données : {company}",
    ),
    "letter_send_to": ("Send it to: {channel}", "À envoyer à : {channel}"),
    "group_summary": (
        "{group} can receive data from {your_apps}: {apps}",
        "{group} peut recevoir des données de {your_apps} : {apps}",
    ),
    "group_worst": ("{data} through {count} of them", "{data} par {count} d'entre elles"),
    "groups_heading": ("Who can receive your data", "Qui peut recevoir vos données"),
    "score_heading": ("Exposure score", "Score d'exposition"),
    "actions_heading": ("What you can do", "Ce que vous pouvez faire"),
    "action.revoke_permission": (
        "Take back the {permission} permission: Settings → Apps → {app} → Permissions.",
        "Retirez l'autorisation {permission} : Paramètres → Applications → {app} → Autorisations.",
    ),
    "action.revoke_permission_apple": (
        "Take back what {app} asked for with {permission}: Settings → {app} on an iPhone, or System Settings → Privacy & Security on a Mac.",
        "Retirez ce que {app} a demandé avec {permission} : Réglages → {app} sur un iPhone, ou Réglages Système → Confidentialité et sécurité sur un Mac.",
    ),
    "action.reset_advertising_id": (
        "Delete your advertising ID: Settings → Privacy → Ads → Delete advertising ID.",
        "Supprimez votre identifiant publicitaire : Paramètres → Confidentialité → Annonces → "
        "Supprimer l'identifiant publicitaire.",
    ),
    "action.limit_tracking": (
        "Refuse tracking: Settings → Privacy & Security → Tracking → turn off “Allow Apps to Request to Track”.",
        "Refusez le suivi : Réglages → Confidentialité et sécurité → Suivi → désactivez « Autoriser les "
        "demandes de suivi ».",
    ),
    "action.uninstall_or_replace": (
        "If you can do without {app}, uninstall it, or choose an alternative without ad or location trackers.",
        "Si vous pouvez vous passer de {app}, désinstallez-la, ou choisissez une alternative sans traceurs "
        "publicitaires ni de localisation.",
    ),
    "action.data_request": (
        "Ask {company} what it holds about you, or to delete it: “letter {company_id}” writes the request; send it to {url}.",
        "Demandez à {company} ce qu'elle détient sur vous, ou de l'effacer : « letter {company_id} » rédige "
        "la demande ; envoyez-la à {url}.",
    ),
    "action.opt_out": (
        "Opt out of {company}'s tracking: {url}",
        "Refusez le pistage de {company} : {url}",
    ),
    "device_none": (
        "No phone found. On the phone: Settings → About phone → tap “Build number” seven times, then "
        "Settings → System → Developer options → turn on “USB debugging”; plug the cable in and accept the prompt.",
        "Aucun téléphone trouvé. Sur le téléphone : Paramètres → À propos du téléphone → touchez sept fois "
        "« Numéro de build », puis Paramètres → Système → Options pour les développeurs → activez « Débogage USB » ; "
        "branchez le câble et acceptez la demande.",
    ),
    "device_state.device": ("ready", "prêt"),
    "device_state.unauthorized": (
        "The phone has not allowed this computer yet: unlock it and accept “Allow USB debugging?”.",
        "Le téléphone n'a pas encore autorisé cet ordinateur : déverrouillez-le et acceptez « Autoriser le débogage USB ? ».",
    ),
    "device_state.offline": (
        "The phone is connected but not answering: unplug the cable and plug it in again.",
        "Le téléphone est connecté mais ne répond pas : débranchez le câble puis rebranchez-le.",
    ),
    "device_state.no permissions": (
        "This computer may not talk to the phone (USB permissions): see the README's Linux notes.",
        "Cet ordinateur n'a pas le droit de parler au téléphone (droits USB) : voir les notes Linux du README.",
    ),
    "device_choose": (
        "Several phones are connected; choose one with --serial: {serials}",
        "Plusieurs téléphones sont connectés ; choisissez-en un avec --serial : {serials}",
    ),
    "device_scanned": (
        "{count} apps checked on the phone ({seconds} s spent waiting on the phone).",
        "{count} applis vérifiées sur le téléphone ({seconds} s passées à attendre le téléphone).",
    ),
    # Error codes (checker.errors) — what went wrong with a file, then the detail
    "error.input": ("This input cannot be used", "Cette entrée ne peut pas être utilisée"),
    "error.not_found": ("No such file or folder", "Fichier ou dossier introuvable"),
    "error.unreadable": ("The file cannot be read", "Le fichier ne peut pas être lu"),
    "error.unsupported": (
        "Not a kind of file this app can check",
        "Ce type de fichier ne peut pas être vérifié",
    ),
    "error.malformed": (
        "The file is damaged or not what its name says",
        "Le fichier est abîmé ou n'est pas ce que son nom indique",
    ),
    "error.truncated": ("The file is incomplete (cut short)", "Le fichier est incomplet (tronqué)"),
    "error.not_zip": (
        "Not a zip archive, so not an app package",
        "Ce n'est pas une archive zip, donc pas un paquet d'appli",
    ),
    "error.encrypted": (
        "The archive is encrypted or password-protected",
        "L'archive est chiffrée ou protégée par un mot de passe",
    ),
    "error.limit": (
        "The file exceeds a safety limit and looks hostile",
        "Le fichier dépasse une limite de sécurité et semble malveillant",
    ),
    "error.split_without_base": (
        "A split APK without its base APK",
        "Un APK partiel sans son APK de base",
    ),
    "error.cancelled": ("Cancelled", "Annulé"),
    "error.knowledge": ("The knowledge base is invalid", "La base de connaissances est invalide"),
    "error.internal": (
        "An unexpected problem occurred while reading this file",
        "Un problème inattendu est survenu pendant la lecture de ce fichier",
    ),
    "error.network": ("The download failed", "Le téléchargement a échoué"),
    "error.consent_required": (
        "This online action needs your permission first",
        "Cette action en ligne demande d'abord votre accord",
    ),
    "error.import_refused": (
        "This tracker list was refused and nothing changed",
        "Cette liste de traceurs a été refusée et rien n'a changé",
    ),
    "error.unsafe_pattern": (
        "This tracker list was refused: one of its signatures is not a plain class-name pattern",
        "Cette liste de traceurs a été refusée : l'une de ses signatures n'est pas un simple motif de nom de classe",
    ),
    "error.unknown_company": (
        "No single company matches; try one of these ids",
        "Aucune entreprise ne correspond de façon unique ; essayez l'un de ces identifiants",
    ),
    "error.token_needed": (
        "Online look-ups need your εxodus API token: kb token set",
        "Les recherches en ligne demandent votre jeton d'API εxodus : kb token set",
    ),
    "error.no_keyring": ("No usable system keyring", "Aucun trousseau système utilisable"),
    "error.skipped_lines": (
        "Read, but some lines were damaged and skipped",
        "Lu, mais certaines lignes abîmées ont été ignorées",
    ),
    "error.adb": (
        "The phone did not answer as expected",
        "Le téléphone n'a pas répondu comme prévu",
    ),
    "error.adb_missing": (
        "adb is not installed: on Debian/Ubuntu “sudo apt install adb”; elsewhere install Android SDK "
        "Platform-Tools from developer.android.com",
        "adb n'est pas installé : sur Debian/Ubuntu « sudo apt install adb » ; ailleurs, installez les "
        "Android SDK Platform-Tools depuis developer.android.com",
    ),
    "error.device_gone": (
        "The phone was disconnected; what was read before is kept, run it again to resume",
        "Le téléphone a été déconnecté ; ce qui a été lu est conservé, relancez pour reprendre",
    ),
    "error.adb_timeout": ("The phone stopped answering", "Le téléphone ne répond plus"),
    "error.error": ("Error", "Erreur"),
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
