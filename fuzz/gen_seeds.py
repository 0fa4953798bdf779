#!/usr/bin/env python3
"""Writes fuzz/seeds/<target>/* : a handful of realistic inputs per target.

Tokens are signed with the fixed test keys in fuzz/keys/ and captcha payloads with
the HMAC key the app derives from the fixed master key in fuzz/src/lib.rs, so that
seeds reach the code behind signature checks. Needs python3-cryptography. The seeds
are committed; rerun only when the fixture changes.
"""

import base64, hashlib, hmac, json, os, struct, zlib
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
NOW = 1_800_000_000  # lanyard_fuzz::NOW
ISSUER = "https://id.example.test"
MASTER = bytes([0x42] * 32)


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def key(name):
    return serialization.load_der_private_key((HERE / "keys" / name).read_bytes(), None)


KEYS = {
    "RS256": ("fuzz-rs256", key("rs256.pk8")),
    "ES256": ("fuzz-es256", key("es256.pk8")),
    "EdDSA": ("fuzz-eddsa", key("eddsa.pk8")),
}


def sign(alg, typ, claims, kid=None):
    k_id, k = KEYS[alg]
    header = {"alg": alg, "kid": kid or k_id, "typ": typ}
    signing_input = (
        b64u(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64u(json.dumps(claims, separators=(",", ":")).encode())
    )
    msg = signing_input.encode()
    if alg == "RS256":
        sig = k.sign(msg, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "ES256":
        r, s = decode_dss_signature(k.sign(msg, ec.ECDSA(hashes.SHA256())))
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        sig = k.sign(msg)
    return signing_input + "." + b64u(sig)


def id_token(alg="RS256", aud="webapp", sub="user-1", **extra):
    c = {"iss": ISSUER, "sub": sub, "aud": aud, "azp": aud, "iat": NOW - 60,
         "exp": NOW + 3600, "auth_time": NOW - 120, "amr": ["pwd"], "sid": "s1"}
    c.update(extra)
    return sign(alg, "JWT", c)


def access_token(alg="RS256", **extra):
    c = {"iss": ISSUER, "sub": "user-1", "aud": "webapp", "client_id": "webapp",
         "scope": "openid profile", "iat": NOW - 60, "exp": NOW + 3600,
         "jti": "j1", "gid": "g1"}
    c.update(extra)
    return sign(alg, "at+jwt", c)


def write(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

# form_body
write("form_body", "token_code", f"grant_type=authorization_code&code=abc123&redirect_uri=https%3A%2F%2Fapp.example.test%2Fcb&code_verifier={VERIFIER}&client_id=webapp")
write("form_body", "authorize", f"response_type=code&client_id=spa&scope=openid%20profile+email&state=xyz&code_challenge={CHALLENGE}&code_challenge_method=S256")
write("form_body", "signup", "username=alice.b&email=Alice%40example.com&password=correct+horse+battery&csrf=Zm9v&altcha=e30%3D")
write("form_body", "repeated_empty", "a=1&a=2&b=&c=%zz&d=x&=&&scope=openid&scope=")
write("form_body", "invites", "invites=bob%40example.com%2C+carol%40example.org%0Adave%40x.io&team=Core+team")
write("form_body", "cookie", "lanyard_session=AbC-123_xyz; __Host-lanyard_csrf=0123456789012345678901234567890123456789abc; other=1")
write("form_body", "xff", "203.0.113.7, 10.0.0.2,fd00::1 , ::1")
write("form_body", "two_step", "code=287+082&recovery=k3fq-9xzt-m2pa-w7hc&trusted=%3A%3Affff%3A10.0.0.1%2F104")
write("form_body", "utf8", "name=J%C3%BCrgen&emoji=%F0%9F%98%80&bad=%FF%FE")

# jws: mode byte 0 (token as sent), 1 (parts to encode), 2 (claims to sign)
for alg in KEYS:
    write("jws", f"id_token_{alg}", b"\x00" + id_token(alg).encode())
    write("jws", f"access_token_{alg}", b"\x00" + access_token(alg).encode())
write("jws", "id_token_aud_list", b"\x00" + id_token("ES256", aud=["spa", "other"]).encode())
write("jws", "expired_at", b"\x00" + access_token("EdDSA", exp=NOW - 1).encode())
write("jws", "wrong_alg_for_kid", b"\x00" + sign("ES256", "JWT", {"sub": "x"}, kid="fuzz-rs256").encode())
write("jws", "unknown_kid", b"\x00" + sign("EdDSA", "JWT", {"sub": "x"}, kid="nope").encode())
write("jws", "parts", b"\x01" + b'{"alg":"RS256","kid":"fuzz-rs256","typ":"JWT"}\x00{"sub":"u","iss":"' + ISSUER.encode() + b'"}\x00sig')
write("jws", "sign_claims", b"\x02" + json.dumps({"iss": ISSUER, "sub": "u", "aud": ["webapp"], "n": 1.5, "x": None}).encode())
write("jws", "malformed", b"\x00e30.e30.")

# authorize_params
tok = id_token()
write("authorize_params", "confidential", "response_type=code&client_id=webapp&redirect_uri=https%3A%2F%2Fapp.example.test%2Fcb&scope=openid+profile+offline_access&state=s&nonce=n&prompt=consent&max_age=300")
write("authorize_params", "public_pkce", f"response_type=code&client_id=spa&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcallback&scope=openid+email+offline_access&code_challenge={CHALLENGE}&code_challenge_method=S256&prompt=none&login_hint=alice")
write("authorize_params", "id_token_hint", f"response_type=code&client_id=webapp&redirect_uri=https%3A%2F%2Fapp.example.test%2Fcb%3Fx%3D1&scope=openid+teams&id_token_hint={tok}&prompt=select_account+login")
write("authorize_params", "first_party", "response_type=code&client_id=first&redirect_uri=com.example.app%3A%2Foauth&scope=openid&response_mode=query")
write("authorize_params", "bad_scope", "response_type=token&client_id=webapp&redirect_uri=https%3A%2F%2Fapp.example.test%2Fcb&scope=openid+admin&state=s&state=t")
write("authorize_params", "logout", f"id_token_hint={tok}&post_logout_redirect_uri=https%3A%2F%2Fapp.example.test%2Fbye&state=abc")
write("authorize_params", "logout_client", "client_id=spa&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2F&state=q")

# captcha_payload: the app's key is HMAC(HMAC-SHA256(master, "captcha")).
ckey = hmac.new(MASTER, b"captcha", hashlib.sha256).digest()


def payload(number=7, expires=NOW + 600, salt_extra="", sig_ok=True, alg="SHA-256"):
    salt = f"0123456789abcdef01234567?expires={expires}{salt_extra}"
    challenge = hashlib.sha256(f"{salt}{number}".encode()).hexdigest()
    sig = hmac.new(ckey if sig_ok else b"other", challenge.encode(), hashlib.sha256).hexdigest()
    return json.dumps({"algorithm": alg, "challenge": challenge, "number": number,
                       "salt": salt, "signature": sig, "took": 12})


write("captcha_payload", "valid_b64", base64.b64encode(payload().encode()))
write("captcha_payload", "valid_json", b"\x01" + payload(number=42, salt_extra="&x=1").encode())
write("captcha_payload", "valid_form", b"\x00username=a&altcha=" + base64.b64encode(payload().encode()).replace(b"+", b"%2B").replace(b"=", b"%3D"))
write("captcha_payload", "expired", b"\x01" + payload(expires=NOW - 1).encode())
write("captcha_payload", "forged", b"\x01" + payload(sig_ok=False).encode())
write("captcha_payload", "wrong_alg", b"\x01" + payload(alg="SHA-1").encode())

# client_auth: mode, header, '\n', body
def basic(i, s):
    return "Basic " + base64.b64encode(f"{i}:{s}".encode()).decode()


write("client_auth", "basic_webapp", b"\x02" + basic("webapp", "webapp-secret-0123456789").encode() + b"\ngrant_type=client_credentials")
write("client_auth", "basic_encoded", b"\x01first:first-secret\nclient_id=first")
write("client_auth", "basic_pct", b"\x01web%61pp:webapp-secret-0123456789\n")
write("client_auth", "post_svc", b"\x00\nclient_id=svc&client_secret=svc-secret-0123456789&grant_type=client_credentials")
write("client_auth", "public_spa", b"\x00\nclient_id=spa&code=x")
write("client_auth", "both_methods", b"\x02" + basic("webapp", "x").encode() + b"\nclient_secret=y")
write("client_auth", "bearer", b"\x02Bearer abc\n")


# avatar: tiny images
def png(w, h):
    rows = b""
    for y in range(h):
        rows += b"\x00" + b"".join(bytes([(x * 40) % 256, (y * 60) % 256, 90]) for x in range(w))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


write("avatar", "png_4x3", png(4, 3))
write("avatar", "png_1x1", png(1, 1))
huge = bytearray(png(1, 1))
huge[16:24] = struct.pack(">II", 9000, 9000)  # over the pixel limit (bad CRC too)
write("avatar", "png_huge_header", bytes(huge))

# JPEG and WebP versions of a small PNG, when cjpeg/cwebp are installed
# (Debian: libjpeg-turbo-progs, webp).
import shutil, subprocess, tempfile

with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp) / "in.png"
    src.write_bytes(png(6, 5))
    ppm = Path(tmp) / "in.ppm"
    w, h = 6, 5
    ppm.write_bytes(f"P6 {w} {h} 255\n".encode() + b"".join(
        bytes([(x * 40) % 256, (y * 60) % 256, 90]) for y in range(h) for x in range(w)))
    if shutil.which("cjpeg"):
        write("avatar", "jpeg_6x5", subprocess.run(["cjpeg", "-quality", "50", str(ppm)], check=True, capture_output=True).stdout)
        write("avatar", "jpeg_progressive", subprocess.run(["cjpeg", "-progressive", str(ppm)], check=True, capture_output=True).stdout)
    if shutil.which("cwebp"):
        for name, args in [("webp_lossy", ["-q", "50"]), ("webp_lossless", ["-lossless"])]:
            out = Path(tmp) / (name + ".webp")
            subprocess.run(["cwebp", "-quiet", *args, str(src), "-o", str(out)], check=True)
            write("avatar", name, out.read_bytes())
