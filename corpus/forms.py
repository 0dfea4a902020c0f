import base64
import binascii

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from corpus.decoding import document_format
from corpus.importing import ImportFailed, Preview, document_preview

# How the text was read: a text file's encoding, or the document reader that extracted it.
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "pdf", "docx"]


class ImportForm(forms.Form):
    """Upload a file or paste text; a valid form carries the parsed preview.

    With ``background=True`` (the import page) a PDF or Word file is not read here: the form
    carries its bytes in ``document`` for a background job, and the preview comes later.
    """

    upload = forms.FileField(
        label=_("上传文件"),
        required=False,
        help_text=_(
            "PDF、Word（.docx）、.txt 或 .md 文件；文本可为 UTF-8、GB18030/GBK 或 UTF-16 编码。"
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".txt,.md,.markdown,.pdf,.docx,text/plain,text/markdown,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    text = forms.CharField(
        label=_("或粘贴文本"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )

    def __init__(self, *args, background: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.background = background

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("text") or ""
        if self.errors:
            return cleaned
        if upload and text.strip():
            raise forms.ValidationError(_("请只选择一种方式：上传文件或粘贴文本。"), code="both")
        if upload is None and not text.strip():
            raise forms.ValidationError(_("请上传文件或粘贴文本。"), code="missing")
        try:
            if upload is not None:
                data, cleaned["filename"] = (
                    upload.read(settings.DOCUMENT_MAX_BYTES + 1),
                    upload.name,
                )
                is_document = document_format(data) is not None
                if not is_document and len(data) > settings.IMPORT_MAX_BYTES:
                    raise ImportFailed("too_large")
                if is_document and self.background:
                    if len(data) > settings.DOCUMENT_MAX_BYTES:
                        raise ImportFailed("too_large", "document")
                    cleaned["document"] = data
                else:
                    cleaned["preview"] = document_preview(data=data)
            else:
                # A textarea sends CRLF line breaks; they belong to the form, not the text.
                cleaned["preview"] = document_preview(text=text.replace("\r\n", "\n"))
                cleaned["filename"] = ""
        except ImportFailed as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return cleaned


class ConfirmImportForm(forms.Form):
    """The second step: the previewed text travels back exactly, base64-encoded."""

    payload = forms.CharField(widget=forms.HiddenInput, strip=False)
    encoding = forms.ChoiceField(
        choices=[(name, name) for name in ENCODINGS], widget=forms.HiddenInput
    )
    filename = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)

    @classmethod
    def for_preview(cls, preview: Preview, filename: str) -> "ConfirmImportForm":
        payload = base64.b64encode(preview.text.encode("utf-8")).decode("ascii")
        return cls(initial={"payload": payload, "encoding": preview.encoding, "filename": filename})

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            raise forms.ValidationError(_("导入表单已损坏，请重新上传或粘贴。"), code="malformed")
        try:
            text = base64.b64decode(cleaned["payload"], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise forms.ValidationError(
                _("导入表单已损坏，请重新上传或粘贴。"), code="malformed"
            ) from None
        try:
            cleaned["preview"] = document_preview(text=text, encoding=cleaned["encoding"])
        except ImportFailed as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return cleaned


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("搜索标题或作者"), required=False, max_length=100)
