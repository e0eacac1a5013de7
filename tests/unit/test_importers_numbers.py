"""Russian numbers in digits and in words, in any grammatical case."""

import pytest

from ingest.importers.russian_numbers import parse_number, word_value


@pytest.mark.parametrize(
    ("words", "value", "used"),
    [
        ("32 БПЛА", 32, 1),
        ("одиннадцать БПЛА", 11, 1),
        ("двадцати трёх беспилотников", 23, 2),
        ("двадцатью пятью аппаратами", 25, 2),
        ("сто двенадцать", 112, 2),
        ("ста двенадцати", 112, 2),
        ("двухсот пятидесяти трех", 253, 3),
        ("тысячи четырехсот", 1400, 2),
        ("восьмьюдесятью семью", 87, 2),
        ("одного", 1, 1),
        ("Семнадцать", 17, 1),
    ],
)
def test_numbers_in_any_case(words, value, used):
    assert parse_number(words.split()) == (value, used)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("пять шесть", 5),  # two units do not make one number
        ("двадцать десять", 20),  # a teen cannot follow a ten
        ("сто двести", 100),
    ],
)
def test_a_number_stops_where_the_next_word_cannot_continue_it(words, value):
    assert parse_number(words.split())[0] == value


def test_non_numbers_are_not_numbers():
    assert parse_number(["беспилотник"]) is None
    assert parse_number([]) is None
    assert word_value("область") is None
    assert word_value("трёх") == 3
