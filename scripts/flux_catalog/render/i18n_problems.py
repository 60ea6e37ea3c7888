"""Ukrainian renderings of the rules' English problem messages, for a Ukrainian site.

Each entry is a regular expression over a whole English message (as the rules write it) and a
Ukrainian template filled with its groups. A message no pattern fits stays in English: the
table follows the rules, and a new message is added here when a rule gains one.
"""

from __future__ import annotations

_OBJ = r"(\S+) '(.+?)'"  # kind and name, as every rule quotes them

PROBLEMS_UK_TABLE: tuple[tuple[str, str], ...] = (
    (_OBJ + r" has no kubernetes\.io/description annotation",
     "{0} «{1}» не має анотації kubernetes.io/description"),
    (_OBJ + r": description is not in Ukrainian",
     "{0} «{1}»: опис написано не українською"),
    (r"directory '(.+)' has no README\.md describing it",
     "директорія «{0}» не має README.md з описом"),
    (_OBJ + r" uses (\S+), which current Flux no longer serves; use (\S+)",
     "{0} «{1}» використовує {2}, а поточний Flux цієї версії API вже не обслуговує; "
     "використайте {3}"),
    (_OBJ + r" is not applied by any Flux Kustomization "
     r"\(no kustomization\.yaml or spec\.path reaches this file\)",
     "{0} «{1}» не застосовує жодна Flux Kustomization: до цього файлу не доходить ні "
     "kustomization.yaml, ні spec.path"),
    (_OBJ + r": chart version '(.+)' is a range; pin an exact version",
     "{0} «{1}»: версія чарта «{2}» — це діапазон; зафіксуйте точну версію"),
    (r"HelmRelease '(.+?)': chart has no version; pin an exact version",
     "HelmRelease «{0}»: версію чарта не вказано; зафіксуйте точну версію"),
    (_OBJ + r": (\S+) (\S+) '(.+)' is not defined in this cluster "
     r"\(create it out of band and list it under 'external' in the policy, or mark the "
     r"reference optional\)",
     "{0} «{1}»: {3} «{4}» ({2}) у цьому кластері не визначено — створіть його поза Git і "
     "додайте до 'external' у політиці або позначте посилання як необов'язкове"),
    (_OBJ + r": (\S+) (\S+) '(.+)' is not defined in this cluster",
     "{0} «{1}»: {3} «{4}» ({2}) у цьому кластері не визначено"),
    (_OBJ + r" is in namespace '(.+)', which this cluster does not define",
     "{0} «{1}» належить до простору імен «{2}», якого цей кластер не визначає"),
    (_OBJ + r" refers to Service (\S+) \(inferred from a URL\), which no object or chart in "
     r"this cluster creates",
     "{0} «{1}» звертається до Service {2} (видно з URL), але жоден об'єкт чи чарт цього "
     "кластера його не створює"),
    (_OBJ + r" has no namespace and nothing sets one; Flux fails with 'namespace not "
     r"specified'",
     "{0} «{1}» не має простору імен, і ніщо його не задає — Flux зупиниться з помилкою "
     "'namespace not specified'"),
    (_OBJ + r": (\S+): value under a credential key in plaintext; reference a Secret created "
     r"out of band or encrypt it with SOPS",
     "{0} «{1}»: {2}: значення під ключем облікових даних записано відкритим текстом — "
     "посилайтеся на Secret, створений поза Git, або зашифруйте значення SOPS"),
    (_OBJ + r": (\S+) has no kind (\S+); did you mean (\S+)\?",
     "{0} «{1}»: у групі API {2} немає типу {3} — можливо, мали на увазі {4}?"),
    (_OBJ + r": (\S+) has no kind (\S+) \(it has (.+)\)",
     "{0} «{1}»: у групі API {2} немає типу {3} (є лише {4})"),
    (r"no CRD describes (\S+) (\S+), so objects of this kind are not validated \(add the CRD "
     r"with --crds or the policy's crds\)",
     "жоден CRD не описує {0} {1}, тож об'єкти цього типу не перевіряються (додайте CRD "
     "через --crds або crds у політиці)"),
    (r"a quoted string starts here and is never closed",
     "тут починається рядок у лапках, який ніде не закрито"),
    (r"a quoted string starts here and runs on to line (\d+), where YAML then fails \((.+)\); "
     r"is its closing quote missing\?",
     "тут починається рядок у лапках, що тягнеться аж до рядка {0}, де YAML і ламається "
     "({1}) — чи не бракує закривальної лапки?"),
    (r"a tab character where YAML expects spaces \(YAML indents with spaces only\)",
     "символ табуляції там, де YAML чекає пробілів (відступи в YAML — лише пробілами)"),
    (r"Kustomization '(.+?)': values from (.+) are unknown to the catalog; their "
     r"\$\{VARIABLES\} are shown as written",
     "Kustomization «{0}»: значення з {1} каталогу невідомі, тож змінні ${{…}} показано так, "
     "як їх написано"),
    (_OBJ + r": a file it reads is not in this checkout, so its content and name hash are "
     r"unknown \(kustomize build fails without it\)",
     "{0} «{1}»: файлу, який він читає, у цій копії репозиторію немає, тож його вміст і хеш "
     "в імені невідомі (без нього kustomize build не вдасться)"),
    (_OBJ + r" refers to Service (\S+) \(inferred from a URL\); unknown whether it exists: no "
     r"object or chart release here visibly creates it",
     "{0} «{1}» звертається до Service {2} (видно з URL); чи він існує, невідомо: жоден об'єкт "
     "чи реліз чарта тут його явно не створює"),
    (_OBJ + r": (\S+) '(.+?)' \(named in the values\) is not in this repository; unknown "
     r"whether the chart or an operator creates it \(list it under 'external' in the policy "
     r"if it is made by hand\)",
     "{0} «{1}»: {2} «{3}» (названо в значеннях) у репозиторії немає; чи створює його чарт або "
     "оператор, невідомо (якщо його створюють руками, додайте до 'external' у політиці)"),
    (r"not a Kubernetes object \(no apiVersion/kind\); Flux generates a kustomization for this "
     r"directory and fails the whole Kustomization with '(.+)'",
     "не об'єкт Kubernetes (немає apiVersion/kind); Flux генерує kustomization для цієї "
     "директорії, і вся Kustomization падає з помилкою '{0}'"),
    (r"listed as a resource but is not a Kubernetes object \(no apiVersion/kind\)",
     "указано як ресурс, але це не об'єкт Kubernetes (немає apiVersion/kind)"),
    (_OBJ + r": (\S+): not a kind the upstream CRD lists; installations extend this list "
     r"\(the Flux Operator adds FluxInstance and ResourceSet, other controllers their own "
     r"kinds\), so the catalog cannot tell whether the cluster accepts it",
     "{0} «{1}»: {2}: такого типу немає в переліку upstream-CRD; інсталяції розширюють цей "
     "перелік (Flux Operator додає FluxInstance і ResourceSet, інші контролери — свої типи), "
     "тож каталог не може сказати, чи прийме його кластер"),
    (r"while parsing a flow sequence did not find expected ',' or '\]'",
     "у списку в квадратних дужках бракує коми або закривальної дужки «]»"),
    (r"while constructing a mapping (?:found )?duplicate key '(.+)'",
     "ключ «{0}» у цьому словнику повторюється"),
    (r"'(.+)' points outside the repository", "«{0}» вказує за межі репозиторію"),
    (r"'(.+)' does not exist", "«{0}» не існує"),
    (r"kustomization cycle: (.+)", "цикл у kustomization: {0}"),
    (r"(\S+) is also defined at (.+)", "{0} також визначено в {1}"),
    (r"(\S+): (\S+) must be a mapping", "{0}: {1} має бути словником (mapping)"),
    (r"(\S+): (\S+) must be a list", "{0}: {1} має бути списком"),
    (r"(\S+): (\S+) must be a non-empty string, got (\S+)",
     "{0}: {1} має бути непорожнім рядком, а не {2}"),
)
