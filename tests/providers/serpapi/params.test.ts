import { describe, expect, it } from "vitest";
import { searchUrl } from "../../../src/providers/serpapi/http.ts";
import { googleLocale, searchParams } from "../../../src/providers/serpapi/params.ts";

describe("googleLocale", () => {
  it("maps BCP-47 locales to Google's hl/gl codes", () => {
    expect(googleLocale("nb-NO")).toEqual({ hl: "no", gl: "no" });
    expect(googleLocale("nn-NO")).toEqual({ hl: "no", gl: "no" });
    expect(googleLocale("no")).toEqual({ hl: "no" });
    expect(googleLocale("en-GB")).toEqual({ hl: "en", gl: "uk" });
    expect(googleLocale("sv_SE")).toEqual({ hl: "sv", gl: "se" });
    expect(googleLocale("he-IL")).toEqual({ hl: "iw", gl: "il" });
    expect(googleLocale("zh-Hant-TW")).toEqual({ hl: "zh-tw", gl: "tw" });
    expect(googleLocale("zh-CN")).toEqual({ hl: "zh-cn", gl: "cn" });
    expect(googleLocale("es-419")).toEqual({ hl: "es" });
  });

  it("sends nothing for a missing or unreadable locale", () => {
    expect(googleLocale(undefined)).toEqual({});
    expect(googleLocale("  ")).toEqual({});
    expect(googleLocale("123")).toEqual({});
  });
});

describe("searchParams", () => {
  const question = "Fiken eller Tripletex?";

  it("Google engines get locale-derived hl/gl; Bing Copilot never does", () => {
    const base = { question, locale: "nb-NO", options: {} };
    expect(searchParams({ ...base, engine: "google" })).toEqual({
      engine: "google",
      q: question,
      hl: "no",
      gl: "no",
      no_cache: "true",
    });
    expect(searchParams({ ...base, engine: "bing_copilot" })).toEqual({
      engine: "bing_copilot",
      q: question,
      no_cache: "true",
    });
  });

  it("google_domain only goes to engine=google", () => {
    const options = { googleDomain: "google.no" };
    expect(searchParams({ engine: "google", question, locale: undefined, options }).google_domain).toBe(
      "google.no",
    );
    expect(
      searchParams({ engine: "google_ai_mode", question, locale: undefined, options }),
    ).not.toHaveProperty("google_domain");
  });
});

describe("searchUrl", () => {
  it("appends /search.json to the base URL once", () => {
    expect(searchUrl(undefined).href).toBe("https://serpapi.com/search.json");
    expect(searchUrl("https://serpapi.com/").href).toBe("https://serpapi.com/search.json");
    expect(searchUrl("http://127.0.0.1:4010/search.json").href).toBe("http://127.0.0.1:4010/search.json");
  });
});
