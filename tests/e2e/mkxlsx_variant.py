#!/usr/bin/env python3
"""Writes hand-made .xlsx workbooks for tests/e2e/xlsx.sh: the XML that
Excel and other writers produce but libxlsxwriter does not (prefixed
namespaces, inline and rich-text strings with phonetic runs, cells and rows
that skip, cells without references, formulas, booleans, errors, _xHHHH_
escapes, a chart sheet before the first worksheet), broken variants, and
dates1904: date cells in the 1904 date system (<workbookPr date1904="1"/>),
with prefixed namespaces in xl/styles.xml.

usage: mkxlsx_variant.py KIND OUT.xlsx
KIND: good | badxml | order | cellorder | bigsst | nowb | doctype | badsst | empty | dates1904
"""
import sys
import zipfile

kind, out = sys.argv[1], sys.argv[2]
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PR = 'http://schemas.openxmlformats.org/package/2006/relationships'

workbook = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{NS}" xmlns:r="{R}"><sheets>
<sheet name="Діаграма" sheetId="2" r:id="rId9"/>
<sheet name="Звернення" sheetId="1" r:id="rId1"/>
</sheets></workbook>'''
rels = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PR}">
<Relationship Id="rId9" Type="{R}/chartsheet" Target="chartsheets/sheet1.xml"/>
<Relationship Id="rId1" Type="{R}/worksheet" Target="./worksheets/../worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{R}/sharedStrings" Target="/xl/sharedStrings.xml"/>
</Relationships>'''
sst = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{NS}" count="3" uniqueCount="3">
<si><t>ПІБ</t></si>
<si><t>Дата</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Шевченко </t></r><r><t>Тарас Григорович</t></r><rPh sb="0" eb="1"><t>фонетика</t></rPh></si>
</sst>'''
rows = '''<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Телефон</x:t></x:is></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="str"><x:v>Примітка</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">Коваленко </x:t></x:r><x:r><x:t>Олена Петрівна</x:t></x:r><x:rPh sb="0" eb="1"><x:t>фонетика</x:t></x:rPh></x:is></x:c><x:c r="B3" s="1"><x:v>380671234567</x:v></x:c><x:c r="D3" t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="4" spans="1:4"/>
<x:row r="7"><x:c r="B7" t="inlineStr"><x:is><x:t>тел. 067-123-45-67 &amp; &lt;ok&gt; &#1050;</x:t></x:is></x:c><x:c r="C7" t="b"><x:v>1</x:v></x:c><x:c r="D7" t="e"><x:v>#N/A</x:v></x:c></x:row>
<x:row><x:c t="str"><x:f>A1&amp;"!"</x:f><x:v>формула</x:v></x:c><x:c s="2"><x:v>45306</x:v></x:c><x:c t="inlineStr"><x:is><x:t>a_x0041_b</x:t></x:is></x:c></x:row>
'''
if kind == 'badxml':
    rows += '<x:row r="9"><x:c r="A9" t="inlineStr"><x:is><x:t>Коваленко Олена</x:is></x:c></x:row>\n'
elif kind == 'order':
    rows += '<x:row r="5"><x:c r="A5"><x:v>1</x:v></x:c></x:row>\n'
elif kind == 'cellorder':
    rows += '<x:row r="9"><x:c r="C9"><x:v>1</x:v></x:c><x:c r="A9"><x:v>2</x:v></x:c></x:row>\n'
elif kind == 'badsst':
    rows += '<x:row r="9"><x:c r="B9" t="s"><x:v>3</x:v></x:c></x:row>\n'
elif kind == 'empty':
    rows = ''
sheet = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="{NS}" xmlns:r="{R}"><x:dimension ref="A1:D8"/><x:sheetData>
{rows}</x:sheetData></x:worksheet>'''
styles = None
if kind == 'dates1904':
    # 15.01.1985 is 31062 in the 1900 system, 31062 - 1462 in the 1904 one.
    workbook = workbook.replace('<sheets>', '<workbookPr date1904="true"/><sheets>')
    rows = '''<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Дата народження</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Дата рішення</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2" s="1"><x:v>29600</x:v></x:c><x:c r="C2" s="2"><x:v>43923</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="B3" s="2"><x:v>30789</x:v></x:c><x:c r="C3" s="3"><x:v>0.5</x:v></x:c></x:row>
'''
    rels = rels.replace('</Relationships>', f'<Relationship Id="rId3" Type="{R}/styles" Target="styles.xml"/></Relationships>')
    styles = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<s:styleSheet xmlns:s="{NS}"><s:numFmts count="1"><s:numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></s:numFmts>
<s:cellXfs count="4"><s:xf numFmtId="0"/><s:xf numFmtId="14"/><s:xf numFmtId="164"/><s:xf numFmtId="22"/></s:cellXfs></s:styleSheet>'''
    sheet = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="{NS}" xmlns:r="{R}"><x:sheetData>
{rows}</x:sheetData></x:worksheet>'''
if kind == 'doctype':
    sheet = sheet.replace('<x:worksheet', '<!DOCTYPE x [<!ENTITY a "Коваленко">]>\n<x:worksheet', 1)
if kind == 'bigsst':
    sst = sst.replace('</sst>', ''.join(f'<si><t>Рядок номер {i} для перевірки межі</t></si>' for i in range(200)) + '</sst>')

with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    if kind != 'nowb':
        z.writestr('xl/workbook.xml', workbook)
    z.writestr('xl/_rels/workbook.xml.rels', rels)
    z.writestr('xl/sharedStrings.xml', sst)
    z.writestr('xl/worksheets/sheet1.xml', sheet)
    if styles:
        z.writestr('xl/styles.xml', styles)
