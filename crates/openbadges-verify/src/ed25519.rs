//! Ed25519 signature checks, shared by Data Integrity proofs and JWS.

use ed25519_dalek::{Signature, VerifyingKey};

/// Strict Ed25519: rejects non-canonical signatures and small-order (weak) keys.
pub fn ed25519_verify(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Some(vk) = verifying_key(key) else {
        return false;
    };
    vk.verify_strict(message, &Signature::from_bytes(signature))
        .is_ok()
}

/// Decompressing a public key is a large share of a verification, and a portfolio's
/// badges come from a handful of issuers: keep the last few keys per thread.
fn verifying_key(key: &[u8; 32]) -> Option<VerifyingKey> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const KEEP: usize = 64;
    thread_local! {
        static KEYS: RefCell<HashMap<[u8; 32], Option<VerifyingKey>>> = RefCell::new(HashMap::new());
    }
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some(vk) = keys.get(key) {
            return *vk;
        }
        let vk = VerifyingKey::from_bytes(key)
            .ok()
            .filter(|vk| !vk.is_weak());
        if keys.len() >= KEEP {
            keys.clear();
        }
        keys.insert(*key, vk);
        vk
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_keys_never_verify() {
        // The identity point is a small-order key; any "signature" must be rejected.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut sig = [0u8; 64];
        sig[0] = 1;
        assert!(!ed25519_verify(&identity, b"anything", &sig));
    }
}
