from reunite.names import parse_name


def test_chinese_parts_are_split_on_every_kind_of_middle_dot():
    assert [len(parse_name(f"阿布力克木{dot}买买提明").parts) for dot in "·‧．・"] == [2, 2, 2, 2]


def test_the_given_name_comes_first_and_the_fathers_second():
    name = parse_name("Ablikim Memtimin")
    assert (name.given.reading, name.father.reading) == ("ablikim", "memtimin")


def test_an_ending_written_apart_is_joined_to_its_name():
    assert parse_name("Hayri Gul Abdulla").reading == parse_name("Hayrigul Abdulla").reading


def test_punctuation_digits_and_emoji_are_not_name_parts():
    assert parse_name("  Ablikim, 1974 😢 (Memtimin)! ").reading == "ablikim memtimin"


def test_a_name_without_letters_has_no_parts():
    assert parse_name("1974 — 😢 ...").parts == ()


def test_an_apostrophe_or_hyphen_inside_a_name_joins_it():
    assert parse_name("Tursun'gül Ablikim-jan").reading == "tursungül ablikimjan"
