//! A user's template override (`templates/page.html`) rendered over the basic test
//! portfolio, as `folio build` would: compile checks (limits, recursion) then render.
#![no_main]

use std::sync::{Mutex, OnceLock};

use folio::render;
use libfuzzer_sys::fuzz_target;

struct Fixture {
    config: folio::Config,
    theme: render::theme::Theme,
    site: folio::site::Site,
    page: usize,
}

fn fixture() -> &'static Mutex<Fixture> {
    static FIXTURE: OnceLock<Mutex<Fixture>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("folio-fuzz-template-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/basic"),
            &root,
        );
        let config =
            folio::Config::load(&root, &folio::Overrides::default()).expect("fixture config");
        let theme = render::theme::load(&config).expect("fixture theme");
        let images = folio::images::variants::Catalog::default();
        let content =
            folio::content::load(&config, None, (&images, None)).expect("fixture content");
        let badges = folio::site::badges::Badges::default();
        let site = folio::site::join(content, badges, folio::i18n::Translator::english())
            .expect("fixture site");
        let page = theme
            .templates
            .iter()
            .position(|t| t.name == "page.html")
            .expect("page.html");
        Mutex::new(Fixture {
            config,
            theme,
            site,
            page,
        })
    })
}

use std::path::Path;

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut f = fixture().lock().unwrap_or_else(|e| e.into_inner());
    let page = f.page;
    f.theme.templates[page].text = text.to_string();
    let f = &*f;
    let shared = render::Shared {
        translator: std::sync::Arc::new(
            folio::translator(&f.config, &f.theme).expect("fixture translations"),
        ),
        languages: Default::default(),
        images: Default::default(),
    };
    let _ = render::Renderer::new(&f.config, &f.theme, &f.site, None, None, shared)
        .and_then(|r| r.render_all(&f.site, &mut |_| std::ops::ControlFlow::Continue(())));
});
