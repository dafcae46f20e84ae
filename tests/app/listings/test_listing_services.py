"""The listing services: the moderation state machine, who may do what, and concurrent
edits refused rather than lost."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from storefront_plugins.listings import services
from storefront_plugins.listings.content import VariantInput
from storefront_plugins.listings.models import (
    Listing,
    ListingEvent,
    ListingStatus,
    ListingVariant,
    ModerationComment,
)
from tests.app.listings.conftest import TAJINE, World, add_photo


def codes(error: ValidationError) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_an_artisan_drafts_a_piece_in_their_cooperative_in_its_currency(world: World):
    # when
    listing = services.create_listing(world.potter, world.safi.pk, TAJINE)

    # then
    assert listing.status == ListingStatus.DRAFT
    assert listing.version == 1
    assert listing.currency == "MAD"
    assert listing.artisan_id == world.potter.artisan_id
    assert not listing.is_published


def test_an_artisan_cannot_list_in_another_cooperative(world: World):
    # when
    with pytest.raises(ValidationError) as raised:
        services.create_listing(world.potter, world.fes.pk, TAJINE)

    # then
    assert codes(raised.value) == {"cooperative": ["NOT_A_MEMBER"]}


def test_the_full_path_from_draft_to_published(world: World, ready: Listing):
    # when
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    approved = services.approve_listing(world.manager, ready.pk, submitted.version, "Très beau.")

    # then
    assert approved.status == ListingStatus.APPROVED
    assert approved.is_published
    assert approved.approved_by_id == world.manager.user_id
    content = approved.approved_content or {}
    assert content["title"]["fr"] == "Tajine de Safi"
    assert len(content["photos"]) == 1
    assert [(e.action, e.from_status, e.to_status) for e in approved.events.all()] == [
        ("create", "draft", "draft"),
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "approved"),
    ]
    assert list(approved.comments.values_list("body", "decision")) == [("Très beau.", "approved")]


def test_submitting_needs_a_title_category_price_and_a_photo(world: World):
    # given
    listing = services.create_listing(world.potter, world.safi.pk, {"craft": "pottery"})

    # when
    with pytest.raises(ValidationError) as raised:
        services.submit_listing(world.potter, listing.pk, listing.version)

    # then
    assert codes(raised.value) == {
        "title": ["REQUIRED"],
        "saleorCategoryId": ["REQUIRED"],
        "price": ["REQUIRED"],
        "photos": ["REQUIRED"],
    }
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.DRAFT


def test_a_manager_requests_changes_with_a_comment_and_the_artisan_resubmits(
    world: World, ready: Listing
):
    # given
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)

    # when
    back = services.request_changes(
        world.manager, ready.pk, submitted.version, "Ajoutez une photo de dos."
    )
    again = services.submit_listing(world.potter, ready.pk, back.version)

    # then
    assert back.status == ListingStatus.CHANGES_REQUESTED
    assert again.status == ListingStatus.SUBMITTED
    comment = ModerationComment.objects.get(listing=ready)
    assert (comment.body, comment.decision, comment.author_id) == (
        "Ajoutez une photo de dos.",
        "changes_requested",
        world.manager.user_id,
    )


def test_requesting_changes_needs_a_comment(world: World, ready: Listing):
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    with pytest.raises(ValidationError) as raised:
        services.request_changes(world.manager, ready.pk, submitted.version, "  ")
    assert codes(raised.value) == {"comment": ["REQUIRED"]}


def test_a_draft_cannot_be_approved(world: World, ready: Listing):
    with pytest.raises(ValidationError) as raised:
        services.approve_listing(world.manager, ready.pk, ready.version)
    assert codes(raised.value) == {"id": ["INVALID_TRANSITION"]}


def test_an_artisan_cannot_approve_their_own_listing(world: World, ready: Listing):
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    with pytest.raises(PermissionDenied):
        services.approve_listing(world.potter, ready.pk, submitted.version)


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        ("potter", True),
        ("manager", True),
        ("staff", True),
        ("other_artisan", False),
        ("other_manager", False),
        ("nobody", False),
    ],
)
def test_only_the_artisan_their_managers_and_staff_see_a_listing(
    world: World, draft: Listing, actor: str, sees: bool
):
    # given
    viewer = getattr(world, actor)

    # when
    visible = services.visible_listings(viewer).filter(pk=draft.pk).exists()

    # then
    assert visible is sees
    if not sees:
        with pytest.raises(ValidationError) as raised:
            services.update_listing(viewer, draft.pk, draft.version, {"stock": 0})
        assert codes(raised.value) == {"id": ["NOT_FOUND"]}


def test_a_manager_sees_but_does_not_edit_an_artisans_listing(world: World, draft: Listing):
    with pytest.raises(PermissionDenied):
        services.update_listing(world.manager, draft.pk, draft.version, {"stock": 0})


def test_an_edit_made_on_an_older_version_is_refused_naming_who_changed_it(
    world: World, draft: Listing
):
    # given: two tabs opened at version 1; the first saves
    services.update_listing(world.potter, draft.pk, 1, {"price": Decimal("480.00")})

    # when: the second saves what it read at version 1
    with pytest.raises(ValidationError) as raised:
        services.update_listing(world.potter, draft.pk, 1, {"stock": 5})

    # then
    assert codes(raised.value) == {"version": ["CONFLICT"]}
    assert "fatima-potiere" in raised.value.error_dict["version"][0].message
    listing = Listing.objects.get(pk=draft.pk)
    assert (listing.price, listing.stock, listing.version) == (Decimal("480.00"), 3, 2)


def test_a_manager_approves_only_the_version_they_reviewed(world: World, ready: Listing):
    # given: submitted, then edited by the artisan after the manager opened it
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    services.update_listing(
        world.potter, ready.pk, submitted.version, {"title": {"fr": "Grand tajine"}}
    )

    # when
    with pytest.raises(ValidationError) as raised:
        services.approve_listing(world.manager, ready.pk, submitted.version)

    # then
    assert codes(raised.value) == {"version": ["CONFLICT"]}


def test_a_content_edit_of_a_published_listing_goes_back_to_moderation_keeping_what_saleor_shows(
    world: World, ready: Listing
):
    # given
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    approved = services.approve_listing(world.manager, ready.pk, submitted.version)

    # when
    edited = services.update_listing(
        world.potter, ready.pk, approved.version, {"title": {"fr": "Grand tajine"}}
    )

    # then
    assert edited.status == ListingStatus.SUBMITTED
    assert edited.is_published
    assert edited.title["fr"] == "Grand tajine"
    assert edited.title["ar"] == "طاجين آسفي"  # languages not sent are kept
    assert (edited.approved_content or {})["title"]["fr"] == "Tajine de Safi"


def test_a_price_or_stock_edit_of_a_published_listing_needs_no_moderation(
    world: World, ready: Listing
):
    # given
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    approved = services.approve_listing(world.manager, ready.pk, submitted.version)

    # when
    edited = services.update_listing(
        world.potter, ready.pk, approved.version, {"price": Decimal("400.00"), "stock": 1}
    )

    # then
    assert edited.status == ListingStatus.APPROVED
    assert (edited.price, edited.stock) == (Decimal("400.00"), 1)


def test_variants_are_added_changed_and_removed(world: World, draft: Listing):
    # given
    listing = services.update_listing(
        world.potter,
        draft.pk,
        draft.version,
        {},
        [
            VariantInput(label={"fr": "Petit", "en": "Small"}, stock=2),
            VariantInput(label={"fr": "Grand"}, price=Decimal("600.00"), stock=1),
        ],
    )
    _small, large = listing.variants.all()

    # when
    services.update_listing(
        world.potter,
        draft.pk,
        listing.version,
        {},
        [VariantInput(id=large.pk, label={"fr": "Grand"}, price=Decimal("650.00"), stock=1)],
    )

    # then
    assert list(ListingVariant.objects.filter(listing=draft).values_list("label", "price")) == [
        ({"fr": "Grand"}, Decimal("650.00"))
    ]


def test_a_sku_another_listing_uses_is_refused_on_the_variants(world: World, draft: Listing):
    # given
    services.create_listing(
        world.potter, world.safi.pk, TAJINE, [VariantInput(label={"fr": "Bleu"}, sku="SAFI-1")]
    )

    # when
    with pytest.raises(ValidationError) as raised:
        services.update_listing(
            world.potter,
            draft.pk,
            draft.version,
            {},
            [VariantInput(label={"fr": "Vert"}, sku="SAFI-1")],
        )

    # then
    assert codes(raised.value) == {"variants": ["UNIQUE"]}


def test_a_removed_variants_sku_is_free_for_the_one_replacing_it(world: World, draft: Listing):
    # given a size with its SKU, never shown in Saleor
    listing = services.update_listing(
        world.potter,
        draft.pk,
        draft.version,
        {},
        [VariantInput(label={"fr": "Moyen"}, sku="SAFI-TAJ-M")],
    )

    # when the artisan replaces it by another with the same SKU
    services.update_listing(
        world.potter,
        draft.pk,
        listing.version,
        {},
        [VariantInput(label={"fr": "Moyen, couvercle peint"}, sku="SAFI-TAJ-M")],
    )

    # then
    assert list(ListingVariant.objects.filter(listing=draft).values_list("label", "sku")) == [
        ({"fr": "Moyen, couvercle peint"}, "SAFI-TAJ-M")
    ]


def test_another_listings_variant_cannot_be_named(world: World, draft: Listing):
    # given
    other = services.create_listing(
        world.potter, world.safi.pk, TAJINE, [VariantInput(label={"fr": "Bleu"})]
    )
    variant = other.variants.get()

    # when
    with pytest.raises(ValidationError) as raised:
        services.update_listing(
            world.potter, draft.pk, draft.version, {}, [VariantInput(id=variant.pk, label={})]
        )

    # then
    assert codes(raised.value) == {"variants": ["NOT_FOUND"]}


def test_unpublishing_and_publishing_again_an_approved_listing(world: World, ready: Listing):
    # given
    submitted = services.submit_listing(world.potter, ready.pk, ready.version)
    services.approve_listing(world.manager, ready.pk, submitted.version)

    # when
    hidden = services.set_listing_published(world.potter, ready.pk, False)
    shown = services.set_listing_published(world.manager, ready.pk, True)

    # then
    assert hidden.is_published is False
    assert shown.is_published is True
    assert ListingEvent.objects.filter(listing=ready, action="unpublish").count() == 1


def test_a_draft_is_not_published(world: World, ready: Listing):
    with pytest.raises(ValidationError) as raised:
        services.set_listing_published(world.potter, ready.pk, True)
    assert codes(raised.value) == {"id": ["INVALID_TRANSITION"]}


def test_deleting_a_never_approved_listing_removes_it_and_an_approved_one_is_archived(
    world: World, ready: Listing
):
    # given
    other = services.create_listing(world.potter, world.safi.pk, TAJINE)
    add_photo(other)
    submitted = services.submit_listing(world.potter, other.pk, other.version)
    services.approve_listing(world.manager, other.pk, submitted.version)

    # when
    gone = services.delete_listing(world.potter, ready.pk)
    archived = services.delete_listing(world.potter, other.pk)

    # then
    assert gone.deleted
    assert not Listing.objects.filter(pk=ready.pk).exists()
    assert not archived.deleted
    assert archived.listing is not None
    assert (archived.listing.status, archived.listing.is_published) == ("archived", False)


def test_the_moderation_queue_holds_the_cooperatives_submitted_listings_only(
    world: World, ready: Listing
):
    # given
    services.submit_listing(world.potter, ready.pk, ready.version)
    services.create_listing(world.potter, world.safi.pk, TAJINE)  # a draft

    # then
    assert list(services.moderation_queue(world.manager, world.safi.pk)) == [ready]
    assert list(services.moderation_queue(world.other_manager, world.safi.pk)) == []
    assert list(services.moderation_queue(world.potter, world.safi.pk)) == []
