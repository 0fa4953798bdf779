# Settings: sections, connected apps, your data (issue 13 §4–6).

settings-nav-label = Secciones de la configuración
settings-nav-sessions = Sesiones
settings-nav-methods = Métodos de inicio de sesión vinculados
settings-email-pending = Pendiente de confirmación: { $email }
settings-email-pending-hint = Abre el enlace que enviamos a esa dirección para terminar el cambio.
settings-no-password = Tu cuenta aún no tiene contraseña: inicias sesión con un método vinculado. Crea una contraseña para iniciar sesión también con tu nombre de usuario o tu correo electrónico.
settings-set-password = Crear una contraseña
settings-set-password-confirm-first = Primero confirma que eres tú iniciando sesión de nuevo.
settings-password-not-set-here = Sin configurar — usa «Crear una contraseña» más arriba
settings-apps-heading = Aplicaciones conectadas
settings-apps-none = Ninguna aplicación tiene acceso a tu cuenta.
settings-apps-intro = Estas aplicaciones pueden usar tu cuenta. Si quitas el acceso, se cierra la sesión de la aplicación y te lo volverá a pedir la próxima vez que la uses.
settings-app-allowed = Permitida el { $when }
settings-app-last-used = Último uso el { $when }
settings-app-may = Puede:
settings-app-remove = Quitar acceso
settings-app-remove-label = Quitar el acceso de { $name }
settings-data-heading = Tus datos
settings-download = Descargar mis datos
settings-download-hint = Un archivo JSON con todo lo que { $product } guarda sobre ti: perfil, direcciones de correo, métodos de inicio de sesión, equipos, sesiones, aplicaciones conectadas y tu registro de seguridad. No contiene contraseñas ni claves.
settings-delete-heading = Eliminar cuenta
settings-delete-hint = Elimina tu cuenta y todo lo que contiene. Antes confirmas que eres tú.

notice-password-set = Tu contraseña está creada. Ahora también puedes iniciar sesión con ella.
notice-app-removed = Esa aplicación ya no tiene acceso a tu cuenta.

delete-lead = Esto elimina la cuenta { $username } para siempre; no se puede deshacer. Elimina:
delete-what-profile = tu perfil, tu foto y tus direcciones de correo;
delete-what-sign-in = tu contraseña, la verificación en dos pasos, los métodos de inicio de sesión vinculados y tus sesiones en todos los navegadores;
delete-what-apps = las aplicaciones que permitiste, y su acceso;
delete-what-teams = tu pertenencia a equipos de otras personas.
delete-no-owned-teams = No eres propietario de ningún equipo.
delete-owned-teams = Eres propietario de estos equipos. Se eliminan con tu cuenta y sus miembros los pierden:
delete-team-members =
    { $count ->
        [one] { $count } miembro
       *[other] { $count } miembros
    }
delete-log-kept = El registro de seguridad conserva sus entradas sobre los inicios de sesión y cambios de tu cuenta hasta que caducan.
delete-username = Nombre de usuario
delete-username-hint = Para confirmar, escribe tu nombre de usuario: { $username }
delete-submit = Eliminar mi cuenta
delete-wrong-username = Ese no es tu nombre de usuario. Escríbelo tal como se muestra.
deleted-title = Tu cuenta está eliminada
deleted-message = La cuenta { $username } y sus datos están eliminados.

mail-password-set-subject = Se creó una contraseña para tu cuenta de { $product }
mail-password-set-body = Se acaba de crear una contraseña para tu cuenta de { $product }, { $username }. Ahora también puedes iniciar sesión con ella.
mail-account-deleted-subject = Se eliminó tu cuenta de { $product }
mail-account-deleted-body = Tu cuenta de { $product }, { $username }, y sus datos se eliminaron, como se pidió en su configuración.
mail-account-deleted-not-you = Si no fuiste tú, ponte en contacto de inmediato con el operador de { $product }.
