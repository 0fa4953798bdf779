app-logo = Logo de { $client }
consent-app-links = Avant d’autoriser, vous pouvez lire les documents de { $client } :
consent-privacy = politique de confidentialité
consent-terms = conditions d’utilisation
consent-and = et
terms-placeholder-note = L’opérateur de { $product } n’a pas encore publié ses propres conditions.
