"""One pydantic model per file kind. Strict: unknown keys are errors, ids are text.

The models say what a *single file* may hold; what files say about each other
(references, duplicate ids, dates inside a plan's period) is checked in `checks.py`.
"""

# No `from __future__ import annotations` here: pydantic would have to evaluate every
# annotation from its text when each class is created (a fifth of this module's import).

import re
from enum import Enum
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ssw.dates import DateError, PartialDate

MAX_TEXT = 20_000


class Status(str, Enum):
    gepland = "gepland"
    lopend = "lopend"
    gerealiseerd = "gerealiseerd"
    uitgesteld = "uitgesteld"
    geschrapt = "geschrapt"


#: the three documents of the stuurgroep (ssw report --kind), and what a judgement says
Moment = Literal["jaaroverzicht", "tussentijds", "eindevaluatie"]
Rating = Literal["op-koers", "aandacht", "achter", "geen-oordeel"]
MOMENTS: tuple[str, ...] = get_args(Moment)
RATINGS: tuple[str, ...] = get_args(Rating)

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
Url = Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:)\S+$", max_length=2_000)]


UpdateId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=200)]
Ref = Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+:)?[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=200)]
ThemeId = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$", max_length=50)]
#: `vervolg_van: "ssw-2020-2024:4.8.2.1"`: the item of an earlier plan this one continues
PlanRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=200)]


def _partial_date(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        raise PydanticCustomError(exc.code, "invalid date {value}", {k: str(v) for k, v in exc.params.items()}) from None


Date = Annotated[
    PartialDate,
    BeforeValidator(_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2999},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
        }
    ),
]


def _state_date(value: Any) -> PartialDate:
    """A state change carries its date (`dropped: 2024-03`, `done: 2023-11-30`): a bare
    `true` says nothing about when, so a view as of an earlier date could not tell."""
    if isinstance(value, bool):
        raise PydanticCustomError("state-needs-date", "a state change needs its date", {"value": str(value).lower()})
    return _partial_date(value)


StateDate = Annotated[
    PartialDate,
    BeforeValidator(_state_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2999},
            ],
            "description": "the date it happened on: YYYY, YYYY-MM or YYYY-MM-DD (leave the key out until then)",
        }
    ),
]


class Strict(BaseModel):
    # defer_build: a model's validator is built on first use, so a command pays only for
    # the file kinds it reads (about 50 ms of a cold `ssw status`).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- plan ------------------------------------------------------------------------------


class Period(Strict):
    start: Date
    end: Date


class Krachtlijn(Strict):
    id: Slug
    title: Title
    text: Text = ""


class Impactdomein(Strict):
    id: Slug
    title: Title
    text: Text = ""
    impacts: list[Text] = []


class Speerpunt(Strict):
    id: Slug
    title: Title
    themes: list[ThemeId] = []
    basis: Text = ""


class Milestone(Strict):
    id: Slug
    title: Title
    date: Date
    kind: Moment | None = None
    text: Text = ""


class Task(Strict):
    """A task the plan gives a level of its governance (chapter 3): `vlaams` for the
    Vlaams Platform, `regionaal` for every regional platform."""

    level: Literal["vlaams", "regionaal"]
    title: Title
    text: Text = ""
    items: list[Text] = []


class Obligation(Strict):
    """Something the plan asks of a level of its governance again and again (chapters 3
    and 5): the chairs' yearly planning, the yearly overview at the stuurgroep, the
    follow-up of the speerpunten. `text` is the plan's sentence, word for word; `every`
    how often the plan says it recurs; `basis` why, where that is a reading."""

    id: Slug
    level: Literal["vlaams", "regionaal"]
    every: Literal["jaarlijks", "geregeld"]
    text: Text
    source: Text = ""  # where in the plan (chapter/section)
    basis: Text = ""


class Footnote(Strict):
    """A footnote of the plan, word for word: its `mark` (¹), the words of the text it
    stands `after`, and its own `text`."""

    mark: str
    after: Text
    text: Text


class Variant(Strict):
    goal: str
    title: Title | None = None
    text: Text | None = None


class Bullet(Strict):
    text: Text
    goals: list[ItemId] = []


class Goal(Strict):
    id: ItemId
    type: Literal["strategisch", "praktijk"]
    title: Title
    text: Text = ""
    aims: list[Text] = []


class SamAction(Strict):
    id: ItemId
    title: Title
    text: Text = ""
    goals: list[ItemId] = []
    bullets: list[Bullet] = []
    themes: list[Ref] = []
    partners: list[Slug] = []
    lead: Slug | None = None
    variants: list[Variant] = []
    basis: Text = ""  # why, where this is the transcriber's reading rather than the source's words
    vervolg_van: PlanRef | None = None


class Contribution(Strict):
    id: ItemId
    title: Title
    text: Text = ""
    themes: list[Ref] = []
    partners: list[Slug] = []
    basis: Text = ""  # why, where this is the transcriber's reading rather than the source's words


class PlanFile(Strict):
    id: Slug
    family: Slug
    title: Title
    period: Period
    source: Text = ""
    mission: Text = ""
    krachtlijnen: list[Krachtlijn] = []
    impactdomeinen: list[Impactdomein] = []
    speerpunten: list[Speerpunt] = []
    milestones: list[Milestone] = []
    tasks: list[Task] = []
    obligations: list[Obligation] = []
    goals: list[Goal] = []
    actions: list[SamAction] = []
    contributions: list[Contribution] = []


# --- themes ----------------------------------------------------------------------------


class Initiative(Strict):
    id: ThemeId
    text: Text
    scope: Literal["vlaams", "regionaal"] = "vlaams"
    due: Date | None = None
    milestone: Slug | None = None
    lead: Slug | None = None
    partners: list[Slug] = []
    krachtlijnen: list[Slug] = []
    speerpunten: list[Slug] = []
    basis: Text = ""  # why, where this is the transcriber's reading rather than the source's words
    vervolg_van: PlanRef | None = None


class Action(Strict):
    id: ThemeId
    title: Title
    text: Text = ""
    scope: Literal["vlaams", "regionaal"] = "vlaams"
    due: Date | None = None
    milestone: Slug | None = None
    lead: Slug | None = None
    lead_source: Text | None = None
    partners: list[Slug] = []
    krachtlijnen: list[Slug] = []
    speerpunten: list[Slug] = []
    vervolg_van: PlanRef | None = None
    initiatives: list[Initiative] = []
    basis: Text = ""  # why, where this is the transcriber's reading rather than the source's words
    footnotes: list[Footnote] = []


class ThemeFile(Strict):
    id: ThemeId
    title: Title
    heading: Text = ""
    challenge: Text | None = None
    sam_name: Text | None = None  # SAM's own name for this challenge (its page, seed 001)
    sam_name_basis: Text = ""  # why this SAM name belongs to this theme, where that is a reading
    footnotes: list[Footnote] = []
    text: Text = ""
    krachtlijnen: list[Slug] = []
    speerpunten: list[Slug] = []
    vervolg_van: PlanRef | None = None
    actions: list[Action] = []


# --- organisations -------------------------------------------------------------------


class Contact(Strict):
    name: Title
    topics: list[Text] = []
    themes: list[Ref] = []
    basis: Text = ""  # why, where this is the transcriber's reading rather than the source's words


class Organisation(Strict):
    id: Slug
    name: Title
    aliases: list[Title] = []
    kind: Text | None = None
    url: Url | None = None
    contacts: list[Contact] = []


# --- regions ---------------------------------------------------------------------------


class Person(Strict):
    name: Title
    organisation: Slug | None = None


class Member(Strict):
    text: Text
    organisation: Slug | None = None


class Body(Strict):
    id: Slug
    name: Title
    text: Text = ""
    members: list[Member] = []


class Focus(Strict):
    year: int = Field(strict=True, ge=1900, le=2999)  # strict: "+2023" or "2_023" text is no year
    themes: list[Ref] = []


class PlatformFile(Strict):
    id: Slug
    name: Title
    level: Literal["regionaal", "vlaams"]
    province: Title | None = None
    chair: Person | None = None
    bodies: list[Body] = []
    focus: list[Focus] = []


class Update(Strict):
    # First key, unique among all updates: no two entries share their first line, so git's
    # union merge can never fuse two updates into one (docs/data-format.md). `record`
    # always writes one; hand-written entries should have one too.
    id: UpdateId | None = None
    date: Date
    target: Ref
    status: Status
    author: Text | None = None
    basis: Text = ""  # why, where this is the transcriber's reading rather than the source's words
    links: list[Url] = []
    note: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]


class RegionalAction(Strict):
    id: ItemId
    date: Date
    title: Title
    text: Text = ""
    themes: list[Ref] = Field(min_length=1)
    krachtlijnen: list[Slug] = []
    speerpunten: list[Slug] = []
    due: Date | None = None
    dropped: StateDate | None = None  # the date the platform dropped it


class Signal(Strict):
    id: ItemId
    type: Literal["signaal", "goede-praktijk"]
    date: Date
    title: Title
    text: Text = ""
    themes: list[Ref] = []
    items: list[Ref] = []
    status: Literal["open", "beantwoord"] | None = None
    # a good practice (chapter 5: the interim evaluation shows them to the public)
    waarom: Text = ""  # why it is brought forward as a good practice
    kritische_succesfactoren: list[Annotated[str, StringConstraints(min_length=1, max_length=2_000)]] = []


class Decision(Strict):
    id: ItemId
    date: Date
    text: Text
    items: list[Ref] = []
    meeting: ItemId | None = None  # the meeting (meetings.yaml) that took the decision
    follow_up: Date | None = None
    done: StateDate | None = None  # the date the follow-up was done




class Evaluation(Strict):
    """The stuurgroep's judgement of a theme, speerpunt, platform or the whole plan at
    one moment (a year's overview, the interim or the final evaluation)."""

    id: ItemId
    moment: Moment
    year: int | None = None  # jaaroverzicht: the year judged
    date: Date  # when the stuurgroep gave this judgement
    by: Title  # who judged (the stuurgroep, a working group, ...)
    plan: Slug | None = None  # default: the SSW plan whose period holds `date`
    # the subject: at most one of these; none of them: the plan as a whole
    theme: Ref | None = None
    speerpunt: Slug | None = None
    krachtlijn: Slug | None = None
    impactdomein: Slug | None = None
    platform: Slug | None = None
    rating: Rating
    reasoning: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
    effect: Text = ""  # the effect of the plan (final evaluation above all)
    policy: Text = ""  # the policy translation of its results
    links: list[Url] = []
class Overview(Strict):
    """The yearly overviews of one year on a meeting's agenda (chapter 5 of the plan)."""

    year: int = Field(strict=True, ge=1900, le=2999)  # strict: "+2023" or "2_023" text is no year
    presented: list[Slug] = []  # the regional platforms that presented theirs


class Meeting(Strict):
    id: ItemId
    date: Date
    body: Slug  # a body of the Vlaams Platform: kerngroep, stuurgroep, ...
    overviews: list[Overview] = []
    minutes: Url | None = None
    note: Text = ""


# --- file kinds ------------------------------------------------------------------------

#: kind -> (model, is a list of entries)
KINDS: dict[str, tuple[type[BaseModel], bool]] = {
    "plan": (PlanFile, False),
    "theme": (ThemeFile, False),
    "organisations": (Organisation, True),
    "platform": (PlatformFile, False),
    "updates": (Update, True),
    "regional-actions": (RegionalAction, True),
    "signals": (Signal, True),
    "decisions": (Decision, True),
    "evaluations": (Evaluation, True),
    "meetings": (Meeting, True),
}

_PATTERNS = [
    (re.compile(r"^plan/organisations\.ya?ml$"), "organisations"),
    (re.compile(r"^plan/[^/]+/plan\.ya?ml$"), "plan"),
    (re.compile(r"^plan/[^/]+/themes/[^/]+\.ya?ml$"), "theme"),
    (re.compile(r"^regions/[^/]+/platform\.ya?ml$"), "platform"),
    (re.compile(r"^regions/[^/]+/updates/\d{4}\.ya?ml$"), "updates"),  # a log is named by its year
    (re.compile(r"^regions/[^/]+/actions\.ya?ml$"), "regional-actions"),
    (re.compile(r"^regions/[^/]+/signals\.ya?ml$"), "signals"),
    (re.compile(r"^regions/vlaanderen/decisions\.ya?ml$"), "decisions"),
    (re.compile(r"^regions/vlaanderen/evaluations\.ya?ml$"), "evaluations"),
    (re.compile(r"^regions/vlaanderen/meetings\.ya?ml$"), "meetings"),
]


def kind_of(rel: str) -> str | None:
    """The file kind from its place in the tree (`plan/...` or `regions/...`)."""
    for rx, kind in _PATTERNS:
        if rx.match(rel):
            return kind
    return None
