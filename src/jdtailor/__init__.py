"""jdtailor: job postings tailored to one company, grounded in a curated corpus.

The Python API is three functions, the steps of the CLI::

    from jdtailor import draft, lint, render

    result = draft("company.md")                 # offline unless model="..."
    report = lint(result.posting, "company.md")
    page = render(result.posting, "html")

``lint`` and ``render`` share their names with the subpackages that implement
them (``jdtailor.lint``, ``jdtailor.render``). Importing those subpackages would
normally rebind ``jdtailor.lint`` to the module; the package's module class keeps
the functions bound instead. Reach the subpackages with ``from jdtailor.lint
import ...``.
"""

import sys
import types

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `import jdtailor` imports nothing else
if TYPE_CHECKING:
    from .api import draft, lint, render

__version__ = "0.1.0"
__all__ = ["__version__", "draft", "lint", "render"]

_API_NAMES = frozenset({"draft", "lint", "render"})


def __getattr__(name: str) -> object:
    # the API is loaded on first use: `jdtailor --help` never pays for it
    if name in _API_NAMES:
        from . import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        if name in _API_NAMES and isinstance(value, types.ModuleType):
            return  # the subpackage stays in sys.modules; the attribute stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
