app-logo = Logotipo de { $client }
consent-app-links = Antes de permitirlo, puedes leer de { $client } la
consent-privacy = política de privacidad
consent-terms = condiciones del servicio
consent-and = y
terms-placeholder-note = El operador de { $product } aún no ha publicado sus propias condiciones.

# /device: la parte de la persona en el flujo de dispositivos (RFC 8628).
device-title = Conectar un dispositivo
device-heading = Conectar un dispositivo
device-intro = Escribe el código que muestra tu televisor, consola o herramienta de línea de comandos.
device-code = Código
device-code-hint = Ocho letras, como BCDF-GHJK. Los guiones, los espacios y las mayúsculas no importan.
device-code-unknown = Ese código no es correcto o ha caducado. Comprueba el código en tu dispositivo y vuelve a escribirlo, o empieza de nuevo en el dispositivo para obtener otro.
device-allow-heading = ¿Permitir { $client } en tu dispositivo?
device-asks-to = pide:
device-check-before = Permítelo solo si lo empezaste tú y tu dispositivo muestra el código
device-check-after = . Si no, elige «Denegar».
device-allow = Permitir
device-deny = Denegar
device-allowed-title = Dispositivo conectado
device-allowed = { $client } está iniciando sesión en tu dispositivo. Ya puedes volver a él.
device-denied-title = Solicitud denegada
device-denied = { $client } no obtuvo acceso. Tu dispositivo lo indicará.
device-gone-title = Este código ya no se puede usar
device-gone = Ya se respondió o ha caducado. Empieza de nuevo en tu dispositivo para obtener un código nuevo.
device-another = Conectar otro dispositivo
