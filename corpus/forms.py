import base64
import binascii

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corpus.decoding import document_format
from corpus.importing import (
    ImportFailed,
    Preview,
    document_preview,
    import_allowed,
    suggested_title,
)
from corpus.models import Document

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

    def __init__(self, *args, background: bool = False, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.background, self.user = background, user

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
            import_allowed(self.user, now=timezone.now())
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
                    cleaned["preview"] = document_preview(data=data, user=self.user)
            else:
                # A textarea sends CRLF line breaks; they belong to the form, not the text.
                cleaned["preview"] = document_preview(
                    text=text.replace("\r\n", "\n"), user=self.user
                )
                cleaned["filename"] = ""
        except ImportFailed as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return cleaned


class ConfirmImportForm(forms.Form):
    """The second step: the previewed text travels back exactly, base64-encoded, with who may
    read the new document (a choice for teachers; a learner's texts are their own)."""

    payload = forms.CharField(widget=forms.HiddenInput, strip=False)
    encoding = forms.ChoiceField(
        choices=[(name, name) for name in ENCODINGS], widget=forms.HiddenInput
    )
    filename = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("标题"),
        max_length=300,
        required=False,
        help_text=_("书库里显示的名称，可以修改；空着则用识别出的标题。"),
    )
    visibility = forms.ChoiceField(
        label=_("谁能看到"),
        choices=Document.Visibility.choices,
        initial=Document.Visibility.CLASSES,
        widget=forms.RadioSelect,
        help_text=_("“我的班级”：你所教班级的学员能阅读和学习；“所有人”：发布到文库。"),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")  # the legend is a question, with no colon
        super().__init__(*args, **kwargs)
        self.user = user
        if user is None or not user.has_perm("corpus.publish_document"):
            del self.fields["visibility"]

    @classmethod
    def for_preview(cls, preview: Preview, filename: str, user=None) -> "ConfirmImportForm":
        payload = base64.b64encode(preview.text.encode("utf-8")).decode("ascii")
        initial = {
            "payload": payload,
            "encoding": preview.encoding,
            "filename": filename,
            "title": suggested_title(preview.outline, filename),
        }
        return cls(initial=initial, user=user)

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
            cleaned["preview"] = document_preview(
                text=text, encoding=cleaned["encoding"], user=self.user
            )
        except ImportFailed as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return cleaned


class VisibilityForm(forms.Form):
    """The owner changes who reads a document (teachers; a learner's stay private)."""

    visibility = forms.ChoiceField(
        label=_("谁能看到"), choices=Document.Visibility.choices, widget=forms.RadioSelect
    )


class PageForm(forms.Form):
    """?page= of a paginated page; anything else is the first page."""

    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("搜索标题或作者"), required=False, max_length=100)
