# El catálogo de folio en español. Las mismas claves que en.ftl.

## Every page
skip-to-content = Saltar al contenido
nav-main = Navegación principal
nav-sections = Secciones
nav-elsewhere = En otros sitios
nav-badges = Insignias
nav-pathways = Itinerarios
nav-skills = Competencias
nav-credentials = Credenciales
language-switcher = Idiomas
footer-built-with = Hecho con { $generator }
tags = Etiquetas
home-page = página de inicio

## Pages and sections
reading-time = { $minutes ->
    [one] { $minutes } minuto de lectura
   *[other] { $minutes } minutos de lectura
}
on-this-page = En esta página
skills-shown = Competencias demostradas
page-badges = Insignias que respalda este trabajo
page-credentials = Credenciales que respalda este trabajo
nothing-yet = Todavía no hay nada aquí.
follow-feed = Seguir { $section } (canal Atom)
atom-feed = Canal Atom
portrait-of = Retrato de { $name }
profile = Perfil
skills-label = Competencias:
not-found-title = Página no encontrada
not-found-body = Esta página no existe o se ha movido. Pruebe en la { $home_html }.

## Badge status
status-verified = Verificada
status-expired = Caducada
status-revoked = Revocada por el emisor
status-failed = No verificada: una comprobación ha fallado
status-unconfirmed = No verificada: destinatario no confirmado
status-unverifiable = No verificada: no se pudo comprobar
status-checked = comprobada el { $date }
status-valid-until = válida hasta el { $date }
status-expired-on = Caducó el { $date }
status-revoked-since = Revocada por el emisor desde que se creó este sitio
status-suspended-since = Suspendida por el emisor desde que se creó este sitio
status-not-rechecked = revocación no comprobada de nuevo ahora
not-verified-suffix = no verificada
badge-image-alt = Imagen de la insignia: { $name }

## Badge pages
badges-title = Insignias
badges-lead = Cada insignia se comprueba al crear este sitio: su firma, quién la emitió y si sigue siendo válida. Abra una para ver cada comprobación.
issued-by = Emitida por { $issuer_html }
issuer-is = Emisor: { $issuer }
not-verified-notice = No verificada.
claims-notice = Lo que sigue es lo que esta credencial afirma; folio no pudo confirmarlo:
issuer-image = Ver la imagen de la insignia del emisor
issuer-image-hosted = (alojada por el emisor)
fact-type = Tipo
fact-issued = Emitida
fact-expires = Caduca
fact-expired = Caducó
fact-results = Resultados
criteria = Criterios
criteria-on-issuer-site = Criterios en el sitio del emisor
badge-skills = Competencias
evidence = Evidencias
where-used = Dónde la he aplicado
counts-toward = Cuenta para
reflection = Mi reflexión
verification = Verificación
checked-when-built = Comprobada el { $date }, al crear este sitio.
checked-when-built-suite = Comprobada el { $date }, al crear este sitio, con el método de firma { $suite }.
valid-until-sentence = Válida hasta el { $date }.
check-column = Comprobación
result-column = Resultado
detail-column = Detalle
download-original = Descargar la credencial original
download-original-hint = para comprobarla con cualquier verificador
receipt = Justificante de verificación (JSON)
add-to-linkedin = Añadir al perfil de LinkedIn
check-yourself = Compruébela usted mismo, con independencia de este sitio:
verifier-upload = (suba allí la credencial descargada arriba)
download-note = El archivo original contiene contenido que un navegador podría ejecutar o cargar ({ $why }), por eso se publica como texto, { $published }: cámbiele el nombre a { $file } antes de comprobarlo con un verificador.

## The checks
check-parse = Legible
check-shape = Bien formada
check-signature = Firma
check-key = Clave del emisor
check-validity = Fechas
check-status = Revocación
check-recipient = Destinatario
check-trust = Identidad del emisor
outcome-pass = superada
outcome-fail = fallida
outcome-warn = aviso
outcome-skipped = omitida
outcome-proven = probado
outcome-claimed = declarado

## The issuer
unnamed-issuer = un emisor sin nombre
issuer-impersonation-label = dice ser { $name }, un nombre que este portafolio reconoce para otro emisor
standing-impersonation = no es el emisor que nombra
standing-unknown = emisor no confirmado
standing-trusted = en la lista de confianza de este portafolio
standing-listed = inscrito en el { $registry }
standing-unchecked = no se pudieron consultar los registros de emisores
standing-unlisted = emisor fuera de la lista de confianza de este portafolio
standing-unlisted-registries = emisor ausente de los registros que usa este portafolio
summary-trusted = Firmada por { $who }, a quien la lista de confianza de este portafolio llama { $name }.
summary-listed = Firmada por { $who }, que el { $registry } registra como { $name }.
summary-unchecked = Firmada por { $who }, que se presenta como { $name }; los registros de emisores de este portafolio no pudieron consultarse al crearlo, así que no se ha confirmado quién es.
summary-unlisted = Firmada por { $who }, que se presenta como { $name }: la credencial es auténtica, pero ninguna lista de confianza ni registro de este portafolio indica quién es ese emisor.
summary-impersonation = La credencial nombra a { $name }, pero la emitió { $who }, no el emisor de ese nombre.
summary-unknown = La credencial nombra a { $name } ({ $who }) como emisor; como no superó sus comprobaciones, eso es solo lo que afirma.
registry = registro

## Skills
skills-title = Competencias
skills-backed = Respaldadas por insignias verificadas
skills-backed-credentials = Respaldadas por credenciales verificadas
skills-checked = Insignias comprobadas el { $date }.
skills-badges = Insignias:
skills-shown-in = Demostradas en:
skills-self = Declaradas por mí
skills-self-lead = Competencias que cito en mis proyectos y que ninguna insignia verificada acredita (todavía).
skills-also = También:

## Pathways
pathways-title = Itinerarios
pathways-lead = Cualificaciones más amplias formadas por insignias. Solo las insignias verificadas cuentan para un requisito.
pathways-checked = Insignias comprobadas el { $date }.
pathway-progress = { $total ->
    [one] { $met } de { $total } requisito cumplido
   *[other] { $met } de { $total } requisitos cumplidos
}
pathway-met-short = { $met } de { $total } cumplidos
pathway-completed = Completado
pathway-in-progress = En curso
pathway-requirements-met = Requisitos cumplidos
pathway-requirements-met-by = Requisitos cumplidos: { $issuer } aún no lo ha emitido
pathway-completed-by = Completado:
pathway-completes = completa el itinerario
pathway-verified = verificada
pathway-on-completion = Al completarlo: { $description }
pathway-progress-checked = Progreso según las insignias comprobadas el { $date }.
requirements = Requisitos
requirement-met = Cumplido:
requirement-open = Pendiente:
requirement-met-word = cumplido
requirement-open-word = pendiente
requirement-met-by = cumplido con
requirement-would-count = Contaría si estuviera verificada:
requirement-group-count = { $met } de { $needed }
pathway-evaluated = Evaluado al crear este sitio, a partir de { $source_html }.
pathway-receipt = Justificante de progreso (JSON)
group-all = los { $count }
group-any = { $pick } cualesquiera de estos { $count }
issuers-or = { $first } o { $second }
want-achievement = el logro { $name }
want-alignment = una credencial alineada con { $code }
want-alignment-framework = una credencial alineada con { $code } ({ $framework })
want-type = cualquier { $type }
want-part-of = una credencial que un expediente (CLR) verificado de su emisor sitúa dentro de { $name }
want-any = cualquier credencial
want-from = { $what }, emitida por { $issuer }

## The résumé theme
resume-credentials = Credenciales
resume-credentials-lead = Cada credencial se comprobó al crear esta página (firma, clave del emisor, fechas de validez y revocación) y su estado figura a su lado. Abra una para ver cada comprobación.
resume-status-verified = verificada, comprobada el { $date }
resume-status-valid-until = válida hasta el { $date }
resume-status-other = { $status }, comprobada el { $date }
resume-issued-by = emitida por { $issuer }
resume-issuer = emisor: { $issuer }
resume-issued-on = el { $date }
resume-expires = caduca el { $date }
resume-expired = caducó el { $date }
resume-claims = No verificada. Lo que sigue es lo que esta credencial afirma; folio no pudo confirmarlo:
resume-reflection = Reflexión
resume-checked = Comprobada el { $date }, al crear este sitio.
resume-original = Credencial original
resume-receipt = Justificante de verificación
resume-linkedin = Añadir a LinkedIn
resume-check-independently = Compruébela de forma independiente:
resume-colophon = { $title } · hecho con { $generator }; la firma, el emisor, las fechas y la revocación de cada credencial se comprobaron al crear esta página; abra una para ver su estado.
resume-not-found-title = No encontrada
resume-not-found-body = No hay nada en esta dirección. El { $home_html } es un buen punto de partida.
resume-home = currículum
resume-skills-checked = comprobadas el { $date }
resume-pathways-lead = Cualificaciones más amplias formadas por credenciales; solo cuentan las credenciales verificadas.
resume-pathway-checked = Progreso según las credenciales comprobadas el { $date }.
resume-skills-checked-sentence = Credenciales comprobadas el { $date }.
resume-from = A partir de { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = la persona dueña de este portafolio
recipient-proven = Emitida a { $owner }: la clave del destinatario la firmó para este sitio el { $date }.
recipient-proven-undated = Emitida a { $owner }: la clave del destinatario la firmó para este sitio.
recipient-claimed = Emitida a { $identity } que { $owner } declara como propia. Es su declaración; este sitio no puede probarla.
recipient-other = Emitida a otra persona, no a { $owner }.
recipient-unconfirmed = No se pudo relacionar el destinatario que nombra con { $owner }.
recipient-unchecked = No comprobado.
identity-email = una dirección de correo
identity-email-hashed = una dirección de correo (cifrada con hash en la credencial)
identity-url = una dirección web
identity-url-hashed = una dirección web (cifrada con hash en la credencial)
identity-phone = un número de teléfono
identity-phone-hashed = un número de teléfono (cifrado con hash en la credencial)
identity-did = un identificador descentralizado (DID)
identity-other = un identificador
recipient-form-email = ¿Se emitió esta insignia a la dirección de correo que le dio la persona?
recipient-form-url = ¿Se emitió esta insignia a la dirección web que le dio la persona?
recipient-form-phone = ¿Se emitió esta insignia al número de teléfono que le dio la persona?
recipient-form-label-email = Dirección de correo
recipient-form-label-url = Dirección web
recipient-form-label-phone = Número de teléfono
recipient-form-button = Comparar
recipient-form-yes = Emitida a esta dirección.
recipient-form-no = No es esta dirección.
recipient-form-private = Se compara en su navegador: nada de lo que escribe sale de esta página.
recipient-form-nojs = Esta comparación usa JavaScript. Sin él: la credencial guarda su destinatario como { $alg } de la dirección seguida de «{ $salt }»; calcúlelo para la dirección recibida y compárelo con { $digest }.
recipient-form-nojs-plain = Esta comparación usa JavaScript. Sin él: descargue la credencial original y compare el destinatario que nombra con la dirección recibida.
recipient-bound-elsewhere = No probado aquí: el destinatario la firmó para otro sitio ({ $domain }) y esta copia está en { $origin }.
card-recipient-claimed = destinatario declarado
card-recipient-proven = destinatario probado
clr-structure = Cómo encajan sus partes, según el emisor
endorsements = Respaldos
endorsed-by = Respaldado por { $endorser }
endorsement-checked = firma comprobada
endorsement-expired = caducado
endorsement-revoked = retirado por quien lo emitió
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = desde { $start }
resume-volunteering = Voluntariado
resume-awards = Premios
resume-languages = Idiomas
# A verified micro-credential's standard facts (its page and card).
facts-title = Lo que supuso
facts-lead = Tal como lo firmó su emisor; leído al crear este sitio.
fact-workload = Carga de trabajo
fact-level = Nivel
fact-field = Campo de estudio
fact-assessment = Evaluación
fact-participation = Modalidad de participación
fact-supervision = Supervisión
fact-identity-checked = Identidad comprobada
fact-quality-assurance = Garantía de calidad
fact-prerequisites = Requisitos previos
fact-grade = Calificación
fact-part-of = Forma parte de
fact-outcomes = Resultados de aprendizaje
fact-yes = sí
fact-no = no
fact-not-disclosed = no revelado por su titular
facts-annex-i = Microcredencial UE: { $stated } de 11 elementos obligatorios indicados
facts-annex-i-missing = No indicados:
annex-learner = persona que aprende
annex-title = título
annex-issuer-country = país del emisor
annex-awarding-body = entidad emisora
annex-issue-date = fecha de emisión
annex-learning-outcomes = resultados de aprendizaje
annex-workload = carga de trabajo
annex-level = nivel
annex-assessment = tipo de evaluación
annex-participation = modalidad de participación
annex-quality-assurance = garantía de calidad
unit-ects = { $value } ECTS
unit-credit-hours = { $value } horas crédito (EE. UU.)
unit-hours = { $value ->
    [one] { $value } hora
   *[other] { $value } horas
}
# A pathway's credits requirement.
credits-progress = { $earned } de { $required }
credits-title = Créditos
credits-rule = Según la carga de trabajo que indican sus insignias verificadas.
credits-rule-issuer = Según la carga de trabajo que indican las insignias verificadas de { $issuer }.
credits-rule-aligned = Solo cuentan las insignias alineadas con { $code }.
credits-rule-rate = Este itinerario cuenta { $hours } horas como { $unit }.
credits-none = Ninguna insignia verificada indica aún créditos que cuenten.
credits-converted = convertido de { $hours }
