"""Rendering: the Jinja2 environment and `render_report`.

Templates are looked up file by file: `--templates DIR`, then the root's own
`templates/`, then the defaults shipped as the package `ssw.templates`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssw.escape import css_counters, css_string
from ssw.i18n import t, tn
from ssw.problems import SswError
from ssw.report.markdown import (
    heading_slug,
    md_block,
    md_cell,
    md_inline,
    safe_url,
    text_bar,
)

if TYPE_CHECKING:
    from ssw.dataset import Dataset

FORMATS = ("md", "html")


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".htm.j2", ".svg.j2", ".html", ".htm", ".svg"))


def _package_loader() -> Any:
    import importlib.resources

    from jinja2 import FunctionLoader
    from jinja2.loaders import split_template_path

    def load(name: str) -> Any:
        base = importlib.resources.files("ssw.templates")
        resource = base.joinpath(*split_template_path(name))
        if not resource.is_file():
            return None
        return resource.read_text(encoding="utf-8"), f"ssw.templates/{name}", lambda: True

    return FunctionLoader(load)


def _data_first(base: type) -> type:
    """`base` with `x.key` looking up the key of a data dict first. Jinja tries the
    attribute first and so raises and catches an AttributeError for every field shown:
    a third of rendering time in a large report. A key named like a dict method
    (`items`) now means the key, which is what a template over plain data wants."""

    class DataFirst(base):  # type: ignore[misc,valid-type]
        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return DataFirst


#: Bounds for a data root's own templates (they run sandboxed): loop steps over `range`,
#: length of a text or list built with `*`, size of the rendered document.
MAX_RANGE_STEPS = 1_000_000
MAX_SEQUENCE = 1_000_000
MAX_OUTPUT = 50_000_000
#: beyond MAX_OUTPUT, characters a document may hold per plan item and update: a plan a
#: hundred times the real one gives about 600 per row; a template that runs away on small
#: data still stops at MAX_OUTPUT
OUTPUT_PER_ROW = 2_000


def output_bound(ds: Dataset) -> int:
    """How long a rendered document may grow: MAX_OUTPUT, or more for a data set so large
    that its full listing needs it (bounded by what was read, never by the template)."""
    return max(MAX_OUTPUT, OUTPUT_PER_ROW * (len(ds.items) + len(ds.updates)))


def _bounded(base: type, lang: str) -> type:
    """The sandbox with limits, so that a template from a data repository cannot run
    for ever or fill the memory: `range` counts every step it hands out, `*` and `**`
    refuse results past the limits. Past a limit: a SecurityError with the limit named."""
    from jinja2.sandbox import SecurityError

    class Bounded(base):  # type: ignore[misc,valid-type]
        intercepted_binops = frozenset(["*", "**"])

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            steps = [0]

            def bounded_range(*args: int) -> range:
                r = range(*args)
                steps[0] += len(r)
                if steps[0] > MAX_RANGE_STEPS:
                    raise SecurityError(t("report.template-limit-steps", lang, limit=MAX_RANGE_STEPS))
                return r

            self.globals["range"] = bounded_range

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, (int, float)) and isinstance(left, (int, float)):
                if abs(right) > 64 and abs(left) > 1:
                    raise SecurityError(t("report.template-limit-size", lang, limit=MAX_SEQUENCE))
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SEQUENCE:
                        raise SecurityError(t("report.template-limit-size", lang, limit=MAX_SEQUENCE))
            return super().call_binop(context, operator, left, right)

    return Bounded


def _bytecode_cache() -> Any:
    """Compiled templates kept in ssw's cache folder (`jinja/`), so a run does not compile
    the same templates again (about a tenth of a second of `ssw report`). Jinja keys them by
    template and source; the key here also holds what the code generated depends on in
    this environment (sandbox, intercepted operators, filters and tests, whitespace)."""
    from jinja2 import FileSystemBytecodeCache

    from ssw.cache import own_folder

    class Bytecode(FileSystemBytecodeCache):
        def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Any:
            flavour = repr((environment.code_generator_class.__name__, environment.sandboxed,
                            sorted(getattr(environment, "intercepted_binops", ())),
                            sorted(getattr(environment, "intercepted_unops", ())),
                            sorted(environment.filters), sorted(environment.tests), environment.trim_blocks,
                            environment.lstrip_blocks, environment.keep_trailing_newline))
            return super().get_bucket(environment, name, f"{filename}\0{flavour}", source)

        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # damaged or cut short: compile again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(Exception):  # a full disk or a read-only cache: no error
                super().dump_bytecode(bucket)

    folder = own_folder("jinja")
    return Bytecode(str(folder), "%s.cache") if folder is not None else None


def environment(templates_dirs: Sequence[Path] = (), lang: str = "nl") -> Any:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    loaders = [FileSystemLoader(str(p), encoding="utf-8") for p in templates_dirs if Path(p).is_dir()]
    # A templates folder may come with a data repository: sandbox it. Our own templates
    # need no sandbox, and rendering without it is about a tenth faster.
    env_class = _data_first(_bounded(SandboxedEnvironment, lang) if loaders else Environment)
    env = env_class(
        loader=ChoiceLoader([*loaders, _package_loader()]),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update({"md": md_inline, "cell": md_cell, "mdblock": md_block, "textbar": text_bar, "safe_url": safe_url})
    env.globals["t"] = lambda key, **params: t(key, lang, **params)
    env.filters["tref"] = lambda ref: f"{ref['id']} {ref['title']}".strip()
    env.filters["trend_row"] = lambda y: {"id": str(y["year"]), "counts": y["counts"]}
    env.filters["platform_row"] = lambda p: {"id": p["name"].rsplit(" ", 1)[-1], "counts": p["counts"]}
    env.filters["slug"] = heading_slug
    env.filters["css_string"] = lambda value: Markup(css_string(value))
    env.filters["css_counters"] = lambda text: Markup(css_counters(str(text)))
    env.globals["tn"] = lambda key, count, **params: tn(key, count, lang, **params)
    return env


def template_name(kind: str, fmt: str) -> str:
    return f"{kind}.{fmt}.j2"


def render_report(data: dict[str, Any], fmt: str, templates_dirs: Sequence[Path] = (),
                  max_output: int = MAX_OUTPUT) -> str:
    """Render the data object with `<kind>.<fmt>.j2`. Template problems -> SswError."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    if fmt not in FORMATS:
        raise SswError("err.bad-option", exit_code=2, value=fmt, option="--format", valid=", ".join(FORMATS))
    name = template_name(data["kind"], fmt)
    env = environment(templates_dirs, data["lang"])
    try:
        text = _render_bounded(env.get_template(name), data, max_output)
    except TemplateSyntaxError as exc:
        where = f"{exc.name or exc.filename or name}:{exc.lineno}"
        raise SswError("err.template", name=where, reason=exc.message or str(exc)) from None
    except TemplateNotFound as exc:
        raise SswError("err.template", name=name, reason=t("report.template-missing", data["lang"], name=exc.name)) from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise SswError("err.template", name=_template_frame(exc) or name, reason=str(exc)[:300] or type(exc).__name__) from None
    if fmt == "md":  # tidy whitespace only: trailing spaces, runs of blank lines
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).lstrip("\n")
    return text.rstrip("\n") + "\n"


def _render_bounded(template: Any, data: dict[str, Any], limit: int) -> str:
    """Render, stopping once the document passes `limit` characters."""
    from jinja2.sandbox import SecurityError

    parts, size = [], 0
    for part in template.generate(**data):
        size += len(part)
        if size > limit:
            raise SecurityError(t("report.template-limit-output", data["lang"], limit=limit))
        parts.append(part)
    return "".join(parts)


def _template_frame(exc: BaseException) -> str | None:
    """`name:line` of the innermost template frame of a rendering error."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename.rsplit('ssw.templates/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
