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


class SectionHeadingBlock(blocks.CharBlock):
    """A sub-heading of a page whose body follows the page's own h1 directly
    (news, content pages), so it is an h2 there."""

    class Meta:
        icon = "title"
        label = "Mellemrubrik"
        template = "core/blocks/section_heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citat", help_text="Selve citatet.")
    attribution = blocks.CharBlock(
        label="Afsender",
        required=False,
        max_length=200,
        help_text="Hvem der har sagt det, fx “Mette Jensen, driftschef”.",
    )

    class Meta:
        icon = "openquote"
        label = "Citat"
        template = "core/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article or a plain page: text with sub-headings and
    quotes, the body directly under the page's title."""

    heading = SectionHeadingBlock(max_length=200)
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label="Tekst", icon="pilcrow"
    )
    quote = QuoteBlock()

    class Meta:
        template = "core/blocks/body.html"
