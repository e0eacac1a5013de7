"""The gazetteer's on-disk cache gives the gazetteer it was written from, and a bad or
missing cache file only means a rebuild."""

from __future__ import annotations

from ingest.extractors.rules import gazetteer as gz

TEXTS = [
    "Drones hit the Saratov refinery and a depot in Engels, Saratov region.",
    "Explosions in Kyiv, Kharkiv and the Odesa, Poltava and Sumy regions.",
    "Governor Gusev said Kazan Orgsintez and Novorossiysk were targeted.",
]


def _read(gazetteer: gz.Gazetteer) -> list:
    return [[(m.place, m.start, m.end) for m in gazetteer.find(t)] for t in TEXTS]


def test_cache_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_GAZETTEER_CACHE", str(tmp_path))
    path = gz._cache_path(gz.REFERENCE_DIR)
    assert path is not None and path.parent == tmp_path
    built = gz.Gazetteer()
    gz._write_cache(path, built)
    loaded = gz._read_cache(path)
    assert loaded is not None and loaded is not built
    assert _read(loaded) == _read(built)
    assert loaded.lookup("Novorossiysk") == built.lookup("Novorossiysk")
    assert loaded.countries["UA"].contains(loaded.lookup("Kharkiv"))


def test_bad_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_GAZETTEER_CACHE", str(tmp_path))
    path = gz._cache_path(gz.REFERENCE_DIR)
    path.write_bytes(b"not a pickle")
    assert gz._read_cache(path) is None
    assert gz._read_cache(tmp_path / "missing.pickle") is None


def test_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("CONFLICT_GAZETTEER_CACHE", "off")
    assert gz._cache_path(gz.REFERENCE_DIR) is None


def test_cache_key_follows_the_reference_tables(tmp_path):
    for name in ("regions.csv", "geonames_admin1.csv", "facilities.csv"):
        (tmp_path / name).write_text((gz.REFERENCE_DIR / name).read_text())
    before = gz._cache_key(tmp_path)
    with open(tmp_path / "facilities.csv", "a") as handle:
        handle.write("\n")
    assert gz._cache_key(tmp_path) != before
