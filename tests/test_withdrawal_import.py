"""A withdrawn list row stays withdrawn: importing the same list again, as it was or corrected, does not bring it
back. Everyone here is invented (tests/transfer/files.py)."""

import pytest

from reunite.registry.models import PersonName, Source, Withdrawal
from reunite.registry.withdrawal import withdraw_consent
from reunite.transfer.importer import import_file
from tests.transfer.files import a_testimony, the_testimonies, write_csv

DATASET = "Example testimonies"
WITHDRAWN_NAME = "Mihriban Kader"


def run(path):
    return import_file(path, "testimony-list", dataset=DATASET, find_matches=False)


@pytest.fixture
def listing(tmp_path):
    return write_csv(tmp_path / "testimonies.csv", the_testimonies())


@pytest.fixture
def withdrawn(db, listing, user):
    run(listing)
    withdraw_consent(Source.objects.get(row_key="2"), user, Withdrawal.How.LETTER)


def test_the_withdrawn_row_s_name_is_gone(withdrawn):
    assert not PersonName.objects.filter(text=WITHDRAWN_NAME).exists()


def test_importing_the_same_list_again_does_not_bring_it_back(withdrawn, listing):
    run(listing)
    assert not PersonName.objects.filter(text=WITHDRAWN_NAME).exists()


def test_a_corrected_row_is_not_imported_either(withdrawn, tmp_path):
    run(write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="disappeared"))))
    assert not PersonName.objects.filter(text=WITHDRAWN_NAME).exists()


def test_the_import_says_it_skipped_the_row(withdrawn, listing):
    assert run(listing).withdrawn == 1


def test_the_other_rows_are_imported_as_before(withdrawn, listing):
    assert run(listing).unchanged == 2


def test_every_version_of_a_row_is_withdrawn_together(db, listing, tmp_path, user):
    run(listing)
    run(write_csv(tmp_path / "corrected.csv", the_testimonies(a_testimony(2, Status="disappeared"))))
    withdraw_consent(Source.objects.get(row_key="2", version=2), user, Withdrawal.How.LETTER)
    assert Source.objects.filter(row_key="2", withdrawal__isnull=True).count() == 0


def test_the_withdrawn_row_keeps_no_key_a_list_wrote(withdrawn):
    # A list's row key may be an ID number: only a keyed digest of it is kept.
    assert not Source.objects.filter(row_key="2").exists()


def test_a_row_withdrawn_before_the_secret_key_was_rotated_stays_withdrawn(withdrawn, listing, settings):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new secret key, long and random enough for the test of a rotation"
    assert run(listing).withdrawn == 1
