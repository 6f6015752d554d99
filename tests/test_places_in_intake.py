"""Places written in a testimony are understood through the gazetteer; what it cannot place is kept as written."""

from reunite.registry.models import Place


def test_an_informal_spelling_becomes_the_gazetteer_division(db):
    assert Place.objects.named("Kulle").code == "654002"


def test_the_division_comes_with_its_prefecture_and_region(db):
    place = Place.objects.named("Keriye county, Hotan prefecture")
    assert (place.parent.code, place.parent.parent.code) == ("653200", "650000")


def test_two_spellings_of_one_place_are_one_row(db):
    assert Place.objects.named("Ghulja") == Place.objects.named("伊宁市")


def test_a_country_is_recognised_in_any_language(db):
    assert Place.objects.named("Türkiye") == Place.objects.named("Turkey")


def test_a_city_abroad_is_kept_as_written_within_its_country(db):
    place = Place.objects.named("Istanbul, Turkey")
    assert (place.name, place.parent.country) == ("Istanbul", "TR")


def test_an_unknown_place_is_kept_as_written(db):
    assert Place.objects.named("Zzyzx").level == Place.Level.WRITTEN
