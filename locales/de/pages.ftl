# Sign-in pages: captcha, confirmation, errors, two-step setup (issue 13 §4).
# Every message may use { $product }, the operator's product name.

captcha-checking = Wird geprüft…
captcha-checking-progress = Wird geprüft… { $percent } %
captcha-progress-label = Fortschritt der Roboterprüfung
captcha-verified = Geprüft
captcha-failed = Die Prüfung ist fehlgeschlagen. Setzen Sie das Häkchen erneut, um es noch einmal zu versuchen.
captcha-tick-first = Setzen Sie zuerst das Häkchen bei „Ich bin kein Roboter“.
captcha-wait = Das Formular wird gesendet, sobald die Prüfung fertig ist.

confirm-done-sign-in = Ihre E-Mail-Adresse ist bestätigt. Melden Sie sich an, um fortzufahren.

check-email-resend-intro = Nach ein paar Minuten noch keine E-Mail? Sehen Sie im Spam-Ordner nach, oder lassen Sie den Link erneut senden.
check-email-resend = Erneut senden
check-email-resent = Falls { $email } auf die Bestätigung wartet, haben wir einen neuen Link dorthin gesendet. Er gilt 24 Stunden; frühere Links gelten nicht mehr.

back-to-sign-in = Zurück zur Anmeldung

authorize-invalid-title = Dieser Anmeldelink ist ungültig
authorize-unknown-app = Die App, die Sie hierher geschickt hat, ist { $product } nicht bekannt. Über diesen Link können Sie sich daher nicht bei ihr anmelden. Gehen Sie zurück zur App und versuchen Sie es erneut; passiert es wieder, wenden Sie sich an den Support der App.
authorize-bad-return = Die App, die Sie hierher geschickt hat, hat eine Rückkehradresse angegeben, die { $product } für sie nicht kennt. Die Anmeldung kann daher nicht weitergehen. Gehen Sie zurück zur App und versuchen Sie es erneut; passiert es wieder, wenden Sie sich an den Support der App.
authorize-bad-request = Die App, die Sie hierher geschickt hat, hat eine Anfrage gestellt, die { $product } nicht annehmen kann. Die Anmeldung kann daher nicht beginnen. Gehen Sie zurück zur App und versuchen Sie es erneut; passiert es wieder, wenden Sie sich an den Support der App.
back-to-app = Zurück zu { $client }

request-expired-title = Diese Anmeldeanfrage ist abgelaufen
request-expired = Eine bei { $client } begonnene Anmeldung wartet eine Stunde lang. Gehen Sie zurück zu { $client } und melden Sie sich dort erneut an.

logout-invalid-title = Dieser Abmeldelink ist ungültig
logout-invalid = Die App, die Sie hierher geschickt hat, wollte Sie auf eine Weise abmelden, die { $product } nicht annehmen kann. Sie sind weiterhin angemeldet. Gehen Sie zurück zur App, oder melden Sie sich über das Kontomenü ab.

reset-ask-again = Neuen Link anfordern
confirm-invalid-sign-in = Anmelden und neuen Link erhalten
confirm-superseded-settings = Zu den Einstellungen

login-add-before = Sie sind angemeldet als
login-add-after = . Melden Sie sich mit einem weiteren Konto an, um es diesem Browser hinzuzufügen; Sie bleiben mit diesem angemeldet.

copy = Kopieren
copied = Kopiert
copy-failed = Kopieren nicht möglich. Markieren Sie den Text und kopieren Sie ihn selbst.
two-step-copy-key = Schlüssel kopieren
two-step-codes-copy = Wiederherstellungscodes kopieren
two-step-codes-download = Herunterladen
two-step-codes-download-label = Wiederherstellungscodes als Textdatei herunterladen
two-step-codes-file-heading = { $product }-Wiederherstellungscodes für { $account }
two-step-codes-file-note = Jeder Code meldet Sie einmal an, anstelle eines Codes aus Ihrer Authenticator-App. Bewahren Sie diese Datei sicher auf.
