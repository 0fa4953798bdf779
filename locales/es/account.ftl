# The signed-in account's pages: home, settings, onboarding, teams, two-step
# verification, the Terms of Use, and what the account rules say about a form.
# Every message may use { $product }, the operator's product name.

# Home (/).
home-title = Tu cuenta
home-photo-alt = Tu foto
home-hello = Hola, { $name }
home-settings = Configuración
home-settings-about = nombre, foto, correo electrónico, contraseña, sesiones
home-teams = Equipos
home-teams-count =
    { $count ->
        [one] { $count } equipo
       *[other] { $count } equipos
    }

# Settings (/settings).
settings-title = Configuración
settings-profile-heading = Perfil
settings-photo-alt = Tu foto
settings-username = Nombre de usuario: { $username }
settings-name = Nombre
settings-photo = Foto
settings-photo-hint = PNG, JPEG o WebP, hasta 5 MB.
settings-save-profile = Guardar perfil
settings-email-heading = Correo electrónico
# Around the address in bold: “Your email is <address> (not confirmed).”
settings-email-is = Tu correo electrónico es
settings-email-not-confirmed = (sin confirmar)
settings-new-email = Nuevo correo electrónico
settings-current-password = Contraseña actual
settings-email-hint = Enviaremos un enlace a la nueva dirección; el cambio se aplicará cuando lo abras.
settings-change-email = Cambiar correo electrónico
settings-password-heading = Contraseña
settings-new-password = Contraseña nueva
settings-change-password = Cambiar contraseña
settings-two-step-heading = Verificación en dos pasos
# Around “on” in bold: “Two-step verification is <on>. Signing in asks …”, then codes-left.
settings-two-step-is = La verificación en dos pasos está
settings-two-step-on = activada
settings-two-step-on-detail = . Al iniciar sesión, se te pedirá un código de tu aplicación de autenticación.
# How many unused recovery codes the account has (after settings-two-step-on-detail).
codes-left =
    { $count ->
        [one] Te queda { $count } código de recuperación.
       *[other] Te quedan { $count } códigos de recuperación.
    }
settings-disable-password = Contraseña
settings-disable-code = Código
settings-turn-off-two-step = Desactivar la verificación en dos pasos
settings-new-codes-hint = Los nuevos códigos de recuperación sustituyen a todos los que tienes.
settings-new-codes = Nuevos códigos de recuperación
settings-two-step-off = Protege tu cuenta con un código de una aplicación de autenticación, además de tu contraseña.
settings-set-up-two-step = Configurar la verificación en dos pasos
settings-methods-heading = Métodos de inicio de sesión
settings-method-password = Contraseña
settings-password-set = Configurada
settings-password-not-set = Sin configurar — usa «¿Tienes problemas para iniciar sesión?» para crear una
settings-unlink = Desvincular
settings-unlink-label = Desvincular { $name }
settings-sessions-heading = Dónde tienes la sesión iniciada
settings-session-signed-in = Sesión iniciada el { $when }
settings-session-this-browser = este navegador
settings-session-sign-out = Cerrar sesión
settings-session-sign-out-label = Cerrar la sesión de { $device }, iniciada el { $when }
settings-same-email = Esa ya es tu dirección de correo electrónico.
settings-wrong-password = La contraseña actual no es correcta.
settings-only-method = Esta es tu única forma de iniciar sesión. Establece una contraseña («¿Tienes problemas para iniciar sesión?») antes de quitarla.
settings-method-not-linked = Ese método de inicio de sesión no está vinculado.

# What Settings says after a change (/settings?done=… or ?error=…).
notice-profile-saved = Se guardó tu perfil.
notice-email-link-sent = Enviamos un enlace a la nueva dirección. Tu correo electrónico cambiará cuando lo abras.
notice-password-changed = Se cambió tu contraseña. Se cerraron tus otras sesiones.
notice-session-ended = Se cerró esa sesión.
notice-method-unlinked = Se quitó ese método de inicio de sesión.
notice-two-step-off = La verificación en dos pasos está desactivada.
notice-two-step-wrong = Los datos no eran correctos, así que la verificación en dos pasos sigue activada.

# Onboarding, step 1: the profile (/onboarding/profile).
onboarding-profile-title = Configura tu perfil
onboarding-profile-step = Paso 1 de 2
onboarding-name = Nombre
onboarding-photo = Foto
onboarding-photo-hint = PNG, JPEG o WebP, hasta 5 MB.

# Onboarding, step 2: a team (/onboarding/team).
onboarding-team-title = Crea un equipo
onboarding-team-step = Paso 2 de 2 · opcional
onboarding-team-lead = Colabora con otras personas: crea un equipo e invítalas por correo electrónico. También puedes hacerlo más tarde.
onboarding-team-name = Nombre del equipo
onboarding-invites = Invitar a personas
onboarding-invites-placeholder = ana@example.com, ben@example.com
onboarding-invites-hint = Direcciones de correo electrónico, separadas por comas o saltos de línea.
onboarding-skip = Quizás más tarde
onboarding-team-not-created-title = No se creó tu equipo
onboarding-team-not-created = Esta cuenta envió muchas invitaciones últimamente. Crea el equipo más tarde desde Equipos, en el menú de la cuenta.

# Teams (/teams).
teams-title = Equipos
teams-none = Aún no perteneces a ningún equipo.
teams-role-owner = propietario
teams-role-member = miembro
teams-create-heading = Crea un equipo
teams-team-name = Nombre del equipo
teams-invites = Invitar a personas
teams-invites-placeholder = ana@example.com, ben@example.com
teams-create = Crear equipo
teams-not-member = No eres miembro de este equipo o el equipo no existe.

# One team (/teams/…).
team-members-heading = Miembros
team-remove = Quitar
team-remove-label = Quitar a { $username }
team-invite-heading = Añadir miembros
team-invites = Invitar a personas
team-invites-placeholder = ana@example.com, ben@example.com
team-send-invitations = Enviar invitaciones
team-leave = Salir del equipo
team-invited = Se enviaron las invitaciones.
team-owner-only-invite = Solo el propietario del equipo puede invitar a personas.
team-owner-only-remove = Solo el propietario del equipo puede quitar miembros.
team-owner-cannot-leave = El propietario no puede salir del equipo.
team-no-invites = Escribe al menos una dirección de correo electrónico.

# What a team's name and "Invite people" may be (team pages and onboarding).
# $address is the address as typed, in quotes.
teams-invite-not-email = { $address } no es una dirección de correo electrónico.
teams-invite-too-many = Invita como máximo a { $max } personas a la vez.
teams-name-missing = Escribe un nombre para el equipo.
teams-name-too-long = Usa como máximo 100 caracteres para el nombre del equipo.
teams-name-control = El nombre del equipo no puede contener caracteres de control.

# Setting up two-step verification (/settings/two-step/setup).
two-step-setup-title = Configura la verificación en dos pasos
two-step-scan = Escanea este código QR con una aplicación de autenticación (como Google Authenticator, 1Password o Aegis) y luego escribe el código que muestre.
two-step-qr-alt = Código QR para tu aplicación de autenticación
two-step-by-hand = O escribe esta clave manualmente:
two-step-secret-label = Clave secreta
two-step-setup-link = Enlace de configuración:
two-step-setup-link-label = Enlace de configuración
two-step-code = Código
two-step-verify = Verificar
two-step-wrong-code = El código no es correcto. Comprueba la hora de tu teléfono y escribe el código actual.

# The recovery codes, shown once.
two-step-codes-title = Tus códigos de recuperación
two-step-codes-heading = La verificación en dos pasos está activada
two-step-codes-keep = Guarda estos códigos de recuperación en un lugar seguro. Si pierdes tu aplicación de autenticación, cada uno te permite iniciar sesión una vez. Solo se muestran ahora.
two-step-codes-label = Códigos de recuperación
two-step-codes-done = Listo

# Terms of Use (/terms), for a server whose operator set no terms_url.
terms-title = Condiciones de uso
terms-use = Este servidor de { $product } lo gestiona su operador, que decide cómo se puede usar. Usa tu cuenta de forma legal, no compartas tu contraseña con nadie y no intentes acceder sin permiso a otras cuentas ni al servicio.
terms-data = El operador conserva los datos necesarios para que inicies sesión (tu correo electrónico, nombre de usuario, nombre, foto, hash de la contraseña, sesiones y un registro de inicios de sesión) y los comparte con las aplicaciones en las que decidas iniciar sesión, solo en la medida en que lo permitas.
# Around the setting's name: “Operators: set <signup.terms_url> to your own terms.”
terms-operators = Para operadores: configura
terms-operators-end = con la dirección de tus propias condiciones.

# Profile photos and the profile form (settings and onboarding).
photo-too-big = La foto debe ocupar 5 MB o menos.
photo-not-an-image = La foto debe ser una imagen PNG, JPEG o WebP.
photo-too-many-pixels = La foto es demasiado grande: admite como máximo 40 megapíxeles y ningún lado de más de 8000 píxeles. Usa una foto más pequeña.
photo-corrupt = No se pudo leer la foto; es posible que esté dañada.
upload-unreadable = No se pudo leer el formulario. Vuelve a cargar la página e inténtalo de nuevo.
profile-name-too-long = Usa como máximo 100 caracteres para tu nombre.
profile-not-saved = No se pudo guardar tu perfil. Vuelve a intentarlo.

# What a username, email address and password may be (signup, reset, settings).
# The numbers are the server's limits (account::rules).
rules-username-length = Usa entre 3 y 32 caracteres.
rules-username-chars = Usa solo letras minúsculas, números, «.», «_» y «-».
rules-username-start = Empieza con una letra o un número.
rules-email-invalid = Escribe una dirección de correo electrónico como nombre@example.com.
rules-password-short = Usa al menos 8 caracteres.
rules-password-long = Usa como máximo 1024 caracteres.
rules-password-common = Esta contraseña es una de las más comunes. Elige otra.
rules-password-identifier = No uses tu nombre de usuario ni tu correo electrónico como contraseña.
