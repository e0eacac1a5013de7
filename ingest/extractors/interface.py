"""The plug-in interface for extractors.

An extractor is any callable `(ArticleInput) -> ExtractionRecord | dict | str`:
a contract-v1 record as a model, as a dict, or as a JSON string. The runner checks
what it returns against the contract, so an LLM behind an HTTP API, a file of human
codes or another rule set plug in alike.

Name one by:
- `None` or `"rules"`: the default rule-based extractor;
- `"package.module:callable"`: any importable callable;
- a name registered in the entry-point group `airwar.extractors`, e.g. in a plug-in's
  pyproject.toml: `[project.entry-points."airwar.extractors"] my-llm = "my_pkg:extract"`.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Protocol

from ingest.contract import ExtractionRecord
from ingest.extractors.articles import ArticleInput

ENTRY_POINT_GROUP = "airwar.extractors"
DEFAULT = "ingest.extractors.rules:extract"


class Extractor(Protocol):
    def __call__(self, article: ArticleInput, /) -> ExtractionRecord | dict | str: ...


class ExtractorNotFound(LookupError):
    pass


def load_extractor(spec: str | None = None) -> Callable[[ArticleInput], ExtractionRecord]:
    """The extractor named by `spec`, wrapped so that it always returns a valid record."""
    target = DEFAULT if spec in (None, "", "rules") else spec
    if ":" in target:
        module_name, _, attribute = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            raise ExtractorNotFound(
                f"cannot import {module_name!r} for extractor {spec!r}: {error}"
            ) from error
        function = module
        for part in attribute.split("."):
            function = getattr(function, part, None)
            if function is None:
                raise ExtractorNotFound(f"{module_name!r} has no {attribute!r}")
    else:
        found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == target]
        if not found:
            names = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
            raise ExtractorNotFound(
                f"no extractor {target!r}: give 'module:callable' or one of the entry points "
                f"in {ENTRY_POINT_GROUP!r} ({', '.join(names) or 'none installed'})"
            )
        function = found[0].load()
    if not callable(function):
        raise ExtractorNotFound(f"{target!r} is not callable")
    return _checked(function)


def _checked(function: Callable) -> Callable[[ArticleInput], ExtractionRecord]:
    def run(article: ArticleInput) -> ExtractionRecord:
        result = function(article)
        if isinstance(result, ExtractionRecord):
            return result
        if isinstance(result, dict):
            result = json.dumps(result, default=str)
        if isinstance(result, str | bytes):
            return ExtractionRecord.model_validate_json(result)
        raise TypeError(
            f"extractor returned {type(result).__name__}; expected an ExtractionRecord, "
            "a dict or a JSON string"
        )

    run.__name__ = getattr(function, "__name__", "extractor")
    return run
