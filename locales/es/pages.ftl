# Sign-in pages: captcha, confirmation, errors, two-step setup (issue 13 §4).
# Every message may use { $product }, the operator's product name.

captcha-checking = Comprobando…
captcha-checking-progress = Comprobando… { $percent } %
captcha-progress-label = Progreso de la comprobación antirrobot
captcha-verified = Comprobado
captcha-failed = No se pudo comprobar. Marca la casilla para intentarlo de nuevo.
captcha-tick-first = Marca primero «No soy un robot».
captcha-wait = El formulario se enviará en cuanto termine la comprobación.

confirm-done-sign-in = Tu correo está confirmado. Inicia sesión para continuar.

check-email-resend-intro = ¿No te ha llegado el correo tras unos minutos? Mira en la carpeta de spam o vuelve a enviar el enlace.
check-email-resend = Reenviar
check-email-resent = Si { $email } está pendiente de confirmar, le hemos enviado un enlace nuevo. Vale durante 24 horas; los enlaces anteriores ya no sirven.

back-to-sign-in = Volver a iniciar sesión

authorize-invalid-title = Este enlace de inicio de sesión no es válido
authorize-unknown-app = { $product } no conoce la aplicación que te ha enviado aquí, así que no puedes iniciar sesión en ella con este enlace. Vuelve a la aplicación e inténtalo de nuevo; si vuelve a pasar, avisa a su soporte.
authorize-bad-return = La aplicación que te ha enviado aquí ha dado una dirección de vuelta que { $product } no conoce para ella, así que el inicio de sesión no puede seguir. Vuelve a la aplicación e inténtalo de nuevo; si vuelve a pasar, avisa a su soporte.
authorize-bad-request = La aplicación que te ha enviado aquí ha hecho una petición que { $product } no puede aceptar, así que el inicio de sesión no puede empezar. Vuelve a la aplicación e inténtalo de nuevo; si vuelve a pasar, avisa a su soporte.
back-to-app = Volver a { $client }

request-expired-title = Esta solicitud de inicio de sesión ha caducado
request-expired = Un inicio de sesión empezado desde { $client } espera una hora. Vuelve a { $client } e inicia sesión de nuevo desde allí.

logout-invalid-title = Este enlace para cerrar sesión no es válido
logout-invalid = La aplicación que te ha enviado aquí ha pedido cerrar tu sesión de una forma que { $product } no puede aceptar. Sigues con la sesión iniciada. Vuelve a la aplicación o cierra la sesión desde el menú de la cuenta.

reset-ask-again = Pedir un enlace nuevo
confirm-invalid-sign-in = Inicia sesión para recibir un enlace nuevo
confirm-superseded-settings = Ir a Configuración

login-add-before = Has iniciado sesión como
login-add-after = . Inicia sesión con otra cuenta para añadirla a este navegador; esta sigue con la sesión iniciada.

copy = Copiar
copied = Copiado
copy-failed = No se pudo copiar. Selecciona el texto y cópialo tú.
two-step-copy-key = Copiar la clave
two-step-codes-copy = Copiar los códigos de recuperación
two-step-codes-download = Descargar
two-step-codes-download-label = Descargar los códigos de recuperación como archivo de texto
two-step-codes-file-heading = Códigos de recuperación de { $product } para { $account }
two-step-codes-file-note = Cada código te permite iniciar sesión una vez, en lugar de un código de tu aplicación de autenticación. Guarda este archivo en un lugar seguro.
