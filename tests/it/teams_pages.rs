//! `/teams/{id}` over HTTP: invite, remove and leave, with the owner-only rules,
//! on both databases (issue 19, holes to fill).

use crate::common::*;

crate::on_both_backends!(
    team_invite_remove_and_leave,
    an_expired_invitation_asks_for_a_new_one
);

const INVITATION: &str = "You are invited to join a team on Lanyard";

/// POSTs a form of `/teams` (with its CSRF token); returns the status, the
/// `Location` and the body.
async fn post(
    app: &TestApp,
    b: &reqwest::Client,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let (status, body, to) = post_from(app, b, "/teams", action, fields).await;
    (status, to, body)
}

/// (username, role) of every member, from the store.
async fn members(app: &TestApp, team: &str) -> Vec<(String, String)> {
    let mut m: Vec<(String, String)> = app
        .state
        .store()
        .team_members(team)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.username, m.role))
        .collect();
    m.sort();
    m
}

fn pair(name: &str, role: &str) -> (String, String) {
    (name.to_string(), role.to_string())
}

/// Accepts the `n`th invitation mailed to `who` in `b`.
async fn accept(app: &TestApp, b: &reqwest::Client, who: &str, n: usize) -> (u16, String) {
    let mail = app
        .wait_mail(&format!("{who}@example.com"), INVITATION, n)
        .await;
    let link = mail.link(&app.url("/invite?token="));
    let token = query_param(&link, "token").unwrap();
    let (html, _) = form_page(b, &link).await;
    assert!(html.contains("Join Rockets"), "{html}");
    let (s, to, _) = post(app, b, "/invite", &[("token", &token)]).await;
    (s, to)
}

async fn team_page(app: &TestApp, b: &reqwest::Client, team: &str) -> (u16, String) {
    let r = b
        .get(app.url(&format!("/teams/{team}")))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn team_invite_remove_and_leave(backend: Backend) {
    let app = TestApp::start(backend).await;
    let alice = app.add_user("alice").await;
    let bob = app.add_user("bob").await;
    app.add_user("carol").await;
    let (a, b, c) = (
        signed_in(&app, "alice").await,
        signed_in(&app, "bob").await,
        signed_in(&app, "carol").await,
    );

    let (s, to, body) = post(&app, &a, "/teams", &[("team", "Rockets"), ("invites", "")]).await;
    assert_eq!(s, 303, "{body}");
    let team = to.strip_prefix("/teams/").expect(&to).to_string();
    assert_eq!(members(&app, &team).await, vec![pair("alice", "owner")]);
    let invite = format!("/teams/{team}/invite");
    let remove = format!("/teams/{team}/remove");
    let leave = format!("/teams/{team}/leave");

    // The owner invites; bob accepts and is a member.
    let (s, html) = team_page(&app, &a, &team).await;
    assert_eq!(s, 200);
    assert!(html.contains("Send invitations"), "{html}");
    let (s, to, _) = post(&app, &a, &invite, &[("invites", "bob@example.com")]).await;
    assert_eq!(
        (s, to.as_str()),
        (303, format!("/teams/{team}?done=invited").as_str())
    );
    let (s, to) = accept(&app, &b, "bob", 1).await;
    assert_eq!((s, to), (303, format!("/teams/{team}")));
    assert_eq!(
        members(&app, &team).await,
        vec![pair("alice", "owner"), pair("bob", "member")]
    );
    let (s, html) = team_page(&app, &b, &team).await;
    assert_eq!(s, 200);
    assert!(
        html.contains("Leave team") && !html.contains("Send invitations"),
        "{html}"
    );
    assert!(!html.contains(&format!("/teams/{team}/remove")), "{html}");

    // Empty and malformed invitations are refused on the page.
    let (s, _, html) = post(&app, &a, &invite, &[("invites", "  ")]).await;
    assert_eq!(s, 400);
    assert!(html.contains("Enter at least one email address."), "{html}");
    let (s, _, _) = post(&app, &a, &invite, &[("invites", "not an address")]).await;
    assert_eq!(s, 400);

    // A member may neither invite nor remove; an outsider sees no team at all.
    let (s, _, html) = post(&app, &b, &invite, &[("invites", "carol@example.com")]).await;
    assert_eq!(s, 403);
    assert!(html.contains("owner can invite people."), "{html}");
    let (s, _, html) = post(&app, &b, &remove, &[("user", &alice.id)]).await;
    assert_eq!(s, 403, "{html}");
    for (path, form) in [
        (&invite, ("invites", "carol@example.com")),
        (&remove, ("user", bob.id.as_str())),
        (&leave, ("x", "")),
    ] {
        let (s, _, _) = post(&app, &c, path, &[form]).await;
        assert_eq!(s, 404, "carol at {path}");
    }
    assert_eq!(team_page(&app, &c, &team).await.0, 404);
    assert!(app.mails_to("carol@example.com").is_empty());
    assert_eq!(
        members(&app, &team).await,
        vec![pair("alice", "owner"), pair("bob", "member")]
    );

    // The owner cannot leave, nor remove themself.
    let (s, _, html) = post(&app, &a, &leave, &[]).await;
    assert_eq!(s, 400);
    assert!(html.contains("The owner cannot leave the team."), "{html}");
    post(&app, &a, &remove, &[("user", &alice.id)]).await;
    assert_eq!(
        members(&app, &team).await,
        vec![pair("alice", "owner"), pair("bob", "member")]
    );

    // A member leaves.
    let (s, to, _) = post(&app, &b, &leave, &[]).await;
    assert_eq!((s, to.as_str()), (303, "/teams"));
    assert_eq!(members(&app, &team).await, vec![pair("alice", "owner")]);
    assert_eq!(team_page(&app, &b, &team).await.0, 404);

    // Invited again, and removed by the owner.
    post(&app, &a, &invite, &[("invites", "bob@example.com")]).await;
    assert_eq!(accept(&app, &b, "bob", 2).await.0, 303);
    assert_eq!(members(&app, &team).await.len(), 2);
    let (s, to, _) = post(&app, &a, &remove, &[("user", &bob.id)]).await;
    assert_eq!((s, to), (303, format!("/teams/{team}")));
    assert_eq!(members(&app, &team).await, vec![pair("alice", "owner")]);
    assert_eq!(team_page(&app, &b, &team).await.0, 404);
    let (s, _, _) = post(&app, &b, &leave, &[]).await;
    assert_eq!(s, 404, "a removed member is no member");
}

/// Opens an expired invitation's link and presses "Ask for a new invitation".
async fn ask(app: &TestApp, b: &reqwest::Client, mail: &Mail) -> (u16, String) {
    let link = mail.link(&app.url("/invite?token="));
    let r = b.get(&link).send().await.unwrap();
    assert_eq!(r.status(), 410, "{link}");
    let html = r.text().await.unwrap();
    assert!(html.contains("This invitation has expired"), "{html}");
    assert!(html.contains("Rockets"), "{html}");
    let form = [
        ("csrf", hidden(&html, "csrf")),
        ("token", hidden(&html, "token")),
    ];
    let r = b.post(app.url("/invite/renew")).form(&form).send().await;
    let r = r.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

const RENEWAL: &str = "A new team invitation was asked for";

/// An expired invitation's link says who sent it and offers "Ask for a new
/// invitation": its sender gets one mail (however often it is pressed) with the
/// team's page, where they invite again; a link that is no invitation says so.
async fn an_expired_invitation_asks_for_a_new_one(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_user("alice").await;
    let a = signed_in(&app, "alice").await;
    let (s, to, body) = post(&app, &a, "/teams", &[("team", "Rockets"), ("invites", "")]).await;
    assert_eq!(s, 303, "{body}");
    let team = to.strip_prefix("/teams/").expect(&to).to_string();
    let invite = format!("/teams/{team}/invite");
    let invited = "carol@example.com, dave@example.com";
    post(&app, &a, &invite, &[("invites", invited)]).await;
    let carol = app.wait_mail("carol@example.com", INVITATION, 1).await;
    let dave = app.wait_mail("dave@example.com", INVITATION, 1).await;
    // A week and a day later.
    let n = exec_sql(
        &app,
        "UPDATE team_invites SET expires_at = expires_at - 700000",
    )
    .await;
    assert_eq!(n, 2);

    let b = browser();
    let (s, html) = ask(&app, &b, &carol).await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("New invitation asked for"), "{html}");
    assert!(
        html.contains("It will come to carol@example.com."),
        "{html}"
    );
    let renewal = app.wait_mail("alice@example.com", RENEWAL, 1).await;
    assert!(
        renewal.text.contains("carol@example.com"),
        "{}",
        renewal.text
    );
    assert!(renewal.text.contains("Rockets"), "{}", renewal.text);
    assert!(
        renewal.text.contains(&app.url(&format!("/teams/{team}"))),
        "{}",
        renewal.text
    );
    // Pressed again: said so, and no second mail (dave's ask, after it, is the
    // second mail alice gets).
    let (s, html) = ask(&app, &b, &carol).await;
    assert_eq!(s, 200);
    assert!(html.contains("already asked for"), "{html}");
    assert_eq!(ask(&app, &b, &dave).await.0, 200);
    let second = app.wait_mail("alice@example.com", RENEWAL, 2).await;
    assert!(second.text.contains("dave@example.com"), "{}", second.text);
    let renewals = app.mails_to("alice@example.com");
    let about_carol = renewals.iter().filter(|m| m.text.contains("carol@"));
    assert_eq!(about_carol.count(), 1);

    // A made-up link: no invitation, said plainly, nothing to ask.
    let r = b
        .get(app.url("/invite?token=made-up"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("This invitation link does not work"),
        "{html}"
    );
    assert!(!html.contains("Ask for a new invitation"), "{html}");
}
