#!/usr/bin/env python3
"""Generate a synthetic, valid `ssw` data root for benchmarks.

    python benchmarks/generate.py --scale S|M|L --out DIR [--seed N]

Deterministic: the same arguments give byte-identical files (one seeded
`random.Random`, sorted output, no timestamps). The result is a root that
`ssw --root DIR validate` finds clean:

- plan/organisations.yaml
- plan/ssw-2020-2024/plan.yaml       (period 2020-2024, family ssw, the five
                                      krachtlijnen, four speerpunten, milestones)
- plan/ssw-2020-2024/themes/4.N.yaml (ids follow position: 4.N.A, 4.N.A.I)
- regions/<platform>/platform.yaml   (`vlaanderen` is vlaams, the rest regionaal)
- regions/<platform>/updates/<year>.yaml

About 15% of the initiatives are `scope: regionaal`; regional platforms only
update those, `vlaanderen` only the others. Every dated thing lies in 2020-2024.
Files are written with plain string formatting in the block style of
docs/data-format.md (fast, and the shape users write by hand).

Scales (see SCALES): S is about the real plan; M about 1,000 actions and
10,000 updates; L about 10,000 actions and 100,000 updates on 50 platforms.
XS is a tiny scale for tests; --themes/--actions/--updates/--platforms override
a scale's numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

#: Bump when the output changes, so benchmarks/run.py regenerates stale trees.
GENERATOR_VERSION = 2
STAMP = ".ssw-bench-stamp.json"
PLAN_ID = "ssw-2020-2024"
YEARS = (2020, 2021, 2022, 2023, 2024)
PLAN_START = dt.date(2020, 1, 1)
PLAN_DAYS = (dt.date(2024, 12, 31) - PLAN_START).days + 1


@dataclass(frozen=True)
class Scale:
    themes: int
    actions: int  # in total, spread evenly over the themes
    initiatives: tuple[int, int]  # per action: uniform in [lo, hi]
    updates: int
    platforms: int  # including vlaanderen
    organisations: int
    empty_every: int  # every n-th action has no initiatives (takes updates itself); 0: only the last


SCALES: dict[str, Scale] = {
    # the real plan: 11 themes, 17 actions, 76 initiatives, 7 platforms
    "XS": Scale(themes=11, actions=12, initiatives=(1, 3), updates=30, platforms=4, organisations=5, empty_every=0),
    "S": Scale(themes=11, actions=17, initiatives=(2, 7), updates=100, platforms=7, organisations=12, empty_every=0),
    "M": Scale(themes=100, actions=1_000, initiatives=(3, 7), updates=10_000, platforms=20, organisations=40, empty_every=50),
    "L": Scale(themes=1_000, actions=10_000, initiatives=(3, 7), updates=100_000, platforms=50, organisations=100, empty_every=50),
}

KRACHTLIJNEN = [
    ("nabijheid", "Nabijheid"),
    ("politiserend", "Politiserend werken"),
    ("procesmatig", "Procesmatig werken"),
    ("generalistisch", "Generalistisch werken"),
    ("verbindend", "Verbindend werken"),
]
IMPACTDOMEINEN = [("praktijk", "Praktijk"), ("beleid", "Beleid"), ("samenleving", "Samenleving"), ("opleiding", "Opleiding")]
# speerpunt -> the theme the real plan links it to (by that theme's title)
SPEERPUNTEN = [
    ("draagvlak", "Het creëren van draagvlak voor sterk sociaal werk", "4.10"),
    ("multidisciplinair", "Sterk sociaal werk in een multidisciplinaire context", "4.6"),
    ("superdivers", "Sterk sociaal werk in een superdiverse context", "4.3"),
    ("hybridisering", "Sterk sociaal werk in een context van hybridisering", "4.7"),
]
MILESTONES = [
    ("sociaalwerkconferentie-2022", "Tussentijdse evaluatie op de Sociaalwerkconferentie 2022", "2022", "tussentijds"),
    ("globale-evaluatie-2024", "Globale evaluatie van het actieplan tegen eind 2024", "2024-12", "eindevaluatie"),
]
REAL_REGIONS = ["antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant", "west-vlaanderen", "brussel"]
PROVINCES = {
    "antwerpen": "Antwerpen", "limburg": "Limburg", "oost-vlaanderen": "Oost-Vlaanderen",
    "vlaams-brabant": "Vlaams-Brabant", "west-vlaanderen": "West-Vlaanderen", "brussel": "Brussel",
}
# (status, weight)
STATUSES = [("lopend", 40), ("gerealiseerd", 25), ("gepland", 20), ("uitgesteld", 10), ("geschrapt", 5)]

# Letters only, so every generated sentence is a safe plain YAML scalar.
WORDS = ["sociaal", "werk", "werkers", "praktijk", "beleid", "samenleving", "opleiding", "netwerk", "regio", "platform", "lokaal", "bestuur", "rechten", "grondrechten", "toegang", "kwetsbare", "personen", "gezinnen", "jongeren", "buurt", "wijk", "eerstelijn", "onthaal", "armoede", "wonen", "gezondheid", "onderwijs", "digitale", "drempels", "samenwerking", "partners", "vorming", "intervisie", "lerend", "traject", "inspiratie", "goede", "praktijken", "knelpunten", "signalen", "evaluatie", "impact", "verbinding", "dialoog", "participatie", "ervaringsdeskundigen", "vrijwilligers", "organisaties", "steunpunt", "hogeschool", "lectoren", "studenten", "onderzoek", "methodiek", "inventaris", "bijeenkomst", "studiedag", "conferentie", "stuurgroep", "kerngroep", "agenda", "thema", "versterken", "ondersteunen", "verspreiden", "ontwikkelen", "verkennen", "bundelen", "brengen", "zetten", "maken", "delen", "bouwen", "samen", "verder", "concreet", "structureel", "regionaal", "vlaams", "breed", "nieuw", "gedeeld", "duurzaam"]


def sentence(rng: random.Random, lo: int = 6, hi: int = 16) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    if len(words) > 8 and rng.random() < 0.4:
        words[len(words) // 2] += ","
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def block(text_paragraphs: list[str], indent: str) -> str:
    """A `|-` block scalar body, every line indented."""
    lines = []
    for i, par in enumerate(text_paragraphs):
        if i:
            lines.append("")
        lines.append(indent + par)
    return "\n".join(line if line else "" for line in lines)


def flow_list(values: list[str], quote: bool = False) -> str:
    if quote:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"
    return "[" + ", ".join(values) + "]"


@dataclass
class Counts:
    themes: int = 0
    actions: int = 0
    initiatives: int = 0
    trackable: int = 0  # initiatives + actions without initiatives
    regional: int = 0  # trackable items with scope regionaal
    updates: int = 0
    platforms: int = 0
    organisations: int = 0
    files: int = 0
    bytes: int = 0

    @property
    def items(self) -> int:
        return self.themes + self.actions + self.initiatives


class Writer:
    def __init__(self, out: Path, counts: Counts) -> None:
        self.out = out
        self.counts = counts

    def write(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.counts.files += 1
        self.counts.bytes += len(data)


def gen_organisations(rng: random.Random, n: int, theme_ids: list[str]) -> tuple[str, list[str]]:
    ids = [f"organisatie-{i:03d}" for i in range(1, n + 1)]
    out = ["# Synthetische organisaties (benchmarks/generate.py): geen echte gegevens.\n"]
    for i, oid in enumerate(ids, 1):
        out.append(f"- id: {oid}\n  name: Organisatie {i:03d} {rng.choice(WORDS).capitalize()}\n")
        out.append(f"  aliases: [Org {i:03d}]\n  kind: steunpunt\n")
        if rng.random() < 0.5:
            out.append("  contacts:\n")
            for c in range(rng.randint(1, 2)):
                themes = sorted(set(rng.sample(theme_ids, k=min(2, len(theme_ids)))), key=_natural)
                out.append(f"    - name: Contact {i:03d}-{c + 1}\n")
                out.append(f"      topics: [{rng.choice(WORDS).capitalize()}, {rng.choice(WORDS).capitalize()}]\n")
                out.append(f"      themes: {flow_list(themes, quote=True)}\n")
    return "".join(out), ids


def _natural(item_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in item_id.split("."))


def gen_plan(rng: random.Random, theme_ids: list[str]) -> str:
    out = [
        f'id: "{PLAN_ID}"\n',
        "family: ssw\n",
        "title: Actieplan Sterk Sociaal Werk 2020-2024 (synthetisch)\n",
        "period:\n  start: 2020-01-01\n  end: 2024-12-31\n",
        "source: Synthetische benchmarkdata, gegenereerd door benchmarks/generate.py\n",
        "mission: |-\n" + block([paragraph(rng, 2, 3)], "  ") + "\n",
        "krachtlijnen:\n",
    ]
    for kid, title in KRACHTLIJNEN:
        out.append(f'  - id: "{kid}"\n    title: {title}\n    text: |-\n{block([paragraph(rng, 4, 7)], "      ")}\n')
    out.append("impactdomeinen:\n")
    for iid, title in IMPACTDOMEINEN:
        out.append(f'  - id: "{iid}"\n    title: {title}\n    text: |-\n{block([paragraph(rng, 2, 4)], "      ")}\n')
        out.append("    impacts:\n")
        for _ in range(rng.randint(2, 6)):
            out.append(f"      - {sentence(rng)}\n")
    out.append("speerpunten:\n")
    for sid, title, theme in SPEERPUNTEN:
        linked = theme if theme in theme_ids else theme_ids[-1]
        out.append(f'  - id: "{sid}"\n    title: {title}\n    themes: ["{linked}"]\n')
        out.append(f"    basis: Linked to {linked} by that theme's title (synthetic data).\n")
    out.append("milestones:\n")
    for mid, title, date, kind in MILESTONES:
        out.append(f'  - id: "{mid}"\n    title: {title}\n    date: "{date}"\n    kind: {kind}\n')
        out.append(f"    text: |-\n{block([paragraph(rng, 1, 3)], '      ')}\n")
    return "".join(out)


@dataclass
class Trackable:
    id: str
    regional: bool


def gen_theme(rng: random.Random, scale: Scale, theme_id: str, n_actions: int, orgs: list[str],
              action_counter: list[int], counts: Counts, trackables: list[Trackable]) -> str:
    out = [
        f'id: "{theme_id}"\n',
        f"title: Thema {theme_id} {sentence(rng, 4, 9)}\n",
        f'heading: "{theme_id}. THEMA {theme_id}"\n',
        f"challenge: uitdaging-{theme_id.replace('.', '-')}\n",
        "text: |-\n" + block([paragraph(rng, 2, 5) for _ in range(rng.randint(1, 3))], "  ") + "\n",
    ]
    kl = rng.sample([k for k, _ in KRACHTLIJNEN], k=rng.choice((0, 0, 1, 2)))
    out.append(f"krachtlijnen: {flow_list(kl)}\n")
    out.append("actions:\n")
    counts.themes += 1
    for a in range(1, n_actions + 1):
        action_counter[0] += 1
        aid = f"{theme_id}.{a}"
        counts.actions += 1
        if scale.empty_every:
            empty = action_counter[0] % scale.empty_every == 0
        else:
            empty = action_counter[0] == scale.actions  # the last one, like 4.11.1
        out.append(f'  - id: "{aid}"\n    title: {sentence(rng, 6, 14)}\n')
        out.append("    text: |-\n" + block([paragraph(rng, 1, 4)], "      ") + "\n")
        a_kl = rng.sample([k for k, _ in KRACHTLIJNEN], k=rng.choice((0, 0, 1)))
        out.append(f"    krachtlijnen: {flow_list(a_kl)}\n")
        if rng.random() < 0.1:
            out.append(f"    lead: {rng.choice(orgs)}\n")
        else:
            out.append("    lead: null\n")
        if empty:
            out.append("    initiatives: []\n")
            counts.trackable += 1
            trackables.append(Trackable(aid, False))
            continue
        out.append("    initiatives:\n")
        for i in range(1, rng.randint(*scale.initiatives) + 1):
            iid = f"{aid}.{i}"
            counts.initiatives += 1
            counts.trackable += 1
            regional = is_regional(rng, counts.initiatives)
            trackables.append(Trackable(iid, regional))
            out.append(f'      - id: "{iid}"\n        text: {sentence(rng, 8, 24)}\n')
            if regional:
                counts.regional += 1
                out.append("        scope: regionaal\n")
            r = rng.random()
            if r < 0.1:
                out.append(f'        due: "{rng.choice(YEARS)}"\n')
            elif r < 0.15:
                out.append(f'        due: "{rng.choice(YEARS)}-{rng.randint(1, 12):02d}"\n')
            if rng.random() < 0.03:
                out.append(f"        milestone: {MILESTONES[0][0]}\n")
            if rng.random() < 0.3:
                partners = sorted(set(rng.sample(orgs, k=min(len(orgs), rng.randint(1, 2)))))
                out.append(f"        partners: {flow_list(partners)}\n")
            if rng.random() < 0.5:
                i_kl = rng.sample([k for k, _ in KRACHTLIJNEN], k=rng.randint(1, 2))
                out.append(f"        krachtlijnen: {flow_list(i_kl)}\n")
            if rng.random() < 0.05:
                out.append(f"        speerpunten: [{rng.choice(SPEERPUNTEN)[0]}]\n")
    return "".join(out)


_REGIONAL_BLOCK: list[int] = []


def is_regional(rng: random.Random, n: int) -> bool:
    """Exactly 3 of every 20 initiatives (15%), at random places in each block of 20."""
    index = (n - 1) % 20
    if index == 0:
        _REGIONAL_BLOCK[:] = rng.sample(range(20), 3)
    return index in _REGIONAL_BLOCK


def platform_ids(n: int) -> list[str]:
    """`vlaanderen` plus n-1 regional platforms: the real six first, then regio-NN."""
    regional = REAL_REGIONS[: n - 1] + [f"regio-{i:02d}" for i in range(len(REAL_REGIONS) + 1, n)]
    return ["vlaanderen"] + regional


def gen_platform(rng: random.Random, pid: str, theme_ids: list[str], orgs: list[str]) -> str:
    if pid == "vlaanderen":
        out = [
            "id: vlaanderen\nname: Vlaams Platform Sterk Sociaal Werk (synthetisch)\nlevel: vlaams\n",
            "chair:\n  name: Voorzitter Vlaams Platform\n",
            "bodies:\n",
        ]
        for bid, name in (("kerngroep", "Kerngroep"), ("stuurgroep", "Stuurgroep"), ("klankbordgroep", "Klankbordgroep")):
            out.append(f"  - id: {bid}\n    name: {name}\n    text: |-\n{block([paragraph(rng, 1, 2)], '      ')}\n")
            out.append("    members:\n")
            for org in rng.sample(orgs, k=min(3, len(orgs))):
                out.append(f"      - text: een vertegenwoordiging van {org}\n        organisation: {org}\n")
        return "".join(out)
    province = PROVINCES.get(pid, pid.replace("-", " ").title())
    out = [
        f"id: {pid}\nname: Regionaal platform Sterk Sociaal Werk {province}\nlevel: regionaal\nprovince: {province}\n",
        f"chair:\n  name: Voorzitter {province}\n  organisation: {rng.choice(orgs)}\n",
        "focus:\n",
    ]
    for year in YEARS:
        themes = sorted(set(rng.sample(theme_ids, k=min(len(theme_ids), rng.randint(1, 3)))), key=_natural)
        out.append(f"  - year: {year}\n    themes: {flow_list(themes, quote=True)}\n")
    return "".join(out)


def gen_updates(rng: random.Random, pid: str, n: int, pool: list[Trackable], author: str) -> dict[int, str]:
    """One platform's log: n updates on `pool`, dated in 2020-2024, one file per year."""
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    entries: list[tuple[dt.date, str, str]] = []  # (sort date, date text, body)
    for _ in range(n):
        day = PLAN_START + dt.timedelta(days=rng.randrange(PLAN_DAYS))
        text = day.isoformat() if rng.random() < 0.9 else day.isoformat()[:7]
        target = rng.choice(pool).id
        status = rng.choices(statuses, weights)[0]
        note = sentence(rng, 5, 18)
        body = f'  target: "{target}"\n  status: {status}\n  author: {author}\n'
        if rng.random() < 0.2:
            body += f"  links:\n    - https://example.org/{pid}/verslag/{rng.randrange(100_000)}\n"
        body += f"  note: {note}\n"  # required and always the last key (docs/data-format.md)
        entries.append((day if len(text) == 10 else day.replace(day=1), text, body))
    entries.sort(key=lambda e: e[0])  # stable: same-day entries keep generation order
    files: dict[int, list[str]] = {}
    for day, text, body in entries:
        files.setdefault(day.year, []).append(f"- date: {text}\n{body}")
    header = f"# Voortgangslogboek {pid} (synthetisch): enkel toevoegen, nooit bestaande regels wijzigen.\n"
    return {year: header + "".join(parts) for year, parts in sorted(files.items())}


def split_updates(total: int, n_regional: int, has_regional_items: bool) -> list[int]:
    """Updates per platform: vlaanderen 30%, the rest evenly over the regional ones."""
    if n_regional == 0 or not has_regional_items:
        return [total] + [0] * n_regional
    flemish = round(total * 0.3)
    rest = total - flemish
    base, extra = divmod(rest, n_regional)
    return [flemish] + [base + (1 if i < extra else 0) for i in range(n_regional)]


def generate(scale: Scale, out: Path, seed: int = 1, name: str = "custom") -> Counts:
    """Write the tree into `out` (which must be empty or a previous generator output)."""
    prepare(out)
    rng = random.Random(f"ssw-bench:{seed}")
    counts = Counts()
    w = Writer(out, counts)
    theme_ids = [f"4.{t}" for t in range(1, scale.themes + 1)]

    text, orgs = gen_organisations(rng, scale.organisations, theme_ids)
    counts.organisations = len(orgs)
    w.write("plan/organisations.yaml", text)
    w.write(f"plan/{PLAN_ID}/plan.yaml", gen_plan(rng, theme_ids))

    base, extra = divmod(scale.actions, scale.themes)
    action_counter = [0]
    trackables: list[Trackable] = []
    for t, theme_id in enumerate(theme_ids):
        n_actions = base + (1 if t < extra else 0)
        w.write(f"plan/{PLAN_ID}/themes/{theme_id}.yaml",
                gen_theme(rng, scale, theme_id, n_actions, orgs, action_counter, counts, trackables))

    flemish_pool = [tr for tr in trackables if not tr.regional]
    regional_pool = [tr for tr in trackables if tr.regional]
    platforms = platform_ids(scale.platforms)
    counts.platforms = len(platforms)
    shares = split_updates(scale.updates, len(platforms) - 1, bool(regional_pool))
    for pid, share in zip(platforms, shares):
        w.write(f"regions/{pid}/platform.yaml", gen_platform(rng, pid, theme_ids, orgs))
        pool = flemish_pool if pid == "vlaanderen" else regional_pool
        if not share or not pool:
            continue
        author = "Vlaams Platform" if pid == "vlaanderen" else f"Voorzitter {pid}"
        for year, body in gen_updates(rng, pid, share, pool, author).items():
            w.write(f"regions/{pid}/updates/{year}.yaml", body)
        counts.updates += share

    stamp = {"generator": GENERATOR_VERSION, "scale": name, "seed": seed, "params": asdict(scale),
             "counts": {**asdict(counts), "items": counts.items}}
    # written last: a tree without a stamp is incomplete and never reused
    (out / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return counts


def prepare(out: Path) -> None:
    """Empty `out` of a previous output; refuse a folder that holds anything else."""
    if out.exists():
        entries = {p.name for p in out.iterdir()}
        # a stamp marks a finished output; plan/ and regions/ alone, an interrupted one
        if entries and STAMP not in entries and not entries <= {"plan", "regions"}:
            raise SystemExit(f"generate.py: {out} is not empty and not a generator output; refusing to overwrite")
        for sub in ("plan", "regions"):
            if (out / sub).is_dir():
                shutil.rmtree(out / sub)
        (out / STAMP).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def read_stamp(out: Path) -> dict | None:
    try:
        return json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def scale_for(name: str, **overrides: int | None) -> Scale:
    scale = SCALES[name]
    changes = {k: v for k, v in overrides.items() if v is not None}
    return replace(scale, **changes) if changes else scale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic ssw data root (deterministic).")
    parser.add_argument("--scale", choices=list(SCALES), default="S", type=str.upper, metavar="S|M|L",
                        help="S: the real plan's size; M: ~1,000 actions, ~10,000 updates; "
                             "L: ~10,000 actions, ~100,000 updates on 50 platforms")
    parser.add_argument("--out", required=True, type=Path, help="output folder (created; a previous output is replaced)")
    parser.add_argument("--seed", type=int, default=1)
    # hidden knobs for tests (besides the hidden scale XS): override a scale's numbers
    for knob in ("themes", "actions", "updates", "platforms"):
        parser.add_argument(f"--{knob}", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    name = args.scale
    custom = any(getattr(args, k) is not None for k in ("themes", "actions", "updates", "platforms"))
    scale = scale_for(name, themes=args.themes, actions=args.actions, updates=args.updates, platforms=args.platforms)
    if scale.themes < 1 or scale.actions < scale.themes or scale.platforms < 1 or scale.updates < 0:
        parser.error("need themes >= 1, actions >= themes, platforms >= 1, updates >= 0")
    counts = generate(scale, args.out, args.seed, name + ("+custom" if custom else ""))
    print(f"{name}: {counts.themes} themes, {counts.actions} actions, {counts.initiatives} initiatives "
          f"({counts.trackable} trackable, {counts.regional} regional), {counts.updates} updates, "
          f"{counts.platforms} platforms, {counts.files} files, {counts.bytes / 1e6:.1f} MB -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
