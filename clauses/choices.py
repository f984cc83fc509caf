"""The closed vocabularies of the domain. The database checks them too (see models)."""

from django.db import models


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    PROPOSED = "proposed", "proposed"
    UNDER_NEGOTIATION = "under_negotiation", "under negotiation"
    AGREED = "agreed", "agreed"
    REJECTED = "rejected", "rejected"
    SUPERSEDED = "superseded", "superseded"


class Provenance(models.TextChoices):
    OFFICIAL = "official", "official text"
    LEAKED = "leaked", "leaked text"
    REPORTED = "reported", "reported"
    PARAPHRASED = "paraphrased", "paraphrased"


class Topic(models.TextChoices):
    TERRITORY = "territory", "territory"
    SECURITY_GUARANTEES = "security_guarantees", "security guarantees"
    MILITARY = "military", "military"
    ALLIANCES = "alliances", "alliances"
    NUCLEAR_ENERGY = "nuclear_energy", "nuclear & energy"
    ECONOMY_SANCTIONS = "economy_sanctions", "economy & sanctions"
    HUMANITARIAN = "humanitarian", "humanitarian"
    GOVERNANCE_ELECTIONS = "governance_elections", "governance & elections"
    IMPLEMENTATION_MONITORING = "implementation_monitoring", "implementation & monitoring"


class ClauseStatus(models.TextChoices):
    AGREED = "agreed", "agreed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle", "agreed in principle"
    CONTESTED = "contested", "contested"
    OPEN = "open", "open"
    DEFERRED = "deferred", "deferred"
    RAISED_OUTSIDE_TEXT = "raised_outside_text", "raised outside the text"
