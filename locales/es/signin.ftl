# Signing in, signing up and what comes with it: the pages before an account is
# in use. Every message may use { $product }, the operator's product name.
# Where a sentence holds markup (a name in bold, a link), it is split around it:
# "-before" / "-after" parts, the markup between them.

# Shared by the sign-in pages: "to continue to <strong>CLIENT</strong>".
signin-continue-to = para continuar en

# /login: "Email or username", "Password", "Keep me signed in", "Sign In".
login-title = Iniciar sesión
login-identifier = Correo electrónico o nombre de usuario
login-password = Contraseña
login-remember = Mantener la sesión iniciada
login-submit = Iniciar sesión
login-trouble = ¿Tienes problemas para iniciar sesión?
login-with = Iniciar sesión con { $name }
login-new-here = ¿No tienes una cuenta?
login-create-account = Crear cuenta
login-missing = Escribe tu correo electrónico o nombre de usuario y tu contraseña.
login-too-long = El correo electrónico, el nombre de usuario o la contraseña son demasiado largos.
login-too-many = Demasiados intentos. Espera { $seconds } segundos y vuelve a intentarlo.
login-no-match = El correo electrónico o nombre de usuario y la contraseña no coinciden con ninguna cuenta.
login-disabled = Esta cuenta está desactivada. Ponte en contacto con tu administrador.

# /login/code: the "Code" step of two-step verification.
login-code-title = Verificación en dos pasos
login-code-intro = Escribe el código de 6 dígitos de tu aplicación de autenticación o uno de tus códigos de recuperación.
login-code-label = Código
login-code-submit = Verificar
login-code-someone-else = Iniciar sesión con otra cuenta
login-code-ended-title = Vuelve a iniciar sesión
login-code-expired = Este inicio de sesión caducó, ya se completó o tuvo demasiados códigos incorrectos. Vuelve a la página de inicio de sesión y empieza de nuevo.
login-code-too-many = Demasiados intentos. Espera { $seconds } segundos y vuelve a intentarlo.
login-code-last = El código no es correcto y era el último intento para este inicio de sesión. Vuelve a la página de inicio de sesión, inicia sesión de nuevo y escribe el código actual.
login-code-wrong = El código no es correcto o ya se usó. Escribe el código actual.

# /accounts: the account chooser ("Add a new account" is menu-add-account).
accounts-title = Elige una cuenta
accounts-gone = Esa cuenta ya no tiene la sesión iniciada aquí. Vuelve a iniciar sesión.

# /consent: a third-party application asks for scopes.
consent-title = Permitir acceso
consent-heading = ¿Dar acceso a { $client }?
# "Signed in as <strong>ACCOUNT</strong>. <strong>CLIENT</strong> asks to:"
consent-signed-in-as-before = Sesión iniciada como
consent-signed-in-as-after = .
consent-asks-to = solicita permiso para:
consent-allow = Permitir
consent-deny = Denegar
consent-scope-openid = Saber quién eres en { $product }
consent-scope-profile = Ver tu nombre, nombre de usuario y foto
consent-scope-email = Ver tu dirección de correo electrónico
consent-scope-offline-access = Mantener el acceso aunque no estés usando la aplicación
consent-scope-teams = Ver los equipos a los que perteneces
consent-scope-other = Usar un permiso adicional de esta aplicación

# /signup: "Email", "Username", "Password", the "Terms of Use" checkbox.
signup-title = Crea tu cuenta
signup-email = Correo electrónico
signup-username = Nombre de usuario
signup-username-hint = De 3 a 32 caracteres: a–z, 0–9, «.», «_» o «-».
signup-password = Contraseña
signup-password-hint = Al menos 8 caracteres.
# "I agree to the <a>Terms of Use</a>"
signup-terms-before = Acepto las
signup-terms-link = Condiciones de uso
signup-submit = Crear cuenta gratis
signup-with = Registrarse con { $name }
signup-have-account = ¿Ya tienes una cuenta?
signup-sign-in = Iniciar sesión
signup-username-taken = Este nombre de usuario ya está en uso. Elige otro.
signup-terms-required = Acepta las Condiciones de uso para crear una cuenta.
signup-closed-title = El registro está cerrado
signup-closed = Aquí no se pueden crear cuentas nuevas. Pide una cuenta a tu administrador.

# /confirm: the link from a confirmation or email-change message.
confirm-title = Confirma tu correo electrónico
confirm-intro = Confirma que esta dirección de correo electrónico es tuya.
confirm-submit = Confirmar correo electrónico
confirm-invalid-title = Este enlace ya no es válido
confirm-invalid = El enlace no es válido, ya se usó o caducó. Inicia sesión para obtener uno nuevo.
confirm-superseded-title = Este enlace fue reemplazado
confirm-superseded = Tu cuenta ya no está esperando que confirmes esta dirección: se envió un enlace más reciente o la dirección de la cuenta cambió después. Usa el enlace más reciente o pide uno nuevo en Configuración.
confirm-taken-title = Esa dirección ya está en uso
confirm-taken = Ahora otra cuenta usa esta dirección de correo electrónico. Elige otra en Configuración.
confirm-changed-title = Se cambió tu correo electrónico
confirm-changed = Tu cuenta ahora usa esta dirección.
confirm-resend-expired-title = Vuelve a iniciar sesión
confirm-resend-expired = Esta página caducó. Vuelve a iniciar sesión para obtener un enlace nuevo.

# "Confirm your email first": a sign-in of an account not confirmed yet.
confirm-first-title = Confirma tu correo electrónico
confirm-first-heading = Primero confirma tu correo electrónico
# "Your account's address <strong>EMAIL</strong> is not confirmed yet. …"
confirm-first-address-before = La dirección de tu cuenta
confirm-first-address-after = aún no está confirmada. Abre el enlace de confirmación que te enviamos a esa dirección y luego inicia sesión.
confirm-first-no-link = ¿No tienes el enlace o caducó? Revisa tu carpeta de spam o envía uno nuevo.
confirm-first-resend = Reenviar correo de confirmación

# /recover ("Trouble signing in?"): "Email", "I'm not a robot", "Submit".
recover-title = ¿Tienes problemas para iniciar sesión?
recover-intro = Escribe el correo electrónico de tu cuenta. Te enviaremos tu nombre de usuario y un enlace para elegir una contraseña nueva.
recover-email = Correo electrónico
recover-robot = No soy un robot
recover-submit = Enviar
recover-back = Volver al inicio de sesión
recover-sent = Si hay una cuenta que usa { $email }, enviamos a esa dirección un correo con el nombre de usuario y un enlace para elegir una contraseña nueva. El enlace solo se puede usar una vez y durante una hora.

# The robot check of /recover, when it does not pass.
captcha-missing = Marca «No soy un robot» y espera a que se verifique.
captcha-malformed = No se pudo leer la verificación de seguridad. Vuelve a cargar la página e inténtalo de nuevo.
captcha-forged = Este servidor no emitió la verificación de seguridad.
captcha-unsolved = No se completó la verificación de seguridad.
captcha-expired = La verificación de seguridad caducó. Vuelve a marcar «No soy un robot».
captcha-replayed = La verificación de seguridad ya se usó. Vuelve a marcar «No soy un robot».
captcha-rejected = El servicio de verificación de seguridad no aceptó la respuesta.
captcha-unavailable = No se pudo contactar con el servicio de verificación de seguridad. Vuelve a intentarlo en unos momentos.

# /reset: "New password", "Reset password".
reset-title = Elige una contraseña nueva
reset-password = Contraseña nueva
reset-password-hint = Al menos 8 caracteres.
reset-submit = Restablecer contraseña
reset-invalid-title = Este enlace ya no es válido
reset-invalid = El enlace no es válido, ya se usó o caducó. Pide uno nuevo.
reset-done-title = Tu contraseña está lista
reset-done = Ya puedes iniciar sesión con tu contraseña nueva.
reset-sign-in = Iniciar sesión

# /reauth ("Confirm it's you") before a sensitive change ("Continue", "Cancel"
# are common).
reauth-title = Confirma que eres tú
reauth-intro-password = Este cambio requiere un inicio de sesión reciente. Escribe tu contraseña para continuar.
reauth-intro-again = Este cambio requiere un inicio de sesión reciente. Vuelve a iniciar sesión para continuar.
reauth-signed-in-as = Sesión iniciada como { $email }
reauth-password = Contraseña
reauth-code = Código
reauth-code-help = El código de 6 dígitos de tu aplicación de autenticación o un código de recuperación.
reauth-continue-with = Continuar con { $name }
# "… Set a password with <a>Trouble signing in?</a> first."
reauth-no-way-before = Aquí no hay ninguna forma de volver a iniciar sesión con tu cuenta. Usa
reauth-no-way-link = ¿Tienes problemas para iniciar sesión?
reauth-no-way-after = para establecer primero una contraseña.
reauth-no-password = Tu cuenta no tiene contraseña: continúa con el servicio que usas para iniciar sesión.
reauth-wrong-password = La contraseña no es correcta. Vuelve a intentarlo.
reauth-wrong-code = El código no es correcto. Escribe el código actual de tu aplicación o un código de recuperación.

# /logout: RP-Initiated Logout asks before signing out.
logout-title = Cerrar sesión
logout-heading = ¿Cerrar sesión?
# "<strong>CLIENT</strong> asks to sign you out of … as <strong>ACCOUNT</strong>."
logout-client-asks = solicita cerrar tu sesión en { $product } como
logout-confirm = Cerrar sesión en { $product } como
logout-as-after = .
logout-submit = Cerrar sesión
logout-done-title = Sesión cerrada
logout-done = Se cerró tu sesión en { $product }.
logout-done-close = Se cerró tu sesión en { $product }. Puedes cerrar esta pestaña y volver a la aplicación.
logout-sign-in-again = Volver a iniciar sesión

# /invite: the link from a team invitation.
invite-title = Únete a { $team }
# "You are signed in as <strong>ACCOUNT</strong>."
invite-signed-in-as-before = Sesión iniciada como
invite-signed-in-as-after = .
invite-accept = Aceptar invitación
invite-other-account = Usar otra cuenta
# "You were invited to the team <strong>TEAM</strong>. Sign in, …"
invite-invited-before = Tienes una invitación para unirte al equipo
invite-invited-after = . Inicia sesión o crea una cuenta para aceptarla.
invite-sign-in = Iniciar sesión para aceptar
invite-new-here = ¿No tienes una cuenta?
invite-create-account = Crear cuenta
invite-invalid-title = Este enlace de invitación no funciona
invite-invalid = El enlace no es una invitación completa, o la invitación ya se aceptó. Si la aceptaste, el equipo está en Equipos al iniciar sesión; si no, pide una nueva a quien te invitó.

# /federate: "Sign in with NAME" (an upstream identity provider, { $name }).
federate-failed-title = No se pudo iniciar sesión
federate-unreachable = No se pudo contactar con { $name }. Vuelve a intentarlo en unos momentos.
federate-refused = { $name } no te permitió iniciar sesión. Inténtalo de nuevo o inicia sesión de otra forma.
federate-invalid = No se pudo verificar el inicio de sesión con { $name }, así que no se aceptó.
federate-bad-state = Este enlace de inicio de sesión caducó o no se abrió en este navegador. Vuelve a empezar.
federate-bad-email = { $name } envió una dirección de correo electrónico no válida, así que no se aceptó el inicio de sesión. Corrige tu dirección de correo electrónico en { $name } o inicia sesión de otra forma.
federate-unknown-title = Método de inicio de sesión desconocido
federate-unknown = Este servidor no tiene ese método de inicio de sesión.
federate-disabled-title = Esta cuenta está desactivada
federate-disabled = Ponte en contacto con tu administrador.
federate-no-email-title = Sin dirección de correo electrónico
federate-no-email = { $name } no compartió ninguna dirección de correo electrónico, y es necesaria para tener una cuenta de { $product }.
federate-exists-title = Ya tienes una cuenta
federate-exists-unconfirmed = Ya hay una cuenta que usa { $email }. Inicia sesión con tu contraseña. { $name } no confirmó que esta dirección sea tuya, así que no se puede vincular.
federate-link-title = Vincula tu cuenta
federate-link = Ya hay una cuenta que usa { $email }. Inicia sesión en ella con tu contraseña para vincular { $name }; después podrás iniciar sesión de las dos formas.
federate-link-sign-in = Iniciar sesión para vincular
federate-lookalike-title = Es posible que ya tengas una cuenta
federate-lookalike = Ya hay una cuenta con una dirección que se ve igual que { $email }, así que no se puede crear una cuenta con ella. Inicia sesión en esa cuenta o regístrate con otra dirección.
federate-unconfirmed-title = Dirección de correo electrónico sin confirmar
federate-unconfirmed = { $name } no confirmó que { $email } sea tuya, así que no se puede crear una cuenta con ella. Confírmala en { $name } o regístrate con una contraseña.

invite-expired-title = Esta invitación ha caducado
invite-expired = La invitación de { $inviter } para unirte a «{ $team }» ha caducado. Pide una nueva: { $inviter } recibe un mensaje y puede volver a invitarte.
invite-expired-ask = Pedir una nueva invitación
invite-renewal-asked-title = Nueva invitación pedida
invite-renewal-asked = { $inviter } ya sabe que quieres una nueva invitación. Llegará a { $email }.
invite-renewal-already = Ya se pidió una nueva invitación: { $inviter } está avisado. Llegará a { $email }.
