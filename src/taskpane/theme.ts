/**
 * The pane follows the Office theme (Office.context.officeTheme): the body and
 * control colours Office reports become CSS custom properties on the root
 * element, and a dark theme switches the stylesheet's palette
 * (`:root[data-theme="dark"]` in taskpane.css) so that text, borders and
 * status colours stay readable on it. Only custom properties are set, through
 * the CSSOM (allowed by the page's Content-Security-Policy): no markup, no
 * style attribute text.
 */

/** The part of Office.OfficeTheme the pane reads (older hosts expose isDarkTheme as a method). */
export interface OfficeThemeLike {
  bodyBackgroundColor?: unknown;
  bodyForegroundColor?: unknown;
  controlBackgroundColor?: unknown;
  controlForegroundColor?: unknown;
  isDarkTheme?: unknown;
}

export interface PaneTheme {
  dark: boolean;
  /** CSS custom property → colour */
  properties: Record<string, string>;
}

const HEX = /^#?([0-9a-f]{6})$/i;

function hexColor(value: unknown): string | null {
  const m = typeof value === "string" ? HEX.exec(value.trim()) : null;
  return m ? `#${m[1].toLowerCase()}` : null;
}

/** WCAG relative luminance of a #rrggbb colour (0 black … 1 white). */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/**
 * What the pane makes of an Office theme; null when Office reports no usable
 * body colours (the stylesheet's light default stays). Dark is what Office
 * says, or else a body background darker than mid-grey.
 */
export function paneTheme(theme: OfficeThemeLike | null | undefined): PaneTheme | null {
  if (!theme) return null;
  const bodyBackground = hexColor(theme.bodyBackgroundColor);
  const bodyForeground = hexColor(theme.bodyForegroundColor);
  if (!bodyBackground || !bodyForeground) return null;
  const said = typeof theme.isDarkTheme === "function" ? (theme.isDarkTheme as () => unknown)() : theme.isDarkTheme;
  const dark = typeof said === "boolean" ? said : luminance(bodyBackground) < 0.18;
  const properties: Record<string, string> = {
    "--colorNeutralBackground1": bodyBackground,
    "--colorNeutralForeground1": bodyForeground,
  };
  const controlBackground = hexColor(theme.controlBackgroundColor);
  const controlForeground = hexColor(theme.controlForegroundColor);
  // a control colour pair is used only whole: half of one could be unreadable on the other half
  if (controlBackground && controlForeground) {
    properties["--ltcControlBackground"] = controlBackground;
    properties["--ltcControlForeground"] = controlForeground;
  }
  return { dark, properties };
}

/** Applies a theme to the document's root element (see above). */
export function applyPaneTheme(root: HTMLElement, theme: PaneTheme | null): void {
  if (!theme) return;
  root.dataset.theme = theme.dark ? "dark" : "light";
  for (const [name, value] of Object.entries(theme.properties)) root.style.setProperty(name, value);
}
