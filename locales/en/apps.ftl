# Relying apps as the pages show them, and what came with the brand.
app-logo = { $client } logo
consent-app-links = Before you allow, you can read { $client }'s
consent-privacy = privacy policy
consent-terms = terms of service
consent-and = and
terms-placeholder-note = The operator of { $product } has not published terms of their own yet.

# /device: the person's side of the device flow (RFC 8628).
device-title = Connect a device
device-heading = Connect a device
device-intro = Enter the code that your TV, console or command-line tool shows.
device-code = Code
device-code-hint = Eight letters, like BCDF-GHJK. Dashes, spaces and case do not matter.
device-code-unknown = That code is not right, or it has expired. Check the code on your device and type it again, or start again on the device for a new one.
device-allow-heading = Allow { $client } on your device?
device-asks-to = asks to:
device-check-before = Only allow this if you started it yourself and your device shows the code
device-check-after = . If not, choose Deny.
device-allow = Allow
device-deny = Deny
device-allowed-title = Device connected
device-allowed = { $client } is signing in on your device. You can go back to it now.
device-denied-title = Request denied
device-denied = { $client } was not given access. Your device will say so.
device-gone-title = This code can no longer be used
device-gone = It was already answered, or it has expired. Start again on your device to get a new code.
device-another = Connect another device
