"""Words for error codes (checker.errors): what went wrong with a file, in EN and FR.

Merged into ``wording.MESSAGES``; ``wording.error_message`` adds the technical detail.
"""

from __future__ import annotations

ERROR_MESSAGES: dict[str, tuple[str, str]] = {
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
}
