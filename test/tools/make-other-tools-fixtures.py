#!/usr/bin/python3
"""Writes the workbooks of test/fixtures/other-tools/ with the tools people use
besides Excel, so the reader is tested on their files as they really are:

- openpyxl (Python): absolute part targets (/xl/worksheets/sheet1.xml,
  /xl/tables/table1.xml), comments in xl/comments/comment1.xml with a
  commentsDrawing*.vml, formulas saved without a result.
- LibreOffice Calc (headless --convert-to xlsx): its own zip layout and
  parts, a hidden sheet first, merged cells.

Run from the repository root: /usr/bin/python3 test/tools/make-other-tools-fixtures.py
Needs openpyxl and libreoffice on PATH. The values are fixed; test/cli/xlsxRead.test.ts
states the totals each file must give.
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.table import Table, TableStyleInfo

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "other-tools")
FIXED_TIME = datetime.datetime(2026, 11, 30, 9, 0, 0)


def fixed_properties(wb):
    # reproducible files: no "now" in docProps/core.xml
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "openpyxl fixture"


def openpyxl_table():
    """A cover sheet, then the ledger as an Excel table (ListObject) with comments."""
    wb = Workbook()
    fixed_properties(wb)
    cover = wb.active
    cover.title = "说明"
    cover["A1"] = "应收账款台账：数据见“应收”表"
    ws = wb.create_sheet("应收")
    ws.append(["合同号", "客户", "片区", "金额", "已回款", "到期日"])
    rows = [
        ["HT-2026-001", "国网江苏", "华东", 120000, 20000, datetime.date(2026, 10, 31)],
        ["HT-2026-002", "国网浙江", "华东", 50000.5, 0, datetime.date(2026, 6, 30)],
        ["HT-2026-003", "国网河北", "华北", 80000, 80000, datetime.date(2026, 3, 31)],
        ["HT-2026-004", "国网山西", "华北", 45000, 5000, datetime.date(2025, 9, 30)],
        # openpyxl saves formulas without a result: the reader must say so
        ["HT-2026-005", "国网山西", "华北", "=2*1500", 0, datetime.date(2026, 11, 15)],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    ws.add_table(Table(displayName="Receivables", ref="A1:F6", tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)))
    ws["D1"].comment = Comment("含税金额，单位：元", "财务部")
    ws["E3"].comment = Comment("客户承诺12月付清", "张会计")
    wb.save(os.path.join(OUT, "openpyxl-table-comments.xlsx"))


def openpyxl_ledger():
    """A ledger as finance staff keep it: title rows, a unit line, merged 片区 and 客户 blocks, a comment."""
    wb = Workbook()
    fixed_properties(wb)
    ws = wb.active
    ws.title = "台账"
    ws["A1"] = "应收账款台账（2026年11月）"
    ws.merge_cells("A1:F1")
    ws["A2"] = "单位：万元"
    ws.append(["片区", "客户", "合同号", "金额", "已回款", "到期日"])
    rows = [
        ["华东", "国网江苏", "HT-101", 12.5, 2.5, datetime.date(2026, 10, 31)],
        [None, None, "HT-102", 3, 0, datetime.date(2026, 5, 31)],
        [None, "国网浙江", "HT-103", 0.75, 0, datetime.date(2026, 11, 30)],
        ["华北", "国网河北", "HT-201", 20, 5, datetime.date(2025, 12, 31)],
        [None, None, "HT-202", 8, 8, datetime.date(2026, 1, 31)],
        [None, None, "HT-203", 1.2345, 0, datetime.date(2026, 9, 30)],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=4, min_col=6, max_col=6):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    ws.merge_cells("A4:A6")  # 华东 over three rows
    ws.merge_cells("B4:B5")  # 国网江苏 over two
    ws.merge_cells("A7:A9")  # 华北 over three
    ws.merge_cells("B7:B9")  # 国网河北 over three
    ws["C5"].comment = Comment("补充协议", "李经理")
    wb.save(os.path.join(OUT, "openpyxl-ledger-merged.xlsx"))


def libreoffice_ledger():
    """A hidden old ledger first (same headers, 3 rows), then the ledger in use with a
    title row and merged 片区 blocks, saved by LibreOffice Calc in its own .xlsx layout.

    The source is drafted with openpyxl and converted by LibreOffice, which rewrites every
    part: LibreOffice 7.4 exports a sheet hidden in a flat-ODS source as visible, while it
    keeps the hidden state of an .xlsx source."""
    wb = Workbook()
    fixed_properties(wb)
    header = ["片区", "客户", "合同号", "金额", "到期日"]
    old = wb.active
    old.title = "旧台账"
    old.append(header)
    for i in range(1, 4):
        old.append(["旧", "旧客户", f"OLD-{i}", 999, datetime.date(2020, 1, 1)])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("应收台账")
    ws["A1"] = "应收账款台账（LibreOffice）"
    ws.merge_cells("A1:E1")
    ws.append(header)
    rows = [
        ["华南", "南网广东", "LO-1", 30000, datetime.date(2026, 8, 31)],
        [None, "南网广西", "LO-2", 12000.25, datetime.date(2026, 11, 1)],
        [None, "南网广东", "LO-3", 7000, datetime.date(2024, 6, 30)],
        ["西南", "国网四川", "LO-4", 15000, datetime.date(2026, 2, 28)],
        [None, "国网重庆", "LO-5", 9000, datetime.date(2026, 12, 31)],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=3, min_col=5, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    ws.merge_cells("A3:A5")
    ws.merge_cells("A6:A7")
    wb.active = 1
    work = tempfile.mkdtemp(prefix="ltc-lo-")
    try:
        src = os.path.join(work, "libreoffice-ledger-hidden.xlsx")
        wb.save(src)
        profile = os.path.join(work, "profile")
        subprocess.run(
            ["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx", "--outdir", OUT, src],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    openpyxl_table()
    openpyxl_ledger()
    libreoffice_ledger()
    print("\n".join(sorted(os.listdir(OUT))), file=sys.stderr)
