"""Short original pages in the newspaper layout, written for the browser tests."""

RIVER_PAGE = """## 守护绿水青山

让乡村河道重现清澈

●周明澈

河道连着田地，也连着千家万户的日常生活。近年来，不少地方把河道治理纳入乡村建设，水质明显好转。

## 治理污染源头

河水清不清，根子在岸上，需要把生活污水和农业面源污染放在一起考虑。

完善农村污水收集设施。因地制宜建设小型污水处理站，让生活污水不再直排入河。

推行科学施肥用药。引导农户减少化肥农药用量，从源头削减进入河道的污染物。

## 建立长效机制

治河不能一阵风，要让行之有效的做法长期坚持下去。

落实河长巡河责任。村级河长定期巡查，发现问题及时上报处理。

(作者单位:某某农业大学)
"""
RIVER_BANNER = "守护绿水青山"
RIVER_TITLE = "让乡村河道重现清澈"
RIVER_AUTHOR = "周明澈"
RIVER_HEADINGS = ["治理污染源头", "建立长效机制"]
RIVER_POINTS = ["完善农村污水收集设施", "推行科学施肥用药", "落实河长巡河责任"]
RIVER_NOTE = "作者单位:某某农业大学"

READING_PAGE = """## 青年读书会

把经典读进日常

●韩书林

经典常读常新，读书会让青年在交流中把书读深读透。

## 办好读书活动

读书会办得好不好，要看参与的人是否真有收获。

制定分阶段阅读计划。每月选定一本书，按章节安排共读进度。

组织线下交流分享。每次活动留出讨论时间，鼓励成员谈体会、提问题。

(作者单位:某某大学图书馆)
"""
READING_BANNER = "青年读书会"
READING_TITLE = "把经典读进日常"
READING_HEADINGS = ["办好读书活动"]
READING_POINTS = ["制定分阶段阅读计划", "组织线下交流分享"]


def make_document(text: str, filename: str, owner=None):
    """Imported as the site's own text (published), or as `owner`'s, published to everyone."""
    from corpus.importing import document_import, document_preview

    preview = document_preview(data=text.encode("utf-8"), user=owner)
    visibility = "published" if owner is not None else None
    result = document_import(preview=preview, filename=filename, user=owner, visibility=visibility)
    return result.document
