import { describe, expect, it } from "vitest";
import { openaiProvider } from "../../../src/providers/openai/index.ts";
import { countryOfLocale, userLocationFor } from "../../../src/providers/openai/request.ts";

describe("openai options schema", () => {
  const schema = openaiProvider.optionsSchema;

  it("accepts nothing, an effort, and a full location", () => {
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ reasoningEffort: "minimal" }).success).toBe(true);
    expect(
      schema.safeParse({
        userLocation: { country: "NO", city: "Oslo", region: "Oslo", timezone: "Europe/Oslo" },
      }).success,
    ).toBe(true);
  });

  it("rejects unknown keys (typos), unknown efforts and non-ISO countries", () => {
    expect(schema.safeParse({ reasoningEfort: "low" }).success).toBe(false);
    expect(schema.safeParse({ reasoningEffort: "extreme" }).success).toBe(false);
    expect(schema.safeParse({ userLocation: { country: "Norway" } }).success).toBe(false);
    expect(schema.safeParse({ userLocation: { country: "no" } }).success).toBe(false);
    expect(schema.safeParse({ userLocation: { country: "NO", zip: "0150" } }).success).toBe(false);
  });
});

describe("user location", () => {
  it("takes the country from a locale's region only", () => {
    expect(countryOfLocale("nb-NO")).toBe("NO");
    expect(countryOfLocale("sv-SE")).toBe("SE");
    expect(countryOfLocale("en")).toBeUndefined();
    expect(countryOfLocale("es-419")).toBeUndefined();
    expect(countryOfLocale("not a locale")).toBeUndefined();
    expect(countryOfLocale(undefined)).toBeUndefined();
  });

  it("prefers the configured location over the locale", () => {
    expect(userLocationFor({ userLocation: { country: "DK", city: "Aarhus" } }, "nb-NO")).toEqual({
      type: "approximate",
      country: "DK",
      city: "Aarhus",
    });
    expect(userLocationFor({}, "nb-NO")).toEqual({ type: "approximate", country: "NO" });
    expect(userLocationFor({}, "nb")).toBeUndefined();
  });
});
