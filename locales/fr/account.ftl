# Les pages du compte connecté : accueil, paramètres, prise en main, équipes,
# validation en deux étapes, conditions d'utilisation, et ce que les règles du
# compte disent d'un formulaire.
# Chaque message peut utiliser { $product }, le nom du produit de l'opérateur.

# Accueil (/).
home-title = Votre compte
home-photo-alt = Votre photo
home-hello = Bonjour { $name }
home-settings = Paramètres
home-settings-about = nom, photo, adresse e-mail, mot de passe, sessions
home-teams = Équipes
home-teams-count =
    { $count ->
        [one] { $count } équipe
       *[other] { $count } équipes
    }

# Paramètres (/settings).
settings-title = Paramètres
settings-profile-heading = Profil
settings-photo-alt = Votre photo
settings-username = Nom d'utilisateur : { $username }
settings-name = Nom
settings-photo = Photo
settings-photo-hint = PNG, JPEG ou WebP, 5 Mo maximum.
settings-save-profile = Enregistrer le profil
settings-email-heading = Adresse e-mail
# Autour de l'adresse en gras : « Votre adresse e-mail est <adresse> (non confirmée). »
settings-email-is = Votre adresse e-mail est
settings-email-not-confirmed = (non confirmée)
settings-new-email = Nouvelle adresse e-mail
settings-current-password = Mot de passe actuel
settings-email-hint = Nous envoyons un lien à la nouvelle adresse ; le changement prend effet lorsque vous l'ouvrez.
settings-change-email = Modifier l'adresse e-mail
settings-password-heading = Mot de passe
settings-new-password = Nouveau mot de passe
settings-change-password = Modifier le mot de passe
settings-two-step-heading = Validation en deux étapes
# Autour de « activée » en gras : « La validation en deux étapes est <activée>. Un code … », puis codes-left.
settings-two-step-is = La validation en deux étapes est
settings-two-step-on = activée
settings-two-step-on-detail = . Un code de votre application d'authentification vous est demandé à chaque connexion.
# Nombre de codes de récupération inutilisés du compte (après settings-two-step-on-detail).
codes-left =
    { $count ->
        [one] Il vous reste { $count } code de récupération.
       *[other] Il vous reste { $count } codes de récupération.
    }
settings-disable-password = Mot de passe
settings-disable-code = Code
settings-turn-off-two-step = Désactiver la validation en deux étapes
settings-new-codes-hint = Les nouveaux codes de récupération remplacent tous vos codes actuels.
settings-new-codes = Nouveaux codes de récupération
settings-two-step-off = Protégez votre compte avec un code issu d'une application d'authentification, en plus de votre mot de passe.
settings-set-up-two-step = Configurer la validation en deux étapes
settings-methods-heading = Méthodes de connexion
settings-method-password = Mot de passe
settings-password-set = Défini
settings-password-not-set = Non défini — utilisez « Un problème pour vous connecter ? » pour en définir un
settings-unlink = Dissocier
settings-unlink-label = Dissocier { $name }
settings-sessions-heading = Appareils connectés
settings-session-signed-in = Connexion le { $when }
settings-session-this-browser = ce navigateur
settings-session-sign-out = Déconnecter
settings-session-sign-out-label = Déconnecter { $device } (connexion le { $when })
settings-same-email = C'est déjà votre adresse e-mail.
settings-wrong-password = Le mot de passe actuel est incorrect.
settings-only-method = C'est votre seul moyen de vous connecter. Définissez un mot de passe (« Un problème pour vous connecter ? ») avant de le supprimer.
settings-method-not-linked = Cette méthode de connexion n'est pas associée à votre compte.

# Ce qu'affichent les Paramètres après une modification (/settings?done=… ou ?error=…).
notice-profile-saved = Votre profil a été enregistré.
notice-email-link-sent = Nous avons envoyé un lien à la nouvelle adresse. Votre adresse e-mail sera modifiée lorsque vous l'ouvrirez.
notice-password-changed = Votre mot de passe a été modifié. Vos autres sessions ont été déconnectées.
notice-session-ended = Cette session a été déconnectée.
notice-method-unlinked = Cette méthode de connexion a été supprimée.
notice-two-step-off = La validation en deux étapes est désactivée.
notice-two-step-wrong = Les informations saisies sont incorrectes : la validation en deux étapes reste donc activée.

# Prise en main, étape 1 : le profil (/onboarding/profile).
onboarding-profile-title = Configurez votre profil
onboarding-profile-step = Étape 1 sur 2
onboarding-name = Nom
onboarding-photo = Photo
onboarding-photo-hint = PNG, JPEG ou WebP, 5 Mo maximum.

# Prise en main, étape 2 : une équipe (/onboarding/team).
onboarding-team-title = Créer une équipe
onboarding-team-step = Étape 2 sur 2 · facultative
onboarding-team-lead = Travaillez ensemble : créez une équipe et invitez des personnes par e-mail. Vous pourrez aussi le faire plus tard.
onboarding-team-name = Nom de l'équipe
onboarding-invites = Inviter des personnes
onboarding-invites-placeholder = ana@example.com, ben@example.com
onboarding-invites-hint = Adresses e-mail, séparées par des virgules ou des retours à la ligne.
onboarding-skip = Plus tard
onboarding-team-not-created-title = Votre équipe n'a pas été créée
onboarding-team-not-created = Ce compte a envoyé beaucoup d'invitations récemment. Créez l'équipe plus tard depuis « Équipes » dans le menu du compte.

# Équipes (/teams).
teams-title = Équipes
teams-none = Vous ne faites encore partie d'aucune équipe.
teams-role-owner = propriétaire
teams-role-member = membre
teams-create-heading = Créer une équipe
teams-team-name = Nom de l'équipe
teams-invites = Inviter des personnes
teams-invites-placeholder = ana@example.com, ben@example.com
teams-create = Créer l'équipe
teams-not-member = Vous n'êtes pas membre de cette équipe, ou elle n'existe pas.

# Une équipe (/teams/…).
team-members-heading = Membres
team-remove = Retirer
team-remove-label = Retirer { $username }
team-invite-heading = Ajouter des membres
team-invites = Inviter des personnes
team-invites-placeholder = ana@example.com, ben@example.com
team-send-invitations = Envoyer les invitations
team-leave = Quitter l'équipe
team-invited = Invitations envoyées.
team-owner-only-invite = Seul le propriétaire de l'équipe peut inviter des personnes.
team-owner-only-remove = Seul le propriétaire de l'équipe peut retirer des membres.
team-owner-cannot-leave = Le propriétaire ne peut pas quitter l'équipe.
team-no-invites = Saisissez au moins une adresse e-mail.

# Ce que peuvent être le nom d'une équipe et « Inviter des personnes » (pages d'équipe et prise en main).
# $address est l'adresse telle que saisie, entre guillemets.
teams-invite-not-email = { $address } n'est pas une adresse e-mail.
teams-invite-too-many = Invitez au maximum { $max } personnes à la fois.
teams-name-missing = Saisissez un nom d'équipe.
teams-name-too-long = Le nom de l'équipe ne doit pas dépasser 100 caractères.
teams-name-control = Le nom de l'équipe ne peut pas contenir de caractères de contrôle.

# Configuration de la validation en deux étapes (/settings/two-step/setup).
two-step-setup-title = Configurer la validation en deux étapes
two-step-scan = Scannez ce code QR avec une application d'authentification (comme Google Authenticator, 1Password ou Aegis), puis saisissez le code qu'elle affiche.
two-step-qr-alt = Code QR pour votre application d'authentification
two-step-by-hand = Ou ajoutez-le manuellement avec cette clé :
two-step-secret-label = Clé secrète
two-step-setup-link = Lien de configuration :
two-step-setup-link-label = Lien de configuration
two-step-code = Code
two-step-verify = Valider
two-step-wrong-code = Ce code est incorrect. Vérifiez l'heure de votre téléphone et saisissez le code actuel.

# Les codes de récupération, affichés une seule fois.
two-step-codes-title = Vos codes de récupération
two-step-codes-heading = La validation en deux étapes est activée
two-step-codes-keep = Conservez ces codes de récupération en lieu sûr. Chacun vous permet de vous connecter une fois si vous perdez votre application d'authentification. Ils ne sont affichés qu'une seule fois.
two-step-codes-label = Codes de récupération
two-step-codes-done = Terminé

# Conditions d'utilisation (/terms), pour un serveur dont l'opérateur n'a défini aucun terms_url.
terms-title = Conditions d'utilisation
terms-use = Ce serveur { $product } est géré par son opérateur, qui décide de la manière dont il peut être utilisé. Utilisez votre compte dans le respect de la loi, ne communiquez votre mot de passe à personne et n'essayez pas de pénétrer dans d'autres comptes ni dans le service.
terms-data = L'opérateur conserve les données nécessaires à votre connexion (votre adresse e-mail, votre nom d'utilisateur, votre nom, votre photo, l'empreinte de votre mot de passe, vos sessions et un historique des connexions) et les partage avec les applications auxquelles vous choisissez de vous connecter, dans la limite de ce que vous autorisez.
# Autour du nom du paramètre : « Opérateurs : définissez <signup.terms_url> sur l'adresse de vos propres conditions. »
terms-operators = Opérateurs : définissez
terms-operators-end = sur l'adresse de vos propres conditions.

# Photos de profil et formulaire de profil (paramètres et prise en main).
photo-too-big = La photo ne doit pas dépasser 5 Mo.
photo-not-an-image = La photo doit être une image PNG, JPEG ou WebP.
photo-too-many-pixels = La photo est trop grande : 40 mégapixels au maximum, et aucun côté de plus de 8 000 pixels. Utilisez une photo plus petite.
photo-corrupt = La photo n'a pas pu être lue ; elle est peut-être endommagée.
upload-unreadable = Le formulaire n'a pas pu être lu. Rechargez la page et réessayez.
profile-name-too-long = Votre nom ne doit pas dépasser 100 caractères.
profile-not-saved = Votre profil n'a pas pu être enregistré. Réessayez.

# Ce que peuvent être un nom d'utilisateur, une adresse e-mail et un mot de passe (inscription, réinitialisation, paramètres).
# Les nombres sont les limites du serveur (account::rules).
rules-username-length = Utilisez entre 3 et 32 caractères.
rules-username-chars = Utilisez uniquement des lettres minuscules, des chiffres, « . », « _ » et « - ».
rules-username-start = Commencez par une lettre ou un chiffre.
rules-email-invalid = Saisissez une adresse e-mail de la forme nom@example.com.
rules-password-short = Utilisez au moins 8 caractères.
rules-password-long = Utilisez au maximum 1024 caractères.
rules-password-common = Ce mot de passe fait partie des plus courants. Choisissez-en un autre.
rules-password-identifier = N'utilisez pas votre nom d'utilisateur ni votre adresse e-mail comme mot de passe.
