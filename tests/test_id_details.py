from stdnum.cn import ric

URL = "/ids/details/"
# Invented: Hotan city's area code, a woman born 1985-02-03.
NUMBER = "65320119850203002" + ric.calc_check_digit("653201198502030020")


def test_what_an_id_number_says_fills_the_form(logged_in):
    details = logged_in.post(URL, {"number": NUMBER}).json()
    assert (details["birth_date"], details["sex"], details["birthplace"]) == ("1985-02-03", "F", "Hotan (和田市)")


def test_an_unreadable_number_says_why(logged_in):
    assert "has 5 characters" in logged_in.post(URL, {"number": "12345"}).json()["problems"][0]


def test_a_number_is_never_taken_from_the_url(logged_in):
    assert logged_in.get(URL, {"number": NUMBER}).status_code == 405


def test_anonymous_users_are_refused(client, db):
    assert client.post(URL, {"number": NUMBER}).status_code == 302
