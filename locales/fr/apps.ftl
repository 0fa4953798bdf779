app-logo = Logo de { $client }
consent-app-links = Avant d’autoriser, vous pouvez lire les documents de { $client } :
consent-privacy = politique de confidentialité
consent-terms = conditions d’utilisation
consent-and = et
terms-placeholder-note = L’opérateur de { $product } n’a pas encore publié ses propres conditions.

# /device : le côté de la personne dans le flux appareil (RFC 8628).
device-title = Connecter un appareil
device-heading = Connecter un appareil
device-intro = Saisissez le code affiché par votre téléviseur, votre console ou votre outil en ligne de commande.
device-code = Code
device-code-hint = Huit lettres, par exemple BCDF-GHJK. Les tirets, les espaces et la casse n'ont pas d'importance.
device-code-unknown = Ce code n'est pas correct ou a expiré. Vérifiez le code sur votre appareil et saisissez-le à nouveau, ou recommencez sur l'appareil pour en obtenir un nouveau.
device-allow-heading = Autoriser { $client } sur votre appareil ?
device-asks-to = demande à :
device-check-before = N'autorisez que si vous l'avez lancé vous-même et que votre appareil affiche le code
device-check-after = . Sinon, choisissez « Refuser ».
device-allow = Autoriser
device-deny = Refuser
device-allowed-title = Appareil connecté
device-allowed = { $client } se connecte sur votre appareil. Vous pouvez y retourner maintenant.
device-denied-title = Demande refusée
device-denied = { $client } n'a pas obtenu l'accès. Votre appareil l'indiquera.
device-gone-title = Ce code ne peut plus être utilisé
device-gone = Il a déjà reçu une réponse ou a expiré. Recommencez sur votre appareil pour obtenir un nouveau code.
device-another = Connecter un autre appareil
