# فهرس folio باللغة العربية. المفاتيح نفسها كما في en.ftl.

## Every page
skip-to-content = انتقل إلى المحتوى
nav-main = القائمة الرئيسية
nav-sections = الأقسام
nav-elsewhere = في مواقع أخرى
nav-badges = الشارات
nav-pathways = المسارات
nav-skills = المهارات
nav-credentials = الشهادات
language-switcher = اللغات
footer-built-with = أُنشئ باستخدام { $generator }
tags = الوسوم
home-page = الصفحة الرئيسية

## Pages and sections
reading-time = { $minutes ->
    [zero] أقل من دقيقة للقراءة
    [one] دقيقة واحدة للقراءة
    [two] دقيقتان للقراءة
    [few] { $minutes } دقائق للقراءة
   *[other] { $minutes } دقيقة للقراءة
}
on-this-page = في هذه الصفحة
skills-shown = المهارات المعروضة
page-badges = الشارات التي يدعمها هذا العمل
page-credentials = الشهادات التي يدعمها هذا العمل
nothing-yet = لا يوجد شيء هنا بعد.
follow-feed = تابع { $section } (موجز Atom)
atom-feed = موجز Atom
portrait-of = صورة { $name }
profile = نبذة
skills-label = المهارات:
not-found-title = الصفحة غير موجودة
not-found-body = هذه الصفحة غير موجودة أو نُقلت. جرّب { $home_html }.

## Badge status
status-verified = موثّقة
status-expired = منتهية الصلاحية
status-revoked = ألغاها المُصدِر
status-failed = غير موثّقة: فشل أحد الفحوص
status-unconfirmed = غير موثّقة: لم يُؤكَّد المستلم
status-unverifiable = غير موثّقة: تعذّر فحصها
status-checked = فُحصت في { $date }
status-valid-until = صالحة حتى { $date }
status-expired-on = انتهت صلاحيتها في { $date }
status-revoked-since = ألغاها المُصدِر منذ إنشاء هذا الموقع
status-suspended-since = علّقها المُصدِر منذ إنشاء هذا الموقع
status-not-rechecked = لم يُعَد فحص الإلغاء الآن
not-verified-suffix = غير موثّقة
badge-image-alt = صورة الشارة: { $name }

## Badge pages
badges-title = الشارات
badges-lead = تُفحص كل شارة عند إنشاء هذا الموقع: توقيعها، ومن أصدرها، وهل ما زالت صالحة. افتح أيًّا منها لترى كل فحص.
issued-by = أصدرها { $issuer_html }
issuer-is = المُصدِر: { $issuer }
not-verified-notice = غير موثّقة.
claims-notice = ما يلي هو ما تدّعيه هذه الشهادة؛ لم يتمكن folio من تأكيده:
issuer-image = عرض صورة الشارة لدى المُصدِر
issuer-image-hosted = (مستضافة لدى المُصدِر)
fact-type = النوع
fact-issued = تاريخ الإصدار
fact-expires = تنتهي في
fact-expired = انتهت في
fact-results = النتائج
criteria = المعايير
criteria-on-issuer-site = المعايير على موقع المُصدِر
badge-skills = المهارات
evidence = الأدلة
where-used = أين استخدمتها
counts-toward = تُحتسب ضمن
reflection = تأمّلاتي
verification = التحقق
checked-when-built = فُحصت في { $date }، عند إنشاء هذا الموقع.
checked-when-built-suite = فُحصت في { $date }، عند إنشاء هذا الموقع، بمجموعة التوقيع { $suite }.
valid-until-sentence = صالحة حتى { $date }.
check-column = الفحص
result-column = النتيجة
detail-column = التفاصيل
download-original = تنزيل الشهادة الأصلية
download-original-hint = لفحصها بأي أداة تحقق
receipt = إيصال التحقق (JSON)
add-to-linkedin = إضافة إلى الملف الشخصي على LinkedIn
check-yourself = تحقّق منها بنفسك، باستقلال عن هذا الموقع:
verifier-upload = (ارفع هناك الشهادة التي نزّلتها أعلاه)
download-note = يحتوي الملف الأصلي على محتوى قد يشغّله المتصفح أو يحمّله ({ $why })، لذا نُشر نصًّا باسم { $published }: أعد تسميته إلى { $file } قبل فحصه بأداة تحقق.

## The checks
check-parse = قابلية القراءة
check-shape = سلامة البنية
check-signature = التوقيع
check-key = مفتاح المُصدِر
check-validity = التواريخ
check-status = الإلغاء
check-recipient = المستلم
check-trust = هوية المُصدِر
outcome-pass = ناجح
outcome-fail = فاشل
outcome-warn = تحذير
outcome-skipped = لم يُجرَ
outcome-proven = مُثبَت
outcome-claimed = مُدّعى

## The issuer
unnamed-issuer = مُصدِر بلا اسم
issuer-impersonation-label = يدّعي أنه { $name }، وهو اسم يثق به هذا الملف لمُصدِر آخر
standing-impersonation = ليس المُصدِر الذي يذكره
standing-unknown = المُصدِر غير مؤكَّد
standing-trusted = في قائمة الثقة لهذا الملف
standing-listed = مُدرج في { $registry }
standing-unchecked = تعذّر فحص سجلات المُصدِرين
standing-unlisted = المُصدِر ليس في قائمة الثقة لهذا الملف
standing-unlisted-registries = المُصدِر ليس في أي سجل يستخدمه هذا الملف
summary-trusted = وقّعها { $who }، الذي تسمّيه قائمة الثقة لهذا الملف { $name }.
summary-listed = وقّعها { $who }، الذي يدرجه { $registry } باسم { $name }.
summary-unchecked = وقّعها { $who }، الذي يسمّي نفسه { $name }؛ تعذّر الرجوع إلى سجلات المُصدِرين التي يستخدمها هذا الملف عند إنشائه، فلم تُؤكَّد هويته.
summary-unlisted = وقّعها { $who }، الذي يسمّي نفسه { $name }: الشهادة أصلية، لكن لا قائمة ثقة ولا سجل يستخدمه هذا الملف يبيّن من هو هذا المُصدِر.
summary-impersonation = تذكر الشهادة { $name }، لكن أصدرها { $who }، لا المُصدِر الذي يحمل هذا الاسم.
summary-unknown = تذكر الشهادة { $name } ({ $who }) مُصدِرًا لها؛ وبما أنها لم تجتز فحوصها، فهذا مجرد ادعاء.
registry = السجل

## Skills
skills-title = المهارات
skills-backed = مدعومة بشارات موثّقة
skills-backed-credentials = مدعومة بشهادات موثّقة
skills-checked = فُحصت الشارات في { $date }.
skills-badges = الشارات:
skills-shown-in = معروضة في:
skills-self = مهارات أذكرها بنفسي
skills-self-lead = مهارات أذكرها في مشاريعي ولا تشهد لها أي شارة موثّقة (حتى الآن).
skills-also = أيضًا:

## Pathways
pathways-title = المسارات
pathways-lead = مؤهلات أكبر تتكوّن من شارات. لا تُحتسب لأي متطلب إلا الشارات الموثّقة.
pathways-checked = فُحصت الشارات في { $date }.
pathway-progress = { $total ->
    [one] استُوفي { $met } من متطلب واحد
    [two] استُوفي { $met } من متطلبين
    [few] استُوفي { $met } من { $total } متطلبات
   *[other] استُوفي { $met } من { $total } متطلبًا
}
pathway-met-short = { $met } من { $total }
pathway-completed = مكتمل
pathway-in-progress = قيد التقدّم
pathway-requirements-met = استُوفيت المتطلبات
pathway-requirements-met-by = استُوفيت المتطلبات — لم يُصدرها { $issuer } بعد
pathway-completed-by = مكتمل:
pathway-completes = تُكمل المسار
pathway-verified = موثّقة
pathway-on-completion = عند الإكمال: { $description }
pathway-progress-checked = التقدّم وفق الشارات كما فُحصت في { $date }.
requirements = المتطلبات
requirement-met = مستوفى:
requirement-open = غير مستوفى:
requirement-met-word = مستوفى
requirement-open-word = غير مستوفى
requirement-met-by = استوفته
requirement-would-count = كانت ستُحتسب لو كانت موثّقة:
requirement-group-count = { $met } من { $needed }
pathway-evaluated = قُيّم عند إنشاء هذا الموقع، من { $source_html }.
pathway-receipt = إيصال التقدّم (JSON)
group-all = كل هذه ({ $count })
group-any = أي { $pick } من هذه الـ{ $count }
issuers-or = { $first } أو { $second }
want-achievement = الإنجاز { $name }
want-alignment = شهادة مرتبطة بـ{ $code }
want-alignment-framework = شهادة مرتبطة بـ{ $code } ({ $framework })
want-type = أي { $type }
want-part-of = شهادة يضعها سجلّ (CLR) موثَّق من جهة إصدارها ضمن { $name }
want-any = أي شهادة
want-from = { $what }، يصدرها { $issuer }

## The résumé theme
resume-credentials = الشهادات
resume-credentials-lead = فُحصت كل شهادة عند إنشاء هذه الصفحة — التوقيع ومفتاح المُصدِر وتواريخ الصلاحية والإلغاء — وتظهر حالتها بجانبها. افتح أيًّا منها لترى كل فحص.
resume-status-verified = موثّقة، فُحصت في { $date }
resume-status-valid-until = صالحة حتى { $date }
resume-status-other = { $status }، فُحصت في { $date }
resume-issued-by = أصدرها { $issuer }
resume-issuer = المُصدِر: { $issuer }
resume-issued-on = في { $date }
resume-expires = تنتهي في { $date }
resume-expired = انتهت في { $date }
resume-claims = غير موثّقة. ما يلي هو ما تدّعيه هذه الشهادة؛ لم يتمكن folio من تأكيده:
resume-reflection = تأمّلات
resume-checked = فُحصت في { $date }، عند إنشاء هذا الموقع.
resume-original = الشهادة الأصلية
resume-receipt = إيصال التحقق
resume-linkedin = إضافة إلى LinkedIn
resume-check-independently = تحقّق منها باستقلال:
resume-colophon = { $title } · أُنشئ باستخدام { $generator }؛ فُحص توقيع كل شهادة ومُصدِرها وتواريخها وإلغاؤها عند إنشاء هذه الصفحة؛ افتح أيًّا منها لترى حالتها.
resume-not-found-title = غير موجودة
resume-not-found-body = لا يوجد شيء في هذا العنوان. { $home_html } مكان جيد للبدء.
resume-home = السيرة الذاتية
resume-skills-checked = فُحصت في { $date }
resume-pathways-lead = مؤهلات أكبر تتكوّن من شهادات؛ لا تُحتسب إلا الشهادات الموثّقة.
resume-pathway-checked = التقدّم وفق الشهادات كما فُحصت في { $date }.
resume-skills-checked-sentence = فُحصت الشهادات في { $date }.
resume-from = من { $source_html }

## Whose badge it is (the recipient row and the reader's form)
the-owner = صاحب هذا الملف
recipient-proven = صادرة إلى { $owner }: وقّعها مفتاح المستلم نفسه لهذا الموقع في { $date }.
recipient-proven-undated = صادرة إلى { $owner }: وقّعها مفتاح المستلم نفسه لهذا الموقع.
recipient-claimed = صادرة إلى { $identity } يقول { $owner } إنه له. هذا ادعاء؛ لا يستطيع هذا الموقع إثباته.
recipient-other = صادرة إلى شخص آخر، لا إلى { $owner }.
recipient-unconfirmed = تعذّرت مطابقة المستلم المذكور مع { $owner }.
recipient-unchecked = لم يُتحقَّق منه.
identity-email = عنوان بريد إلكتروني
identity-email-hashed = عنوان بريد إلكتروني (مُجزَّأ في الشهادة)
identity-url = عنوان ويب
identity-url-hashed = عنوان ويب (مُجزَّأ في الشهادة)
identity-phone = رقم هاتف
identity-phone-hashed = رقم هاتف (مُجزَّأ في الشهادة)
identity-did = معرّف لامركزي (DID)
identity-other = معرّف
recipient-form-email = هل صدرت هذه الشارة إلى عنوان البريد الذي أعطاك إياه المرشّح؟
recipient-form-url = هل صدرت هذه الشارة إلى عنوان الويب الذي أعطاك إياه المرشّح؟
recipient-form-phone = هل صدرت هذه الشارة إلى رقم الهاتف الذي أعطاك إياه المرشّح؟
recipient-form-label-email = عنوان البريد الإلكتروني
recipient-form-label-url = عنوان الويب
recipient-form-label-phone = رقم الهاتف
recipient-form-button = قارن
recipient-form-yes = صادرة إلى هذا العنوان.
recipient-form-no = ليس هذا العنوان.
recipient-form-private = تتم المقارنة في متصفحك: لا يغادر ما تكتبه هذه الصفحة.
recipient-form-nojs = تعمل هذه المقارنة بجافاسكربت. من دونها: تحفظ الشهادة المستلم على شكل { $alg } للعنوان متبوعًا بـ «{ $salt }»؛ احسبه للعنوان الذي أُعطيته وقارنه بـ { $digest }.
recipient-form-nojs-plain = تعمل هذه المقارنة بجافاسكربت. من دونها: نزّل الشهادة الأصلية وقارن المستلم المذكور فيها بالعنوان الذي أُعطيته.
recipient-bound-elsewhere = غير مُثبَت هنا: وقّعها المستلم لموقع آخر ({ $domain })، وهذه النسخة على { $origin }.
card-recipient-claimed = المستلم مُدّعى
card-recipient-proven = المستلم مُثبَت
clr-structure = كيف تترابط أجزاؤها، كما يذكر المُصدِر
endorsements = التزكيات
endorsed-by = زكّاه { $endorser }
endorsement-checked = تم التحقق من توقيعه
endorsement-expired = منتهي
endorsement-revoked = سحبها المُزكّي
# A résumé entry's dates (months), and the parts of a JSON Resume on the home page.
entry-dates = { $start } – { $end }
entry-since = منذ { $start }
resume-volunteering = العمل التطوعي
resume-awards = الجوائز
resume-languages = اللغات
# A verified micro-credential's standard facts (its page and card).
facts-title = ما تطلّبه
facts-lead = كما وقّعه مُصدِره؛ قُرئ عند إنشاء هذا الموقع.
fact-workload = عبء التعلّم
fact-level = المستوى
fact-field = مجال الدراسة
fact-assessment = التقييم
fact-participation = شكل المشاركة
fact-supervision = الإشراف
fact-identity-checked = التحقق من الهوية
fact-quality-assurance = ضمان الجودة
fact-prerequisites = المتطلبات المسبقة
fact-grade = الدرجة
fact-part-of = جزء من
fact-outcomes = نواتج التعلّم
fact-yes = نعم
fact-no = لا
fact-not-disclosed = لم يكشفه حامله
facts-annex-i = شهادة مصغّرة أوروبية: { $stated } من 11 عنصرًا إلزاميًا مذكورة
facts-annex-i-missing = غير مذكورة:
annex-learner = المتعلّم
annex-title = العنوان
annex-issuer-country = بلد المُصدِر
annex-awarding-body = الجهة المانحة
annex-issue-date = تاريخ الإصدار
annex-learning-outcomes = نواتج التعلّم
annex-workload = عبء التعلّم
annex-level = المستوى
annex-assessment = نوع التقييم
annex-participation = شكل المشاركة
annex-quality-assurance = ضمان الجودة
unit-ects = { $value } ECTS
unit-credit-hours = { $value } ساعة معتمدة
unit-hours = { $value } ساعة
# A pathway's credits requirement.
credits-progress = { $earned } من { $required }
credits-title = الرصيد الدراسي
credits-rule = من عبء التعلّم الذي تذكره شاراتك الموثّقة.
credits-rule-issuer = من عبء التعلّم الذي تذكره الشارات الموثّقة من { $issuer }.
credits-rule-aligned = لا تُحتسب إلا الشارات المرتبطة بـ { $code }.
credits-rule-rate = يحتسب هذا المسار { $hours } ساعة بمثابة { $unit }.
credits-none = لا توجد بعد شارة موثّقة تذكر رصيدًا يُحتسب.
credits-converted = محوّل من { $hours }
