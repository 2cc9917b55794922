#!/usr/bin/python3
"""Writes the format test inputs made from a plain-text report, with Debian's Python tools.

make_inputs.py REPORT.txt OUTDIR [pdf|docx|md|errors ...]
  pdf:    OUTDIR/report.pdf, typeset with reportlab's built-in STSong-Light CID font: lines
          wrapped by width (and broken inside the first year before 年 and the first decimal
          number of a paragraph), paragraphs indented, a running header and "- N -" page numbers.
  docx:   OUTDIR/report.docx (python-docx): 一、 lines as Heading 1, （一） lines as Heading 2.
  md:     OUTDIR/report.md: YAML front matter, # and ## headings, a whole-line **bold** heading,
          inline **bold** around figures, a list.
  table:  OUTDIR/table.docx: a Heading 1, a paragraph, a 3x3 table, a Heading 2, a paragraph.
  errors: scan.pdf (an image only), corrupt.pdf, encrypted.pdf (user password), nodoc.docx
          (a DOCX whose word/document.xml is missing), notdocx.zip, binary.bin.
Exit status 2 when a module it needs is missing (the caller skips), 0 otherwise.
"""
import io
import os
import re
import sys
import zipfile

HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING2 = re.compile(r"^（[一二三四五六七八九十]+）")


def paragraphs(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f.read().split("\n") if line.strip()]


def forced_breaks(text):
    """Where a line must end: after the first year before 年 and after the first decimal point."""
    out = set()
    m = re.search(r"20\d\d(?=年)", text)
    if m and m.end() > 4:
        out.add(m.end())
    m = re.search(r"\d+\.(?=\d)", text)
    if m and m.end() > 4:
        out.add(m.end())
    return out


def wrap(text, width, font, size, indent):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lines, start, avail = [], 0, width - indent
    breaks = forced_breaks(text)
    while start < len(text):
        end = start
        while end < len(text) and stringWidth(text[start:end + 1], font, size) <= avail:
            end += 1
        end = max(end, start + 1)
        inside = [b for b in breaks if start < b < end]
        if inside and end < len(text):
            end = min(inside)
        lines.append(text[start:end])
        start, avail = end, width
    return lines


def make_pdf(report, out):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    font, size, lead = "STSong-Light", 12, 18
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    c = canvas.Canvas(out, pagesize=(595, 842))
    left, right, top, bottom = 72, 523, 770, 80
    page, y = 1, top

    def furniture():
        c.setFont(font, 9)
        c.drawCentredString(297, 805, "铁西区经济和社会发展计划报告")
        c.drawCentredString(297, 40, "- %d -" % page)
        c.setFont(font, size)

    furniture()
    for i, para in enumerate(paragraphs(report)):
        centred = i < 3  # the title block
        indent = 0 if centred or HEADING1.match(para) else 24
        for k, line in enumerate(wrap(para, right - left, font, size, indent)):
            if y < bottom:
                c.showPage()
                page, y = page + 1, top
                furniture()
            if centred:
                c.drawCentredString(297, y, line)
            else:
                c.drawString(left + (indent if k == 0 else 0), y, line)
            y -= lead
        y -= 6
    c.save()


def make_docx(report, out):
    import docx
    d = docx.Document()
    for para in paragraphs(report):
        if HEADING1.match(para):
            d.add_heading(para, level=1)
        elif HEADING2.match(para):
            d.add_heading(para, level=2)
        else:
            d.add_paragraph(para)
    d.save(out)


def make_md(report, out):
    lines = ["---", "title: 铁西区2022年经济和社会发展计划执行情况报告", "source: https://example.org/tiexi/2022.html",
             "date: 2022-12-14", "region: 铁西区", "collection: test", "---", ""]
    bold_done = False
    for para in paragraphs(report):
        if HEADING1.match(para):
            lines.append(("**%s**" if para.startswith("二") else "# %s") % para)
        elif HEADING2.match(para):
            lines.append("## " + para)
        else:
            if not bold_done and re.search(r"\d+\.\d+亿元", para):
                para = re.sub(r"(\d+\.\d+亿元)", r"**\1**", para, count=1)
                bold_done = True
            lines.append(para)
        lines.append("")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def make_table(out):
    import docx
    d = docx.Document()
    d.add_heading("一、主要指标", level=1)
    d.add_paragraph("全年主要指标如下。")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["指标", "2022年", "增长"], ["地区生产总值", "1200.2亿元", "1.5%"],
                             ["固定资产投资", "405.8亿元", "8.5%"]]):
        for k, cell in enumerate(row):
            t.cell(r, k).text = cell
    d.add_heading("（一）工业", level=2)
    d.add_paragraph("规模以上工业增加值增长0.5%。")
    d.save(os.path.join(out, "table.docx"))


def make_errors(out):
    from reportlab.lib.utils import ImageReader
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    # A "scan": one page holding only a (generated) grey image.
    c = canvas.Canvas(os.path.join(out, "scan.pdf"))
    c.drawImage(_png_reader(), 72, 400, 400, 300)
    c.save()
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    enc = pdfencrypt.StandardEncryption("user-secret", "owner-secret", canPrint=0)
    c = canvas.Canvas(os.path.join(out, "encrypted.pdf"), encrypt=enc)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "地区生产总值完成1200.2亿元，增长1.5%。")
    c.save()
    with open(os.path.join(out, "corrupt.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    with zipfile.ZipFile(os.path.join(out, "nodoc.docx"), "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/styles.xml", '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    with zipfile.ZipFile(os.path.join(out, "notdocx.zip"), "w") as z:
        z.writestr("data.csv", "year,value\n2022,1200.2\n")
    with open(os.path.join(out, "binary.bin"), "wb") as f:
        f.write(bytes(range(256)) * 16)


def _png_reader():
    """A small grey PNG made with zlib (no imaging library needed)."""
    import struct
    import zlib
    from reportlab.lib.utils import ImageReader
    w = h = 16
    raw = b"".join(b"\x00" + b"\x80" * w for _ in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return ImageReader(io.BytesIO(png))


def main():
    report, out, kinds = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    try:
        for kind in kinds:
            if kind == "pdf":
                make_pdf(report, os.path.join(out, "report.pdf"))
            elif kind == "docx":
                make_docx(report, os.path.join(out, "report.docx"))
            elif kind == "md":
                make_md(report, os.path.join(out, "report.md"))
            elif kind == "table":
                make_table(out)
            elif kind == "errors":
                make_errors(out)
    except ImportError as e:
        print("missing Python module: %s" % e.name, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
