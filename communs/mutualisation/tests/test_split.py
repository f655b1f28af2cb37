from decimal import Decimal

import pytest

from communs.mutualisation.split import split


def test_equal_parts_add_up_to_the_total_to_the_cent():
    shares = split(Decimal("100.00"), [("A", Decimal(1)), ("B", Decimal(1)), ("C", Decimal(1))])
    assert [s.amount for s in shares] == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(s.amount for s in shares) == Decimal("100.00")


def test_each_member_saves_the_total_minus_its_share():
    shares = split(Decimal("30000.00"), [("A", Decimal(12000)), ("B", Decimal(18000))])
    assert [(s.amount, s.saving) for s in shares] == [
        (Decimal("12000.00"), Decimal("18000.00")),
        (Decimal("18000.00"), Decimal("12000.00")),
    ]


@pytest.mark.parametrize("members", [3, 7, 11, 13, 97])
def test_totals_never_drift_whatever_the_weights(members):
    total = Decimal("12345.67")
    weights = [(f"m{i}", Decimal(i * i + 1) / Decimal(3)) for i in range(members)]
    shares = split(total, weights)
    assert sum(s.amount for s in shares) == total
    assert all(s.amount == s.amount.quantize(Decimal("0.01")) for s in shares)


def test_a_weight_of_zero_or_no_member_is_refused():
    with pytest.raises(ValueError):
        split(Decimal("10"), [("A", Decimal(0))])
    with pytest.raises(ValueError):
        split(Decimal("10"), [])


@pytest.mark.django_db
def test_the_campaign_split_counts_each_member_with_a_standing_pledge(world, need):
    from communs.mutualisation.models import Pledge
    from communs.mutualisation.selectors import campaign_split
    from communs.mutualisation.tests.conftest import make_campaign

    campaign = make_campaign(world, need)
    elsewhere = make_campaign(world, need, title="Autre", state="cancelled")
    for organisation in (world["commune"], world["neighbour"], world["far"]):
        Pledge.objects.create(campaign=campaign, organisation=organisation, amount=Decimal("1"))
    # A released pledge on another campaign does not remove Cluses from this one.
    Pledge.objects.create(
        campaign=elsewhere, organisation=world["neighbour"], amount=Decimal("1"), state="released"
    )
    Pledge.objects.create(
        campaign=campaign, organisation=world["region"], amount=Decimal("1"), state="released"
    )
    shares = campaign_split(campaign, "custom", [Decimal(1), Decimal(2), Decimal(3)])
    assert [(s.name, s.amount) for s in shares] == [
        ("Ambérieu", Decimal("5000.00")),
        ("Bonneville", Decimal("10000.00")),
        ("Cluses", Decimal("15000.00")),
    ]
    with pytest.raises(ValueError):
        campaign_split(campaign, "custom", [Decimal(1)])
