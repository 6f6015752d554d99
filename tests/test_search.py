def test_a_name_is_found_in_latin_script_whatever_the_case(demo, logged_in):
    assert "Mihriban Kader" in logged_in.get("/search/", {"q": "mihriban"}).content.decode()


def test_a_name_is_found_by_its_chinese_form(demo, logged_in):
    assert "Ablikim Memtimin" in logged_in.get("/search/", {"q": "阿布力克木"}).content.decode()


def test_a_name_is_found_by_its_arabic_script_form(demo, logged_in):
    assert "Ablikim Memtimin" in logged_in.get("/search/", {"q": "ئابلىكىم"}).content.decode()


def test_persons_are_found_by_place(demo, logged_in):
    assert "Elder daughter" in logged_in.get("/search/", {"q": "ghulja"}).content.decode()


def test_no_match_says_so(demo, logged_in):
    assert "Nobody matches" in logged_in.get("/search/", {"q": "Zzyzx"}).content.decode()
