import { luminance, paneTheme } from "../../src/taskpane/theme";

describe("the pane follows the Office theme", () => {
  it("Office's body and control colours become the pane's colour properties", () => {
    const theme = paneTheme({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#262626", controlBackgroundColor: "#F3F3F3", controlForegroundColor: "#000000" });
    expect(theme).toEqual({
      dark: false,
      properties: {
        "--colorNeutralBackground1": "#ffffff",
        "--colorNeutralForeground1": "#262626",
        "--ltcControlBackground": "#f3f3f3",
        "--ltcControlForeground": "#000000",
      },
    });
  });

  it("a dark theme is what Office says (property or older method), else a dark body background", () => {
    const black = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" };
    expect(paneTheme(black)?.dark).toBe(true);
    expect(paneTheme({ ...black, isDarkTheme: false })?.dark).toBe(false);
    expect(paneTheme({ bodyBackgroundColor: "#E6E6E6", bodyForegroundColor: "#262626", isDarkTheme: () => true })?.dark).toBe(true);
    expect(paneTheme({ bodyBackgroundColor: "#666666", bodyForegroundColor: "#FFFFFF" })?.dark).toBe(true); // dark grey
    expect(paneTheme({ bodyBackgroundColor: "#E6E6E6", bodyForegroundColor: "#262626" })?.dark).toBe(false); // colorful / light grey
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1);
  });

  it("nothing usable from Office: the stylesheet's default stays; a half control pair is not used", () => {
    expect(paneTheme(undefined)).toBeNull();
    expect(paneTheme({})).toBeNull();
    expect(paneTheme({ bodyBackgroundColor: "red", bodyForegroundColor: "#000000" })).toBeNull();
    expect(paneTheme({ bodyBackgroundColor: "#fff", bodyForegroundColor: "#000000" })).toBeNull();
    // no markup or CSS can ride in on a colour
    expect(paneTheme({ bodyBackgroundColor: "#000000; background: url(x)", bodyForegroundColor: "#ffffff" })).toBeNull();
    const half = paneTheme({ bodyBackgroundColor: "#000000", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#111111" });
    expect(Object.keys(half!.properties)).toEqual(["--colorNeutralBackground1", "--colorNeutralForeground1"]);
  });
});
