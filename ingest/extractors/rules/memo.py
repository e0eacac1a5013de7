"""A bounded cache for the per-sentence finders.

The finders (places, dates, speakers, numbers, cues) are pure functions of their text
and return lists of frozen mentions, so the same sentence met again (wire copy reused
by several outlets, boilerplate, a caption repeating the body) is read once. Callers
get a fresh list each time, so a caller that edits its list cannot spoil the cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def list_cache(maxsize: int = 8192) -> Callable[[Callable[..., list[T]]], Callable[..., list[T]]]:
    def decorate(function: Callable[..., list[T]]) -> Callable[..., list[T]]:
        @functools.lru_cache(maxsize=maxsize)
        def cached(*args) -> tuple[T, ...]:
            return tuple(function(*args))

        @functools.wraps(function)
        def wrapper(*args, **kwargs) -> list[T]:
            if kwargs:
                return function(*args, **kwargs)
            try:
                return list(cached(*args))
            except TypeError:
                # list arguments (spans to exclude) become tuples, to be hashable
                key = tuple(tuple(a) if isinstance(a, list) else a for a in args)
                return list(cached(*key))

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return wrapper

    return decorate
