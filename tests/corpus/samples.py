"""Short original texts in the newspaper layout, written for these tests."""

LIBRARY_PAGE = """## 建设书香社会

让县级图书馆成为群众身边的书房

●林知远

县级图书馆连接城市与乡村,是公共文化服务的重要节点。近年来,各地持续加大投入,服务水平不断提升。

## 完善服务网络

图书馆的服务网络决定群众能否方便地借到书,需要从县到村整体谋划。

健全基层阅读服务网络。推动县级图书馆与乡镇文化站、村级农家书屋互联互通,实现图书通借通还。

推广流动图书服务。每月安排流动图书车进村入户,把新书送到群众家门口。

## 提升服务质量

服务质量是图书馆的生命线,关系群众的获得感。

培养专业馆员队伍。加强馆员培训,提升阅读推广和信息检索能力。

(作者单位:某某师范学院)
"""

LIBRARY_TITLE = "让县级图书馆成为群众身边的书房"
LIBRARY_HEADINGS = ["完善服务网络", "提升服务质量"]
LIBRARY_POINTS = ["健全基层阅读服务网络", "推广流动图书服务", "培养专业馆员队伍"]


def make_document(
    text: str = LIBRARY_PAGE, filename: str = "library.md", user=None, visibility=None
):
    """Imported as `user` would (no user: the site's own import, published to everyone)."""
    from corpus.importing import document_import, document_preview

    return document_import(
        preview=document_preview(data=text.encode("utf-8"), user=user),
        filename=filename,
        user=user,
        visibility=visibility,
    ).document
