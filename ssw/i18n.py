"""The one message catalogue: every user-facing sentence, in Dutch and English.

Keys are stable; machine-readable output (codes, JSON keys, enum values) never
goes through here, so it is the same in every language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

LANGS = ("nl", "en")

# key -> (nl, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- problems: message -------------------------------------------------------------
    "problem.unreadable": ("bestand kan niet gelezen worden: {reason}", "cannot read file: {reason}"),
    "problem.file-too-large": ("bestand is te groot ({size} bytes, limiet {limit})", "file is too large ({size} bytes, limit {limit})"),
    "problem.nul-byte": ("NUL-teken in het bestand", "NUL byte in the file"),
    "problem.not-utf8": ("geen UTF-8 (byte {byte})", "not UTF-8 (byte {byte})"),
    "problem.merge-conflict": ("git-conflictmarkering '{marker}'", "git merge-conflict marker '{marker}'"),
    "problem.tab": ("tab in de inspringing", "tab in indentation"),
    "problem.alias": ("ankers en aliassen (&, *) worden niet aanvaard", "anchors and aliases (&, *) are not accepted"),
    "problem.unsafe-tag": ("onveilige of onbekende YAML-tag {detail} geweigerd", "unsafe or unknown YAML tag {detail} refused"),
    "problem.yaml-syntax": ("YAML-fout: {detail}", "YAML syntax error: {detail}"),
    "problem.bad-character": ("ongeldig teken: {detail}", "invalid character: {detail}"),
    "problem.too-deep": ("te diep genest", "nested too deeply"),
    "problem.duplicate-key": ("sleutel '{key}' staat twee keer in dezelfde mapping", "key '{key}' appears twice in the same mapping"),
    "problem.empty-file": ("leeg bestand", "empty file"),
    "problem.unknown-file": ("onbekend soort bestand op deze plaats", "unknown kind of file in this place"),
    "problem.not-a-list": ("verwacht een lijst van items, niet {got}", "expected a list of entries, not {got}"),
    "problem.unknown-key": ("onbekende sleutel '{key}'", "unknown key '{key}'"),
    "problem.missing-key": ("sleutel '{key}' ontbreekt", "missing key '{key}'"),
    "problem.read-as-bool": ("'{key}' werd als waar/onwaar ({value}) gelezen", "'{key}' was read as a boolean ({value})"),
    "problem.read-as-number": ("'{key}' {raw} werd gelezen als het getal {value}", "'{key}' {raw} was read as the number {value}"),
    "problem.bad-value": ("ongeldige waarde '{value}' voor '{key}'", "invalid value '{value}' for '{key}'"),
    "problem.bad-slug": ("'{value}' is geen geldige id voor '{key}'", "'{value}' is not a valid id for '{key}'"),
    "problem.bad-url": ("'{value}' is geen toegelaten link", "'{value}' is not an allowed link"),
    "problem.bad-theme-id": ("'{value}' is geen geldige plan-id voor '{key}'", "'{value}' is not a valid plan id for '{key}'"),
    "problem.bad-item-id": ("'{value}' is geen geldige id voor '{key}'", "'{value}' is not a valid id for '{key}'"),
    "problem.bad-ref": ("'{value}' is geen geldige verwijzing", "'{value}' is not a valid reference"),
    "problem.bad-text": ("ongeldige tekst voor '{key}'", "invalid text for '{key}'"),
    "problem.too-long": ("'{key}' is te lang (limiet {limit} tekens)", "'{key}' is too long (limit {limit} characters)"),
    "problem.empty-value": ("'{key}' mag niet leeg zijn", "'{key}' must not be empty"),
    "problem.expected-mapping": ("'{key}': verwacht sleutels en waarden, niet {got}", "'{key}': expected keys and values, not {got}"),
    "problem.expected-list": ("'{key}': verwacht een lijst, niet {got}", "'{key}': expected a list, not {got}"),
    "problem.empty-list": ("'{key}' heeft minstens één element nodig", "'{key}' needs at least one entry"),
    "problem.wrong-type": ("'{key}': verkeerd type ({got})", "'{key}': wrong type ({got})"),
    "problem.date-format": ("'{value}' is geen datum", "'{value}' is not a date"),
    "problem.date-month": ("'{value}': maand {month} bestaat niet", "'{value}': month {month} does not exist"),
    "problem.date-day": ("'{value}': maand {month} heeft geen dag {day}", "'{value}': month {month} has no day {day}"),
    "problem.id-not-folder": ("id '{id}' past niet bij de map '{folder}'", "id '{id}' does not match its folder '{folder}'"),
    "problem.id-not-file": ("id '{id}' past niet bij de bestandsnaam '{file}'", "id '{id}' does not match the file name '{file}'"),
    "problem.id-position": ("id '{id}' staat op de plaats van '{expected}'", "id '{id}' stands where '{expected}' belongs"),
    "problem.duplicate-id": ("id '{id}' bestaat al (in {other})", "id '{id}' already exists (in {other})"),
    "problem.theme-without-plan": ("thema zonder plan: map {plan} heeft geen plan.yaml", "theme without a plan: folder {plan} has no plan.yaml"),
    "problem.too-many-files": ("te veel bestanden ({count}, limiet {limit})", "too many files ({count}, limit {limit})"),
    "problem.unknown-ref": ("onbekende {what} '{ref}'", "unknown {what} '{ref}'"),
    "problem.period-reversed": ("periode eindigt ({end}) vóór ze begint ({start})", "period ends ({end}) before it starts ({start})"),
    "problem.date-outside-plan": ("datum {date} valt buiten de periode van {plan} ({start} tot {end})", "date {date} is outside the period of {plan} ({start} to {end})"),
    "problem.date-in-future": ("datum {date} ligt in de toekomst (vandaag: {today})", "date {date} is in the future (today: {today})"),
    "problem.unknown-platform-folder": ("onbekend platform '{platform}'", "unknown platform '{platform}'"),
    "problem.not-trackable": ("{id} is een {kind}: voortgang wordt per initiatief bijgehouden", "{id} is a {kind}: progress is recorded per initiative"),
    "problem.other-platform-action": ("{id} is een eigen actie van {owner}", "{id} is an own action of {owner}"),
    "problem.regional-item": ("{id} wordt door de regionale platformen uitgevoerd, niet door {platform}", "{id} is carried by the regional platforms, not by {platform}"),
    "problem.flemish-item": ("{id} is een Vlaamse actie: {platform} kan er geen status voor geven", "{id} is a Flemish-level item: {platform} cannot give it a status"),
    "problem.regional-id": ("id '{id}' moet beginnen met '{platform}.'", "id '{id}' must start with '{platform}.'"),
    "problem.file-changed": ("bestand is niet geldig; er werd niets geschreven", "file is not valid; nothing was written"),
    # --- problems: hint ------------------------------------------------------------------
    "hint.unreadable": ("controleer de rechten van het bestand", "check the file's permissions"),
    "hint.file-too-large": ("splits het bestand op (bv. één logbestand per jaar)", "split the file (e.g. one log file per year)"),
    "hint.nul-byte": ("sla het bestand op als gewone tekst (UTF-8)", "save the file as plain text (UTF-8)"),
    "hint.not-utf8": ("sla het bestand op als UTF-8", "save the file as UTF-8"),
    "hint.merge-conflict": ("los het git-conflict op: kies de juiste regels en verwijder de markeringen", "resolve the git conflict: keep the right lines and remove the markers"),
    "hint.tab": ("vervang tabs door spaties", "replace tabs with spaces"),
    "hint.alias": ("schrijf de waarde voluit", "write the value out in full"),
    "hint.unsafe-tag": ("verwijder de tag; ssw voert nooit code uit data uit", "remove the tag; ssw never runs code from data"),
    "hint.yaml-syntax": ("controleer inspringing en aanhalingstekens; zet tekst met ': ' of ' #' tussen aanhalingstekens", "check indentation and quoting; quote text containing ': ' or ' #'"),
    "hint.bad-character": ("verwijder het onzichtbare of stuurteken", "remove the invisible or control character"),
    "hint.too-deep": ("vereenvoudig de structuur", "simplify the structure"),
    "hint.duplicate-key": ("verwijder één van beide, of begin een nieuw item met '- '", "remove one of them, or start a new entry with '- '"),
    "hint.empty-file": ("vul het bestand aan of verwijder het", "fill the file or delete it"),
    "hint.unknown-file": ("bestanden horen in plan/<plan>/plan.yaml, plan/<plan>/themes/, regions/<platform>/platform.yaml, updates/<jaar>.yaml, actions.yaml, signals.yaml", "files belong in plan/<plan>/plan.yaml, plan/<plan>/themes/, regions/<platform>/platform.yaml, updates/<year>.yaml, actions.yaml, signals.yaml"),
    "hint.not-a-list": ("begin elk item met '- '", "start each entry with '- '"),
    "hint.unknown-key": ("bedoelde je '{suggestion}'?", "did you mean '{suggestion}'?"),
    "hint.unknown-key.none": ("geldige sleutels: {valid}", "valid keys: {valid}"),
    "hint.missing-key": ("voeg '{key}:' toe", "add '{key}:'"),
    "hint.read-as-bool": ("zet het tussen aanhalingstekens: \"{raw}\" (yes/no/on/off worden anders als waar/onwaar gelezen)", "quote it: \"{raw}\" (yes/no/on/off are read as true/false)"),
    "hint.read-as-number": ("zet het tussen aanhalingstekens: \"{raw}\"", "quote it: \"{raw}\""),
    "hint.bad-value": ("geldige waarden: {expected}", "valid values: {expected}"),
    "hint.bad-slug": ("gebruik kleine letters, cijfers en koppeltekens", "use lowercase letters, digits and hyphens"),
    "hint.bad-url": ("alleen http://, https:// en mailto: zijn toegelaten", "only http://, https:// and mailto: are allowed"),
    "hint.bad-theme-id": ("gebruik cijfers met punten tussen aanhalingstekens, bv. \"4.10\"", "use dotted numbers in quotes, e.g. \"4.10\""),
    "hint.bad-item-id": ("gebruik letters, cijfers, punten en koppeltekens", "use letters, digits, dots and hyphens"),
    "hint.bad-ref": ("bv. \"4.2.1.3\" of \"ssw-2020-2024:4.2.1.3\"", "e.g. \"4.2.1.3\" or \"ssw-2020-2024:4.2.1.3\""),
    "hint.too-long": ("kort de tekst in of verwijs met een link", "shorten the text or link to it"),
    "hint.expected-mapping": ("schrijf 'sleutel: waarde'-regels", "write 'key: value' lines"),
    "hint.expected-list": ("schrijf een lijst: [a, b] of regels met '- '", "write a list: [a, b] or lines starting with '- '"),
    "hint.date-format": ("schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD", "write YYYY, YYYY-MM or YYYY-MM-DD"),
    "hint.date-month": ("een maand ligt tussen 1 en 12", "a month is between 1 and 12"),
    "hint.date-day": ("die maand heeft {last} dagen", "that month has {last} days"),
    "hint.id-not-folder": ("hernoem de map of pas de id aan", "rename the folder or change the id"),
    "hint.id-not-file": ("hernoem het bestand naar '{id}.yaml' of pas de id aan", "rename the file to '{id}.yaml' or change the id"),
    "hint.id-position": ("ids volgen de volgorde in het plan; voeg nieuwe items toe als regionale actie", "ids follow the plan's order; add new items as regional actions"),
    "hint.duplicate-id": ("geef elk item een eigen id", "give every item its own id"),
    "hint.unknown-ref": ("bedoelde je {suggestion}?", "did you mean {suggestion}?"),
    "hint.date-outside-plan": ("controleer het jaartal, of verwijs naar een ander plan met 'plan-id:id'", "check the year, or name another plan with 'plan-id:id'"),
    "hint.date-in-future": ("een update beschrijft wat gebeurd is; plan je iets, gebruik status gepland", "an update says what happened; for plans use status gepland"),
    "hint.unknown-platform-folder": ("geldige platformen: {valid}", "valid platforms: {valid}"),
    "hint.not-trackable": ("kies een van: {children}", "pick one of: {children}"),
    "hint.other-platform-action": ("registreer het bij {owner}, of maak een eigen actie aan", "record it under {owner}, or create an own action"),
    "hint.regional-item": ("registreer het met --region <regionaal platform>", "record it with --region <regional platform>"),
    "hint.flemish-item": ("registreer het met --region vlaanderen, of meld het als signaal", "record it with --region vlaanderen, or report it as a signal"),
    "hint.regional-id": ("gebruik <platform>.<jaar>.<nr>, bv. {platform}.2023.1", "use <platform>.<year>.<n>, e.g. {platform}.2023.1"),
    # --- errors that stop a command ------------------------------------------------------
    "err.problems": ("{count} probleem/problemen gevonden", "{count} problem(s) found"),
    "err.no-root": ("geen ssw-map gevonden vanaf {path} (een map met plan/ of ssw.toml); gebruik --root of SSW_ROOT", "no ssw root found from {path} (a folder holding plan/ or ssw.toml); use --root or SSW_ROOT"),
    "err.root-missing": ("map bestaat niet: {path}", "folder does not exist: {path}"),
    "err.not-a-root": ("{path} is geen ssw-map: er is geen plan/ of ssw.toml", "{path} is not an ssw root: no plan/ or ssw.toml"),
    "err.config": ("ongeldige configuratie {path}: {reason}", "invalid configuration {path}: {reason}"),
    "err.config-outside": ("{path}: plan = \"{plan}\" ligt buiten de git-werkmap", "{path}: plan = \"{plan}\" lies outside the git work tree"),
    "err.unknown-id": ("onbekende id '{id}'", "unknown id '{id}'"),
    "err.unknown-id-suggest": ("onbekende id '{id}'; bedoelde je: {suggestions}?", "unknown id '{id}'; did you mean: {suggestions}?"),
    "err.unknown-region": ("onbekend platform '{value}'; kies uit: {valid}", "unknown platform '{value}'; choose from: {valid}"),
    "err.unknown-plan": ("onbekend plan '{value}'; kies uit: {valid}", "unknown plan '{value}'; choose from: {valid}"),
    "err.unknown-kind": ("onbekend bestandssoort '{value}'; kies uit: {valid}", "unknown file kind '{value}'; choose from: {valid}"),
    "err.bad-date": ("ongeldige datum '{value}': schrijf JJJJ-MM-DD", "invalid date '{value}': write YYYY-MM-DD"),
    "err.bad-option": ("ongeldige waarde '{value}' voor {option}; kies uit: {valid}", "invalid value '{value}' for {option}; choose from: {valid}"),
    "err.write": ("kan niet schrijven naar {path}: {reason}", "cannot write to {path}: {reason}"),
    "err.lock": ("{path} is bezet door een ander ssw-proces; probeer opnieuw", "{path} is locked by another ssw process; try again"),
    "err.record-refused": ("niets geschreven: {path} is nu al ongeldig", "nothing written: {path} is invalid already"),
    "err.ended-plan-date": ("{plan} is afgelopen ({end}): geef met --date aan wanneer het gebeurde", "{plan} has ended ({end}): say when it happened with --date"),
    "err.note-required": ("geef een notitie met --note", "give a note with --note"),
    "err.git": ("git-fout: {reason}", "git error: {reason}"),
    "err.out-path": ("ongeldig uitvoerpad {path}: {reason}", "invalid output path {path}: {reason}"),
    "err.template": ("fout in sjabloon {name}: {reason}", "template error in {name}: {reason}"),
    "err.no-plan": ("geen plan gevonden in {path}", "no plan found in {path}"),
    "err.xlsx": ("xlsx vraagt het pakket openpyxl: pip install openpyxl", "xlsx needs the openpyxl package: pip install openpyxl"),
    "err.no-git": ("{path} is geen git-repository", "{path} is not a git repository"),
    "err.bad-ref": ("'{value}' is geen datum en geen git-referentie", "'{value}' is neither a date nor a git reference"),
    "err.internal": ("interne fout ({kind}): {detail}. Meld dit aan de ontwikkelaars.", "internal error ({kind}): {detail}. Please report this to the developers."),
    # --- status / show / regions -------------------------------------------------------
    "status.gerealiseerd": ("gerealiseerd", "realised"),
    "status.lopend": ("lopend", "ongoing"),
    "status.gepland": ("gepland", "planned"),
    "status.uitgesteld": ("uitgesteld", "postponed"),
    "status.geschrapt": ("geschrapt", "dropped"),
    "status.onbekend": ("onbekend", "unknown"),
    "kind.theme": ("thema", "theme"),
    "kind.action": ("actie", "action"),
    "kind.initiative": ("initiatief", "initiative"),
    "kind.goal": ("doelstelling", "goal"),
    "kind.sam-action": ("actie (SAM)", "action (SAM)"),
    "kind.contribution": ("bijdrage (SAM)", "contribution (SAM)"),
    "kind.regional-action": ("eigen actie van een platform", "a platform's own action"),
    "kind.platform": ("platform", "platform"),
    "kind.organisation": ("organisatie", "organisation"),
    "scope.vlaams": ("Vlaams niveau", "Flemish level"),
    "scope.regionaal": ("regionale platformen", "regional platforms"),
    "asof.today": ("stand op {date}", "as of {date}"),
    "asof.plan-end": ("stand op {date}, het einde van het plan", "as of {date}, the end of the plan"),
    "asof.given": ("stand op {date} (--as-of)", "as of {date} (--as-of)"),
    "st.summary": ("{total} items: {parts}", "{total} items: {parts}"),
    "st.no-data": ("Voor {unknown} van de {total} items is nog geen voortgang geregistreerd: ze tellen als onbekend, niet als gepland.", "For {unknown} of {total} items no progress has been recorded yet: they count as unknown, not as planned."),
    "st.col.id": ("id", "id"),
    "st.col.theme": ("thema", "theme"),
    "st.col.progress": ("voortgang", "progress"),
    "st.speerpunten": ("Speerpunten", "Spearheads"),
    "st.regions": ("Platformen", "Platforms"),
    "st.stale": ("Stil: geen update sinds meer dan {months} maanden", "Quiet: no update for more than {months} months"),
    "st.late": ("Te laat: vervaldatum voorbij, niet gerealiseerd", "Late: past due, not realised"),
    "st.none": ("geen", "none"),
    "st.filtered": ("filter: {filters}", "filter: {filters}"),
    "st.legend": ("✔ gerealiseerd  ▶ lopend  ○ gepland  ‖ uitgesteld  ✗ geschrapt  ? onbekend  ★ speerpunt", "✔ realised  ▶ ongoing  ○ planned  ‖ postponed  ✗ dropped  ? unknown  ★ spearhead"),
    "st.region-line": ("voorzitter: {chair} · laatste update: {last} · focus {year}: {focus} · open signalen: {signals} · eigen acties: {own}", "chair: {chair} · last update: {last} · focus {year}: {focus} · open signals: {signals} · own actions: {own}"),
    "st.incomplete": ("ONVOLLEDIG: ongeldige bestanden {files}", "INCOMPLETE: invalid files {files}"),
    "st.last": ("laatste update: {updates}", "last update: {updates}"),
    "st.due": ("verviel: {due}", "due: {due}"),
    "st.other-plans": ("Andere plannen: {plans} (gebruik --plan)", "Other plans: {plans} (use --plan)"),
    "show.title": ("{kind} {id}", "{kind} {id}"),
    "show.plan": ("plan", "plan"),
    "show.parent": ("onderdeel van", "part of"),
    "show.scope": ("uitvoering", "carried by"),
    "show.due": ("vervaldatum", "due"),
    "show.lead": ("trekker", "lead"),
    "show.partners": ("partners", "partners"),
    "show.krachtlijnen": ("krachtlijnen", "krachtlijnen"),
    "show.speerpunten": ("speerpunten", "spearheads"),
    "show.status": ("status", "status"),
    "show.per-platform": ("Status per platform", "Status per platform"),
    "show.history": ("Geschiedenis (nieuwste eerst)", "History (newest first)"),
    "show.no-history": ("nog geen updates: status onbekend", "no updates yet: status unknown"),
    "show.children": ("Onderdelen", "Parts"),
    "show.themes": ("thema's", "themes"),
    "show.decisions": ("Besluiten van de stuurgroep", "Decisions of the steering group"),
    "show.chair": ("voorzitter", "chair"),
    "show.focus": ("focus", "focus"),
    "show.members": ("samenstelling", "members"),
    "show.items": ("Items met deze organisatie", "Items naming this organisation"),
    "show.contacts": ("contactpersonen", "contacts"),
    "show.aliases": ("ook gespeld", "also spelt"),
    "show.unknown-chair": ("niet vermeld in de bronnen", "not named in the sources"),
    "show.stil": ("stil", "quiet"),
    "show.te-laat": ("te laat", "late"),
    "show.lead-source": ("bron trekker", "lead source"),
    "rg.col.platform": ("platform", "platform"),
    "rg.col.chair": ("voorzitter", "chair"),
    "rg.col.last": ("laatst", "latest"),
    "rg.col.focus": ("focus {year}", "focus {year}"),
    "rg.col.updates": ("upd. {year}", "upd. {year}"),
    "rg.col.own": ("eigen acties", "own actions"),
    "rg.col.signals": ("signalen", "signals"),
    # --- output --------------------------------------------------------------------------
    "out.valid": ("geen problemen: {files} bestanden, {items} items, {updates} updates", "no problems: {files} files, {items} items, {updates} updates"),
    "out.problem-count": ("{count} probleem/problemen in {files} bestand(en)", "{count} problem(s) in {files} file(s)"),
    "out.schema-written": ("{count} schema's geschreven naar {path}", "{count} schemas written to {path}"),
    "out.recorded": ("geregistreerd in {path}:{line}: {target} → {status}", "recorded in {path}:{line}: {target} → {status}"),
    "out.committed": ("commit {sha}: {message}", "commit {sha}: {message}"),
    "out.report-written": ("rapport geschreven: {path}", "report written: {path}"),
    "out.export-written": ("export geschreven: {path}", "export written: {path}"),
}


def t(key: str, lang: str = "nl", /, **params: Any) -> str:
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    template = pair[1] if lang == "en" else pair[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def problem_message(code: str, lang: str, params: dict[str, Any]) -> str:
    return t(f"problem.{code}", lang, **params)


def problem_hint(code: str, lang: str, params: dict[str, Any]) -> str:
    if code == "unknown-key" and not params.get("suggestion"):
        return t("hint.unknown-key.none", lang, **params) if params.get("valid") else ""
    if code == "unknown-ref" and not params.get("suggestion"):
        return ""
    key = f"hint.{code}"
    return t(key, lang, **params) if key in MESSAGES else ""


MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def format_date(value: Any, lang: str = "nl") -> str:
    """`14 maart 2023` / `14 March 2023`; partial dates keep their precision."""
    from ssw.dates import PartialDate

    if isinstance(value, dt.date):
        value = PartialDate(value.year, value.month, value.day)
    if not isinstance(value, PartialDate):
        return str(value)
    months = MONTHS["en" if lang == "en" else "nl"]
    if value.day:
        return f"{value.day} {months[value.month - 1]} {value.year}"
    if value.month:
        return f"{months[value.month - 1]} {value.year}"
    return str(value.year)
