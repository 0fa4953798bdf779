# Mail. Subjects, paragraphs, the action button, footers and the signature.

mail-signature = { $product }
mail-or-open = O abre este enlace:
mail-ignore = Si no lo solicitaste, puedes ignorar este mensaje.
mail-invitation-ignore = Si no conoces a quien te invitó, puedes ignorar esta invitación: no pasará nada a menos que la aceptes.
mail-hi = Hola, { $username }:

mail-confirm-subject = Confirma tu dirección de correo electrónico
mail-confirm-body = Confirma tu dirección de correo electrónico para terminar de crear tu cuenta de { $product }. El enlace solo se puede usar una vez, durante 24 horas.
mail-confirm-action = Confirmar dirección de correo electrónico

mail-existing-subject = Ya tienes una cuenta de { $product }
mail-existing-body = Alguien intentó crear una cuenta de { $product } con esta dirección de correo electrónico, que ya pertenece a la cuenta { $username }.
mail-existing-recover = Si fuiste tú, inicia sesión o recupera tu contraseña en { $link }.
mail-existing-action = Iniciar sesión

mail-lookalike-subject = No se creó tu cuenta de { $product }
mail-lookalike-body = Alguien intentó crear una cuenta de { $product } con esta dirección de correo electrónico. Se parece demasiado a la dirección de una cuenta que ya existe (algunos de sus caracteres se ven iguales que otros), así que no se creó ninguna cuenta.
mail-lookalike-retry = Si fuiste tú, regístrate con otra dirección en { $link }.

mail-change-subject = Confirma tu nueva dirección de correo electrónico
mail-change-body = Confirma esta dirección para que sea el correo electrónico de tu cuenta de { $product }. Hasta que lo hagas, se seguirá usando la dirección anterior. El enlace solo se puede usar una vez, durante 24 horas.
mail-change-action = Confirmar nueva dirección de correo electrónico

mail-changed-subject = Se cambió tu dirección de correo electrónico de { $product }
mail-changed-body = La dirección de correo electrónico de tu cuenta de { $product }, { $username }, se acaba de cambiar a { $email }. A partir de ahora, los correos sobre la cuenta, incluidos los de restablecimiento de contraseña, se enviarán allí.
mail-changed-not-you = Si no fuiste tú, inicia sesión de inmediato y cambia tu contraseña y tu dirección de correo electrónico en { $link }, o pide ayuda al administrador de este servicio.

mail-recovery-subject = Tu nombre de usuario de { $product } y un enlace para restablecer la contraseña
mail-recovery-username = Tu nombre de usuario es: { $username }
mail-recovery-body = Para elegir una contraseña nueva, abre el siguiente enlace. Solo se puede usar una vez, durante una hora.
mail-recovery-action = Restablecer contraseña

mail-password-subject = Se cambió tu contraseña de { $product }
mail-password-body = Se acaba de cambiar la contraseña de tu cuenta de { $product }, { $username }. Se cerraron tus otras sesiones y se desconectaron las aplicaciones conectadas.
mail-password-not-you = Si no fuiste tú, restablece tu contraseña de inmediato en { $link } y revisa tu cuenta.

mail-invite-subject = Tienes una invitación para unirte a un equipo en { $product }
mail-invite-body = Alguien con una cuenta de { $product } te invitó a unirte a su equipo.
mail-invite-team = Nombre del equipo, tal como lo escribió quien te invitó: «{ $team }»
mail-invite-inviter = Nombre de quien te invitó, tal como lo escribió: «{ $inviter }»
mail-invite-caution = { $product } no comprueba lo que escriben quienes envían invitaciones. Acepta solo si esperabas esta invitación. Acepta con una cuenta que ya tengas o crea una. La invitación es válida durante 7 días.
mail-invite-action = Aceptar invitación

mail-sign-in-subject = Nuevo inicio de sesión en tu cuenta de { $product }
mail-sign-in-body = Alguien acaba de iniciar sesión en tu cuenta de { $product }, { $username }, desde un navegador que la cuenta no había usado antes: { $device }, con la dirección { $ip }.
mail-sign-in-not-you = Si fuiste tú, no tienes que hacer nada. Si no, cambia tu contraseña y cierra esa sesión en tu configuración de inmediato.
mail-sign-in-action = Revisar tus sesiones

mail-renewal-subject = Se pidió una nueva invitación a un equipo
mail-renewal-body = { $email } abrió tu invitación a un equipo cuando ya había caducado y pide una nueva. Puedes volver a invitarle desde la página del equipo.
mail-renewal-team = Equipo: «{ $team }»
mail-renewal-action = Abrir el equipo
mail-renewal-ignore = Si ya no quieres invitarle, puedes ignorar este mensaje.
