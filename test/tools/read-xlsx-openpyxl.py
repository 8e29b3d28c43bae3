#!/usr/bin/python3
"""Reads an .xlsx file with openpyxl and prints, as JSON, what it sees: every
sheet's cells (value, number format, bold, fill, locked), merges, freeze
panes, tables (ref, columns, calculated column formulas), data validations,
comments, print setup, row breaks, column widths and the workbook's defined
names. test/cli/xlsxWriter.test.ts checks our writer's output with it.

    /usr/bin/python3 test/tools/read-xlsx-openpyxl.py FILE.xlsx
"""
import datetime
import json
import sys

try:
    import openpyxl
except ImportError:
    sys.stderr.write("openpyxl is missing: install Debian's python3-openpyxl (apt-get install python3-openpyxl)\n")
    sys.exit(3)


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def color(fill):
    if fill is None or fill.fill_type is None:
        return None
    return fill.fgColor.rgb if fill.fgColor is not None and fill.fgColor.type == "rgb" else None


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "names": []}
    for dn in wb.defined_names.definedName:
        out["names"].append({"name": dn.name, "localSheetId": dn.localSheetId, "value": dn.attr_text})
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style and c.comment is None:
                    continue
                cells[c.coordinate] = {
                    "value": plain(c.value),
                    "type": c.data_type,
                    "numberFormat": c.number_format,
                    "bold": bool(c.font.b),
                    "fill": color(c.fill),
                    "locked": c.protection.locked,
                    "comment": c.comment.text if c.comment is not None else None,
                }
        tables = []
        for name in ws.tables:
            t = ws.tables[name]
            tables.append({
                "name": t.name,
                "ref": t.ref,
                "columns": [[col.name, col.calculatedColumnFormula.attr_text if col.calculatedColumnFormula is not None else None] for col in t.tableColumns],
            })
        ps = ws.page_setup
        out["sheets"].append({
            "name": ws.title,
            "cells": cells,
            "merges": sorted(str(m) for m in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "tables": tables,
            "validations": [{"type": dv.type, "formula1": dv.formula1, "sqref": str(dv.sqref)} for dv in ws.data_validations.dataValidation],
            "printTitleRows": ws.print_title_rows,
            "print": {
                "paperSize": ps.paperSize,
                "orientation": ps.orientation,
                "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr is not None else None,
                "fitToWidth": ps.fitToWidth,
                "fitToHeight": ps.fitToHeight,
                "margins": {"left": ws.page_margins.left, "top": ws.page_margins.top},
                "footer": ws.oddFooter.center.text,
                "footerRight": ws.oddFooter.right.text,
            },
            "rowBreaks": [b.id for b in ws.row_breaks.brk],
            "tabColor": ws.sheet_properties.tabColor.rgb if ws.sheet_properties.tabColor is not None else None,
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth},
            "hidden": sorted(k for k, v in ws.column_dimensions.items() if v.hidden),
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
