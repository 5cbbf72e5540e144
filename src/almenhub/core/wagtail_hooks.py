from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def save_after_autosave_js() -> str:
    # Every editor with an autosave (pages and snippets with revisions).
    return format_html(
        '<script src="{}"></script>', static("core/save-after-autosave.js")
    )
