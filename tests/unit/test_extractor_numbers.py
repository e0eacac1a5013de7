from ingest.extractors.rules.numbers import find_numbers, parse_number


def values(text: str) -> list[int]:
    return [m.value for m in find_numbers(text)]


def test_digits_and_words():
    assert values("Russia launched 43 missiles and seventy-four drones") == [43, 74]
    assert values("one hundred and twenty drones, 1,200 shells") == [120, 1200]
    assert parse_number("a dozen") == 12
    assert parse_number("dozens") is None


def test_dates_years_models_and_units_are_not_counts():
    text = (
        "On January 14, 2025 at 18:00 Shahed-136 drones, Kh-101 and S-400 missiles, "
        "RCH 155 howitzers flew 30 km in a three-year war; 20 percent"
    )
    assert values(text) == []


def test_a_line_of_digits_is_no_number():
    assert values("9" * 100_000) == []
    assert values("12345678901234") == []
