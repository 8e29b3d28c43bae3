import type { LabelRow } from "../labels";
import type { Mark } from "../settings";
import type { Text } from "../types";

/**
 * Rulebook section 7: the project team by project class (项目组基本成员构成及对应角色):
 * which rank each of the five roles requires in each class, and each role's duties.
 */

/** A project class (项目类别). `group` is "regular" for the four 常规 classes. */
export interface ProjectClassRow extends LabelRow {
  group: string | null;
}

/** A team role, in the deck's column order. */
export interface RoleRow extends LabelRow {
  seq: number;
}

/** A rank (the level of person a role requires). */
export type RankRow = LabelRow;

/** One cell of the class × role matrix. */
export interface TeamMatrixRow {
  code: string;
  projectClass: string;
  role: string;
  rank: string;
}

/** A duty of one or more roles (role codes), in order. */
export interface DutyRow extends Text {
  code: string;
  roles: string[];
  seq: number;
  mark: Mark;
}

export interface TeamRules {
  classes: ProjectClassRow[];
  roles: RoleRow[];
  ranks: RankRow[];
  matrix: TeamMatrixRow[];
  duties: DutyRow[];
}

const ROLE_CODES = ["role.sponsor", "role.pm", "role.customer", "role.solution", "role.delivery"] as const;

/** One matrix row of the spec: a class and the ranks of its five roles, in role order. */
function matrixRows(classCode: string, ranks: [string, string, string, string, string]): TeamMatrixRow[] {
  return ROLE_CODES.map((role, i) => ({
    code: `${classCode.replace(/^class\./, "team.")}.${role.replace(/^role\./, "")}`,
    projectClass: classCode,
    role,
    rank: ranks[i],
  }));
}

const MEMBERS = ["role.customer", "role.solution", "role.delivery"];

export const DEFAULT_TEAM: TeamRules = {
  classes: [
    {
      code: "class.regular.general",
      group: "regular",
      zh: "常规-一般项目",
      en: "Regular - general project",
      aliases: ["一般项目", "一般", "常规-一般", "常规一般项目", "常规一般", "regular-general", "regular general", "general", "general project"],
    },
    {
      code: "class.regular.important",
      group: "regular",
      zh: "常规-重要项目",
      en: "Regular - important project",
      aliases: ["重要项目", "重要", "常规-重要", "常规重要项目", "常规重要", "regular-important", "regular important", "important", "important project"],
    },
    {
      code: "class.regular.major",
      group: "regular",
      zh: "常规-重大项目",
      en: "Regular - major project",
      aliases: ["重大项目", "重大", "常规-重大", "常规重大项目", "常规重大", "regular-major", "regular major", "major", "major project"],
    },
    {
      code: "class.regular.extramajor",
      group: "regular",
      zh: "常规-特别重大项目",
      en: "Regular - extra-major project",
      aliases: [
        "特别重大项目",
        "特别重大",
        "常规-特别重大",
        "常规特别重大项目",
        "常规特别重大",
        "regular-extra-major",
        "regular extra-major",
        "extra-major",
        "extra major",
        "extra-major project",
        "especially major",
      ],
    },
    {
      code: "class.provincialtender",
      group: null,
      zh: "省市局集采项目",
      en: "Provincial/municipal bureau tender project",
      aliases: ["省市局集采", "provincial tender", "provincial bureau tender", "provincial/municipal tender"],
    },
    {
      code: "class.gridtender",
      group: null,
      zh: "国南网集采项目",
      en: "State/Southern Grid tender project",
      aliases: ["国南网集采", "grid tender", "State/Southern Grid tender"],
    },
    {
      code: "class.controlled",
      group: null,
      zh: "受控销售项目",
      en: "Controlled-sales project",
      aliases: ["受控销售", "受控", "controlled sales", "controlled"],
    },
    {
      code: "class.strategic",
      group: null,
      zh: "战略类项目",
      en: "Strategic project",
      aliases: ["战略类", "战略项目", "战略", "strategic"],
    },
  ],
  roles: [
    { code: "role.sponsor", seq: 1, zh: "发起人", en: "Sponsor", aliases: ["项目发起人", "project sponsor"] },
    { code: "role.pm", seq: 2, zh: "项目经理", en: "Project manager", aliases: ["PM", "项目负责人"] },
    {
      code: "role.customer",
      seq: 3,
      zh: "客户代表",
      en: "Customer representative",
      aliases: ["customer rep", "AR", "account responsible"],
    },
    {
      code: "role.solution",
      seq: 4,
      zh: "解决方案代表",
      en: "Solution representative",
      aliases: ["方案代表", "solution rep", "SR", "solution responsible"],
    },
    {
      code: "role.delivery",
      seq: 5,
      zh: "交付代表",
      en: "Delivery representative",
      aliases: ["delivery rep", "FR", "fulfilment responsible", "fulfillment responsible"],
    },
  ],
  ranks: [
    { code: "rank.sales2", zh: "销线二级干部", en: "Sales-line level-2 manager", aliases: ["销线二级"] },
    { code: "rank.sales3", zh: "销线三级干部", en: "Sales-line level-3 manager", aliases: ["销线三级"] },
    { code: "rank.sales4", zh: "销线四级干部", en: "Sales-line level-4 manager", aliases: ["销线四级"] },
    { code: "rank.product2", zh: "产线二级干部", en: "Product-line level-2 manager", aliases: ["产线二级"] },
    { code: "rank.accountmanager", zh: "客户经理", en: "Account manager", aliases: [] },
    { code: "rank.marketingmanager", zh: "营销经理", en: "Marketing manager", aliases: [] },
    { code: "rank.engineeringpm", zh: "工程项目经理", en: "Engineering project manager", aliases: [] },
    { code: "rank.productmarketinghead", zh: "产品营销部长", en: "Head of product marketing", aliases: [] },
    { code: "rank.engineeringhead", zh: "工程项目部长", en: "Head of engineering projects", aliases: [] },
    { code: "rank.gridofficedirector", zh: "国南网办主任", en: "Director of the State/Southern Grid office", aliases: [] },
    { code: "rank.productmarketmanager", zh: "产线市场经理", en: "Product-line market manager", aliases: [] },
    { code: "rank.marketinghead", zh: "营销部长", en: "Head of marketing", aliases: [] },
  ],
  matrix: [
    ...matrixRows("class.regular.general", ["rank.sales4", "rank.accountmanager", "rank.accountmanager", "rank.marketingmanager", "rank.engineeringpm"]),
    ...matrixRows("class.regular.important", ["rank.sales3", "rank.sales4", "rank.accountmanager", "rank.marketingmanager", "rank.engineeringpm"]),
    ...matrixRows("class.regular.major", ["rank.sales3", "rank.sales4", "rank.sales4", "rank.marketingmanager", "rank.engineeringpm"]),
    ...matrixRows("class.regular.extramajor", ["rank.sales2", "rank.sales3", "rank.sales4", "rank.productmarketinghead", "rank.engineeringhead"]),
    ...matrixRows("class.provincialtender", ["rank.sales3", "rank.sales4", "rank.accountmanager", "rank.marketingmanager", "rank.engineeringpm"]),
    ...matrixRows("class.gridtender", ["rank.sales2", "rank.sales3", "rank.gridofficedirector", "rank.productmarketinghead", "rank.engineeringhead"]),
    ...matrixRows("class.controlled", ["rank.product2", "rank.sales3", "rank.sales4", "rank.productmarketmanager", "rank.engineeringhead"]),
    ...matrixRows("class.strategic", ["rank.sales2", "rank.sales3", "rank.sales4", "rank.marketinghead", "rank.engineeringhead"]),
  ],
  duties: [
    {
      code: "duty.sponsor.requirements",
      roles: ["role.sponsor"],
      seq: 1,
      zh: "制定项目要求，帮助项目经理获取资金及人员等资源支持",
      en: "Sets the project's requirements and helps the PM get money, people and other resources",
      mark: "deck",
    },
    { code: "duty.sponsor.bonus", roles: ["role.sponsor"], seq: 2, zh: "审核项目奖金分配", en: "Reviews the project's bonus split", mark: "deck" },
    {
      code: "duty.sponsor.performance",
      roles: ["role.sponsor"],
      seq: 3,
      zh: "审定项目成员绩效",
      en: "Approves the members' performance reviews",
      mark: "deck",
    },
    {
      code: "duty.sponsor.budget",
      roles: ["role.sponsor"],
      seq: 4,
      zh: "审定项目销售费用预算方案",
      en: "Approves the project's sales-expense budget",
      mark: "deck",
    },
    { code: "duty.pm.success", roles: ["role.pm"], seq: 1, zh: "对项目的成功负责", en: "Answers for the project's success", mark: "deck" },
    { code: "duty.pm.bonus", roles: ["role.pm"], seq: 2, zh: "制定项目奖金分配方案", en: "Drafts the project's bonus split", mark: "deck" },
    {
      code: "duty.pm.performance",
      roles: ["role.pm"],
      seq: 3,
      zh: "制定项目组成员绩效评估",
      en: "Drafts the members' performance reviews",
      mark: "deck",
    },
    {
      code: "duty.pm.budget",
      roles: ["role.pm"],
      seq: 4,
      zh: "制定项目销售费用预算方案",
      en: "Drafts the project's sales-expense budget",
      mark: "deck",
    },
    {
      code: "duty.member.contacts",
      roles: MEMBERS,
      seq: 1,
      zh: "负责行业总部、设计院、业主单位、总包的销售经理以及对项目有直接影响的人",
      en: "Covers the sales contacts at industry HQ, design institutes, owners and general contractors, and anyone with direct influence on the project",
      mark: "deck",
    },
    {
      code: "duty.member.listed",
      roles: MEMBERS,
      seq: 2,
      zh: "由项目经理制定名单，发起人审核",
      en: "Listed by the PM, reviewed by the sponsor",
      mark: "deck",
    },
    {
      code: "duty.member.tasks",
      roles: MEMBERS,
      seq: 3,
      zh: "项目组成员在项目运作过程中对项目经理分配任务负责",
      en: "Answers to the PM for the tasks the PM assigns",
      mark: "deck",
    },
    {
      code: "duty.customer.bidsite",
      roles: ["role.customer"],
      seq: 4,
      zh: "开标现场及时反馈现场信息；失标后负责挽回和客户回访",
      en: "Reports from the bid opening as it happens; after a loss, works to recover the bid and revisits the customer",
      mark: "deck",
    },
    {
      code: "duty.solution.review",
      roles: ["role.solution"],
      seq: 4,
      zh: "收到投标反馈表后完成标后总结",
      en: "Writes the post-bid review once the bid feedback form arrives",
      mark: "deck",
    },
    {
      code: "duty.delivery.fulfil",
      roles: ["role.delivery"],
      seq: 4,
      zh: "负责交付计划制定与跟踪、发货指令下达和到货验收",
      en: "Plans and tracks delivery, issues shipping instructions and sees acceptance on arrival through",
      mark: "default",
    },
  ],
};
