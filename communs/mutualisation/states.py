"""The explicit state machines of campaigns and pledges: which change is allowed from where."""

from __future__ import annotations

CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"open", "cancelled"}),
    "open": frozenset({"funded", "expired", "cancelled"}),
    "funded": frozenset({"in-delivery", "cancelled"}),
    "in-delivery": frozenset({"delivered", "cancelled"}),
    "delivered": frozenset(),
    "expired": frozenset(),
    "cancelled": frozenset(),
}

PLEDGE_TRANSITIONS: dict[str, frozenset[str]] = {
    # Above the organisation's limit: its administrator confirms (pledged) or refuses it.
    "awaiting": frozenset({"pledged", "released"}),
    "pledged": frozenset({"committed", "released"}),
    "committed": frozenset({"paid", "released"}),
    "paid": frozenset(),
    "released": frozenset(),
}

# What a campaign's state means for its need.
NEED_STATUS_FOR_CAMPAIGN = {
    "funded": "funded",
    "in-delivery": "in-progress",
    "delivered": "delivered",
}
