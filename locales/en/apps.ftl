# Relying apps as the pages show them, and what came with the brand.
app-logo = { $client } logo
consent-app-links = Before you allow, you can read { $client }'s
consent-privacy = privacy policy
consent-terms = terms of service
consent-and = and
terms-placeholder-note = The operator of { $product } has not published terms of their own yet.
