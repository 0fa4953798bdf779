# Shared by every page: the frame, the account menu, error pages.
# Every message may use { $product }, the operator's product name.

language-name = Deutsch
language-label = Sprache
language-apply = Ändern
page-title-suffix = { $product }
footer-help = Hilfe
footer-privacy = Datenschutz
skip-to-content = Zum Inhalt springen

# The account menu (SPEC §5).
menu-label = Konten
menu-button = Kontomenü
menu-settings = Einstellungen
menu-teams = Teams
menu-switch-to = Zu { $name } ({ $email }) wechseln
menu-add-account = Weiteres Konto hinzufügen
menu-sign-out = Abmelden
menu-sign-out-all = Von allen Konten abmelden

# Error pages: plain words and a way forward.
error-back-home = Zu Ihrem Konto
error-try-again = Erneut versuchen
error-details = Details für Entwickler
error-failed-title = Das hat nicht funktioniert
error-not-found-title = Seite nicht gefunden
error-not-found = Unter dieser Adresse gibt es nichts.
error-internal-title = Etwas ist schiefgelaufen
error-internal = { $product } konnte diese Anfrage nicht ausführen. Bitte versuchen Sie es gleich noch einmal.
error-unreadable-form = Dieses Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.
error-unreadable-address = Diese Adresse konnte nicht gelesen werden.
error-csrf = Dieses Formular ist abgelaufen oder wurde nicht von { $product } gesendet. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.
error-csrf-title = Bitte senden Sie das Formular erneut
error-too-many-title = Zu viele Versuche
error-too-many = Zu viele Versuche von hier aus. Warten Sie { $seconds } Sekunden und versuchen Sie es dann noch einmal.
error-rendering = Die Seite konnte nicht angezeigt werden.

request-unavailable-title = Diese Anmeldung wurde in einem anderen Browser gestartet oder ist abgelaufen
request-unavailable = Zu Ihrer Sicherheit lässt sich eine Anmeldung nur in dem Browser fortsetzen, in dem sie gestartet wurde, und höchstens eine Stunde lang. Kehren Sie zur Anwendung zurück und melden Sie sich in diesem Browser erneut an.
request-unavailable-back = Zurück zu { $client }
request-unavailable-sign-in = In Ihrem Konto anmelden

check-email-title = Prüfen Sie Ihre E-Mails
check-email = Wir haben einen Link an { $email } gesendet. Öffnen Sie ihn, um Ihre Adresse zu bestätigen und die Erstellung Ihres Kontos abzuschließen. Der Link ist 24 Stunden lang gültig.
check-email-back = Zurück zur Anmeldung

form-sending = Wird gesendet…
password-show = Passwort anzeigen
password-hide = Passwort ausblenden
cancel = Abbrechen
continue = Weiter

# A browser and system as people name them ("Chrome on Android"); the names of
# browsers and systems are not translated.
device-a-browser = Ein Browser
device-on = { $browser } unter { $os }

# A form sent after its page's token expired (the browser lost its cookie): what
# was typed is shown again, secrets are asked for again.
form-expired-title = Noch einmal senden?
form-expired = Diese Seite war lange geöffnet oder die Cookies Ihres Browsers wurden gelöscht, daher konnte das Formular nicht gesendet werden. Ihre Eingaben sind erhalten: Prüfen Sie sie und senden Sie sie erneut.
form-expired-password = Passwort
form-expired-new-password = Neues Passwort
form-expired-current = Aktuelles Passwort
form-expired-code = Code
form-expired-send = Erneut senden
form-expired-cancel = Abbrechen
