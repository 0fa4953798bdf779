# Connexion, inscription et tout ce qui les accompagne : les pages affichées avant
# qu'un compte soit utilisé. Chaque message peut utiliser { $product }, le nom du
# produit de l'opérateur.
# Quand une phrase contient du balisage (un nom en gras, un lien), elle est
# découpée autour : parties « -before » / « -after », le balisage entre les deux.

# Commun aux pages de connexion : « pour accéder à <strong>CLIENT</strong> ».
signin-continue-to = pour accéder à

# /login : « Adresse e-mail ou nom d'utilisateur », « Mot de passe », « Garder ma session ouverte », « Se connecter ».
login-title = Connexion
login-identifier = Adresse e-mail ou nom d'utilisateur
login-password = Mot de passe
login-remember = Garder ma session ouverte
login-submit = Se connecter
login-trouble = Un problème pour vous connecter ?
login-with = Se connecter avec { $name }
login-new-here = Pas encore de compte ?
login-create-account = Créer un compte
login-missing = Saisissez votre adresse e-mail ou votre nom d'utilisateur, ainsi que votre mot de passe.
login-too-long = Cette adresse e-mail, ce nom d'utilisateur ou ce mot de passe est trop long.
login-too-many = Trop de tentatives. Attendez { $seconds } secondes, puis réessayez.
login-no-match = Aucun compte ne correspond à cette adresse e-mail ou à ce nom d'utilisateur et à ce mot de passe.
login-disabled = Ce compte est désactivé. Contactez votre administrateur.

# /login/code : l'étape « Code » de la validation en deux étapes.
login-code-title = Validation en deux étapes
login-code-intro = Saisissez le code à 6 chiffres de votre application d'authentification, ou l'un de vos codes de récupération.
login-code-label = Code
login-code-submit = Valider
login-code-someone-else = Se connecter avec un autre compte
login-code-ended-title = Reconnectez-vous
login-code-expired = Cette connexion a expiré, a déjà abouti ou a reçu trop de codes erronés. Revenez à la page de connexion et recommencez.
login-code-too-many = Trop d'essais. Attendez { $seconds } secondes, puis réessayez.
login-code-last = Ce code est incorrect, et c'était le dernier essai pour cette connexion. Revenez à la page de connexion, reconnectez-vous, puis saisissez le code actuel.
login-code-wrong = Ce code est incorrect ou a déjà été utilisé. Saisissez le code actuel.

# /accounts : le sélecteur de compte (« Ajouter un compte » est menu-add-account).
accounts-title = Choisissez un compte
accounts-gone = Ce compte n'est plus connecté ici. Reconnectez-vous.

# /consent : une application tierce demande des autorisations (scopes).
consent-title = Autoriser l'accès
consent-heading = Autoriser { $client } ?
# « Vous utilisez le compte <strong>COMPTE</strong>. <strong>CLIENT</strong> souhaite : »
consent-signed-in-as-before = Vous utilisez le compte
consent-signed-in-as-after = .
consent-asks-to = souhaite :
consent-allow = Autoriser
consent-deny = Refuser
consent-scope-openid = Savoir qui vous êtes sur { $product }
consent-scope-profile = Voir votre nom, votre nom d'utilisateur et votre photo
consent-scope-email = Voir votre adresse e-mail
consent-scope-offline-access = Conserver l'accès lorsque vous ne l'utilisez pas
consent-scope-teams = Voir les équipes dont vous faites partie
consent-scope-other = Utiliser une autorisation supplémentaire de cette application

# /signup : « Adresse e-mail », « Nom d'utilisateur », « Mot de passe », la case « Conditions d'utilisation ».
signup-title = Créez votre compte
signup-email = Adresse e-mail
signup-username = Nom d'utilisateur
signup-username-hint = 3 à 32 caractères : a–z, 0–9, « . », « _ » ou « - ».
signup-password = Mot de passe
signup-password-hint = Au moins 8 caractères.
# « J'accepte les <a>Conditions d'utilisation</a> »
signup-terms-before = J'accepte les
signup-terms-link = Conditions d'utilisation
signup-submit = Créer un compte gratuit
signup-with = S'inscrire avec { $name }
signup-have-account = Vous avez déjà un compte ?
signup-sign-in = Se connecter
signup-username-taken = Ce nom d'utilisateur est déjà pris. Choisissez-en un autre.
signup-terms-required = Acceptez les Conditions d'utilisation pour créer un compte.
signup-closed-title = Les inscriptions sont fermées
signup-closed = Il n'est pas possible de créer de nouveaux comptes ici. Demandez un compte à votre administrateur.

# /confirm : le lien d'un message de confirmation ou de changement d'adresse e-mail.
confirm-title = Confirmez votre adresse e-mail
confirm-intro = Confirmez que cette adresse e-mail vous appartient.
confirm-submit = Confirmer l'adresse e-mail
confirm-invalid-title = Ce lien a expiré
confirm-invalid = Ce lien n'est pas valide, a déjà été utilisé ou a expiré. Connectez-vous pour en obtenir un nouveau.
confirm-superseded-title = Ce lien a été remplacé
confirm-superseded = Votre compte n'attend plus la confirmation de cette adresse : un lien plus récent a été envoyé, ou l'adresse du compte a changé depuis. Utilisez le lien le plus récent, ou demandez-en un nouveau dans les Paramètres.
confirm-taken-title = Cette adresse est déjà utilisée
confirm-taken = Un autre compte utilise désormais cette adresse e-mail. Choisissez-en une autre dans les Paramètres.
confirm-changed-title = Votre adresse e-mail a été modifiée
confirm-changed = Votre compte utilise désormais cette adresse.
confirm-resend-expired-title = Reconnectez-vous
confirm-resend-expired = Cette page a expiré. Reconnectez-vous pour obtenir un nouveau lien.

# « Confirmez d'abord votre adresse e-mail » : connexion à un compte pas encore confirmé.
confirm-first-title = Confirmez votre adresse e-mail
confirm-first-heading = Confirmez d'abord votre adresse e-mail
# « L'adresse de votre compte <strong>E-MAIL</strong> n'est pas encore confirmée. … »
confirm-first-address-before = L'adresse de votre compte
confirm-first-address-after = n'est pas encore confirmée. Ouvrez le lien de confirmation qui y a été envoyé, puis connectez-vous.
confirm-first-no-link = Vous n'avez pas reçu de lien, ou il a expiré ? Vérifiez votre dossier de spam, ou demandez-en un nouveau.
confirm-first-resend = Renvoyer l'e-mail de confirmation

# /recover (« Un problème pour vous connecter ? ») : « Adresse e-mail », « Je ne suis pas un robot », « Envoyer ».
recover-title = Un problème pour vous connecter ?
recover-intro = Saisissez l'adresse e-mail de votre compte. Nous vous enverrons votre nom d'utilisateur et un lien pour choisir un nouveau mot de passe.
recover-email = Adresse e-mail
recover-robot = Je ne suis pas un robot
recover-submit = Envoyer
recover-back = Retour à la connexion
recover-sent = Si un compte utilise { $email }, nous lui avons envoyé un e-mail contenant son nom d'utilisateur et un lien pour choisir un nouveau mot de passe. Le lien n'est valable qu'une seule fois, pendant une heure.

# La vérification anti-robot de /recover, lorsqu'elle échoue.
captcha-missing = Cochez « Je ne suis pas un robot » et attendez la fin de la vérification.
captcha-malformed = La vérification anti-robot n'a pas pu être lue. Rechargez la page et réessayez.
captcha-forged = La vérification anti-robot n'a pas été émise par ce serveur.
captcha-unsolved = La vérification anti-robot n'a pas été résolue.
captcha-expired = La vérification anti-robot a expiré. Cochez de nouveau « Je ne suis pas un robot ».
captcha-replayed = La vérification anti-robot a déjà été utilisée. Cochez de nouveau « Je ne suis pas un robot ».
captcha-rejected = Le service de vérification anti-robot n'a pas accepté la réponse.
captcha-unavailable = Le service de vérification anti-robot est injoignable. Réessayez dans un instant.

# /reset : « Nouveau mot de passe », « Réinitialiser le mot de passe ».
reset-title = Choisissez un nouveau mot de passe
reset-password = Nouveau mot de passe
reset-password-hint = Au moins 8 caractères.
reset-submit = Réinitialiser le mot de passe
reset-invalid-title = Ce lien a expiré
reset-invalid = Ce lien n'est pas valide, a déjà été utilisé ou a expiré. Demandez-en un nouveau.
reset-done-title = Votre mot de passe a été enregistré
reset-done = Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.
reset-sign-in = Se connecter

# /reauth (« Confirmez votre identité ») avant une modification sensible (« Continuer »,
# « Annuler » sont dans common).
reauth-title = Confirmez votre identité
reauth-intro-password = Cette modification nécessite une connexion récente. Saisissez votre mot de passe pour continuer.
reauth-intro-again = Cette modification nécessite une connexion récente. Reconnectez-vous pour continuer.
reauth-signed-in-as = Vous utilisez le compte { $email }
reauth-password = Mot de passe
reauth-code = Code
reauth-code-help = Le code à 6 chiffres de votre application d'authentification, ou un code de récupération.
reauth-continue-with = Continuer avec { $name }
# « … Définissez d'abord un mot de passe via « <a>Un problème pour vous connecter ?</a> ». »
reauth-no-way-before = Votre compte ne dispose d'aucun moyen de se reconnecter ici. Définissez d'abord un mot de passe via «
reauth-no-way-link = Un problème pour vous connecter ?
reauth-no-way-after = ».
reauth-no-password = Votre compte n'a pas de mot de passe : continuez avec le service que vous utilisez pour vous connecter.
reauth-wrong-password = Ce mot de passe est incorrect. Réessayez.
reauth-wrong-code = Ce code est incorrect. Saisissez le code actuel de votre application, ou un code de récupération.

# /logout : la déconnexion initiée par l'application (RP-Initiated Logout) demande confirmation.
logout-title = Déconnexion
logout-heading = Vous déconnecter ?
# « <strong>CLIENT</strong> demande à fermer la session … du compte <strong>COMPTE</strong>. »
logout-client-asks = demande à fermer la session { $product } du compte
logout-confirm = Fermer la session { $product } du compte
logout-as-after = .
logout-submit = Se déconnecter
logout-done-title = Déconnexion réussie
logout-done = Votre session { $product } a été fermée.
logout-done-close = Votre session { $product } a été fermée. Vous pouvez fermer cet onglet et revenir à l'application.
logout-sign-in-again = Se reconnecter

# /invite : le lien d'une invitation à rejoindre une équipe.
invite-title = Rejoindre { $team }
# « Vous utilisez le compte <strong>COMPTE</strong>. »
invite-signed-in-as-before = Vous utilisez le compte
invite-signed-in-as-after = .
invite-accept = Accepter l'invitation
invite-other-account = Utiliser un autre compte
# « Vous avez reçu une invitation à rejoindre l'équipe <strong>ÉQUIPE</strong>. Connectez-vous, … »
invite-invited-before = Vous avez reçu une invitation à rejoindre l'équipe
invite-invited-after = . Connectez-vous ou créez un compte pour l'accepter.
invite-sign-in = Se connecter pour accepter
invite-new-here = Pas encore de compte ?
invite-create-account = Créer un compte
invite-invalid-title = Ce lien d'invitation ne fonctionne pas
invite-invalid = Le lien n'est pas une invitation complète, ou l'invitation a déjà été acceptée. Si vous l'avez acceptée, l'équipe figure dans Équipes une fois connecté ; sinon, demandez-en une nouvelle à la personne qui vous a invité.

# /federate : « Se connecter avec NOM » (un fournisseur d'identité externe, { $name }).
federate-failed-title = La connexion n'a pas abouti
federate-unreachable = { $name } est injoignable. Réessayez dans un instant.
federate-refused = { $name } a refusé la connexion. Réessayez, ou connectez-vous autrement.
federate-invalid = La connexion avec { $name } n'a pas pu être vérifiée : elle a donc été refusée.
federate-bad-state = Ce lien de connexion a expiré ou n'a pas été ouvert dans ce navigateur. Recommencez.
federate-bad-email = { $name } a transmis une adresse e-mail non valide : la connexion a donc été refusée. Corrigez votre adresse e-mail sur { $name }, ou connectez-vous autrement.
federate-unknown-title = Méthode de connexion inconnue
federate-unknown = Cette méthode de connexion n'existe pas sur ce serveur.
federate-disabled-title = Ce compte est désactivé
federate-disabled = Contactez votre administrateur.
federate-no-email-title = Aucune adresse e-mail
federate-no-email = { $name } n'a pas communiqué d'adresse e-mail, or un compte { $product } en nécessite une.
federate-exists-title = Vous avez déjà un compte
federate-exists-unconfirmed = Un compte utilise déjà { $email }. Connectez-vous avec votre mot de passe. { $name } n'a pas confirmé que cette adresse vous appartient : les comptes ne peuvent donc pas être associés.
federate-link-title = Associez votre compte
federate-link = Un compte utilise déjà { $email }. Connectez-vous-y avec votre mot de passe pour y associer { $name } ; vous pourrez ensuite utiliser l'un ou l'autre.
federate-link-sign-in = Se connecter pour associer
federate-lookalike-title = Vous avez peut-être déjà un compte
federate-lookalike = Un compte utilise déjà une adresse qui ressemble à s'y méprendre à { $email } : aucun compte ne peut donc être créé avec celle-ci. Connectez-vous à ce compte, ou inscrivez-vous avec une autre adresse.
federate-unconfirmed-title = Adresse e-mail non confirmée
federate-unconfirmed = { $name } n'a pas confirmé que { $email } vous appartient : aucun compte ne peut donc être créé avec cette adresse. Confirmez-la sur { $name }, ou inscrivez-vous avec un mot de passe.

invite-expired-title = Cette invitation a expiré
invite-expired = L'invitation de { $inviter } à rejoindre « { $team } » a expiré. Demandez-en une nouvelle : { $inviter } reçoit un message et peut vous inviter de nouveau.
invite-expired-ask = Demander une nouvelle invitation
invite-renewal-asked-title = Nouvelle invitation demandée
invite-renewal-asked = { $inviter } sait maintenant que vous souhaitez une nouvelle invitation. Elle arrivera à { $email }.
invite-renewal-already = Une nouvelle invitation a déjà été demandée : { $inviter } est prévenu. Elle arrivera à { $email }.
