"""The Word memo's page and type: A4 with margins, page numbers in the footer (a PAGE field),
Chinese fonts for East Asian text (仿宋 for the body, 宋体 for headings, 楷体 for the statute, each
with its English name as the fallback Word and LibreOffice look for) and Latin fonts for the rest,
the styles the memo uses, and bytes that depend only on the memo (no dates, fixed zip entries).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from lxml import etree

from reasoner.render.memo_model import Memo

LATIN = "Times New Roman"
LATIN_HEADING = "Arial"
MONO = "Consolas"
#: East Asian fonts and the names they go by where the Chinese name is not installed.
BODY, HEADING, STATUTE = "仿宋", "宋体", "楷体"
FALLBACK = {"仿宋": "FangSong", "宋体": "SimSun", "楷体": "KaiTi"}

STATUTE_COLOUR = RGBColor(0x5B, 0x3A, 0x00)
MUTED = RGBColor(0x59, 0x59, 0x59)
INK = RGBColor(0x1A, 0x1A, 0x1A)

#: The footer's words around the page number and the count of pages.
PAGE_WORDS = {"zh": ("第 ", " 页，共 ", " 页"), "en": ("Page ", " of ", "")}


def fonts(element: object, latin: str | None, east_asia: str | None) -> None:
    """Set the Latin (ascii, hAnsi) and East Asian fonts of a style's or a run's properties."""
    fonts_of(element.get_or_add_rPr(), latin, east_asia)  # type: ignore[attr-defined]


def fonts_of(rpr: object, latin: str | None, east_asia: str | None) -> None:
    """Set the fonts of run properties (w:rPr): w:rFonts first, theme fonts removed."""
    rfonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # type: ignore[attr-defined]
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    if latin:
        rfonts.set(qn("w:ascii"), latin)
        rfonts.set(qn("w:hAnsi"), latin)
    if east_asia:
        rfonts.set(qn("w:eastAsia"), east_asia)


def new_document(memo: Memo) -> DocumentObject:
    """An empty Word document set up for the memo: page, styles, footer, properties."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(26), Mm(24)
    section.footer_distance = Mm(10)
    _styles(doc, memo.lang)
    _footer(doc, memo.lang)
    _properties(doc, memo)
    _font_table(doc)
    return doc


def _styles(doc: DocumentObject, lang: str) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    fonts(normal.element, LATIN, BODY)
    _defaults(doc)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 16), (2, 14), (3, 12), (4, 11)):
        h = styles[f"Heading {level}"]
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.italic = False
        h.font.color.rgb = INK
        fonts(h.element, LATIN_HEADING, HEADING)
        h.paragraph_format.space_before = Pt(14 if level <= 2 else 10)
        h.paragraph_format.space_after = Pt(6)
        h.paragraph_format.keep_with_next = True
    quote = styles.add_style("Statute Quote", WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = normal
    quote.font.color.rgb = STATUTE_COLOUR
    fonts(quote.element, LATIN, STATUTE)
    quote.paragraph_format.left_indent = Cm(0.8)
    quote.paragraph_format.right_indent = Cm(0.8)
    quote.paragraph_format.space_before = Pt(4)
    quote.paragraph_format.space_after = Pt(6)
    statute = styles.add_style("Statute", WD_STYLE_TYPE.CHARACTER)
    statute.font.color.rgb = STATUTE_COLOUR
    fonts(statute.element, LATIN, STATUTE)
    cite = styles.add_style("Citation", WD_STYLE_TYPE.CHARACTER)
    cite.font.color.rgb = STATUTE_COLOUR
    code = styles.add_style("Code", WD_STYLE_TYPE.CHARACTER)
    code.font.size = Pt(9)
    fonts(code.element, MONO, None)
    tree = styles.add_style("Tree", WD_STYLE_TYPE.PARAGRAPH)
    tree.base_style = normal
    tree.paragraph_format.space_after = Pt(1)
    tree.paragraph_format.first_line_indent = Cm(-0.4)
    intro = styles.add_style("Memo Intro", WD_STYLE_TYPE.PARAGRAPH)
    intro.base_style = normal
    intro.font.color.rgb = MUTED
    intro.paragraph_format.left_indent = Cm(0.4)


def _defaults(doc: DocumentObject) -> None:
    """The document's default run: explicit fonts instead of the template's theme fonts, and Chinese
    as the East Asian language (the template says en-US, which makes Word pick Japanese glyphs)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts_of(rpr, LATIN, BODY)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # Word 2010's copy of the template's styles
            del doc.part.rels[rid]


def _field(paragraph: object, instruction: str) -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the pages: its
    begin, instruction, separator, a placeholder result and end, each in a run of its own."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        run._r.append(el)


def _footer(doc: DocumentObject, lang: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, middle, after = PAGE_WORDS[lang]
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(middle)
    _field(paragraph, "NUMPAGES")
    if after:
        paragraph.add_run(after)


def _properties(doc: DocumentObject, memo: Memo) -> None:
    """Title and author (as much as a property holds); no dates, which would make the same case
    give other bytes."""
    props = doc.core_properties
    props.title = memo.header.title[:255]
    props.subject = memo.header.case_id[:255]
    props.author = "reasoner"
    props.comments = ""
    props.last_modified_by = "reasoner"
    props.keywords = ""
    props.language = "zh-CN" if memo.lang == "zh" else "en"
    props.revision = 1
    element = props._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for el in element.findall(qn(tag)):
            element.remove(el)
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's picture of an empty page
            del package.rels[rid]


def _font_table(doc: DocumentObject) -> None:
    """Name the Chinese fonts in the font table with their English names (w:altName) and the GB2312
    character set, so that a Word or LibreOffice without the Chinese name takes the same font."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = etree.fromstring(part.blob)
    w = table.nsmap["w"]
    for name, alt in FALLBACK.items():
        font = etree.SubElement(table, f"{{{w}}}font", {f"{{{w}}}name": name})
        for tag, value in (("altName", alt), ("charset", "86"), ("family", "auto"), ("pitch", "variable")):
            etree.SubElement(font, f"{{{w}}}{tag}", {f"{{{w}}}val": value})
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def to_bytes(doc: DocumentObject) -> bytes:
    """The document as bytes that depend only on its content: python-docx stamps each zip entry with
    the time of writing; here every entry gets one fixed time, in a fixed order."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
