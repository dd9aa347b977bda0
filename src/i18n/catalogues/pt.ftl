# O catálogo do folio em português. As mesmas chaves de en.ftl.

## Every page
skip-to-content = Ir para o conteúdo
nav-main = Navegação principal
nav-sections = Secções
nav-elsewhere = Noutros sítios
nav-badges = Badges
nav-pathways = Percursos
nav-skills = Competências
nav-credentials = Credenciais
language-switcher = Idiomas
footer-built-with = Feito com { $generator }
tags = Etiquetas
home-page = página inicial

## Pages and sections
reading-time = { $minutes ->
    [one] { $minutes } minuto de leitura
   *[other] { $minutes } minutos de leitura
}
on-this-page = Nesta página
skills-shown = Competências demonstradas
page-badges = Badges que este trabalho sustenta
page-credentials = Credenciais que este trabalho sustenta
nothing-yet = Ainda não há nada aqui.
follow-feed = Seguir { $section } (feed Atom)
atom-feed = Feed Atom
portrait-of = Retrato de { $name }
profile = Perfil
skills-label = Competências:
not-found-title = Página não encontrada
not-found-body = Esta página não existe ou foi movida. Experimente a { $home_html }.

## Badge status
status-verified = Verificado
status-expired = Expirado
status-revoked = Revogado pelo emissor
status-failed = Não verificado: uma verificação falhou
status-unconfirmed = Não verificado: destinatário não confirmado
status-unverifiable = Não verificado: não foi possível verificar
status-checked = verificado em { $date }
status-valid-until = válido até { $date }
status-expired-on = Expirou em { $date }
status-revoked-since = Revogado pelo emissor desde a criação deste site
status-suspended-since = Suspenso pelo emissor desde a criação deste site
status-not-rechecked = revogação não verificada de novo agora
not-verified-suffix = não verificado
badge-image-alt = Imagem do badge: { $name }

## Badge pages
badges-title = Badges
badges-lead = Cada badge é verificado quando este site é criado: a assinatura, quem o emitiu e se continua válido. Abra um para ver cada verificação.
issued-by = Emitido por { $issuer_html }
issuer-is = Emissor: { $issuer }
not-verified-notice = Não verificado.
claims-notice = O que se segue é o que esta credencial afirma; o folio não conseguiu confirmá-lo:
issuer-image = Ver a imagem do badge no emissor
issuer-image-hosted = (alojada pelo emissor)
fact-type = Tipo
fact-issued = Emitido
fact-expires = Expira
fact-expired = Expirou
fact-results = Resultados
criteria = Critérios
criteria-on-issuer-site = Critérios no site do emissor
badge-skills = Competências
evidence = Evidências
where-used = Onde o apliquei
counts-toward = Conta para
reflection = A minha reflexão
verification = Verificação
checked-when-built = Verificado em { $date }, quando este site foi criado.
checked-when-built-suite = Verificado em { $date }, quando este site foi criado, com o método de assinatura { $suite }.
valid-until-sentence = Válido até { $date }.
check-column = Verificação
result-column = Resultado
detail-column = Pormenor
download-original = Descarregar a credencial original
download-original-hint = para a verificar com qualquer verificador
receipt = Recibo de verificação (JSON)
add-to-linkedin = Adicionar ao perfil do LinkedIn
check-yourself = Verifique-o por si, independentemente deste site:
verifier-upload = (carregue lá a credencial transferida acima)
download-note = O ficheiro original contém conteúdo que um navegador poderia executar ou carregar ({ $why }), por isso é publicado como texto, { $published }: mude-lhe o nome para { $file } antes de o verificar.

## The checks
check-parse = Legível
check-shape = Bem formado
check-signature = Assinatura
check-key = Chave do emissor
check-validity = Datas
check-status = Revogação
check-recipient = Destinatário
check-trust = Identidade do emissor
outcome-pass = aprovado
outcome-fail = falhou
outcome-warn = aviso
outcome-skipped = não feito
outcome-proven = provado
outcome-claimed = declarado

## The issuer
unnamed-issuer = um emissor sem nome
issuer-impersonation-label = diz ser { $name }, um nome que este portefólio reconhece a outro emissor
standing-impersonation = não é o emissor que nomeia
standing-unknown = emissor não confirmado
standing-trusted = na lista de confiança deste portefólio
standing-listed = inscrito no { $registry }
standing-unchecked = não foi possível consultar os registos de emissores
standing-unlisted = emissor fora da lista de confiança deste portefólio
standing-unlisted-registries = emissor ausente dos registos que este portefólio utiliza
summary-trusted = Assinado por { $who }, a quem a lista de confiança deste portefólio chama { $name }.
summary-listed = Assinado por { $who }, que o { $registry } regista como { $name }.
summary-unchecked = Assinado por { $who }, que se apresenta como { $name }; não foi possível consultar os registos de emissores deste portefólio quando foi criado, por isso não está confirmado quem é.
summary-unlisted = Assinado por { $who }, que se apresenta como { $name }: a credencial é autêntica, mas nenhuma lista de confiança nem registo deste portefólio diz quem é esse emissor.
summary-impersonation = A credencial nomeia { $name }, mas foi emitida por { $who }, não pelo emissor com esse nome.
summary-unknown = A credencial nomeia { $name } ({ $who }) como emissor; como não passou nas verificações, isso é apenas o que afirma.
registry = registo

## Skills
skills-title = Competências
skills-backed = Comprovadas por badges verificados
skills-backed-credentials = Comprovadas por credenciais verificadas
skills-checked = Badges verificados em { $date }.
skills-badges = Badges:
skills-shown-in = Demonstradas em:
skills-self = Declaradas por mim
skills-self-lead = Competências que indico nos meus projetos e que nenhum badge verificado comprova (ainda).
skills-also = Também:

## Pathways
pathways-title = Percursos
pathways-lead = Qualificações mais amplas compostas por badges. Só os badges verificados contam para um requisito.
pathways-checked = Badges verificados em { $date }.
pathway-progress = { $total ->
    [one] { $met } de { $total } requisito cumprido
   *[other] { $met } de { $total } requisitos cumpridos
}
pathway-met-short = { $met } de { $total } cumpridos
pathway-completed = Concluído
pathway-in-progress = Em curso
pathway-requirements-met = Requisitos cumpridos
pathway-requirements-met-by = Requisitos cumpridos — ainda não emitido por { $issuer }
pathway-completed-by = Concluído:
pathway-completes = conclui o percurso
pathway-verified = verificado
pathway-on-completion = Na conclusão: { $description }
pathway-progress-checked = Progresso segundo os badges verificados em { $date }.
requirements = Requisitos
requirement-met = Cumprido:
requirement-open = Por cumprir:
requirement-met-word = cumprido
requirement-open-word = por cumprir
requirement-met-by = cumprido por
requirement-would-count = Contaria se fosse verificado:
requirement-group-count = { $met } de { $needed }
pathway-evaluated = Avaliado quando este site foi criado, a partir de { $source_html }.
pathway-receipt = Recibo de progresso (JSON)
group-all = todos os { $count }
group-any = quaisquer { $pick } destes { $count }
issuers-or = { $first } ou { $second }
want-achievement = a conquista { $name }
want-alignment = uma credencial alinhada com { $code }
want-alignment-framework = uma credencial alinhada com { $code } ({ $framework })
want-type = qualquer { $type }
want-part-of = uma credencial que um histórico (CLR) verificado do seu emissor coloca em { $name }
want-any = qualquer credencial
want-from = { $what }, emitida por { $issuer }

## The résumé theme
resume-credentials = Credenciais
resume-credentials-lead = Cada credencial foi verificada quando esta página foi criada — assinatura, chave do emissor, datas de validade e revogação — e o seu estado aparece ao lado. Abra uma para ver cada verificação.
resume-status-verified = verificada em { $date }
resume-status-valid-until = válida até { $date }
resume-status-other = { $status }, verificada em { $date }
resume-issued-by = emitida por { $issuer }
resume-issuer = emissor: { $issuer }
resume-issued-on = em { $date }
resume-expires = expira em { $date }
resume-expired = expirou em { $date }
resume-claims = Não verificada. O que se segue é o que esta credencial afirma; o folio não conseguiu confirmá-lo:
resume-reflection = Reflexão
resume-checked = Verificada em { $date }, quando este site foi criado.
resume-original = Credencial original
resume-receipt = Recibo de verificação
resume-linkedin = Adicionar ao LinkedIn
resume-check-independently = Verifique de forma independente:
resume-colophon = { $title } · feito com { $generator }; a assinatura, o emissor, as datas e a revogação de cada credencial foram verificados quando esta página foi criada; abra uma para ver o seu estado.
resume-not-found-title = Não encontrada
resume-not-found-body = Não há nada neste endereço. O { $home_html } é um bom ponto de partida.
resume-home = currículo
resume-skills-checked = verificadas em { $date }
resume-pathways-lead = Qualificações mais amplas compostas por credenciais; só contam as credenciais verificadas.
resume-pathway-checked = Progresso segundo as credenciais verificadas em { $date }.
resume-skills-checked-sentence = Credenciais verificadas em { $date }.
resume-from = A partir de { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = a pessoa dona deste portefólio
recipient-proven = Emitido para { $owner }: a chave do destinatário assinou-o para este site em { $date }.
recipient-proven-undated = Emitido para { $owner }: a chave do destinatário assinou-o para este site.
recipient-claimed = Emitido para { $identity } que { $owner } declara como sua. É uma declaração; este site não a pode provar.
recipient-other = Emitido para outra pessoa, não para { $owner }.
recipient-unconfirmed = Não foi possível associar o destinatário indicado a { $owner }.
recipient-unchecked = Não verificado.
identity-email = um endereço de e-mail
identity-email-hashed = um endereço de e-mail (com hash na credencial)
identity-url = um endereço web
identity-url-hashed = um endereço web (com hash na credencial)
identity-phone = um número de telefone
identity-phone-hashed = um número de telefone (com hash na credencial)
identity-did = um identificador descentralizado (DID)
identity-other = um identificador
recipient-form-email = Este badge foi emitido para o endereço de e-mail que a pessoa lhe deu?
recipient-form-url = Este badge foi emitido para o endereço web que a pessoa lhe deu?
recipient-form-phone = Este badge foi emitido para o número de telefone que a pessoa lhe deu?
recipient-form-label-email = Endereço de e-mail
recipient-form-label-url = Endereço web
recipient-form-label-phone = Número de telefone
recipient-form-button = Comparar
recipient-form-yes = Emitido para este endereço.
recipient-form-no = Não é este endereço.
recipient-form-private = Comparado no seu navegador: nada do que escreve sai desta página.
recipient-form-nojs = Esta comparação usa JavaScript. Sem ele: a credencial guarda o destinatário como { $alg } do endereço seguido de «{ $salt }»; calcule-o para o endereço recebido e compare com { $digest }.
recipient-form-nojs-plain = Esta comparação usa JavaScript. Sem ele: descarregue a credencial original e compare o destinatário que indica com o endereço recebido.
recipient-bound-elsewhere = Não provado aqui: o destinatário assinou-o para outro site ({ $domain }) e esta cópia está em { $origin }.
card-recipient-claimed = destinatário declarado
card-recipient-proven = destinatário provado
clr-structure = Como as partes se relacionam, segundo o emissor
endorsements = Endossos
endorsed-by = Endossado por { $endorser }
endorsement-checked = assinatura confirmada
endorsement-expired = expirado
endorsement-revoked = retirado pelo autor
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = desde { $start }
resume-volunteering = Voluntariado
resume-awards = Prémios
resume-languages = Línguas
# A verified micro-credential's standard facts (its page and card).
facts-title = O que exigiu
facts-lead = Tal como o emissor o assinou; lido quando este site foi criado.
fact-workload = Carga de trabalho
fact-level = Nível
fact-field = Área de estudo
fact-assessment = Avaliação
fact-participation = Forma de participação
fact-supervision = Supervisão
fact-identity-checked = Identidade verificada
fact-quality-assurance = Garantia de qualidade
fact-prerequisites = Pré-requisitos
fact-grade = Classificação
fact-part-of = Faz parte de
fact-outcomes = Resultados de aprendizagem
fact-yes = sim
fact-no = não
fact-not-disclosed = não divulgado pelo titular
facts-annex-i = Microcredencial UE: { $stated } de 11 elementos obrigatórios indicados
facts-annex-i-missing = Não indicados:
annex-learner = aprendente
annex-title = título
annex-issuer-country = país do emissor
annex-awarding-body = entidade emissora
annex-issue-date = data de emissão
annex-learning-outcomes = resultados de aprendizagem
annex-workload = carga de trabalho
annex-level = nível
annex-assessment = tipo de avaliação
annex-participation = forma de participação
annex-quality-assurance = garantia de qualidade
unit-ects = { $value } ECTS
unit-credit-hours = { $value } horas de crédito (EUA)
unit-hours = { $value ->
    [one] { $value } hora
   *[other] { $value } horas
}
# A pathway's credits requirement.
credits-progress = { $earned } de { $required }
credits-title = Créditos
credits-rule = Segundo a carga de trabalho indicada pelos seus badges verificados.
credits-rule-issuer = Segundo a carga de trabalho indicada pelos badges verificados de { $issuer }.
credits-rule-aligned = Só contam os badges alinhados com { $code }.
credits-rule-rate = Este percurso conta { $hours } horas como { $unit }.
credits-none = Nenhum badge verificado indica ainda créditos que contem.
credits-converted = convertido de { $hours }
