import pytest

from reunite.linkage import TrainedModel
from reunite.registry.models import Person
from reunite.review.models import MatchCandidate
from reunite.review.store import save_model, train_on_synthetic
from tests.review.helpers import adil, candidate, tell

# As many invented families as `reunite demo` trains its model on, and the same seed.
FAMILIES = 1500
SEED = 1


@pytest.fixture(scope="session")
def synthetic_model() -> TrainedModel:
    return train_on_synthetic(FAMILIES, SEED)


@pytest.fixture
def trained(synthetic_model, linkage_model_path) -> TrainedModel:
    """The synthetic model saved where this test's "find matches" reads it."""
    save_model(synthetic_model)
    return synthetic_model


@pytest.fixture
def records(db) -> list[Person]:
    """Three records of one invented man, from three testimonies."""
    return [tell(adil(name))[0] for name in ("Adil Niyaz", "阿迪力·尼亚孜", "Adil Niyazov")]


@pytest.fixture
def pair(records) -> MatchCandidate:
    return candidate(records[0], records[1])
