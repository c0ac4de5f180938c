"""The shared class colours."""

import re

from softmax_lab.palette import CLASS_COLORS, TEST_COLOR, TRAIN_COLOR, class_color


def test_class_colors_are_distinct_hex_colours():
    assert len(set(CLASS_COLORS)) == len(CLASS_COLORS) == 10
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in CLASS_COLORS)


def test_train_and_test_colours_are_the_first_two_classes():
    assert (TRAIN_COLOR, TEST_COLOR) == (class_color(0), class_color(1))


def test_class_color_repeats_after_the_list():
    assert class_color(len(CLASS_COLORS) + 2) == CLASS_COLORS[2]
