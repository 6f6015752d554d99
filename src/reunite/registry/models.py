"""The registry: persons, their names and relatives, what happened to them, and where each fact comes from.

Every fact row (a name, an identity number, a statement of sex/birth/status, a relationship, an event)
points to the `Source` that asserts it. Two sources that disagree give two rows, both kept and shown:
nothing here is ever overwritten by a later source.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from reunite.accounts.models import Organisation, sole_organisation_id
from reunite.names import Script, detect_script, fold, parse_name
from reunite.places import Place as Division
from reunite.places import gazetteer, resolve
from reunite.registry.fields import PartialDateField


class PlaceQuerySet(models.QuerySet):
    def named(self, text: str) -> Place | None:
        """The place a source names: a division of Xinjiang or a country when the gazetteer is sure of it,
        else the text as written (created on first mention); None for no text."""
        name = " ".join(text.split())
        if not name:
            return None
        resolution = resolve(name)
        best = resolution.best
        if best is None or resolution.ambiguous:
            return self._written(name)
        if best.place is not None:
            return self.division(best.place)
        country = self.country(best.country)
        return self._written(best.locality, country) if best.locality else country

    def division(self, division: Division) -> Place:
        """The row of a gazetteer division, created with its parents on first use."""
        if existing := self.filter(code=division.code).first():
            return existing
        parent = gazetteer().parent(division)
        return self.create(
            name=division.label,
            code=division.code,
            country="CN",
            level=division.level,
            parent=self.division(parent) if parent else None,
        )

    def country(self, country) -> Place:
        place = self.filter(level=Place.Level.COUNTRY, country=country.alpha_2).first()
        return place or self.create(name=country.name, country=country.alpha_2, level=Place.Level.COUNTRY)

    def _written(self, name: str, within: Place | None = None) -> Place:
        found = self.filter(folded=fold(name), level=Place.Level.WRITTEN, parent=within).order_by("id").first()
        country = within.country if within else ""
        return found or self.create(name=name, level=Place.Level.WRITTEN, parent=within, country=country)


class Place(models.Model):
    """A place as sources name it: a division of Xinjiang from the gazetteer, a country, or text as written."""

    class Level(models.TextChoices):
        REGION = "region", _("region")
        PREFECTURE = "prefecture", _("prefecture")
        COUNTY = "county", _("county or city")
        COUNTRY = "country", _("country")
        WRITTEN = "written", _("as written")

    objects = PlaceQuerySet.as_manager()

    name = models.CharField(_("name"), max_length=200)
    folded = models.CharField(max_length=200, db_index=True, editable=False)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.WRITTEN)
    country = models.CharField(_("country (ISO 3166 code)"), max_length=2, blank=True)
    code = models.CharField(_("administrative code"), max_length=12, blank=True, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.parent}" if self.level == self.Level.WRITTEN and self.parent else self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class Dataset(models.Model):
    """An imported list: a testimony spreadsheet, a published victim list, a leaked official list."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, default=sole_organisation_id, related_name="datasets"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="dataset_name_unique")]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """Where facts come from: a testimony, or one row of an imported list kept verbatim."""

    class Kind(models.TextChoices):
        TESTIMONY = "testimony", _("testimony")
        LIST_ROW = "list_row", _("imported list row")

    class Sensitivity(models.TextChoices):
        PUBLIC = "public", _("public")
        RESTRICTED = "restricted", _("restricted")
        CONFIDENTIAL = "confidential", _("confidential")

    # Records belong to the organisation that holds the source: its people see them, no one else.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, default=sole_organisation_id, related_name="sources"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Private by default: a source is confidential until someone decides otherwise.
    sensitivity = models.CharField(
        _("sensitivity"), max_length=16, choices=Sensitivity.choices, default=Sensitivity.CONFIDENTIAL
    )

    testifier = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.PROTECT, related_name="testimonies_given"
    )
    given_on = PartialDateField(_("given on"))
    recorded_by = models.CharField(_("given to"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    text = models.TextField(_("testimony"), blank=True)

    may_be_named = models.BooleanField(_("may be named"), default=False)
    may_quote_anonymously = models.BooleanField(_("may be quoted anonymously"), default=False)
    may_share_with_partners = models.BooleanField(_("may be shared with partner organisations"), default=False)
    may_share_with_governments = models.BooleanField(_("may be shared with governments"), default=False)
    may_contact = models.BooleanField(_("may be contacted"), default=False)

    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.PROTECT, related_name="rows")
    row_key = models.CharField(_("row key"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    raw = models.JSONField(_("raw values as imported"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "row_key", "version"],
                condition=Q(dataset__isnull=False),
                name="source_row_version_unique",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.LIST_ROW:
            return f"{self.dataset}, row {self.row_key}"
        given = f", {self.given_on}" if self.given_on else ""
        return f"{_('Testimony')} #{self.pk}{given}"

    @property
    def withdrawn(self) -> bool:
        """Whether its witness withdrew consent: the `Withdrawal` row is the one record of it."""
        return hasattr(self, "withdrawal")


class Person(models.Model):
    """A person some source speaks of. What is known of them lives in the fact rows below."""

    # A testimony may speak of someone without naming them ("my youngest daughter").
    description = models.CharField(_("description"), max_length=200, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="persons_introduced")
    # Who this record really is, in demo and generated data: the truth linkage is measured against.
    known_identity = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The first name a source gave, else the description; reads prefetched names when present."""
        names = self.names.all()
        if names:
            return names[0].text
        return self.description or f"{_('Person')} #{self.pk}"


class PersonName(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", _("full name")
        GIVEN = "given", _("given name")
        FATHER = "father", _("father's name")
        CHINESE = "chinese", _("Chinese form")
        ALIAS = "alias", _("alias or other spelling")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    text = models.CharField(_("name"), max_length=200)
    script = models.CharField(_("script"), max_length=4, choices=[(s.value, s.name.title()) for s in Script])
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.FULL)
    folded = models.CharField(max_length=200, db_index=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="names")

    class Meta:
        ordering = ["person", "position", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="name_not_empty")]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        self.text = " ".join(self.text.split())
        if not self.text:
            raise ValidationError({"text": _("A name cannot be empty.")})

    def derive(self) -> None:
        """Fill what is computed from the text; bulk writers call this since they skip `save`."""
        self.text = " ".join(self.text.split())
        self.script = detect_script(self.text)
        self.folded = fold(self.text)

    def save(self, *args, **kwargs):
        self.derive()
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            # The keys follow the text (and the person): replaced whole, never patched.
            keys = NameKey.objects.using(self._state.db)
            keys.filter(name=self).delete()
            keys.bulk_create(self.key_rows())

    def key_rows(self) -> list[NameKey]:
        """The search keys of this name, unsaved; every writer of names writes them (bulk writers too)."""
        return name_key_rows(self, NameKey)


class IdentityNumber(models.Model):
    class Kind(models.TextChoices):
        CN_RESIDENT = "cn_ric", _("Chinese resident ID")
        PASSPORT = "passport", _("passport")
        OTHER = "other", _("other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identity_numbers")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CN_RESIDENT)
    value = models.CharField(_("number"), max_length=64, db_index=True)
    # Derived from `value` on every save (`derive`): the 18-character form of a resident ID ("" when it cannot be
    # read), and whether its check digit is right (None: no check digit to check). `value` stays as written.
    normalised = models.CharField(_("normalised number"), max_length=18, blank=True, db_index=True, editable=False)
    checksum_ok = models.BooleanField(_("check digit right"), null=True, editable=False)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="identity_numbers")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}"

    def derive(self) -> None:
        """Fill what is computed from the value; bulk writers call this since they skip `save`."""
        from reunite.ids import parse_resident_id

        if self.kind == self.Kind.CN_RESIDENT:
            rid = parse_resident_id(self.value)
            self.normalised, self.checksum_ok = rid.number, rid.checksum_ok
        else:
            self.normalised, self.checksum_ok = "", None

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    UNKNOWN = "unknown", _("unknown")
    AT_LIBERTY = "at_liberty", _("at liberty")
    ABROAD = "abroad", _("abroad")
    DETAINED = "detained", _("detained in a camp")
    IMPRISONED = "imprisoned", _("imprisoned")
    STATE_ORPHANAGE = "state_orphanage", _("in a state orphanage")
    BOARDING_SCHOOL = "boarding_school", _("in a boarding school")
    HOSPITALISED = "hospitalised", _("hospitalised")
    WITH_RELATIVES = "with_relatives", _("with relatives")
    DISAPPEARED = "disappeared", _("disappeared")
    DECEASED = "deceased", _("deceased")


class Statement(models.Model):
    """What one source says of one person: sex, birth, ethnicity, status and where."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("female")
        MALE = "M", _("male")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="statements")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="statements")
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = PartialDateField(_("birth date"))
    birthplace = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("birthplace")
    )
    ethnicity = models.CharField(_("ethnicity"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    status_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("where")
    )

    class Meta:
        ordering = ["person", "source_id"]
        constraints = [models.UniqueConstraint(fields=["person", "source"], name="one_statement_per_source")]


class Relationship(models.Model):
    """`person` is `kind` of `relative`: (Mihriban, parent, her son) reads "Mihriban is parent of her son"."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("parent")
        SPOUSE = "spouse", _("spouse")
        SIBLING = "sibling", _("sibling")
        GRANDPARENT = "grandparent", _("grandparent")
        GUARDIAN = "guardian", _("guardian")
        CAREGIVER = "caregiver", _("caregiver")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(_("relationship"), max_length=16, choices=Kind.choices)
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reverse_relationships")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="relationships")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(person=F("relative")), name="relationship_not_to_self"),
            models.UniqueConstraint(fields=["person", "kind", "relative", "source"], name="relationship_unique"),
        ]

    def clean(self) -> None:
        if self.person_id is not None and self.person_id == self.relative_id:
            raise ValidationError({"relative": _("A person cannot be their own relative.")})


class Event(models.Model):
    class Kind(models.TextChoices):
        SEPARATION = "separation", _("separation")
        LAST_CONTACT = "last_contact", _("last contact")
        HARASSMENT = "harassment", _("police harassment")
        DETENTION = "detention", _("detention")
        INTERROGATION = "interrogation", _("interrogation")
        HOSPITALISATION = "hospitalisation", _("hospitalisation")
        RELEASE = "release", _("release")
        ORPHANAGE_PLACEMENT = "orphanage_placement", _("placed in an orphanage")
        BOARDING_SCHOOL_PLACEMENT = "boarding_school_placement", _("placed in a boarding school")
        PASSPORT_CONFISCATION = "passport_confiscation", _("passport confiscated")
        EXIT_BAN = "exit_ban", _("exit ban")
        TRAVEL = "travel", _("travel")
        VISA_APPLICATION = "visa_application", _("visa application")
        REFUSAL = "refusal", _("refusal")
        REUNIFICATION = "reunification", _("reunification")
        DEATH = "death", _("death")
        OTHER = "other", _("other")

    kind = models.CharField(_("what happened"), max_length=32, choices=Kind.choices, db_index=True)
    date = PartialDateField(_("when"))
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("where")
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    persons = models.ManyToManyField(Person, through="EventPerson", related_name="events")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = [F("date_earliest").asc(nulls_last=True), "id"]
        indexes = [models.Index(fields=["kind", "date_latest"], name="event_kind_latest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date or ''}".strip()


class EventPerson(models.Model):
    """Who an event happened to."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    # The unique index leads with the person: "the events of this person" (last contact) reads only the index.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "event"], name="event_person_unique")]


class NameKey(models.Model):
    """One blocking key of one part of a name, with the part's fine phonetic key (`reunite.names`).

    Search finds its candidates here: persons sharing a coarse key with the query, whatever the script each
    wrote the name in. `person` repeats the name's person so the candidates are counted from this table alone.
    """

    name = models.ForeignKey(PersonName, on_delete=models.CASCADE, related_name="keys")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=64, db_index=True)
    block = models.CharField(max_length=64, db_index=True)

    class Meta:
        # Covers the search's count of query keys hit per person: the table itself is never read.
        indexes = [models.Index(fields=["block", "person", "key"], name="namekey_block_person_key")]

    def __str__(self) -> str:
        return f"{self.block}/{self.key}"


def name_key_rows(name, key_model) -> list:
    """The key rows of a saved name (one per part and blocking key); `key_model` may be a migration's model."""
    return [
        key_model(name_id=name.pk, person_id=name.person_id, position=position, key=part.key[:64], block=block[:64])
        for position, part in enumerate(parse_name(name.text).parts)
        for block in part.blocks
    ]


def fill_name_keys(name_model, key_model, batch_size: int = 2000) -> int:
    """Write the keys of every name that has none, `batch_size` names at a time; returns how many names.

    The migration that introduced the keys calls this with its historical models.
    """
    filled, last = 0, 0
    keyless = name_model.objects.filter(~Exists(key_model.objects.filter(name_id=OuterRef("pk"))))
    while batch := list(keyless.filter(pk__gt=last).order_by("pk").only("pk", "person_id", "text")[:batch_size]):
        key_model.objects.bulk_create(
            [row for name in batch for row in name_key_rows(name, key_model)], batch_size=batch_size
        )
        filled += len(batch)
        last = batch[-1].pk
    return filled


class Withdrawal(models.Model):
    """A witness withdrew their consent: their source was emptied and the facts only it stated removed
    (`registry.withdrawal`). The source stays as an empty shell, so that its list row is not imported again."""

    class How(models.TextChoices):
        # How the request came, never who made it or their words: a choice, so no one types personal data here.
        IN_PERSON = "in_person", _("in person")
        EMAIL = "email", _("by email")
        TELEPHONE = "telephone", _("by telephone")
        LETTER = "letter", _("by letter")
        PARTNER = "partner", _("through a partner organisation")
        OTHER = "other", _("another way")

    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="withdrawal")
    at = models.DateTimeField(_("withdrawn"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    how = models.CharField(_("how the request came"), max_length=16, choices=How.choices)
    # How many rows of each kind were removed or emptied: counts, never what they held.
    removed = models.JSONField(_("what was removed"), default=dict)

    def __str__(self) -> str:
        return f"{_('Withdrawal')} #{self.pk}"
