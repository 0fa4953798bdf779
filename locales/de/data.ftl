# Settings: sections, connected apps, your data (issue 13 §4–6).

settings-nav-label = Bereiche der Einstellungen
settings-nav-sessions = Sitzungen
settings-nav-methods = Verknüpfte Anmeldemethoden
settings-email-pending = Wartet auf Bestätigung: { $email }
settings-email-pending-hint = Öffnen Sie den Link, den wir an diese Adresse gesendet haben, um die Änderung abzuschließen.
settings-no-password = Ihr Konto hat noch kein Passwort: Sie melden sich über eine verknüpfte Anmeldemethode an. Legen Sie ein Passwort fest, um sich auch mit Ihrem Nutzernamen oder Ihrer E-Mail-Adresse anzumelden.
settings-set-password = Passwort festlegen
settings-set-password-confirm-first = Bestätigen Sie zuerst Ihre Identität, indem Sie sich erneut anmelden.
settings-password-not-set-here = Nicht festgelegt – oben über „Passwort festlegen“ festlegen
settings-apps-heading = Verbundene Apps
settings-apps-none = Keine App hat Zugriff auf Ihr Konto.
settings-apps-intro = Diese Apps können Ihr Konto verwenden. Wenn Sie den Zugriff entfernen, wird die App abgemeldet und fragt Sie bei der nächsten Nutzung erneut.
settings-app-allowed = Erlaubt am { $when }
settings-app-last-used = Zuletzt verwendet am { $when }
settings-app-may = Sie darf:
settings-app-remove = Zugriff entfernen
settings-app-remove-label = Zugriff für { $name } entfernen
settings-data-heading = Ihre Daten
settings-download = Meine Daten herunterladen
settings-download-hint = Eine JSON-Datei mit allem, was { $product } über Sie speichert: Profil, E-Mail-Adressen, Anmeldemethoden, Teams, Sitzungen, verbundene Apps und Ihr Sicherheitsprotokoll. Sie enthält keine Passwörter oder Schlüssel.
settings-delete-heading = Konto löschen
settings-delete-hint = Löscht Ihr Konto und alles darin. Zuvor bestätigen Sie Ihre Identität.

notice-password-set = Ihr Passwort ist festgelegt. Sie können sich jetzt auch damit anmelden.
notice-app-removed = Diese App hat keinen Zugriff mehr auf Ihr Konto.

delete-lead = Damit wird das Konto { $username } endgültig gelöscht; das lässt sich nicht rückgängig machen. Entfernt werden:
delete-what-profile = Ihr Profil, Ihr Foto und Ihre E-Mail-Adressen;
delete-what-sign-in = Ihr Passwort, die Bestätigung in zwei Schritten, verknüpfte Anmeldemethoden und Ihre Sitzungen in allen Browsern;
delete-what-apps = die Apps, denen Sie den Zugriff erlaubt haben, samt diesem Zugriff;
delete-what-teams = Ihre Mitgliedschaften in Teams anderer Personen.
delete-no-owned-teams = Ihnen gehören keine Teams.
delete-owned-teams = Diese Teams gehören Ihnen. Sie werden mit Ihrem Konto gelöscht, und ihre Mitglieder verlieren sie:
delete-team-members =
    { $count ->
        [one] { $count } Mitglied
       *[other] { $count } Mitglieder
    }
delete-log-kept = Das Sicherheitsprotokoll behält seine Einträge zu den Anmeldungen und Änderungen Ihres Kontos, bis sie ablaufen.
delete-username = Nutzername
delete-username-hint = Geben Sie zur Bestätigung Ihren Nutzernamen ein: { $username }
delete-submit = Mein Konto löschen
delete-wrong-username = Das ist nicht Ihr Nutzername. Geben Sie ihn genau so ein, wie er angezeigt wird.
deleted-title = Ihr Konto ist gelöscht
deleted-message = Das Konto { $username } und seine Daten sind gelöscht.

mail-password-set-subject = Für Ihr Konto bei { $product } wurde ein Passwort festgelegt
mail-password-set-body = Für Ihr Konto { $username } bei { $product } wurde soeben ein Passwort festgelegt. Sie können sich jetzt auch damit anmelden.
mail-account-deleted-subject = Ihr Konto bei { $product } wurde gelöscht
mail-account-deleted-body = Ihr Konto { $username } bei { $product } und seine Daten wurden gelöscht, wie in den Einstellungen des Kontos verlangt.
mail-account-deleted-not-you = Wenn Sie das nicht waren, wenden Sie sich umgehend an den Betreiber von { $product }.
