//! Verifier part 2 through the real binary, on credentials signed here with test keys:
//! VC-JWT with each algorithm, forged tokens, baked PNG and SVG images, status lists
//! (revoked, suspended, unknown) and the recipient check.

mod common;

use common::check;

use std::path::Path;

use base64::Engine;
use ed25519_dalek::Signer;
use folio::badge::sign::{Issuer, sample_badge};
use serde_json::{Value, json};

const NOW: &str = "2026-11-23T00:00:00Z";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS over `payload` with `header`, signed by `sign`.
fn jwt(header: Value, payload: &Value, sign: impl Fn(&[u8]) -> Vec<u8>) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(payload.to_string().as_bytes())
    );
    let sig = sign(input.as_bytes());
    format!("{input}.{}", b64(&sig))
}

fn vc_claims(iss: &str) -> Value {
    json!({
        "iss": iss,
        "nbf": 1_735_689_600,
        "jti": "urn:uuid:7f1c7a1e-3c5e-4a63-9f7e-6f0b6c3b9a10",
        "vc": {
            "@context": [
                "https://www.w3.org/2018/credentials/v1",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "achievement": {
                    "id": "https://academy.example/a/jwt",
                    "type": ["Achievement"],
                    "name": "Token Badge",
                    "description": "Issued as a JWT.",
                    "criteria": {"narrative": "Did the thing."}
                }
            }
        }
    })
}

struct Ed(ed25519_dalek::SigningKey, String);

impl Ed {
    fn new(seed: u8) -> Ed {
        let issuer = Issuer::from_seed([seed; 32]);
        Ed(
            ed25519_dalek::SigningKey::from_bytes(&[seed; 32]),
            issuer.did,
        )
    }
    fn kid(&self) -> String {
        format!("{}#{}", self.1, self.1.trim_start_matches("did:key:"))
    }
    fn sign(&self, m: &[u8]) -> Vec<u8> {
        self.0.sign(m).to_bytes().to_vec()
    }
    fn jwk(&self) -> Value {
        json!({"kty": "OKP", "crv": "Ed25519", "x": b64(self.0.verifying_key().as_bytes())})
    }
}

/// Runs `folio verify --format json` in `dir` and returns the verdict per file.
fn verify(dir: &Path, extra: &[&str], files: &[&str]) -> Vec<Value> {
    let mut args = vec!["verify", "--offline", "--format", "json", "--now", NOW];
    args.extend(extra);
    args.extend(files);
    let run = common::run_in(dir, &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    common::verdicts(&run.stdout)
}

#[test]
fn jwt_with_each_algorithm() {
    let dir = tempfile::tempdir().unwrap();
    // EdDSA, issuer a did:key.
    let ed = Ed::new(21);
    let token = jwt(
        json!({"alg": "EdDSA", "kid": ed.kid()}),
        &vc_claims(&ed.1),
        |m| ed.sign(m),
    );
    std::fs::write(dir.path().join("eddsa.jwt"), &token).unwrap();
    // The same token as a JSON string.
    std::fs::write(
        dir.path().join("eddsa-string.json"),
        json!(token).to_string(),
    )
    .unwrap();

    // ES256, issuer a P-256 did:key.
    let p256_key = p256::ecdsa::SigningKey::from_bytes(&[7u8; 32].into()).unwrap();
    let mut multikey = vec![0x80, 0x24];
    multikey.extend_from_slice(p256_key.verifying_key().to_encoded_point(true).as_bytes());
    let p256_did = format!("did:key:z{}", bs58::encode(multikey).into_string());
    let es = jwt(json!({"alg": "ES256"}), &vc_claims(&p256_did), |m| {
        let sig: p256::ecdsa::Signature = p256_key.sign(m);
        sig.to_bytes().to_vec()
    });
    std::fs::write(dir.path().join("es256.jwt"), es).unwrap();

    // RS256, issuer a did:web whose DID document lists the RSA key as a JWK.
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::traits::PublicKeyParts;
    let pem = std::fs::read_to_string(common::fixtures().join("keys/rsa-test-key.pem")).unwrap();
    let rsa_key = rsa::RsaPrivateKey::from_pkcs8_pem(&pem).unwrap();
    let did = "did:web:issuer.example";
    let rs = jwt(
        json!({"alg": "RS256", "kid": format!("{did}#rsa-1")}),
        &vc_claims(did),
        |m| {
            use sha2::Digest;
            let hash = sha2::Sha256::digest(m);
            rsa_key
                .sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &hash)
                .unwrap()
        },
    );
    std::fs::write(dir.path().join("rs256.jwt"), rs).unwrap();
    let public = rsa_key.to_public_key();
    let did_doc = json!({
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [{
            "id": format!("{did}#rsa-1"), "type": "JsonWebKey2020", "controller": did,
            "publicKeyJwk": {"kty": "RSA", "n": b64(&public.n().to_bytes_be()), "e": b64(&public.e().to_bytes_be())}
        }],
        "assertionMethod": [format!("{did}#rsa-1")]
    });
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("did.json"), did_doc.to_string()).unwrap();
    std::fs::write(
        docs.join("index.tsv"),
        "url\tfile\nhttps://issuer.example/.well-known/did.json\tdid.json\n",
    )
    .unwrap();

    let out = verify(
        dir.path(),
        &["--documents", "docs"],
        &["eddsa.jwt", "eddsa-string.json", "es256.jwt", "rs256.jwt"],
    );
    for v in &out {
        assert_eq!(v["status"], "verified", "{v}");
        assert_eq!(v["format"], "vc-jwt");
    }
    assert_eq!(out[2]["suite"], "JWS ES256");
    assert_eq!(out[3]["suite"], "JWS RS256");
    // Without the DID document, the RS256 token cannot be checked: unverifiable.
    let offline = verify(dir.path(), &[], &["rs256.jwt"]);
    assert_eq!(offline[0]["status"], "unverifiable");
}

#[test]
fn forged_and_malformed_tokens_fail() {
    let dir = tempfile::tempdir().unwrap();
    let victim = Ed::new(31);
    let forger = Ed::new(32);
    // The forger signs with its own key and carries it in the header, claiming the
    // victim as issuer: the victim's key (from iss) does not verify it.
    let forged = jwt(
        json!({"alg": "EdDSA", "jwk": forger.jwk()}),
        &vc_claims(&victim.1),
        |m| forger.sign(m),
    );
    std::fs::write(dir.path().join("forged-jwk.jwt"), forged).unwrap();
    // The forger names its own key: the key is not the issuer's.
    let own_kid = jwt(
        json!({"alg": "EdDSA", "kid": forger.kid()}),
        &vc_claims(&victim.1),
        |m| forger.sign(m),
    );
    std::fs::write(dir.path().join("forged-kid.jwt"), own_kid).unwrap();
    // alg none, HMAC, and an algorithm that does not match the key.
    let none = jwt(
        json!({"alg": "none", "kid": victim.kid()}),
        &vc_claims(&victim.1),
        |_| Vec::new(),
    );
    std::fs::write(dir.path().join("none.jwt"), none).unwrap();
    let hs = jwt(
        json!({"alg": "HS256", "kid": victim.kid()}),
        &vc_claims(&victim.1),
        |_| vec![1; 32],
    );
    std::fs::write(dir.path().join("hs256.jwt"), hs).unwrap();
    let mismatch = jwt(
        json!({"alg": "ES256", "kid": victim.kid()}),
        &vc_claims(&victim.1),
        |m| victim.sign(m),
    );
    std::fs::write(dir.path().join("mismatch.jwt"), mismatch).unwrap();
    // Altered after signing.
    let good = jwt(
        json!({"alg": "EdDSA", "kid": victim.kid()}),
        &vc_claims(&victim.1),
        |m| victim.sign(m),
    );
    let mut parts: Vec<String> = good.split('.').map(str::to_string).collect();
    let mut claims = vc_claims(&victim.1);
    claims["vc"]["credentialSubject"]["achievement"]["name"] = json!("Grand Master");
    parts[1] = b64(claims.to_string().as_bytes());
    std::fs::write(dir.path().join("altered.jwt"), parts.join(".")).unwrap();

    let files = [
        "forged-jwk.jwt",
        "forged-kid.jwt",
        "none.jwt",
        "hs256.jwt",
        "mismatch.jwt",
        "altered.jwt",
    ];
    let out = verify(dir.path(), &[], &files);
    for (v, file) in out.iter().zip(files) {
        assert_eq!(v["status"], "failed", "{file}: {v}");
    }
    assert_eq!(check(&out[0], "signature").0, "fail");
    assert_eq!(check(&out[1], "key").0, "fail");
    assert!(check(&out[2], "signature").1.contains("alg: none"));
    assert!(check(&out[3], "signature").1.contains("shared-secret"));
    assert!(check(&out[4], "signature").1.contains("does not match"));
    assert_eq!(check(&out[5], "signature").0, "fail");
}

#[test]
fn token_dates_count() {
    let dir = tempfile::tempdir().unwrap();
    let ed = Ed::new(41);
    let mut expired = vc_claims(&ed.1);
    expired["exp"] = json!(1_700_000_000);
    std::fs::write(
        dir.path().join("exp.jwt"),
        jwt(json!({"alg": "EdDSA", "kid": ed.kid()}), &expired, |m| {
            ed.sign(m)
        }),
    )
    .unwrap();
    let mut future = vc_claims(&ed.1);
    future["nbf"] = json!(4_000_000_000u64);
    std::fs::write(
        dir.path().join("nbf.jwt"),
        jwt(json!({"alg": "EdDSA", "kid": ed.kid()}), &future, |m| {
            ed.sign(m)
        }),
    )
    .unwrap();
    let out = verify(dir.path(), &[], &["exp.jwt", "nbf.jwt"]);
    assert_eq!(out[0]["status"], "expired");
    assert_eq!(out[1]["status"], "failed");
}

/// A 1×1 PNG.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae,
    0x42, 0x60, 0x82,
];

#[test]
fn baked_images() {
    let dir = tempfile::tempdir().unwrap();
    let issuer = Issuer::from_seed([51; 32]);
    let signed = issuer
        .sign_rdfc(
            sample_badge(&issuer, "Baked", "2025-01-01T00:00:00Z"),
            "2025-01-01T00:00:00Z",
        )
        .unwrap();
    let png =
        folio::badge::bake::bake_png(TINY_PNG, "openbadgecredential", &signed.to_string()).unwrap();
    std::fs::write(dir.path().join("baked.png"), &png).unwrap();
    // zTXt (compressed) is read too.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut z, signed.to_string().as_bytes()).unwrap();
    let compressed = z.finish().unwrap();
    let mut data = b"openbadgecredential\0\0".to_vec();
    data.extend(compressed);
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"zTXt");
    chunk.extend_from_slice(&data);
    chunk.extend_from_slice(&[0, 0, 0, 0]); // a wrong CRC, as some tools write: harmless
    let mut ztxt = TINY_PNG[..TINY_PNG.len() - 12].to_vec();
    ztxt.extend(chunk);
    ztxt.extend_from_slice(&TINY_PNG[TINY_PNG.len() - 12..]);
    std::fs::write(dir.path().join("ztxt.png"), &ztxt).unwrap();
    // An SVG carrying a JWT.
    let ed = Ed::new(52);
    let token = jwt(
        json!({"alg": "EdDSA", "kid": ed.kid()}),
        &vc_claims(&ed.1),
        |m| ed.sign(m),
    );
    let svg = format!(
        r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential><![CDATA[{token}]]></openbadges:credential><circle r="4"/></svg>"#
    );
    std::fs::write(dir.path().join("baked.svg"), svg).unwrap();
    std::fs::write(dir.path().join("plain.png"), TINY_PNG).unwrap();
    std::fs::write(
        dir.path().join("plain.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();

    let out = verify(
        dir.path(),
        &[],
        &[
            "baked.png",
            "ztxt.png",
            "baked.svg",
            "plain.png",
            "plain.svg",
        ],
    );
    assert_eq!(out[0]["status"], "verified", "{}", out[0]);
    assert!(check(&out[0], "parse").1.contains("baked in a PNG image"));
    assert_eq!(out[1]["status"], "verified", "{}", out[1]);
    assert_eq!(out[2]["status"], "verified", "{}", out[2]);
    assert!(check(&out[2], "parse").1.contains("SVG"));
    for v in &out[3..] {
        assert_eq!(v["status"], "failed");
        assert_eq!(check(v, "parse").1, "no credential baked in this image");
    }
}

#[test]
fn status_lists_revoked_suspended_and_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let issuer = Issuer::from_seed([61; 32]);
    let revocation = "https://status.example/revocation";
    let suspension = "https://status.example/suspension";
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("rev.json"),
        common::status_list(&issuer, revocation, "revocation", &[5]).to_string(),
    )
    .unwrap();
    std::fs::write(
        docs.join("sus.json"),
        common::status_list(&issuer, suspension, "suspension", &[9]).to_string(),
    )
    .unwrap();
    std::fs::write(
        docs.join("index.tsv"),
        format!("url\tfile\n{revocation}\trev.json\n{suspension}\tsus.json\n"),
    )
    .unwrap();
    let badge = |name: &str, list: &str, purpose: &str, index: u32| {
        let mut doc = sample_badge(&issuer, name, "2025-01-01T00:00:00Z");
        doc["credentialStatus"] = json!({
            "id": format!("{list}#{index}"),
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": index.to_string(),
            "statusListCredential": list
        });
        issuer
            .sign_rdfc(doc, "2025-01-01T00:00:00Z")
            .unwrap()
            .to_string()
    };
    std::fs::write(
        dir.path().join("revoked.json"),
        badge("A", revocation, "revocation", 5),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("fine.json"),
        badge("B", revocation, "revocation", 6),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("suspended.json"),
        badge("C", suspension, "suspension", 9),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("unknown.json"),
        badge("D", "https://status.example/gone", "revocation", 1),
    )
    .unwrap();
    let out = verify(
        dir.path(),
        &["--documents", "docs"],
        &[
            "revoked.json",
            "fine.json",
            "suspended.json",
            "unknown.json",
        ],
    );
    assert_eq!(out[0]["status"], "revoked");
    assert!(check(&out[0], "status").1.contains("revoked"));
    assert_eq!(out[1]["status"], "verified");
    assert_eq!(check(&out[1], "status").0, "pass");
    assert_eq!(out[2]["status"], "revoked");
    assert!(check(&out[2], "status").1.contains("suspended"));
    // A list that cannot be fetched is "could not check", never "not revoked".
    assert_eq!(check(&out[3], "status").0, "skipped");
    assert!(check(&out[3], "status").1.contains("not available offline"));
}

#[test]
fn recipient_match_and_mismatch() {
    use sha2::Digest;
    let dir = tempfile::tempdir().unwrap();
    let issuer = Issuer::from_seed([71; 32]);
    let for_email = |email: &str| {
        let hash: String = sha2::Sha256::digest(format!("{email}pepper").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut doc = sample_badge(&issuer, email, "2025-01-01T00:00:00Z");
        doc["credentialSubject"]["identifier"] = json!([{
            "type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
            "identityHash": format!("sha256${hash}"), "salt": "pepper"
        }]);
        issuer
            .sign_rdfc(doc, "2025-01-01T00:00:00Z")
            .unwrap()
            .to_string()
    };
    std::fs::write(dir.path().join("mine.json"), for_email("me@example.org")).unwrap();
    std::fs::write(
        dir.path().join("theirs.json"),
        for_email("someone@example.org"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("folio.yaml"),
        "title: t\nbase_url: /\nowner:\n  email: Me@Example.org\n",
    )
    .unwrap();
    let out = verify(dir.path(), &[], &["mine.json", "theirs.json"]);
    assert_eq!(out[0]["status"], "verified");
    assert_eq!(check(&out[0], "recipient").0, "pass");
    assert_eq!(out[1]["status"], "failed");
    assert_eq!(check(&out[1], "recipient").0, "fail");
}

#[test]
fn hosted_open_badges_2_assertions() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://issuer.example/assertions/1";
    let assertion = json!({
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": url,
        "recipient": {"type": "email", "hashed": false, "identity": "learner@example.org"},
        "badge": "https://issuer.example/badges/rust",
        "verification": {"type": "hosted"},
        "issuedOn": "2024-05-01T00:00:00Z"
    });
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a1.json"), assertion.to_string()).unwrap();
    std::fs::write(
        docs.join("index.tsv"),
        format!("url\tfile\n{url}\ta1.json\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("same.json"), assertion.to_string()).unwrap();
    let mut altered = assertion.clone();
    altered["badge"] = json!("https://issuer.example/badges/expert");
    std::fs::write(dir.path().join("altered.json"), altered.to_string()).unwrap();

    let out = verify(
        dir.path(),
        &["--documents", "docs"],
        &["same.json", "altered.json"],
    );
    assert_eq!(out[0]["format"], "ob2");
    assert_eq!(check(&out[0], "signature").0, "pass");
    // The dates are the issuer's (compared with its copy), in OB 2.0 names.
    assert_eq!(
        check(&out[0], "validity"),
        ("pass", "valid since 2024-05-01, no expiry")
    );
    // Hosting proves the assertion is the issuer's copy, not who the issuer is.
    assert_eq!(out[0]["status"], "unverifiable");
    assert_eq!(out[1]["status"], "failed");
    assert!(check(&out[1], "signature").1.contains("differs"));
    // Offline without the copy: unverifiable, saying why.
    let offline = verify(dir.path(), &[], &["same.json"]);
    assert_eq!(offline[0]["status"], "unverifiable");
    assert!(
        check(&offline[0], "signature")
            .1
            .contains("not available offline")
    );
}

#[test]
fn issuer_profiles_and_jwk_sets_vouch_for_keys() {
    let dir = tempfile::tempdir().unwrap();
    let profile_url = "https://issuer.example/profile";
    // An OB 3.0 issuer identified by a URL whose profile lists its key.
    let issuer = Issuer::with_did([91; 32], profile_url);
    let mut profile = issuer.did_document();
    profile["type"] = json!("Profile");
    profile.as_object_mut().unwrap().remove("assertionMethod");
    let signed = issuer
        .sign_rdfc(
            sample_badge(&issuer, "Profiled", "2025-01-01T00:00:00Z"),
            "2025-01-01T00:00:00Z",
        )
        .unwrap();
    std::fs::write(dir.path().join("profiled.json"), signed.to_string()).unwrap();
    // A profile that does not list the key the proof names.
    let stranger = Issuer::with_did([92; 32], "https://issuer.example/other");
    let mut unlisted = stranger.did_document();
    unlisted["verificationMethod"][0]["id"] = json!("https://issuer.example/other#key-9");
    let signed = stranger
        .sign_rdfc(
            sample_badge(&stranger, "Unlisted", "2025-01-01T00:00:00Z"),
            "2025-01-01T00:00:00Z",
        )
        .unwrap();
    std::fs::write(dir.path().join("unlisted.json"), signed.to_string()).unwrap();
    // A JWT whose kid points into a JWK set on the issuer's origin.
    let ed = Ed::new(93);
    let jwks_kid = "https://issuer.example/jwks.json#k1";
    let mut jwk = ed.jwk();
    jwk["kid"] = json!("k1");
    let token = jwt(
        json!({"alg": "EdDSA", "kid": jwks_kid}),
        &vc_claims("https://issuer.example/profile"),
        |m| ed.sign(m),
    );
    std::fs::write(dir.path().join("jwks.jwt"), token).unwrap();

    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("profile.json"), profile.to_string()).unwrap();
    std::fs::write(docs.join("other.json"), unlisted.to_string()).unwrap();
    std::fs::write(docs.join("jwks.json"), json!({"keys": [jwk]}).to_string()).unwrap();
    std::fs::write(
        docs.join("index.tsv"),
        format!("url\tfile\n{profile_url}\tprofile.json\nhttps://issuer.example/other\tother.json\nhttps://issuer.example/jwks.json\tjwks.json\n"),
    )
    .unwrap();
    let out = verify(
        dir.path(),
        &["--documents", "docs"],
        &["profiled.json", "unlisted.json", "jwks.jwt"],
    );
    assert_eq!(out[0]["status"], "verified", "{}", out[0]);
    assert!(check(&out[0], "key").1.contains("issuer document"));
    assert_eq!(out[1]["status"], "failed", "{}", out[1]);
    assert!(check(&out[1], "key").1.contains("does not list"));
    assert_eq!(out[2]["status"], "verified", "{}", out[2]);
    assert!(check(&out[2], "key").1.contains("JWK set"));
}

#[test]
fn proof_set_checks_the_key_of_the_proof_that_verified() {
    // One proof of an unsupported suite (with no verificationMethod at all) and one
    // valid eddsa-rdfc-2022 proof: the key check is made on the second.
    let dir = tempfile::tempdir().unwrap();
    let issuer = Issuer::from_seed([72; 32]);
    let mut doc = issuer
        .sign_rdfc(
            sample_badge(&issuer, "Proof Set", "2025-01-01T00:00:00Z"),
            "2025-01-01T00:00:00Z",
        )
        .unwrap();
    let valid = doc["proof"].clone();
    doc["proof"] = json!([
        {"type": "DataIntegrityProof", "cryptosuite": "ecdsa-sd-2023",
         "proofPurpose": "assertionMethod", "proofValue": "u2V0AhVhA"},
        valid
    ]);
    std::fs::write(dir.path().join("set.json"), doc.to_string()).unwrap();
    let out = verify(dir.path(), &[], &["set.json"]);
    assert_eq!(out[0]["status"], "verified", "{}", out[0]);
    let (o, detail) = check(&out[0], "key");
    assert_eq!(o, "pass");
    assert!(detail.starts_with("proof 2 (eddsa-rdfc-2022)"), "{detail}");
}
