//! `ecdsa-sd-2023`: ECDSA selective disclosure (W3C VC Data Integrity ECDSA
//! Cryptosuites, section 3.3).
//!
//! The issuer signs each canonical N-Quad of the credential on its own with a
//! one-time P-256 key, and signs with its own key `sha256(proof options) ‖ that
//! one-time public key ‖ sha256(the statements every copy must keep)`. Blank nodes
//! are relabelled with an HMAC of their canonical labels, so that what a holder
//! withholds cannot be guessed from the labels that remain.
//!
//! Two forms of `proofValue`:
//! - **derived** (what a holder publishes, possibly leaving statements out): the
//!   label map and the positions of the mandatory statements travel in the proof.
//!   This is the form the specification's verification algorithm takes.
//! - **base** (what the issuer hands the holder: every statement, and the HMAC key).
//!   The specification leaves verifying it to the holder's software; a learner who
//!   publishes the credential as received publishes this form. Every statement is
//!   present, so folio relabels with the HMAC key and tells the mandatory statements
//!   from the others by which one-time signature each verifies under (a statement is
//!   signed on its own only if it is not mandatory, and the mandatory ones are bound
//!   by their hash under the issuer's signature, so no choice passes that the issuer
//!   did not sign).

use std::collections::HashMap;

use base64::Engine;
use hmac::Mac;
use p256::ecdsa::signature::Verifier as _;
use sha2::{Digest, Sha256};

use super::keys::PublicKey;

/// `0xd9 0x5d`: CBOR tag 0x5dxx; the last byte says base (0) or derived (1).
const BASE_HEADER: [u8; 3] = [0xd9, 0x5d, 0x00];
const DERIVED_HEADER: [u8; 3] = [0xd9, 0x5d, 0x01];
/// A P-256 Multikey: the multicodec `p256-pub` header and a compressed point.
const P256_MULTIKEY: [u8; 2] = [0x80, 0x24];
/// More one-time signatures than this is no credential: folio canonicalises
/// documents of a few thousand statements at most.
const MAX_STATEMENTS: usize = 100_000;

/// How blank nodes are relabelled.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Labels {
    /// Base: `u` + base64url(HMAC-SHA-256(key, canonical label)).
    Hmac([u8; 32]),
    /// Derived: canonical label number → new label's bytes.
    Map(HashMap<u64, Vec<u8>>),
}

/// A decoded `ecdsa-sd-2023` proof value. Two values that decode equal say the same
/// (CBOR allows more than one encoding of one value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdProof {
    base_signature: [u8; 64],
    /// The one-time key as a 35-byte P-256 Multikey.
    public_key: [u8; 35],
    signatures: Vec<[u8; 64]>,
    labels: Labels,
    /// Derived only: the positions of the mandatory statements.
    mandatory: Option<Vec<usize>>,
}

impl SdProof {
    pub fn is_derived(&self) -> bool {
        self.mandatory.is_some()
    }
}

/// Decodes a `u`-multibase (base64url, no padding) CBOR proof value.
pub fn parse(proof_value: &str) -> Result<SdProof, String> {
    let body = proof_value.strip_prefix('u').ok_or(
        "the ecdsa-sd-2023 proofValue is not multibase base64url (it must start with `u`)",
    )?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| "the ecdsa-sd-2023 proofValue is not valid base64url")?;
    let derived = if bytes.starts_with(&DERIVED_HEADER) {
        true
    } else if bytes.starts_with(&BASE_HEADER) {
        false
    } else {
        return Err(
            "the ecdsa-sd-2023 proofValue has neither the base nor the derived header".into(),
        );
    };
    let mut rest = &bytes[3..];
    let value: ciborium::Value = ciborium::de::from_reader(&mut rest)
        .map_err(|e| format!("the ecdsa-sd-2023 proofValue is not CBOR: {e}"))?;
    if !rest.is_empty() {
        return Err("the ecdsa-sd-2023 proofValue has bytes after its CBOR".into());
    }
    let ciborium::Value::Array(items) = value else {
        return Err("the ecdsa-sd-2023 proofValue is not a CBOR array".into());
    };
    let [base_signature, public_key, third, fourth, fifth] =
        <[ciborium::Value; 5]>::try_from(items)
            .map_err(|_| "the ecdsa-sd-2023 proofValue does not hold five components")?;
    let base_signature = fixed::<64>(&base_signature, "baseSignature")?;
    let public_key = fixed::<35>(&public_key, "publicKey")?;
    if public_key[..2] != P256_MULTIKEY {
        return Err("the ecdsa-sd-2023 one-time key is not a P-256 Multikey".into());
    }
    let (signatures, labels, mandatory) = if derived {
        let signatures = signature_list(&third)?;
        let labels = Labels::Map(label_map(&fourth)?);
        let mandatory = index_list(&fifth)?;
        (signatures, labels, Some(mandatory))
    } else {
        // [baseSignature, publicKey, hmacKey, signatures, mandatoryPointers]: the
        // pointers say how the issuer chose; the signatures say what it chose.
        let hmac_key = fixed::<32>(&third, "hmacKey")?;
        let signatures = signature_list(&fourth)?;
        if !matches!(fifth, ciborium::Value::Array(_)) {
            return Err("the ecdsa-sd-2023 mandatoryPointers is not a list".into());
        }
        (signatures, Labels::Hmac(hmac_key), None)
    };
    Ok(SdProof {
        base_signature,
        public_key,
        signatures,
        labels,
        mandatory,
    })
}

/// Byte strings, also as tag 64 (a typed `Uint8Array`, which some encoders write).
fn bytes_of(value: &ciborium::Value) -> Option<&[u8]> {
    match value {
        ciborium::Value::Bytes(b) => Some(b),
        ciborium::Value::Tag(64, inner) => match inner.as_ref() {
            ciborium::Value::Bytes(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

fn fixed<const N: usize>(value: &ciborium::Value, name: &str) -> Result<[u8; N], String> {
    bytes_of(value)
        .and_then(|b| <[u8; N]>::try_from(b).ok())
        .ok_or_else(|| format!("the ecdsa-sd-2023 {name} is not {N} bytes"))
}

fn signature_list(value: &ciborium::Value) -> Result<Vec<[u8; 64]>, String> {
    let ciborium::Value::Array(items) = value else {
        return Err("the ecdsa-sd-2023 signatures are not a list".into());
    };
    if items.len() > MAX_STATEMENTS {
        return Err(format!(
            "the ecdsa-sd-2023 proof holds over {MAX_STATEMENTS} signatures"
        ));
    }
    items.iter().map(|s| fixed::<64>(s, "signature")).collect()
}

fn label_map(value: &ciborium::Value) -> Result<HashMap<u64, Vec<u8>>, String> {
    let ciborium::Value::Map(entries) = value else {
        return Err("the ecdsa-sd-2023 label map is not a CBOR map".into());
    };
    let mut map = HashMap::with_capacity(entries.len());
    for (k, v) in entries {
        let key = small_int(k).ok_or("a label map key is not a canonical label number")?;
        let label = bytes_of(v).ok_or("a label map value is not bytes")?;
        if map.insert(key as u64, label.to_vec()).is_some() {
            return Err(format!("the label map names c14n{key} twice"));
        }
    }
    Ok(map)
}

fn index_list(value: &ciborium::Value) -> Result<Vec<usize>, String> {
    let ciborium::Value::Array(items) = value else {
        return Err("the ecdsa-sd-2023 mandatoryIndexes are not a list".into());
    };
    let indexes: Vec<usize> = items
        .iter()
        .map(|i| small_int(i).ok_or_else(|| "a mandatory index is not a number".to_string()))
        .collect::<Result<_, _>>()?;
    // Read strictly, so that one disclosure has one proof value: the reference
    // implementation lists them in ascending order, each once.
    if indexes.windows(2).any(|w| w[0] >= w[1]) {
        return Err("the ecdsa-sd-2023 mandatoryIndexes are not in ascending order".into());
    }
    Ok(indexes)
}

fn small_int(value: &ciborium::Value) -> Option<usize> {
    match value {
        ciborium::Value::Integer(i) => usize::try_from(i128::from(*i)).ok(),
        _ => None,
    }
}

/// Checks the proof against the canonical (RDFC-1.0, `_:c14nN` labels) N-Quads of
/// the proof options and of the document, with the issuer's key.
pub fn verify(sd: &SdProof, config: &str, doc: &str, key: &PublicKey) -> bool {
    statements_verify(sd, config, doc, key).is_ok()
}

/// As `verify`, saying which step failed.
fn statements_verify(sd: &SdProof, config: &str, doc: &str, key: &PublicKey) -> Result<(), String> {
    let (mut statements, mapped) = relabel(doc, &sd.labels);
    if let Labels::Map(map) = &sd.labels
        && mapped != map.len()
    {
        // Read strictly, as the indexes are: a label for each blank node, no more.
        return Err("the label map names blank nodes the credential does not have".into());
    }
    // The reference implementation sorts with JavaScript's default order (UTF-16 code
    // units), so the mandatory indexes and signature order are in that order.
    statements.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    let one_time = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sd.public_key[2..])
        .map_err(|_| "the one-time key is not a P-256 point")?;
    let signed_alone = |statement: &str, signature: &[u8; 64]| {
        p256::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|s| one_time.verify(statement.as_bytes(), &s).is_ok())
    };
    if sd.signatures.len() > statements.len() {
        return Err("more signatures than statements".into());
    }
    let mut mandatory = String::new();
    match &sd.mandatory {
        Some(indexes) => {
            if let Some(i) = indexes.iter().find(|&&i| i >= statements.len()) {
                return Err(format!(
                    "mandatory index {i} is past the {} statements",
                    statements.len()
                ));
            }
            let mut signatures = sd.signatures.iter();
            for (i, statement) in statements.iter().enumerate() {
                if indexes.contains(&i) {
                    mandatory.push_str(statement);
                } else {
                    let signature = signatures
                        .next()
                        .ok_or("fewer signatures than disclosed statements")?;
                    if !signed_alone(statement, signature) {
                        return Err(format!(
                            "statement {i} is not signed: {}",
                            statement.trim_end()
                        ));
                    }
                }
            }
            if signatures.next().is_some() {
                return Err("more signatures than disclosed statements".into());
            }
        }
        None => {
            let mut next = 0;
            for statement in &statements {
                match sd.signatures.get(next) {
                    Some(signature) if signed_alone(statement, signature) => next += 1,
                    _ => mandatory.push_str(statement),
                }
            }
            if next != sd.signatures.len() {
                return Err(format!(
                    "{} of the one-time signatures sign no statement",
                    sd.signatures.len() - next
                ));
            }
        }
    }
    let mut data = Vec::with_capacity(32 + 35 + 32);
    data.extend_from_slice(&Sha256::digest(config.as_bytes()));
    data.extend_from_slice(&sd.public_key);
    data.extend_from_slice(&Sha256::digest(mandatory.as_bytes()));
    let base_ok = match key {
        PublicKey::P256(k) => p256::ecdsa::Signature::from_slice(&sd.base_signature)
            .is_ok_and(|s| k.verify(&data, &s).is_ok()),
        _ => false,
    };
    if base_ok {
        Ok(())
    } else {
        Err("the issuer's signature does not match".into())
    }
}

/// The canonical statements with every blank node label `_:c14nN` replaced as the
/// proof says, one string a statement (each ending in a newline).
///
/// Like the reference implementation, every `_:label` run in a line is replaced,
/// wherever it is. Also says how many of a label map's entries were used.
fn relabel(canonical: &str, labels: &Labels) -> (Vec<String>, usize) {
    let mut cache: HashMap<&str, String> = HashMap::new();
    let mut out = Vec::new();
    for line in canonical.split_inclusive('\n') {
        let mut text = String::with_capacity(line.len() + 32);
        let mut rest = line;
        while let Some(at) = rest.find("_:") {
            text.push_str(&rest[..at + 2]);
            let after = &rest[at + 2..];
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            let label = &after[..end];
            if !cache.contains_key(label) {
                cache.insert(label, new_label(label, labels));
            }
            text.push_str(&cache[label]);
            rest = &after[end..];
        }
        text.push_str(rest);
        out.push(text);
    }
    let mapped = cache.values().filter(|l| l.as_str() != "undefined").count();
    (out, mapped)
}

/// The new label for a run `_:label`. A run that is no canonical label (text inside
/// a literal, `_:c14n0"`) or has no entry in the map becomes `undefined`, as in the
/// reference implementation, which signed it that way: a label the map lacks then
/// fails where it is signed, and text that looks like a label still verifies.
fn new_label(label: &str, labels: &Labels) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let number = label
        .strip_prefix("c14n")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u64>().ok());
    match (labels, number) {
        (Labels::Hmac(key), Some(_)) => {
            let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).expect("any key size");
            mac.update(label.as_bytes());
            format!("u{}", b64.encode(mac.finalize().into_bytes()))
        }
        (Labels::Map(map), Some(n)) => match map.get(&n) {
            Some(bytes) => format!("u{}", b64.encode(bytes)),
            None => "undefined".into(),
        },
        (_, None) => "undefined".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_replaced_wherever_they_stand() {
        let map = Labels::Map([(0, vec![1, 2]), (1, vec![255])].into());
        let (got, mapped) = relabel(
            "_:c14n0 <p> _:c14n1 .\n<s> <p> \"_:c14n0 and _:c14n0\" _:c14n1 .\n_:c14n2 <p> <o> .\n",
            &map,
        );
        assert_eq!(mapped, 2);
        // `_:c14n0"` is no label (the quote is part of the run): `undefined`, as the
        // reference implementation writes; c14n2 is not in the map: the same.
        assert_eq!(
            got,
            [
                "_:uAQI <p> _:u_w .\n",
                "<s> <p> \"_:uAQI and _:undefined _:u_w .\n",
                "_:undefined <p> <o> .\n"
            ]
        );
        let (hmac, _) = relabel("_:c14n0 <p> <o> .\n", &Labels::Hmac([7; 32]));
        assert!(
            hmac[0].starts_with("_:u") && hmac[0].len() == "_:u".len() + 43 + " <p> <o> .\n".len()
        );
    }

    #[test]
    fn proof_values_are_read_strictly() {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let cbor = |v: ciborium::Value, header: [u8; 3]| {
            let mut bytes = header.to_vec();
            ciborium::ser::into_writer(&v, &mut bytes).unwrap();
            format!("u{}", b64.encode(bytes))
        };
        let mut key = vec![0x80, 0x24];
        key.extend([2u8; 33]);
        let derived = ciborium::Value::Array(vec![
            ciborium::Value::Bytes(vec![0; 64]),
            ciborium::Value::Tag(64, Box::new(ciborium::Value::Bytes(key.clone()))),
            ciborium::Value::Array(vec![ciborium::Value::Bytes(vec![0; 64])]),
            ciborium::Value::Map(vec![(0.into(), ciborium::Value::Bytes(vec![9; 32]))]),
            ciborium::Value::Array(vec![1.into(), 3.into()]),
        ]);
        let sd = parse(&cbor(derived.clone(), DERIVED_HEADER)).unwrap();
        assert!(sd.is_derived());
        assert_eq!(sd.mandatory, Some(vec![1, 3]));
        // Indexes out of order or twice: one disclosure has one proof value.
        for indexes in [vec![3, 1], vec![1, 1]] {
            let mut other = derived.clone();
            if let ciborium::Value::Array(items) = &mut other {
                items[4] = ciborium::Value::Array(indexes.into_iter().map(Into::into).collect());
            }
            assert!(
                parse(&cbor(other, DERIVED_HEADER))
                    .unwrap_err()
                    .contains("ascending")
            );
        }
        // The derived components under the base header: no HMAC key where one must be.
        assert!(
            parse(&cbor(derived.clone(), BASE_HEADER))
                .unwrap_err()
                .contains("hmacKey")
        );
        assert!(
            parse(&cbor(derived, [0xd9, 0x5d, 0x02]))
                .unwrap_err()
                .contains("header")
        );
        assert!(parse("z3aq").unwrap_err().contains("`u`"));
        let short = ciborium::Value::Array(vec![ciborium::Value::Bytes(vec![0; 64])]);
        assert!(
            parse(&cbor(short, DERIVED_HEADER))
                .unwrap_err()
                .contains("five")
        );
    }
}
