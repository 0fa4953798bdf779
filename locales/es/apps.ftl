app-logo = Logotipo de { $client }
consent-app-links = Antes de permitirlo, puedes leer de { $client } la
consent-privacy = política de privacidad
consent-terms = condiciones del servicio
consent-and = y
terms-placeholder-note = El operador de { $product } aún no ha publicado sus propias condiciones.
