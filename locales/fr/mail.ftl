# E-mails. Objets, paragraphes, bouton d'action, pieds de message et signature.

mail-signature = { $product }
mail-or-open = Ou ouvrez ce lien :
mail-ignore = Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message.
mail-invitation-ignore = Si vous ne connaissez pas la personne qui vous invite, vous pouvez ignorer cette invitation : rien ne se passe tant que vous ne l'acceptez pas.
mail-hi = Bonjour { $username },

mail-confirm-subject = Confirmez votre adresse e-mail
mail-confirm-body = Confirmez votre adresse e-mail pour terminer la création de votre compte { $product }. Le lien n'est valable qu'une seule fois, pendant 24 heures.
mail-confirm-action = Confirmer l'adresse e-mail

mail-existing-subject = Vous avez déjà un compte { $product }
mail-existing-body = Quelqu'un a essayé de créer un compte { $product } avec cette adresse e-mail, qui appartient déjà au compte { $username }.
mail-existing-recover = Si c'était vous, connectez-vous plutôt, ou récupérez votre mot de passe sur { $link }.
mail-existing-action = Se connecter

mail-lookalike-subject = Votre compte { $product } n'a pas été créé
mail-lookalike-body = Quelqu'un a essayé de créer un compte { $product } avec cette adresse e-mail. Elle ressemble trop à l'adresse d'un compte existant (certains de ses caractères se confondent avec d'autres) : aucun compte n'a donc été créé.
mail-lookalike-retry = Si c'était vous, inscrivez-vous avec une autre adresse sur { $link }.

mail-change-subject = Confirmez votre nouvelle adresse e-mail
mail-change-body = Confirmez cette adresse pour en faire l'adresse e-mail de votre compte { $product }. D'ici là, l'ancienne adresse reste utilisée. Le lien n'est valable qu'une seule fois, pendant 24 heures.
mail-change-action = Confirmer la nouvelle adresse e-mail

mail-changed-subject = L'adresse e-mail de votre compte { $product } a été modifiée
mail-changed-body = L'adresse e-mail de votre compte { $product } { $username } vient d'être remplacée par { $email }. Les e-mails concernant ce compte, y compris ceux de réinitialisation du mot de passe, y sont désormais envoyés.
mail-changed-not-you = Si vous n'êtes pas à l'origine de ce changement, connectez-vous immédiatement et modifiez votre mot de passe et votre adresse e-mail sur { $link }, ou demandez de l'aide à l'administrateur de ce service.

mail-recovery-subject = Votre nom d'utilisateur { $product } et un lien pour réinitialiser votre mot de passe
mail-recovery-username = Votre nom d'utilisateur : { $username }
mail-recovery-body = Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il n'est valable qu'une seule fois, pendant une heure.
mail-recovery-action = Réinitialiser le mot de passe

mail-password-subject = Le mot de passe de votre compte { $product } a été modifié
mail-password-body = Le mot de passe de votre compte { $product } { $username } vient d'être modifié. Vos autres sessions et les connexions de vos applications ont été déconnectées.
mail-password-not-you = Si vous n'êtes pas à l'origine de ce changement, réinitialisez immédiatement votre mot de passe sur { $link } et vérifiez votre compte.

mail-invite-subject = Invitation à rejoindre une équipe sur { $product }
mail-invite-body = Une personne disposant d'un compte { $product } vous invite à rejoindre son équipe.
mail-invite-team = Nom de l'équipe, tel que saisi par la personne qui vous invite : « { $team } »
mail-invite-inviter = Nom de la personne qui vous invite, tel qu'elle l'a saisi : « { $inviter } »
mail-invite-caution = { $product } ne vérifie pas ce que saisissent les personnes qui envoient des invitations. N'acceptez que si vous attendiez cette invitation. Acceptez-la avec un compte existant, ou créez-en un. L'invitation est valable 7 jours.
mail-invite-action = Accepter l'invitation

mail-sign-in-subject = Nouvelle connexion à votre compte { $product }
mail-sign-in-body = Une connexion à votre compte { $product } { $username } vient d'avoir lieu depuis un navigateur jamais utilisé auparavant : { $device }, à partir de l'adresse { $ip }.
mail-sign-in-not-you = Si c'était vous, vous n'avez rien à faire. Sinon, modifiez immédiatement votre mot de passe et déconnectez cette session dans vos paramètres.
mail-sign-in-action = Vérifier vos sessions

mail-renewal-subject = Une nouvelle invitation à une équipe a été demandée
mail-renewal-body = { $email } a ouvert votre invitation à une équipe après son expiration et en demande une nouvelle. Vous pouvez l'inviter de nouveau depuis la page de l'équipe.
mail-renewal-team = Équipe : « { $team } »
mail-renewal-action = Ouvrir l'équipe
mail-renewal-ignore = Si vous ne souhaitez plus l'inviter, vous pouvez ignorer ce message.
