"""StreamField blocks shared by the page types that carry long-form text."""

from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "Mellemrubrik"
        template = "core/blocks/heading.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(max_length=200)
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label="Tekst", icon="pilcrow"
    )

    class Meta:
        template = "core/blocks/body.html"
