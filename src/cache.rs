//! Content-addressed memo tables that let `folio serve` rebuild only what a change
//! needs: a page's markdown is re-rendered only when its text (or the set of page
//! URLs its links resolve against) changed, a page's HTML only when its template
//! inputs changed, and a badge is re-verified only when its bytes (or the trust list,
//! owner or minute) changed. A template or config change changes every key, so
//! everything is rebuilt. `folio build` runs without a cache. A generic leaf: it knows
//! nothing of what it holds (`crate::Cache` names the tables).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// One value per slot (a file path), valid while its key matches. Values are kept
/// behind an `Arc` so that a hit is copied outside the lock: the rendering threads
/// would otherwise take turns copying ten thousand pages.
pub struct Memo<T> {
    map: Mutex<HashMap<String, (u64, Arc<T>)>>,
    misses: AtomicUsize,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            map: Mutex::new(HashMap::new()),
            misses: AtomicUsize::new(0),
        }
    }
}

impl<T: Clone> Memo<T> {
    /// The cached value for `slot` if it was made from `key`; otherwise makes it.
    pub fn get_or<E>(
        &self,
        slot: &str,
        key: u64,
        make: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let hit = match self.map.lock().expect("memo lock").get(slot) {
            Some((k, v)) if *k == key => Some(Arc::clone(v)),
            _ => None,
        };
        if let Some(value) = hit {
            return Ok(T::clone(&value));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let value = make()?;
        self.map
            .lock()
            .expect("memo lock")
            .insert(slot.to_string(), (key, Arc::new(value.clone())));
        Ok(value)
    }

    /// The value `slot` holds, whatever key it was made from (for a caller that
    /// knows the slot's input has not changed since).
    pub fn last(&self, slot: &str) -> Option<T> {
        let hit = self
            .map
            .lock()
            .expect("memo lock")
            .get(slot)
            .map(|(_, v)| Arc::clone(v));
        hit.map(|v| T::clone(&v))
    }

    /// How many values were made (not reused) since the last call.
    pub fn take_misses(&self) -> usize {
        self.misses.swap(0, Ordering::Relaxed)
    }
}

/// Runs `make` through `memo` when there is one.
pub fn memoised<T: Clone, E>(
    memo: Option<&Memo<T>>,
    slot: &str,
    key: impl FnOnce() -> u64,
    make: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    match memo {
        Some(m) => m.get_or(slot, key(), make),
        None => make(),
    }
}

/// A 64-bit fingerprint of some values (SipHash; a preview cache, not security).
pub fn fingerprint(parts: &[&dyn HashPart]) -> u64 {
    let mut h = DefaultHasher::new();
    for p in parts {
        p.feed(&mut h);
    }
    h.finish()
}

pub trait HashPart {
    fn feed(&self, h: &mut DefaultHasher);
}

impl<T: Hash + ?Sized> HashPart for T {
    fn feed(&self, h: &mut DefaultHasher) {
        self.hash(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_reuses_until_key_changes() {
        let m: Memo<u32> = Memo::default();
        assert_eq!(m.get_or::<()>("a", 1, || Ok(10)), Ok(10));
        assert_eq!(m.get_or::<()>("a", 1, || Ok(20)), Ok(10));
        assert_eq!(m.get_or::<()>("a", 2, || Ok(30)), Ok(30));
        assert_eq!(m.take_misses(), 2);
        assert_eq!(fingerprint(&[&"x", &1u8]), fingerprint(&[&"x", &1u8]));
        assert_ne!(fingerprint(&[&"x", &1u8]), fingerprint(&[&"x", &2u8]));
    }
}
