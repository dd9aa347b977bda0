//! The badge as themes see it (THEMES.md): what `site::badges` builds from a verdict,
//! what pathways are evaluated against and what each badge's page shows of them.
//! Plain data, so `site` and `pathway` both depend on it and not on each other.

use serde::Serialize;

use crate::badge::credential::Credential;

#[derive(Debug, Clone, Serialize)]
pub struct CheckView {
    /// The check's key (`signature`), and its name in the site's language.
    pub name: String,
    pub label: String,
    pub outcome: &'static str,
    /// The outcome in the site's language (`outcome` is the key, for classes).
    pub outcome_label: String,
    pub symbol: &'static str,
    pub detail: String,
    /// The language of `detail` when it is not the page's: `en` for the verifier's
    /// own technical words; none for rows written in the page's language (the
    /// recipient row).
    pub detail_lang: Option<&'static str>,
    /// Escaped `data-*` attributes for the row, which `folio-check.js` reads (a
    /// recipient proven for one origin is not proven on a copy elsewhere).
    pub attributes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssuerView {
    pub id: Option<String>,
    pub name: Option<String>,
    pub url: Option<String>,
    /// The name the portfolio's trust list gives this issuer, only when the badge is
    /// authentic (verified, expired or revoked) and the issuer is in the trust list.
    pub trusted_as: Option<String>,
    /// How themes name the issuer on cards and pages: the trusted or listed name, else
    /// the name the credential gives, plainly (never the identifier: that goes on the
    /// badge page, in `summary`); a warning for an impersonation.
    pub label: String,
    /// The issuer copies the name of a trusted issuer under another identifier.
    pub impersonation: bool,
    /// Who vouches for the issuer: `trusted` (the portfolio's trust list), `listed`
    /// (a registry), `unlisted`, `unchecked` (a registry could not be asked),
    /// `impersonation`, or `unknown` (the badge is not authentic, so nobody can say).
    pub standing: &'static str,
    /// The standing in a few words, for the small mark beside the name on cards:
    /// "in this portfolio's trust list", "listed in the DCC Member Registry", "issuer
    /// not in any registry you use".
    pub standing_text: String,
    /// The registry that lists the issuer, and its governance page.
    pub registry: Option<String>,
    pub governance_url: Option<String>,
    /// One sentence for the badge page: what is and is not known about the issuer,
    /// with its identifier.
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub url: String,
    /// True when the image is part of the site; false for a remote image, which
    /// themes link to rather than load.
    pub local: bool,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    pub name: String,
    pub url: Option<String>,
    pub framework: Option<String>,
    pub code: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub url: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub narrative_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    pub title: String,
    pub url: String,
}

/// A badge as templates see it (see THEMES.md).
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub slug: String,
    /// The original file name, as published for download.
    pub file: String,
    pub url: String,
    pub permalink: String,
    /// The badge page's social preview card (1200×630 PNG), as a full URL.
    pub card: String,
    pub download_url: Option<String>,
    /// Why the download is published under another name (an original SVG with active
    /// content is published as `NAME.svg.txt`); themes show it beside the link.
    pub download_note: Option<String>,
    pub receipt_url: String,
    pub status: &'static str,
    pub status_label: String,
    /// Why the badge is not verified (empty when it is), with the fix where there is one.
    pub status_reason: String,
    /// The badge failed or could not be checked: its name, issuer and text are the
    /// credential's claims, not facts, and themes present them as such.
    pub claims: bool,
    pub checks: Vec<CheckView>,
    /// How far the recipient is known to be the owner: `proven` (the recipient's
    /// key signed a presentation for this site), `claimed` (an identity the owner
    /// lists: their word), `other`, or empty when not checked.
    pub recipient: &'static str,
    /// What the reader's "issued to the address you were given?" form compares
    /// with, when the credential names an email, URL or phone recipient.
    pub recipient_check: Option<RecipientCheck>,
    pub format: String,
    pub suite: Option<String>,
    pub credential_id: Option<String>,
    pub name: String,
    pub description: String,
    /// The language the credential says its own text is in (OB 3.0 `inLanguage`),
    /// for `lang` on that text; the page around it is in the site's language.
    pub text_lang: Option<String>,
    pub achievement_type: Option<String>,
    pub criteria_html: String,
    pub criteria_url: Option<String>,
    pub issuer: IssuerView,
    pub image: Option<ImageView>,
    pub alignments: Vec<Alignment>,
    pub tags: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub results: Vec<String>,
    pub issued: Option<String>,
    pub expires: Option<String>,
    /// The day this badge was checked (`2026-12-02`, for `<time datetime>`), and as a
    /// visitor reads it. The day, not the instant (the receipt has that): an unchanged
    /// site rebuilt the same day renders the same pages, so `build` rewrites nothing
    /// but the receipts.
    pub checked_date: String,
    pub checked_on: String,
    /// The end of the credential's validity (RFC 3339, UTC), when it has one, and
    /// the day as a visitor reads it.
    pub valid_until: Option<String>,
    pub valid_until_on: Option<String>,
    /// For the status element of a verified badge: what `folio-check.js` needs to
    /// take the mark away later (escaped attributes; empty for other statuses).
    pub check_attributes: String,
    /// Independent verifiers for the published credential (`badges.verifiers`).
    pub verifiers: Vec<VerifierLink>,
    pub featured: bool,
    pub order: Option<i64>,
    pub reflection_html: String,
    pub cited_by: Vec<PageRef>,
    pub linkedin_url: Option<String>,
    /// schema.org JSON-LD, ready to embed in `<script type="application/ld+json">`.
    pub structured_data: Option<String>,
    /// The pathways this badge counts toward (filled in when pathways are evaluated).
    pub pathways: Vec<BadgeUse>,
    /// For a CLR 2.0 transcript: how its achievements fit together, as its issuer
    /// asserts (`isChildOf`, `isPartOf`, …), by name.
    pub associations: Vec<AssociationView>,
    /// Endorsements embedded in the credential that are authentic (their own
    /// signatures checked), with their own standing; a failed or unverifiable one is
    /// never shown as an endorsement.
    pub endorsements: Vec<EndorsementView>,
    /// A verified badge's standard facts as a micro-credential (credits, level,
    /// assessment, …; the EU Annex I count), in the site's language; none for a badge
    /// that is not verified, or states none.
    pub facts: Option<crate::facts_view::FactsView>,
    /// The credential's signed facts (owner identities removed), for pathway matching;
    /// templates read the fields above instead.
    #[serde(skip)]
    pub credential: Credential,
    /// A verified CLR transcript's associations, ids as its issuer wrote them: the
    /// structure pathways may ask for (`part_of:`). None for anything not verified.
    #[serde(skip)]
    pub asserted: Vec<crate::badge::clr::Association>,
}

impl Badge {
    /// Skill names this badge attests: alignment targets and achievement tags.
    pub fn skills(&self) -> Vec<String> {
        let mut s: Vec<String> = self.alignments.iter().map(|a| a.name.clone()).collect();
        s.extend(self.tags.iter().cloned());
        s
    }
}

/// One endorsement of a badge: who endorses it, in what standing, and what they say.
#[derive(Debug, Clone, Serialize)]
pub struct EndorsementView {
    /// The endorser's name as the endorsement gives it (else its identifier): the
    /// endorser's claim about themselves.
    pub endorser: String,
    pub endorser_id: Option<String>,
    /// `verified`, `expired` or `revoked`, and in the site's language ("its
    /// signature checked", "expired", "withdrawn by its endorser").
    pub status: &'static str,
    pub status_label: String,
    pub comment: Option<String>,
}

/// One association of a CLR transcript: `source` `kind` `target`, the kind in words.
#[derive(Debug, Clone, Serialize)]
pub struct AssociationView {
    pub source: String,
    pub kind: String,
    pub target: String,
}

/// On a badge's page: a pathway it counts toward, and for what.
#[derive(Debug, Clone, Serialize)]
pub struct BadgeUse {
    pub pathway: String,
    pub url: String,
    /// The requirement it meets, or that it completes the pathway.
    pub requirement: String,
    pub completes: bool,
}

/// What the reader's form compares an address with, in the visitor's browser
/// (`folio-check.js`, THEMES.md): the credential's own hash and salt, or for a
/// plain recipient the SHA-256 of its canonical form (so the page never prints
/// the address itself).
#[derive(Debug, Clone, Serialize)]
pub struct RecipientCheck {
    /// `email`, `url` or `phone`.
    pub kind: &'static str,
    /// `sha256`, `sha512` (hashed in the credential) or `plain` (folio hashed the
    /// canonical form with SHA-256).
    pub alg: String,
    /// Lowercase hex.
    pub digest: String,
    pub salt: String,
    /// The escaped `data-*` attributes `folio-check.js` reads, for themes to put on
    /// the form.
    pub attributes: String,
}

/// A link to a verifier for one published credential.
#[derive(Debug, Clone, Serialize)]
pub struct VerifierLink {
    pub name: String,
    pub url: String,
    /// The service takes the credential as an upload, not by its URL (a template
    /// without `{url}`): the page says to upload the downloaded file there.
    pub upload: bool,
}
