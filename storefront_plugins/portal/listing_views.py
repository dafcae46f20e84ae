"""What the listing and moderation pages show of a listing's photos and messages."""

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest

from storefront_plugins.core.files import file_url
from storefront_plugins.core.translations import TranslatedText
from storefront_plugins.listings.models import Listing
from storefront_plugins.portal.texts import texts_for


@dataclass(frozen=True)
class PhotoView:
    pk: int
    url: str
    alt_text: str


@dataclass(frozen=True)
class CommentView:
    author_name: str
    decision_text: str
    created_at: datetime
    body: str


def photo_views(request: HttpRequest, listing: Listing, language: str) -> list[PhotoView]:
    """The listing's photos with links that outlive the page (private: the piece is not
    published yet, and the photos are the artisan's until it is)."""
    return [
        PhotoView(
            photo.pk,
            file_url(request, photo.image, public=False) or "",
            TranslatedText.from_json(photo.alt).in_language(language),
        )
        for photo in listing.photos.filter(removed_at__isnull=True)
    ]


def comment_views(listing: Listing, language: str) -> list[CommentView]:
    texts = texts_for(language)
    return [
        CommentView(
            (comment.author.get_full_name() or comment.author.email) if comment.author else "—",
            texts.get(f"decision_{comment.decision}", "") if comment.decision else "",
            comment.created_at,
            comment.body,
        )
        for comment in listing.comments.select_related("author")
    ]
