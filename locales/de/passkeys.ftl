passkey-sign-in = Mit einem Passkey anmelden
passkey-use = Einen Passkey verwenden
passkey-no-answer = Der Passkey hat nicht geantwortet (oder Sie haben abgebrochen). Versuchen Sie es erneut oder melden Sie sich anders an.
passkey-expired = Diese Passkey-Anfrage ist abgelaufen oder wurde schon verwendet. Versuchen Sie es erneut.
passkey-refused = Dieser Passkey konnte nicht geprüft werden. Versuchen Sie es erneut oder melden Sie sich anders an.
passkey-unknown = Dieser Passkey gehört nicht zu diesem Konto oder wurde entfernt. Melden Sie sich anders an und fügen Sie ihn in den Einstellungen erneut hinzu.
passkey-taken = Dieser Passkey ist hier bereits einem Konto hinzugefügt.
passkey-clone = Dieser Passkey wurde abgelehnt: Sein Zähler deutet darauf hin, dass er kopiert wurde. Melden Sie sich anders an und entfernen Sie ihn in den Einstellungen; der Vorfall steht im Sicherheitsprotokoll des Kontos.
passkey-throttled = Zu viele Versuche. Warten Sie { $seconds } Sekunden und versuchen Sie es dann erneut.
passkey-off = Passkeys sind auf diesem Server nicht verfügbar.
passkey-second-step-wrong = Dieser Passkey wurde nicht bestätigt oder gehört nicht zu diesem Konto. Versuchen Sie es erneut oder geben Sie einen Code ein.
passkeys-heading = Passkeys
passkeys-intro = Mit einem Passkey melden Sie sich per Fingerabdruck, Gesicht oder Geräte-PIN statt mit einem Passwort an. Er funktioniert nur auf dieser Website und lässt sich daher nicht abfischen.
passkeys-none = Sie haben noch keine Passkeys.
passkeys-add = Passkey hinzufügen
passkeys-name = Name des Passkeys
passkeys-name-placeholder = Arbeitslaptop
passkeys-name-hint = Ein Name, der Ihnen sagt, wo dieser Passkey liegt. Leer bleibt es „Passkey“.
passkeys-default-name = Passkey
passkeys-confirm-first = Um einen Passkey hinzuzufügen, bestätigen Sie zuerst, dass Sie es sind.
passkeys-added = Hinzugefügt am { $when }
passkeys-used = zuletzt verwendet am { $when }
passkeys-rename = Umbenennen
passkeys-rename-label = Neuer Name für { $name }
passkeys-remove = Entfernen
passkeys-remove-label = Den Passkey { $name } entfernen
notice-passkey-added = Passkey hinzugefügt. Wählen Sie beim nächsten Mal „Mit einem Passkey anmelden“.
notice-passkey-renamed = Passkey umbenannt.
notice-passkey-removed = Passkey entfernt.
notice-passkey-not-added = Der Passkey wurde nicht hinzugefügt: Die Antwort des Browsers war ungültig oder kam zu spät. Versuchen Sie es erneut.
notice-passkey-last = Dieser Passkey ist Ihre einzige Anmeldemöglichkeit. Legen Sie zuerst ein Passwort fest oder fügen Sie einen weiteren Passkey hinzu.

# "Sign in faster next time": a passkey offered once after a password sign-in.
passkey-offer-title = Nächstes Mal schneller anmelden
passkey-offer-intro = Fügen Sie einen Passkey hinzu, und Sie melden sich nächstes Mal per Fingerabdruck, Gesicht oder Geräte-PIN an: kein Passwort zu tippen, nichts, was eine gefälschte Website abfangen könnte.
passkey-offer-skip = Nicht jetzt

# The recovery link: a passkey instead of a new password.
reset-passkey-heading = Oder stattdessen einen Passkey hinzufügen
reset-passkey-intro = Melden Sie sich ab jetzt per Fingerabdruck, Gesicht oder Geräte-PIN an. Ein bisheriges Passwort bleibt, wie es ist.
reset-passkey-done-title = Passkey hinzugefügt
reset-passkey-done = Sie können sich jetzt mit Ihrem Passkey anmelden. Überall sonst wurden Sie abgemeldet.
