"""Word files for the copy-import tests, made with python-docx (no binary fixtures)."""
from __future__ import annotations

from pathlib import Path


def make_docx(path: Path, paragraphs: list) -> Path:
    """Each paragraph: a string, or a list of (text, bold) runs; ("heading", text) for a
    Heading 1 paragraph; ("table", text) for a one-cell table; ("break", a, b) for a
    paragraph with a manual line break between a and b."""
    import docx
    d = docx.Document()
    for p in paragraphs:
        if isinstance(p, str):
            d.add_paragraph(p)
        elif p and p[0] == "heading":
            d.add_heading(p[1], level=1)
        elif p and p[0] == "table":
            d.add_table(rows=1, cols=1).cell(0, 0).text = p[1]
        elif p and p[0] == "break":
            para = d.add_paragraph(p[1])
            para.runs[0].add_break()
            para.add_run(p[2])
        else:
            para = d.add_paragraph()
            for text, bold in p:
                para.add_run(text).bold = bold
    d.save(str(path))
    return path


def add_tracked_change(path: Path, deleted: str, inserted: str) -> Path:
    """Append a paragraph with a tracked deletion and a tracked insertion (w:del, w:ins)."""
    import docx
    from docx.oxml import parse_xml
    d = docx.Document(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d.element.body.insert(len(d.element.body) - 1, parse_xml(
        f'<w:p {w}><w:r><w:t>保留</w:t></w:r>'
        f'<w:del w:id="1" w:author="a"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="a"><w:r><w:t>{inserted}</w:t></w:r></w:ins></w:p>'))
    d.save(str(path))
    return path
