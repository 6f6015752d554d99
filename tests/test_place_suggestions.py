URL = "/places/suggest/"


def test_anonymous_users_are_refused(client, db):
    response = client.get(URL, {"q": "Kulja"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_kulja_suggests_ghulja_first(logged_in):
    suggestions = logged_in.get(URL, {"q": "Kulja"}).json()["suggestions"]
    assert suggestions[0] == {"label": "Ghulja (伊宁市)", "code": "654002", "score": 1.0, "ambiguous": False}


def test_an_empty_query_gives_no_suggestions(logged_in):
    assert logged_in.get(URL, {"q": "  "}).json() == {"suggestions": []}
    assert logged_in.get(URL).json() == {"suggestions": []}


def test_at_most_eight_suggestions_marked_when_ambiguous(logged_in):
    suggestions = logged_in.get(URL, {"q": "和田"}).json()["suggestions"]
    assert len(suggestions) <= 8
    assert [s["code"] for s in suggestions if s["ambiguous"]] == ["653201", "653221", "653200"]


def test_a_partly_typed_name_suggests_the_closest_places(logged_in):
    assert logged_in.get(URL, {"q": "Hot"}).json()["suggestions"][0]["code"] == "653201"


def test_only_get_is_answered(logged_in):
    assert logged_in.post(URL, {"q": "Kulja"}).status_code == 405


def test_the_intake_page_loads_the_script_with_the_endpoint(logged_in):
    page = logged_in.get("/testimonies/new/").content.decode()
    assert '<script src="/static/reunite/places.js" data-suggest-url="/places/suggest/" defer></script>' in page
