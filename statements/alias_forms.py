"""The editor's form adding or changing one alias of a party (parties.fields declares its
fields)."""

from core.forms import EditForm
from parties.fields import PARTY_ALIAS
from parties.models import PartyAlias


class PartyAliasForm(EditForm):
    class Meta:
        model = PartyAlias
        fields = PARTY_ALIAS.form_fields
        labels = {"kind": "Kind", "language": "Language"}
