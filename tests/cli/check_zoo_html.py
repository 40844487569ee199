#!/usr/bin/env python3
"""`mls zoo --format html` (issue 25.8): one self-contained page (doctype, inline style, no script) with a
table per kind whose rows are the entries the JSON listing has; `mls zoo search TEXT --format html` the
same for the matches.

usage: check_zoo_html.py MLS"""
import html.parser, json, subprocess, sys

mls = sys.argv[1]
fails = []


class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.first_cells, self.col, self.text = [], [], -1, ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.col = -1
        if tag == "td":
            self.col += 1
            self.text = ""

    def handle_data(self, data):
        self.text += data

    def handle_endtag(self, tag):
        if tag == "td" and self.col == 0:
            self.first_cells.append(self.text)


for args, want in ((["zoo"], None), (["zoo", "search", "H100"], "H100")):
    page = subprocess.run([mls, *args, "--format", "html"], capture_output=True, text=True, check=True).stdout
    listed = [e["name"] for e in json.loads(subprocess.run([mls, *args, "--format", "json"], capture_output=True,
                                                           text=True, check=True).stdout)]
    p = Cells()
    p.feed(page)
    if not page.startswith("<!DOCTYPE html>") or "<style>" not in page or "script" in p.tags:
        fails.append(f"{args}: not one self-contained page")
    if sorted(p.first_cells) != sorted(listed):
        fails.append(f"{args}: {len(p.first_cells)} entries in the page, {len(listed)} in the JSON listing")
    if want and want not in p.first_cells:
        fails.append(f"{args}: lacks {want}")
for f in fails:
    print("FAIL", f)
print(f"zoo html: {len(fails)} problem(s)")
sys.exit(1 if fails else 0)
