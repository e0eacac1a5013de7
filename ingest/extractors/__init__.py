"""Extractors: turn article text into contract-v1 extraction records.

- `articles` reads inputs (txt/md with meta sidecars, folders, JSON Lines of articles);
- `interface` is the plug-in protocol (`module:callable` or entry point `airwar.extractors`);
- `rules` is the default offline, deterministic, rule-based extractor;
- `runner` extracts many articles in parallel with guards against pathological input;
- `evaluate` scores predicted claims against hand-coded ones.
"""
