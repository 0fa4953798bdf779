passkey-sign-in = Se connecter avec une clé d'accès
passkey-use = Utiliser une clé d'accès
passkey-no-answer = La clé d'accès n'a pas répondu (ou vous avez annulé). Réessayez, ou connectez-vous autrement.
passkey-expired = Cette demande de clé d'accès a expiré ou a déjà servi. Réessayez.
passkey-refused = Cette clé d'accès n'a pas pu être vérifiée. Réessayez, ou connectez-vous autrement.
passkey-unknown = Cette clé d'accès n'appartient pas à ce compte, ou elle a été retirée. Connectez-vous autrement, puis ajoutez-la de nouveau dans les paramètres.
passkey-taken = Cette clé d'accès est déjà ajoutée à un compte ici.
passkey-clone = Cette clé d'accès a été refusée : son compteur indique qu'elle a peut-être été copiée. Connectez-vous autrement et retirez-la dans les paramètres ; l'incident figure dans le journal de sécurité du compte.
passkey-throttled = Trop de tentatives. Attendez { $seconds } secondes, puis réessayez.
passkey-off = Les clés d'accès ne sont pas disponibles sur ce serveur.
passkey-second-step-wrong = Cette clé d'accès n'a pas été vérifiée, ou elle n'appartient pas à ce compte. Réessayez, ou saisissez un code.
passkeys-heading = Clés d'accès
passkeys-intro = Une clé d'accès vous connecte avec votre empreinte, votre visage ou le code de votre appareil au lieu d'un mot de passe. Elle ne fonctionne que sur ce site : impossible de vous la soutirer par hameçonnage.
passkeys-none = Vous n'avez pas encore de clé d'accès.
passkeys-add = Ajouter une clé d'accès
passkeys-name = Nom de la clé d'accès
passkeys-name-placeholder = Portable du bureau
passkeys-name-hint = Un nom qui vous dit où se trouve cette clé. Vide, elle s'appelle « Clé d'accès ».
passkeys-default-name = Clé d'accès
passkeys-confirm-first = Pour ajouter une clé d'accès, confirmez d'abord que c'est bien vous.
passkeys-added = Ajoutée le { $when }
passkeys-used = dernière utilisation le { $when }
passkeys-rename = Renommer
passkeys-rename-label = Nouveau nom pour { $name }
passkeys-remove = Retirer
passkeys-remove-label = Retirer la clé d'accès { $name }
notice-passkey-added = Clé d'accès ajoutée. La prochaine fois, choisissez « Se connecter avec une clé d'accès ».
notice-passkey-renamed = Clé d'accès renommée.
notice-passkey-removed = Clé d'accès retirée.
notice-passkey-not-added = La clé d'accès n'a pas été ajoutée : la réponse du navigateur n'a pas été vérifiée ou est arrivée trop tard. Réessayez.
notice-passkey-last = Cette clé d'accès est votre seul moyen de connexion. Définissez d'abord un mot de passe ou ajoutez une autre clé.

# "Sign in faster next time": a passkey offered once after a password sign-in.
passkey-offer-title = Connectez-vous plus vite la prochaine fois
passkey-offer-intro = Ajoutez une clé d'accès : la prochaine fois, vous vous connecterez avec votre empreinte, votre visage ou le code de votre appareil, sans mot de passe à saisir ni rien qu'un faux site puisse intercepter.
passkey-offer-skip = Pas maintenant

# The recovery link: a passkey instead of a new password.
reset-passkey-heading = Ou ajoutez plutôt une clé d'accès
reset-passkey-intro = Connectez-vous désormais avec votre empreinte, votre visage ou le code de votre appareil. Votre mot de passe, si vous en aviez un, reste inchangé.
reset-passkey-done-title = Clé d'accès ajoutée
reset-passkey-done = Vous pouvez maintenant vous connecter avec votre clé d'accès. Vous avez été déconnecté partout ailleurs.
