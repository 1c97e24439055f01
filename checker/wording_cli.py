"""Words for progress and the command line (scan, device, kb, history, letter), EN and FR.

Merged into ``wording.MESSAGES``; the same both-languages test covers them.
"""

from __future__ import annotations

CLI_MESSAGES: dict[str, tuple[str, str]] = {
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
}
