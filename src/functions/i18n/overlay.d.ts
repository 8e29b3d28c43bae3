/** Types of overlay.js (plain CommonJS so webpack.config.js can require it). */

/** One function's Chinese help: {"description", "result"?, "parameters": {name: text}}. */
export interface ZhText {
  description?: string;
  result?: string;
  parameters?: Record<string, string>;
}

/** The shape of functions.json that the overlay reads (other fields pass through). */
export interface FunctionsMetadata {
  functions: Array<{
    id: string;
    name: string;
    description?: string;
    parameters?: Array<{ name: string; description?: string; [key: string]: unknown }>;
    result?: { description?: string; [key: string]: unknown };
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

export const SUFFIX: ".zh-cn.json";
export function mergeZhTexts(filesByName: Record<string, unknown>): { texts: Record<string, ZhText>; problems: string[] };
export function readZhTexts(dir: string): { texts: Record<string, ZhText>; problems: string[]; files: string[] };
export function overlayZh(
  metadata: FunctionsMetadata,
  texts: Record<string, ZhText>,
): { metadata: FunctionsMetadata; problems: string[] };
