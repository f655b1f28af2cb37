import pytest

from communs.catalog.services import demo_load
from communs.mutualisation.demo import demo_pooling_load
from communs.mutualisation.models import Campaign, Need, SharedProject
from communs.mutualisation.states import CAMPAIGN_TRANSITIONS


@pytest.mark.django_db
def test_the_demo_holds_needs_and_one_campaign_in_each_state_and_loads_once():
    # `load_demo` calls demo_pooling_load after the catalogue; tested here without the
    # shipped evaluations, which are another app's.
    demo_load()
    assert demo_pooling_load() == 7
    assert demo_pooling_load() == 0
    assert sorted(Campaign.objects.values_list("state", flat=True)) == sorted(CAMPAIGN_TRANSITIONS)
    assert not Campaign.objects.filter(demo=False).exists()
    assert Need.objects.filter(demo=True).count() == 3
    project = SharedProject.objects.get(demo=True)
    assert sorted(project.members.values_list("role", flat=True)) == [
        "contributor",
        "leader",
        "user",
    ]


@pytest.mark.django_db
def test_demo_campaign_titles_say_their_state_in_french_and_old_titles_are_renamed():
    demo_load()
    demo_pooling_load()
    titles = dict(Campaign.objects.values_list("state", "title"))
    assert titles["cancelled"] == "Démo – campagne annulée"
    assert not any("(" in title for title in titles.values())
    Campaign.objects.filter(state="expired").update(title="Démo – campagne (expired)")
    assert demo_pooling_load() == 0
    assert Campaign.objects.get(state="expired").title == "Démo – campagne expirée"
