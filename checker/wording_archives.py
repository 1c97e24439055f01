"""Words for what data-export archives show (Google Takeout, Meta, Amazon, Apple), EN and FR.

Merged into ``wording.MESSAGES``; the same both-languages test covers them.
"""

from __future__ import annotations

ARCHIVE_MESSAGES: dict[str, tuple[str, str]] = {
    "archives_read.one": ("{count} data export read", "{count} export de données lu"),
    "archives_read.other": ("{count} data exports read", "{count} exports de données lus"),
    "archives_heading": ("What your data exports show", "Ce que montrent vos exports de données"),
    "archive.google_takeout": ("Google Takeout", "Google Takeout"),
    "archive.meta": ("Meta: Download your information", "Meta : télécharger vos informations"),
    "archive.amazon": ("Amazon: Request your data", "Amazon : demander vos données"),
    "archive.apple": ("Apple: Data & Privacy", "Apple : Données et confidentialité"),
    "archive_from": ("Read from {path}", "Lu depuis {path}"),
    "archive_members": ("Files read inside it: {files}", "Fichiers lus à l'intérieur : {files}"),
    "archive_shows": ("What it shows", "Ce qu'il montre"),
    "archive_reveals": ("What it reveals about you", "Ce qu'il révèle sur vous"),
    "archive_actions": ("What you can do", "Ce que vous pouvez faire"),
    "shows.google_takeout": (
        "Google keeps a list of every Android app your account installed or acquired, on which"
        " device and when, even apps you removed years ago.",
        "Google conserve la liste de toutes les applis Android installées ou acquises avec votre"
        " compte, sur quel appareil et quand, même celles supprimées depuis des années.",
    ),
    "shows.meta": (
        "Apps and websites that use Meta's tools (the Facebook SDK, the Meta pixel) can tell Meta"
        " what you do in them, even when you are not using Facebook or Instagram; advertisers"
        " can reach you with data about you, some of it from lists they uploaded.",
        "Les applis et sites qui utilisent les outils de Meta (SDK Facebook, pixel Meta) peuvent"
        " signaler à Meta ce que vous y faites, même hors de Facebook et d'Instagram ; des"
        " annonceurs peuvent vous cibler avec des données sur vous, parfois issues de listes"
        " qu'ils ont téléversées.",
    ),
    "shows.amazon": (
        "Amazon keeps the advertising audiences it sorts you into, the words you searched for"
        " and everything you ordered. This is what Amazon holds about you, and what an insider"
        " with access could sell: reported cases involved customers' e-mail addresses,"
        " purchase habits and search keywords.",
        "Amazon conserve les audiences publicitaires dans lesquelles il vous classe, les mots"
        " que vous avez cherchés et tout ce que vous avez commandé. C'est ce qu'Amazon détient"
        " sur vous, et ce qu'une personne ayant accès pourrait revendre : des affaires"
        " rapportées portaient sur les e-mails, habitudes d'achat et recherches de clients.",
    ),
    "shows.apple": (
        "Apple keeps the history of every app your Apple Account downloaded, re-downloaded or"
        " updated, with dates.",
        "Apple conserve l'historique de chaque appli téléchargée, retéléchargée ou mise à jour"
        " avec votre compte Apple, avec les dates.",
    ),
    "reveals.google_takeout": (
        "Your app list alone can reveal health conditions, religion, dating, money troubles or"
        " the places you go, depending on the apps.",
        "La seule liste de vos applis peut révéler santé, religion, rencontres, difficultés"
        " financières ou lieux fréquentés, selon les applis.",
    ),
    "reveals.meta": (
        "Meta can link these events to your account: what you browse, buy and search for"
        " outside its apps, and when.",
        "Meta peut relier ces événements à votre compte : ce que vous consultez, achetez et"
        " cherchez hors de ses applis, et quand.",
    ),
    "reveals.amazon": (
        "Audiences and searches describe your interests, health, family and finances;"
        " third-party audiences mean that someone other than Amazon gave Amazon data about you.",
        "Audiences et recherches décrivent vos centres d'intérêt, votre santé, votre famille et"
        " vos finances ; les audiences de tiers signifient que quelqu'un d'autre qu'Amazon lui a"
        " fourni des données sur vous.",
    ),
    "reveals.apple": (
        "Your app history can reveal health conditions, religion, dating or money troubles,"
        " depending on the apps.",
        "Votre historique d'applis peut révéler santé, religion, rencontres ou difficultés"
        " financières, selon les applis.",
    ),
    "action.google_takeout": (
        "Review and delete your activity at myactivity.google.com; remove old devices from"
        " your Google Account; uninstall apps you no longer use.",
        "Vérifiez et supprimez votre activité sur myactivity.google.com ; retirez les anciens"
        " appareils de votre compte Google ; désinstallez les applis inutilisées.",
    ),
    "action.meta": (
        "In Accounts Center → Your information and permissions → Your activity off Meta"
        " technologies: clear the history and turn off future activity.",
        "Dans l'Espace Comptes → Vos informations et autorisations → Votre activité en dehors"
        " des technologies Meta : effacez l'historique et désactivez l'activité future.",
    ),
    "action.amazon": (
        "Turn off interest-based ads at amazon.com/adprefs, delete your browsing and search"
        " history in your account, and ask Amazon to delete what it holds.",
        "Désactivez les publicités ciblées sur amazon.com/adprefs, supprimez votre historique de"
        " navigation et de recherche dans votre compte, et demandez à Amazon d'effacer ce qu'il"
        " détient.",
    ),
    "action.apple": (
        "Hide purchases you do not want listed, and review what Apple holds at privacy.apple.com.",
        "Masquez les achats que vous ne voulez plus voir listés, et vérifiez ce qu'Apple détient"
        " sur privacy.apple.com.",
    ),
    "action_letter": (
        "Ask {company} for a copy or for deletion: python main.py letter {company_id}"
        " --request erasure",
        "Demandez à {company} une copie ou l'effacement : python main.py letter {company_id}"
        " --request erasure --lang fr",
    ),
    "action_letter_app": (
        "Write to {company} to ask for a copy or for deletion…",
        "Écrire à {company} pour demander une copie ou l'effacement…",
    ),
    "holding_line": ("{label}: {count}{span}", "{label} : {count}{span}"),
    "holding_span": (" ({first} → {last})", " ({first} → {last})"),
    "holding_examples": ("e.g. {samples}", "p. ex. {samples}"),
    "holding.installed_apps": ("Apps installed or acquired", "Applis installées ou acquises"),
    "holding.devices": ("Devices", "Appareils"),
    "holding.store_transactions": ("Store transactions", "Transactions sur le Store"),
    "holding.shared_activity": (
        "Apps and sites that sent your activity",
        "Applis et sites ayant transmis votre activité",
    ),
    "holding.shared_events": ("Events they sent", "Événements transmis"),
    "holding.advertisers_using_your_data": (
        "Advertisers that reached you with data about you",
        "Annonceurs qui vous ont ciblé avec des données sur vous",
    ),
    "holding.advertisers_with_your_list": (
        "Advertisers that uploaded a list with your information (someone else gave Meta data"
        " about you)",
        "Annonceurs ayant téléversé une liste contenant vos informations (quelqu'un d'autre a"
        " fourni vos données à Meta)",
    ),
    "holding.advertisers_store_visits": (
        "Advertisers that told Meta you visited their shop",
        "Annonceurs ayant signalé à Meta votre visite en magasin",
    ),
    "holding.ad_audiences_amazon": (
        "Amazon's own advertising audiences you are in",
        "Audiences publicitaires d'Amazon dont vous faites partie",
    ),
    "holding.ad_audiences_advertisers": (
        "Advertisers that brought an audience you are in",
        "Annonceurs ayant apporté une audience dont vous faites partie",
    ),
    "holding.ad_audiences_third_party": (
        "Audiences third parties put you in (someone else gave Amazon data about you)",
        "Audiences de tiers dont vous faites partie (quelqu'un d'autre a fourni vos données"
        " à Amazon)",
    ),
    "holding.advertiser_clicks": (
        "Advertisers whose ads you clicked",
        "Annonceurs dont vous avez cliqué les publicités",
    ),
    "holding.search_keywords": ("Searches kept", "Recherches conservées"),
    "holding.orders": ("Items ordered", "Articles commandés"),
    "holding.digital_orders": ("Digital orders", "Commandes numériques"),
    "installs_heading": ("Apps it lists ({count})", "Applis listées ({count})"),
    "shared_heading": (
        "Who sent your activity to Meta ({count})",
        "Qui a transmis votre activité à Meta ({count})",
    ),
    "shared_line": (
        "{name}: {events} ({first} → {last}): {kinds}",
        "{name} : {events} ({first} → {last}) : {kinds}",
    ),
    "match.given": ("{id} (ID in the export)", "{id} (identifiant dans l'export)"),
    "match.exact": ("{id}", "{id}"),
    "match.normalised": ("{id} (same name)", "{id} (même nom)"),
    "match.prefix": (
        "probably {id} (the name before its subtitle)",
        "probablement {id} (le nom avant son sous-titre)",
    ),
    "match.fuzzy": (
        "probably {id} ({confidence}% alike)",
        "probablement {id} (ressemblance {confidence} %)",
    ),
    "match.ambiguous": ("could be {ids}", "pourrait être {ids}"),
    "match.none": ("no app of this name known", "aucune appli connue sous ce nom"),
    "store.android": ("Google Play", "Google Play"),
    "store.ios": ("App Store", "App Store"),
    "store.macos": ("Mac App Store", "Mac App Store"),
    "store.unknown": ("Store", "Store"),
    "error.duplicate": (
        "The archive holds this file twice",
        "L'archive contient ce fichier en double",
    ),
    "error.bad_encoding": (
        "The file is not valid UTF-8 text; unreadable characters were replaced",
        "Le fichier n'est pas du texte UTF-8 valide ; les caractères illisibles ont été remplacés",
    ),
    "more_items": ("… and {count} more", "… et {count} de plus"),
}
