# folios Katalog auf Deutsch. Schlüssel wie in en.ftl.

## Every page
skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-sections = Abschnitte
nav-elsewhere = Anderswo
nav-badges = Badges
nav-pathways = Lernpfade
nav-skills = Kompetenzen
nav-credentials = Nachweise
language-switcher = Sprachen
footer-built-with = Erstellt mit { $generator }
tags = Schlagwörter
home-page = Startseite

## Pages and sections
reading-time = { $minutes ->
    [one] { $minutes } Minute Lesezeit
   *[other] { $minutes } Minuten Lesezeit
}
on-this-page = Auf dieser Seite
skills-shown = Gezeigte Kompetenzen
page-badges = Badges, die diese Arbeit belegt
page-credentials = Nachweise, die diese Arbeit belegt
nothing-yet = Hier gibt es noch nichts.
follow-feed = { $section } abonnieren (Atom-Feed)
atom-feed = Atom-Feed
portrait-of = Porträt von { $name }
profile = Profil
skills-label = Kompetenzen:
not-found-title = Seite nicht gefunden
not-found-body = Diese Seite gibt es nicht oder sie wurde verschoben. Versuchen Sie es auf der { $home_html }.

## Badge status
status-verified = Verifiziert
status-expired = Abgelaufen
status-revoked = Vom Aussteller widerrufen
status-failed = Nicht verifiziert: eine Prüfung ist fehlgeschlagen
status-unconfirmed = Nicht verifiziert: Empfänger nicht bestätigt
status-unverifiable = Nicht verifiziert: konnte nicht geprüft werden
status-checked = geprüft am { $date }
status-valid-until = gültig bis { $date }
status-expired-on = Abgelaufen am { $date }
status-revoked-since = Seit dem Erstellen dieser Website vom Aussteller widerrufen
status-suspended-since = Seit dem Erstellen dieser Website vom Aussteller ausgesetzt
status-not-rechecked = Widerruf gerade nicht erneut geprüft
not-verified-suffix = nicht verifiziert
badge-image-alt = Badge-Bild: { $name }

## Badge pages
badges-title = Badges
badges-lead = Jedes Badge wird beim Erstellen dieser Website geprüft: seine Signatur, wer es ausgestellt hat und ob es noch gültig ist. Öffnen Sie eines, um jede Prüfung zu sehen.
issued-by = Ausgestellt von { $issuer_html }
issuer-is = Aussteller: { $issuer }
not-verified-notice = Nicht verifiziert.
claims-notice = Das Folgende gibt dieser Nachweis über sich an; folio konnte es nicht bestätigen:
issuer-image = Badge-Bild des Ausstellers ansehen
issuer-image-hosted = (beim Aussteller gespeichert)
fact-type = Art
fact-issued = Ausgestellt
fact-expires = Läuft ab
fact-expired = Abgelaufen
fact-results = Ergebnisse
criteria = Kriterien
criteria-on-issuer-site = Kriterien auf der Website des Ausstellers
badge-skills = Kompetenzen
evidence = Belege
where-used = Wo ich das angewendet habe
counts-toward = Zählt für
reflection = Meine Reflexion
verification = Prüfung
checked-when-built = Geprüft am { $date }, beim Erstellen dieser Website.
checked-when-built-suite = Geprüft am { $date }, beim Erstellen dieser Website, Signaturverfahren { $suite }.
valid-until-sentence = Gültig bis { $date }.
check-column = Prüfung
result-column = Ergebnis
detail-column = Einzelheiten
download-original = Originalnachweis herunterladen
download-original-hint = um ihn mit einem beliebigen Prüfwerkzeug zu prüfen
receipt = Prüfprotokoll (JSON)
add-to-linkedin = Zum LinkedIn-Profil hinzufügen
check-yourself = Prüfen Sie es selbst, unabhängig von dieser Website:
verifier-upload = (dort den oben heruntergeladenen Nachweis hochladen)
download-note = Die Originaldatei enthält Inhalte, die ein Browser ausführen oder laden könnte ({ $why }), daher wird sie als Text veröffentlicht, { $published }: Benennen Sie sie in { $file } um, bevor Sie sie mit einem Prüfwerkzeug prüfen.

## The checks
check-parse = Lesbar
check-shape = Wohlgeformt
check-signature = Signatur
check-key = Schlüssel des Ausstellers
check-validity = Gültigkeitsdaten
check-status = Widerruf
check-recipient = Empfänger
check-trust = Identität des Ausstellers
outcome-pass = bestanden
outcome-fail = fehlgeschlagen
outcome-warn = Warnung
outcome-skipped = übersprungen
outcome-proven = nachgewiesen
outcome-claimed = angegeben

## The issuer
unnamed-issuer = ein unbenannter Aussteller
issuer-impersonation-label = gibt sich als { $name } aus, ein Name, dem dieses Portfolio für einen anderen Aussteller vertraut
standing-impersonation = nicht der Aussteller, den es nennt
standing-unknown = Aussteller nicht bestätigt
standing-trusted = in der Vertrauensliste dieses Portfolios
standing-listed = verzeichnet in: { $registry }
standing-unchecked = Ausstellerverzeichnisse konnten nicht geprüft werden
standing-unlisted = Aussteller nicht in der Vertrauensliste dieses Portfolios
standing-unlisted-registries = Aussteller in keinem Verzeichnis, das dieses Portfolio nutzt
summary-trusted = Signiert von { $who }; die Vertrauensliste dieses Portfolios nennt diesen Aussteller { $name }.
summary-listed = Signiert von { $who }; { $registry } führt diesen Aussteller als { $name }.
summary-unchecked = Signiert von { $who }, der sich { $name } nennt; die Ausstellerverzeichnisse dieses Portfolios waren beim Erstellen nicht erreichbar, daher ist nicht bestätigt, wer das ist.
summary-unlisted = Signiert von { $who }, der sich { $name } nennt: Der Nachweis ist echt, aber keine Vertrauensliste und kein Verzeichnis dieses Portfolios sagt, wer dieser Aussteller ist.
summary-impersonation = Der Nachweis nennt { $name }, wurde aber von { $who } ausgestellt, nicht von dem Aussteller dieses Namens.
summary-unknown = Der Nachweis nennt { $name } ({ $who }) als Aussteller; da er seine Prüfungen nicht bestanden hat, ist das nur seine Angabe.
registry = Verzeichnis

## Skills
skills-title = Kompetenzen
skills-backed = Durch verifizierte Badges belegt
skills-backed-credentials = Durch verifizierte Nachweise belegt
skills-checked = Badges geprüft am { $date }.
skills-badges = Badges:
skills-shown-in = Gezeigt in:
skills-self = Selbst angegeben
skills-self-lead = Kompetenzen, die ich bei meinen Projekten angebe und die (noch) kein verifiziertes Badge bestätigt.
skills-also = Außerdem:

## Pathways
pathways-title = Lernpfade
pathways-lead = Größere Qualifikationen, die sich aus Badges zusammensetzen. Nur verifizierte Badges zählen für eine Anforderung.
pathways-checked = Badges geprüft am { $date }.
pathway-progress = { $total ->
    [one] { $met } von { $total } Anforderung erfüllt
   *[other] { $met } von { $total } Anforderungen erfüllt
}
pathway-met-short = { $met } von { $total } erfüllt
pathway-completed = Abgeschlossen
pathway-in-progress = In Arbeit
pathway-requirements-met = Anforderungen erfüllt
pathway-requirements-met-by = Anforderungen erfüllt – noch nicht ausgestellt von { $issuer }
pathway-completed-by = Abgeschlossen:
pathway-completes = schließt den Lernpfad ab
pathway-verified = verifiziert
pathway-on-completion = Bei Abschluss: { $description }
pathway-progress-checked = Fortschritt nach den Badges, wie sie am { $date } geprüft wurden.
requirements = Anforderungen
requirement-met = Erfüllt:
requirement-open = Offen:
requirement-met-word = erfüllt
requirement-open-word = offen
requirement-met-by = erfüllt durch
requirement-would-count = Würde zählen, wenn verifiziert:
requirement-group-count = { $met } von { $needed }
pathway-evaluated = Beim Erstellen dieser Website ausgewertet, aus { $source_html }.
pathway-receipt = Fortschrittsprotokoll (JSON)
group-all = alle { $count } davon
group-any = { $pick } beliebige von diesen { $count }
issuers-or = { $first } oder { $second }
want-achievement = die Leistung { $name }
want-alignment = ein Nachweis, der { $code } zugeordnet ist
want-alignment-framework = ein Nachweis, der { $code } ({ $framework }) zugeordnet ist
want-type = ein beliebiger Nachweis der Art { $type }
want-part-of = einen Nachweis, den ein geprüftes Transkript (CLR) seiner ausstellenden Stelle { $name } zuordnet
want-any = ein beliebiger Nachweis
want-from = { $what }, ausgestellt von { $issuer }

## The résumé theme
resume-credentials = Nachweise
resume-credentials-lead = Jeder Nachweis wurde beim Erstellen dieser Seite geprüft – Signatur, Schlüssel des Ausstellers, Gültigkeitsdaten und Widerruf –, sein Status steht daneben. Öffnen Sie einen für alle Prüfungen.
resume-status-verified = verifiziert, geprüft am { $date }
resume-status-valid-until = gültig bis { $date }
resume-status-other = { $status }, geprüft am { $date }
resume-issued-by = ausgestellt von { $issuer }
resume-issuer = Aussteller: { $issuer }
resume-issued-on = am { $date }
resume-expires = läuft ab am { $date }
resume-expired = abgelaufen am { $date }
resume-claims = Nicht verifiziert. Das Folgende gibt dieser Nachweis über sich an; folio konnte es nicht bestätigen:
resume-reflection = Reflexion
resume-checked = Geprüft am { $date }, beim Erstellen dieser Website.
resume-original = Originalnachweis
resume-receipt = Prüfprotokoll
resume-linkedin = Zu LinkedIn hinzufügen
resume-check-independently = Unabhängig prüfen:
resume-colophon = { $title } · erstellt mit { $generator }; Signatur, Aussteller, Daten und Widerruf jedes Nachweises wurden beim Erstellen dieser Seite geprüft; öffnen Sie einen für seinen Status.
resume-not-found-title = Nicht gefunden
resume-not-found-body = Unter dieser Adresse gibt es nichts. Der { $home_html } ist ein guter Ausgangspunkt.
resume-home = Lebenslauf
resume-skills-checked = geprüft am { $date }
resume-pathways-lead = Größere Qualifikationen aus Nachweisen; nur verifizierte Nachweise zählen.
resume-pathway-checked = Fortschritt nach den Nachweisen, wie sie am { $date } geprüft wurden.
resume-skills-checked-sentence = Nachweise geprüft am { $date }.
resume-from = Aus { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = die Person, der dieses Portfolio gehört
recipient-proven = Ausgestellt an { $owner }: Der eigene Schlüssel des Empfängers hat ihn am { $date } für diese Website signiert.
recipient-proven-undated = Ausgestellt an { $owner }: Der eigene Schlüssel des Empfängers hat ihn für diese Website signiert.
recipient-claimed = Ausgestellt an { $identity }, die { $owner } als eigene angibt. Das ist eine Angabe; diese Website kann sie nicht beweisen.
recipient-other = Ausgestellt an jemand anderen, nicht an { $owner }.
recipient-unconfirmed = Der genannte Empfänger ließ sich nicht { $owner } zuordnen.
recipient-unchecked = Nicht geprüft.
identity-email = eine E-Mail-Adresse
identity-email-hashed = eine E-Mail-Adresse (im Nachweis als Hash)
identity-url = eine Webadresse
identity-url-hashed = eine Webadresse (im Nachweis als Hash)
identity-phone = eine Telefonnummer
identity-phone-hashed = eine Telefonnummer (im Nachweis als Hash)
identity-did = eine dezentrale Kennung (DID)
identity-other = eine Kennung
recipient-form-email = Wurde dieses Abzeichen an die E-Mail-Adresse ausgestellt, die Ihnen die Person genannt hat?
recipient-form-url = Wurde dieses Abzeichen an die Webadresse ausgestellt, die Ihnen die Person genannt hat?
recipient-form-phone = Wurde dieses Abzeichen an die Telefonnummer ausgestellt, die Ihnen die Person genannt hat?
recipient-form-label-email = E-Mail-Adresse
recipient-form-label-url = Webadresse
recipient-form-label-phone = Telefonnummer
recipient-form-button = Vergleichen
recipient-form-yes = An diese Adresse ausgestellt.
recipient-form-no = Nicht diese Adresse.
recipient-form-private = Der Vergleich läuft in Ihrem Browser: Nichts, was Sie eingeben, verlässt diese Seite.
recipient-form-nojs = Dieser Vergleich braucht JavaScript. Ohne: Der Nachweis speichert den Empfänger als { $alg } der Adresse, gefolgt von „{ $salt }“; berechnen Sie das für die genannte Adresse und vergleichen Sie es mit { $digest }.
recipient-form-nojs-plain = Dieser Vergleich braucht JavaScript. Ohne: Laden Sie den Originalnachweis herunter und vergleichen Sie den darin genannten Empfänger mit der Adresse, die Sie erhalten haben.
recipient-bound-elsewhere = Hier nicht nachgewiesen: Der Empfänger hat ihn für eine andere Website signiert ({ $domain }), diese Kopie liegt unter { $origin }.
card-recipient-claimed = Empfänger angegeben
card-recipient-proven = Empfänger nachgewiesen
clr-structure = Wie die Teile zusammenhängen, laut Aussteller
endorsements = Empfehlungen
endorsed-by = Empfohlen von { $endorser }
endorsement-checked = Signatur geprüft
endorsement-expired = abgelaufen
endorsement-revoked = vom Empfehlenden zurückgezogen
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = seit { $start }
resume-volunteering = Ehrenamt
resume-awards = Auszeichnungen
resume-languages = Sprachen
# A verified micro-credential's standard facts (its page and card).
facts-title = Was dahintersteht
facts-lead = So, wie der Aussteller es signiert hat; gelesen beim Erstellen dieser Website.
fact-workload = Arbeitsaufwand
fact-level = Niveau
fact-field = Fachgebiet
fact-assessment = Prüfungsform
fact-participation = Teilnahmeform
fact-supervision = Aufsicht
fact-identity-checked = Identität geprüft
fact-quality-assurance = Qualitätssicherung
fact-prerequisites = Voraussetzungen
fact-grade = Note
fact-part-of = Teil von
fact-outcomes = Lernergebnisse
fact-yes = ja
fact-no = nein
fact-not-disclosed = von der Inhaberin oder dem Inhaber nicht offengelegt
facts-annex-i = EU-Microcredential: { $stated } von 11 Pflichtangaben gemacht
facts-annex-i-missing = Nicht angegeben:
annex-learner = Lernende Person
annex-title = Titel
annex-issuer-country = Land des Ausstellers
annex-awarding-body = ausstellende Stelle
annex-issue-date = Ausstellungsdatum
annex-learning-outcomes = Lernergebnisse
annex-workload = Arbeitsaufwand
annex-level = Niveau
annex-assessment = Prüfungsform
annex-participation = Teilnahmeform
annex-quality-assurance = Qualitätssicherung
unit-ects = { $value } ECTS
unit-credit-hours = { $value } Credit Hours (US)
unit-hours = { $value ->
    [one] { $value } Stunde
   *[other] { $value } Stunden
}
# A pathway's credits requirement.
credits-progress = { $earned } von { $required }
credits-title = Leistungspunkte
credits-rule = Aus dem Arbeitsaufwand, den Ihre verifizierten Badges angeben.
credits-rule-issuer = Aus dem Arbeitsaufwand, den verifizierte Badges von { $issuer } angeben.
credits-rule-aligned = Es zählen nur Badges, die { $code } zugeordnet sind.
credits-rule-rate = Dieser Lernpfad rechnet { $hours } Stunden als { $unit }.
credits-none = Noch kein verifiziertes Badge gibt anrechenbare Leistungspunkte an.
credits-converted = umgerechnet aus { $hours }
