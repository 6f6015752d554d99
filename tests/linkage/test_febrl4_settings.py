"""The FEBRL4 benchmark's model (bench/data/febrl4_settings.json) is valid Splink and never reads soc_sec_id."""

import json
from pathlib import Path
from typing import Any

from splink import SettingsCreator

SETTINGS = Path(__file__).parents[2] / "bench" / "data" / "febrl4_settings.json"


def model() -> dict[str, Any]:
    return json.loads(SETTINGS.read_text(encoding="utf-8"))


def test_the_splink_part_loads_as_splink_settings():
    settings = SettingsCreator.from_path_or_dict(model()["splink"]).get_settings("duckdb")
    assert [c.output_column_name for c in settings.comparisons] == [
        "given_name",
        "surname",
        "date_of_birth",
        "street_number",
        "address_1",
        "address_2",
        "suburb",
        "postcode",
        "state",
    ]


def test_no_rule_or_comparison_names_the_social_security_number():
    # The benchmark links on names, birth and address only: the id alone would make FEBRL4 trivial. The prose
    # in "about" may say so; what Splink and training read may not name it.
    acting = {key: value for key, value in model().items() if key != "about"}
    assert "soc_sec_id" not in json.dumps(acting)


def test_the_headline_threshold_is_fixed_and_reported():
    data = model()
    assert 0 < data["threshold"] < 1
    assert data["threshold"] in data["report_thresholds"]
