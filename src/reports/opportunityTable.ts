import type { StageRow, StatusRow } from "../rules/data/process";
import { attempt, describeInput, isFailure, LtcError, Outcome } from "../rules/errors";
import { isBlank, parseLabel } from "../rules/labels";
import { parseMonths } from "../rules/lead";
import { normalizeLabel } from "../rules/normalize";
import { OpportunityInputs, ScoredLabelRow, shareBand } from "../rules/opportunity";
import { OwnerAnswer, ownerDepartment, OwnerInput, parseAmountFen, parseProjectType, ProjectTypeRow } from "../rules/owner";
import { PaymentInputs } from "../rules/payment";
import { parseStageOrGate, parseStatus } from "../rules/process";
import type { Rulebook } from "../rules/rulebook";
import type { Text } from "../rules/types";
import { isoFromSerial, parseBool, parseDate, parseShare } from "../rules/values";
import { parseProjectClass, ProjectClassRow } from "../rules/team";
import {
  cellOf,
  ColumnDef,
  ColumnIndex,
  columnText,
  DataIssue,
  isEmptyRow,
  ledgerFen,
  mapColumns,
  MoneyUnit,
  moneyUnitOf,
  RawTable,
  readerReason,
} from "./table";

/**
 * The opportunity table a project manager keeps (one row per opportunity),
 * read by header aliases into typed records. Reading never throws for a bad
 * cell: each one becomes a DataIssue naming the row a user sees, the column,
 * the value and why (the rule evaluators' own messages). Only a missing
 * required column throws, as one message naming it and its aliases.
 */

export type OpportunityColumn =
  | "project"
  | "customer"
  | "projectType"
  | "projectClass"
  | "amount"
  | "office"
  | "projectLocation"
  | "customerLocation"
  | "ownerLocation"
  | "partnerLocation"
  | "signingPlace"
  | "condition"
  | "brand"
  | "maturity"
  | "competitorShare"
  | "price"
  | "ownership"
  | "finances"
  | "history"
  | "industry"
  | "sponsor"
  | "pm"
  | "customerRep"
  | "solutionRep"
  | "deliveryRep"
  | "tenderDate"
  | "signingDate"
  | "stage"
  | "status"
  | "lastFollowUp"
  | "monthsToProcurement"
  | BidFactColumn;

/** The columns saying whether a BIDGO veto condition holds, keyed by the BIDGO argument (the rulebook's veto `arg`). */
export const BID_FACT_COLUMNS = ["customerRejects", "noNeed", "offStrategy"] as const;
export type BidFactColumn = (typeof BID_FACT_COLUMNS)[number];

type Def = ColumnDef<OpportunityColumn>;

export const OPPORTUNITY_COLUMNS: readonly Def[] = [
  { key: "project", zh: "项目名称", en: "Project", aliases: ["项目", "项目名", "机会点", "机会点名称", "Project name", "Opportunity"], required: true },
  { key: "customer", zh: "客户", en: "Customer", aliases: ["客户名称", "Customer name", "Client"], required: true },
  { key: "projectType", zh: "项目类型", en: "Project type", aliases: ["类型", "Type"], required: true },
  { key: "projectClass", zh: "项目类别", en: "Project class", aliases: ["类别", "Class"], required: true },
  {
    key: "amount",
    zh: "金额",
    en: "Amount",
    aliases: ["项目金额", "预计金额", "合同金额", "Project amount", "Amount (CNY)", "Value"],
    required: true,
  },
  { key: "office", zh: "代表处", en: "Office", aliases: ["所属代表处", "Representative office"] },
  { key: "projectLocation", zh: "项目所在地", en: "Project location", aliases: ["项目地点", "Project site", "Site"] },
  {
    key: "customerLocation",
    zh: "客户所在地",
    en: "Customer location",
    aliases: ["客户总部所在地", "Customer HQ location", "Customer HQ"],
  },
  { key: "ownerLocation", zh: "业主所在地", en: "Owner location", aliases: ["业主地点", "Project owner location"] },
  { key: "partnerLocation", zh: "配套厂所在地", en: "Partner factory location", aliases: ["配套厂地点", "Partner location"] },
  { key: "signingPlace", zh: "合同签订地", en: "Contract signing place", aliases: ["签订地", "签约地", "Signing place"] },
  { key: "condition", zh: "立项条件", en: "Condition", aliases: ["条件", "主责部门条件", "Owner condition"] },
  {
    key: "brand",
    zh: "品牌认同度",
    en: "Brand recognition",
    aliases: ["公司/产品品牌认同度", "品牌认可度", "Brand"],
  },
  { key: "maturity", zh: "客户成熟度", en: "Customer maturity", aliases: ["成熟度", "Maturity"] },
  {
    key: "competitorShare",
    zh: "竞争对手参与比例",
    en: "Competitor share",
    aliases: ["主要竞争对手参与比例", "竞争对手比例", "Main competitors' share", "Competitors' share"],
  },
  { key: "price", zh: "价格竞争力", en: "Price competitiveness", aliases: ["价格", "Price"] },
  { key: "ownership", zh: "客户企业性质", en: "Customer ownership", aliases: ["企业性质", "客户性质", "Ownership"] },
  { key: "finances", zh: "客户财务状况", en: "Customer finances", aliases: ["财务状况", "Finances"] },
  { key: "history", zh: "客户付款历史", en: "Payment history", aliases: ["付款历史", "Customer payment history"] },
  {
    key: "industry",
    zh: "行业盈利能力",
    en: "Industry profitability",
    aliases: ["行业阶段", "Industry stage", "Industry"],
  },
  { key: "sponsor", zh: "发起人", en: "Sponsor", aliases: ["项目发起人", "Project sponsor"] },
  { key: "pm", zh: "项目经理", en: "PM", aliases: ["Project manager"] },
  { key: "customerRep", zh: "客户代表", en: "Customer rep", aliases: ["Customer representative"] },
  { key: "solutionRep", zh: "解决方案代表", en: "Solution rep", aliases: ["Solution representative"] },
  { key: "deliveryRep", zh: "交付代表", en: "Delivery rep", aliases: ["Delivery representative"] },
  {
    key: "tenderDate",
    zh: "预计招标日期",
    en: "Expected tender date",
    aliases: ["招标日期", "预计招标时间", "Tender date"],
  },
  {
    key: "signingDate",
    zh: "预计签约日期",
    en: "Expected signing date",
    aliases: ["签约日期", "预计签约时间", "Signing date"],
  },
  { key: "stage", zh: "阶段", en: "Stage", aliases: ["LTC阶段", "商机阶段", "所处阶段", "Pipeline stage", "Sales stage"] },
  { key: "status", zh: "状态", en: "Status", aliases: ["商机状态", "项目状态", "Opportunity status"] },
  {
    key: "lastFollowUp",
    zh: "最近跟进日期",
    en: "Last follow-up",
    aliases: ["最近跟进", "最后跟进日期", "上次跟进日期", "Last follow-up date", "Last contact"],
  },
  {
    key: "monthsToProcurement",
    zh: "距采购月数",
    en: "Months to procurement",
    aliases: ["距进入采购程序月数", "距采购(月)", "Months until procurement"],
  },
  {
    key: "customerRejects",
    zh: "客户明确拒绝",
    en: "Customer rejects",
    aliases: ["客户明确拒绝我方产品", "客户明确拒绝我方产品(方案)", "客户拒绝", "Customer rejects our product"],
  },
  { key: "noNeed", zh: "明确无产品需求", en: "No need", aliases: ["无产品需求", "No product need"] },
  {
    key: "offStrategy",
    zh: "不符合销售策略",
    en: "Off strategy",
    aliases: ["不符合公司产品销售策略", "Not in sales strategy"],
  },
];

/** The columns holding the five team members' names, in the deck's role order. */
export const PERSON_COLUMNS = ["sponsor", "pm", "customerRep", "solutionRep", "deliveryRep"] as const;
export type PersonColumn = (typeof PERSON_COLUMNS)[number];

/** The location columns, which a §6 owner department's `place` may name. */
export const PLACE_COLUMNS = [
  "office",
  "projectLocation",
  "customerLocation",
  "ownerLocation",
  "partnerLocation",
  "signingPlace",
] as const;
export type PlaceColumn = (typeof PLACE_COLUMNS)[number];

export const OPPORTUNITY_CRITERIA = ["brand", "maturity", "competitorShare", "price"] as const;
export const PAYMENT_CRITERIA = ["ownership", "finances", "history", "industry"] as const;

export function opportunityColumn(key: OpportunityColumn): Def {
  return OPPORTUNITY_COLUMNS.find((d) => d.key === key)!;
}

/** One opportunity row, typed. Label cells are resolved to their rulebook rows where readable. */
export interface OpportunityRecord {
  /** the worksheet row number a user sees */
  row: number;
  project: string;
  customer: string;
  projectType?: ProjectTypeRow;
  projectClass?: ProjectClassRow;
  /** the type and class cells as typed, for the evaluators that read them */
  typeInput: unknown;
  classInput: unknown;
  amountFen?: number;
  /** location columns as typed (trimmed text) */
  places: Partial<Record<PlaceColumn, string>>;
  /** the §6 condition as typed (the owner evaluator reads it) */
  condition?: string;
  /** the four §4 criteria as typed (raw cell values), for the opportunity evaluator */
  opportunity: OpportunityInputs;
  /** the four §5 criteria as typed (raw cell values), for the payment evaluator */
  payment: PaymentInputs;
  /** true when the column exists and every one of its four criteria was readable */
  opportunityComplete: boolean;
  paymentComplete: boolean;
  /** the people named for the five roles (absent: nobody assigned) */
  people: Partial<Record<PersonColumn, string>>;
  tenderDate?: number;
  signingDate?: number;
  /** the LTC stage (by name or by the gate at its end) */
  stage?: StageRow;
  status?: StatusRow;
  lastFollowUp?: number;
  monthsToProcurement?: number;
  /** the BIDGO veto facts of the columns present (absent: the table has none of them) */
  bidFacts?: Partial<Record<BidFactColumn, boolean>>;
}

export interface OpportunityTable {
  table: RawTable;
  index: ColumnIndex<OpportunityColumn>;
  /** the amount column's unit: its header's (金额(万元)), the title line's (单位：万元) or yuan */
  amountUnit: MoneyUnit;
}

/**
 * Maps the header; throws LtcError (#VALUE!) naming every missing required
 * column and its aliases, or the amount column when its header or a title
 * line states a unit the reader cannot scale.
 */
export function openOpportunityTable(table: RawTable): OpportunityTable {
  const index = mapColumns(table.header, OPPORTUNITY_COLUMNS);
  return { table, index, amountUnit: moneyUnitOf(table, index, opportunityColumn("amount")) };
}

export interface RowReading {
  record?: OpportunityRecord;
  problems: DataIssue[];
}

/** Plain text of a cell for a text field: numbers as typed, dates as ISO. Data text is never interpreted. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * Reads the data row a user sees as `rowNumber`. Returns no record for a row
 * outside the table, an empty row, or a row without a project name; every
 * unreadable cell is a problem.
 */
export function readOpportunityRow(opened: OpportunityTable, rowNumber: number, rb: Rulebook): RowReading {
  const { table, index } = opened;
  const problems: DataIssue[] = [];
  const i = rowNumber - table.firstRowNumber;
  if (!Number.isInteger(rowNumber) || i < 0 || i >= table.rows.length) {
    const last = table.firstRowNumber + table.rows.length - 1;
    problems.push({
      row: rowNumber,
      column: null,
      value: rowNumber,
      reason: {
        zh: `第 ${describeInput(rowNumber)} 行不是该表的数据行（数据行为第 ${table.firstRowNumber}–${last} 行）`,
        en: `row ${describeInput(rowNumber)} is not a data row of the table (rows ${table.firstRowNumber}–${last})`,
      },
    });
    return { problems };
  }
  const cells = table.rows[i];
  if (isEmptyRow(cells)) {
    problems.push({ row: rowNumber, column: null, value: null, reason: { zh: "该行为空", en: "the row is empty" } });
    return { problems };
  }
  const cell = (key: OpportunityColumn) => cellOf(cells, index, key);
  const problem = (key: OpportunityColumn, value: unknown, reason: Text) =>
    problems.push({ row: rowNumber, column: columnText(opportunityColumn(key)), value, reason });
  /** Runs a reader; an LtcError becomes a problem on `key` and the result undefined. */
  const readOrReport = <T>(key: OpportunityColumn, read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof LtcError)) throw e;
      problem(key, cell(key), readerReason(e));
      return undefined;
    }
  };

  const project = cellText(cell("project"));
  if (project === "") problem("project", cell("project"), { zh: "项目名称必填：章程以它命名", en: "Project is required: the charter is named after it" });
  const customer = cellText(cell("customer"));
  if (customer === "") problem("customer", cell("customer"), { zh: "客户必填", en: "Customer is required" });

  const projectType = readOrReport("projectType", () => parseProjectType(rb, cell("projectType"), "projectType"));
  const projectClass = readOrReport("projectClass", () => parseProjectClass(rb, cell("projectClass"), "projectClass"));
  const amountFen = readOrReport("amount", () => readAmountFen(cell("amount"), opened.amountUnit));

  const places: Partial<Record<PlaceColumn, string>> = {};
  for (const key of PLACE_COLUMNS) {
    const text = cellText(cell(key));
    if (text !== "") places[key] = text;
  }
  const condition = cellText(cell("condition")) || undefined;

  const opportunity: OpportunityInputs = {
    brand: cell("brand"),
    maturity: cell("maturity"),
    competitorShare: cell("competitorShare"),
    price: cell("price"),
  };
  const scored = (r: ScoredLabelRow) => r.score;
  const oppChecks: Record<(typeof OPPORTUNITY_CRITERIA)[number], () => unknown> = {
    brand: () => parseLabel(rb.opportunity.brand, opportunity.brand, "brand", { scoreOf: scored }),
    maturity: () => parseLabel(rb.opportunity.maturity, opportunity.maturity, "maturity", { scoreOf: scored }),
    competitorShare: () => shareBand(rb, parseShare(opportunity.competitorShare, "competitorShare")),
    price: () => parseLabel(rb.opportunity.price, opportunity.price, "price", { scoreOf: scored }),
  };
  const opportunityComplete = checkCriteria(OPPORTUNITY_CRITERIA, index, oppChecks, readOrReport);

  const payment: PaymentInputs = {
    ownership: cell("ownership"),
    finances: cell("finances"),
    history: cell("history"),
    industry: cell("industry"),
  };
  const payChecks: Record<(typeof PAYMENT_CRITERIA)[number], () => unknown> = {
    ownership: () => parseLabel(rb.payment.ownership, payment.ownership, "ownership", { scoreOf: scored }),
    finances: () => parseLabel(rb.payment.finances, payment.finances, "finances", { scoreOf: scored }),
    history: () => parseLabel(rb.payment.history, payment.history, "history", { scoreOf: scored }),
    industry: () => parseLabel(rb.payment.industry, payment.industry, "industry", { scoreOf: scored }),
  };
  const paymentComplete = checkCriteria(PAYMENT_CRITERIA, index, payChecks, readOrReport);

  const people: Partial<Record<PersonColumn, string>> = {};
  for (const key of PERSON_COLUMNS) {
    const text = cellText(cell(key));
    if (text !== "") people[key] = text;
  }

  const tenderDate = readOrReport("tenderDate", () => parseDate(cell("tenderDate"), "tenderDate", true));
  const signingDate = readOrReport("signingDate", () => parseDate(cell("signingDate"), "signingDate", true));
  if (tenderDate !== undefined && signingDate !== undefined && signingDate < tenderDate) {
    problem(
      "signingDate",
      cell("signingDate"),
      {
        zh: `预计签约日期 ${isoFromSerial(signingDate)} 早于预计投标日期 ${isoFromSerial(tenderDate)}`,
        en: `signingDate ${isoFromSerial(signingDate)} is before the expected tender date ${isoFromSerial(tenderDate)}`,
      },
    );
  }

  const stage = readOrReport("stage", () => (isBlank(cell("stage")) ? undefined : parseStageOrGate(rb, cell("stage"), "stage")));
  const status = readOrReport("status", () => (isBlank(cell("status")) ? undefined : parseStatus(rb, cell("status"), "status")));
  const lastFollowUp = readOrReport("lastFollowUp", () => parseDate(cell("lastFollowUp"), "lastFollowUp", true));
  const monthsToProcurement = readOrReport("monthsToProcurement", () =>
    isBlank(cell("monthsToProcurement")) ? undefined : parseMonths(cell("monthsToProcurement")),
  );
  let bidFacts: Partial<Record<BidFactColumn, boolean>> | undefined;
  for (const key of BID_FACT_COLUMNS) {
    if (index[key] === undefined) continue;
    bidFacts ??= {};
    const holds = readOrReport(key, () => parseBool(cell(key), key, true));
    if (holds !== undefined) bidFacts[key] = holds;
  }

  if (project === "") return { problems };
  const record: OpportunityRecord = {
    row: rowNumber,
    project,
    customer,
    typeInput: cell("projectType"),
    classInput: cell("projectClass"),
    places,
    opportunity,
    payment,
    opportunityComplete,
    paymentComplete,
    people,
  };
  if (projectType) record.projectType = projectType;
  if (projectClass) record.projectClass = projectClass;
  if (amountFen !== undefined) record.amountFen = amountFen;
  if (condition !== undefined) record.condition = condition;
  if (tenderDate !== undefined) record.tenderDate = tenderDate;
  if (signingDate !== undefined) record.signingDate = signingDate;
  if (stage) record.stage = stage;
  if (status) record.status = status;
  if (lastFollowUp !== undefined) record.lastFollowUp = lastFollowUp;
  if (monthsToProcurement !== undefined) record.monthsToProcurement = monthsToProcurement;
  if (bidFacts) record.bidFacts = bidFacts;
  return { record, problems };
}

/**
 * An amount in fen. In yuan (and for text that states its own 万, "800万") it
 * is read as OWNERDEPT reads amountCNY; in a scaled unit (万元, 千元) by the
 * ledger reader, which scales exactly. Never negative.
 */
function readAmountFen(raw: unknown, unit: MoneyUnit): number {
  if (unit.scale === 1 || isBlank(raw) || (typeof raw === "string" && /万/.test(raw))) return parseAmountFen(raw, "amountCNY");
  const read = ledgerFen(raw, unit);
  if (read.reason) throw new LtcError("#VALUE!", `amountCNY: ${describeInput(raw)} ${read.reason.en}`, "amountCNY");
  if (read.fen < 0) throw new LtcError("#VALUE!", `amountCNY: ${describeInput(raw)} is not accepted; an opportunity's amount cannot be negative`, "amountCNY");
  return read.fen;
}

/** Checks each criterion whose column exists; complete only when all columns exist and read. */
function checkCriteria<K extends OpportunityColumn>(
  keys: readonly K[],
  index: ColumnIndex<OpportunityColumn>,
  checks: Record<K, () => unknown>,
  readOrReport: (key: OpportunityColumn, read: () => unknown) => unknown,
): boolean {
  let complete = true;
  for (const key of keys) {
    if (index[key] === undefined) {
      complete = false;
      continue;
    }
    if (readOrReport(key, checks[key]) === undefined) complete = false;
  }
  return complete;
}

/** Every non-empty data row of the table, as records plus problems. Throws on a missing required column. */
export function readOpportunities(table: RawTable, rb: Rulebook): { records: OpportunityRecord[]; problems: DataIssue[] } {
  const opened = openOpportunityTable(table);
  const records: OpportunityRecord[] = [];
  const problems: DataIssue[] = [];
  table.rows.forEach((cells, i) => {
    if (isEmptyRow(cells)) return;
    const reading = readOpportunityRow(opened, table.firstRowNumber + i, rb);
    if (reading.record) records.push(reading.record);
    problems.push(...reading.problems);
  });
  return { records, problems };
}

/** The column whose header names a place as the rulebook writes it (合同签订地, 项目所在地, …), if any. */
export function placeColumnNamed(place: string): PlaceColumn | undefined {
  const key = normalizeLabel(place);
  for (const col of PLACE_COLUMNS) {
    const def = opportunityColumn(col);
    if ([def.zh, def.en, ...def.aliases].some((a) => normalizeLabel(a) === key)) return col;
  }
  return undefined;
}

/**
 * The owner department of a record (§6, OWNERDEPT), resolved to an office
 * where the department is an office and the place it names (its `place`, or
 * the office / project location) is filled in. A Failure when the type or
 * its inputs are unreadable or §6 has no row.
 */
export function recordOwnerDepartment(record: OpportunityRecord, rb: Rulebook): Outcome<OwnerAnswer> {
  const base: OwnerInput = { projectType: record.typeInput, condition: record.condition };
  if (record.amountFen !== undefined) base.amountFen = record.amountFen;
  const owner = attempt(() => ownerDepartment(rb, base));
  if (isFailure(owner) || owner.value.owner.kind !== "office") return owner;
  const column = ownerPlaceColumn(record, owner.value.owner.place);
  return column ? attempt(() => ownerDepartment(rb, { ...base, location: record.places[column] })) : owner;
}

/** The filled place column an office-type department's `place` names (null: the office, else the project location). */
export function ownerPlaceColumn(record: OpportunityRecord, place: string | null): PlaceColumn | undefined {
  const candidates: PlaceColumn[] =
    place === null
      ? ["office", "projectLocation"]
      : place
          .split("/")
          .map((p) => placeColumnNamed(p))
          .filter((c): c is PlaceColumn => c !== undefined);
  return candidates.find((c) => record.places[c] !== undefined);
}
