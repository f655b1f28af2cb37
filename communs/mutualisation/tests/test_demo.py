import pytest
from django.core.management import call_command

from communs.mutualisation.models import Campaign, Need
from communs.mutualisation.states import CAMPAIGN_TRANSITIONS


@pytest.mark.django_db
def test_the_demo_holds_needs_and_one_campaign_in_each_state_and_loads_once(capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert sorted(Campaign.objects.values_list("state", flat=True)) == sorted(CAMPAIGN_TRANSITIONS)
    assert not Campaign.objects.filter(demo=False).exists()
    assert Need.objects.filter(demo=True).count() == 3
    assert "7 demo pooling campaigns added" in capsys.readouterr().out
