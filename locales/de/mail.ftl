# Mail. Subjects, paragraphs, the action button, footers and the signature.

mail-signature = { $product }
mail-or-open = Oder öffnen Sie diesen Link:
mail-ignore = Falls Sie dies nicht angefordert haben, können Sie diese Nachricht ignorieren.
mail-invitation-ignore = Falls Sie die einladende Person nicht kennen, können Sie diese Einladung ignorieren: Es passiert nichts, solange Sie sie nicht annehmen.
mail-hi = Hallo { $username },

mail-confirm-subject = Bestätigen Sie Ihre E-Mail-Adresse
mail-confirm-body = Bestätigen Sie Ihre E-Mail-Adresse, um die Erstellung Ihres Kontos bei { $product } abzuschließen. Der Link kann einmal verwendet werden und ist 24 Stunden lang gültig.
mail-confirm-action = E-Mail-Adresse bestätigen

mail-existing-subject = Sie haben bereits ein Konto bei { $product }
mail-existing-body = Jemand hat versucht, mit dieser E-Mail-Adresse ein Konto bei { $product } zu erstellen. Die Adresse gehört jedoch bereits zum Konto { $username }.
mail-existing-recover = Falls Sie das waren, melden Sie sich stattdessen an oder setzen Sie Ihr Passwort unter { $link } zurück.
mail-existing-action = Anmelden

mail-lookalike-subject = Ihr Konto bei { $product } wurde nicht erstellt
mail-lookalike-body = Jemand hat versucht, mit dieser E-Mail-Adresse ein Konto bei { $product } zu erstellen. Sie ähnelt zu stark der Adresse eines bestehenden Kontos (einige ihrer Zeichen sehen genauso aus wie andere), daher wurde kein Konto erstellt.
mail-lookalike-retry = Falls Sie das waren, registrieren Sie sich unter { $link } mit einer anderen Adresse.

mail-change-subject = Bestätigen Sie Ihre neue E-Mail-Adresse
mail-change-body = Bestätigen Sie diese Adresse, um sie zur E-Mail-Adresse Ihres Kontos bei { $product } zu machen. Bis dahin wird weiterhin die alte Adresse verwendet. Der Link kann einmal verwendet werden und ist 24 Stunden lang gültig.
mail-change-action = Neue E-Mail-Adresse bestätigen

mail-changed-subject = Die E-Mail-Adresse Ihres Kontos bei { $product } wurde geändert
mail-changed-body = Die E-Mail-Adresse Ihres Kontos { $username } bei { $product } wurde soeben in { $email } geändert. E-Mails zum Konto, auch zum Zurücksetzen des Passworts, werden ab jetzt an diese Adresse gesendet.
mail-changed-not-you = Falls Sie das nicht waren, melden Sie sich sofort an und ändern Sie Ihr Passwort und Ihre E-Mail-Adresse unter { $link } oder bitten Sie den Administrator dieses Dienstes um Hilfe.

mail-recovery-subject = Ihr Nutzername bei { $product } und ein Link zum Zurücksetzen des Passworts
mail-recovery-username = Ihr Nutzername lautet: { $username }
mail-recovery-body = Öffnen Sie den folgenden Link, um ein neues Passwort festzulegen. Er kann innerhalb einer Stunde einmal verwendet werden.
mail-recovery-action = Passwort zurücksetzen

mail-password-subject = Das Passwort Ihres Kontos bei { $product } wurde geändert
mail-password-body = Das Passwort Ihres Kontos { $username } bei { $product } wurde soeben geändert. Ihre anderen Sitzungen und App-Verbindungen wurden abgemeldet.
mail-password-not-you = Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort unter { $link } zurück und überprüfen Sie Ihr Konto.

mail-invite-subject = Sie wurden eingeladen, einem Team bei { $product } beizutreten
mail-invite-body = Jemand mit einem Konto bei { $product } hat Sie in sein Team eingeladen.
mail-invite-team = Teamname, wie von der einladenden Person angegeben: „{ $team }“
mail-invite-inviter = Name der einladenden Person, wie von ihr angegeben: „{ $inviter }“
mail-invite-caution = { $product } prüft nicht, was einladende Personen angeben. Nehmen Sie die Einladung nur an, wenn Sie sie erwartet haben. Verwenden Sie dazu ein bestehendes Konto oder erstellen Sie ein neues. Die Einladung ist 7 Tage lang gültig.
mail-invite-action = Einladung annehmen

mail-sign-in-subject = Neue Anmeldung in Ihrem Konto bei { $product }
mail-sign-in-body = Ihr Konto { $username } bei { $product } wurde soeben in einem Browser angemeldet, der dafür bisher nicht verwendet wurde: { $device }, von der Adresse { $ip } aus.
mail-sign-in-not-you = Falls Sie das waren, müssen Sie nichts tun. Falls nicht, ändern Sie sofort Ihr Passwort und melden Sie diese Sitzung in Ihren Einstellungen ab.
mail-sign-in-action = Ihre Sitzungen prüfen

mail-renewal-subject = Um eine neue Team-Einladung wurde gebeten
mail-renewal-body = { $email } hat Ihre Einladung in ein Team erst nach ihrem Ablauf geöffnet und bittet um eine neue. Sie können auf der Seite des Teams erneut einladen.
mail-renewal-team = Team: „{ $team }“
mail-renewal-action = Team öffnen
mail-renewal-ignore = Wenn Sie diese Person nicht mehr einladen möchten, können Sie diese Nachricht ignorieren.
