"""After a withdrawal, no export carries what the source said, to any audience, in any format; and a restore of an
export made before brings nothing back. Everyone here is invented."""

import pytest

from reunite.registry.disclosure import Audience
from reunite.registry.models import PersonName, Withdrawal
from reunite.registry.withdrawal import withdraw_consent
from reunite.transfer.export import export_data
from reunite.transfer.importer import import_file
from tests.test_export import FORMATS, written
from tests.withdrawal import SOUGHT, SOUGHT_ID, WORDS, told

CONSENTED = {"sensitivity": "public", "may_be_named": True, "may_share_with_partners": True}


@pytest.fixture
def testimony(user):
    return told(creator=user, **CONSENTED)


def export(user, out, fmt="json", audience=Audience.TEAM):
    output = out / FORMATS[fmt]
    export_data(user, audience=audience, fmt=fmt, output=output)
    return written(output)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("secret", [SOUGHT, SOUGHT_ID, WORDS])
def test_a_team_export_after_withdrawal_holds_nothing_of_it(testimony, user, tmp_path, fmt, secret):
    withdraw_consent(testimony, user, Withdrawal.How.EMAIL)
    assert secret not in export(user, tmp_path, fmt)


def test_a_partners_export_after_withdrawal_does_not_name_the_person(testimony, user, tmp_path):
    withdraw_consent(testimony, user, Withdrawal.How.EMAIL)
    assert SOUGHT not in export(user, tmp_path, audience=Audience.PARTNERS)


def test_restoring_an_export_made_before_the_withdrawal_brings_nothing_back(testimony, user, tmp_path):
    before = tmp_path / "before.json"
    export_data(user, fmt="json", output=before)
    withdraw_consent(testimony, user, Withdrawal.How.EMAIL)
    import_file(before, user=user)
    assert not PersonName.objects.filter(text=SOUGHT).exists()
