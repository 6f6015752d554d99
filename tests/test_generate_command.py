from io import StringIO

import pytest
from django.core.management import call_command

from reunite.cases.models import Case
from reunite.registry.models import Event, Person, PersonName


@pytest.fixture
def generated(db):
    call_command("generate", families=12, seed=7, stdout=StringIO())


def test_each_family_opens_a_case(generated):
    assert Case.objects.count() == 12


def test_generating_again_with_the_same_seed_adds_nothing(generated):
    before = Person.objects.count()
    call_command("generate", families=12, seed=7, stdout=StringIO())
    assert Person.objects.count() == before


def test_a_larger_run_with_the_same_seed_adds_only_the_new_families(generated):
    call_command("generate", families=15, seed=7, stdout=StringIO())
    assert Case.objects.count() == 15


def test_names_come_in_several_scripts(generated):
    assert {"Latn", "Arab", "Hani"} <= set(PersonName.objects.values_list("script", flat=True))


def test_every_generated_person_keeps_its_true_identity(generated):
    assert not Person.objects.filter(known_identity="").exists()


def test_sought_persons_have_last_contacts_to_count_from(generated):
    sought = Person.objects.filter(cases_as_sought__isnull=False)
    assert Event.objects.filter(kind="last_contact", persons__in=sought).exists()
