# Compartido por todas las páginas: el marco, el menú de cuenta, las páginas de error.
# Todos los mensajes pueden usar { $product }, el nombre del producto del operador.

language-name = Español
language-label = Idioma
language-apply = Cambiar
page-title-suffix = { $product }
footer-help = Ayuda
footer-privacy = Privacidad
skip-to-content = Ir al contenido

# El menú de cuenta (SPEC §5).
menu-label = Cuentas
menu-button = Menú de la cuenta
menu-settings = Configuración
menu-teams = Equipos
menu-switch-to = Cambiar a { $name } ({ $email })
menu-add-account = Añadir otra cuenta
menu-sign-out = Cerrar sesión
menu-sign-out-all = Cerrar sesión en todas las cuentas

# Páginas de error: palabras sencillas y una forma de seguir.
error-back-home = Ir a tu cuenta
error-try-again = Volver a intentarlo
error-details = Detalles para desarrolladores
error-failed-title = No funcionó
error-not-found-title = Página no encontrada
error-not-found = No hay nada en esta dirección.
error-internal-title = Algo salió mal
error-internal = { $product } no pudo completar esta solicitud. Vuelve a intentarlo en unos momentos.
error-unreadable-form = No se pudo leer este formulario. Vuelve a cargar la página e inténtalo de nuevo.
error-unreadable-address = No se pudo leer esta dirección.
error-csrf = Este formulario caducó o no se envió desde { $product }. Vuelve atrás, carga de nuevo la página e inténtalo otra vez.
error-csrf-title = Vuelve a enviar el formulario
error-too-many-title = Demasiados intentos
error-too-many = Hubo demasiados intentos desde aquí. Espera { $seconds } segundos y vuelve a intentarlo.
error-rendering = No se pudo mostrar la página.

request-unavailable-title = Este inicio de sesión se empezó en otro navegador o caducó
request-unavailable = Por tu seguridad, un inicio de sesión solo puede continuar en el navegador donde se empezó y durante un máximo de una hora. Vuelve a la aplicación e inicia sesión de nuevo desde este navegador.
request-unavailable-back = Volver a { $client }
request-unavailable-sign-in = Iniciar sesión en tu cuenta

check-email-title = Revisa tu correo
check-email = Hemos enviado un enlace a { $email }. Ábrelo para confirmar tu dirección y terminar de crear tu cuenta. El enlace es válido durante 24 horas.
check-email-back = Volver al inicio de sesión

form-sending = Enviando…
password-show = Mostrar contraseña
password-hide = Ocultar contraseña
cancel = Cancelar
continue = Continuar

# A browser and system as people name them ("Chrome on Android"); the names of
# browsers and systems are not translated.
device-a-browser = Un navegador
device-on = { $browser } en { $os }

# A form sent after its page's token expired (the browser lost its cookie): what
# was typed is shown again, secrets are asked for again.
form-expired-title = ¿Enviarlo de nuevo?
form-expired = Esta página estuvo abierta mucho tiempo o se borraron las cookies de tu navegador, así que el formulario no se pudo enviar. Lo que escribiste se conserva: revísalo y envíalo de nuevo.
form-expired-password = Contraseña
form-expired-new-password = Nueva contraseña
form-expired-current = Contraseña actual
form-expired-code = Código
form-expired-send = Enviar de nuevo
form-expired-cancel = Cancelar
