/** A way a brand is written. `caseSensitive` aliases match only their exact casing (spec §2.2). */
export interface Alias {
  text: string;
  caseSensitive: boolean;
}

/** A brand Sightline tracks: our own (`role: "own"`) or a competitor. */
export interface TrackedBrand {
  /** Identifies the brand in every output, exactly as written in the query file. */
  name: string;
  role: "own" | "competitor";
  /** Every alias, the name included (the name is matched like an alias, spec §2.2). */
  aliases: Alias[];
  /** Registrable domains or hosts the brand owns, lower-case, without scheme or `www.`. */
  domains: string[];
}

/** Third-party domain classes (spec §4). `owned` and `competitor` come from tracked brands instead. */
export const domainCategories = ["ugc", "review", "reference", "news", "video", "other"] as const;
export type ThirdPartyCategory = (typeof domainCategories)[number];
export type DomainCategory = "owned" | "competitor" | ThirdPartyCategory;
