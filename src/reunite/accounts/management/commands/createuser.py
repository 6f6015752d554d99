import getpass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reunite.accounts.models import Membership, Organisation
from reunite.accounts.roles import Role


class Command(BaseCommand):
    help = "Create a user account in a role (--role); --admin makes an administrator. Asks for the password twice."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--admin", action="store_true", help="administrator: admin site and every right")
        parser.add_argument(
            "--role",
            choices=[r.value for r in Role],
            help="caseworker: every record; researcher: public and restricted sources; advocate: figures only",
        )
        parser.add_argument(
            "--organisation",
            help="the organisation whose records the account works with, created if new "
            "(default: the installation's one organisation)",
        )
        parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    def handle(self, *args, username, email, admin, role, organisation, password_stdin, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"user {username!r} already exists")
        if password_stdin:
            password = input().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the two passwords differ")
        user = User(username=username, email=email, is_staff=admin, is_superuser=admin)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("password refused: " + " ".join(exc.messages)) from None
        try:
            works_for = (
                Organisation.objects.get_or_create(name=organisation)[0]
                if organisation
                else Organisation.objects.sole()
            )
        except ImproperlyConfigured as error:
            raise CommandError(f"{error}: --organisation NAME") from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            Membership.objects.create(user=user, organisation=works_for)
        role = Role.ADMINISTRATOR if admin else role
        if role:
            user.groups.add(Group.objects.get(name=role))
        self.stdout.write(f"Created {role or 'user without a role'} {username!r} in {works_for.name!r}.")
