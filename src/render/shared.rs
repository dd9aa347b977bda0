//! `shared(template="partials/site-nav.html", key=…)`: a part of every page (the
//! navigation, the footer) rendered once a build for each `key`, not once a page.
//!
//! The partial sees only what every page shares (`config`, `theme`, `owner`, `site`)
//! and `key`, so its text is the same wherever it is printed and the page comes out
//! byte for byte as if the partial were written inline. It is rendered by a copy of
//! the theme's templates made before `shared` was added, so a partial cannot call
//! `shared` itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tera::{Context, Tera, Value};

/// Partials kept a build: more distinct `(template, key)` pairs than this are
/// rendered each time (a theme keying by page would otherwise hold every page).
const MAX_KEPT: usize = 256;

pub struct Shared {
    tera: Arc<Tera>,
    base: Context,
    kept: Mutex<HashMap<(String, String), String>>,
}

impl Shared {
    /// `tera`: the compiled theme, every other function registered; `base`: the
    /// context every page shares.
    pub fn new(tera: Tera, base: Context) -> Self {
        Shared {
            tera: Arc::new(tera),
            base,
            kept: Mutex::new(HashMap::new()),
        }
    }
}

impl tera::Function for Shared {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let template = args
            .get("template")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("shared() needs a `template` argument"))?;
        let key = match args.get("key") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        let slot = (template.to_string(), key);
        if let Some(html) = self.kept.lock().expect("shared lock").get(&slot) {
            return Ok(Value::String(html.clone()));
        }
        if !self.tera.get_template_names().any(|n| n == template) {
            return Err(tera::Error::msg(format!(
                "shared(): the theme has no template `{template}`"
            )));
        }
        let mut ctx = self.base.clone();
        ctx.insert("key", &slot.1);
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| tera::Error::chain(format!("shared(template=\"{template}\")"), e))?;
        let mut kept = self.kept.lock().expect("shared lock");
        if kept.len() < MAX_KEPT {
            kept.insert(slot, html.clone());
        }
        Ok(Value::String(html))
    }

    fn is_safe(&self) -> bool {
        // The partial was rendered with autoescaping, as the page would have been.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Function;

    #[test]
    fn a_partial_is_rendered_once_for_each_key() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RENDERS: AtomicUsize = AtomicUsize::new(0);
        let mut tera = Tera::default();
        tera.register_function("count", |_: &HashMap<String, Value>| {
            RENDERS.fetch_add(1, Ordering::SeqCst);
            Ok(Value::from(""))
        });
        tera.add_raw_template(
            "nav.html",
            "<a{% if key == \"cv\" %} aria-current=\"page\"{% endif %}>{{ site.n }}</a>{{ count() }}",
        )
        .unwrap();
        let mut base = Context::new();
        base.insert("site", &serde_json::json!({"n": "<Ada>"}));
        let shared = Shared::new(tera, base);
        let call = |key: &str| {
            let args = HashMap::from([
                ("template".to_string(), Value::from("nav.html")),
                ("key".to_string(), Value::from(key)),
            ]);
            shared.call(&args).unwrap().as_str().unwrap().to_string()
        };
        assert_eq!(call("cv"), "<a aria-current=\"page\">&lt;Ada&gt;</a>");
        assert_eq!(call("cv"), "<a aria-current=\"page\">&lt;Ada&gt;</a>");
        assert_eq!(
            RENDERS.load(Ordering::SeqCst),
            1,
            "rendered once for one key"
        );
        assert_eq!(call("blog"), "<a>&lt;Ada&gt;</a>");
        assert_eq!(RENDERS.load(Ordering::SeqCst), 2);
        let missing = HashMap::from([("template".to_string(), Value::from("nope.html"))]);
        assert!(
            shared
                .call(&missing)
                .unwrap_err()
                .to_string()
                .contains("nope.html")
        );
    }
}
