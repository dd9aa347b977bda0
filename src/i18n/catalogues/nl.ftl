# De catalogus van folio in het Nederlands. Dezelfde sleutels als en.ftl.

## Every page
skip-to-content = Naar de inhoud
nav-main = Hoofdmenu
nav-sections = Onderdelen
nav-elsewhere = Elders
nav-badges = Badges
nav-pathways = Leerroutes
nav-skills = Vaardigheden
nav-credentials = Certificaten
language-switcher = Talen
footer-built-with = Gemaakt met { $generator }
tags = Trefwoorden
home-page = startpagina

## Pages and sections
reading-time = { $minutes ->
    [one] { $minutes } minuut leestijd
   *[other] { $minutes } minuten leestijd
}
on-this-page = Op deze pagina
skills-shown = Getoonde vaardigheden
page-badges = Badges die dit werk onderbouwt
page-credentials = Certificaten die dit werk onderbouwt
nothing-yet = Hier staat nog niets.
follow-feed = { $section } volgen (Atom-feed)
atom-feed = Atom-feed
portrait-of = Portret van { $name }
profile = Profiel
skills-label = Vaardigheden:
not-found-title = Pagina niet gevonden
not-found-body = Deze pagina bestaat niet of is verplaatst. Probeer de { $home_html }.

## Badge status
status-verified = Geverifieerd
status-expired = Verlopen
status-revoked = Ingetrokken door de uitgever
status-failed = Niet geverifieerd: een controle is mislukt
status-unconfirmed = Niet geverifieerd: ontvanger niet bevestigd
status-unverifiable = Niet geverifieerd: kon niet worden gecontroleerd
status-checked = gecontroleerd op { $date }
status-valid-until = geldig tot { $date }
status-expired-on = Verlopen op { $date }
status-revoked-since = Ingetrokken door de uitgever sinds deze site is gemaakt
status-suspended-since = Opgeschort door de uitgever sinds deze site is gemaakt
status-not-rechecked = intrekking zojuist niet opnieuw gecontroleerd
not-verified-suffix = niet geverifieerd
badge-image-alt = Badgeafbeelding: { $name }

## Badge pages
badges-title = Badges
badges-lead = Elke badge wordt gecontroleerd wanneer deze site wordt gemaakt: de handtekening, wie hem heeft uitgegeven en of hij nog geldig is. Open er een om elke controle te zien.
issued-by = Uitgegeven door { $issuer_html }
issuer-is = Uitgever: { $issuer }
not-verified-notice = Niet geverifieerd.
claims-notice = Wat volgt is wat dit certificaat beweert; folio kon het niet bevestigen:
issuer-image = Bekijk de badgeafbeelding van de uitgever
issuer-image-hosted = (gehost door de uitgever)
fact-type = Soort
fact-issued = Uitgegeven
fact-expires = Verloopt
fact-expired = Verlopen
fact-results = Resultaten
criteria = Criteria
criteria-on-issuer-site = Criteria op de site van de uitgever
badge-skills = Vaardigheden
evidence = Bewijs
where-used = Waar ik dit heb toegepast
counts-toward = Telt mee voor
reflection = Mijn reflectie
verification = Verificatie
checked-when-built = Gecontroleerd op { $date }, toen deze site werd gemaakt.
checked-when-built-suite = Gecontroleerd op { $date }, toen deze site werd gemaakt, ondertekeningsmethode { $suite }.
valid-until-sentence = Geldig tot { $date }.
check-column = Controle
result-column = Uitkomst
detail-column = Toelichting
download-original = Het originele certificaat downloaden
download-original-hint = om het met een willekeurige verificatietool te controleren
receipt = Verificatiebewijs (JSON)
add-to-linkedin = Toevoegen aan LinkedIn-profiel
check-yourself = Controleer het zelf, onafhankelijk van deze site:
verifier-upload = (upload daar de hierboven gedownloade credential)
download-note = Het originele bestand bevat inhoud die een browser zou kunnen uitvoeren of laden ({ $why }), daarom wordt het als tekst gepubliceerd, { $published }: hernoem het naar { $file } voordat u het met een verificatietool controleert.

## The checks
check-parse = Leesbaar
check-shape = Goed opgebouwd
check-signature = Handtekening
check-key = Sleutel van de uitgever
check-validity = Geldigheidsdata
check-status = Intrekking
check-recipient = Ontvanger
check-trust = Identiteit van de uitgever
outcome-pass = geslaagd
outcome-fail = mislukt
outcome-warn = waarschuwing
outcome-skipped = overgeslagen
outcome-proven = bewezen
outcome-claimed = opgegeven

## The issuer
unnamed-issuer = een naamloze uitgever
issuer-impersonation-label = doet zich voor als { $name }, een naam die dit portfolio aan een andere uitgever toekent
standing-impersonation = niet de uitgever die het noemt
standing-unknown = uitgever niet bevestigd
standing-trusted = in de vertrouwenslijst van dit portfolio
standing-listed = opgenomen in het { $registry }
standing-unchecked = uitgeversregisters konden niet worden geraadpleegd
standing-unlisted = uitgever niet in de vertrouwenslijst van dit portfolio
standing-unlisted-registries = uitgever in geen van de registers die dit portfolio gebruikt
summary-trusted = Ondertekend door { $who }, die in de vertrouwenslijst van dit portfolio { $name } heet.
summary-listed = Ondertekend door { $who }, die in het { $registry } als { $name } is opgenomen.
summary-unchecked = Ondertekend door { $who }, die zich { $name } noemt; de uitgeversregisters van dit portfolio konden bij het maken niet worden geraadpleegd, dus wie dat is, is niet bevestigd.
summary-unlisted = Ondertekend door { $who }, die zich { $name } noemt: het certificaat is echt, maar geen vertrouwenslijst of register van dit portfolio zegt wie die uitgever is.
summary-impersonation = Het certificaat noemt { $name }, maar is uitgegeven door { $who }, niet door de uitgever met die naam.
summary-unknown = Het certificaat noemt { $name } ({ $who }) als uitgever; omdat het de controles niet heeft doorstaan, is dat alleen een bewering.
registry = register

## Skills
skills-title = Vaardigheden
skills-backed = Onderbouwd met geverifieerde badges
skills-backed-credentials = Onderbouwd met geverifieerde certificaten
skills-checked = Badges gecontroleerd op { $date }.
skills-badges = Badges:
skills-shown-in = Getoond in:
skills-self = Zelf opgegeven
skills-self-lead = Vaardigheden die ik bij mijn projecten noem en die (nog) geen geverifieerde badge bevestigt.
skills-also = Verder:

## Pathways
pathways-title = Leerroutes
pathways-lead = Grotere kwalificaties opgebouwd uit badges. Alleen geverifieerde badges tellen mee voor een eis.
pathways-checked = Badges gecontroleerd op { $date }.
pathway-progress = { $total ->
    [one] { $met } van { $total } eis vervuld
   *[other] { $met } van { $total } eisen vervuld
}
pathway-met-short = { $met } van { $total } vervuld
pathway-completed = Afgerond
pathway-in-progress = Bezig
pathway-requirements-met = Aan de eisen voldaan
pathway-requirements-met-by = Aan de eisen voldaan — nog niet uitgegeven door { $issuer }
pathway-completed-by = Afgerond:
pathway-completes = rondt de leerroute af
pathway-verified = geverifieerd
pathway-on-completion = Na afronding: { $description }
pathway-progress-checked = Voortgang volgens de badges zoals gecontroleerd op { $date }.
requirements = Eisen
requirement-met = Vervuld:
requirement-open = Open:
requirement-met-word = vervuld
requirement-open-word = open
requirement-met-by = vervuld met
requirement-would-count = Zou meetellen als hij geverifieerd was:
requirement-group-count = { $met } van { $needed }
pathway-evaluated = Beoordeeld toen deze site werd gemaakt, op basis van { $source_html }.
pathway-receipt = Voortgangsbewijs (JSON)
group-all = alle { $count } hiervan
group-any = { $pick } naar keuze van deze { $count }
issuers-or = { $first } of { $second }
want-achievement = de prestatie { $name }
want-alignment = een certificaat gekoppeld aan { $code }
want-alignment-framework = een certificaat gekoppeld aan { $code } ({ $framework })
want-type = elk(e) { $type }
want-part-of = een credential die een gecontroleerd transcript (CLR) van de uitgever onder { $name } plaatst
want-any = elk certificaat
want-from = { $what }, uitgegeven door { $issuer }

## The résumé theme
resume-credentials = Certificaten
resume-credentials-lead = Elk certificaat is gecontroleerd toen deze pagina werd gemaakt — handtekening, sleutel van de uitgever, geldigheidsdata en intrekking — en de status staat ernaast. Open er een voor elke controle.
resume-status-verified = geverifieerd, gecontroleerd op { $date }
resume-status-valid-until = geldig tot { $date }
resume-status-other = { $status }, gecontroleerd op { $date }
resume-issued-by = uitgegeven door { $issuer }
resume-issuer = uitgever: { $issuer }
resume-issued-on = op { $date }
resume-expires = verloopt op { $date }
resume-expired = verlopen op { $date }
resume-claims = Niet geverifieerd. Wat volgt is wat dit certificaat beweert; folio kon het niet bevestigen:
resume-reflection = Reflectie
resume-checked = Gecontroleerd op { $date }, toen deze site werd gemaakt.
resume-original = Origineel certificaat
resume-receipt = Verificatiebewijs
resume-linkedin = Toevoegen aan LinkedIn
resume-check-independently = Onafhankelijk controleren:
resume-colophon = { $title } · gemaakt met { $generator }; handtekening, uitgever, data en intrekking van elk certificaat zijn gecontroleerd toen deze pagina werd gemaakt; open er een voor de status.
resume-not-found-title = Niet gevonden
resume-not-found-body = Op dit adres staat niets. Het { $home_html } is een goed beginpunt.
resume-home = cv
resume-skills-checked = gecontroleerd op { $date }
resume-pathways-lead = Grotere kwalificaties opgebouwd uit certificaten; alleen geverifieerde certificaten tellen mee.
resume-pathway-checked = Voortgang volgens de certificaten zoals gecontroleerd op { $date }.
resume-skills-checked-sentence = Certificaten gecontroleerd op { $date }.
resume-from = Op basis van { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = de eigenaar van dit portfolio
recipient-proven = Uitgereikt aan { $owner }: de eigen sleutel van de ontvanger heeft het op { $date } voor deze site ondertekend.
recipient-proven-undated = Uitgereikt aan { $owner }: de eigen sleutel van de ontvanger heeft het voor deze site ondertekend.
recipient-claimed = Uitgereikt aan { $identity } die { $owner } als de eigene opgeeft. Dat is een bewering; deze site kan het niet bewijzen.
recipient-other = Uitgereikt aan iemand anders, niet aan { $owner }.
recipient-unconfirmed = De genoemde ontvanger kon niet aan { $owner } worden gekoppeld.
recipient-unchecked = Niet gecontroleerd.
identity-email = een e-mailadres
identity-email-hashed = een e-mailadres (gehasht in de credential)
identity-url = een webadres
identity-url-hashed = een webadres (gehasht in de credential)
identity-phone = een telefoonnummer
identity-phone-hashed = een telefoonnummer (gehasht in de credential)
identity-did = een gedecentraliseerde identificator (DID)
identity-other = een identificator
recipient-form-email = Is deze badge uitgereikt aan het e-mailadres dat de kandidaat u gaf?
recipient-form-url = Is deze badge uitgereikt aan het webadres dat de kandidaat u gaf?
recipient-form-phone = Is deze badge uitgereikt aan het telefoonnummer dat de kandidaat u gaf?
recipient-form-label-email = E-mailadres
recipient-form-label-url = Webadres
recipient-form-label-phone = Telefoonnummer
recipient-form-button = Vergelijken
recipient-form-yes = Uitgereikt aan dit adres.
recipient-form-no = Niet dit adres.
recipient-form-private = Vergeleken in uw browser: niets wat u typt verlaat deze pagina.
recipient-form-nojs = Deze vergelijking gebruikt JavaScript. Zonder: de credential bewaart de ontvanger als { $alg } van het adres gevolgd door “{ $salt }”; bereken dat voor het adres dat u kreeg en vergelijk het met { $digest }.
recipient-form-nojs-plain = Deze vergelijking gebruikt JavaScript. Zonder: download de originele credential en vergelijk de ontvanger die erin staat met het adres dat u kreeg.
recipient-bound-elsewhere = Hier niet bewezen: de ontvanger ondertekende het voor een andere site ({ $domain }), en deze kopie staat op { $origin }.
card-recipient-claimed = ontvanger opgegeven
card-recipient-proven = ontvanger bewezen
clr-structure = Hoe de onderdelen samenhangen, volgens de uitgever
endorsements = Aanbevelingen
endorsed-by = Aanbevolen door { $endorser }
endorsement-checked = handtekening gecontroleerd
endorsement-expired = verlopen
endorsement-revoked = ingetrokken door de aanbeveler
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = sinds { $start }
resume-volunteering = Vrijwilligerswerk
resume-awards = Onderscheidingen
resume-languages = Talen
# A verified micro-credential's standard facts (its page and card).
facts-title = Wat het vroeg
facts-lead = Zoals de uitgever het ondertekende; gelezen toen deze site werd gebouwd.
fact-workload = Studielast
fact-level = Niveau
fact-field = Vakgebied
fact-assessment = Toetsing
fact-participation = Vorm van deelname
fact-supervision = Toezicht
fact-identity-checked = Identiteit gecontroleerd
fact-quality-assurance = Kwaliteitszorg
fact-prerequisites = Toelatingseisen
fact-grade = Cijfer
fact-part-of = Onderdeel van
fact-outcomes = Leeruitkomsten
fact-yes = ja
fact-no = nee
fact-not-disclosed = niet vrijgegeven door de houder
facts-annex-i = EU-microcredential: { $stated } van 11 verplichte elementen vermeld
facts-annex-i-missing = Niet vermeld:
annex-learner = lerende
annex-title = titel
annex-issuer-country = land van de uitgever
annex-awarding-body = uitgevende instelling
annex-issue-date = datum van uitgifte
annex-learning-outcomes = leeruitkomsten
annex-workload = studielast
annex-level = niveau
annex-assessment = toetsvorm
annex-participation = vorm van deelname
annex-quality-assurance = kwaliteitszorg
unit-ects = { $value } ECTS
unit-credit-hours = { $value } credit hours (VS)
unit-hours = { $value ->
    [one] { $value } uur
   *[other] { $value } uur
}
# A pathway's credits requirement.
credits-progress = { $earned } van { $required }
credits-title = Studiepunten
credits-rule = Uit de studielast die je geverifieerde badges vermelden.
credits-rule-issuer = Uit de studielast die geverifieerde badges van { $issuer } vermelden.
credits-rule-aligned = Alleen badges die aan { $code } gekoppeld zijn tellen.
credits-rule-rate = Dit leerpad telt { $hours } uur als { $unit }.
credits-none = Nog geen geverifieerde badge vermeldt studiepunten die tellen.
credits-converted = omgerekend uit { $hours }
