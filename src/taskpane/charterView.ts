import { Lang } from "../rules/types";
import { el } from "./dom";
import { t } from "./i18n";

export function charterView(ui: Lang): HTMLElement {
  return el("section", {}, el("h2", {}, t(ui, "charterTitle")), el("p", { className: "ltc-intro" }, t(ui, "charterIntro")));
}
