from reunite.cases.intake import NameEntry, PersonEntry, TestimonyIntake, record_testimony
from reunite.registry.models import Person


def _search(client, query: str) -> str:
    return client.get("/search/", {"q": query}).content.decode()


def _link(known_identity: str) -> str:
    return f'href="/persons/{Person.objects.get(known_identity=known_identity).pk}/"'


def test_a_name_is_found_in_latin_script_whatever_the_case(demo, logged_in):
    assert "Mihriban Kader" in _search(logged_in, "mihriban")


def test_a_name_is_found_by_its_chinese_form(demo, logged_in):
    assert "Ablikim Memtimin" in _search(logged_in, "阿布力克木")


def test_a_name_is_found_by_its_arabic_script_form(demo, logged_in):
    assert "Ablikim Memtimin" in _search(logged_in, "ئابلىكىم")


def test_persons_are_found_by_place(demo, logged_in):
    assert "Elder daughter" in _search(logged_in, "ghulja")


def test_no_match_says_so(demo, logged_in):
    assert "Nobody matches" in _search(logged_in, "Zzyzx")


def test_the_mother_is_found_by_another_spelling(demo, logged_in):
    assert _link("seed:kader:mihriban") in _search(logged_in, "Mirzeban")


def test_the_mother_is_found_by_her_name_in_arabic_script_though_no_source_wrote_it(demo, logged_in):
    assert _link("seed:kader:mihriban") in _search(logged_in, "مىھرىبان قادىر")


def test_the_mother_is_found_by_her_chinese_name_though_no_source_wrote_it(demo, logged_in):
    assert _link("seed:kader:mihriban") in _search(logged_in, "米合日班·卡德尔")


def test_the_father_is_found_by_his_cyrillic_name(demo, logged_in):
    assert _link("seed:kader:ablikim") in _search(logged_in, "Абликим Мәмтимин")


def test_the_father_is_found_by_the_article_misspelling(demo, logged_in):
    assert _link("seed:kader:ablikim") in _search(logged_in, "Ablikom")


def test_someone_sharing_only_a_given_name_comes_after_the_person_sought(demo, logged_in):
    record_testimony(
        TestimonyIntake(
            persons=[PersonEntry(names=[NameEntry("Ablikim Tursun")], known_identity="other:ablikim")], open_case=False
        )
    )
    page = _search(logged_in, "Ablikim Memtimin")
    assert 0 < page.find(_link("seed:kader:ablikim")) < page.find(_link("other:ablikim"))


def test_each_person_found_shows_how_well_a_name_matched(demo, logged_in):
    assert "100&nbsp;%" in _search(logged_in, "Mirzeban")


def test_a_person_found_by_place_says_so(demo, logged_in):
    assert ">place<" in _search(logged_in, "ghulja")


def test_a_query_without_letters_finds_nobody(demo, logged_in):
    assert "Nobody matches" in _search(logged_in, "😀🙂")


def test_an_empty_query_shows_only_the_form(demo, logged_in):
    assert "Nobody matches" not in _search(logged_in, "   ")


def test_persons_are_found_by_another_spelling_of_their_place(demo, logged_in):
    assert "Elder daughter" in logged_in.get("/search/", {"q": "Kulja"}).content.decode()


def test_a_prefecture_finds_persons_in_its_counties(demo, logged_in):
    assert "Eldest child" in logged_in.get("/search/", {"q": "Kashgar prefecture"}).content.decode()
