import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from reunite.cases.models import Case
from reunite.registry.contact import days_since, latest_contacts


class Command(BaseCommand):
    help = "List open cases: seeker, and each sought person with status and days since last contact."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args, **options):
        cases = open_cases()
        if options["json"]:
            self.stdout.write(json.dumps(cases, ensure_ascii=False, indent=2))
            return
        for case in cases:
            self.stdout.write(f"{case['reference']}  {case['status']}  seeker: {case['seeker']['name']}")
            for sought in case["sought"]:
                days = sought["days_since_last_contact"]
                shown = "no contact recorded" if days is None else f"{'' if sought['exact'] else '>= '}{days} days"
                self.stdout.write(f"    {sought['name']:<40} {sought['status'] or '-':<18} {shown}")


def open_cases() -> list[dict]:
    today = timezone.localdate()
    cases = list(
        Case.objects.exclude(status__in=Case.FINISHED)
        .select_related("seeker")
        .prefetch_related("seeker__names", "sought_persons__person__names", "sought_persons__person__statements")
        .order_by("id")
    )
    contacts = latest_contacts(s.person_id for case in cases for s in case.sought_persons.all())
    return [
        {
            "id": case.pk,
            "reference": case.reference,
            "status": case.status,
            "seeker": {"id": case.seeker_id, "name": case.seeker.display_name},
            "sought": [_sought(s, contacts.get(s.person_id), today) for s in case.sought_persons.all()],
        }
        for case in cases
    ]


def _sought(sought, last_contact, today) -> dict:
    days = days_since(last_contact, today)
    statuses = [st.status for st in sought.person.statements.all() if st.status]
    return {
        "id": sought.person_id,
        "name": sought.person.display_name,
        "status": statuses[-1] if statuses else "",
        "last_contact": str(last_contact) if last_contact else None,
        "days_since_last_contact": days.days,
        "exact": days.exact,
    }
