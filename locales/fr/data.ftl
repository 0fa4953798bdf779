# Settings: sections, connected apps, your data (issue 13 §4–6).

settings-nav-label = Rubriques des paramètres
settings-nav-sessions = Sessions
settings-nav-methods = Méthodes de connexion associées
settings-email-pending = En attente de confirmation : { $email }
settings-email-pending-hint = Ouvrez le lien que nous avons envoyé à cette adresse pour terminer le changement.
settings-no-password = Votre compte n'a pas encore de mot de passe : vous vous connectez avec une méthode de connexion associée. Définissez un mot de passe pour vous connecter aussi avec votre nom d'utilisateur ou votre adresse e-mail.
settings-set-password = Définir un mot de passe
settings-set-password-confirm-first = Confirmez d'abord votre identité en vous connectant à nouveau.
settings-password-not-set-here = Non défini — utilisez « Définir un mot de passe » ci-dessus
settings-apps-heading = Applications connectées
settings-apps-none = Aucune application n'a accès à votre compte.
settings-apps-intro = Ces applications peuvent utiliser votre compte. Si vous retirez l'accès, l'application est déconnectée et vous le redemande la prochaine fois que vous l'utilisez.
settings-app-allowed = Autorisée le { $when }
settings-app-last-used = Dernière utilisation le { $when }
settings-app-may = Elle peut :
settings-app-remove = Retirer l'accès
settings-app-remove-label = Retirer l'accès de { $name }
settings-data-heading = Vos données
settings-download = Télécharger mes données
settings-download-hint = Un fichier JSON avec tout ce que { $product } conserve sur vous : profil, adresses e-mail, méthodes de connexion, équipes, sessions, applications connectées et votre journal de sécurité. Il ne contient ni mot de passe ni clé.
settings-delete-heading = Supprimer le compte
settings-delete-hint = Supprime votre compte et tout ce qu'il contient. Vous confirmez d'abord votre identité.

notice-password-set = Votre mot de passe est défini. Vous pouvez désormais aussi vous connecter avec.
notice-app-removed = Cette application n'a plus accès à votre compte.

delete-lead = Cette action supprime définitivement le compte { $username } ; elle est irréversible. Elle supprime :
delete-what-profile = votre profil, votre photo et vos adresses e-mail ;
delete-what-sign-in = votre mot de passe, la validation en deux étapes, les méthodes de connexion associées et vos sessions dans tous les navigateurs ;
delete-what-apps = les applications que vous avez autorisées, et leur accès ;
delete-what-teams = vos adhésions aux équipes d'autres personnes.
delete-no-owned-teams = Vous ne possédez aucune équipe.
delete-owned-teams = Vous possédez ces équipes. Elles sont supprimées avec votre compte, et leurs membres les perdent :
delete-team-members =
    { $count ->
        [one] { $count } membre
       *[other] { $count } membres
    }
delete-log-kept = Le journal de sécurité conserve ses entrées sur les connexions et modifications de votre compte jusqu'à leur expiration.
delete-username = Nom d'utilisateur
delete-username-hint = Pour confirmer, saisissez votre nom d'utilisateur : { $username }
delete-submit = Supprimer mon compte
delete-wrong-username = Ce n'est pas votre nom d'utilisateur. Saisissez-le exactement comme affiché.
deleted-title = Votre compte est supprimé
deleted-message = Le compte { $username } et ses données sont supprimés.

mail-password-set-subject = Un mot de passe a été défini pour votre compte { $product }
mail-password-set-body = Un mot de passe vient d'être défini pour votre compte { $product } { $username }. Vous pouvez désormais aussi vous connecter avec.
mail-account-deleted-subject = Votre compte { $product } a été supprimé
mail-account-deleted-body = Votre compte { $product } { $username } et ses données ont été supprimés, comme demandé dans ses paramètres.
mail-account-deleted-not-you = Si ce n'était pas vous, contactez sans attendre l'exploitant de { $product }.
