# Sign-in pages: captcha, confirmation, errors, two-step setup (issue 13 §4).
# Every message may use { $product }, the operator's product name.

captcha-checking = Vérification…
captcha-checking-progress = Vérification… { $percent } %
captcha-progress-label = Avancement de la vérification anti-robot
captcha-verified = Vérifié
captcha-failed = La vérification a échoué. Cochez la case pour réessayer.
captcha-tick-first = Cochez d’abord « Je ne suis pas un robot ».
captcha-wait = Le formulaire sera envoyé dès que la vérification sera terminée.

confirm-done-sign-in = Votre adresse e-mail est confirmée. Connectez-vous pour continuer.

check-email-resend-intro = Pas d’e-mail après quelques minutes ? Vérifiez votre dossier de spam, ou renvoyez le lien.
check-email-resend = Renvoyer
check-email-resent = Si { $email } attend d’être confirmée, nous lui avons envoyé un nouveau lien. Il est valable 24 heures ; les liens précédents ne fonctionnent plus.

back-to-sign-in = Retour à la connexion

authorize-invalid-title = Ce lien de connexion n’est pas valide
authorize-unknown-app = L’application qui vous a envoyé ici n’est pas connue de { $product } : vous ne pouvez donc pas vous y connecter par ce lien. Retournez à l’application et réessayez ; si cela se reproduit, prévenez son support.
authorize-bad-return = L’application qui vous a envoyé ici a donné une adresse de retour que { $product } ne connaît pas pour elle : la connexion ne peut donc pas continuer. Retournez à l’application et réessayez ; si cela se reproduit, prévenez son support.
authorize-bad-request = L’application qui vous a envoyé ici a fait une demande que { $product } ne peut pas accepter : la connexion ne peut donc pas commencer. Retournez à l’application et réessayez ; si cela se reproduit, prévenez son support.
back-to-app = Retour à { $client }

request-expired-title = Cette demande de connexion a expiré
request-expired = Une connexion commencée depuis { $client } attend une heure. Retournez à { $client } et connectez-vous à nouveau depuis là.

logout-invalid-title = Ce lien de déconnexion n’est pas valide
logout-invalid = L’application qui vous a envoyé ici a demandé à vous déconnecter d’une façon que { $product } ne peut pas accepter. Vous êtes toujours connecté. Retournez à l’application, ou déconnectez-vous avec le menu du compte.

reset-ask-again = Demander un nouveau lien
confirm-invalid-sign-in = Se connecter pour recevoir un nouveau lien
confirm-superseded-settings = Aller aux paramètres

login-add-before = Vous êtes connecté en tant que
login-add-after = . Connectez-vous à un autre compte pour l’ajouter à ce navigateur ; vous restez connecté à celui-ci.

copy = Copier
copied = Copié
copy-failed = Impossible de copier. Sélectionnez le texte et copiez-le vous-même.
two-step-copy-key = Copier la clé
two-step-codes-copy = Copier les codes de récupération
two-step-codes-download = Télécharger
two-step-codes-download-label = Télécharger les codes de récupération dans un fichier texte
two-step-codes-file-heading = Codes de récupération { $product } pour { $account }
two-step-codes-file-note = Chaque code vous connecte une fois, à la place d’un code de votre application d’authentification. Gardez ce fichier en lieu sûr.
