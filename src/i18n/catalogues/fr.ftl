# Le catalogue de folio en français. Mêmes clés que en.ftl.

## Every page
skip-to-content = Aller au contenu
nav-main = Navigation principale
nav-sections = Rubriques
nav-elsewhere = Ailleurs
nav-badges = Badges
nav-pathways = Parcours
nav-skills = Compétences
nav-credentials = Certifications
language-switcher = Langues
footer-built-with = Réalisé avec { $generator }
tags = Mots-clés
home-page = page d’accueil

## Pages and sections
reading-time = { $minutes ->
    [one] { $minutes } min de lecture
   *[other] { $minutes } min de lecture
}
on-this-page = Sur cette page
skills-shown = Compétences mises en œuvre
page-badges = Badges appuyés par ce travail
page-credentials = Certifications appuyées par ce travail
nothing-yet = Rien pour l’instant.
follow-feed = Suivre { $section } (flux Atom)
atom-feed = Flux Atom
portrait-of = Portrait de { $name }
profile = Profil
skills-label = Compétences :
not-found-title = Page introuvable
not-found-body = Cette page n’existe pas ou a été déplacée. Essayez la { $home_html }.

## Badge status
status-verified = Vérifié
status-expired = Expiré
status-revoked = Révoqué par l’émetteur
status-failed = Non vérifié : une vérification a échoué
status-unconfirmed = Non vérifié : destinataire non confirmé
status-unverifiable = Non vérifié : vérification impossible
status-checked = vérifié le { $date }
status-valid-until = valable jusqu’au { $date }
status-expired-on = Expiré le { $date }
status-revoked-since = Révoqué par l’émetteur depuis la création de ce site
status-suspended-since = Suspendu par l’émetteur depuis la création de ce site
status-not-rechecked = révocation non revérifiée à l’instant
not-verified-suffix = non vérifié
badge-image-alt = Image du badge : { $name }

## Badge pages
badges-title = Badges
badges-lead = Chaque badge est vérifié à la création de ce site : sa signature, qui l’a émis et s’il est toujours valable. Ouvrez-en un pour voir le détail de chaque vérification.
issued-by = Émis par { $issuer_html }
issuer-is = Émetteur : { $issuer }
not-verified-notice = Non vérifié.
claims-notice = Ce qui suit est ce que cette certification affirme ; folio n’a pas pu le confirmer :
issuer-image = Voir l’image du badge chez l’émetteur
issuer-image-hosted = (hébergée par l’émetteur)
fact-type = Type
fact-issued = Délivré le
fact-expires = Expire le
fact-expired = Expiré le
fact-results = Résultats
criteria = Critères
criteria-on-issuer-site = Critères sur le site de l’émetteur
badge-skills = Compétences
evidence = Preuves
where-used = Où je l’ai mis en pratique
counts-toward = Compte pour
reflection = Ma réflexion
verification = Vérification
checked-when-built = Vérifié le { $date }, lors de la création de ce site.
checked-when-built-suite = Vérifié le { $date }, lors de la création de ce site, suite de signature { $suite }.
valid-until-sentence = Valable jusqu’au { $date }.
check-column = Vérification
result-column = Résultat
detail-column = Détail
download-original = Télécharger la certification d’origine
download-original-hint = pour la vérifier avec l’outil de votre choix
receipt = Reçu de vérification (JSON)
add-to-linkedin = Ajouter au profil LinkedIn
check-yourself = Vérifiez-le vous-même, indépendamment de ce site :
verifier-upload = (y téléverser le justificatif téléchargé ci-dessus)
download-note = Le fichier d’origine contient du contenu qu’un navigateur pourrait exécuter ou charger ({ $why }) ; il est donc publié sous forme de texte, { $published } : renommez-le en { $file } avant de le vérifier.

## The checks
check-parse = Lisible
check-shape = Bien formé
check-signature = Signature
check-key = Clé de l’émetteur
check-validity = Dates de validité
check-status = Révocation
check-recipient = Destinataire
check-trust = Identité de l’émetteur
outcome-pass = réussi
outcome-fail = échec
outcome-warn = avertissement
outcome-skipped = non effectué
outcome-proven = prouvé
outcome-claimed = déclaré

## The issuer
unnamed-issuer = un émetteur sans nom
issuer-impersonation-label = se présente comme { $name }, un nom que ce portfolio attribue à un autre émetteur
standing-impersonation = n’est pas l’émetteur qu’il nomme
standing-unknown = émetteur non confirmé
standing-trusted = dans la liste de confiance de ce portfolio
standing-listed = inscrit au { $registry }
standing-unchecked = les registres d’émetteurs n’ont pas pu être consultés
standing-unlisted = émetteur absent de la liste de confiance de ce portfolio
standing-unlisted-registries = émetteur absent des registres qu’utilise ce portfolio
summary-trusted = Signé par { $who }, que la liste de confiance de ce portfolio nomme { $name }.
summary-listed = Signé par { $who }, que le { $registry } répertorie sous le nom { $name }.
summary-unchecked = Signé par { $who }, qui se nomme { $name } ; les registres d’émetteurs de ce portfolio n’ont pas pu être consultés lors de sa création, son identité n’est donc pas confirmée.
summary-unlisted = Signé par { $who }, qui se nomme { $name } : la certification est authentique, mais aucune liste de confiance ni aucun registre de ce portfolio n’indique qui est cet émetteur.
summary-impersonation = La certification nomme { $name }, mais elle a été émise par { $who }, et non par l’émetteur de ce nom.
summary-unknown = La certification nomme { $name } ({ $who }) comme émetteur ; comme elle n’a pas passé ses vérifications, ce n’est qu’une affirmation.
registry = registre

## Skills
skills-title = Compétences
skills-backed = Attestées par des badges vérifiés
skills-backed-credentials = Attestées par des certifications vérifiées
skills-checked = Badges vérifiés le { $date }.
skills-badges = Badges :
skills-shown-in = Mises en œuvre dans :
skills-self = Déclarées
skills-self-lead = Compétences que je cite dans mes projets et qu’aucun badge vérifié n’atteste (pour l’instant).
skills-also = Aussi :

## Pathways
pathways-title = Parcours
pathways-lead = Des qualifications plus larges, composées de badges. Seuls les badges vérifiés comptent pour une exigence.
pathways-checked = Badges vérifiés le { $date }.
pathway-progress = { $met ->
    [one] { $met } exigence remplie sur { $total }
   *[other] { $met } exigences remplies sur { $total }
}
pathway-met-short = { $met } sur { $total }
pathway-completed = Terminé
pathway-in-progress = En cours
pathway-requirements-met = Exigences remplies
pathway-requirements-met-by = Exigences remplies — pas encore délivré par { $issuer }
pathway-completed-by = Terminé :
pathway-completes = achève le parcours
pathway-verified = vérifié
pathway-on-completion = À l’issue du parcours : { $description }
pathway-progress-checked = Progression d’après les badges vérifiés le { $date }.
requirements = Exigences
requirement-met = Remplie :
requirement-open = À remplir :
requirement-met-word = remplie
requirement-open-word = à remplir
requirement-met-by = remplie par
requirement-would-count = Compterait s’il était vérifié :
requirement-group-count = { $met } sur { $needed }
pathway-evaluated = Évalué lors de la création de ce site, d’après { $source_html }.
pathway-receipt = Reçu de progression (JSON)
group-all = ces { $count } éléments
group-any = { $pick } de ces { $count } éléments, au choix
issuers-or = { $first } ou { $second }
want-achievement = la réussite { $name }
want-alignment = une certification alignée sur { $code }
want-alignment-framework = une certification alignée sur { $code } ({ $framework })
want-type = tout { $type }
want-part-of = un justificatif qu’un relevé (CLR) vérifié de son émetteur place dans { $name }
want-any = toute certification
want-from = { $what }, délivrée par { $issuer }

## The résumé theme
resume-credentials = Certifications
resume-credentials-lead = Chaque certification a été vérifiée lors de la création de cette page — signature, clé de l’émetteur, dates de validité et révocation — et son statut figure à côté. Ouvrez-en une pour voir chaque vérification.
resume-status-verified = vérifiée le { $date }
resume-status-valid-until = valable jusqu’au { $date }
resume-status-other = { $status }, vérifiée le { $date }
resume-issued-by = délivrée par { $issuer }
resume-issuer = émetteur : { $issuer }
resume-issued-on = le { $date }
resume-expires = expire le { $date }
resume-expired = a expiré le { $date }
resume-claims = Non vérifiée. Ce qui suit est ce que cette certification affirme ; folio n’a pas pu le confirmer :
resume-reflection = Réflexion
resume-checked = Vérifiée le { $date }, lors de la création de ce site.
resume-original = Certification d’origine
resume-receipt = Reçu de vérification
resume-linkedin = Ajouter à LinkedIn
resume-check-independently = Vérifier de façon indépendante :
resume-colophon = { $title } · réalisé avec { $generator } ; la signature, l’émetteur, les dates et la révocation de chaque certification ont été vérifiés lors de la création de cette page ; ouvrez-en une pour voir son statut.
resume-not-found-title = Introuvable
resume-not-found-body = Il n’y a rien à cette adresse. Le { $home_html } est un bon point de départ.
resume-home = CV
resume-skills-checked = vérifiées le { $date }
resume-pathways-lead = Des qualifications plus larges, composées de certifications ; seules les certifications vérifiées comptent.
resume-pathway-checked = Progression d’après les certifications vérifiées le { $date }.
resume-skills-checked-sentence = Certifications vérifiées le { $date }.
resume-from = D’après { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = la personne à qui appartient ce portfolio
recipient-proven = Délivré à { $owner } : la clé du destinataire l’a signé pour ce site le { $date }.
recipient-proven-undated = Délivré à { $owner } : la clé du destinataire l’a signé pour ce site.
recipient-claimed = Délivré à { $identity } que { $owner } déclare comme sienne. C’est une déclaration ; ce site ne peut pas la prouver.
recipient-other = Délivré à quelqu’un d’autre, pas à { $owner }.
recipient-unconfirmed = Le destinataire nommé n’a pas pu être rapproché de { $owner }.
recipient-unchecked = Non vérifié.
identity-email = une adresse e-mail
identity-email-hashed = une adresse e-mail (hachée dans le titre)
identity-url = une adresse web
identity-url-hashed = une adresse web (hachée dans le titre)
identity-phone = un numéro de téléphone
identity-phone-hashed = un numéro de téléphone (haché dans le titre)
identity-did = un identifiant décentralisé (DID)
identity-other = un identifiant
recipient-form-email = Ce badge a-t-il été délivré à l’adresse e-mail que la personne vous a donnée ?
recipient-form-url = Ce badge a-t-il été délivré à l’adresse web que la personne vous a donnée ?
recipient-form-phone = Ce badge a-t-il été délivré au numéro de téléphone que la personne vous a donné ?
recipient-form-label-email = Adresse e-mail
recipient-form-label-url = Adresse web
recipient-form-label-phone = Numéro de téléphone
recipient-form-button = Comparer
recipient-form-yes = Délivré à cette adresse.
recipient-form-no = Pas cette adresse.
recipient-form-private = Comparé dans votre navigateur : rien de ce que vous tapez ne quitte cette page.
recipient-form-nojs = Cette comparaison utilise JavaScript. Sans lui : le titre enregistre son destinataire comme { $alg } de l’adresse suivie de « { $salt } » ; calculez-le pour l’adresse reçue et comparez avec { $digest }.
recipient-form-nojs-plain = Cette comparaison utilise JavaScript. Sans lui : téléchargez le titre original et comparez le destinataire qu’il nomme avec l’adresse reçue.
recipient-bound-elsewhere = Non prouvé ici : le destinataire l’a signé pour un autre site ({ $domain }), et cette copie est sur { $origin }.
card-recipient-claimed = destinataire déclaré
card-recipient-proven = destinataire prouvé
clr-structure = Comment ses parties s’articulent, selon l’émetteur
endorsements = Recommandations
endorsed-by = Recommandé par { $endorser }
endorsement-checked = signature contrôlée
endorsement-expired = expiré
endorsement-revoked = retiré par son auteur
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = depuis { $start }
resume-volunteering = Bénévolat
resume-awards = Distinctions
resume-languages = Langues
# A verified micro-credential's standard facts (its page and card).
facts-title = Ce qu’il a fallu
facts-lead = Tel que son émetteur l’a signé ; lu à la création de ce site.
fact-workload = Charge de travail
fact-level = Niveau
fact-field = Domaine d’études
fact-assessment = Évaluation
fact-participation = Modalité de participation
fact-supervision = Surveillance
fact-identity-checked = Identité vérifiée
fact-quality-assurance = Assurance qualité
fact-prerequisites = Prérequis
fact-grade = Note
fact-part-of = Fait partie de
fact-outcomes = Acquis d’apprentissage
fact-yes = oui
fact-no = non
fact-not-disclosed = non divulgué par son titulaire
facts-annex-i = Microcertification UE : { $stated } éléments obligatoires sur 11 indiqués
facts-annex-i-missing = Non indiqués :
annex-learner = apprenant
annex-title = titre
annex-issuer-country = pays de l’émetteur
annex-awarding-body = organisme de délivrance
annex-issue-date = date de délivrance
annex-learning-outcomes = acquis d’apprentissage
annex-workload = charge de travail
annex-level = niveau
annex-assessment = type d’évaluation
annex-participation = modalité de participation
annex-quality-assurance = assurance qualité
unit-ects = { $value } ECTS
unit-credit-hours = { $value } crédits horaires (US)
unit-hours = { $value } h
# A pathway's credits requirement.
credits-progress = { $earned } sur { $required }
credits-title = Crédits
credits-rule = D’après la charge de travail indiquée par vos badges vérifiés.
credits-rule-issuer = D’après la charge de travail indiquée par les badges vérifiés de { $issuer }.
credits-rule-aligned = Seuls les badges alignés sur { $code } comptent.
credits-rule-rate = Ce parcours compte { $hours } heures pour { $unit }.
credits-none = Aucun badge vérifié n’indique encore de crédits qui comptent.
credits-converted = converti depuis { $hours }
