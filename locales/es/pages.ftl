# Sign-in pages: captcha, confirmation, errors, two-step setup (issue 13 §4).
