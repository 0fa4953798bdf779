app-logo = Logo von { $client }
consent-app-links = Bevor Sie zustimmen, können Sie von { $client } Folgendes lesen:
consent-privacy = Datenschutzerklärung
consent-terms = Nutzungsbedingungen
consent-and = und
terms-placeholder-note = Der Betreiber von { $product } hat noch keine eigenen Nutzungsbedingungen veröffentlicht.
