# folio's catalogue: every word folio and its built-in themes print.
# Any theme may use these keys with `t(key="…")`; a theme's own i18n/LANG.ftl and
# the portfolio's `translations:` override single messages (THEMES.md).
# Arguments ending in `date` are shown as the locale writes a date, inside <time>.

## Every page
skip-to-content = Skip to content
nav-main = Main
nav-sections = Sections
nav-elsewhere = Elsewhere
nav-badges = Badges
nav-pathways = Pathways
nav-skills = Skills
nav-credentials = Credentials
language-switcher = Languages
footer-built-with = Built with { $generator }
tags = Tags
home-page = home page

## Pages and sections
reading-time = { $minutes ->
    [one] { $minutes } min read
   *[other] { $minutes } min read
}
on-this-page = On this page
skills-shown = Skills shown
page-badges = Badges this work supports
page-credentials = Credentials this work supports
nothing-yet = Nothing here yet.
follow-feed = Follow { $section } (Atom feed)
atom-feed = Atom feed
portrait-of = Portrait of { $name }
profile = Profile
skills-label = Skills:
not-found-title = Page not found
not-found-body = This page does not exist, or it has moved. Try the { $home_html }.

## Badge status, as cards and badge pages show it
status-verified = Verified
status-expired = Expired
status-revoked = Revoked by the issuer
status-failed = Not verified: a check failed
status-unconfirmed = Not verified: recipient not confirmed
status-unverifiable = Not verified: could not be checked
status-checked = checked { $date }
status-valid-until = valid until { $date }
status-expired-on = Expired on { $date }
status-revoked-since = Revoked by the issuer since this site was built
status-suspended-since = Suspended by the issuer since this site was built
status-not-rechecked = revocation not re-checked just now
not-verified-suffix = not verified
badge-image-alt = Badge image: { $name }

## Badge pages
badges-title = Badges
badges-lead = Every badge is checked when this site is built: its signature, who issued it, and whether it is still valid. Open one to see each check.
issued-by = Issued by { $issuer_html }
issuer-is = Issuer: { $issuer }
not-verified-notice = Not verified.
claims-notice = What follows is what this credential claims; folio could not confirm it:
issuer-image = View the issuer's badge image
issuer-image-hosted = (hosted by the issuer)
fact-type = Type
fact-issued = Issued
fact-expires = Expires
fact-expired = Expired
fact-results = Results
criteria = Criteria
criteria-on-issuer-site = Criteria on the issuer's site
badge-skills = Skills
evidence = Evidence
where-used = Where I used this
counts-toward = Counts toward
reflection = My reflection
verification = Verification
checked-when-built = Checked on { $date }, when this site was built.
checked-when-built-suite = Checked on { $date }, when this site was built, signature suite { $suite }.
valid-until-sentence = Valid until { $date }.
check-column = Check
result-column = Result
detail-column = Detail
download-original = Download the original credential
download-original-hint = to check it with any verifier
receipt = Verification receipt (JSON)
add-to-linkedin = Add to LinkedIn profile
check-yourself = Check it yourself, independently of this site:
verifier-upload = (upload the credential downloaded above)
download-note = The original file contains content a browser could run or load ({ $why }), so it is published as text, { $published }: rename it to { $file } before checking it with a verifier.

## The checks, by name, and their outcomes
check-parse = Readable
check-shape = Well-formed
check-signature = Signature
check-key = Issuer key
check-validity = Dates
check-status = Revocation
check-recipient = Recipient
check-trust = Issuer identity
outcome-pass = pass
outcome-fail = fail
outcome-warn = warning
outcome-skipped = skipped
outcome-proven = proven
outcome-claimed = claimed

## The issuer, on cards and badge pages
unnamed-issuer = an unnamed issuer
issuer-impersonation-label = claims to be { $name }, a name this portfolio trusts for another issuer
standing-impersonation = not the issuer it names
standing-unknown = issuer not confirmed
standing-trusted = in this portfolio's trust list
standing-listed = listed in the { $registry }
standing-unchecked = issuer registries could not be checked
standing-unlisted = issuer not in this portfolio's trust list
standing-unlisted-registries = issuer not in any registry this portfolio uses
summary-trusted = Signed by { $who }, which this portfolio's trust list names { $name }.
summary-listed = Signed by { $who }, which the { $registry } lists as { $name }.
summary-unchecked = Signed by { $who }, which calls itself { $name }; the issuer registries this portfolio uses could not be consulted when it was built, so who that is was not confirmed.
summary-unlisted = Signed by { $who }, which calls itself { $name }: the credential is authentic, but no trust list or registry this portfolio uses says who that issuer is.
summary-impersonation = The credential names { $name }, but it was issued by { $who }, not by the issuer of that name.
summary-unknown = The credential names { $name } ({ $who }) as its issuer; as it did not pass its checks, that is only its claim.
registry = registry

## Skills
skills-title = Skills
skills-backed = Backed by verified badges
skills-backed-credentials = Backed by verified credentials
skills-checked = Badges checked on { $date }.
skills-badges = Badges:
skills-shown-in = Shown in:
skills-self = Self-reported
skills-self-lead = Skills I list on my projects that no verified badge attests (yet).
skills-also = Also:

## Pathways
pathways-title = Pathways
pathways-lead = Larger qualifications built from badges. Only verified badges count toward a requirement.
pathways-checked = Badges checked on { $date }.
pathway-progress = { $total ->
    [one] { $met } of { $total } requirement met
   *[other] { $met } of { $total } requirements met
}
pathway-met-short = { $met } of { $total } met
pathway-completed = Completed
pathway-in-progress = In progress
pathway-requirements-met = Requirements met
pathway-requirements-met-by = Requirements met — not yet issued by { $issuer }
pathway-completed-by = Completed:
pathway-completes = completes the pathway
pathway-verified = verified
pathway-on-completion = On completion: { $description }
pathway-progress-checked = Progress from the badges as checked on { $date }.
requirements = Requirements
requirement-met = Met:
requirement-open = Open:
requirement-met-word = met
requirement-open-word = open
requirement-met-by = met by
requirement-would-count = Would count if verified:
requirement-group-count = { $met } of { $needed }
pathway-evaluated = Evaluated when this site was built, from { $source_html }.
pathway-receipt = Progress receipt (JSON)
group-all = all { $count } of these
group-any = any { $pick } of these { $count }
issuers-or = { $first } or { $second }
want-achievement = the achievement { $name }
want-alignment = a credential aligned to { $code }
want-alignment-framework = a credential aligned to { $code } ({ $framework })
want-type = any { $type }
want-part-of = a credential that a verified transcript (CLR) of its issuer places within { $name }
want-any = any credential
want-from = { $what }, issued by { $issuer }

## The résumé theme
resume-credentials = Credentials
resume-credentials-lead = Each credential was checked when this page was built — signature, issuer key, validity dates and revocation — and its status is shown beside it. Open one for every check.
resume-status-verified = verified, checked { $date }
resume-status-valid-until = valid until { $date }
resume-status-other = { $status }, checked { $date }
resume-issued-by = issued by { $issuer }
resume-issuer = issuer: { $issuer }
resume-issued-on = on { $date }
resume-expires = expires { $date }
resume-expired = expired { $date }
resume-claims = Not verified. What follows is what this credential claims; folio could not confirm it:
resume-reflection = Reflection
resume-checked = Checked on { $date }, when this site was built.
resume-original = Original credential
resume-receipt = Verification receipt
resume-linkedin = Add to LinkedIn
resume-check-independently = Check it independently:
resume-colophon = { $title } · built with { $generator }; each credential’s signature, issuer, dates and revocation were checked when this page was built; open one for its status.
resume-not-found-title = Not found
resume-not-found-body = Nothing lives at this address. The { $home_html } is a good place to start.
resume-home = résumé
resume-skills-checked = checked { $date }
resume-pathways-lead = Larger qualifications built from credentials; only verified credentials count.
resume-pathway-checked = Progress from the credentials as checked on { $date }.
resume-skills-checked-sentence = Credentials checked on { $date }.
resume-from = From { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = this portfolio's owner
recipient-proven = Issued to { $owner }: the recipient's own key signed it for this site on { $date }.
recipient-proven-undated = Issued to { $owner }: the recipient's own key signed it for this site.
recipient-claimed = Issued to { $identity } that { $owner } gives as their own. That is their claim; this site cannot prove it.
recipient-other = Issued to someone else, not to { $owner }.
recipient-unconfirmed = The recipient it names could not be matched with { $owner }.
recipient-unchecked = Not checked.
identity-email = an email address
identity-email-hashed = an email address (hashed in the credential)
identity-url = a web address
identity-url-hashed = a web address (hashed in the credential)
identity-phone = a phone number
identity-phone-hashed = a phone number (hashed in the credential)
identity-did = a decentralised identifier (DID)
identity-other = an identifier
recipient-form-email = Is this badge issued to the email address the candidate gave you?
recipient-form-url = Is this badge issued to the web address the candidate gave you?
recipient-form-phone = Is this badge issued to the phone number the candidate gave you?
recipient-form-label-email = Email address
recipient-form-label-url = Web address
recipient-form-label-phone = Phone number
recipient-form-button = Compare
recipient-form-yes = Issued to this address.
recipient-form-no = Not this address.
recipient-form-private = Compared in your browser: nothing you type leaves this page.
recipient-form-nojs = This comparison runs in your browser with JavaScript. Without it: the credential stores its recipient as { $alg } of the address followed by “{ $salt }”; compute that for the address you were given and compare it with { $digest }.
recipient-form-nojs-plain = This comparison runs in your browser with JavaScript. Without it: download the original credential and compare the recipient it names with the address you were given.
recipient-bound-elsewhere = Not proven here: the recipient signed it for another site ({ $domain }), and this copy is at { $origin }.
card-recipient-claimed = recipient claimed
card-recipient-proven = recipient proven
clr-structure = How its parts fit together, as the issuer states
endorsements = Endorsements
endorsed-by = Endorsed by { $endorser }
endorsement-checked = its signature checked
endorsement-expired = expired
endorsement-revoked = withdrawn by its endorser
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = since { $start }
resume-volunteering = Volunteering
resume-awards = Awards
resume-languages = Languages
# A verified micro-credential's standard facts (its page and card).
facts-title = What it took
facts-lead = As its issuer signed it; read when this site was built.
fact-workload = Workload
fact-level = Level
fact-field = Field of study
fact-assessment = Assessment
fact-participation = Form of participation
fact-supervision = Supervision
fact-identity-checked = Identity checked
fact-quality-assurance = Quality assurance
fact-prerequisites = Prerequisites
fact-grade = Grade
fact-part-of = Part of
fact-outcomes = Learning outcomes
fact-yes = yes
fact-no = no
fact-not-disclosed = not disclosed by its holder
facts-annex-i = EU micro-credential: { $stated } of 11 mandatory elements stated
facts-annex-i-missing = Not stated:
annex-learner = learner
annex-title = title
annex-issuer-country = country of the issuer
annex-awarding-body = awarding body
annex-issue-date = date of issue
annex-learning-outcomes = learning outcomes
annex-workload = notional workload
annex-level = level
annex-assessment = type of assessment
annex-participation = form of participation
annex-quality-assurance = quality assurance
unit-ects = { $value } ECTS
unit-credit-hours = { $value } credit hours
unit-hours = { $value ->
    [one] { $value } hour
   *[other] { $value } hours
}
# A pathway's credits requirement.
credits-progress = { $earned } of { $required }
credits-title = Credits
credits-rule = From the workload your verified badges state.
credits-rule-issuer = From the workload verified badges by { $issuer } state.
credits-rule-aligned = Only badges aligned to { $code } count.
credits-rule-rate = This pathway counts { $hours } hours as { $unit }.
credits-none = No verified badge states credits that count yet.
credits-converted = converted from { $hours }
