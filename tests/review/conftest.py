import pytest

from reunite.linkage import TrainedModel
from reunite.review.store import save_model, train_on_synthetic

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
