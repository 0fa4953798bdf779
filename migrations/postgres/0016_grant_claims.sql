-- What an authorization request asked the ID token to carry (the `claims`
-- parameter's `id_token` member and `acr_values`, OIDC Core §5.5), as JSON.
ALTER TABLE grants ADD COLUMN claims TEXT;
