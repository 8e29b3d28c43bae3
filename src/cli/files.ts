import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./io";

/**
 * How the CLI writes files without ever losing the user's data:
 * - an output that is one of the inputs (the same path, or the same file
 *   through a symbolic or hard link) is refused before anything is read;
 * - every file is written to a temporary file beside its target, then renamed
 *   over it, so a failure (disk full, permission, a crash) leaves no truncated
 *   file and an existing file as it was;
 * - several files (one per region) are all or nothing: every temporary file is
 *   written first, then all are renamed; a failure puts back what was there.
 * - file names made from data (region names) are sanitised, bounded and unique.
 */

// ---------------------------------------------------------------- output is not an input

/** True when both paths name one existing file: the same real path, or the same device and inode (a hard link). */
export function sameFile(a: string, b: string): boolean {
  let sa: fs.BigIntStats;
  let sb: fs.BigIntStats;
  try {
    sa = fs.statSync(a, { bigint: true });
    sb = fs.statSync(b, { bigint: true });
  } catch {
    return false; // one of them does not exist: writing it cannot overwrite the other
  }
  if (fs.realpathSync(a) === fs.realpathSync(b)) return true;
  return sa.ino !== 0n && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** Refuses an output that is one of the inputs (a missing input is left to the reader to report). */
export function refuseOutputOverInput(output: string, inputs: readonly (string | undefined)[]): void {
  for (const input of inputs) {
    if (input === undefined || !sameFile(output, input)) continue;
    const how = path.resolve(output) === path.resolve(input) ? "" : ` (${output} is a link to it)`;
    throw new UsageError(`-o ${output} is the input ${input}${how}; it is left untouched: write to another file`);
  }
}

// ---------------------------------------------------------------- atomic writes

/** A file to write: its target path, and a writer that fills the (temporary) path it is given. */
export interface PendingFile {
  target: string;
  write(tempPath: string): Promise<unknown> | unknown;
}

/** Longest UTF-8 prefix of a target's name kept in its temporary file's name (file names are at most 255 bytes). */
const TEMP_NAME_PREFIX_BYTES = 60;

/** A new, empty file beside `target` with a unique name, created exclusively so no other run can share it. */
function reserveTempBeside(target: string, kind: "tmp" | "old"): string {
  const prefix = truncateUtf8(path.basename(target), TEMP_NAME_PREFIX_BYTES);
  for (;;) {
    const temp = path.join(path.dirname(target), `.${prefix}.${process.pid}-${randomBytes(4).toString("hex")}.${kind}`);
    try {
      fs.closeSync(fs.openSync(temp, "wx"));
      return temp;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

/** The path whose contents `-o` means: a symbolic link's target (the link stays), else the path itself. */
function contentPath(target: string): string {
  try {
    if (fs.lstatSync(target).isSymbolicLink()) return fs.realpathSync(target);
  } catch {
    // a missing target, or a dangling link: the path itself is written
  }
  return target;
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // best effort while already failing; the first error is the one reported
  }
}

/** Flushes a written file to disk before it replaces anything. */
function syncToDisk(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/**
 * Writes every file to a temporary file beside its target, then renames them
 * all into place. On any failure no temporary file remains, every target is
 * as it was before (a replaced file is put back from a copy), and the error
 * names the file: "cannot write OUT: reason". One file needs no copy: its
 * rename is atomic.
 */
export async function writeFilesAtomically(files: readonly PendingFile[]): Promise<void> {
  const staged: { target: string; temp: string }[] = [];
  let current = files[0]?.target;
  try {
    for (const f of files) {
      current = f.target;
      const target = contentPath(f.target);
      if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new Error("it exists and is not a file");
      const temp = reserveTempBeside(target, "tmp");
      staged.push({ target, temp });
      await f.write(temp);
      syncToDisk(temp);
      if (fs.existsSync(target)) fs.chmodSync(temp, fs.statSync(target).mode); // a replaced file keeps its permissions
    }
  } catch (e) {
    for (const s of staged) removeQuietly(s.temp);
    throw new Error(`cannot write ${current}: ${reason(e)}`);
  }
  commit(staged);
}

/**
 * Renames the staged files into place. With several files, each replaced
 * target is copied first, so that a failure puts back every target already
 * replaced and removes every one that is new.
 */
function commit(staged: readonly { target: string; temp: string }[]): void {
  const placed: { target: string; backup?: string }[] = [];
  let failing = staged[0]?.target;
  try {
    for (const s of staged) {
      failing = s.target;
      let backup: string | undefined;
      try {
        if (staged.length > 1 && fs.existsSync(s.target)) {
          backup = reserveTempBeside(s.target, "old");
          fs.copyFileSync(s.target, backup);
        }
        fs.renameSync(s.temp, s.target);
      } catch (e) {
        if (backup !== undefined) removeQuietly(backup);
        throw e;
      }
      placed.push({ target: s.target, backup });
    }
  } catch (e) {
    for (const p of placed.reverse()) {
      try {
        if (p.backup !== undefined) fs.renameSync(p.backup, p.target);
        else fs.rmSync(p.target, { force: true });
      } catch {
        // keep putting back the others; the first error is the one reported
      }
    }
    for (const s of staged) removeQuietly(s.temp);
    throw new Error(`cannot write ${failing}: ${reason(e)}`);
  }
  for (const p of placed) if (p.backup !== undefined) removeQuietly(p.backup);
}

/** One file, atomically: see writeFilesAtomically. */
export async function writeFileAtomically(target: string, write: (tempPath: string) => Promise<unknown> | unknown): Promise<void> {
  await writeFilesAtomically([{ target, write }]);
}

// ---------------------------------------------------------------- file names from data

/** Longest UTF-8 length of a data value in a file name: with a prefix, a hash and a date it stays well under 255 bytes. */
export const MAX_NAME_PART_BYTES = 120;

/** The longest prefix of `text` (whole code points) that is at most `bytes` long in UTF-8. */
function truncateUtf8(text: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, "utf8");
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A data value as a readable part of a file name: characters no file system
 * accepts (< > : " / \ | ? * and control characters) become "_", leading and
 * trailing dots and spaces go ("..", a hidden file), and the result is at most
 * MAX_NAME_PART_BYTES long; never empty.
 */
export function fileNamePart(text: string): { part: string; truncated: boolean } {
  // eslint-disable-next-line no-control-regex
  const safe = text.normalize("NFC").replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, "_").replace(/^[.\s]+|[.\s]+$/g, "");
  const bounded = truncateUtf8(safe, MAX_NAME_PART_BYTES).replace(/[.\s]+$/, "");
  return { part: bounded === "" ? "_" : bounded, truncated: bounded !== safe };
}

function shortHash(key: string, length: number): string {
  return createHash("sha256").update(key, "utf8").digest("hex").slice(0, length);
}

/**
 * File-name parts for distinct groups, unique even on case-insensitive file
 * systems. `key` is the group's value (distinct per group), `label` the text
 * to show (a blank region shows as （无片区）). A part is the readable label;
 * when two labels clash after sanitising, or a label was shortened, a short
 * hash of the value is appended ("华北_片区~3f9a0c1d"): the same groups always
 * get the same names.
 */
export function uniqueNameParts(groups: readonly { key: string; label: string }[]): string[] {
  const parts = groups.map((g) => fileNamePart(g.label));
  const fold = (s: string) => s.normalize("NFC").toLowerCase();
  const count = new Map<string, number>();
  for (const p of parts) count.set(fold(p.part), (count.get(fold(p.part)) ?? 0) + 1);
  for (let hashLength = 8; hashLength <= 64; hashLength *= 2) {
    const names = parts.map((p, i) => (p.truncated || count.get(fold(p.part))! > 1 ? `${p.part}~${shortHash(groups[i].key, hashLength)}` : p.part));
    if (new Set(names.map(fold)).size === names.length) return names;
  }
  throw new Error("two groups have the same value"); // distinct keys have distinct sha256 hashes
}
