/**
 * Pane building blocks: tabs (ARIA tab pattern), labelled fields, radio
 * groups, a status area (aria-live) and the action runner that turns every
 * failure into a message in the pane.
 */
import { TableReadError, TableReadErrorCode } from "../excel/readTable";
import { LtcError } from "../rules/errors";
import { Lang } from "../rules/types";
import { el, replaceChildren, uid } from "./dom";
import { PlainUiKey, t } from "./i18n";

// ---------------------------------------------------------------- tabs

export interface TabSpec {
  id: string;
  label: string;
  panel: HTMLElement;
}

/**
 * A Fluent-style TabList: arrow keys (and Home/End) move between tabs and
 * select them; Tab moves into the panel. Only the selected tab is in the tab order.
 */
export function createTabs(label: string, tabs: readonly TabSpec[]): { list: HTMLElement; panels: HTMLElement[]; select(id: string): void } {
  const list = el("div", { className: "ltc-tabs", attrs: { role: "tablist", "aria-label": label } });
  const buttons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  const select = (id: string, focus = false): void => {
    tabs.forEach((tab, i) => {
      const on = tab.id === id;
      buttons[i].setAttribute("aria-selected", String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
      if (on && focus) buttons[i].focus();
    });
  };
  tabs.forEach((tab, i) => {
    const tabId = `tab-${tab.id}`;
    const panelId = `panel-${tab.id}`;
    const button = el("button", {
      id: tabId,
      className: "ltc-tab",
      attrs: { type: "button", role: "tab", "aria-controls": panelId, "aria-selected": "false" },
      on: {
        click: () => select(tab.id),
        keydown: (e) => {
          const key = e.key;
          let next = -1;
          if (key === "ArrowRight" || key === "ArrowDown") next = (i + 1) % tabs.length;
          else if (key === "ArrowLeft" || key === "ArrowUp") next = (i - 1 + tabs.length) % tabs.length;
          else if (key === "Home") next = 0;
          else if (key === "End") next = tabs.length - 1;
          if (next >= 0) {
            e.preventDefault();
            select(tabs[next].id, true);
          }
        },
      },
    }, tab.label);
    tab.panel.id = panelId;
    tab.panel.classList.add("ltc-panel");
    tab.panel.setAttribute("role", "tabpanel");
    tab.panel.setAttribute("aria-labelledby", tabId);
    tab.panel.tabIndex = -1;
    buttons.push(button);
    panels.push(tab.panel);
    list.appendChild(button);
  });
  if (tabs.length > 0) select(tabs[0].id);
  return { list, panels, select: (id) => select(id) };
}

// ---------------------------------------------------------------- fields

/** A label above a control, wired with for/id. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid("f");
  const hintEl = hint ? el("p", { className: "ltc-hint", id: uid("hint") }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return el("div", { className: "ltc-field" }, el("label", { attrs: { for: control.id } }, label), control, hintEl);
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** A fieldset of radio buttons; returns the group and a getter of the chosen value. */
export function radioGroup<V extends string>(
  legend: string,
  name: string,
  choices: readonly Choice<V>[],
  initial: V,
): { group: HTMLFieldSetElement; value(): V } {
  const inputs: HTMLInputElement[] = [];
  const groupName = uid(name);
  const group = el(
    "fieldset",
    { className: "ltc-fieldset" },
    el("legend", {}, legend),
    el(
      "div",
      { className: "ltc-choices" },
      ...choices.map((choice) => {
        const input = el("input", {
          id: uid(name),
          attrs: { type: "radio", name: groupName },
          props: { value: choice.value, checked: choice.value === initial },
        });
        inputs.push(input);
        return el("label", { className: "ltc-choice" }, input, el("span", {}, choice.label));
      }),
    ),
  );
  return { group, value: () => (inputs.find((i) => i.checked)?.value ?? initial) as V };
}

export function select<V extends string>(choices: readonly Choice<V>[], initial: V): HTMLSelectElement {
  const s = el("select", { className: "ltc-select" });
  for (const c of choices) s.appendChild(el("option", { props: { value: c.value, selected: c.value === initial } }, c.label));
  return s;
}

export function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  return el("button", { className: primary ? "ltc-button ltc-button--primary" : "ltc-button", attrs: { type: "button" }, on: { click: onClick } }, label);
}

// ---------------------------------------------------------------- status

export type MessageKind = "info" | "success" | "warning" | "error";

/**
 * Where a view reports progress and results: a polite live region, so screen
 * readers hear "writing charter 2 of 5" and "3 sheets written". Errors use
 * role=alert inside it.
 */
export class StatusArea {
  readonly element: HTMLElement;

  constructor(label: string, testId?: string) {
    this.element = el("div", {
      className: "ltc-status",
      attrs: { role: "status", "aria-live": "polite", "aria-label": label, "data-testid": testId },
    });
  }

  clear(): void {
    replaceChildren(this.element);
  }

  message(kind: MessageKind, text: string): HTMLElement {
    const p = el("p", { className: `ltc-message ltc-message--${kind}`, attrs: kind === "error" ? { role: "alert" } : {} }, text);
    replaceChildren(this.element, p);
    return p;
  }

  /** A determinate progress bar with its text. */
  progress(text: string, done: number, total: number): void {
    const bar = el("progress", { className: "ltc-progress", props: { max: total, value: done }, attrs: { "aria-label": text } });
    replaceChildren(this.element, el("p", { className: "ltc-message ltc-message--info" }, text), bar);
  }
}

// ---------------------------------------------------------------- actions

/** The message of anything thrown: LtcError, OfficeExtension.Error (with where it failed), Error, other. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const debug = (e as { debugInfo?: { errorLocation?: string } }).debugInfo;
    const where = debug?.errorLocation ? ` (${debug.errorLocation})` : "";
    return `${e.message || e.name}${where}`;
  }
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

const TABLE_READ_TEXT: Record<TableReadErrorCode, PlainUiKey> = {
  noSelection: "readNoSelection",
  emptySelection: "readEmptySelection",
  tableNotFound: "readTableNotFound",
  emptyTable: "readEmptyTable",
};

/**
 * What the pane says about a failure: a rule or data problem (LtcError) is
 * already a sentence for the user, a table that cannot be read is worded in
 * the UI language, anything else is unexpected and says so.
 */
export function userMessage(ui: Lang, e: unknown): string {
  if (e instanceof LtcError) return e.message;
  if (e instanceof TableReadError) return t(ui, TABLE_READ_TEXT[e.code]);
  return t(ui, "failed", { message: errorMessage(e) });
}

/**
 * Runs one user action: disables its button, shows "working", and turns any
 * failure into an error message in the pane (nothing is thrown away). When it
 * ends, focus is back on the button (unless the user has moved it elsewhere).
 * Resolves to true when the action finished without error.
 */
export async function runAction(
  ui: Lang,
  status: StatusArea,
  trigger: HTMLButtonElement | null,
  action: () => Promise<void>,
): Promise<boolean> {
  if (trigger) trigger.disabled = true;
  status.message("info", t(ui, "working"));
  try {
    await action();
    return true;
  } catch (e) {
    status.message("error", userMessage(ui, e));
    return false;
  } finally {
    if (trigger) {
      trigger.disabled = false;
      // Disabling the focused button dropped focus to the page: give it back, so
      // keyboard and screen-reader users go on from where they were.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && trigger.isConnected) trigger.focus();
    }
  }
}
