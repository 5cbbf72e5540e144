from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat

from almenhub.core.forms import ModelChoiceField
from almenhub.importer.addresses import ADDRESSES_FILE, AddressError, addresses_parse
from almenhub.importer.files import ImportSetupError, zip_members, zip_open
from almenhub.importer.parsing import SUPPORTED_SUFFIXES, ParseError, decode_page
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

    # The form's uploaded files (BaseForm.files) are kept apart from its
    # declared fields by Django's metaclass, so this name shadows nothing.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Filer",
        help_text=(
            "Sider fra det gamle site som .txt, .html eller .htm (UTF-8), en "
            "addresses.csv med deres gamle adresser, eller et zip-arkiv af en "
            "mappe med sider. Siderne importeres i den rækkefølge, deres links "
            "kræver: projekter og nyheder før de temasider, der nævner dem."
        ),
        widget=MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.csv,.zip"}),
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
    import_duplicates = forms.BooleanField(
        label="Importér også filer med samme indhold",
        required=False,
        help_text=(
            "Normalt springes en fil over, når den har samme indhold som en "
            "anden fil i samme upload."
        ),
    )

    def __init__(
        self,
        *args: Any,
        programmes: QuerySet[ProgrammePage],
        allow_default: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.skipped: list[str] = []  # why files were left out, for the reader
        self.fields["files"].help_text += f" Højst {max_files()} filer ad gangen."
        field = cast(ModelChoiceField, self.fields["programme"])
        field.queryset = programmes
        if not allow_default:
            field.required = True
            field.empty_label = None

    def clean_files(self) -> list[tuple[str, UploadedFile]]:
        """The accepted files by name; each is read here to be checked and
        read again when imported, so that only one is in memory at a time."""
        files: list[UploadedFile] = self.cleaned_data["files"]
        max_bytes: int = settings.IMPORTER_MAX_FILE_BYTES
        if len(files) > max_files():
            raise ValidationError(too_many_files_message(len(files)))
        accepted: list[tuple[str, UploadedFile]] = []
        errors: list[str] = []
        for upload in files:
            name = PurePath(upload.name or "").name or "uden navn"
            suffix = PurePath(name).suffix.lower()
            if suffix == ".zip":
                errors += _archive_errors(upload, name=name)
                accepted.append((name, upload))
                continue
            if suffix not in SUPPORTED_SUFFIXES and name != ADDRESSES_FILE:
                errors.append(
                    f"{name}: filtypen “{suffix or 'uden endelse'}” understøttes "
                    "ikke. Brug .txt, .html, .htm, addresses.csv eller .zip."
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
            problem = _content_error(name, data)
            if problem:
                errors.append(problem)
                continue
            accepted.append((name, upload))
        if errors:
            raise ValidationError(errors)
        return accepted

    def clean(self) -> dict[str, Any]:
        """Leave out a file whose content equals an earlier one's (under
        another name it would import the same page again), unless asked."""
        cleaned: dict[str, Any] = super().clean() or self.cleaned_data
        files = cleaned.get("files")
        if not files or cleaned.get("import_duplicates"):
            return cleaned
        first_by_content: dict[bytes, str] = {}
        kept: list[tuple[str, UploadedFile]] = []
        for name, upload in files:
            if PurePath(name).suffix.lower() == ".zip" or name == ADDRESSES_FILE:
                kept.append((name, upload))
                continue
            upload.seek(0)
            digest = hashlib.sha256(upload.read()).digest()
            upload.seek(0)
            if digest in first_by_content:
                self.skipped.append(
                    f"{name} har samme indhold som {first_by_content[digest]}"
                )
                continue
            first_by_content[digest] = name
            kept.append((name, upload))
        cleaned["files"] = kept
        return cleaned

    def refuse_too_many_files(self) -> None:
        """Django stopped reading the upload at its file limit (the form's):
        say so on the form, as the other checks do."""
        self.cleaned_data = {}
        self._errors = ErrorDict(
            {"files": self.error_class([too_many_files_message(None)])}
        )


def _content_error(name: str, data: bytes) -> str:
    """What is wrong with a page file's or an address list's content."""
    if PurePath(name).name == ADDRESSES_FILE:
        try:
            addresses_parse(data, where=name)
        except AddressError as error:
            return str(error)
        return ""
    if data.strip():  # an empty page is reported by the import itself
        try:
            decode_page(data)
        except ParseError as error:
            where = f"{name}, linje {error.line}" if error.line else name
            return f"{where}: {error.message}"
    return ""


def _archive_errors(upload: UploadedFile, *, name: str) -> list[str]:
    """An archive is checked as its files would be: no more pages than may
    be uploaded, none too large (as the archive says, before unpacking),
    each page readable."""
    max_bytes: int = settings.IMPORTER_MAX_FILE_BYTES
    archive_bytes: int = settings.IMPORTER_MAX_ARCHIVE_BYTES
    if upload.size is not None and upload.size > archive_bytes:
        return [
            f"{name}: arkivet er for stort ({filesizeformat(upload.size)}; "
            f"højst {filesizeformat(archive_bytes)})."
        ]
    upload.seek(0)
    try:
        archive = zip_open(upload.read(), name=name)
        members = zip_members(archive, name=name)
    except ImportSetupError as error:
        return [str(error)]
    finally:
        upload.seek(0)
    pages = [m for m in members if PurePath(m).name != ADDRESSES_FILE]
    if not pages:
        return [f"{name}: arkivet indeholder ingen sider (.txt, .html eller .htm)."]
    if len(pages) > max_files():
        return [
            f"{name}: arkivet har {len(pages)} sider; højst {max_files()} ad gangen."
        ]
    errors = []
    for member in members:
        size = archive.getinfo(member).file_size
        if size > max_bytes:
            errors.append(
                f"{name}/{member}: filen er for stor ({filesizeformat(size)}; "
                f"højst {filesizeformat(max_bytes)})."
            )
        elif problem := _content_error(f"{name}/{member}", archive.read(member)):
            errors.append(problem)
    return errors


def max_files() -> int:
    return settings.DATA_UPLOAD_MAX_NUMBER_FILES


def too_many_files_message(chosen: int | None) -> str:
    message = f"Du kan højst uploade {max_files()} filer ad gangen"
    return f"{message} (du valgte {chosen})." if chosen is not None else f"{message}."
