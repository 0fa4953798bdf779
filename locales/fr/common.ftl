# Commun à toutes les pages : le cadre, le menu du compte, les pages d'erreur.
# Chaque message peut utiliser { $product }, le nom du produit de l'opérateur.

language-name = Français
language-label = Langue
language-apply = Changer
page-title-suffix = { $product }
footer-help = Aide
footer-privacy = Confidentialité
skip-to-content = Aller au contenu

# Le menu du compte (SPEC §5).
menu-label = Comptes
menu-button = Menu du compte
menu-settings = Paramètres
menu-teams = Équipes
menu-switch-to = Passer à { $name } ({ $email })
menu-add-account = Ajouter un compte
menu-sign-out = Se déconnecter
menu-sign-out-all = Se déconnecter de tous les comptes

# Pages d'erreur : des mots simples et une solution pour continuer.
error-back-home = Accéder à votre compte
error-try-again = Réessayer
error-details = Détails pour les développeurs
error-failed-title = Cela n'a pas fonctionné
error-not-found-title = Page introuvable
error-not-found = Il n'y a rien à cette adresse.
error-internal-title = Un problème est survenu
error-internal = { $product } n'a pas pu traiter cette demande. Veuillez réessayer dans un instant.
error-unreadable-form = Ce formulaire n'a pas pu être lu. Rechargez la page et réessayez.
error-unreadable-address = Cette adresse n'a pas pu être lue.
error-csrf = Ce formulaire a expiré ou n'a pas été envoyé depuis { $product }. Revenez en arrière, rechargez la page et réessayez.
error-csrf-title = Veuillez renvoyer le formulaire
error-too-many-title = Trop de tentatives
error-too-many = Trop de tentatives depuis cet appareil ou ce réseau. Attendez { $seconds } secondes, puis réessayez.
error-rendering = La page n'a pas pu être affichée.

request-unavailable-title = Cette connexion a été lancée dans un autre navigateur ou a expiré
request-unavailable = Pour votre sécurité, une connexion ne peut se poursuivre que dans le navigateur où elle a commencé, et pendant une heure au maximum. Revenez à l'application et reconnectez-vous depuis ce navigateur.
request-unavailable-back = Retour à { $client }
request-unavailable-sign-in = Se connecter à votre compte

check-email-title = Consultez votre boîte e-mail
check-email = Nous avons envoyé un lien à { $email }. Ouvrez-le pour confirmer votre adresse et terminer la création de votre compte. Le lien est valable 24 heures.
check-email-back = Retour à la connexion

form-sending = Envoi en cours…
password-show = Afficher le mot de passe
password-hide = Masquer le mot de passe
cancel = Annuler
continue = Continuer

# A browser and system as people name them ("Chrome on Android"); the names of
# browsers and systems are not translated.
device-a-browser = Un navigateur
device-on = { $browser } sur { $os }

# A form sent after its page's token expired (the browser lost its cookie): what
# was typed is shown again, secrets are asked for again.
form-expired-title = Renvoyer le formulaire ?
form-expired = Cette page est restée ouverte longtemps, ou les cookies de votre navigateur ont été effacés : le formulaire n'a pas pu être envoyé. Ce que vous avez saisi est conservé : vérifiez-le et renvoyez-le.
form-expired-password = Mot de passe
form-expired-new-password = Nouveau mot de passe
form-expired-current = Mot de passe actuel
form-expired-code = Code
form-expired-send = Renvoyer
form-expired-cancel = Annuler
