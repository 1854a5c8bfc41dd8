"""JobPosting as a self-contained HTML page with its JSON-LD embedded.

Templates are Jinja2 with autoescaping on, so text from company.md or a model
can never become markup. ``template_dir`` lets a user override any built-in
template by giving a file of the same name; the built-ins stay reachable as
``builtin/<name>`` (``{% extends "builtin/posting.html" %}``). User templates
are rendered in Jinja2's ``SandboxedEnvironment``.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..posting import JobPosting, format_pay
from .markdown import SECTION_HEADINGS, facts_line

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["TEMPLATES", "render_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE = "posting.html"
MAX_TEMPLATE_OUTPUT = 5_000_000  # characters a user template may produce
MAX_TEMPLATE_BYTES = 1_000_000  # a user template file (ours are a few KB)
TEMPLATE_SECONDS = 10  # and the time it may take


class _TemplateTooSlow(Exception):
    pass


def _run_bounded(template: Any, variables: dict[str, Any], where: object) -> str:
    """Render a user template with a time limit (where signals allow) and an output cap."""
    import signal
    import threading

    def expired(signum: int, frame: object) -> None:
        raise _TemplateTooSlow

    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, TEMPLATE_SECONDS)
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(variables):
            size += len(chunk)
            if size > MAX_TEMPLATE_OUTPUT:
                raise InputError(f"{where}: the template wrote over {MAX_TEMPLATE_OUTPUT:,} "
                                 "characters; fix the template")  # fmt: skip
            parts.append(chunk)
        return "".join(parts)
    except _TemplateTooSlow:
        raise InputError(
            f"{where}: the template ran for over {TEMPLATE_SECONDS} s; fix the template"
        ) from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


_SAFE_HREF = re.compile(r"^(?:https?://|mailto:)[^\s\"'<>]+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>\"':/]+@[^@\s<>\"'/]+\.[A-Za-z]{2,}$")


def _options() -> dict[str, Any]:
    from jinja2 import StrictUndefined

    return {
        "autoescape": True,
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }


@cache
def _builtin_environment() -> Environment:
    """The built-in templates, compiled once per process (a refine session renders often)."""
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(TEMPLATES), **_options())


_WIDE = re.compile(r"\d{7}")  # a width or precision of a million or more in a format


def _check_sizes(args: Any, kwargs: dict[str, Any]) -> None:
    """Refuse a number past ``MAX_TEMPLATE_OUTPUT`` given to a call (a width, a count)."""
    from jinja2.exceptions import SecurityError

    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and abs(value) > MAX_TEMPLATE_OUTPUT:
            raise SecurityError("a width or count too large")


def _check_format(fmt: object) -> bool:
    """Refuse a format string with a width of a million or more ("%999999999d"); True
    when ``fmt`` is a string whose widths may come from its arguments ("{:>{}}", "%*d")."""
    import string

    from jinja2.exceptions import SecurityError

    if not isinstance(fmt, str):
        return False
    if _WIDE.search(fmt):
        raise SecurityError("a format width too large")
    if "%" in fmt:
        return "*" in fmt
    try:
        return any(spec and "{" in spec for _, _, spec, _ in string.Formatter().parse(fmt))
    except ValueError:  # not a valid format: str.format will say so
        return False


def _bounded_filter(func: Any) -> Any:
    """``func`` checking the numbers it is given after the value ("x"|center(10**9))."""
    import functools

    skip = 2 if hasattr(func, "jinja_pass_arg") else 1  # (context,) value, then arguments

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        if func.__name__ != "do_format":
            _check_sizes(args[skip:], kwargs)
        elif len(args) >= skip and _check_format(args[skip - 1]):  # "%*d"|format(10**9, 1)
            _check_sizes(args[skip:], kwargs)
        return func(*args, **kwargs)

    return run


def _environment(template_dir: str | Path | None) -> Environment:
    if template_dir is None:
        return _builtin_environment()
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        """No ``"x" * 10**9`` or ``9 ** 9 ** 9``: operators that build huge values are checked."""

        intercepted_binops = frozenset(["*", "**", "%"])

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # a filter given a huge width ("x"|center(10**9)) builds the value before
            # the output is measured: every filter's numbers are checked first
            self.filters = {n: _bounded_filter(f) for n, f in self.filters.items()}

        def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            # "x".zfill(10**9): a width is checked before it is used
            # (range: the sandbox's own safe_range caps it, with its own message)
            if getattr(__obj, "__name__", "") not in ("format", "format_map", "safe_range"):
                _check_sizes(args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            # "{:>999999999}".format(1), "{:>{}}".format(1, 10**9)
            import functools

            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            fmt = value.__self__

            @functools.wraps(wrapped)  # named "format": call() leaves it to run() here
            def run(*args: Any, **kwargs: Any) -> Any:
                if _check_format(fmt):
                    _check_sizes(args, kwargs)
                    if args and isinstance(args[0], dict):  # format_map
                        _check_sizes((), args[0])
                return wrapped(*args, **kwargs)

            return run

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            from jinja2.exceptions import SecurityError

            if operator == "%" and _check_format(left) and "*" in left:  # "%*d" % (10**9, 1)
                _check_sizes(right if isinstance(right, (tuple, list)) else (right,), {})
            if operator == "**" and not (isinstance(right, (int, float)) and abs(right) <= 64):
                raise SecurityError("exponent too large")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                        if len(seq) * times > MAX_TEMPLATE_OUTPUT:
                            raise SecurityError("repetition too large")
            return super().call_binop(context, operator, left, right)

    builtin = FileSystemLoader(TEMPLATES)
    options = _options()

    user = Path(template_dir)
    if not user.is_dir():
        raise InputError(
            f"{user}: --template-dir is not a directory; give the folder holding your templates"
        )

    class BoundedLoader(FileSystemLoader):
        """The user's templates, read as regular files of at most MAX_TEMPLATE_BYTES."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            from jinja2.loaders import split_template_path

            from ..reading.files import decode, read_bytes

            pieces = split_template_path(template)
            path = Path(self.searchpath[0], *pieces)
            if not os.path.lexists(path):
                return super().get_source(environment, template)  # TemplateNotFound
            data, where = read_bytes(path, limit=MAX_TEMPLATE_BYTES, what="template",
                                     big_hint="a template is a page, not a library")  # fmt: skip
            mtime = os.path.getmtime(path)
            # UTF-8 with control characters out: a template's NUL or escape sequence
            # would reach the page (and a terminal) as it stands
            return decode(data, where), where, lambda: os.path.getmtime(path) == mtime

    loader = ChoiceLoader(
        [BoundedLoader(user), builtin, PrefixLoader({"builtin": FileSystemLoader(TEMPLATES)})]
    )
    return BoundedSandbox(loader=loader, **options)


def _href(apply: str | None) -> str | None:
    """A link target for the apply address: web and mail addresses only, never a script."""
    if not apply:
        return None
    apply = apply.strip()
    if _EMAIL.match(apply):
        return f"mailto:{apply}"
    return apply if _SAFE_HREF.match(apply) else None


def page_context(
    posting: JobPosting,
    *,
    show_sources: bool = False,
    date_posted: str | date | None = None,
    valid_through: str | date | None = None,
) -> dict[str, Any]:
    """The variables every page template receives."""
    from markupsafe import Markup

    from .jsonld import job_posting_ld, missing_facts, parse_when, script_json

    parse_when(date_posted, "--date")
    parse_when(valid_through, "valid_through")

    # A posting without a location still makes a page; it just carries no JSON-LD.
    missing = missing_facts(posting)
    jsonld = None
    if not missing:
        ld = job_posting_ld(posting, date_posted=date_posted, valid_through=valid_through)
        jsonld = Markup(script_json(ld))
    sections = [
        {"key": key, "title": title, "bullets": getattr(posting, key)}
        for key, title in SECTION_HEADINGS.items()
        if getattr(posting, key)
    ]
    apply_href = _href(posting.apply)
    return {
        "posting": posting,
        "heading": posting.title + (f" — {posting.company}" if posting.company else ""),
        "facts": facts_line(posting),
        "summary": [p for p in posting.summary.split("\n") if p.strip()],
        "sections": sections,
        "pay": format_pay(posting.pay) if posting.pay else None,
        "benefits": posting.benefits,
        "about": [p for p in (posting.about or "").split("\n") if p.strip()],
        "apply_href": apply_href,
        "show_sources": show_sources,
        "jsonld": jsonld,
        "jsonld_missing": missing,
    }


def render_html(
    posting: JobPosting,
    *,
    template_dir: str | Path | None = None,
    show_sources: bool = False,
    date_posted: str | date | None = None,
    valid_through: str | date | None = None,
    **_: object,
) -> str:
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.exceptions import SecurityError

    env = _environment(template_dir)
    variables = page_context(
        posting, show_sources=show_sources, date_posted=date_posted, valid_through=valid_through
    )
    where = template_dir or TEMPLATES
    try:
        if template_dir is None:
            return env.get_template(PAGE).render(variables)
        return _run_bounded(env.get_template(PAGE), variables, where)
    except InputError:
        raise
    except TemplateNotFound as exc:
        raise InputError(f"{where}: template {exc.name!r} not found") from None
    except SecurityError as exc:
        raise InputError(f"{where}: template refused by the sandbox: {exc}") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or PAGE
        at = f" line {line}:" if line else ""
        raise InputError(f"{name}:{at} {exc.message or exc}; fix the template") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: a template is not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    except Exception as exc:  # a user template failing as it runs: 1/0, "a" + 1, range(10**9)
        if template_dir is None:
            raise
        raise InputError(
            f"{where}: the template failed ({type(exc).__name__}: {str(exc)[:120]}); "
            "fix the template"
        ) from None
