import { posix } from "node:path";
import { Readable } from "node:stream";
import { SaxesParser, SaxesTagPlain } from "saxes";
import * as yauzl from "yauzl";
import { a1Bounds, FormulaWithoutValue } from "../reports/table";

/**
 * An .xlsx file read as a package of SpreadsheetML parts (ECMA-376 Part 1),
 * streamed: the zip's central directory says where each part is (yauzl), the
 * small parts (workbook, its relationships, styles, shared strings) are read
 * first, then only the sheets asked for, row by row, through saxes. Values
 * come as ExcelJS's in-memory reader gives them (see SheetRows), so a table
 * read this way is the table read loaded whole.
 */

/** Why a table could not be read (a one-line reason for the command line). */
export class XlsxReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxReadError";
  }
}

/**
 * Why a file is not a readable .xlsx package (not a zip, no workbook part,
 * broken XML): one line, which the command line gives as "FILE is not a
 * readable .xlsx workbook (…)", as for a file ExcelJS cannot load.
 */
export class NotAWorkbook extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotAWorkbook";
  }
}

/** A merged area: 1-based rows and columns, inclusive. */
export interface MergedArea {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** An A1 range as 1-based bounds, the way ExcelJS counts rows and columns. */
export function decodeRef(ref: string): MergedArea {
  const b = a1Bounds(ref);
  if (!b) throw new XlsxReadError(`Unreadable range ${ref}`);
  return { r0: b.r0 + 1, c0: b.c0 + 1, r1: b.r1 + 1, c1: b.c1 + 1 };
}

/** A worksheet of the workbook, in tab order. */
export interface SheetEntry {
  name: string;
  /** state="hidden" or "veryHidden" */
  hidden: boolean;
  /** its part in the package ("xl/worksheets/sheet1.xml"), undefined when the workbook names none */
  part: string | undefined;
}

/** An Excel table (ListObject) as its table part defines it (ECMA-376 Part 1, 18.5.1.2). */
export interface TableDef {
  name: string;
  displayName: string;
  /** A1 range, header and totals rows included */
  ref: string;
  /** headerRowCount, 1 unless the part says 0 (Excel leaves the default out; ExcelJS reads it missing as 0) */
  headerRow: boolean;
  totalsRow: boolean;
}

/** One row's values by 1-based column (holes for cells without a value). */
export type RowSink = (rowNumber: number, values: unknown[]) => void;

/** The OOXML escapes (_x000D_ for CR, …: ECMA-376 Part 1, 22.9.2.19 ST_Xstring), decoded as ExcelJS decodes them. */
export function decodeEscapes(v: string): string {
  return v.includes("_x") ? v.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : v;
}

/**
 * Whether a number format shows a date, by ExcelJS's rule (utils.isDateFmt),
 * so that a number is a Date here exactly when it is one loaded whole: a date
 * or time token (y m d h M s b) outside quoted text and [brackets].
 */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/**
 * The built-in number formats (ECMA-376 Part 1, 18.8.30) that are dates:
 * 14–22 and 45–47, as ExcelJS gives them (its defaultnumformats); and 27–36
 * and 50–58, which the standard leaves to the locale and which are dates and
 * times in every East Asian one (zh-CN 31 is yyyy"年"m"月"d"日"): ExcelJS has
 * no single format code for them and reads them as numbers.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** An Excel serial date as ExcelJS gives it (utils.excelToDate): a UTC Date, to the millisecond. */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

const OFFICE_DOCUMENT = /\/officeDocument$/;

/** An element's name without its namespace prefix ("x:row" → "row"). */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The folder a .rels part's targets are relative to: "xl/worksheets" for xl/worksheets/_rels/sheet1.xml.rels. */
export function relsBase(relsPart: string): string {
  return posix.dirname(posix.dirname(relsPart)).replace(/^\.$/, "");
}

/** A relationship target as a part name: "/xl/tables/table1.xml" or "../tables/table1.xml" from xl/worksheets → xl/tables/table1.xml. */
export function partOf(base: string, target: string): string {
  return target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(base, target));
}

function relsPartOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

/** The 0-based column of a cell reference's letters ("AB12" → 27), or -1 when it has none. */
function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) return i === 0 ? -1 : col;
    col = col * 26 + code - 96;
  }
  return col;
}

/** An open .xlsx package: its sheets in tab order, read on demand. Close it when done. */
export class XlsxPackage {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    readonly sheets: readonly SheetEntry[],
    readonly date1904: boolean,
    private readonly dateStyles: readonly boolean[],
    private readonly sharedStrings: readonly string[],
  ) {}

  /** Opens a file; XlsxReadError when it is not a zip or holds no workbook. */
  static async open(path: string): Promise<XlsxPackage> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (e) {
      throw new NotAWorkbook(`not a zip file: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    }
    try {
      const entries = new Map<string, yauzl.Entry>();
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\//, ""), entry);
      const reader = new PartReader(zip, entries);
      const officeDocument = (await reader.relationships("_rels/.rels")).find((r) => OFFICE_DOCUMENT.test(r.type));
      const workbookPart = officeDocument?.part ?? "xl/workbook.xml";
      if (!entries.has(workbookPart)) throw new NotAWorkbook(`no ${workbookPart} part in the zip`);
      const rels = await reader.relationships(relsPartOf(workbookPart));
      const workbook = await reader.workbook(workbookPart);
      const partById = new Map(rels.map((r) => [r.id, r.part]));
      const sheets = workbook.sheets.map((s) => ({ name: s.name, hidden: s.state !== undefined && s.state !== "visible", part: partById.get(s.rid) }));
      const styles = rels.find((r) => /\/styles$/.test(r.type));
      const strings = rels.find((r) => /\/sharedStrings$/.test(r.type));
      return new XlsxPackage(
        zip,
        entries,
        sheets,
        workbook.date1904,
        styles ? await reader.dateStyles(styles.part) : [],
        strings ? await reader.sharedStrings(strings.part) : [],
      );
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  close(): void {
    this.zip.close();
  }

  /** A sheet's Excel tables, from its relationships to table parts (the sheet's own part is not read). */
  async tables(sheet: SheetEntry): Promise<TableDef[]> {
    if (sheet.part === undefined) return [];
    const reader = new PartReader(this.zip, this.entries);
    const out: TableDef[] = [];
    for (const rel of await reader.relationships(relsPartOf(sheet.part))) {
      if (/\/table$/.test(rel.type) && this.entries.has(rel.part)) out.push(await reader.table(rel.part));
    }
    return out;
  }

  /** Streams a sheet's rows to `sink` in file order; gives its merged areas (they follow the rows in the XML). */
  async readSheet(sheet: SheetEntry, sink: RowSink): Promise<MergedArea[]> {
    if (sheet.part === undefined || !this.entries.has(sheet.part)) throw new XlsxReadError(`Sheet "${sheet.name}" has no worksheet part in the file.`);
    const rows = new SheetRows(this.dateStyles, this.sharedStrings, this.date1904, sink);
    await new PartReader(this.zip, this.entries).parse(sheet.part, rows);
    return rows.merges;
  }
}

interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

interface Relationship {
  id: string;
  type: string;
  part: string;
}

/** Reads the package's parts: whole (small ones) or through saxes as they inflate. */
class PartReader {
  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
  ) {}

  async parse(part: string, handler: XmlHandler): Promise<void> {
    const entry = this.entries.get(part);
    if (!entry) throw new NotAWorkbook(`no ${part} part in the zip`);
    // no line and column tracking: a tenth of the parsing time, and a broken part is refused whole anyway
    const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
    parser.on("opentag", (tag: SaxesTagPlain) => handler.open(localName(tag.name), tag.attributes));
    parser.on("text", (text) => handler.text(text));
    parser.on("closetag", (tag) => handler.close(localName(tag.name)));
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    // decoded as one stream: a character split between two chunks stays whole
    stream.setEncoding("utf8");
    try {
      for await (const chunk of stream) parser.write(chunk as string);
      parser.close();
    } catch (e) {
      stream.destroy();
      if (e instanceof XlsxReadError || e instanceof NotAWorkbook) throw e;
      throw new NotAWorkbook(`${part} is not well-formed XML (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
    }
  }

  /** A .rels part's relationships (none when the part is absent), targets resolved to part names. */
  async relationships(relsPart: string): Promise<Relationship[]> {
    if (!this.entries.has(relsPart)) return [];
    const base = relsBase(relsPart);
    const out: Relationship[] = [];
    await this.parse(relsPart, {
      open(name, a) {
        if (name === "Relationship" && a.TargetMode !== "External" && a.Target !== undefined) out.push({ id: a.Id, type: a.Type ?? "", part: partOf(base, a.Target) });
      },
      text() {},
      close() {},
    });
    return out;
  }

  /** The sheets in tab order (their relationship id) and the date system. */
  async workbook(part: string): Promise<{ sheets: { name: string; state?: string; rid: string }[]; date1904: boolean }> {
    const sheets: { name: string; state?: string; rid: string }[] = [];
    let date1904 = false;
    await this.parse(part, {
      open(name, a) {
        if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
        else if (name === "sheet") {
          // r:id, whatever prefix the file binds to the relationships namespace
          const idKey = Object.keys(a).find((k) => k.endsWith(":id"));
          sheets.push({ name: a.name ?? "", state: a.state, rid: idKey ? a[idKey] : "" });
        }
      },
      text() {},
      close() {},
    });
    return { sheets, date1904 };
  }

  async table(part: string): Promise<TableDef> {
    let def: TableDef | undefined;
    await this.parse(part, {
      open(name, a) {
        if (name !== "table" || def) return;
        def = {
          name: a.name ?? "",
          displayName: a.displayName ?? a.name ?? "",
          ref: a.ref ?? "",
          headerRow: a.headerRowCount === undefined || Number(a.headerRowCount) > 0,
          totalsRow: Number(a.totalsRowCount ?? 0) > 0,
        };
      },
      text() {},
      close() {},
    });
    if (!def) throw new NotAWorkbook(`${part} defines no table`);
    return def;
  }

  /**
   * Which cell styles (cellXfs, by index) show dates. Style 0 never does,
   * as loaded whole (ExcelJS ignores a cell's style id 0).
   */
  async dateStyles(part: string): Promise<boolean[]> {
    const customFormats = new Map<number, string>();
    const formatIds: number[] = [];
    let inCellXfs = false;
    await this.parse(part, {
      open(name, a) {
        if (name === "numFmt") customFormats.set(Number(a.numFmtId), a.formatCode ?? "");
        else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0));
      },
      text() {},
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    });
    return formatIds.map((id, styleId) => {
      if (styleId === 0 || !id) return false;
      const custom = customFormats.get(id);
      return custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id);
    });
  }

  /** The shared strings: rich text runs joined, phonetic runs (rPh) left out, _xHHHH_ escapes decoded. */
  async sharedStrings(part: string): Promise<string[]> {
    const out: string[] = [];
    let text = "";
    let inText = false;
    let phonetic = 0;
    await this.parse(part, {
      open(name) {
        if (name === "si") text = "";
        else if (name === "t") inText = phonetic === 0;
        else if (name === "rPh") phonetic++;
      },
      text(t) {
        if (inText) text += t;
      },
      close(name) {
        if (name === "t") inText = false;
        else if (name === "rPh") phonetic--;
        else if (name === "si") out.push(decodeEscapes(text));
      },
    });
    return out;
  }
}

const enum Capture {
  None,
  Value,
  Formula,
  Inline,
}

/**
 * A worksheet part's rows as plain values, as the in-memory reader
 * (ExcelJS's CellXform, then plainValue) gives them:
 * - a row or cell without r follows the one before it (r is optional:
 *   ECMA-376 Part 1, 18.3.1.73 and 18.3.1.4);
 * - t="s" a shared string, "str" and "inlineStr" text (rich text runs joined,
 *   phonetic runs left out), "b" a boolean, "e" the error code ("#N/A"),
 *   "d" an ISO 8601 date (a UTC Date; ExcelJS reads its year as a number),
 *   otherwise a number: a Date when its style shows a date (1904 system when
 *   the workbook says so);
 * - a formula its cached value, or FormulaWithoutValue when the file has none
 *   (a cell of a shared formula without text names its first cell, as ExcelJS does);
 * - text with _xHHHH_ escapes decoded; empty text is blank (null).
 */
class SheetRows implements XmlHandler {
  readonly merges: MergedArea[] = [];
  private rowNumber = 0;
  private column = 0;
  private values: unknown[] = [];
  private inRow = false;
  private type: string | undefined;
  private style = 0;
  private value: string | undefined;
  private formula: string | undefined;
  private sharedFormulaId: string | undefined;
  private cellRef = "";
  private capture = Capture.None;
  private phonetic = 0;
  /** shared formulas' first cells, by si */
  private readonly sharedFormulaCells = new Map<string, string>();

  constructor(
    private readonly dateStyles: readonly boolean[],
    private readonly sharedStrings: readonly string[],
    private readonly date1904: boolean,
    private readonly sink: RowSink,
  ) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case "c": {
        const ref = a.r;
        const col = ref === undefined ? -1 : columnOfRef(ref);
        this.column = col > 0 ? col : this.column + 1;
        this.cellRef = ref ?? "";
        this.type = a.t;
        this.style = a.s === undefined ? 0 : Number(a.s);
        this.value = undefined;
        this.formula = undefined;
        this.sharedFormulaId = undefined;
        return;
      }
      case "v":
        this.capture = Capture.Value;
        return;
      case "t":
        if (this.phonetic === 0 && this.inRow) this.capture = Capture.Inline;
        return;
      case "f":
        this.capture = Capture.Formula;
        this.formula = "";
        if (a.t === "shared") {
          this.sharedFormulaId = a.si;
          if (a.ref !== undefined && a.si !== undefined) this.sharedFormulaCells.set(a.si, this.cellRef);
        }
        return;
      case "rPh":
        this.phonetic++;
        return;
      case "row": {
        const r = a.r === undefined ? NaN : Number(a.r);
        this.rowNumber = r > 0 ? r : this.rowNumber + 1;
        this.column = 0;
        this.values = [];
        this.inRow = true;
        return;
      }
      case "mergeCell":
        if (a.ref !== undefined) this.merges.push(decodeRef(a.ref));
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    switch (this.capture) {
      case Capture.None:
        return;
      case Capture.Formula:
        this.formula += text;
        return;
      default:
        this.value = this.value === undefined ? text : this.value + text;
    }
  }

  close(name: string): void {
    switch (name) {
      case "v":
      case "t":
      case "f":
        this.capture = Capture.None;
        return;
      case "rPh":
        this.phonetic--;
        return;
      case "c":
        this.values[this.column] = this.cellValue();
        return;
      case "row":
        this.inRow = false;
        this.sink(this.rowNumber, this.values);
        return;
      default:
        return;
    }
  }

  private cellValue(): unknown {
    const v = this.value;
    if (this.formula !== undefined && (this.formula !== "" || this.sharedFormulaId !== undefined)) {
      // ExcelJS keeps a formula's value only when it has text
      if (v === undefined || v === "") return new FormulaWithoutValue(this.formula !== "" ? this.formula : (this.sharedFormulaCells.get(this.sharedFormulaId!) ?? ""));
    }
    if (v === undefined) return null;
    switch (this.type) {
      case "s":
        return this.sharedStrings[Number(v)] || null;
      case "str":
      case "inlineStr":
        return v === "" ? null : decodeEscapes(v);
      case "b":
        return parseInt(v, 10) !== 0;
      case "e":
        return v;
      case "d":
        return isoDate(v);
      default: {
        const n = parseFloat(v);
        return this.dateStyles[this.style] === true ? excelToDate(n, this.date1904) : n;
      }
    }
  }
}

/** An ISO 8601 date of a t="d" cell (ECMA-376 Part 1, 18.17.4.1), as UTC when it names no zone, as ExcelJS gives dates. */
function isoDate(text: string): Date | string {
  const zoned = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(text) || !text.includes("T");
  const d = new Date(zoned ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}
