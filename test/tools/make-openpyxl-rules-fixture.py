#!/usr/bin/python3
"""Writes test/fixtures/other-tools/openpyxl-rules-comment.xlsx: a rules file
(`ltc rules export`) opened and saved by openpyxl with a reviewer's comment on
A1, as a region's analyst might, so `--rules` is tested on the parts openpyxl
writes (absolute targets, xl/comments/comment1.xml with a VML drawing).

Its rulebook is the default with version "east-2027" and the MTO threshold at
3,000,000.00 yuan (owner.settings mtoThresholdFen = 300000000), so a test can
tell it was read. From the repository root:

  npx tsx -e '<write that rulebook as JSON to /tmp/east.json>'   # see test/cli/rules.test.ts custom()
  node bin/ltc rules export --rules /tmp/east.json -o /tmp/east.xlsx
  /usr/bin/python3 test/tools/make-openpyxl-rules-fixture.py /tmp/east.xlsx
"""
import os
import sys

import openpyxl
from openpyxl.comments import Comment

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "other-tools", "openpyxl-rules-comment.xlsx")

wb = openpyxl.load_workbook(sys.argv[1])
wb.worksheets[0]["A1"].comment = Comment("checked by the east region", "reviewer")
wb.save(OUT)
print(f"wrote {OUT}")
