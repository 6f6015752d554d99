"""Form data for the intake page, as a browser posts it: a testimony of a mother and her son."""

ROWS = {"relatives": 6, "events": 8, "relations": 4}


def intake_post(**fields: str) -> dict[str, str]:
    data = {
        "testimony-recorded_by": "Istanbul office",
        "testimony-given_on": "2021-02-10",
        "testimony-language": "ug",
        "testimony-text": "My son was taken to an orphanage after my parents were detained.",
        "testimony-sensitivity": "confidential",
        "testimony-case_status": "open",
        "seeker-name": "Gulnar Tursun",
        "seeker-other_names": "گۈلنار تۇرسۇن",
        "seeker-sex": "F",
        "seeker-birthplace": "Hotan",
        "seeker-status": "abroad",
        "seeker-status_place": "Istanbul, Turkey",
        "relatives-0-name": "Ilyas Memet",
        "relatives-0-other_names": "伊力亚斯·买买提",
        "relatives-0-role": "child",
        "relatives-0-of": "0",
        "relatives-0-sought": "on",
        "relatives-0-sex": "M",
        "relatives-0-birth_date": "2010-04-02",
        "relatives-0-status": "state_orphanage",
        "relatives-0-last_contact": "2017-05-01",
        "events-0-kind": "orphanage_placement",
        "events-0-persons": "1",
        "events-0-date": "2018",
        "events-0-place": "Hotan",
    }
    for prefix, rows in ROWS.items():
        data |= {
            f"{prefix}-TOTAL_FORMS": str(rows),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": str(rows),
        }
    data.update(fields)
    return data
