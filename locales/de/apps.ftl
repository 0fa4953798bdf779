app-logo = Logo von { $client }
consent-app-links = Bevor Sie zustimmen, können Sie von { $client } Folgendes lesen:
consent-privacy = Datenschutzerklärung
consent-terms = Nutzungsbedingungen
consent-and = und
terms-placeholder-note = Der Betreiber von { $product } hat noch keine eigenen Nutzungsbedingungen veröffentlicht.

# /device: die Seite der Person im Geräte-Ablauf (RFC 8628).
device-title = Gerät verbinden
device-heading = Gerät verbinden
device-intro = Geben Sie den Code ein, den Ihr Fernseher, Ihre Konsole oder Ihr Kommandozeilenprogramm anzeigt.
device-code = Code
device-code-hint = Acht Buchstaben, etwa BCDF-GHJK. Bindestriche, Leerzeichen und Groß- oder Kleinschreibung spielen keine Rolle.
device-code-unknown = Dieser Code stimmt nicht oder ist abgelaufen. Prüfen Sie den Code auf Ihrem Gerät und geben Sie ihn erneut ein, oder beginnen Sie auf dem Gerät neu, um einen neuen zu erhalten.
device-allow-heading = { $client } auf Ihrem Gerät erlauben?
device-asks-to = möchte:
device-check-before = Erlauben Sie dies nur, wenn Sie es selbst begonnen haben und Ihr Gerät diesen Code zeigt:
device-check-after = . Sonst wählen Sie „Ablehnen“.
device-allow = Erlauben
device-deny = Ablehnen
device-allowed-title = Gerät verbunden
device-allowed = { $client } meldet sich auf Ihrem Gerät an. Sie können jetzt zum Gerät zurückkehren.
device-denied-title = Anfrage abgelehnt
device-denied = { $client } hat keinen Zugriff erhalten. Ihr Gerät wird es anzeigen.
device-gone-title = Dieser Code kann nicht mehr verwendet werden
device-gone = Er wurde bereits beantwortet oder ist abgelaufen. Beginnen Sie auf Ihrem Gerät neu, um einen neuen Code zu erhalten.
device-another = Weiteres Gerät verbinden
