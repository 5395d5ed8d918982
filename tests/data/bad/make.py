#!/usr/bin/env python3
"""Writes the bad-file corpus (tests/data/bad/*.csv): small hostile or awkward extracts, each
with its expected outcome in README.md and asserted by tests/bad_files.rs. Large cases (10,001
columns, a 10 MB line) are generated inside that test, not here.

Run from anywhere: python3 tests/data/bad/make.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = "INCIDENT_NO,RPT_DT,SUSP_ID,OFFENSE_DESC"


def rows(*lines, end="\n"):
    return end.join(lines) + end


def good(n=3, start=1):
    return [f"RMS-{i},2019-03-{i:02d},P{i},ASSAULT" for i in range(start, start + n)]


def zip_entry(name, data):
    """One local file header of a ZIP archive (stored, not compressed)."""
    name = name.encode()
    crc = zlib.crc32(data)
    head = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0)
    return head + name + data


def png():
    ihdr = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk + b"\x00" * 40


FILES = {
    "empty.csv": b"",
    "bom_only.csv": b"\xef\xbb\xbf",
    "blank_lines_only.csv": b"\n\r\n  \n",
    "header_only.csv": (HEADER + "\n").encode(),
    "bom_header_only.csv": ("\ufeff" + HEADER + "\r\n").encode(),
    "png_renamed.csv": png(),
    "zip_renamed.csv": zip_entry("notes.txt", b"\x00\x01\x02 not an extract \x00\x00") + b"\x00" * 32,
    "xlsx_renamed.csv": zip_entry("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types/>")
    + zip_entry("xl/workbook.xml", b"<workbook/>\x00\x00\x00\x00")
    + b"\x00" * 32,
    "xls_renamed.csv": bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\x00" * 120,
    "gzip_renamed.csv": b"\x1f\x8b\x08\x00" + b"\x00" * 60,
    "pdf_renamed.csv": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"\x00\x01\x02\x03" * 10,
    "utf16le_bom.csv": b"\xff\xfe" + rows(HEADER, *good()).encode("utf-16-le"),
    "utf16be_bom.csv": b"\xfe\xff" + rows(HEADER, *good()).encode("utf-16-be"),
    "utf16le_no_bom.csv": rows(HEADER, *good()).encode("utf-16-le"),
    "utf8_bom_then_invalid.csv": b"\xef\xbb\xbf" + rows(HEADER, "RMS-1,2019-03-01,P\xe91,ASSAULT").encode("latin-1"),
    "windows_1252.csv": rows(HEADER, "RMS-1,2019-03-01,P\u00c9REZ-77,ASSAULT", *good(2, 2)).encode("cp1252"),
    "mixed_utf8_windows_1252.csv": rows(HEADER, "RMS-1,2019-03-01,P\u00c9REZ-77,ASSAULT").encode()
    + rows("RMS-2,2019-03-02,P\u00c9REZ-77,ASSAULT", "RMS-3,2019-03-03,P3,ASSAULT").encode("cp1252"),
    "nul_late.csv": rows(HEADER, *good(20)).encode() + b"RMS-99,2019-03-29,P\x0099,ASSAULT\n",
    "ragged_rows.csv": rows(HEADER, "RMS-1,2019-03-01,P1,ASSAULT", "RMS-2,2019-03-02,P2", "RMS-3,2019-03-03,P3,ASSAULT,EXTRA", "RMS-4,2019-03-04,P4,ASSAULT").encode(),
    "unclosed_quote.csv": rows(HEADER, "RMS-1,2019-03-01,P1,ASSAULT", '"RMS-2,2019-03-02,P2,ASSAULT', *good(3, 3)).encode(),
    "stray_quote.csv": rows(HEADER, "RMS-1,2019-03-01,P1,ASSAULT", 'RMS-2,2019-03-02,P2,ASSAULT 12" KNIFE', "RMS-3,2019-03-03,P3,ASSAULT").encode(),
    "quoted_newline.csv": rows(HEADER, 'RMS-1,2019-03-01,P1,"ASSAULT\nDOMESTIC"', *good(2, 2)).encode(),
    "crlf.csv": rows(HEADER, *good(), end="\r\n").encode(),
    "cr_only.csv": rows(HEADER, *good(), end="\r").encode(),
    "mixed_line_ends.csv": (HEADER + "\r\n" + good()[0] + "\n" + good()[1] + "\r" + good()[2] + "\r\n").encode(),
    "blank_lines_between.csv": rows(HEADER, good()[0], "", good()[1], "", "", good()[2]).encode(),
    "date_1900_placeholder.csv": rows(HEADER, *good(), "RMS-8,1900-01-01,P8,ASSAULT", "RMS-9,1900-01-01,P9,ASSAULT").encode(),
    "date_2100.csv": rows(HEADER, *good(), "RMS-9,2100-01-01,P9,ASSAULT").encode(),
    "date_9999_placeholder.csv": rows(HEADER, *good(), "RMS-9,9999-12-31,P9,ASSAULT").encode(),
    "excel_serial_dates.csv": rows(HEADER, "RMS-1,43525,P1,ASSAULT", "RMS-2,43526,P2,ASSAULT", "RMS-3,43527,P3,ASSAULT").encode(),
    "excel_negative_serial.csv": rows(HEADER, "RMS-1,43525,P1,ASSAULT", "RMS-2,-5,P2,ASSAULT", "RMS-3,43527,P3,ASSAULT").encode(),
    "excel_datetime_full_precision.csv": rows(HEADER, "RMS-1,44119.4583333333,P1,ASSAULT", "RMS-2,44120.0416666667,P2,ASSAULT", "RMS-3,44121.5,P3,ASSAULT").encode(),
    "unreadable_dates.csv": rows(HEADER, "RMS-1,yesterday,P1,ASSAULT", "RMS-2,soon,P2,ASSAULT").encode(),
    "us_dates.csv": rows(HEADER, "RMS-1,03/25/2019,P1,ASSAULT", "RMS-2,04/30/2019,P2,ASSAULT", "RMS-3,05/02/2019,P3,ASSAULT").encode(),
    "day_first_dates.csv": rows(HEADER, "RMS-1,25/03/2019,P1,ASSAULT", "RMS-2,30/04/2019,P2,ASSAULT", "RMS-3,02/05/2019,P3,ASSAULT").encode(),
    "ids_spaces_only.csv": rows(HEADER, "RMS-1,2019-03-01,   ,ASSAULT", "RMS-2,2019-03-02,P2,ASSAULT", "RMS-3,2019-03-03,\t ,ASSAULT").encode(),
    "formula_cells.csv": rows(HEADER, 'RMS-1,2019-03-01,P1,"=HYPERLINK(""http://example.invalid"",""x"")"', "RMS-2,2019-03-02,+1,ASSAULT", "RMS-3,2019-03-03,-2,ASSAULT", "RMS-4,2019-03-04,@SUM(A1),ASSAULT").encode(),
    "semicolon_decimal_comma.csv": rows("INCIDENT_NO;RPT_DT;SUSP_ID;OFFENSE_DESC;LOSS_VALUE", "RMS-1;01.03.2019;P1;ASSAULT;12,50", "RMS-2;02.03.2019;P2;ASSAULT;3,75", "RMS-3;03.03.2019;P3;ASSAULT;0,99").encode(),
    "tab_delimited.csv": rows(HEADER.replace(",", "\t"), *[r.replace(",", "\t") for r in good()]).encode(),
    "pipe_delimited.csv": rows(HEADER.replace(",", "|"), *[r.replace(",", "|") for r in good()]).encode(),
    "duplicate_headers.csv": rows("INCIDENT_NO,RPT_DT,SUSP_ID,SUSP_ID,OFFENSE_DESC", "RMS-1,2019-03-01,P1,P9,ASSAULT", "RMS-2,2019-03-02,P2,P9,ASSAULT").encode(),
    "no_date_column.csv": rows("INCIDENT_NO,SUSP_ID,OFFENSE_DESC", "RMS-1,P1,ASSAULT", "RMS-2,P2,ASSAULT").encode(),
    "title_rows.csv": rows("Incident extract,,,", "Printed 2019-04-01,,,", ",,,", HEADER, *good()).encode(),
    "title_no_delimiters.csv": rows("City of Example - IPV incidents", "", "Run by: analyst 7", HEADER, *good()).encode(),
    "pandas_index_column.csv": rows("," + HEADER, *[f"{i},{r}" for i, r in enumerate(good())]).encode(),
    "empty_header_cell.csv": rows("INCIDENT_NO,RPT_DT,,SUSP_ID,OFFENSE_DESC", *[r.replace(",P", ",x,P") for r in good()]).encode(),
    "numeric_header_cell.csv": rows("INCIDENT_NO,RPT_DT,SUSP_ID,OFFENSE_DESC,2019", *[r + ",1" for r in good()]).encode(),
    "headerless.csv": rows(*good()).encode(),
    "total_row.csv": rows(HEADER, *good(), "Total,,,3").encode(),
    "missing_person.csv": rows(HEADER, "RMS-1,2019-03-01,,ASSAULT", *good(2, 2)).encode(),
}


def main():
    for name, data in FILES.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(FILES)} files to {HERE}")


if __name__ == "__main__":
    main()
