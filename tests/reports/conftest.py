from datetime import date

import pytest

from reunite.cases.demo import REPORT_DATE, faruh_family, kader_family
from reunite.cases.intake import record_testimony
from reunite.reports.report import Options
from tests.accounts import account


@pytest.fixture
def families(db):
    """The seed article's two families, as it tells them."""
    return [record_testimony(kader_family()), record_testimony(faruh_family())]


@pytest.fixture
def advocate(db):
    return account("advocate", "advocate")


# As of the day of the article's report: the Faruh daughters then had no news for 1,594 days.
AS_OF_ARTICLE = Options(end=REPORT_DATE)
BEFORE_THE_ARTICLE = Options(start=date(2010, 1, 1), end=date(2019, 12, 31))
