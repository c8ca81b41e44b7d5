"""The command-line framework's own words in the user's language.

Typer (0.29+, which carries its own copy of Click) writes some text itself: the usage line
("Usage: ssw status [OPTIONS]"), section headings, "[required]", the help option's help,
metavars such as `<str>`, and its usage errors ("No such option", "Missing argument",
"Try ... for help"). Before each run, `localise()` puts the catalogue's words in the built
command tree (help texts are catalogue keys until then, so one process can answer in both
languages), and `usage_error()` renders a usage error in the user's language. Nothing here
is interpreted: the framework still parses; only its words change. The original keys stay
on each command and option, so a tree already localised can be localised again.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ssw.i18n import has, t

#: The language of the command being run; the formatter and Typer's headings read it.
current = {"lang": "nl"}


def language(args: list[str]) -> str:
    """--lang from the command line (anywhere, `--lang en` or `--lang=en`), else SSW_LANG."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1].lower() == "en" else "nl"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].lower() == "en" else "nl"
    return "en" if (os.environ.get("SSW_LANG") or "nl").lower() == "en" else "nl"


# -- Typer's own strings (typer.core looks them up through gettext's `_` at run time) ------

#: Typer's English msgid -> our catalogue key.
TYPER_TEXT = {
    "Arguments": "cli.heading.arguments",
    "Options": "cli.heading.options",
    "Commands": "cli.heading.commands",
    "required": "cli.required",
    "default: {default}": "cli.default",
    "env var: {var}": "cli.env-var",
    "(dynamic)": "cli.dynamic",
    "Aborted!": "cli.aborted",
    "Missing command.": "cli.missing-command",
    "No such command {name!r}.": "cli.no-such-command",
    "Install completion for the current shell.": "cli.install-completion",
    "Show completion for the current shell, to copy it or customize the installation.": "cli.show-completion",
}


def typer_text(message: str) -> str:
    key = TYPER_TEXT.get(message)
    return t(key, current["lang"]) if key else message


def _install_typer_text() -> None:
    import typer.core

    typer.core._ = typer_text  # type: ignore[attr-defined]


# -- the built command tree ----------------------------------------------------------------

def _formatter_class(base: type) -> type:
    class LocalFormatter(base):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:
                prefix = t("cli.usage", current["lang"]) + " "
            super().write_usage(prog, args, prefix)

    return LocalFormatter


_CONTEXTS: dict[type, type] = {}


def _context_class(base: Any) -> type:
    if base not in _CONTEXTS:
        _CONTEXTS[base] = type("LocalContext", (base,), {"formatter_class": _formatter_class(base.formatter_class)})
    return _CONTEXTS[base]


def metavar(param: Any, lang: str) -> str:
    """A word a chair reads (DATUM, PLATFORM, TEKST), never a Python type (<str>)."""
    key = f"metavar.{param.name.strip('_')}"
    if has(key, lang):
        return t(key, lang)
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is int or getattr(param, "type", None) is int:
        return t("metavar.number", lang)
    return t("metavar.text", lang)


def _text(value: str | None, lang: str) -> str | None:
    """Our help texts are catalogue keys until the language is known; Typer's own are English."""
    if value and value in TYPER_TEXT:
        return t(TYPER_TEXT[value], lang)
    return t(value, lang) if value and has(value, lang) else value


def localise(command: Any, lang: str) -> None:
    """Put the catalogue's words for `lang` into the command tree built for this run."""
    current["lang"] = lang
    _install_typer_text()
    todo = [command]
    while todo:  # groups hold commands and groups (`ssw plan new`)
        cmd = todo.pop()
        _localise_command(cmd, lang)
        todo.extend(getattr(cmd, "commands", {}).values())


def _source(obj: Any, *attrs: str) -> dict[str, Any]:
    """The texts `obj` was built with (catalogue keys), kept on the first run so a tree
    localised once can be localised again in another language."""
    kept = obj.__dict__.get("_ssw_source")
    if kept is None:
        kept = obj.__dict__["_ssw_source"] = {attr: getattr(obj, attr) for attr in attrs}
    return kept


def _localise_command(cmd: Any, lang: str) -> None:
    source = _source(cmd, "help", "short_help")
    cmd.help = _text(source["help"], lang)
    cmd.short_help = _text(source["short_help"], lang)
    cmd.context_class = _context_class(type(cmd).context_class)
    if cmd.options_metavar:
        cmd.options_metavar = t("cli.options-metavar", lang)
    if hasattr(cmd, "subcommand_metavar"):
        cmd.subcommand_metavar = t("cli.subcommand-metavar", lang)
    for param in cmd.params:
        help_key = _source(param, "help")["help"]
        param.help = _text(help_key, lang) if help_key else help_key
        if param.param_type_name == "argument":
            _localise_argument(param, lang)
        elif not getattr(param, "is_flag", False):
            param.metavar = metavar(param, lang)
    original = type(cmd).get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = original(cmd, ctx)
        if option is not None:
            option.help = t("cli.help-option", lang)
        return option

    cmd.get_help_option = get_help_option


def _localise_argument(param: Any, lang: str) -> None:
    name = metavar(param, lang)
    param.metavar = name
    param.display_type_rich = lambda ctx: None  # the name says it: no `<str>` after it

    def usage_pieces(ctx: Any) -> list[str]:
        piece = name if param.required else f"[{name}]"
        return [piece + ("..." if param.nargs != 1 else "")]

    param.get_usage_pieces = usage_pieces


# -- usage errors --------------------------------------------------------------------------

def is_usage_error(exc: BaseException) -> bool:
    """Click's (or Typer's copy of Click's) UsageError and its subclasses."""
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


#: English messages the framework builds itself, matched whole -> catalogue key.
MESSAGES = [
    (re.compile(r"Option '(?P<option>[^']+)' requires an argument\."), "cli.option-needs-value"),
    (re.compile(r"Option '(?P<option>[^']+)' requires (?P<count>\d+) arguments\."), "cli.option-needs-values"),
    (re.compile(r"Option '(?P<option>[^']+)' does not take a value\."), "cli.option-takes-no-value"),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)"), "cli.extra-arguments"),
    (re.compile(r"Argument '(?P<name>[^']+)' takes (?P<count>\d+) values\."), "cli.argument-values"),
    (re.compile(r"Value (?P<value>.*) is not a valid (?P<type>\w+)\."), "cli.not-valid-type"),
    (re.compile(r"(?P<value>'.*') is not one of (?P<choices>.*)\."), "cli.not-one-of"),
]
DID_YOU_MEAN = re.compile(r"(?P<message>.*)\. Did you mean (?P<suggestions>.*)\?", re.S)


def framework_message(message: str, lang: str) -> str:
    match = DID_YOU_MEAN.fullmatch(message)
    if match:
        return t("cli.did-you-mean", lang, message=framework_message(match["message"] + ".", lang).rstrip("."),
                 suggestions=match["suggestions"])
    for pattern, key in MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return t(key, lang, **match.groupdict())
    return message


def _param_name(param: Any, ctx: Any) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.metavar or param.name.upper()
    return " / ".join(param.opts) if getattr(param, "opts", None) else param.name


def _pydantic_message(exc: BaseException, lang: str) -> str | None:
    cause = exc.__cause__
    if cause is None or not hasattr(cause, "errors"):
        return None
    from ssw.validation_text import pydantic_error

    errors = cause.errors()
    return pydantic_error(errors[0], lang) if errors else None


def error_message(exc: Any, lang: str) -> str:
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        text = t("cli.no-such-option", lang, option=exc.option_name)
        if exc.possibilities:
            text = t("cli.did-you-mean", lang, message=text, suggestions=", ".join(sorted(exc.possibilities)))
        return text
    if kind == "MissingParameter":
        key = "cli.missing-argument" if getattr(exc.param, "param_type_name", "") == "argument" else "cli.missing-option"
        return t(key, lang, name=_param_name(exc.param, exc.ctx))
    if kind == "BadParameter":
        detail = _pydantic_message(exc, lang) or framework_message(exc.message, lang)
        if exc.param is None and exc.param_hint is None:
            return t("cli.bad-value", lang, message=detail)
        name = exc.param_hint if isinstance(exc.param_hint, str) else _param_name(exc.param, exc.ctx)
        return t("cli.bad-value-for", lang, name=name, message=detail)
    return framework_message(exc.format_message(), lang)


def usage_error(exc: Any, lang: str) -> str:
    """The whole text of a usage error: usage line, where to get help, what went wrong."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        return ctx.get_help()
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(t("cli.try-help", lang, command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
        lines.append("")
    lines.append(t("cli.error", lang, message=error_message(exc, lang)))
    return "\n".join(lines)
