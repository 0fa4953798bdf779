// Passkeys. A <form data-passkey="create|get" data-options="URL"> runs a WebAuthn
// ceremony before it is sent: on submit the script asks URL for options (a POST
// with the form's csrf), lets the browser create or use a passkey, puts the
// ceremony id and the answer in the form's `ceremony` and `credential` fields, and
// sends the form; the server checks everything. Such forms stay hidden (they carry
// `hidden`) until this script finds WebAuthn in the browser, so nobody is offered
// what cannot work. An input with autocomplete="… webauthn" also offers passkeys in
// the browser's autofill (conditional mediation), for the form named by its
// data-passkey-form.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) {
    // "Sign in faster next time" offers nothing this browser can do: go on.
    var skip = document.querySelector("a[data-passkey-skip]");
    if (skip) { location.replace(skip.href); }
    return;
  }

  function dec(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }).buffer;
  }
  function enc(b) {
    var s = "";
    new Uint8Array(b).forEach(function (x) { s += String.fromCharCode(x); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function creationOptions(o) {
    o.challenge = dec(o.challenge);
    o.user.id = dec(o.user.id);
    (o.excludeCredentials || []).forEach(function (c) { c.id = dec(c.id); });
    return o;
  }
  function requestOptions(o) {
    o.challenge = dec(o.challenge);
    (o.allowCredentials || []).forEach(function (c) { c.id = dec(c.id); });
    return o;
  }
  function created(c) {
    var r = c.response;
    return {
      id: c.id, rawId: enc(c.rawId), type: c.type,
      extensions: c.getClientExtensionResults ? c.getClientExtensionResults() : {},
      response: {
        attestationObject: enc(r.attestationObject),
        clientDataJSON: enc(r.clientDataJSON),
        transports: r.getTransports ? r.getTransports() : undefined
      }
    };
  }
  function asserted(a) {
    var r = a.response;
    return {
      id: a.id, rawId: enc(a.rawId), type: a.type,
      extensions: a.getClientExtensionResults ? a.getClientExtensionResults() : {},
      response: {
        authenticatorData: enc(r.authenticatorData),
        clientDataJSON: enc(r.clientDataJSON),
        signature: enc(r.signature),
        userHandle: r.userHandle ? enc(r.userHandle) : null
      }
    };
  }
  function field(form, name) { return form.querySelector("input[name='" + name + "']"); }

  // Asks the form's options URL for a ceremony: {ceremony, options}.
  function options(form, mode) {
    // The form's hidden fields (its csrf, a reset link's token…), not the answer's.
    var body = new URLSearchParams();
    Array.prototype.forEach.call(form.querySelectorAll("input[type=hidden]"), function (i) {
      if (i.name !== "ceremony" && i.name !== "credential") { body.set(i.name, i.value); }
    });
    if (mode) { body.set("mode", mode); }
    return fetch(form.getAttribute("data-options"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) {
      if (!r.ok) { throw new Error("options " + r.status); }
      return r.json();
    });
  }

  function say(form, text) {
    var out = form.querySelector("[data-passkey-error]");
    if (!out) { return; }
    out.textContent = text || out.getAttribute("data-passkey-error");
    out.hidden = false;
    out.focus();
  }
  function send(form, ceremony, answer) {
    // A sign-in keeps the page's "Keep me signed in" choice.
    var keep = document.getElementById("remember");
    var remember = field(form, "remember");
    if (keep && remember) { remember.disabled = !keep.checked; }
    field(form, "ceremony").value = ceremony;
    field(form, "credential").value = JSON.stringify(answer);
    var b = form.querySelector("button[type=submit]");
    if (b) { b.setAttribute("aria-busy", "true"); }
    form.submit();
  }

  // The one conditional (autofill) request in flight; a modal one cancels it.
  var autofill = null;
  function stopAutofill() {
    if (autofill) { autofill.abort(); autofill = null; }
  }

  function run(form) {
    var create = form.getAttribute("data-passkey") === "create";
    stopAutofill();
    options(form, "").then(function (got) {
      var o = got.options.publicKey;
      var ask = create
        ? navigator.credentials.create({ publicKey: creationOptions(o) })
        : navigator.credentials.get({ publicKey: requestOptions(o) });
      return ask.then(function (c) {
        if (!c) { throw new Error("no credential"); }
        send(form, got.ceremony, create ? created(c) : asserted(c));
      });
    }).catch(function () { say(form); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-passkey]"), function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      if (field(form, "credential").value) { return; }
      e.preventDefault();
      run(form);
    });
  });

  // Autofill: the browser lists this site's passkeys under the identifier field.
  var input = document.querySelector("input[autocomplete~=webauthn][data-passkey-form]");
  var target = input && document.getElementById(input.getAttribute("data-passkey-form"));
  if (target && PublicKeyCredential.isConditionalMediationAvailable) {
    PublicKeyCredential.isConditionalMediationAvailable().then(function (yes) {
      if (!yes) { return; }
      return options(target, "autofill").then(function (got) {
        autofill = new AbortController();
        return navigator.credentials.get({
          publicKey: requestOptions(got.options.publicKey),
          mediation: "conditional",
          signal: autofill.signal
        }).then(function (a) {
          if (a) { send(target, got.ceremony, asserted(a)); }
        });
      });
    }).catch(function () { /* aborted, or no passkey picked: the form stays */ });
  }
})();
