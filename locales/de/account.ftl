# The signed-in account's pages: home, settings, onboarding, teams, two-step
# verification, the Terms of Use, and what the account rules say about a form.
# Every message may use { $product }, the operator's product name.

# Home (/).
home-title = Ihr Konto
home-photo-alt = Ihr Foto
home-hello = Hallo { $name }
home-settings = Einstellungen
home-settings-about = Name, Foto, E-Mail-Adresse, Passwort, Sitzungen
home-teams = Teams
home-teams-count =
    { $count ->
        [one] { $count } Team
       *[other] { $count } Teams
    }

# Settings (/settings).
settings-title = Einstellungen
settings-profile-heading = Profil
settings-photo-alt = Ihr Foto
settings-username = Nutzername: { $username }
settings-name = Name
settings-photo = Foto
settings-photo-hint = PNG, JPEG oder WebP, bis zu 5 MB.
settings-save-profile = Profil speichern
settings-email-heading = E-Mail-Adresse
# Around the address in bold: „Ihre E-Mail-Adresse lautet <address> (nicht bestätigt).“
settings-email-is = Ihre E-Mail-Adresse lautet
settings-email-not-confirmed = (nicht bestätigt)
settings-new-email = Neue E-Mail-Adresse
settings-current-password = Aktuelles Passwort
settings-email-hint = Wir senden einen Link an die neue Adresse. Die Änderung wird wirksam, sobald Sie ihn öffnen.
settings-change-email = E-Mail-Adresse ändern
settings-password-heading = Passwort
settings-new-password = Neues Passwort
settings-change-password = Passwort ändern
settings-two-step-heading = Bestätigung in zwei Schritten
# Around „aktiviert“ in bold: „Die Bestätigung in zwei Schritten ist <aktiviert>. Bei der Anmeldung …“, then codes-left.
settings-two-step-is = Die Bestätigung in zwei Schritten ist
settings-two-step-on = aktiviert
settings-two-step-on-detail = . Bei der Anmeldung wird ein Code aus Ihrer Authenticator-App abgefragt.
# How many unused recovery codes the account has (after settings-two-step-on-detail).
codes-left =
    { $count ->
        [one] Sie haben noch { $count } Wiederherstellungscode.
       *[other] Sie haben noch { $count } Wiederherstellungscodes.
    }
settings-disable-password = Passwort
settings-disable-code = Code
settings-turn-off-two-step = Bestätigung in zwei Schritten deaktivieren
settings-new-codes-hint = Neue Wiederherstellungscodes ersetzen alle bisherigen.
settings-new-codes = Neue Wiederherstellungscodes
settings-two-step-off = Schützen Sie Ihr Konto zusätzlich zu Ihrem Passwort mit einem Code aus einer Authenticator-App.
settings-set-up-two-step = Bestätigung in zwei Schritten einrichten
settings-methods-heading = Anmeldemethoden
settings-method-password = Passwort
settings-password-set = Festgelegt
settings-password-not-set = Nicht festgelegt – über „Probleme bei der Anmeldung?“ festlegen
settings-unlink = Trennen
settings-unlink-label = Verknüpfung mit { $name } trennen
settings-sessions-heading = Wo Sie angemeldet sind
settings-session-signed-in = Angemeldet am { $when }
settings-session-this-browser = dieser Browser
settings-session-sign-out = Abmelden
settings-session-sign-out-label = { $device } abmelden, angemeldet am { $when }
settings-same-email = Das ist bereits Ihre E-Mail-Adresse.
settings-wrong-password = Das aktuelle Passwort ist nicht richtig.
settings-only-method = Dies ist Ihre einzige Anmeldemethode. Legen Sie ein Passwort fest („Probleme bei der Anmeldung?“), bevor Sie sie entfernen.
settings-method-not-linked = Diese Anmeldemethode ist nicht verknüpft.

# What Settings says after a change (/settings?done=… or ?error=…).
notice-profile-saved = Ihr Profil wurde gespeichert.
notice-email-link-sent = Wir haben einen Link an die neue Adresse gesendet. Ihre E-Mail-Adresse wird geändert, sobald Sie ihn öffnen.
notice-password-changed = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden abgemeldet.
notice-session-ended = Diese Sitzung wurde abgemeldet.
notice-method-unlinked = Diese Anmeldemethode wurde entfernt.
notice-two-step-off = Die Bestätigung in zwei Schritten ist deaktiviert.
notice-two-step-wrong = Das war nicht richtig, daher ist die Bestätigung in zwei Schritten weiterhin aktiviert.

# Onboarding, step 1: the profile (/onboarding/profile).
onboarding-profile-title = Profil einrichten
onboarding-profile-step = Schritt 1 von 2
onboarding-name = Name
onboarding-photo = Foto
onboarding-photo-hint = PNG, JPEG oder WebP, bis zu 5 MB.

# Onboarding, step 2: a team (/onboarding/team).
onboarding-team-title = Team erstellen
onboarding-team-step = Schritt 2 von 2 · optional
onboarding-team-lead = Arbeiten Sie zusammen: Erstellen Sie ein Team und laden Sie Personen per E-Mail ein. Sie können das auch später erledigen.
onboarding-team-name = Teamname
onboarding-invites = Personen einladen
onboarding-invites-placeholder = ana@example.com, ben@example.com
onboarding-invites-hint = E-Mail-Adressen, getrennt durch Kommas oder Zeilenumbrüche.
onboarding-skip = Vielleicht später
onboarding-team-not-created-title = Ihr Team wurde nicht erstellt
onboarding-team-not-created = Dieses Konto hat in letzter Zeit viele Einladungen gesendet. Erstellen Sie das Team später über „Teams“ im Kontomenü.

# Teams (/teams).
teams-title = Teams
teams-none = Sie sind noch in keinem Team.
teams-role-owner = Inhaber
teams-role-member = Mitglied
teams-create-heading = Team erstellen
teams-team-name = Teamname
teams-invites = Personen einladen
teams-invites-placeholder = ana@example.com, ben@example.com
teams-create = Team erstellen
teams-not-member = Sie sind kein Mitglied dieses Teams oder das Team existiert nicht.

# One team (/teams/…).
team-members-heading = Mitglieder
team-remove = Entfernen
team-remove-label = { $username } entfernen
team-invite-heading = Mitglieder hinzufügen
team-invites = Personen einladen
team-invites-placeholder = ana@example.com, ben@example.com
team-send-invitations = Einladungen senden
team-leave = Team verlassen
team-invited = Einladungen gesendet.
team-owner-only-invite = Nur der Inhaber des Teams kann Personen einladen.
team-owner-only-remove = Nur der Inhaber des Teams kann Mitglieder entfernen.
team-owner-cannot-leave = Der Inhaber kann das Team nicht verlassen.
team-no-invites = Geben Sie mindestens eine E-Mail-Adresse ein.

# What a team's name and "Invite people" may be (team pages and onboarding).
# $address is the address as typed, in quotes.
teams-invite-not-email = { $address } ist keine E-Mail-Adresse.
teams-invite-too-many = Laden Sie höchstens { $max } Personen auf einmal ein.
teams-name-missing = Geben Sie einen Teamnamen ein.
teams-name-too-long = Der Teamname darf höchstens 100 Zeichen lang sein.
teams-name-control = Der Teamname darf keine Steuerzeichen enthalten.

# Setting up two-step verification (/settings/two-step/setup).
two-step-setup-title = Bestätigung in zwei Schritten einrichten
two-step-scan = Scannen Sie diesen QR-Code mit einer Authenticator-App (z. B. Google Authenticator, 1Password oder Aegis) und geben Sie dann den angezeigten Code ein.
two-step-qr-alt = QR-Code für Ihre Authenticator-App
two-step-by-hand = Oder geben Sie diesen Schlüssel manuell ein:
two-step-secret-label = Geheimer Schlüssel
two-step-setup-link = Einrichtungslink:
two-step-setup-link-label = Einrichtungslink
two-step-code = Code
two-step-verify = Bestätigen
two-step-wrong-code = Dieser Code ist nicht richtig. Prüfen Sie die Uhrzeit auf Ihrem Smartphone und geben Sie den aktuellen Code ein.

# The recovery codes, shown once.
two-step-codes-title = Ihre Wiederherstellungscodes
two-step-codes-heading = Die Bestätigung in zwei Schritten ist aktiviert
two-step-codes-keep = Bewahren Sie diese Wiederherstellungscodes an einem sicheren Ort auf. Mit jedem Code können Sie sich einmal anmelden, falls Sie Ihre Authenticator-App verlieren. Die Codes werden nur jetzt angezeigt.
two-step-codes-label = Wiederherstellungscodes
two-step-codes-done = Fertig

# Terms of Use (/terms), for a server whose operator set no terms_url.
terms-title = Nutzungsbedingungen
terms-use = Dieser Server von { $product } wird von seinem Betreiber betrieben, der über die Nutzung entscheidet. Nutzen Sie Ihr Konto rechtmäßig, geben Sie Ihr Passwort nicht weiter und versuchen Sie nicht, in andere Konten oder in den Dienst einzudringen.
terms-data = Der Betreiber speichert die für Ihre Anmeldung nötigen Daten (Ihre E-Mail-Adresse, Ihren Nutzernamen, Namen und Ihr Foto, den Hash Ihres Passworts, Ihre Sitzungen und ein Protokoll der Anmeldungen) und gibt sie an die Anwendungen weiter, bei denen Sie sich anmelden – beschränkt auf das, was Sie erlauben.
# Around the setting's name: „Betreiber: Verweisen Sie mit <signup.terms_url> auf Ihre eigenen Nutzungsbedingungen.“
terms-operators = Betreiber: Verweisen Sie mit
terms-operators-end = auf Ihre eigenen Nutzungsbedingungen.

# Profile photos and the profile form (settings and onboarding).
photo-too-big = Das Foto darf höchstens 5 MB groß sein.
photo-not-an-image = Das Foto muss ein PNG-, JPEG- oder WebP-Bild sein.
photo-too-many-pixels = Das Foto ist zu groß: höchstens 40 Megapixel und keine Seite länger als 8000 Pixel. Verwenden Sie ein kleineres Foto.
photo-corrupt = Das Foto konnte nicht gelesen werden. Möglicherweise ist es beschädigt.
upload-unreadable = Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.
profile-name-too-long = Ihr Name darf höchstens 100 Zeichen lang sein.
profile-not-saved = Ihr Profil konnte nicht gespeichert werden. Versuchen Sie es noch einmal.

# What a username, email address and password may be (signup, reset, settings).
# The numbers are the server's limits (account::rules).
rules-username-length = Verwenden Sie 3 bis 32 Zeichen.
rules-username-chars = Verwenden Sie nur Kleinbuchstaben, Ziffern sowie ‚.‘, ‚_‘ und ‚-‘.
rules-username-start = Beginnen Sie mit einem Buchstaben oder einer Ziffer.
rules-email-invalid = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
rules-password-short = Verwenden Sie mindestens 8 Zeichen.
rules-password-long = Verwenden Sie höchstens 1024 Zeichen.
rules-password-common = Dieses Passwort gehört zu den am häufigsten verwendeten. Wählen Sie ein anderes.
rules-password-identifier = Verwenden Sie nicht Ihren Nutzernamen oder Ihre E-Mail-Adresse als Passwort.
