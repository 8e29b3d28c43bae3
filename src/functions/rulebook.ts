/* eslint-disable @typescript-eslint/no-explicit-any */
/*
 * The rulebook itself as a function of the LTC namespace: which rules a
 * workbook computes with (its version and content fingerprint).
 */
import { rulebookFingerprint, rulebookStamp } from "../rules/fingerprint";
import { decided } from "../rules/types";
import { invoke } from "./runtime";
import { defineFunction, FunctionSpec } from "./spec";

export const RULESVERSION = defineFunction({
  name: "RULESVERSION",
  help: {
    en: 'The version and content fingerprint of the rulebook this workbook computes with, e.g. "deck-2026.1 · 3f9a0c1d2e4b". The same rules give the same fingerprint on every machine.',
    zh: "本工作簿计算所用规则手册的版本和内容指纹，如 deck-2026.1 · 3f9a0c1d2e4b。规则相同，则在任何电脑、任何区域设置下指纹都相同。",
  },
  result: {
    en: "\"version · fingerprint\" of the workbook's rulebook.",
    zh: "规则手册的“版本 · 指纹”。",
  },
  params: [],
  evaluate: (rb) => {
    const fingerprint = rulebookFingerprint(rb);
    return decided(rulebookStamp(rb), {
      table: "rulebook",
      row: "version",
      text: {
        zh: `规则手册版本 ${rb.version}，内容指纹 ${fingerprint}（规则相同则指纹相同）`,
        en: `Rulebook version ${rb.version}, content fingerprint ${fingerprint} (the same rules give the same fingerprint)`,
      },
    });
  },
});

export const RULEBOOK_FUNCTIONS: FunctionSpec[] = [RULESVERSION];

/**
 * The version and content fingerprint of the rulebook this workbook computes with, e.g. "deck-2026.1 · 3f9a0c1d2e4b". The same rules give the same fingerprint on every machine.
 * @customfunction RULESVERSION
 * @returns "version · fingerprint" of the workbook's rulebook.
 */
export function rulesVersion(): string {
  return invoke(RULESVERSION, []) as string;
}
