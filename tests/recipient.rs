//! Whose badge it is (issue 41), through the real binary: a recipient is proven (a
//! presentation the recipient's key signed for this site), claimed (an identity the
//! owner lists) or someone else's, and every output says which; the reader checks an
//! address on the page, in the browser; no theme can fake the mark.
//!
//! The credentials and presentations come from `tests/fixtures/holder` (the DCC
//! JavaScript stack, `tests/fixtures/dcc/holder.mjs`) and `tests/fixtures/dcc` (an
//! Open Badges 2.0 badge signed with `jose`, its recipient hashed with a salt).

mod common;

use common::files::serve_folder;

use std::time::{Duration, Instant};

use common::browser::{Driver, browse, have_browser};
use common::{Portfolio, copy_dir, run_in};
use folio::badge::sign::{Issuer, sample_badge};
use serde_json::{Value, json};

/// The wallet DID the holder fixtures are issued to (seed 42 in `holder.mjs`).
const WALLET_DID: &str = "did:key:z6MkgAnvkP45uNxwCKeNdt6wrYkEjpYX4f7Nrd8MQqFL8Fbn";
const MARK: &str = "data-folio-verified";
const THEMES: [&str; 2] = ["default", "resume"];

/// The theme's verified marker (theme.yaml `verified_marker`).
fn mark(theme: &str) -> &'static str {
    match theme {
        "resume" => "data-resume-verified",
        _ => MARK,
    }
}

fn holder(file: &str) -> Vec<u8> {
    std::fs::read(common::fixtures().join("holder").join(file)).unwrap()
}

fn dcc_documents() -> String {
    common::fixtures()
        .join("dcc/documents")
        .display()
        .to_string()
}

fn portfolio(theme: &str, base_url: &str, owner: &str) -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: Ada's portfolio\nbase_url: {base_url}\ntheme: {theme}\nowner:\n  name: Ada Okafor\n{owner}badges:\n  on_invalid: show\n  on_unverifiable: show\n  network: false\n"
        ),
    );
    p
}

fn receipt(p: &Portfolio, slug: &str) -> Value {
    serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json"))).unwrap()
}

/// The JSON-LD a page embeds, if any.
fn structured_data(page: &str) -> Option<Value> {
    let start = page.find("<script type=\"application/ld+json\">")?;
    let rest = &page[start + 35..];
    let end = rest.find("</script>")?;
    serde_json::from_str(&rest[..end]).ok()
}

#[test]
fn someone_elses_did_listed_by_the_owner_is_claimed_never_proven() {
    for theme in THEMES {
        let p = portfolio(
            theme,
            "https://ada.example/",
            &format!("  identities: [\"{WALLET_DID}\"]\n"),
        );
        p.write("badges/wallet.json", holder("someone-else-did.json"));
        let run = p.run(&["build"]);
        run.success();
        // The owner hears, once, that a listed DID is only their claim.
        assert_eq!(
            run.stderr.matches("owner.identities lists a DID").count(),
            1,
            "{}",
            run.stderr
        );
        run.stderr_has("badges/wallet.json is shown as \"issued to a DID the owner gives as theirs\", not as proven")
            .stderr_has("for the domain https://ada.example");
        let page = p.read("public/badges/wallet/index.html");
        // Authentic and valid: verified, with the recipient as a claim.
        assert!(page.contains(mark(theme)), "{theme}");
        assert!(
            page.contains(
                "Issued to a decentralised identifier (DID) that Ada Okafor gives as their own. That is their claim; this site cannot prove it."
            ),
            "{theme}: {}",
            common::main_of(&page)
        );
        assert!(
            page.contains(">claimed<") || page.contains(" claimed</td>"),
            "{theme}"
        );
        for never in [
            "issued to the owner",
            "proven",
            "owner.identities",
            "folio.yaml",
            "linkedin.com",
        ] {
            assert!(!page.contains(never), "{theme}: `{never}` on the page");
        }
        assert_eq!(receipt(&p, "wallet")["recipient"], "claimed");
        // Structured data says how far it is the owner's: claimed, never more.
        let ld = structured_data(&page).expect("a verified badge has JSON-LD");
        assert_eq!(ld["identifier"]["propertyID"], "recipient", "{ld}");
        assert_eq!(ld["identifier"]["value"], "claimed", "{ld}");
        assert!(!ld.to_string().contains("owner"), "{ld}");
        // The résumé export lists it, saying how far it is the owner's.
        let resume: Value = serde_json::from_str(&p.read("public/resume.json")).unwrap();
        let cert = &resume["certificates"][0];
        assert_eq!(cert["x-folio-recipient"], "claimed", "{resume}");
    }
}

#[test]
fn without_the_did_listed_the_badge_is_not_the_owners() {
    let p = portfolio(
        "default",
        "https://ada.example/",
        "  email: ada@example.org\n",
    );
    p.write("badges/wallet.json", holder("someone-else-did.json"));
    let run = p.run(&["build"]);
    run.success()
        .stderr_has("badges/wallet.json: not shown as verified")
        .stderr_has("is a public claim")
        .stderr_has("Add it only if it really is yours");
    let page = p.read("public/badges/wallet/index.html");
    assert!(!page.contains(MARK));
    assert!(!page.contains("owner.identities") && !page.contains("folio.yaml"));
    assert_eq!(receipt(&p, "wallet")["recipient"], "other");
}

#[test]
fn a_presentation_bound_to_the_site_proves_the_recipient() {
    for theme in THEMES {
        // No identity listed at all: the presentation alone proves it.
        let p = portfolio(theme, "https://ada.example/", "");
        p.write("badges/wallet.json", holder("bound-presentation.json"));
        let run = p.run(&["build"]);
        run.success();
        assert!(
            !run.stderr.contains("owner.identities lists a DID"),
            "{}",
            run.stderr
        );
        let page = p.read("public/badges/wallet-1/index.html");
        assert!(
            page.contains(mark(theme)),
            "{theme}: {}",
            common::main_of(&page)
        );
        assert!(
            page.contains(
                "Issued to Ada Okafor: the recipient&#39;s own key signed it for this site on 20"
            ),
            "{theme}: {}",
            common::main_of(&page)
        );
        assert!(page.contains("data-recipient-bound=\"https://ada.example\""));
        assert_eq!(receipt(&p, "wallet-1")["recipient"], "proven");
        assert!(
            page.contains("linkedin.com/profile/add"),
            "a proven badge may be shared"
        );
    }
}

#[test]
fn a_presentation_for_another_site_or_altered_proves_nothing() {
    let p = portfolio("default", "https://ada.example/", "");
    p.write(
        "badges/other.json",
        holder("other-domain-presentation.json"),
    );
    p.write("badges/altered.json", holder("altered-presentation.json"));
    let run = p.run(&["build"]);
    run.success();
    let other = p.read("public/badges/other-1/index.html");
    assert!(!other.contains(MARK), "{}", common::main_of(&other));
    assert_eq!(receipt(&p, "other-1")["recipient"], "other");
    let detail = receipt(&p, "other-1")["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "recipient")
        .unwrap()["detail"]
        .clone();
    assert!(
        detail
            .as_str()
            .unwrap()
            .contains("bound to https://eve.example, not to this site (https://ada.example)"),
        "{detail}"
    );
    // Changing the domain after signing breaks the holder's proof: it binds
    // nothing, and the genuine credential is judged on its own (not the owner's).
    let altered = p.read("public/badges/altered-1/index.html");
    assert!(!altered.contains(MARK));
    assert_eq!(receipt(&p, "altered-1")["status"], "unverifiable");
    assert_eq!(receipt(&p, "altered-1")["recipient"], "other");

    // The same presentation on a site at another origin than it was signed for.
    let elsewhere = portfolio("default", "https://eve.example/", "");
    elsewhere.write("badges/wallet.json", holder("bound-presentation.json"));
    elsewhere.run(&["build"]).success();
    assert_eq!(receipt(&elsewhere, "wallet-1")["recipient"], "other");
    assert!(
        !elsewhere
            .read("public/badges/wallet-1/index.html")
            .contains(MARK)
    );
}

#[test]
fn hashed_recipients_get_the_readers_form_and_plain_ones_only_a_hash() {
    let p = portfolio(
        "default",
        "https://ada.example/",
        "  email: ada@example.org\n",
    );
    p.write("badges/hashed.json", holder("ob3-identity-hash.json"));
    p.write(
        "badges/ob2.jws",
        std::fs::read(common::fixtures().join("dcc/credentials/ob2-eddsa-creator.jws")).unwrap(),
    );
    let run = p.run(&["build", "--documents", &dcc_documents()]);
    run.success();
    for slug in ["hashed", "ob2"] {
        let page = p.read(&format!("public/badges/{slug}/index.html"));
        assert!(page.contains(MARK), "{slug}: {}", common::main_of(&page));
        assert!(page.contains("data-recipient-alg=\"sha256\""), "{slug}");
        assert!(
            page.contains("Is this badge issued to the email address the candidate gave you?"),
            "{slug}"
        );
        assert!(page.contains("Issued to an email address (hashed in the credential) that Ada Okafor gives as their own."), "{slug}");
        assert_eq!(receipt(&p, slug)["recipient"], "claimed");
    }
    // A plain address: the form compares with its hash, the page never prints it.
    let issuer = Issuer::from_seed([33; 32]);
    let mut doc = sample_badge(&issuer, "Plain Recipient", "2026-01-10T09:00:00Z");
    doc["credentialSubject"]["id"] = json!("mailto:Ada@Example.org");
    let signed = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
    p.write("badges/plain.json", signed.to_string());
    p.write("badges/plain.yaml", "publish_credential: false\n");
    p.run(&["build", "--documents", &dcc_documents()]).success();
    let page = p.read("public/badges/plain/index.html");
    assert!(page.contains("data-recipient-alg=\"plain\""));
    assert!(!page.to_lowercase().contains("ada@example.org"));
}

/// Waits until `script` (an expression) is true on the open page.
fn wait_for(driver: &Driver, what: &str, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if driver.eval(&format!("return !!({script})")) == json!(true) {
            return;
        }
        let text = driver.eval("return document.body.innerText");
        assert!(
            Instant::now() < deadline,
            "the page never showed {what}:\n{}",
            text.as_str().unwrap_or("")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Types `address` into the page's recipient form and returns what it answers.
fn ask(driver: &Driver, address: &str) -> String {
    let typed = serde_json::to_string(address).unwrap();
    driver.eval(&format!(
        "const f = document.querySelector('form[data-recipient-digest]');
         f.querySelector('[data-recipient-answer]').textContent = '';
         f.querySelector('input').value = {typed};
         f.requestSubmit();
         return true;"
    ));
    wait_for(
        driver,
        "an answer",
        "document.querySelector('[data-recipient-answer]').textContent !== ''",
    );
    driver
        .eval("return document.querySelector('[data-recipient-answer]').textContent")
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_reader_compares_an_address_in_the_browser() {
    if !have_browser() {
        return;
    }
    let issuer = Issuer::from_seed([33; 32]);
    let mut doc = sample_badge(&issuer, "Plain Recipient", "2026-01-10T09:00:00Z");
    doc["credentialSubject"]["id"] = json!("mailto:ada@example.org");
    let plain = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
    for theme in THEMES {
        let p = portfolio(theme, "/", "  email: ada@example.org\n");
        p.write("badges/hashed.json", holder("ob3-identity-hash.json"));
        p.write(
            "badges/ob2.jws",
            std::fs::read(common::fixtures().join("dcc/credentials/ob2-eddsa-creator.jws"))
                .unwrap(),
        );
        p.write("badges/plain.json", plain.to_string());
        p.run(&["build", "--documents", &dcc_documents()]).success();
        let site = serve_folder(p.root.join("public"));
        let (_profile, driver) = browse();
        for slug in ["hashed", "ob2", "plain"] {
            driver.navigate(&format!("http://127.0.0.1:{}/badges/{slug}/", site.port));
            wait_for(
                &driver,
                "the form",
                "!document.querySelector('form[data-recipient-digest]').hidden",
            );
            // Without JavaScript the paragraph explains; with it, the form replaces it.
            assert_eq!(
                driver.eval("return document.querySelector('[data-recipient-nojs]').hidden"),
                json!(true)
            );
            assert_eq!(
                ask(&driver, "ada@example.org"),
                "Issued to this address.",
                "{theme} {slug}"
            );
            // As people type it: capitals, spaces around.
            assert_eq!(
                ask(&driver, "  Ada@Example.ORG "),
                "Issued to this address.",
                "{theme} {slug}"
            );
            assert_eq!(
                ask(&driver, "eve@example.org"),
                "Not this address.",
                "{theme} {slug}"
            );
            assert_eq!(
                ask(&driver, "ada+jobs@example.org"),
                "Not this address.",
                "{theme} {slug}"
            );
        }
    }
}

#[test]
fn a_proven_recipient_is_not_proven_on_a_copy_at_another_origin() {
    if !have_browser() {
        return;
    }
    // The site at its own origin: a presentation signed (here, by folio's signer,
    // for the port the test got) for exactly that origin.
    let p = Portfolio::fixture("basic");
    let site = serve_folder(p.root.join("public"));
    let origin = format!("http://127.0.0.1:{}", site.port);
    let issuer = Issuer::from_seed([51; 32]);
    let wallet = Issuer::from_seed([52; 32]);
    let mut doc = sample_badge(&issuer, "Proven Badge", "2026-01-10T09:00:00Z");
    doc["credentialSubject"]["id"] = json!(wallet.did);
    let credential = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
    let vp = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": wallet.did,
        "verifiableCredential": [credential],
    });
    let vp = wallet
        .sign_presentation(vp, "2026-12-01T10:00:00Z", &origin, "folio")
        .unwrap();
    p.write(
        "folio.yaml",
        format!("title: Ada\nbase_url: {origin}/\nowner:\n  name: Ada Okafor\nbadges:\n  network: false\n"),
    );
    p.write("badges/proven.json", vp.to_string());
    let run = p.run(&["build"]);
    run.success();
    assert_eq!(receipt(&p, "proven-1")["recipient"], "proven");

    // A copy of the same files at another origin.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&p.root.join("public"), copy.path());
    let elsewhere = serve_folder(copy.path().to_path_buf());

    let (_profile, driver) = browse();
    let row = "document.querySelector('tr[data-recipient-bound]')";
    driver.navigate(&format!("{origin}/badges/proven-1/"));
    wait_for(&driver, "the page", &format!("{row} !== null"));
    // Give the script its turn: it runs deferred, before `load`.
    wait_for(
        &driver,
        "the loaded page",
        "document.readyState === 'complete'",
    );
    assert_eq!(
        driver.eval(&format!(
            "return {row}.hasAttribute('data-recipient-binding')"
        )),
        json!(false)
    );
    let text = driver.eval(&format!("return {row}.textContent"));
    assert!(text.as_str().unwrap().contains("proven"), "{text}");

    driver.navigate(&format!(
        "http://127.0.0.1:{}/badges/proven-1/",
        elsewhere.port
    ));
    wait_for(
        &driver,
        "the binding taken away",
        &format!("{row}.getAttribute('data-recipient-binding') === 'elsewhere'"),
    );
    let text = driver.eval(&format!("return {row}.textContent"));
    let text = text.as_str().unwrap();
    assert!(
        text.contains(&format!(
            "Not proven here: the recipient signed it for another site ({origin}), and this copy is at http://127.0.0.1:{}",
            elsewhere.port
        )),
        "{text}"
    );
    assert!(
        !text.contains("proven") || text.contains("Not proven here"),
        "{text}"
    );
}

/// A copy of a built-in theme in `dir`, with `edit` applied to it.
fn theme_copy(dir: &std::path::Path, edit: impl FnOnce(&std::path::Path)) {
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        dir,
    );
    edit(dir);
}

#[test]
fn no_theme_can_fake_the_mark() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str)] = &[
        // The text folio-check.js writes when it demotes a revoked badge.
        (
            "demotion",
            "i18n/en.ftl",
            "status-revoked-since = ✓ Verified (re-checked just now)\n",
        ),
        // Catalogues of languages the English builds never render.
        ("en-gb", "i18n/en-GB.ftl", "status-failed = ✓ Verified\n"),
        (
            "german",
            "i18n/de.ftl",
            "status-unverifiable = Verifiziert ✓\n",
        ),
        // Stored reversed behind RIGHT-TO-LEFT OVERRIDE: displays as "✓ Verified".
        (
            "bidi",
            "i18n/en.ftl",
            "status-failed = \u{202E}deifireV ✓\u{202C}\n",
        ),
    ];
    for (name, file, text) in cases {
        theme_copy(&tmp.path().join(name), |dir| {
            std::fs::create_dir_all(dir.join("i18n")).unwrap();
            std::fs::write(dir.join(file), text).unwrap();
        });
    }
    for (name, file, _) in cases {
        let run = run_in(tmp.path(), &["theme", "check", name]);
        run.failure(1);
        let expected = if *name == "bidi" {
            "U+202E, a bidi control"
        } else {
            "a claim of verification, but folio shows this message where a badge is not (or no longer) verified"
        };
        assert!(
            run.stderr.contains(file) && run.stderr.contains(expected),
            "{name}: {}",
            run.stderr
        );
    }
    // The German catalogue is rendered too: its build is one of the theme check's.
    let run = run_in(tmp.path(), &["theme", "check", "german"]);
    assert!(run.stdout.contains("in 4 test builds"), "{}", run.stdout);
    // A bidi control in a template is refused as well.
    theme_copy(&tmp.path().join("bidi-template"), |dir| {
        let macros = dir.join("templates/macros.html");
        let text = std::fs::read_to_string(&macros).unwrap();
        std::fs::write(&macros, format!("{text}\n{{# \u{2067}hidden\u{2069} #}}\n")).unwrap();
    });
    run_in(tmp.path(), &["theme", "check", "bidi-template"])
        .failure(1)
        .stderr_has("templates/macros.html")
        .stderr_has("U+2067, a bidi control");
    // And in the manifest, whose parameter defaults reach pages.
    theme_copy(&tmp.path().join("bidi-manifest"), |dir| {
        let manifest = dir.join("theme.yaml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::write(&manifest, format!("{text}# \u{202E}deifireV\n")).unwrap();
    });
    run_in(tmp.path(), &["theme", "check", "bidi-manifest"])
        .failure(1)
        .stderr_has("theme.yaml")
        .stderr_has("U+202E, a bidi control");
}

#[test]
fn a_preview_card_of_a_badge_that_is_not_verified_draws_none_of_its_text() {
    // Two altered credentials named differently: their cards are the same picture,
    // so nothing the credential says reaches it.
    let issuer = Issuer::from_seed([61; 32]);
    let mut cards = Vec::new();
    for name in ["VERIFIED: Master of Science", "Something Else Entirely"] {
        let p = portfolio(
            "default",
            "https://ada.example/",
            "  email: ada@example.org\n",
        );
        let doc = sample_badge(&issuer, name, "2026-01-10T09:00:00Z");
        let mut signed = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
        signed["credentialSubject"]["achievement"]["description"] = json!("altered");
        p.write("badges/degree.json", signed.to_string());
        p.run(&["build"]).success();
        assert!(!p.read("public/badges/degree/index.html").contains(MARK));
        cards.push(std::fs::read(p.root.join("public/badges/degree/card.png")).unwrap());
    }
    assert_eq!(cards[0], cards[1]);
}

#[test]
fn look_alike_issuer_names_are_impersonation() {
    let trusted = Issuer::from_seed([71; 32]);
    let impostor = Issuer::from_seed([72; 32]);
    let fakes = [
        ("zero-width", "folio Sample\u{200B} Academy"),
        ("soft-hyphen", "folio Sam\u{AD}ple Academy"),
        ("cyrillic", "folio S\u{430}mple Academy"),
        ("fullwidth", "folio Ｓａｍｐｌｅ Academy"),
        ("trailing-dot", "folio Sample Academy."),
    ];
    let p = portfolio(
        "default",
        "https://ada.example/",
        "  email: learner@example.org\n",
    );
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!(
            "{config}  trust:\n    - id: {}\n      name: folio Sample Academy\n",
            trusted.did
        ),
    );
    for (slug, name) in fakes {
        let mut doc = sample_badge(&impostor, "Data Literacy", "2026-01-10T09:00:00Z");
        doc["issuer"]["name"] = json!(name);
        doc["credentialSubject"]["id"] = json!("mailto:learner@example.org");
        let signed = impostor.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
        p.write(&format!("badges/{slug}.json"), signed.to_string());
    }
    let run = p.run(&["build"]);
    run.success();
    for (slug, _) in fakes {
        let r = receipt(&p, slug);
        assert_eq!(r["status"], "failed", "{slug}: {r}");
        let trust = r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "trust")
            .unwrap();
        assert!(
            trust["detail"]
                .as_str()
                .unwrap()
                .starts_with("impersonation"),
            "{slug}: {trust}"
        );
        assert!(
            !p.read(&format!("public/badges/{slug}/index.html"))
                .contains(MARK)
        );
    }
}

#[test]
fn no_page_of_the_example_speaks_to_its_owner() {
    for theme in THEMES {
        let p = Portfolio::example();
        let config = p.read("folio.yaml");
        let config = match config.lines().find(|l| l.starts_with("theme:")) {
            Some(line) => config.replace(line, &format!("theme: {theme}")),
            None => format!("theme: {theme}\n{config}"),
        };
        p.write("folio.yaml", config);
        p.run(&["build"]).success();
        for (file, bytes) in p.tree("public") {
            if !file.ends_with(".html") {
                continue;
            }
            let text = String::from_utf8_lossy(&bytes);
            for owner_words in ["owner.identities", "folio.yaml", "your trust list"] {
                assert!(
                    !text.contains(owner_words),
                    "{theme}: {file} says `{owner_words}`"
                );
            }
        }
    }
}

#[test]
fn the_preview_tells_the_owner_what_pages_do_not() {
    let p = portfolio(
        "default",
        "https://ada.example/",
        &format!("  identities: [\"{WALLET_DID}\"]\n"),
    );
    p.write("badges/wallet.json", holder("someone-else-did.json"));
    let s = common::server::start(&p, &["--port", "0"]);
    let page = common::server::get(&s, "/badges/wallet/").text();
    // The notes panel of `folio serve` (never part of the built site).
    assert!(page.contains("id=\"folio-notes\""), "{page}");
    assert!(page.contains("owner.identities lists a DID"), "{page}");
    drop(s);
    p.run(&["build"]).success();
    let built = p.read("public/badges/wallet/index.html");
    assert!(!built.contains("folio-notes") && !built.contains("owner.identities"));
}

#[test]
fn a_credential_cannot_fake_the_mark_with_bidi_controls() {
    // A badge whose name is stored reversed behind RIGHT-TO-LEFT OVERRIDE: in a
    // browser it would read "✓ Verified" on a page that says it is not.
    let issuer = Issuer::from_seed([91; 32]);
    let mut doc = sample_badge(&issuer, "Data Literacy", "2026-01-10T09:00:00Z");
    doc["credentialSubject"]["achievement"]["name"] = json!("\u{202E}deifireV \u{2713}\u{202C}");
    doc["credentialSubject"]["achievement"]["description"] = json!("\u{2067}deifireV\u{2069}");
    let mut signed = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
    signed["name"] = json!("altered");
    for theme in THEMES {
        let p = portfolio(theme, "https://ada.example/", "  email: ada@example.org\n");
        p.write("badges/reversed.json", signed.to_string());
        p.run(&["build"]).success();
        for (file, bytes) in p.tree("public") {
            if file.ends_with(".html")
                || file.ends_with(".json") && !file.ends_with("reversed.json")
            {
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !text.contains('\u{202E}') && !text.contains('\u{2067}'),
                    "{theme}: {file} carries a bidi control"
                );
            }
        }
        assert!(
            !p.read("public/badges/reversed/index.html")
                .contains(mark(theme))
        );
    }
}
