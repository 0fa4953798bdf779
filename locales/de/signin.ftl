# Signing in, signing up and what comes with it: the pages before an account is
# in use. Every message may use { $product }, the operator's product name.
# Where a sentence holds markup (a name in bold, a link), it is split around it:
# "-before" / "-after" parts, the markup between them.

# Shared by the sign-in pages: "Weiter zu <strong>CLIENT</strong>".
signin-continue-to = Weiter zu

# /login: "E-Mail-Adresse oder Nutzername", "Passwort", "Angemeldet bleiben", "Anmelden".
login-title = Anmelden
login-identifier = E-Mail-Adresse oder Nutzername
login-password = Passwort
login-remember = Angemeldet bleiben
login-submit = Anmelden
login-trouble = Probleme bei der Anmeldung?
login-with = Mit { $name } anmelden
login-new-here = Neu hier?
login-create-account = Konto erstellen
login-missing = Geben Sie Ihre E-Mail-Adresse oder Ihren Nutzernamen und Ihr Passwort ein.
login-too-long = Die E-Mail-Adresse, der Nutzername oder das Passwort ist zu lang.
login-too-many = Zu viele Versuche. Warten Sie { $seconds } Sekunden und versuchen Sie es dann noch einmal.
login-no-match = Diese E-Mail-Adresse bzw. dieser Nutzername und dieses Passwort passen zu keinem Konto.
login-disabled = Dieses Konto ist deaktiviert. Wenden Sie sich an Ihren Administrator.

# /login/code: the "Code" step of two-step verification.
login-code-title = Bestätigung in zwei Schritten
login-code-intro = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.
login-code-label = Code
login-code-submit = Bestätigen
login-code-someone-else = Mit einem anderen Konto anmelden
login-code-ended-title = Erneut anmelden
login-code-expired = Diese Anmeldung ist abgelaufen, wurde bereits abgeschlossen oder es wurden zu oft falsche Codes eingegeben. Kehren Sie zur Anmeldeseite zurück und beginnen Sie von vorn.
login-code-too-many = Zu viele Versuche. Warten Sie { $seconds } Sekunden und versuchen Sie es dann noch einmal.
login-code-last = Dieser Code ist nicht richtig, und das war der letzte Versuch für diese Anmeldung. Kehren Sie zur Anmeldeseite zurück, melden Sie sich erneut an und geben Sie dann den aktuellen Code ein.
login-code-wrong = Dieser Code ist nicht richtig oder wurde bereits verwendet. Geben Sie den aktuellen Code ein.

# /accounts: the account chooser ("Weiteres Konto hinzufügen" is menu-add-account).
accounts-title = Konto auswählen
accounts-gone = Dieses Konto ist hier nicht mehr angemeldet. Melden Sie sich erneut an.

# /consent: a third-party application asks for scopes.
consent-title = Zugriff erlauben
consent-heading = Zugriff für { $client } erlauben?
# "Angemeldet als <strong>ACCOUNT</strong>. <strong>CLIENT</strong> möchte:"
consent-signed-in-as-before = Angemeldet als
consent-signed-in-as-after = .
consent-asks-to = möchte:
consent-allow = Erlauben
consent-deny = Ablehnen
consent-scope-openid = Wissen, wer Sie bei { $product } sind
consent-scope-profile = Ihren Namen, Nutzernamen und Ihr Foto sehen
consent-scope-email = Ihre E-Mail-Adresse sehen
consent-scope-offline-access = Verbunden bleiben, auch wenn Sie die Anwendung nicht nutzen
consent-scope-teams = Die Teams sehen, denen Sie angehören
consent-scope-other = Eine zusätzliche Berechtigung dieser Anwendung nutzen

# /signup: "E-Mail-Adresse", "Nutzername", "Passwort", the "Nutzungsbedingungen" checkbox.
signup-title = Konto erstellen
signup-email = E-Mail-Adresse
signup-username = Nutzername
signup-username-hint = 3–32 Zeichen: a–z, 0–9, ‚.‘, ‚_‘ oder ‚-‘.
signup-password = Passwort
signup-password-hint = Mindestens 8 Zeichen.
# "Ich akzeptiere die <a>Nutzungsbedingungen</a>"
signup-terms-before = Ich akzeptiere die
signup-terms-link = Nutzungsbedingungen
signup-submit = Kostenloses Konto erstellen
signup-with = Mit { $name } registrieren
signup-have-account = Sie haben bereits ein Konto?
signup-sign-in = Anmelden
signup-username-taken = Dieser Nutzername ist bereits vergeben. Wählen Sie einen anderen.
signup-terms-required = Akzeptieren Sie die Nutzungsbedingungen, um ein Konto zu erstellen.
signup-closed-title = Die Registrierung ist geschlossen
signup-closed = Hier können keine neuen Konten erstellt werden. Bitten Sie Ihren Administrator um ein Konto.

# /confirm: the link from a confirmation or email-change message.
confirm-title = E-Mail-Adresse bestätigen
confirm-intro = Bestätigen Sie, dass diese E-Mail-Adresse Ihnen gehört.
confirm-submit = E-Mail-Adresse bestätigen
confirm-invalid-title = Dieser Link ist abgelaufen
confirm-invalid = Der Link ist ungültig, wurde bereits verwendet oder ist abgelaufen. Melden Sie sich an, um einen neuen zu erhalten.
confirm-superseded-title = Dieser Link wurde ersetzt
confirm-superseded = Ihr Konto wartet nicht mehr auf die Bestätigung dieser Adresse: Entweder wurde ein neuerer Link gesendet oder die Adresse des Kontos hat sich seitdem geändert. Verwenden Sie den neuesten Link oder fordern Sie in den Einstellungen einen neuen an.
confirm-taken-title = Diese Adresse ist vergeben
confirm-taken = Diese E-Mail-Adresse wird inzwischen von einem anderen Konto verwendet. Wählen Sie in den Einstellungen eine andere.
confirm-changed-title = Ihre E-Mail-Adresse wurde geändert
confirm-changed = Ihr Konto verwendet jetzt diese Adresse.
confirm-resend-expired-title = Erneut anmelden
confirm-resend-expired = Diese Seite ist abgelaufen. Melden Sie sich erneut an, um einen neuen Link zu erhalten.

# "Confirm your email first": a sign-in of an account not confirmed yet.
confirm-first-title = E-Mail-Adresse bestätigen
confirm-first-heading = Bestätigen Sie zuerst Ihre E-Mail-Adresse
# "Die Adresse Ihres Kontos <strong>EMAIL</strong> ist noch nicht bestätigt. …"
confirm-first-address-before = Die Adresse Ihres Kontos
confirm-first-address-after = ist noch nicht bestätigt. Öffnen Sie den Bestätigungslink, der an diese Adresse gesendet wurde, und melden Sie sich dann an.
confirm-first-no-link = Keinen Link erhalten oder ist er abgelaufen? Sehen Sie in Ihrem Spam-Ordner nach oder lassen Sie sich einen neuen senden.
confirm-first-resend = Bestätigungs-E-Mail erneut senden

# /recover ("Probleme bei der Anmeldung?"): "E-Mail-Adresse", "Ich bin kein Roboter", "Senden".
recover-title = Probleme bei der Anmeldung?
recover-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen Ihren Nutzernamen und einen Link, über den Sie ein neues Passwort festlegen können.
recover-email = E-Mail-Adresse
recover-robot = Ich bin kein Roboter
recover-submit = Senden
recover-back = Zurück zur Anmeldung
recover-sent = Falls ein Konto { $email } verwendet, haben wir an diese Adresse eine E-Mail mit dem Nutzernamen und einem Link zum Festlegen eines neuen Passworts gesendet. Der Link kann innerhalb einer Stunde einmal verwendet werden.

# The robot check of /recover, when it does not pass.
captcha-missing = Setzen Sie das Häkchen bei „Ich bin kein Roboter“ und warten Sie, bis die Prüfung abgeschlossen ist.
captcha-malformed = Die Roboterprüfung konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.
captcha-forged = Die Roboterprüfung wurde nicht von diesem Server ausgestellt.
captcha-unsolved = Die Roboterprüfung wurde nicht gelöst.
captcha-expired = Die Roboterprüfung ist abgelaufen. Setzen Sie das Häkchen bei „Ich bin kein Roboter“ erneut.
captcha-replayed = Die Roboterprüfung wurde bereits verwendet. Setzen Sie das Häkchen bei „Ich bin kein Roboter“ erneut.
captcha-rejected = Der Dienst für die Roboterprüfung hat die Antwort nicht akzeptiert.
captcha-unavailable = Der Dienst für die Roboterprüfung ist nicht erreichbar. Versuchen Sie es gleich noch einmal.

# /reset: "Neues Passwort", "Passwort zurücksetzen".
reset-title = Neues Passwort festlegen
reset-password = Neues Passwort
reset-password-hint = Mindestens 8 Zeichen.
reset-submit = Passwort zurücksetzen
reset-invalid-title = Dieser Link ist abgelaufen
reset-invalid = Der Link ist ungültig, wurde bereits verwendet oder ist abgelaufen. Fordern Sie einen neuen an.
reset-done-title = Ihr Passwort wurde festgelegt
reset-done = Sie können sich jetzt mit Ihrem neuen Passwort anmelden.
reset-sign-in = Anmelden

# /reauth ("Bestätigen Sie Ihre Identität") before a sensitive change ("Weiter",
# "Abbrechen" are common).
reauth-title = Bestätigen Sie Ihre Identität
reauth-intro-password = Für diese Änderung ist eine aktuelle Anmeldung erforderlich. Geben Sie Ihr Passwort ein, um fortzufahren.
reauth-intro-again = Für diese Änderung ist eine aktuelle Anmeldung erforderlich. Melden Sie sich erneut an, um fortzufahren.
reauth-signed-in-as = Angemeldet als { $email }
reauth-password = Passwort
reauth-code = Code
reauth-code-help = Der 6-stellige Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode.
reauth-continue-with = Weiter mit { $name }
# "… Legen Sie zuerst über <a>Probleme bei der Anmeldung?</a> ein Passwort fest."
reauth-no-way-before = Für Ihr Konto gibt es hier keine Möglichkeit, sich erneut anzumelden. Legen Sie zuerst über
reauth-no-way-link = Probleme bei der Anmeldung?
reauth-no-way-after = ein Passwort fest.
reauth-no-password = Ihr Konto hat kein Passwort: Fahren Sie mit dem Dienst fort, über den Sie sich anmelden.
reauth-wrong-password = Das Passwort ist nicht richtig. Versuchen Sie es noch einmal.
reauth-wrong-code = Der Code ist nicht richtig. Geben Sie den aktuellen Code aus Ihrer App oder einen Wiederherstellungscode ein.

# /logout: RP-Initiated Logout asks before signing out.
logout-title = Abmelden
logout-heading = Abmelden?
# "<strong>CLIENT</strong> möchte Sie von … abmelden. Sie sind angemeldet als <strong>ACCOUNT</strong>."
logout-client-asks = möchte Sie von { $product } abmelden. Sie sind angemeldet als
logout-confirm = Möchten Sie sich von { $product } abmelden? Sie sind angemeldet als
logout-as-after = .
logout-submit = Abmelden
logout-done-title = Sie sind abgemeldet
logout-done = Sie wurden von { $product } abgemeldet.
logout-done-close = Sie wurden von { $product } abgemeldet. Sie können diesen Tab schließen und zur App zurückkehren.
logout-sign-in-again = Erneut anmelden

# /invite: the link from a team invitation.
invite-title = { $team } beitreten
# "Sie sind angemeldet als <strong>ACCOUNT</strong>."
invite-signed-in-as-before = Sie sind angemeldet als
invite-signed-in-as-after = .
invite-accept = Einladung annehmen
invite-other-account = Anderes Konto verwenden
# "Sie wurden in ein Team eingeladen: <strong>TEAM</strong>. Melden Sie sich an, …"
invite-invited-before = Sie wurden in ein Team eingeladen:
invite-invited-after = . Melden Sie sich an oder erstellen Sie ein Konto, um die Einladung anzunehmen.
invite-sign-in = Anmelden und annehmen
invite-new-here = Neu hier?
invite-create-account = Konto erstellen
invite-invalid-title = Dieser Einladungslink funktioniert nicht
invite-invalid = Der Link ist keine vollständige Einladung, oder die Einladung wurde bereits angenommen. Wenn Sie sie angenommen haben, finden Sie das Team nach der Anmeldung unter Teams; andernfalls bitten Sie die einladende Person um eine neue.

# /federate: "Mit NAME anmelden" (an upstream identity provider, { $name }).
federate-failed-title = Die Anmeldung hat nicht funktioniert
federate-unreachable = { $name } ist nicht erreichbar. Versuchen Sie es gleich noch einmal.
federate-refused = { $name } hat Sie nicht angemeldet. Versuchen Sie es erneut, oder melden Sie sich anders an.
federate-invalid = Die Anmeldung über { $name } konnte nicht überprüft werden und wurde daher nicht akzeptiert.
federate-bad-state = Dieser Anmeldelink ist abgelaufen oder wurde nicht in diesem Browser gestartet. Beginnen Sie von vorn.
federate-bad-email = { $name } hat eine ungültige E-Mail-Adresse übermittelt, daher wurde die Anmeldung nicht akzeptiert. Korrigieren Sie Ihre E-Mail-Adresse bei { $name } oder melden Sie sich auf andere Weise an.
federate-unknown-title = Unbekannte Anmeldemethode
federate-unknown = Diese Anmeldemethode gibt es auf diesem Server nicht.
federate-disabled-title = Dieses Konto ist deaktiviert
federate-disabled = Wenden Sie sich an Ihren Administrator.
federate-no-email-title = Keine E-Mail-Adresse
federate-no-email = { $name } hat keine E-Mail-Adresse übermittelt, die für ein Konto bei { $product } aber erforderlich ist.
federate-exists-title = Sie haben bereits ein Konto
federate-exists-unconfirmed = { $email } wird bereits von einem Konto verwendet. Melden Sie sich mit Ihrem Passwort an. { $name } hat nicht bestätigt, dass diese Adresse Ihnen gehört, daher ist keine Verknüpfung möglich.
federate-link-title = Konto verknüpfen
federate-link = { $email } wird bereits von einem Konto verwendet. Melden Sie sich mit Ihrem Passwort an, um { $name } damit zu verknüpfen. Danach können Sie beide Anmeldemethoden verwenden.
federate-link-sign-in = Anmelden und verknüpfen
federate-lookalike-title = Sie haben möglicherweise bereits ein Konto
federate-lookalike = Ein Konto verwendet bereits eine Adresse, die genauso aussieht wie { $email }. Daher kann damit kein Konto erstellt werden. Melden Sie sich bei diesem Konto an oder registrieren Sie sich mit einer anderen Adresse.
federate-unconfirmed-title = E-Mail-Adresse nicht bestätigt
federate-unconfirmed = { $name } hat nicht bestätigt, dass { $email } Ihnen gehört. Daher kann damit kein Konto erstellt werden. Bestätigen Sie die Adresse bei { $name } oder registrieren Sie sich mit einem Passwort.

invite-expired-title = Diese Einladung ist abgelaufen
invite-expired = Die Einladung von { $inviter } in „{ $team }“ ist abgelaufen. Bitten Sie um eine neue: { $inviter } erhält eine Nachricht und kann Sie erneut einladen.
invite-expired-ask = Um eine neue Einladung bitten
invite-renewal-asked-title = Um eine neue Einladung gebeten
invite-renewal-asked = { $inviter } weiß jetzt, dass Sie eine neue Einladung möchten. Sie kommt an { $email }.
invite-renewal-already = Um eine neue Einladung wurde bereits gebeten: { $inviter } weiß Bescheid. Sie kommt an { $email }.
