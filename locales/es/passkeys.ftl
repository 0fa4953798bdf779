passkey-sign-in = Iniciar sesión con una llave de acceso
passkey-use = Usar una llave de acceso
passkey-no-answer = La llave de acceso no respondió (o cancelaste). Inténtalo de nuevo o inicia sesión de otra forma.
passkey-expired = Esa solicitud de llave de acceso caducó o ya se usó. Inténtalo de nuevo.
passkey-refused = No se pudo comprobar esa llave de acceso. Inténtalo de nuevo o inicia sesión de otra forma.
passkey-unknown = Esa llave de acceso no es de esta cuenta o se eliminó. Inicia sesión de otra forma y vuelve a añadirla en Configuración.
passkey-taken = Esa llave de acceso ya está añadida a una cuenta aquí.
passkey-clone = Se rechazó esa llave de acceso: su contador indica que puede haberse copiado. Inicia sesión de otra forma y elimínala en Configuración; el incidente consta en el registro de seguridad de la cuenta.
passkey-throttled = Demasiados intentos. Espera { $seconds } segundos y vuelve a intentarlo.
passkey-off = Las llaves de acceso no están disponibles en este servidor.
passkey-second-step-wrong = Esa llave de acceso no se verificó o no es de esta cuenta. Inténtalo de nuevo o escribe un código.
passkeys-heading = Llaves de acceso
passkeys-intro = Una llave de acceso te permite entrar con tu huella, tu cara o el PIN del dispositivo en lugar de una contraseña. Solo funciona en este sitio, así que no te la pueden robar con phishing.
passkeys-none = Aún no tienes llaves de acceso.
passkeys-add = Añadir una llave de acceso
passkeys-name = Nombre de la llave de acceso
passkeys-name-placeholder = Portátil del trabajo
passkeys-name-hint = Un nombre que te diga dónde está esta llave. Si lo dejas vacío, se llamará «Llave de acceso».
passkeys-default-name = Llave de acceso
passkeys-confirm-first = Para añadir una llave de acceso, confirma primero que eres tú.
passkeys-added = Añadida el { $when }
passkeys-used = último uso el { $when }
passkeys-rename = Renombrar
passkeys-rename-label = Nuevo nombre para { $name }
passkeys-remove = Eliminar
passkeys-remove-label = Eliminar la llave de acceso { $name }
notice-passkey-added = Llave de acceso añadida. La próxima vez, elige «Iniciar sesión con una llave de acceso».
notice-passkey-renamed = Llave de acceso renombrada.
notice-passkey-removed = Llave de acceso eliminada.
notice-passkey-not-added = No se añadió la llave de acceso: la respuesta del navegador no se verificó o llegó tarde. Inténtalo de nuevo.
notice-passkey-last = Esa llave de acceso es tu única forma de iniciar sesión. Primero establece una contraseña o añade otra llave.

# "Sign in faster next time": a passkey offered once after a password sign-in.
passkey-offer-title = Inicia sesión más rápido la próxima vez
passkey-offer-intro = Añade una llave de acceso y la próxima vez entrarás con tu huella, tu cara o el PIN del dispositivo: sin contraseña que escribir y sin nada que un sitio falso pueda capturar.
passkey-offer-skip = Ahora no

# The recovery link: a passkey instead of a new password.
reset-passkey-heading = O añade una llave de acceso
reset-passkey-intro = Inicia sesión a partir de ahora con tu huella, tu cara o el PIN del dispositivo. Tu contraseña, si tenías una, no cambia.
reset-passkey-done-title = Llave de acceso añadida
reset-passkey-done = Ya puedes iniciar sesión con tu llave de acceso. Se cerró tu sesión en todos los demás sitios.
