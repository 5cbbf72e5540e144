from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from almenhub.core.forms import ModelChoiceField
from almenhub.importer.parsers import SUPPORTED_SUFFIXES, ParseError, decode_page
from almenhub.projects.models import ProgrammePage


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    """Pages to import, checked for type, size and encoding before anything is
    written; each accepted file is then imported on its own."""

    files = MultipleFileField(
        label="Filer",
        help_text="Sider fra det gamle site som .txt, .html eller .htm (UTF-8).",
        widget=MultipleFileInput(attrs={"accept": ".txt,.html,.htm"}),
    )
    programme = ModelChoiceField(
        label="Program",
        queryset=ProgrammePage.objects.none(),
        required=False,
        empty_label="Importerede projekter (oprettes, hvis det mangler)",
        help_text="Projekterne lægges under dette program.",
    )
    dry_run = forms.BooleanField(
        label="Prøvekørsel",
        required=False,
        help_text="Læs og kontrollér filerne, men gem intet.",
    )

    def __init__(
        self,
        *args: Any,
        programmes: QuerySet[ProgrammePage],
        allow_default: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        field.queryset = programmes
        if not allow_default:
            field.required = True
            field.empty_label = None

    def clean_files(self) -> list[tuple[str, UploadedFile]]:
        """The accepted files by name; each is read here to be checked and
        read again when imported, so that only one is in memory at a time."""
        files: list[UploadedFile] = self.cleaned_data["files"]
        max_files: int = settings.IMPORTER_MAX_FILES
        max_bytes: int = settings.IMPORTER_MAX_FILE_BYTES
        if len(files) > max_files:
            raise ValidationError(
                f"Du kan højst uploade {max_files} filer ad gangen "
                f"(du valgte {len(files)})."
            )
        accepted: list[tuple[str, UploadedFile]] = []
        errors: list[str] = []
        for upload in files:
            name = PurePath(upload.name or "").name or "uden navn"
            suffix = PurePath(name).suffix.lower()
            if suffix not in SUPPORTED_SUFFIXES:
                errors.append(
                    f"{name}: filtypen “{suffix or 'uden endelse'}” understøttes "
                    "ikke. Brug .txt, .html eller .htm."
                )
                continue
            if upload.size is not None and upload.size > max_bytes:
                errors.append(
                    f"{name}: filen er for stor ({filesizeformat(upload.size)}; "
                    f"højst {filesizeformat(max_bytes)})."
                )
                continue
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            if data.strip():  # an empty page is reported by the import itself
                try:
                    decode_page(data)
                except ParseError as error:
                    where = f"{name}, linje {error.line}" if error.line else name
                    errors.append(f"{where}: {error.message}")
                    continue
            accepted.append((name, upload))
        if errors:
            raise ValidationError(errors)
        return accepted
